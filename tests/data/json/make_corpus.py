#!/usr/bin/env python3
"""Write the bad-document corpus of test_json.c: one file per bad document
and bad.tsv, the manifest (file, expected code, substring of the message).
good.json is the valid document every bad one is a small change of.
Run from anywhere: python3 tests/data/json/make_corpus.py"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

GOOD = {
    "format": "libgrp", "version": 1,
    "organisations": [{"id": "1", "name": "Org", "external_ref": None, "archived": False}],
    "people": [
        {"id": "1", "organisation": "1", "display_name": "Ann", "job_role": "nurse", "email": None,
         "external_ref": None, "archived": False},
        {"id": "2", "organisation": "1", "display_name": "Ben", "job_role": None, "email": None,
         "external_ref": None, "archived": False}],
    "org_admins": [{"organisation": "1", "person": "2"}],
    "feedback_forms": [{"id": "1", "name": "Session feedback", "items": [
        "I felt safe to share", "The session was useful for my practice", "The facilitator kept us focused",
        "The time felt protected"]}],
    "groups": [{"id": "1", "organisation": "1", "name": "GRP", "kind": "reflective_practice", "status": "active",
                "capacity": 8, "capacity_policy": "hard", "quorum": 0, "membership_policy": "open",
                "allow_other_orgs": False, "delivery": "in_person", "location": "Room 1", "meeting_link": None,
                "timezone": "Europe/London", "session_minutes": 90, "archived": False,
                "eligible_roles": ["nurse"], "feedback_form": "1",
                "hours_rule": {"mode": "full", "ratio_num": 1, "ratio_den": 1}}],
    "memberships": [{"id": "1", "group": "1", "person": "1", "role": "member", "state": "active",
                     "requested_on": "2026-01-01", "began": "2026-01-01", "ended": None, "reason": None}],
    "cadences": [{"id": "1", "group": "1", "rrule": "FREQ=MONTHLY;BYDAY=1TU", "first_date": "2026-01-01",
                  "until": None, "start_minute": 840, "duration": 90, "timezone": "Europe/London"}],
    "sessions": [{"id": "1", "group": "1", "cadence": "1", "occurrence": "2026-01-06T14:00:00",
                  "occurrence_utc": "2026-01-06T14:00:00Z", "start_local": "2026-01-06T14:00:00",
                  "start_utc": "2026-01-06T14:00:00Z", "duration": 90, "status": "held", "location": None,
                  "meeting_link": None, "reason": None, "timezone": "Europe/London"}],
    "attendance": [{"session": "1", "person": "1", "status": "present", "minutes": 90, "recorded_by": "2",
                    "recorded_at": "2026-01-06T16:00:00Z"}],
    "presenters": [{"session": "1", "person": "1"}],
    "hours_entries": [{"id": "1", "person": "1", "group": "1", "session": "1", "date": "2026-01-06",
                       "kind": "group", "minutes": 90, "credited": 90, "signed_by": None, "signed_on": None,
                       "corrects": None, "note": None}],
    "feedback_responses": [{"session": "1", "id": "123456789", "form": "1", "person": None,
                            "ratings": [5, 4, 3, 2], "text": None}],
    "feedback_given": [{"session": "1", "person": "1"}],
    "peer_feedback": [{"id": "1", "group": "1", "session": "1", "author": "1", "recipient": "2",
                       "text": "Thanks", "shared": True}],
    "goals": [{"id": "1", "owner": "1", "title": "Reflect", "description": None, "group": "1",
               "target_date": None, "status": "active", "visibility": "group"}],
    "goal_steps": [{"id": "1", "goal": "1", "position": 0, "title": "Journal", "due": None, "done": False}],
    "goal_progress": [{"id": "1", "goal": "1", "date": "2026-01-06", "percent": 25, "note": None,
                       "session": "1", "recorded_by": "1"}],
    "notes": [{"id": "1", "session": "1", "author": "1", "visibility": "private", "text": "tired"}],
    "themes": [{"id": "1", "group": "1", "session": None, "title": "Staffing", "description": None,
                "status": "noted"}],
}


def dump(d):
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


GOOD_TEXT = dump(GOOD)
CASES = []  # (file, code, needle, bytes)


def raw(name, code, needle, text):
    CASES.append((name, code, needle, text.encode("utf-8") if isinstance(text, str) else text))


def mut(name, code, needle, fn):
    d = copy.deepcopy(GOOD)
    fn(d)
    raw(name, code, needle, dump(d))


def setter(kind, i, key, value):
    def fn(d):
        d[kind][i][key] = value
    return fn


def settings(kind, i, **values):
    def fn(d):
        d[kind][i].update(values)
    return fn


# --- malformed JSON: GRP_EPARSE with the byte position
raw("empty.json", "GRP_EPARSE", "malformed JSON at byte 0", "")
raw("truncated.json", "GRP_EPARSE", "the document ends too early (an array, object or string is not closed)",
    GOOD_TEXT[:500])
raw("trailing_comma.json", "GRP_EPARSE", "malformed JSON at byte 19 (line 1, column 20)", '{"format":"libgrp",}')
raw("trailing_garbage.json", "GRP_EPARSE", "malformed JSON at byte %d" % len(GOOD_TEXT), GOOD_TEXT + "x")
raw("nan.json", "GRP_EPARSE", "malformed JSON at byte 29", '{"format":"libgrp","version":NaN}')
raw("infinity.json", "GRP_EPARSE", "malformed JSON at byte 29", '{"format":"libgrp","version":Infinity}')
raw("single_quotes.json", "GRP_EPARSE", "malformed JSON at byte 1 (line 1, column 2)", "{'format':'libgrp'}")
raw("unterminated_string.json", "GRP_EPARSE", "the document ends too early", '{"format":"libgrp')
raw("raw_nul.json", "GRP_EPARSE", "a NUL byte at byte 11", b'{"format":"\x00libgrp","version":1}')
raw("comment.json", "GRP_EPARSE", "malformed JSON at byte 1 (line 1, column 2)", '{// a comment\n"format":"libgrp"}')
raw("bare_word.json", "GRP_EPARSE", "(line 2, column", '{\n"format":libgrp}')
raw("two_documents.json", "GRP_EPARSE", "malformed JSON", '{"format":"libgrp","version":1} {}')

# --- structure, format and version
raw("not_object.json", "GRP_EINVAL", "$: expected an object, got an array", "[]")
mut("missing_format.json", "GRP_EINVAL", "$.format: missing", lambda d: d.pop("format"))
mut("wrong_format.json", "GRP_EINVAL", "$.format: expected \"libgrp\"", lambda d: d.update(format="other"))
mut("version_string.json", "GRP_EINVAL", "$.version: expected an integer, got a string",
    lambda d: d.update(version="1"))
mut("version_2.json", "GRP_EUNSUPPORTED", "$.version: format version 2 is not supported",
    lambda d: d.update(version=2))
mut("version_fraction.json", "GRP_EINVAL", "$.version: expected an integer", lambda d: d.update(version=1.5))
mut("unknown_top_member.json", "GRP_EINVAL", "$: unknown member \"extra\"", lambda d: d.update(extra=[]))
mut("people_not_array.json", "GRP_EINVAL", "$.people: expected an array, got an object",
    lambda d: d.update(people={}))
mut("record_not_object.json", "GRP_EINVAL", "$.people[0]: expected an object, got a number",
    lambda d: d.update(people=[1]))
raw("duplicate_key_root.json", "GRP_EINVAL", "$: the member \"format\" appears twice",
    '{"format":"libgrp","version":1,"format":"libgrp"}')
raw("duplicate_key_nested.json", "GRP_EINVAL", "$.people[0]: the member \"display_name\" appears twice",
    GOOD_TEXT.replace('"display_name":"Ann"', '"display_name":"Ann","display_name":"Eve"'))
raw("nul_escape.json", "GRP_EINVAL", "$.people[0].display_name: a string contains \\u0000",
    GOOD_TEXT.replace('"display_name":"Ann"', '"display_name":"An\\u0000n"'))
raw("nul_escape_key.json", "GRP_EINVAL", "(a member name): a string contains \\u0000",
    GOOD_TEXT.replace('"display_name":"Ann"', '"display_name":"Ann","x\\u0000":1'))
raw("deep_nesting.json", "GRP_EINVAL", "nests deeper than 32 levels",
    GOOD_TEXT[:-1] + ',"deep":' + "[" * 40 + "]" * 40 + "}")
mut("unknown_member.json", "GRP_EINVAL", "$.people[0]: unknown member \"nickname\"",
    setter("people", 0, "nickname", "A"))
mut("missing_member.json", "GRP_EINVAL", "$.people[0].archived: missing", lambda d: d["people"][0].pop("archived"))

# --- ids and references
mut("id_number.json", "GRP_EINVAL", "$.people[0].id: expected an id as a decimal string, got a number",
    setter("people", 0, "id", 1))
mut("id_leading_zero.json", "GRP_EINVAL", "$.people[0].id: \"01\" is not an id", setter("people", 0, "id", "01"))
mut("id_negative.json", "GRP_EINVAL", "$.people[0].id: \"-1\" is not an id", setter("people", 0, "id", "-1"))
mut("id_too_big.json", "GRP_EINVAL", "$.people[0].id: \"9223372036854775808\" is not an id",
    setter("people", 0, "id", "9223372036854775808"))
mut("duplicate_id.json", "GRP_EINVAL", "$.people[1].id: a second person with id \"1\"",
    setter("people", 1, "id", "1"))
mut("unknown_person.json", "GRP_EINVAL", "$.memberships[0].person: unknown person \"17\"",
    setter("memberships", 0, "person", "17"))
mut("unknown_group.json", "GRP_EINVAL", "$.sessions[0].group: unknown group \"9\"", setter("sessions", 0, "group", "9"))
mut("unknown_form.json", "GRP_EINVAL", "$.groups[0].feedback_form: unknown feedback form \"5\"",
    setter("groups", 0, "feedback_form", "5"))
mut("unknown_goal.json", "GRP_EINVAL", "$.goal_steps[0].goal: unknown goal \"3\"", setter("goal_steps", 0, "goal", "3"))
mut("unknown_organisation.json", "GRP_EINVAL", "$.org_admins[0].organisation: unknown organisation \"2\"",
    setter("org_admins", 0, "organisation", "2"))

# --- types and ranges
mut("capacity_zero.json", "GRP_EINVAL", "$.groups[0].capacity: 0 is not an integer in 1..1000",
    setter("groups", 0, "capacity", 0))
raw("huge_number.json", "GRP_EINVAL", "$.groups[0].capacity: inf is not an integer",
    GOOD_TEXT.replace('"capacity":8', '"capacity":1e400'))
mut("capacity_fraction.json", "GRP_EINVAL", "$.groups[0].capacity: 2.5 is not an integer",
    setter("groups", 0, "capacity", 2.5))
mut("capacity_string.json", "GRP_EINVAL", "$.groups[0].capacity: expected an integer, got a string",
    setter("groups", 0, "capacity", "8"))
mut("quorum_above_capacity.json", "GRP_EINVAL", "$.groups[0].quorum: 9 is above the capacity 8",
    setter("groups", 0, "quorum", 9))
mut("bool_as_int.json", "GRP_EINVAL", "$.people[0].archived: expected true or false, got a number",
    setter("people", 0, "archived", 0))
mut("null_required.json", "GRP_EINVAL", "$.people[0].display_name: may not be null",
    setter("people", 0, "display_name", None))
mut("empty_name.json", "GRP_EINVAL", "$.organisations[0].name' is empty", setter("organisations", 0, "name", ""))
mut("long_name.json", "GRP_EINVAL", "$.organisations[0].name' is 201 bytes long",
    setter("organisations", 0, "name", "x" * 201))
mut("control_char.json", "GRP_EINVAL", "$.organisations[0].name' contains a control character",
    setter("organisations", 0, "name", "a\u0001b"))
raw("bad_utf8.json", "GRP_EINVAL", "$.organisations[0].name' is not valid UTF-8",
    GOOD_TEXT.encode().replace(b'"name":"Org"', b'"name":"O\xffrg"'))
mut("bad_enum.json", "GRP_EINVAL", "$.groups[0].kind: \"therapy\" is not one of reflective_practice, ",
    setter("groups", 0, "kind", "therapy"))
mut("enum_uppercase.json", "GRP_EINVAL", "$.groups[0].status: \"ACTIVE\" is not one of",
    setter("groups", 0, "status", "ACTIVE"))
mut("enum_number.json", "GRP_EINVAL", "$.memberships[0].role: expected a word, got a number",
    setter("memberships", 0, "role", 0))

# --- dates and times
mut("bad_date.json", "GRP_EINVAL", "$.memberships[0].requested_on: \"2026-02-30\" is not a date",
    setter("memberships", 0, "requested_on", "2026-02-30"))
mut("date_format.json", "GRP_EINVAL", "$.memberships[0].requested_on: \"2026-1-1\" is not a date",
    setter("memberships", 0, "requested_on", "2026-1-1"))
mut("bad_instant.json", "GRP_EINVAL", "$.attendance[0].recorded_at: \"yesterday\" is not an RFC 3339 instant",
    setter("attendance", 0, "recorded_at", "yesterday"))
mut("local_with_zone.json", "GRP_EINVAL", "$.sessions[0].start_local: \"2026-01-06T14:00:00Z\" is not a local",
    setter("sessions", 0, "start_local", "2026-01-06T14:00:00Z"))
mut("began_before_requested.json", "GRP_EINVAL", "$.memberships[0].began: before requested_on",
    setter("memberships", 0, "began", "2025-12-01"))
mut("occurrence_without_utc.json", "GRP_EINVAL", "$.sessions[0].occurrence_utc: set exactly when occurrence is",
    setter("sessions", 0, "occurrence_utc", None))
mut("ended_before_began.json", "GRP_EINVAL", "$.memberships[0].ended: before began",
    setter("memberships", 0, "ended", "2025-12-31"))
mut("ended_before_requested.json", "GRP_EINVAL", "$.memberships[0].ended: before requested_on",
    settings("memberships", 0, state="declined", began=None, ended="2025-12-31"))
mut("until_before_first_date.json", "GRP_EINVAL", "$.cadences[0].until: before first_date",
    setter("cadences", 0, "until", "2025-12-31"))
mut("occurrence_without_cadence.json", "GRP_EINVAL", "$.sessions[0].occurrence: set exactly when cadence is",
    setter("sessions", 0, "cadence", None))

# --- rules of the model
mut("bad_email.json", "GRP_EINVAL", "$.people[0].email: \"ann@x@y\" is not an address",
    setter("people", 0, "email", "ann@x@y"))
mut("bad_timezone.json", "GRP_EINVAL", "$.groups[0].timezone: unknown time zone \"Mars/Olympus\"",
    setter("groups", 0, "timezone", "Mars/Olympus"))
mut("bad_rrule.json", "GRP_EINVAL", "$.cadences[0].rrule: ", setter("cadences", 0, "rrule", "FREQ=SOMETIMES"))
mut("in_person_without_location.json", "GRP_EINVAL", "$.groups[0].location: required for in_person delivery",
    setter("groups", 0, "location", None))
mut("hybrid_without_link.json", "GRP_EINVAL", "$.groups[0].meeting_link: required for hybrid delivery",
    setter("groups", 0, "delivery", "hybrid"))
mut("online_without_link.json", "GRP_EINVAL", "$.groups[0].meeting_link: required for online delivery",
    setter("groups", 0, "delivery", "online"))
mut("bad_link.json", "GRP_EINVAL", "$.groups[0].meeting_link ('ftp://x') must be an http:// or https:// URL",
    setter("groups", 0, "meeting_link", "ftp://x"))
mut("rating_out_of_range.json", "GRP_EINVAL", "$.feedback_responses[0].ratings[1]: expected a rating 0..5",
    setter("feedback_responses", 0, "ratings", [5, 6]))
mut("too_many_ratings.json", "GRP_EINVAL", "$.feedback_responses[0].ratings: 21 ratings (at most 20)",
    setter("feedback_responses", 0, "ratings", [1] * 21))
mut("duplicate_attendance.json", "GRP_EINVAL", "$.attendance[1]: a second attendance for the same session and person",
    lambda d: d["attendance"].append(copy.deepcopy(d["attendance"][0])))


def dup_session(d):
    s = copy.deepcopy(d["sessions"][0])
    s["id"] = "2"
    d["sessions"].append(s)


mut("duplicate_occurrence.json", "GRP_EINVAL", "$.sessions[1]: a second session for the same group and occurrence",
    dup_session)
mut("hours_rule_bad_mode.json", "GRP_EINVAL", "$.groups[0].hours_rule.mode: \"half\" is not one of full, individual",
    lambda d: d["groups"][0]["hours_rule"].update(mode="half"))
mut("hours_rule_unknown_member.json", "GRP_EINVAL", "$.groups[0].hours_rule: unknown member \"ratio\"",
    lambda d: d["groups"][0]["hours_rule"].update(ratio=2))
mut("roles_not_strings.json", "GRP_EINVAL", "$.groups[0].eligible_roles[0]: expected a string, got a number",
    setter("groups", 0, "eligible_roles", [1]))
mut("form_without_items.json", "GRP_EINVAL", "$.feedback_forms[0].items: 0 entries (1..20)",
    setter("feedback_forms", 0, "items", []))


def second_hours(corrects, entry_id="2"):
    def fn(d):
        e = copy.deepcopy(d["hours_entries"][0])
        e["id"] = entry_id
        e["corrects"] = corrects
        d["hours_entries"].append(e)
    return fn


mut("corrects_later_entry.json", "GRP_EINVAL", "$.hours_entries[0].corrects: an entry corrects an earlier one",
    lambda d: d["hours_entries"][0].update(corrects="1"))
mut("second_original_hours.json", "GRP_EINVAL", "$.hours_entries[1]: a second original hours entry",
    second_hours(None))

# --- found while writing: the transaction is rolled back


def existing_ref(d):
    d["organisations"][0]["external_ref"] = "new-org"
    o = copy.deepcopy(d["organisations"][0])
    o["id"] = "2"
    o["external_ref"] = "T-1"
    d["organisations"].append(o)


mut("existing_external_ref.json", "GRP_EEXISTS", "$.organisations[1].external_ref: organisation \"T-1\" already exists",
    existing_ref)


def corrects_listed_first(d):
    second_hours("1")(d)
    d["hours_entries"].reverse()


mut("corrected_entry_listed_later.json", "GRP_EINVAL",
    "$.hours_entries[0].corrects: hours entry \"1\" is defined later in the document", corrects_listed_first)


def write_corpus(here, good_name, good_text, cases, columns, what):
    """Write the good file, every bad one and bad.tsv (file, code, message) into `here`."""
    with open(os.path.join(here, good_name), "w", encoding="utf-8") as f:
        f.write(good_text)
    names = set()
    with open(os.path.join(here, "bad.tsv"), "w", encoding="utf-8") as m:
        m.write("# file\texpected code\t%s\n" % columns)
        m.write("# generated by make_corpus.py; every file is %s with one fault\n" % good_name)
        for name, code, needle, data in cases:
            assert name not in names, name
            names.add(name)
            with open(os.path.join(here, name), "wb") as f:
                f.write(data)
            m.write("%s\t%s\t%s\n" % (name, code, needle))
    print("%d %s" % (len(cases), what))


def main():
    write_corpus(HERE, "good.json", GOOD_TEXT, CASES, "substring of the error message (the JSON path)",
                 "bad documents")


if __name__ == "__main__":
    main()
