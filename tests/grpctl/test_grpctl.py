"""grpctl driven as a user drives it: through its command line, checking stdout, stderr and exit codes.

Run by ctest with the built grpctl and the man page:
    python3 test_grpctl.py GRPCTL MANPAGE
"""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

GRPCTL = None
MANPAGE = None

OCC1 = "1@2026-01-06T10:00"  # the group's first session (first Tuesday, 10:00 London = UTC in winter)


class Cli(unittest.TestCase):
    """A fresh directory per test; the store is 'groups.db' in it unless a test says otherwise."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="grpctl-test-")
        self.db = os.path.join(self.dir, "groups.db")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_cli(self, *args, db=True, stdin=None, env=None):
        e = {k: v for k, v in os.environ.items() if k != "GRP_DB"}
        if env:
            e.update(env)
        argv = [GRPCTL] + (["--db", self.db] if db else []) + list(args)
        p = subprocess.run(argv, input=stdin, capture_output=True, text=True, cwd=self.dir, env=e, timeout=60)
        # In a sanitizer build a report must fail the test even where a non-zero exit is expected.
        self.assertNotIn("Sanitizer", p.stderr)
        self.assertNotIn("runtime error:", p.stderr)
        return p.returncode, p.stdout, p.stderr

    def ok(self, *args, **kw):
        rc, out, err = self.run_cli(*args, **kw)
        self.assertEqual(rc, 0, f"grpctl {' '.join(args)}: {err}")
        self.assertEqual(err, "")
        return out

    def js(self, *args, **kw):
        return json.loads(self.ok("--json", *args, **kw))

    def fails(self, code, fragment, *args, **kw):
        rc, out, err = self.run_cli(*args, **kw)
        self.assertEqual(rc, code, f"grpctl {' '.join(args)}: {err}")
        self.assertIn(fragment, err)
        self.assertEqual(out, "")
        return err

    def build_group(self):
        """An organisation, five people, an active group of capacity 4 with a facilitator and three members."""
        self.ok("org", "add", "Northfield University", "--ref", "NU")
        for name, role in [("Asha Patel", "adviser"), ("Ben Okafor", "adviser"), ("Chen Li", "adviser"),
                           ("Dana Reid", "psychologist"), ("Eve Stone", "adviser")]:
            self.ok("person", "add", "--org", "1", name, "--role", role)
        self.ok("group", "add", "--org", "1", "--tz", "Europe/London", "--status", "active", "--capacity", "3",
                "--location", "Room 2.14", "Front-line GRP")
        self.ok("join", "1", "4", "2026-01-01", "--role", "facilitator")
        for p in ("1", "2", "3"):
            self.ok("join", "1", p, "2026-01-01")
        self.ok("cadence", "set", "1", "FREQ=MONTHLY;BYDAY=1TU", "--start", "2026-01-06", "--time", "10:00")


class Scenario(Cli):
    def test_full_scenario(self):
        # organisation and people, text and JSON
        self.assertEqual(self.ok("org", "add", "Northfield University", "--ref", "NU"),
                         "id:           1\nname:         Northfield University\nexternal_ref: NU\n"
                         "archived:     false\n")
        asha = self.js("person", "add", "--org", "1", "Asha Patel", "--role", "adviser", "--email", "asha@nu.example")
        self.assertEqual(asha, {"id": "1", "org_id": "1", "name": "Asha Patel", "job_role": "adviser",
                                "email": "asha@nu.example", "external_ref": None, "archived": False})
        for name in ("Ben Okafor", "Chen Li", "Dana Reid", "Eve Stone"):
            self.ok("person", "add", "--org", "1", name)
        self.assertEqual([p["name"] for p in self.js("person", "list")],
                         ["Asha Patel", "Ben Okafor", "Chen Li", "Dana Reid", "Eve Stone"])
        self.assertEqual(self.js("org", "list"),
                         [{"id": "1", "name": "Northfield University", "external_ref": "NU", "archived": False}])

        # a group of capacity 3: the fourth member is refused by the capacity rule
        g = self.js("group", "add", "--org", "1", "--tz", "Europe/London", "--status", "active", "--capacity", "3",
                    "--location", "Room 2.14", "Front-line GRP")
        self.assertEqual((g["id"], g["capacity"], g["capacity_policy"], g["status"], g["timezone"], g["location"]),
                         ("1", 3, "hard", "active", "Europe/London", "Room 2.14"))
        self.assertEqual(self.js("join", "1", "4", "2026-01-01", "--role", "facilitator")["role"], "facilitator")
        stint = self.js("join", "1", "1", "2026-01-01")
        self.assertEqual((stint["id"], stint["state"], stint["began"], stint["ended"]), ("2", "active", "2026-01-01", None))
        self.ok("join", "1", "2", "2026-01-01")
        self.ok("join", "1", "3", "2026-01-01")
        err = self.fails(2, "GRP_ERULE_FULL", "join", "1", "5", "2026-01-01")
        self.assertIn("capacity 3 reached", err)
        self.assertIn("hint: the group is full", err)
        self.assertEqual(self.ok("members", "1", "--on", "2026-02-01"),
                         "id  group_id  person_id  person      role         state   requested_on  began       ended  reason\n"
                         "1   1         4          Dana Reid   facilitator  active  2026-01-01    2026-01-01  -      -\n"
                         "2   1         1          Asha Patel  member       active  2026-01-01    2026-01-01  -      -\n"
                         "3   1         2          Ben Okafor  member       active  2026-01-01    2026-01-01  -      -\n"
                         "4   1         3          Chen Li     member       active  2026-01-01    2026-01-01  -      -\n")
        self.assertEqual(self.js("members", "1", "--on", "2025-12-31"), [])

        # cadence and sessions
        cad = self.js("cadence", "set", "1", "FREQ=MONTHLY;BYDAY=1TU", "--start", "2026-01-06", "--time", "10:00")
        self.assertEqual((cad["rrule"], cad["first_date"], cad["start_time"], cad["minutes"], cad["timezone"]),
                         ("FREQ=MONTHLY;BYDAY=1TU", "2026-01-06", "10:00", 90, "Europe/London"))
        self.assertEqual(self.ok("sessions", "1", "2026-01-01", "2026-04-01"),
                         "session             id  group_id  start_local          start                 minutes  status     timezone\n"
                         "1@2026-01-06T10:00  -   1         2026-01-06T10:00:00  2026-01-06T10:00:00Z  90       scheduled  Europe/London\n"
                         "1@2026-02-03T10:00  -   1         2026-02-03T10:00:00  2026-02-03T10:00:00Z  90       scheduled  Europe/London\n"
                         "1@2026-03-03T10:00  -   1         2026-03-03T10:00:00  2026-03-03T10:00:00Z  90       scheduled  Europe/London\n")
        summer = self.js("sessions", "1", "2026-07-01", "2026-08-01", "--long")
        self.assertEqual([(s["session"], s["start"], s["expected"]) for s in summer],
                         [("1@2026-07-07T10:00", "2026-07-07T09:00:00Z", 3)])

        # attendance at the first session (stored on first use)
        self.assertEqual(self.ok("attend", OCC1, "1", "present"), "recorded person 1 as present at session 1\n")
        self.ok("attend", OCC1, "2", "apologies")
        self.ok("attend", "1", "3", "late", "--minutes", "60", "--by", "4")
        self.assertEqual(self.js("attendance", "1"), [
            {"session_id": "1", "person_id": "1", "person": "Asha Patel", "status": "present", "minutes": 90, "recorded_by": None},
            {"session_id": "1", "person_id": "2", "person": "Ben Okafor", "status": "apologies", "minutes": 0, "recorded_by": None},
            {"session_id": "1", "person_id": "3", "person": "Chen Li", "status": "late", "minutes": 60, "recorded_by": "4"},
        ])
        self.assertEqual(self.js("session", "show", "1")["status"], "held")

        # feedback: three members respond (the minimum cohort), one anonymously
        self.assertEqual(self.js("feedback", "form", "1")[0], {"item_no": 1, "item": "I felt safe to share"})
        self.assertEqual(self.ok("--as", "person:1", "feedback", "submit", OCC1, "--ratings", "5,4,4,5", "--text", "safe"),
                         "submitted named feedback to session 1\n")
        self.ok("feedback", "submit", "1", "--ratings", "4,4,3,5", "--as", "person:2")
        self.ok("--as", "person:3", "feedback", "submit", "1", "--ratings", "3,0,5,5", "--anonymous")
        self.fails(2, "GRP_EEXISTS", "--as", "person:1", "feedback", "submit", "1", "--ratings", "5,5,5,5")
        self.fails(2, "GRP_EACCESS", "--as", "person:5", "feedback", "submit", "1", "--ratings", "5,5,5,5")
        own = self.js("--as", "person:1", "feedback", "list", "1")
        self.assertEqual(own, [{"session_id": "1", "person_id": "1", "form_id": "1", "ratings": "5,4,4,5", "text": "safe"}])
        everyone = self.js("--as", "person:4", "feedback", "list", "1")
        self.assertEqual(sorted((r["person_id"] or "anon") for r in everyone), ["1", "2", "anon"])
        self.assertEqual(self.js("--as", "person:5", "feedback", "list", "1"), [])

        # goals
        goal = self.js("--as", "person:1", "goal", "add", "Bring a case", "--group", "1", "--target", "2026-03-01",
                       "--visibility", "group")
        self.assertEqual((goal["id"], goal["owner_id"], goal["status"], goal["percent"]), ("1", "1", "draft", None))
        self.assertEqual(self.ok("--as", "person:1", "goal", "step", "1", "Write it up", "--due", "2026-02-01"),
                         "added step 1 to goal 1\n")
        self.ok("--as", "person:1", "goal", "status", "1", "active")
        self.ok("--as", "person:1", "goal", "progress", "1", "2026-02-03", "40", "--note", "drafted", "--session",
                "1@2026-02-03T10:00")
        self.ok("--as", "person:1", "goal", "done", "1")
        shown = self.js("--as", "person:2", "goal", "show", "1")
        self.assertEqual((shown["status"], shown["percent"], shown["steps_done"], shown["steps_total"]),
                         ("active", 40, 1, 1))
        self.fails(2, "GRP_EACCESS", "--as", "person:5", "goal", "show", "1")
        self.fails(1, "invalid goal status 'draft2'", "goal", "status", "1", "draft2")

        # reports: text, JSON, CSV
        text = self.ok("report", "attendance", "1", "2026-01-01", "2026-02-01")
        self.assertEqual(text.splitlines()[0],
                         "Attendance: Front-line GRP, 2026-01-01T00:00:00Z to 2026-02-01T00:00:00Z")
        self.assertEqual(text.splitlines()[-1].split(),
                         ["group", "1", "Front-line", "GRP", "-", "-", "3", "2", "1", "0", "0", "0.6667", "1"])
        rows = self.js("report", "attendance", "1", "2026-01-01", "2026-02-01")
        self.assertEqual([(r["row_type"], r["person"], r["attended"], r["attendance_rate"]) for r in rows],
                         [("member", "Asha Patel", 1, 1), ("member", "Ben Okafor", 0, 0),
                          ("member", "Chen Li", 1, 1), ("group", None, 2, 0.6667)])
        table = list(csv.reader(io.StringIO(self.ok("--csv", "report", "attendance", "1", "2026-01-01", "2026-02-01"),
                                            newline="")))
        self.assertEqual(table[0][:5], ["row_type", "group_id", "group", "person_id", "person"])
        self.assertEqual(table[4], ["group", "1", "Front-line GRP", "", "", "3", "2", "1", "0", "0", "0.6667", "1"])
        fb = self.js("report", "feedback", "--group", "1", "--from", "2026-01-01", "--to", "2026-02-01")
        self.assertEqual([(r["item_no"], r["responses"], r["expected"], r["mean"]) for r in fb],
                         [(1, 3, 3, 4), (2, 3, 3, 4), (3, 3, 3, 4), (4, 3, 3, 5)])
        self.assertEqual(self.js("report", "goals", "1", "--as-of", "2026-04-01")[0]["overdue"], True)
        changes = self.js("report", "membership", "1", "--from", "2026-01-01", "--to", "2026-01-31")
        self.assertEqual([(c["person"], c["change"]) for c in changes],
                         [("Dana Reid", "joined"), ("Asha Patel", "joined"), ("Ben Okafor", "joined"),
                          ("Chen Li", "joined")])
        hours = self.js("report", "hours", "1")
        self.assertEqual([(h["row_type"], h["kind"], h["minutes"]) for h in hours][-1], ("total", None, 90))
        self.fails(2, "GRP_EACCESS", "--as", "person:5", "report", "attendance", "1", "2026-01-01", "2026-02-01")

        # a leaver, then the history
        self.assertEqual(self.ok("leave", "1", "2", "2026-03-01", "--reason", "moved"),
                         "person 2 left group 1 on 2026-03-01; 0 promoted from the waitlist\n")
        self.assertEqual([m["person_id"] for m in self.js("members", "1", "--on", "2026-03-01")], ["4", "1", "3"])
        self.assertEqual([(h["state"], h["ended"], h["reason"]) for h in self.js("history", "--person", "2")],
                         [("left", "2026-03-01", "moved")])

        # export, import into fresh stores, and the exports agree
        doc = self.js("export", "json")
        self.assertEqual((doc["format"], doc["version"]), ("libgrp", 1))
        self.assertEqual(self.ok("export", "json", "all.json"), "exported the store as json to all.json\n")
        stream = self.ok("export", "ndjson")
        self.assertEqual(stream.splitlines()[0], '{"format":"libgrp-ndjson","version":1}')
        self.ok("export", "ndjson", "all.ndjson")
        copy = os.path.join(self.dir, "copy.db")
        result = self.js("--db", copy, "import", "json", "all.json")
        self.assertEqual((result["organisations"], result["people"], result["memberships"], result["attendance"],
                          result["feedback_responses"], result["goals"]), (1, 5, 4, 3, 3, 1))
        self.assertEqual(self.js("--db", copy, "export", "json"), doc)
        copy2 = os.path.join(self.dir, "copy2.db")
        result = self.js("--db", copy2, "import", "ndjson", "-", stdin=stream)
        self.assertEqual((result["people"], result["lines"]), (5, len(stream.splitlines())))
        self.assertEqual(self.js("--db", copy2, "export", "json"), doc)
        # importing again: the organisation's external reference exists
        self.fails(2, "GRP_EEXISTS", "--db", copy, "import", "json", "all.json")
        self.assertEqual(self.js("--db", copy, "import", "json", "all.json", "--on-existing", "skip")["skipped"], 1)
        # the size limit: the document is a few KiB, so a limit of 0 (none) or 1 MiB lets it in
        self.assertEqual(self.js("--db", copy, "import", "json", "all.json", "--on-existing", "skip",
                                 "--max-mib", "0")["skipped"], 1)
        self.assertEqual(self.js("--db", copy, "import", "json", "all.json", "--on-existing", "skip",
                                 "--max-mib", "1")["skipped"], 1)

        # CSV: a person list round-trips into another store
        people_csv = self.ok("--csv", "person", "list")
        self.assertEqual(people_csv.splitlines()[:2], ["id,org_id,name,job_role,email,external_ref,archived",
                                                        "1,1,Asha Patel,adviser,asha@nu.example,,false"])
        with open(os.path.join(self.dir, "people.csv"), "w", newline="") as f:
            f.write(people_csv)
        other = os.path.join(self.dir, "other.db")
        self.ok("--db", other, "org", "add", "Other")
        self.assertEqual(self.ok("--db", other, "import", "csv", "people", "people.csv"),
                         "imported 5 people from people.csv\n")
        self.assertEqual(self.js("--db", other, "person", "show", "1")["email"], "asha@nu.example")

        # iCalendar, reproducible with a fixed DTSTAMP
        p = subprocess.run([GRPCTL, "--db", self.db, "ics", "1", "--dtstamp", "2026-01-01T00:00:00Z"],
                           capture_output=True, cwd=self.dir, check=True)
        ics = p.stdout
        self.assertTrue(ics.startswith(b"BEGIN:VCALENDAR\r\n"))
        self.assertTrue(ics.endswith(b"END:VCALENDAR\r\n"))
        self.assertIn(b"\r\nRRULE:FREQ=MONTHLY;BYDAY=1TU\r\n", ics)
        self.assertIn(b"\r\nDTSTAMP:20260101T000000Z\r\n", ics)
        self.assertIn(b"\r\nDTSTART;TZID=Europe/London:20260106T100000\r\n", ics)
        self.assertEqual(self.ok("ics", "1", "cal.ics", "--dtstamp", "2026-01-01T00:00:00Z"),
                         "wrote the calendar of group 1 to cal.ics\n")
        with open(os.path.join(self.dir, "cal.ics"), "rb") as f:
            self.assertEqual(f.read(), ics)
        # several groups in one calendar
        tokyo = self.js("group", "add", "--org", "1", "--tz", "Asia/Tokyo", "--location", "R", "Tokyo")["id"]
        both = subprocess.run([GRPCTL, "--db", self.db, "ics", "1," + tokyo, "--dtstamp", "2026-01-01T00:00:00Z"],
                              capture_output=True, cwd=self.dir, check=True).stdout
        self.assertIn(b"\r\nX-WR-CALNAME:Front-line GRP\\, Tokyo\r\n", both)
        self.assertIn(b"\r\nTZID:Europe/London\r\n", both)
        self.assertIn(b"\r\nTZID:Asia/Tokyo\r\n", both)
        self.assertIn(b"\r\nRRULE:FREQ=MONTHLY;BYDAY=1TU\r\n", both)
        self.assertEqual(self.ok("ics", "1," + tokyo, "both.ics", "--dtstamp", "2026-01-01T00:00:00Z"),
                         "wrote the calendar of groups 1,%s to both.ics\n" % tokyo)
        with open(os.path.join(self.dir, "both.ics"), "rb") as f:
            self.assertEqual(f.read(), both)
        self.fails(4, "cannot write 'no/such/dir.ics'", "ics", "1," + tokyo, "no/such/dir.ics")


class MoreCommands(Cli):
    """The commands the scenario does not reach, each with its exact effect."""

    def test_orgs_people_groups(self):
        self.build_group()
        self.assertEqual(self.js("org", "rename", "1", "Northfield Uni", "--no-ref"),
                         {"id": "1", "name": "Northfield Uni", "external_ref": None, "archived": False})
        self.assertEqual(self.js("org", "rename", "1", "Northfield Uni", "--ref", "N1")["external_ref"], "N1")
        self.ok("org", "add", "Other")
        self.assertEqual(self.js("org", "archive", "2"), {"ok": True, "message": "archived organisation 2"})
        self.assertEqual([o["id"] for o in self.js("org", "list")], ["1"])
        self.assertEqual([o["id"] for o in self.js("org", "list", "--all")], ["1", "2"])
        p = self.js("person", "set", "1", "--email", "asha@nu.example", "--role", "")
        self.assertEqual((p["name"], p["email"], p["job_role"]), ("Asha Patel", "asha@nu.example", None))
        self.ok("person", "archive", "5")
        self.assertEqual(len(self.js("person", "list", "--org", "1")), 4)
        self.assertEqual(len(self.js("person", "list", "--all")), 5)
        g = self.js("group", "set", "1", "--name", "Renamed", "--delivery", "hybrid", "--link", "https://meet.example/x",
                    "--roles", "adviser,psychologist", "--minutes", "60", "--quorum", "2")
        self.assertEqual((g["name"], g["delivery"], g["meeting_link"], g["eligible_roles"], g["session_minutes"],
                          g["quorum"]),
                         ("Renamed", "hybrid", "https://meet.example/x", "adviser,psychologist", 60, 2))
        self.assertEqual(self.ok("group", "status", "1", "paused"), "group 1 is paused\n")
        self.assertEqual(self.ok("group", "list"),
                         "id  org_id  name     status  capacity  timezone\n"
                         "1   1       Renamed  paused  3         Europe/London\n")
        self.ok("group", "archive", "1")
        self.assertEqual(self.js("group", "list"), [])
        self.assertEqual(self.js("group", "list", "--all", "--org", "1")[0]["status"], "closed")

    def test_admin_reads_reports(self):
        self.build_group()
        self.fails(2, "GRP_EACCESS", "--as", "person:5", "report", "attendance", "1", "2026-01-01", "2026-02-01")
        self.assertEqual(self.ok("org", "admin", "1", "5"), "person 5 is an administrator of organisation 1\n")
        rows = self.js("--as", "person:5", "report", "attendance", "1", "2026-01-01", "2026-02-01")
        self.assertEqual([r["row_type"] for r in rows], ["member", "member", "member", "group"])
        self.ok("org", "admin", "1", "5", "--remove")
        self.fails(2, "GRP_EACCESS", "--as", "person:5", "report", "attendance", "1", "2026-01-01", "2026-02-01")

    def test_sessions_cadence_and_decline(self):
        self.build_group()
        self.assertEqual([(c["rrule"], c["until"]) for c in self.js("cadence", "list", "1")],
                         [("FREQ=MONTHLY;BYDAY=1TU", None)])
        self.assertEqual(self.ok("cadence", "end", "1", "2026-03-01"),
                         "group 1 has no scheduled sessions from 2026-03-01\n")
        adhoc = self.js("session", "add", "1", "2026-03-10T14:00", "--minutes", "45")
        self.assertEqual((adhoc["session"], adhoc["id"], adhoc["start_local"], adhoc["minutes"], adhoc["adhoc"]),
                         ("1", "1", "2026-03-10T14:00:00", 45, True))
        cancelled = self.js("session", "cancel", "1@2026-02-03T10:00", "--reason", "strike")
        self.assertEqual((cancelled["id"], cancelled["status"], cancelled["reason"]), ("2", "cancelled", "strike"))
        self.assertEqual([(s["session"], s["status"]) for s in self.js("sessions", "1", "2026-01-01", "2026-12-31")],
                         [("1@2026-01-06T10:00", "scheduled"), ("1@2026-02-03T10:00", "cancelled"), ("1", "scheduled")])
        self.fails(2, "GRP_ESTATE", "attend", "2", "1", "present")
        self.assertEqual(self.js("session", "status", "1", "not_held")["status"], "not_held")
        # a read of an unstored occurrence by id finds nothing; by GROUP@START it is stored
        self.fails(3, "GRP_ENOTFOUND", "session", "show", "3")
        self.assertEqual(self.js("session", "show", OCC1)["id"], "3")
        # approval: a request declined
        self.ok("group", "set", "1", "--membership", "approval", "--capacity", "8")
        req = self.js("join", "1", "5", "2026-02-01", "--reason", "keen")
        declined = self.js("decline", req["id"], "2026-02-02", "--reason", "no seats this term")
        self.assertEqual((declined["state"], declined["reason"]), ("declined", "no seats this term"))
        self.assertEqual([h["state"] for h in self.js("history", "--group", "1", "--person", "5")], ["declined"])

    def test_peer_feedback_and_goal_list(self):
        self.build_group()
        self.assertEqual(self.ok("--as", "person:1", "feedback", "give", "1", "2", "Clear case summary", "--share"),
                         "peer feedback 1 given to person 2\n")
        self.ok("--as", "person:1", "feedback", "give", "1", "3", "Thanks", "--session", OCC1)
        self.assertEqual([(p["recipient_id"], p["text"], p["shared"]) for p in self.js("--as", "person:2", "feedback", "peer", "1")],
                         [("2", "Clear case summary", True)])
        self.assertEqual(len(self.js("--as", "person:4", "feedback", "peer", "1")), 1)
        self.assertEqual(len(self.js("feedback", "peer", "1")), 2)
        self.ok("--as", "person:1", "goal", "add", "Private goal")
        self.ok("--as", "person:2", "goal", "add", "Shared goal", "--group", "1", "--visibility", "group")
        self.assertEqual([g["title"] for g in self.js("goal", "list")], ["Private goal", "Shared goal"])
        self.assertEqual([g["title"] for g in self.js("--as", "person:3", "goal", "list")], ["Shared goal"])
        self.assertEqual([g["title"] for g in self.js("goal", "list", "--owner", "1")], ["Private goal"])
        self.fails(2, "GRP_EACCESS", "--as", "person:3", "goal", "status", "2", "active")


class ImportExport(Cli):
    def test_scoped_pretty_stdin_and_batches(self):
        self.build_group()
        self.ok("org", "add", "Other", "--ref", "OT")
        self.ok("person", "add", "--org", "2", "Olu")
        scoped = self.js("export", "json", "--org", "2")
        self.assertEqual([o["name"] for o in scoped["organisations"]], ["Other"])
        self.assertEqual([p["display_name"] for p in scoped["people"]], ["Olu"])
        self.assertEqual(self.js("export", "json", "--group", "1")["groups"][0]["name"], "Front-line GRP")
        pretty = self.ok("export", "json", "--pretty")
        self.assertIn("\n\t", pretty)
        self.assertEqual(json.loads(pretty), self.js("export", "json"))
        # a JSON document on stdin
        fresh = os.path.join(self.dir, "fresh.db")
        self.assertEqual(self.js("--db", fresh, "import", "json", "-", stdin=pretty)["people"], 6)
        # NDJSON in batches: a bad last line leaves the committed batches
        lines = self.ok("export", "ndjson").splitlines()
        bad = "\n".join(lines[:4] + ['{"record":"people","id":"99"}']) + "\n"
        with open(os.path.join(self.dir, "bad.ndjson"), "w") as f:
            f.write(bad)
        other = os.path.join(self.dir, "other.db")
        err = self.fails(1, "the first 4 lines were committed", "--db", other, "import", "ndjson", "bad.ndjson",
                         "--batch", "1")
        self.assertIn("line 5", err)
        self.assertEqual(([o["name"] for o in self.js("--db", other, "org", "list")],
                          [p["name"] for p in self.js("--db", other, "person", "list")]),
                         (["Northfield University", "Other"], ["Asha Patel"]))
        # all or nothing by default
        third = os.path.join(self.dir, "third.db")
        self.fails(1, "nothing was imported", "--db", third, "import", "ndjson", "bad.ndjson")
        self.assertEqual(self.js("--db", third, "org", "list"), [])

    def test_soft_capacity_warns_on_stderr(self):
        self.build_group()
        self.ok("group", "set", "1", "--capacity-policy", "soft")
        rc, out, err = self.run_cli("join", "1", "5", "2026-02-01")
        self.assertEqual(rc, 0)
        self.assertEqual(err, "grpctl: warning: group 1 is now over its capacity (soft policy)\n")
        self.assertIn("state:        active\n", out)


class Rules(Cli):
    """Each kind of refusal has its exit code and a hint."""

    def test_waitlist_and_approval(self):
        self.build_group()
        self.ok("group", "set", "1", "--capacity-policy", "waitlist")
        self.assertEqual(self.js("join", "1", "5", "2026-01-02")["state"], "waitlisted")
        self.assertIn("1 promoted from the waitlist", self.ok("leave", "1", "1", "2026-02-01"))
        self.ok("group", "set", "1", "--membership", "approval", "--capacity", "8")
        self.ok("person", "add", "--org", "1", "Fay")
        req = self.js("join", "1", "6", "2026-02-02")
        self.assertEqual(req["state"], "requested")
        self.assertEqual(self.js("approve", req["id"], "2026-02-03")["state"], "active")
        self.fails(2, "GRP_ESTATE", "approve", req["id"], "2026-02-04")

    def test_refusals(self):
        self.build_group()
        self.fails(2, "GRP_ERULE_ALREADY", "join", "1", "1", "2026-02-01")
        self.ok("group", "status", "1", "paused")
        err = self.fails(2, "GRP_ERULE_INACTIVE", "join", "1", "5", "2026-02-01")
        self.assertIn("hint: the group is paused or closed", err)
        self.ok("group", "set", "1", "--status", "active", "--capacity", "8", "--roles", "psychologist")
        self.fails(2, "GRP_ERULE_ROLE", "join", "1", "5", "2026-02-01")
        self.ok("group", "set", "1", "--roles", "", "--membership", "closed")
        self.fails(2, "GRP_ERULE_CLOSED", "join", "1", "5", "2026-02-01")
        self.ok("org", "add", "Elsewhere")
        self.ok("person", "add", "--org", "2", "Gil")
        self.ok("group", "set", "1", "--membership", "open")
        self.fails(2, "GRP_ERULE_ORG", "join", "1", "6", "2026-02-01")
        self.ok("group", "set", "1", "--other-orgs")
        self.assertEqual(self.js("join", "1", "6", "2026-02-01")["state"], "active")

    def test_suppressed_feedback_and_access(self):
        self.build_group()
        self.ok("--as", "person:1", "feedback", "submit", OCC1, "--ratings", "5,5,5,5")
        err = self.fails(2, "GRP_ESUPPRESSED", "report", "feedback", "--session", "1")
        self.assertIn("hint: too few responses", err)
        self.fails(2, "GRP_EACCESS", "--as", "person:1", "export", "json")
        self.fails(2, "GRP_EACCESS", "--as", "person:5", "report", "membership", "1")

    def test_not_found_and_storage(self):
        self.build_group()
        self.fails(3, "GRP_ENOTFOUND", "group", "show", "9")
        self.fails(3, "GRP_ENOTFOUND", "members", "9")
        self.fails(3, "GRP_ENOTFOUND", "person", "add", "--org", "7", "Nobody")
        self.fails(3, "GRP_ENOTFOUND", "attend", "1@2026-01-07T10:00", "1", "present")
        self.fails(3, "GRP_ENOTFOUND", "leave", "1", "5", "2026-02-01")
        self.fails(3, "no store file", "--db", os.path.join(self.dir, "absent.db"), "org", "list")
        self.assertFalse(os.path.exists(os.path.join(self.dir, "absent.db")))
        with open(os.path.join(self.dir, "text.txt"), "w") as f:
            f.write("just some text, certainly not SQLite\n")
        err = self.fails(4, "GRP_ENOTSTORE", "--db", os.path.join(self.dir, "text.txt"), "org", "list")
        self.assertIn("hint: the file is not a libgrp store", err)
        self.fails(4, "GRP_ENOTSTORE", "--db", os.path.join(self.dir, "text.txt"), "org", "add", "X")


class Defaults(Cli):
    def test_db_from_environment_then_current_directory(self):
        self.ok("org", "add", "From env", env={"GRP_DB": self.db}, db=False)
        self.assertEqual(self.js("org", "show", "1")["name"], "From env")
        self.ok("org", "add", "Here", db=False)
        self.assertTrue(os.path.exists(os.path.join(self.dir, "grpctl.db")))
        self.assertEqual(self.js("--db", "grpctl.db", "org", "list", db=False)[0]["name"], "Here")

    def test_options_anywhere_and_equals_form(self):
        self.ok("org", "add", "A", "--ref=R1")
        self.assertEqual(self.js("org", "list")[0]["external_ref"], "R1")
        self.assertEqual(json.loads(self.ok("org", "list", "--json"))[0]["name"], "A")
        self.assertEqual(json.loads(self.ok("org", "show", "1", "--json"))["name"], "A")
        self.assertEqual(self.ok("--db=" + self.db, "org", "show", "1", db=False).splitlines()[1], "name:         A")
        self.assertEqual(self.ok("org", "add", "--", "--odd name").splitlines()[1], "name:         --odd name")

    def test_version(self):
        out = self.ok("--version", db=False)
        self.assertRegex(out, r"^grpctl \d+\.\d+\.\d+ \(libgrp \d+\.\d+\.\d+\)\n$")


# (arguments, exit code, stderr fragment); run against a store holding build_group().
BAD = [
    ([], 1, "no command given"),
    (["frobnicate"], 1, "unknown command 'frobnicate'"),
    (["org"], 1, "'org' needs a verb"),
    (["org", "frob"], 1, "unknown verb 'frob' for 'org'"),
    (["--bogus", "org", "list"], 1, "unknown option '--bogus'"),
    (["org", "list", "--bogus"], 1, "unknown option '--bogus'"),
    (["org", "list", "-x"], 1, "unknown option '-x'"),
    (["org", "list", "extra"], 1, "unexpected operand 'extra'"),
    (["org", "add"], 1, "missing operand"),
    (["org", "add", "X", "--ref"], 1, "option '--ref' needs a value"),
    (["org", "list", "--all=yes"], 1, "option '--all' takes no value"),
    (["org", "show", "abc"], 1, "invalid organisation id 'abc'"),
    (["org", "show", "0"], 1, "invalid organisation id '0'"),
    (["org", "show", "-3"], 1, "invalid organisation id '-3'"),
    (["org", "show", "+3"], 1, "invalid organisation id '+3'"),
    (["org", "show", "3x"], 1, "invalid organisation id '3x'"),
    (["org", "show", " 3"], 1, "invalid organisation id ' 3'"),
    (["org", "show", "99999999999999999999"], 1, "organisation id '99999999999999999999' is too large"),
    (["--db", "", "org", "list"], 1, "option '--db' needs a file name"),
    (["--db"], 1, "option '--db' needs a value"),
    (["--as", "root", "org", "list"], 1, "invalid --as 'root'"),
    (["--as", "person:0", "org", "list"], 1, "invalid person id in --as '0'"),
    (["--json", "--csv", "org", "list"], 1, "--json and --csv exclude each other"),
    (["person", "add", "Zed"], 1, "missing --org ORG"),
    (["person", "add", "--org", "1", "Zed", "--email", "not-an-address"], 1, "GRP_EINVAL"),
    (["group", "add", "--org", "1", "G"], 1, "missing --tz ZONE"),
    (["group", "add", "--org", "1", "--tz", "Mars/Olympus", "--location", "x", "G"], 1, "GRP_EINVAL"),
    (["group", "add", "--org", "1", "--tz", "UTC", "--capacity", "0", "G"], 1, "capacity 0 is out of range"),
    (["group", "add", "--org", "1", "--tz", "UTC", "--capacity", "8x", "G"], 1, "invalid capacity '8x'"),
    (["group", "add", "--org", "1", "--tz", "UTC", "--capacity", "99999999999", "G"], 1, "invalid capacity"),
    (["group", "add", "--org", "1", "--tz", "UTC", "--kind", "therapy", "G"], 1,
     "invalid kind 'therapy' (one of: reflective_practice, group_supervision, clinical_supervision)"),
    (["group", "set", "1", "--org", "2"], 1, "cannot move to another organisation"),
    (["group", "set", "1", "--other-orgs", "--no-other-orgs"], 1, "exclude each other"),
    (["group", "set", "1", "--roles", "a,,b"], 1, "invalid roles 'a,,b' (an empty item)"),
    (["group", "status", "1", "sleeping"], 1, "invalid status 'sleeping'"),
    (["join", "1", "5"], 1, "missing operand (2 given, 3 needed)"),
    (["join", "1", "5", "2026-02-30"], 1, "invalid date '2026-02-30'"),
    (["join", "1", "5", "2026-2-3"], 1, "invalid date '2026-2-3'"),
    (["join", "1", "5", "2026-02-03", "--role", "boss"], 1, "invalid role 'boss'"),
    (["members", "1", "--on", "yesterday"], 1, "invalid date 'yesterday'"),
    (["history"], 1, "give --group GROUP, --person PERSON or both"),
    (["cadence", "set", "1", "FREQ=WEEKLY"], 1, "missing --start DATE"),
    (["cadence", "set", "1", "FREQ=WEEKLY", "--start", "2026-01-05"], 1, "missing --time HH:MM"),
    (["cadence", "set", "1", "FREQ=WEEKLY", "--start", "2026-01-05", "--time", "25:00"], 1, "invalid time '25:00'"),
    (["cadence", "set", "1", "FREQ=WEEKLY", "--start", "2026-01-05", "--time", "9:00"], 1, "invalid time '9:00'"),
    (["cadence", "set", "1", "FREQ=SOMETIMES", "--start", "2026-01-05", "--time", "09:00"], 1, "GRP_EPARSE"),
    (["sessions", "1", "2026-01-01"], 1, "missing operand"),
    (["sessions", "1", "soon", "2026-02-01"], 1, "invalid FROM 'soon'"),
    (["sessions", "1", "2026-03-01", "2026-02-01"], 1, "GRP_EINVAL"),
    (["attend", OCC1, "1", "sleeping"], 1, "invalid attendance status 'sleeping'"),
    (["attend", OCC1, "1", "late"], 1, "'late' needs --minutes N"),
    (["attend", "1@tuesday", "1", "present"], 1, "invalid session start in the session 'tuesday'"),
    (["attend", "x@2026-01-06T10:00", "1", "present"], 1, "invalid group id in the session 'x'"),
    (["attend", OCC1, "1", "present", "--minutes", "-5"], 1, "minutes -5 is out of range"),
    (["attend", OCC1, "5", "present"], 1, "was not a member"),
    (["feedback", "submit", "1", "--ratings", "5,5,5,5"], 1, "give --as person:ID"),
    (["--as", "person:1", "feedback", "submit", "1"], 1, "missing --ratings"),
    (["--as", "person:1", "feedback", "submit", OCC1, "--ratings", "5,6,5,5"], 1, "rating 6 is out of range"),
    (["--as", "person:1", "feedback", "submit", OCC1, "--ratings", "5,5"], 1, "GRP_EINVAL"),
    (["goal", "add", "Title"], 1, "missing --owner PERSON"),
    (["goal", "add", "Title", "--owner", "1", "--visibility", "world"], 1, "invalid visibility 'world'"),
    (["goal", "progress", "1", "2026-01-01", "101"], 1, "percent 101 is out of range"),
    (["report", "feedback"], 1, "give exactly one of --session, --group, --facilitator, --org"),
    (["report", "feedback", "--group", "1", "--org", "1"], 1, "give exactly one of"),
    (["report", "attendance", "1", "2026-01-01", "2026-13-01"], 1, "invalid TO '2026-13-01'"),
    (["report", "hours", "1", "--from", "2026-01-01x"], 1, "invalid --from date '2026-01-01x'"),
    (["export", "xml"], 1, "invalid format 'xml' (one of: json, ndjson, csv)"),
    (["export", "csv"], 1, "CSV is written by the list commands"),
    (["export", "json", "--org", "1", "--group", "1"], 1, "--org and --group exclude each other"),
    (["export", "ndjson", "--pretty"], 1, "--pretty is for json"),
    (["import", "json"], 1, "missing operand"),
    (["import", "json", "x.json", "--on-existing", "merge"], 1, "invalid --on-existing 'merge'"),
    (["import", "json", "x.json", "--batch", "10"], 1, "--batch is for ndjson"),
    (["import", "ndjson", "x.ndjson", "--max-mib", "10"], 1, "--max-mib is for json"),
    (["import", "json", "x.json", "--max-mib", "-1"], 1, "--max-mib -1 is out of range (0 to 1000000000)"),
    (["import", "csv", "people", "x.csv", "--max-mib", "1"], 1, "--on-existing, --batch and --max-mib are for json"),
    (["import", "json", "nothing-here.json"], 3, "GRP_ENOTFOUND"),
    (["import", "ndjson", "nothing-here.ndjson"], 3, "GRP_ENOTFOUND"),
    (["import", "csv", "people", "nothing-here.csv"], 3, "cannot open 'nothing-here.csv'"),
    (["import", "csv", "groups", "x.csv"], 1, "CSV import knows 'people' only"),
    (["hours", "list"], 1, "missing operand"),
    (["hours", "list", "1", "--from", "2026-13-01"], 1, "invalid --from date '2026-13-01'"),
    (["hours", "show", "x"], 1, "invalid hours entry id 'x'"),
    (["hours", "sign", "1", "4"], 1, "missing operand"),
    (["hours", "sign", "1", "4", "tomorrow"], 1, "invalid date 'tomorrow'"),
    (["hours", "correct", "1", "5", "5"], 1, "missing --note TEXT"),
    (["hours", "correct", "1", "5x", "5", "--note", "n"], 1, "invalid minutes change '5x'"),
    (["hours", "correct", "1", "0", "0", "--note", "n"], 1, "a correction needs a non-zero difference"),
    (["hours", "correct", "9", "1", "1", "--note", "n"], 3, "GRP_ENOTFOUND"),
    (["hours", "set-rule", "1", "half"], 1, "invalid mode 'half' (one of: full, individual, bacp, ratio)"),
    (["hours", "set-rule", "1", "ratio"], 1, "--ratio N/D goes with mode 'ratio'"),
    (["hours", "set-rule", "1", "full", "--ratio", "1/2"], 1, "--ratio N/D goes with mode 'ratio'"),
    (["hours", "set-rule", "1", "ratio", "--ratio", "2"], 1, "invalid --ratio '2' (write N/D"),
    (["hours", "set-rule", "1", "ratio", "--ratio", "1/0"], 1, "ratio denominator 0 is out of range"),
    (["hours", "set-rule", "9", "full"], 3, "GRP_ENOTFOUND"),
    (["ics", "9"], 3, "GRP_ENOTFOUND"),
    (["ics", "1,9"], 3, "GRP_ENOTFOUND"),
    (["ics", "1,1"], 1, "argument 'group_ids[1]' repeats group 1"),
    (["ics", "1,x"], 1, "invalid group id 'x'"),
    (["ics", "1,"], 1, "invalid group id ''"),
    (["ics", "1", "--dtstamp", "now"], 1, "invalid --dtstamp 'now'"),
    (["help", "frob"], 1, "unknown command 'frob'"),
]


class Hours(Cli):
    def test_log_sign_correct_totals_rule(self):
        self.build_group()
        self.ok("attend", OCC1, "1", "present")
        self.ok("attend", OCC1, "2", "late", "--minutes", "60")
        log = self.js("hours", "list", "1")
        self.assertEqual(log, [{"id": "1", "person_id": "1", "group_id": "1", "session_id": "1", "date": "2026-01-06",
                                "kind": "group", "minutes": 90, "credited": 90, "signed_by": None, "signed_on": None,
                                "corrects": None, "note": None}])
        self.assertEqual(self.js("hours", "rule", "1"),
                         {"group_id": "1", "mode": "full", "ratio_num": 1, "ratio_den": 1})
        # a ratio recomputes the unsigned entries
        self.assertEqual(self.js("hours", "set-rule", "1", "ratio", "--ratio", "1/2")["mode"], "ratio")
        self.assertEqual(self.js("hours", "show", "1")["credited"], 45)
        self.assertEqual(self.js("hours", "show", "2")["credited"], 30)
        # sign-off: only a facilitator of the group, once
        self.fails(2, "GRP_EACCESS", "hours", "sign", "1", "2", "2026-01-07")
        signed = self.js("hours", "sign", "1", "4", "2026-01-07")
        self.assertEqual((signed["signed_by"], signed["signed_on"]), ("4", "2026-01-07"))
        self.fails(2, "GRP_ESTATE", "hours", "sign", "1", "4", "2026-01-08")
        # a signed entry no longer follows the rule; a correction adds an entry
        self.ok("hours", "set-rule", "1", "full")
        self.assertEqual(self.js("hours", "show", "1")["credited"], 45)
        fix = self.js("hours", "correct", "1", "0", "45", "--note", "credited in full by agreement")
        self.assertEqual((fix["id"], fix["corrects"], fix["minutes"], fix["credited"], fix["note"]),
                         ("3", "1", 0, 45, "credited in full by agreement"))
        self.fails(2, "GRP_ESTATE", "hours", "correct", "3", "1", "1", "--note", "x")
        self.fails(2, "GRP_ESTATE", "hours", "correct", "2", "1", "1", "--note", "x")
        self.assertEqual(self.js("hours", "totals", "1"),
                         {"person_id": "1", "entries": 2, "minutes": 90, "credited": 90, "credited_signed": 45,
                          "individual": 0, "group": 90})
        self.assertEqual(self.js("hours", "totals", "1", "--from", "2026-02-01")["entries"], 0)
        csv = self.ok("--csv", "hours", "list", "1")
        self.assertEqual(csv.split("\n")[0], "id,person_id,group_id,session_id,date,kind,minutes,credited,"
                                                 "signed_by,signed_on,corrects,note")
        self.assertEqual(len(csv.split("\n")), 4)  # header, two entries, "" after the last line end
        self.fails(3, "GRP_ENOTFOUND", "hours", "show", "99")
        self.fails(3, "GRP_ENOTFOUND", "hours", "list", "99")


class BadInvocations(Cli):
    def test_table(self):
        self.build_group()
        before = self.ok("export", "json")
        for args, code, fragment in BAD:
            with self.subTest(args=args):
                rc, out, err = self.run_cli(*args)
                self.assertEqual(rc, code, err)
                self.assertIn(fragment, err)
                self.assertTrue(err.startswith("grpctl: ") or err.startswith("usage: "), err)
                self.assertEqual(out, "")
        # nothing above changed the store
        self.assertEqual(self.ok("export", "json"), before)

    def test_malformed_import_files(self):
        self.build_group()
        for name, text, code, fragment in [
            ("bad.json", "{\"format\": \"libgrp\", ", 1, "GRP_EPARSE"),
            ("other.json", "{\"format\": \"libgrp\", \"version\": 99}", 1, "GRP_EUNSUPPORTED"),
            ("bad.ndjson", "{\"format\":\"libgrp-ndjson\",\"version\":1}\n{\"record\":\"people\"}\n", 1, "line 2"),
            ("bad.csv", "name,org_id\n\"unclosed,1\n", 1, "malformed CSV record"),
            ("noname.csv", "who,org_id\nX,1\n", 1, "no header row with a 'name' column"),
        ]:
            with self.subTest(name=name):
                with open(os.path.join(self.dir, name), "w") as f:
                    f.write(text)
                fmt = name.rsplit(".", 1)[1]
                args = ["import", fmt] + (["people"] if fmt == "csv" else []) + [name]
                self.fails(code, fragment, *args)
        self.assertEqual(len(self.js("person", "list")), 5)

    def test_csv_import_is_all_or_nothing(self):
        self.build_group()
        with open(os.path.join(self.dir, "p.csv"), "w") as f:
            f.write("name,email\nGood Person,good@x.example\nBad Person,no-at-sign\n")
        self.fails(1, "p.csv:3: cannot add person 'Bad Person'; nothing was imported",
                   "import", "csv", "people", "p.csv", "--org", "1")
        self.assertEqual(len(self.js("person", "list")), 5)


def command_names():
    """The commands listed by 'grpctl --help'."""
    out = subprocess.run([GRPCTL, "--help"], capture_output=True, text=True, check=True).stdout
    names, listing = [], False
    for line in out.splitlines():
        if line == "Commands:":
            listing = True
            continue
        if listing and not line.strip():
            break
        if listing:
            words = []
            for w in line.split():
                if w.startswith("-") or not w.replace("-", "").isalpha() or not w.islower():
                    break
                words.append(w)
            names.append(" ".join(words))
    return names


class Help(unittest.TestCase):
    def test_every_command_has_help(self):
        names = command_names()
        self.assertIn("org add", names)
        self.assertIn("report feedback", names)
        self.assertIn("ics", names)
        self.assertGreaterEqual(len(names), 45)
        for name in names:
            for form in (name.split() + ["--help"], ["help"] + name.split(), name.split() + ["-h"]):
                with self.subTest(form=form):
                    p = subprocess.run([GRPCTL] + form, capture_output=True, text=True)
                    self.assertEqual(p.returncode, 0, p.stderr)
                    self.assertTrue(p.stdout.startswith(f"usage: grpctl [GLOBAL OPTIONS] {name} "), p.stdout)
                    self.assertTrue(p.stdout.endswith("Exit status: 0 ok, 1 usage, 2 refused by a rule, 3 not found, "
                                                      "4 storage error.\n"), p.stdout)
                    self.assertEqual(p.stderr, "")

    def test_nouns_list_their_verbs(self):
        for noun in ("org", "person", "group", "cadence", "session", "hours", "feedback", "goal", "report"):
            p = subprocess.run([GRPCTL, noun, "--help"], capture_output=True, text=True)
            self.assertEqual(p.returncode, 0)
            self.assertTrue(p.stdout.startswith(f"usage: grpctl {noun} VERB ...\n"))

    def test_general_help_documents_exit_codes_and_db(self):
        p = subprocess.run([GRPCTL, "--help"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0)
        for text in ("$GRP_DB", "grpctl.db", "  0  success", "  1  usage", "  2  refused by a rule", "  3  not found",
                     "  4  storage error", "--as ACTOR", "person:ID"):
            self.assertIn(text, p.stdout)


class ManPage(unittest.TestCase):
    def test_lint_clean(self):
        groff = shutil.which("groff")
        if not groff:
            self.skipTest("groff is not installed (Debian: groff-base)")
        p = subprocess.run([groff, "-man", "-ww", "-z", MANPAGE], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")

    def test_documents_every_command_and_exit_code(self):
        with open(MANPAGE) as f:
            page = f.read().replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "")
        for name in command_names():
            with self.subTest(name=name):
                self.assertIn(name, page)
        for section in (".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS", ".SH ENVIRONMENT", ".SH EXIT STATUS",
                        ".SH EXAMPLES", "GRP_DB"):
            self.assertIn(section, page)


if __name__ == "__main__":
    GRPCTL, MANPAGE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=1)
