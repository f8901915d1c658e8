"""Every number of the law a person reads comes from ``scheduling/parameters.py`` (issue 12, "One catalogue of
rules"): the 8-day booking minimum, "1 uge", "hver 14. dag", "under 25", 410/333 hours, 3 months, 6 weeks …
are parameters passed into the sentence (``%(days)s``), never digits written in a template, a form, a view, a
letter or a Danish message id. A change in the law is then one dated value in ``parameters.py``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A number with a unit of time or of hours, an age limit, or the hand-over hours.
LAW_NUMBER = re.compile(
    r"\b\d+(?:[.,]\d+)?\.? ?(?:dage|dags|dag|uge|uger|ugers|måned|måneder|måneders|år|timer|timers)\b"
    r"|\bunder \d+\b|\b(?:410|333)\b",
    re.IGNORECASE,
)
# Numbers that are not the law's, with why.
NOT_THE_LAW = {
    "Dine ledige tider de næste 14 dage": "how far ahead a caseworker's own free times are listed (a view's choice)",
    "Du har ingen ledige tider de næste 14 dage.": "the same list, empty",
}
# Code that makes no sentence of the rules: examples, the database, the calendar files, and the demo world, whose
# descriptions tell the story of its made-up people ("tilmeldt for 2 dage siden") and are shown only in the demo.
SKIP = ("migrations", "examples", "adapters", "calendar", "static", "demo.py")


def _docstrings(tree: ast.AST) -> set[int]:
    return {
        id(node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }


def _texts() -> list[tuple[str, str]]:
    """(where, text) for every string in the portal's and the rules' Python (not docstrings) and template lines."""
    found = []
    for path in sorted([*(ROOT / "portal").rglob("*.py"), *(ROOT / "scheduling").rglob("*.py")]):
        if any(part in SKIP for part in path.relative_to(ROOT).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        found += [
            (f"{path.relative_to(ROOT)}:{node.lineno}", node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
        ]
    for path in sorted((ROOT / "portal").rglob("*.html")):
        if any(part in SKIP for part in path.relative_to(ROOT).parts):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found.append((f"{path.relative_to(ROOT)}:{number}", line))
    return found


def _is_code(text: str) -> bool:
    """SQL, format strings and identifiers carry no sentence a person reads."""
    return not re.search(r"[a-zæøå]{2,} [a-zæøå]{2,}", text, re.IGNORECASE)


def test_every_law_number_a_person_reads_comes_from_the_parameters():
    offending = [
        f"{where}: {match.group(0)!r} in {text.strip()[:110]!r}"
        for where, text in _texts()
        if not _is_code(text)
        for match in LAW_NUMBER.finditer(text)
        if not any(allowed in text for allowed in NOT_THE_LAW)
    ]
    assert not offending, "a number of the law written as a literal (pass it from scheduling/parameters.py):\n" + "\n".join(offending)
