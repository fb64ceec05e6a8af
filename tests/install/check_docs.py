#!/usr/bin/env python3
"""Every public declaration must be documented.

For each public header: every GRP_API function must be preceded by a
Doxygen comment (/** ... */) and every public typedef'd enum constant and
struct field must carry one (/**< ... */ after it, or /** ... */ before it).
Usage: check_docs.py INCLUDE_DIR
"""
import re
import sys
from pathlib import Path


def undocumented(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = []
    in_enum = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        # functions: the declaration's first line holds GRP_API
        if stripped.startswith("GRP_API "):
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            if j < 0 or not lines[j].strip().endswith("*/"):
                problems.append((i + 1, stripped))
                continue
            # walk back to the comment's start: it must be a /** comment
            k = j
            while k >= 0 and "/*" not in lines[k]:
                k -= 1
            if k < 0 or "/**" not in lines[k]:
                problems.append((i + 1, stripped))
        # enum constants
        if re.match(r"typedef enum \w+ \{", stripped):
            in_enum = True
            continue
        if in_enum:
            if stripped.startswith("}"):
                in_enum = False
                continue
            if re.match(r"GRP_\w+\s*(=|,|$)", stripped):
                before = lines[i - 1].strip() if i else ""
                if "/**<" not in stripped and not before.endswith("*/"):
                    problems.append((i + 1, stripped))
    return problems


def main():
    root = Path(sys.argv[1])
    headers = sorted([root / "libgrp.h"] + list((root / "libgrp").glob("*.h")))
    total = 0
    for h in headers:
        for line, text in undocumented(h):
            print(f"{h}:{line}: undocumented: {text}")
            total += 1
    functions = sum(h.read_text().count("GRP_API ") for h in headers)
    print(f"{len(headers)} headers, {functions} public functions, {total} undocumented declarations")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
