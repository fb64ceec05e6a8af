#!/usr/bin/env python3
"""Write the bad-stream corpus of test_ndjson.c: one file per bad NDJSON
stream and bad.tsv, the manifest (file, expected code, exact start of the
error message: "line N: $.path: ..."). good.ndjson is the stream form of
tests/data/json/good.json; every bad stream is it with one fault.
Run from anywhere: python3 tests/data/ndjson/make_corpus.py"""
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # nothing generated beside the JSON corpus
sys.path.insert(0, os.path.join(HERE, "..", "json"))
from make_corpus import GOOD, write_corpus  # noqa: E402  (the same records and writer as the JSON corpus)

HEADER = {"format": "libgrp-ndjson", "version": 1}
KINDS = [k for k in GOOD if k not in ("format", "version")]
CASES = []  # (file, code, message prefix, bytes)


def dump(d):
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def lines_of(doc, header=HEADER):
    out = [dump(header)]
    for kind in KINDS:
        for rec in doc.get(kind, []):
            out.append(dump(dict([("record", kind)] + list(rec.items()))))
    return out


def text_of(lines):
    return "".join(line + "\n" for line in lines)


GOOD_LINES = lines_of(GOOD)
GOOD_TEXT = text_of(GOOD_LINES)


def line_no(kind, i=0):
    """1-based line of record i of `kind` in the good stream."""
    n = 2
    for k in KINDS:
        if k == kind:
            return n + i
        n += len(GOOD[k])
    raise KeyError(kind)


def raw(name, code, prefix, text):
    CASES.append((name, code, prefix, text.encode("utf-8") if isinstance(text, str) else text))


def mut(name, code, prefix, fn):
    d = copy.deepcopy(GOOD)
    fn(d)
    raw(name, code, prefix, text_of(lines_of(d)))


def setter(kind, i, key, value):
    def fn(d):
        d[kind][i][key] = value
    return fn


def settings(kind, i, **values):
    def fn(d):
        d[kind][i].update(values)
    return fn


def replace_line(kind, i, old, new):
    """The good stream with one line's text changed (for faults json.dumps cannot write)."""
    lines = list(GOOD_LINES)
    n = line_no(kind, i) - 1
    assert old in lines[n], (kind, old)
    lines[n] = lines[n].replace(old, new, 1)
    return text_of(lines)


def at(kind, i=0):
    return "line %d: " % line_no(kind, i)


P = at("people")
G = at("groups")
M = at("memberships")
S = at("sessions")

# --- the header
raw("empty.ndjson", "GRP_EINVAL", "line 1: the stream has no header", "")
raw("blank_lines_only.ndjson", "GRP_EINVAL", "line 4: the stream has no header", "\n \n\t\n")
raw("header_missing.ndjson", "GRP_EINVAL", "line 1: $.format: missing", text_of(GOOD_LINES[1:]))
raw("header_document_format.ndjson", "GRP_EINVAL", "line 1: $.format: expected \"libgrp-ndjson\"",
    text_of(lines_of(GOOD, {"format": "libgrp", "version": 1})))
raw("header_version_2.ndjson", "GRP_EUNSUPPORTED", "line 1: $.version: format version 2 is not supported",
    text_of(lines_of(GOOD, {"format": "libgrp-ndjson", "version": 2})))
raw("header_version_string.ndjson", "GRP_EINVAL", "line 1: $.version: expected an integer",
    text_of(lines_of(GOOD, {"format": "libgrp-ndjson", "version": "1"})))
raw("header_no_version.ndjson", "GRP_EINVAL", "line 1: $.version: missing",
    text_of(lines_of(GOOD, {"format": "libgrp-ndjson"})))
raw("header_extra_member.ndjson", "GRP_EINVAL", "line 1: $: unknown member \"x\" in the header",
    text_of(lines_of(GOOD, {"format": "libgrp-ndjson", "version": 1, "x": 1})))
raw("header_array.ndjson", "GRP_EINVAL", "line 1: $: expected an object, got an array", "[]\n")
raw("two_headers.ndjson", "GRP_EINVAL", "line 2: $.record: missing", text_of([GOOD_LINES[0]] + GOOD_LINES))

# --- malformed lines
raw("trailing_comma.ndjson", "GRP_EPARSE", "%smalformed JSON at column 138" % P,
    replace_line("people", 0, '"archived":false}', '"archived":false,}'))
raw("truncated_line.ndjson", "GRP_EPARSE", "%smalformed JSON at column 41: the line ends too early" % P,
    text_of(GOOD_LINES[:2] + [GOOD_LINES[2][:40]] + GOOD_LINES[3:]))
raw("two_records_one_line.ndjson", "GRP_EPARSE", "%smalformed JSON at column 139" % P,
    text_of(GOOD_LINES[:2] + [GOOD_LINES[2] + " " + GOOD_LINES[3]] + GOOD_LINES[4:]))
raw("raw_nul.ndjson", "GRP_EPARSE", "%smalformed JSON: a NUL byte at column 65" % P,
    replace_line("people", 0, '"Ann"', '"A\x00nn"').encode("utf-8"))
raw("nul_escape.ndjson", "GRP_EINVAL", "%s$.display_name: a string contains \\u0000 (NUL), which is refused" % P,
    replace_line("people", 0, '"Ann"', '"A\\u0000nn"'))
raw("deep_nesting.ndjson", "GRP_EINVAL", "%sthe record nests deeper than 32 levels at column 176" % P,
    replace_line("people", 0, '"archived":false}', '"archived":false,"deep":' + "[" * 40 + "]" * 40 + "}"))
raw("single_quotes.ndjson", "GRP_EPARSE", "%smalformed JSON at column 48" % P,
    replace_line("people", 0, '"display_name":"Ann"', "'display_name':'Ann'"))
raw("nan.ndjson", "GRP_EPARSE", "%smalformed JSON at column 119" % G,
    replace_line("groups", 0, '"capacity":8', '"capacity":NaN'))

# --- the record member and the shape of a record
raw("record_array.ndjson", "GRP_EINVAL", "%s$: expected an object (a record), got an array" % P,
    text_of(GOOD_LINES[:2] + ["[1]"] + GOOD_LINES[3:]))
raw("record_missing.ndjson", "GRP_EINVAL", "line 2: $.record: missing",
    text_of(GOOD_LINES[:1] + [dump(GOOD["organisations"][0])] + GOOD_LINES[2:]))
raw("record_number.ndjson", "GRP_EINVAL",
    "%s$.record: expected the name of a kind of record, got a number" % P,
    replace_line("people", 0, '"record":"people"', '"record":7'))
raw("record_unknown_kind.ndjson", "GRP_EINVAL", "%s$.record: \"eligible_roles\" is not a kind of record" % P,
    replace_line("people", 0, '"record":"people"', '"record":"eligible_roles"'))
raw("record_twice.ndjson", "GRP_EINVAL", "%s$: the member \"record\" appears twice" % P,
    replace_line("people", 0, '"archived":false}', '"archived":false,"record":"people"}'))
raw("duplicate_member.ndjson", "GRP_EINVAL", "%s$: the member \"display_name\" appears twice" % P,
    replace_line("people", 0, '"display_name":"Ann"', '"display_name":"Ann","display_name":"Eve"'))
mut("unknown_member.ndjson", "GRP_EINVAL", "%s$: unknown member \"nickname\"" % P, setter("people", 0, "nickname", "A"))
mut("missing_member.ndjson", "GRP_EINVAL", "%s$.archived: missing" % P, lambda d: d["people"][0].pop("archived"))

# --- ids and references (a record comes after the records it refers to)
mut("id_number.ndjson", "GRP_EINVAL", "%s$.id: expected an id as a decimal string, got a number" % P,
    setter("people", 0, "id", 1))
mut("id_leading_zero.ndjson", "GRP_EINVAL", "%s$.id: \"01\" is not an id" % P, setter("people", 0, "id", "01"))
mut("id_too_big.ndjson", "GRP_EINVAL", "%s$.id: \"9223372036854775808\" is not an id" % P,
    setter("people", 0, "id", "9223372036854775808"))
mut("duplicate_id.ndjson", "GRP_EINVAL", "%s$.id: a second person with id \"1\"" % at("people", 1),
    setter("people", 1, "id", "1"))
mut("unknown_person.ndjson", "GRP_EINVAL", "%s$.person: unknown person \"17\"" % M,
    setter("memberships", 0, "person", "17"))
mut("unknown_group.ndjson", "GRP_EINVAL", "%s$.group: unknown group \"9\"" % S, setter("sessions", 0, "group", "9"))
mut("unknown_form.ndjson", "GRP_EINVAL", "%s$.feedback_form: unknown feedback form \"5\"" % G,
    setter("groups", 0, "feedback_form", "5"))
mut("unknown_goal.ndjson", "GRP_EINVAL", "%s$.goal: unknown goal \"3\"" % at("goal_steps"),
    setter("goal_steps", 0, "goal", "3"))


def person_before_org(d):
    d["people"][0]["organisation"] = "2"


mut("organisation_later.ndjson", "GRP_EINVAL",
    "%s$.organisation: unknown organisation \"2\" (a record must come after the records it refers to)" % P,
    person_before_org)
raw("attendance_before_session.ndjson", "GRP_EINVAL", "%s$.session: unknown session \"1\"" % S,
    text_of(GOOD_LINES[:line_no("sessions") - 1] + [GOOD_LINES[line_no("attendance") - 1],
                                                   GOOD_LINES[line_no("sessions") - 1]]
            + GOOD_LINES[line_no("attendance"):]))

# --- types and ranges
mut("capacity_zero.ndjson", "GRP_EINVAL", "%s$.capacity: 0 is not an integer in 1..1000" % G,
    setter("groups", 0, "capacity", 0))
mut("capacity_string.ndjson", "GRP_EINVAL", "%s$.capacity: expected an integer, got a string" % G,
    setter("groups", 0, "capacity", "8"))
mut("quorum_above_capacity.ndjson", "GRP_EINVAL", "%s$.quorum: 9 is above the capacity 8" % G,
    setter("groups", 0, "quorum", 9))
mut("bool_as_int.ndjson", "GRP_EINVAL", "%s$.archived: expected true or false, got a number" % P,
    setter("people", 0, "archived", 0))
mut("null_required.ndjson", "GRP_EINVAL", "%s$.display_name: may not be null" % P,
    setter("people", 0, "display_name", None))
mut("long_name.ndjson", "GRP_EINVAL", "%sargument '$.name' is 201 bytes long (at most 200)" % at("organisations"), setter("organisations", 0, "name", "x" * 201))
raw("bad_utf8.ndjson", "GRP_EINVAL", "%sargument '$.name' is not valid UTF-8" % at("organisations"),
    GOOD_TEXT.encode().replace(b'"name":"Org"', b'"name":"O\xffrg"'))
mut("bad_enum.ndjson", "GRP_EINVAL", "%s$.kind: \"therapy\" is not one of reflective_practice, " % G,
    setter("groups", 0, "kind", "therapy"))
mut("enum_number.ndjson", "GRP_EINVAL", "%s$.role: expected a word, got a number" % M,
    setter("memberships", 0, "role", 0))

# --- dates and times
mut("bad_date.ndjson", "GRP_EINVAL", "%s$.requested_on: \"2026-02-30\" is not a date" % M,
    setter("memberships", 0, "requested_on", "2026-02-30"))
mut("bad_instant.ndjson", "GRP_EINVAL",
    "%s$.recorded_at: \"yesterday\" is not an RFC 3339 instant" % at("attendance"),
    setter("attendance", 0, "recorded_at", "yesterday"))
mut("began_before_requested.ndjson", "GRP_EINVAL", "%s$.began: before requested_on" % M,
    setter("memberships", 0, "began", "2025-12-01"))
mut("ended_before_began.ndjson", "GRP_EINVAL", "%s$.ended: before began" % M,
    setter("memberships", 0, "ended", "2025-12-31"))
mut("ended_before_requested.ndjson", "GRP_EINVAL", "%s$.ended: before requested_on" % M,
    settings("memberships", 0, state="declined", began=None, ended="2025-12-31"))
mut("until_before_first_date.ndjson", "GRP_EINVAL", "%s$.until: before first_date" % at("cadences"),
    setter("cadences", 0, "until", "2025-12-31"))
mut("occurrence_without_cadence.ndjson", "GRP_EINVAL", "%s$.occurrence: set exactly when cadence is" % S,
    setter("sessions", 0, "cadence", None))
mut("in_person_without_location.ndjson", "GRP_EINVAL", "%s$.location: required for in_person delivery" % G,
    setter("groups", 0, "location", None))

# --- rules of the model
mut("bad_email.ndjson", "GRP_EINVAL", "%s$.email: \"ann@x@y\" is not an address" % P,
    setter("people", 0, "email", "ann@x@y"))
mut("bad_timezone.ndjson", "GRP_EINVAL", "%s$.timezone: unknown time zone \"Mars/Olympus\"" % G,
    setter("groups", 0, "timezone", "Mars/Olympus"))
mut("bad_rrule.ndjson", "GRP_EINVAL", "%s$.rrule: RRULE: bad FREQ value 'SOMETIMES' at position 5" % at("cadences"), setter("cadences", 0, "rrule", "FREQ=SOMETIMES"))
mut("rating_out_of_range.ndjson", "GRP_EINVAL", "%s$.ratings[1]: expected a rating 0..5" % at("feedback_responses"),
    setter("feedback_responses", 0, "ratings", [5, 6]))
mut("form_without_items.ndjson", "GRP_EINVAL", "%s$.items: 0 entries (1..20)" % at("feedback_forms"),
    setter("feedback_forms", 0, "items", []))
mut("duplicate_attendance.ndjson", "GRP_EINVAL",
    "%s$: a second attendance for the same session and person" % at("attendance", 1),
    lambda d: d["attendance"].append(copy.deepcopy(d["attendance"][0])))


def existing_ref(d):
    d["organisations"][0]["external_ref"] = "T-1"


mut("existing_external_ref.ndjson", "GRP_EEXISTS",
    "%s$.external_ref: organisation \"T-1\" already exists in the store" % at("organisations"), existing_ref)


def main():
    write_corpus(HERE, "good.ndjson", GOOD_TEXT, CASES,
                 "the exact start of the error message (\"line N: $.path: ...\")", "bad streams")


if __name__ == "__main__":
    main()
