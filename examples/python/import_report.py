#!/usr/bin/env python3
"""Load a libgrp JSON document, print attendance and supervision hours as
tables, and write the attendance report as CSV.

    PYTHONPATH=build/bindings/python/site python3 examples/python/import_report.py \\
        [document.json] [attendance.csv]

The document defaults to programme.json next to this script (a clinical
supervision group's first term); the CSV to attendance.csv in the current
directory.
"""

import datetime
import os
import sys
from typing import List, Optional

import libgrp


def print_table(report: libgrp.Report) -> None:
    """Print a report as an aligned text table."""
    header = [c.name for c in report.columns]
    rows: List[List[str]] = [[cell if cell is not None else "-" for cell in row] for row in report.text_rows()]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    print("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for row in rows:
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)))


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    document = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "programme.json")
    csv_path = sys.argv[2] if len(sys.argv) > 2 else "attendance.csv"
    system = libgrp.Actor.system()  # imports, exports and whole-store reports are the system's
    with libgrp.open(":memory:") as store:
        result = store.import_json_file(system, document)
        counts = {k: v for k, v in result.created_by_name().items() if v}
        print(f"Imported {document}:")
        print("  " + ", ".join(f"{n} {k}" for k, n in counts.items()))

        group = next(store.groups())
        start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
        end = datetime.datetime(2026, 4, 1, tzinfo=datetime.timezone.utc)
        attendance = store.report_attendance(system, group, start, end)
        print(f"\nAttendance in '{group.name}', January to March 2026:")
        print_table(attendance)
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            f.write(attendance.to_csv())
        print(f"\nWrote {csv_path}")

        first: Optional[libgrp.Membership] = next(
            (m for m in store.members(group, on=datetime.date(2026, 1, 6)) if m.role == libgrp.MemberRole.MEMBER),
            None)
        if first is not None:
            person = store.get_person(first.person_id)
            print(f"\nSupervision hours of {person.display_name}:")
            print_table(store.report_hours(system, person))
    return 0


if __name__ == "__main__":
    sys.exit(main())
