#!/usr/bin/env python3
"""Validate libgrp JSON documents against docs/libgrp.schema.json.

    validate_schema.py SCHEMA [DOCUMENT...]

Checks that the schema is a valid draft 2020-12 schema, that every DOCUMENT
(default: good.json next to this script) validates, and that documents of
the bad corpus whose fault a schema can see are rejected (so the schema is
not vacuous). An export to check comes from test_json: run it with
GRP_JSON_EXPORT_OUT=/some/file.json and pass that file. Needs
python3-jsonschema (Debian 12's 4.10.3 or later). Exit status 0 when all is
well."""
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))

# Faults of the bad corpus that the schema itself must refuse.
SCHEMA_VISIBLE = [
    "missing_format.json", "wrong_format.json", "version_2.json", "version_string.json", "unknown_member.json",
    "unknown_top_member.json", "missing_member.json", "id_number.json", "id_leading_zero.json", "id_negative.json",
    "bad_enum.json", "enum_uppercase.json", "enum_number.json", "capacity_zero.json", "capacity_fraction.json",
    "capacity_string.json", "bool_as_int.json", "null_required.json", "empty_name.json", "long_name.json",
    "date_format.json", "local_with_zone.json", "bad_link.json", "rating_out_of_range.json",
    "too_many_ratings.json", "hours_rule_bad_mode.json", "hours_rule_unknown_member.json",
    "roles_not_strings.json", "form_without_items.json", "people_not_array.json", "record_not_object.json",
    "not_object.json", "bad_email.json",
]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    schema = load(argv[1])
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    validator = cls(schema)
    failures = 0
    docs = argv[2:] or [os.path.join(HERE, "good.json")]
    for path in docs:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.path))
        for e in errors[:5]:
            print("%s: %s: %s" % (path, "/".join(str(p) for p in e.path), e.message))
        failures += bool(errors)
    for name in SCHEMA_VISIBLE:
        if validator.is_valid(load(os.path.join(HERE, name))):
            print("%s: the schema accepts it" % name)
            failures += 1
    print("%d documents valid, %d bad documents refused, %d failures"
          % (len(docs), len(SCHEMA_VISIBLE), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
