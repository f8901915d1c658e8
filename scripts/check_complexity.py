"""Fail when a function under the given paths is more complex than radon's grade C (issue 10, "Thin views").

    .venv/bin/python scripts/check_complexity.py portal            # what `make lint` runs
    .venv/bin/python scripts/check_complexity.py --worst B portal  # a stricter bar

``radon cc -n D`` lists such functions but always exits 0, so a check built on it alone never fails. This script
uses radon's own cyclomatic complexity and grades, counts every function, method, closure and class (a closure
is a function too: radon leaves its complexity out of the enclosing one's), prints one line per block over the
bar and exits 1 if there is any, or if a file cannot be read or parsed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from radon.complexity import add_inner_blocks, cc_rank, cc_visit

GRADES = "ABCDEF"


def python_files(paths: list[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.py") if "__pycache__" not in p.parts)
        else:
            yield path


def too_complex(paths: list[str], worst: str = "C") -> list[str]:
    """One line for every block graded worse than ``worst``, and for every file that cannot be analysed."""
    problems = []
    for path in python_files(paths):
        try:
            blocks = add_inner_blocks(cc_visit(path.read_text(encoding="utf-8")))
        except (OSError, SyntaxError, UnicodeDecodeError) as error:
            problems.append(f"{path}: cannot be analysed: {error}")
            continue
        for block in sorted(blocks, key=lambda b: b.lineno):
            grade = cc_rank(block.complexity)
            if grade > worst:
                problems.append(f"{path}:{block.lineno} {block.fullname}: grade {grade} (complexity {block.complexity})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="files or directories to check")
    parser.add_argument("--worst", choices=GRADES, default="C", help="the worst grade allowed (default: C)")
    args = parser.parse_args(argv)
    problems = too_complex(args.paths, args.worst)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s): every block must be grade {args.worst} or better (radon cc -s shows scores)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
