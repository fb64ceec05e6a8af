"""examples/python/roster.py runs and prints the expected rosters."""

import os
import subprocess
import sys
import unittest

from pysupport import SOURCE_DIR, TempDirTest

EXAMPLE = os.path.join(SOURCE_DIR, "examples", "python", "roster.py")


class RosterExample(TempDirTest):
    def test_roster(self):
        store = self.path("roster.db")
        for _ in range(2):  # it starts afresh each time
            out = subprocess.run([sys.executable, "-B", EXAMPLE, store], check=True, capture_output=True,
                                 text=True, timeout=60).stdout
        self.assertIn("  Dara Byrne joins: waitlisted", out)
        self.assertIn("  Refused (already): ", out)
        self.assertIn("1 promoted from the waitlist", out)
        january = out.split("Roster on 2026-01-13:\n")[1].split("Roster on")[0].splitlines()
        march = out.split("Roster on 2026-03-03:\n")[1].splitlines()
        self.assertEqual([line.split("  ")[1].strip() for line in january],
                         ["Dr Mina Okafor", "Asha Patel", "Ben Carter", "Chen Wei"])
        self.assertEqual([line.split("  ")[1].strip() for line in march],
                         ["Dr Mina Okafor", "Ben Carter", "Chen Wei", "Dara Byrne"])
        self.assertIn("facilitator", march[0])
        self.assertTrue(march[3].endswith("since 2026-02-01"))
        self.assertTrue(os.path.exists(store))


if __name__ == "__main__":
    unittest.main()
