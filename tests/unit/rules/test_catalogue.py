"""The catalogue of rules (issue 12, "One catalogue of rules"): every rule id R1–R28 has its title, legal basis,
guidance section and deciding module in ``scheduling/rules/catalogue.py``, and a legal basis is written nowhere
else in ``scheduling/`` and ``portal/``.
"""

from __future__ import annotations

import ast
import importlib
import re
from functools import cache
from pathlib import Path

import pytest

from scheduling import parameters as P
from scheduling.reasons import N_, Reason
from scheduling.rules.catalogue import CATALOGUE, GUIDANCE, RULES, basis, reason

ROOT = Path(__file__).resolve().parents[3]
GUIDANCE_TEXT = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if (p / "sources").is_dir()), ROOT.parent / "shared"
) / "sources" / "VEJ-10044-2023-forenklet-kontaktforloeb.txt"
RULE_ID = re.compile(r"\bR(\d{1,3})\b")
# A legal basis: a paragraph sign, or a statute's abbreviation as the law writes it.
LEGAL_BASIS = re.compile(r"§|\bBEK\b|\b(?:LAB|BAB|LOB)\b|[Ll]ov nr\.")


def _sources(*folders: str, suffixes: tuple[str, ...] = (".py", ".html", ".json")) -> list[Path]:
    return sorted(
        p for folder in folders for p in (ROOT / folder).rglob("*")
        if p.suffix in suffixes and p.is_file() and "static" not in p.parts and "__pycache__" not in p.parts
    )


def test_the_catalogue_holds_every_rule_R1_to_R28_once_with_title_basis_guidance_and_module():
    assert [r.id for r in RULES] == [f"R{n}" for n in range(1, 29)]
    for r in RULES:
        assert r.title and r.basis and r.guidance and r.module, r
        assert r.title[0].isupper() and "§" not in r.title, r.id


def test_every_catalogued_module_exists_and_names_its_rule():
    for r in RULES:
        module = importlib.import_module(r.module)
        assert module.__file__ is not None
        assert re.search(rf"\b{r.id}\b", Path(module.__file__).read_text(encoding="utf-8")), (r.id, r.module)


@pytest.mark.skipif(not GUIDANCE_TEXT.exists(), reason="the guidance text is not beside the repository")
def test_every_guidance_section_is_a_heading_of_the_guidance():
    headings = {m.group(1) for m in re.finditer(r"^ ?(\d+(?:\.\d+)?)\.? ", GUIDANCE_TEXT.read_text(encoding="utf-8"), re.M)}
    for r in RULES:
        assert r.guidance in headings, (r.id, r.guidance)


def test_a_reason_takes_its_basis_from_the_catalogue():
    made = reason("R6", N_("Din a-kasse skal holde din første jobsamtale senest %(day)s."), day="1. marts 2026")
    assert (made.rule, made.basis, made.params["day"]) == ("R6", "LAB § 31, stk. 4", "1. marts 2026")
    assert reason("R26", "x", part="stk3").basis == "LAB § 106, stk. 3"
    assert reason("R10", "x", also=("R18",)).basis == "LAB § 31, stk. 2; LAB § 33, stk. 4"
    assert reason("R22", "x").basis == f"{GUIDANCE}, afsnit 4.2"


def test_a_reason_equals_one_made_directly_and_keeps_no_link_to_the_callers_parameters():
    """reason() skips Reason's copy of the parameters and shares reasons without any (issue 11: evaluate's
    speed): the result must still be the Reason written out, read-only and independent of the caller's dict."""
    params = {"day": "1. marts 2026"}
    made = reason("R6", "x %(day)s", params, count=3)
    params["day"] = "changed"
    assert made == Reason("R6", "LAB § 31, stk. 4", "x %(day)s", {"day": "1. marts 2026", "count": 3})
    assert reason("R12", "y %(months)s", months=6) == Reason("R12", basis("R12"), "y %(months)s", {"months": 6})
    with pytest.raises(TypeError):
        made.params["day"] = "x"  # type: ignore[index]
    fixed = reason("R10", "z", also=("R18",))
    assert fixed is reason("R10", "z", also=("R18",)) and fixed == Reason("R10", basis("R10", None, ("R18",)), "z")
    assert fixed is not reason("R10", "z") and reason("R10", "z").basis == basis("R10")


def test_an_unknown_rule_or_part_is_refused_with_its_name():
    unknown = "R" + "99"  # not written as one word, so that the scan below does not find it
    with pytest.raises(KeyError, match=unknown):
        reason(unknown, "x")
    with pytest.raises(KeyError, match="stk9"):
        basis("R26", "stk9")


def test_every_parameter_of_the_law_names_a_catalogued_rule_and_part():
    for parameter in P.ALL:
        if parameter.legal:
            assert parameter.rule in CATALOGUE, parameter.name
            assert parameter.basis, parameter.name  # a part that is not catalogued raises here
        else:
            assert parameter.part is None and "§" not in parameter.basis, parameter.name


def test_every_rule_id_used_anywhere_is_in_the_catalogue():
    """(a) scheduling, portal (code, templates, examples) and the tests' expectations name only catalogued rules."""
    unknown = []
    for path in _sources("scheduling", "portal", "tests", "docs", suffixes=(".py", ".html", ".json", ".md", ".yaml", ".yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            unknown += [f"{path.relative_to(ROOT)}:{number}: R{m}" for m in RULE_ID.findall(line) if f"R{m}" not in CATALOGUE]
    assert not unknown, "\n".join(unknown)


@cache
def _test_names() -> tuple[str, ...]:
    names = []
    for path in (ROOT / "tests").rglob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names += [n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith("test")]
    for path in (ROOT / "tests" / "scenarios").rglob("*.y*ml") if (ROOT / "tests" / "scenarios").exists() else ():
        names.append(path.stem)
    return tuple(names)


@pytest.mark.parametrize("rule_id", list(CATALOGUE))
def test_every_catalogued_rule_has_tests_named_for_it(rule_id):
    """(b) a test whose name holds the rule id (``test_r6_…``, ``test_…_R6_…``) proves each rule."""
    named = re.compile(rf"(?i)(?:^|_){rule_id}(?:_|$)")
    assert any(named.search(name) for name in _test_names()), f"no test is named for {rule_id}"


def _docstrings(tree: ast.AST) -> set[int]:
    """The string statements (docstrings, attribute docs): documentation, not text the program uses."""
    return {
        id(node.value) for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }


def _basis_outside_catalogue() -> list[str]:
    found = []
    catalogue = ROOT / "scheduling" / "rules" / "catalogue.py"
    for path in _sources("scheduling", "portal", suffixes=(".py",)):
        if path == catalogue or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs and LEGAL_BASIS.search(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:100]!r}")
    for path in [*_sources("portal", suffixes=(".html",)), *_sources("scheduling", suffixes=(".json",))]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LEGAL_BASIS.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]!r}")
    return found


def test_no_legal_basis_is_written_outside_the_catalogue():
    """(c) "LAB § 35" is written once, in the catalogue; code, texts and templates take it from there."""
    found = _basis_outside_catalogue()
    assert not found, "a legal basis outside scheduling/rules/catalogue.py:\n" + "\n".join(found)
