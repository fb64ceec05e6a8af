#!/usr/bin/env python3
"""Check that the demo output quoted in README.md is what the demo prints.

    check_readme_excerpt.py README.md SUMMARY.txt

The excerpt is the first ```text block after the "## The demo" heading;
every line of it except "  ..." must be a line of SUMMARY.txt (the demo's
output, written by run_demo.cmake). Exit status 0 when all are found."""
import sys


def main(readme_path: str, summary_path: str) -> int:
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    with open(summary_path, encoding="utf-8") as f:
        printed = set(f.read().splitlines())
    section = readme.split("\n## The demo\n", 1)[1]
    excerpt = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    missing = [line for line in excerpt if line.strip() != "..." and line not in printed]
    for line in missing:
        print(f"README.md quotes a line the demo does not print: {line!r}")
    if len(excerpt) < 10:
        print("README.md: the demo excerpt is missing or too short")
        return 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
