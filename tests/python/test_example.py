"""The examples in examples/python run and print what they promise."""

import os
import subprocess
import sys
import unittest

from pysupport import SOURCE_DIR, TempDirTest

EXAMPLE = os.path.join(SOURCE_DIR, "examples", "python", "roster.py")


def run(name, *args):
    script = os.path.join(SOURCE_DIR, "examples", "python", name)
    return subprocess.run([sys.executable, "-B", script, *args], check=True, capture_output=True, text=True,
                          timeout=60).stdout


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



class ScheduleExample(TempDirTest):
    def test_schedule(self):
        ics = self.path("schedule.ics")
        for _ in range(2):  # it starts afresh each time
            out = run("schedule.py", self.path("schedule.db"), ics)
        lines = out.splitlines()
        self.assertEqual(lines[0], "Cadence of 'Student support GRP': FREQ=MONTHLY;BYDAY=1TU at 14:00 "
                                   "Europe/London, 90 minutes")
        before = lines[2:8]
        self.assertEqual([line.split(" Europe/London")[0].strip() for line in before],
                         ["Tue 01 Dec 2026 14:00", "Tue 05 Jan 2027 14:00", "Tue 02 Feb 2027 14:00",
                          "Tue 02 Mar 2027 14:00", "Tue 06 Apr 2027 14:00", "Tue 04 May 2027 14:00"])
        self.assertIn("(13:00 UTC)", before[4])  # British Summer Time from 28 March
        after = lines[9:15]
        self.assertIn("cancelled", after[2])
        self.assertIn("Tue 09 Mar 2027 10:00", after[3])
        self.assertIn("moved", after[3])
        self.assertTrue(after[0].endswith("presenter: Asha Patel"))
        self.assertTrue(after[4].endswith("presenter: Asha Patel"))  # the rota comes round again
        self.assertIn("The next session after 01 February 2027 is on 09 March at 10:00", out)
        with open(ics, newline="") as f:
            text = f.read()
        self.assertTrue(text.startswith("BEGIN:VCALENDAR\r\n"))
        self.assertIn("\r\nRRULE:FREQ=MONTHLY;BYDAY=1TU\r\n", text)
        self.assertIn("\r\nEXDATE;TZID=Europe/London:20270202T140000\r\n", text)
        self.assertIn("@northfield.example.ac.uk\r\n", text)
        self.assertIn(f"Wrote {ics} (2 events)", out)


class GoalsExample(TempDirTest):
    def test_goals(self):
        out = run("goals.py", self.path("goals.db"))
        self.assertIn("Asha Patel's goal: 'Hold boundaries with demanding students' by 2026-06-30, 40% done", out)
        self.assertIn("  [x] Read the service's boundaries policy (due 2026-02-01)", out)
        owner = out.split("Asha Patel (the owner):\n")[1].split("Dr Mina")[0]
        facilitator = out.split("Dr Mina Okafor (facilitator):\n")[1].split("Ben Carter")[0]
        member = out.split("Ben Carter (another member):\n")[1].split("Omar")[0]
        admin = out.split("Omar Haddad (organisation admin):\n")[1].split("Omar Haddad sees")[0]
        for seen in (owner, facilitator):
            self.assertIn("history: 20% on 2026-01-20, 40% on 2026-02-03", seen)
            self.assertIn("['Hold boundaries with demanding students']", seen)
        for seen in (member, admin):
            self.assertIn("refused (access denied", seen)
            self.assertIn("goals of the group it may list: []", seen)
        self.assertIn("Omar Haddad sees the themes raised to the organisation: ['Caseloads doubled since September']",
                      out)
        self.assertIn("Reminder for Dr Mina Okafor: 'Practise saying no in role play' due on 2026-04-07", out)


if __name__ == "__main__":
    unittest.main()
