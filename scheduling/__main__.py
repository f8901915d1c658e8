"""``python -m scheduling``: command-line tools over the rules core.

Each subcommand is a subparser in :func:`build_parser` with a ``handler``; add yours there.
``explain FILE [--on YYYY-MM-DD] [--text]`` prints a course's evaluation as JSON or readable Danish. Invalid
input exits with status 2 and a Danish message naming the field.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

EXIT_INVALID = 2


def _day(text: str) -> date:
    from scheduling import datebounds

    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ugyldig dato {text!r} (forventet ÅÅÅÅ-MM-DD)") from exc
    if not datebounds.in_range(day):
        raise argparse.ArgumentTypeError(f"{text} ligger uden for det tilladte. {datebounds.out_of_range_text()}")
    return day


def _no_constants(name: str) -> None:
    """JSON's NaN and Infinity (which Python reads) are not numbers a course can hold."""
    raise ValueError(f"{name} er ikke et tal")


def explain(args: argparse.Namespace) -> int:
    """Read a course from JSON, evaluate it on a day, print the result."""
    from scheduling.coursejson import (
        CourseError,
        course_from_json,
        day_on,
        evaluation_to_json,
        evaluation_to_text,
    )
    from scheduling.evaluation import evaluate

    try:
        data = json.loads(Path(args.file).read_text(encoding="utf-8"), parse_constant=_no_constants)
    except OSError as exc:
        print(f"Fejl: filen {args.file} kan ikke læses: {exc.strerror}", file=sys.stderr)
        return EXIT_INVALID
    except RecursionError:
        print(f"Fejl: {args.file} er ikke gyldig JSON: den er indlejret for dybt", file=sys.stderr)
        return EXIT_INVALID
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError, NaN/Infinity, numbers of 4,300+ digits
        print(f"Fejl: {args.file} er ikke gyldig JSON: {exc}", file=sys.stderr)
        return EXIT_INVALID
    try:
        course = course_from_json(data)
        file_day = day_on(data)
    except CourseError as exc:
        print(f"Fejl i {args.file}, felt {exc.path or '(roden)'}: {exc.message}", file=sys.stderr)
        return EXIT_INVALID
    # the shell may read the clock; the core never does
    on = args.on or file_day or date.today()
    evaluation = evaluate(course, on)
    if args.text:
        sys.stdout.write(evaluation_to_text(evaluation))
    else:
        json.dump(evaluation_to_json(evaluation), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The parser with one subparser per command; other modules add theirs here."""
    parser = argparse.ArgumentParser(prog="python -m scheduling", description="Selvbookings regelkerne")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("explain", help="forklar et kontaktforløb (JSON) på en given dag")
    p.add_argument("file", help="kontaktforløbet som JSON (se docs/course-json.md)")
    p.add_argument("--on", type=_day, default=None, help="dagen, forløbet vurderes på (ÅÅÅÅ-MM-DD); standard: filens \"on\" eller i dag")
    p.add_argument("--text", action="store_true", help="læsbar dansk tekst i stedet for JSON")
    p.set_defaults(handler=explain)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; argparse errors exit with status 2."""
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
