#!/usr/bin/env python3
"""bench_python: the cost of one call from Python against the same call from C.

Runs bench_calls (the C figures, measured in this same run) and then the
same two calls through the libgrp package: recording attendance and reading
a group. Prints time per call and the ratio Python / C (target: at most 3).

    PYTHONPATH=build/bindings/python/site python3 bench/bench_python.py build/bench/bench_calls [iterations]
"""
import datetime
import subprocess
import sys
import time

import libgrp


def c_figures(binary, n):
    out = subprocess.run([binary, str(n)], check=True, capture_output=True, text=True).stdout
    values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return float(values["c_attendance_ns"]), float(values["c_group_get_ns"])


def python_figures(n):
    with libgrp.open(":memory:") as store:
        org = store.create_org("Bench")
        group = store.create_group(org=org, name="Bench group", timezone="Europe/London", location="Room",
                                   status=libgrp.GroupStatus.ACTIVE)
        person = store.create_person(org, "Member")
        store.join(group, person, datetime.date(2026, 1, 1))
        store.set_cadence(group, "FREQ=WEEKLY;BYDAY=MO", datetime.date(2026, 1, 5), datetime.time(9, 0))
        session = store.ensure_session(group, datetime.datetime(2026, 1, 5, 9, 0))
        cycle = [libgrp.AttendanceStatus.PRESENT, libgrp.AttendanceStatus.LATE, libgrp.AttendanceStatus.ABSENT]
        minutes = [-1, 30, -1]
        t0 = time.perf_counter()
        for i in range(n):
            store.record_attendance(session, person, cycle[i % 3], minutes[i % 3])
        att = (time.perf_counter() - t0) / n
        gid = group.id
        t0 = time.perf_counter()
        for _ in range(n):
            store.get_group(gid)
        get = (time.perf_counter() - t0) / n
    return att * 1e9, get * 1e9


def main():
    binary = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    c_att, c_get = c_figures(binary, n)
    py_att, py_get = python_figures(n)
    print(f"bench_python: {n} calls each")
    print(f"  record attendance: Python {py_att:8.0f} ns/call, C {c_att:8.0f} ns/call, ratio {py_att / c_att:.2f}")
    print(f"  read a group:      Python {py_get:8.0f} ns/call, C {c_get:8.0f} ns/call, ratio {py_get / c_get:.2f}")


if __name__ == "__main__":
    main()
