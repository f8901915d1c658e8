"""Caseworker pages speak to the caseworker about the person, never with the citizen's "du" (issue 14, "Words for
caseworkers"). Every sentence the rules (and the booking service's refusals) say to the person has a caseworker
wording beside it in :mod:`scheduling.wording` that calls the person by first name; a sentence without one speaks
to no one and reads the same on both sides. Each is rendered in the caseworker's wording, in Danish and in
English, and must not address anyone as du/dig/din/dine/dit or you/your.
"""

from __future__ import annotations

import ast
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.support import Translations

from scheduling.reasons import Reason, first_name
from scheduling.wording import CASEWORKER_WORDING, caseworker_wording

ROOT = Path(__file__).resolve().parents[2]
# Where the reasons a caseworker's page shows are written: the rules core, and the booking service's refusals.
REASON_SOURCES = sorted((ROOT / "scheduling/rules").glob("*.py")) + [ROOT / "scheduling/services/booking.py"]
DANISH_YOU = re.compile(r"\b(?:du|dig|din|dine|dit)\b", re.IGNORECASE)
ENGLISH_YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
PARAMS = re.compile(r"%\((\w+)\)s")
SAMPLE = {
    "day": date(2026, 12, 7), "end": date(2027, 3, 1), "when": datetime(2026, 12, 7, 10, 0).astimezone(),
    "earliest": datetime(2026, 12, 7, 10, 0).astimezone(), "deadline": datetime(2026, 12, 6, 10, 0).astimezone(),
    "count": 3, "months": 6, "days": 28, "weeks": 4, "age": 25, "threshold": 2, "organisation": "jobcentret",
    "reason": "Sygdom", "basis": "LAB § 35",
}


def _messages() -> set[str]:
    """Every sentence marked N_() in the reason sources (what a Reason of theirs can carry)."""
    found: set[str] = set()
    for path in REASON_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_" and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return found


MESSAGES = _messages()
CITIZEN = {m for m in MESSAGES if m in CASEWORKER_WORDING}
EVERY_REASON = sorted(MESSAGES)


def _english() -> Translations:
    return Translations.load(str(ROOT / "translations"), ["en"])


def _render(message: str, gettext=None, locale: str = "da") -> str:
    params = {name: SAMPLE[name] for name in PARAMS.findall(message) if name in SAMPLE}
    return Reason("R6", "LAB § 31, stk. 4", message, params).render(gettext, locale, about=first_name("Mikkel Skov Rasmussen"))


def test_the_sources_hold_the_reasons():
    assert len(EVERY_REASON) > 100 and len(CITIZEN) > 60


def test_every_pair_is_of_a_sentence_the_rules_still_say():
    assert set(CASEWORKER_WORDING) - MESSAGES == set(), "a caseworker wording left over after its sentence changed"


@pytest.mark.parametrize("message", sorted(m for m in MESSAGES if DANISH_YOU.search(m)))
def test_every_sentence_to_the_person_has_a_caseworker_wording_beside_it(message):
    assert message in CASEWORKER_WORDING, f"no caseworker wording in scheduling/wording.py for: {message}"
    assert CASEWORKER_WORDING[message] != message


@pytest.mark.parametrize("message", EVERY_REASON)
def test_every_reason_in_the_caseworkers_danish_speaks_about_the_person(message):
    text = _render(message)
    assert not DANISH_YOU.search(text), text
    assert "%(" not in text


@pytest.mark.parametrize("message", EVERY_REASON)
def test_every_reason_in_the_caseworkers_english_speaks_about_the_person(message):
    english = _english()
    assert english.ugettext(caseworker_wording(message)) != caseworker_wording(message) or not DANISH_YOU.search(message), "not translated"
    text = _render(message, english.ugettext, "en")
    assert not ENGLISH_YOU.search(text), text


@pytest.mark.parametrize("message", sorted(CITIZEN))
def test_a_caseworker_wording_calls_the_person_by_first_name_and_keeps_the_reasons_values(message):
    wording = CASEWORKER_WORDING[message]
    assert ("Mikkel" in _render(message)) is ("%(name)s" in wording) and "Rasmussen" not in _render(message)
    assert set(PARAMS.findall(wording)) - {"name"} <= set(PARAMS.findall(message)), wording


def test_the_person_page_wording_of_r8_reads_as_the_issue_asks():
    # "Jobcentret skal holde mindst 3 jobsamtaler med Mikkel …" (issue 14)
    from scheduling.rules.catalogue import reason

    r8 = next(m for m in CITIZEN if m.startswith("Jobcentret skal holde mindst %(count)s jobsamtaler med dig, efter"))
    text = reason("R8", r8, count=3, day=date(2027, 5, 30), months=6).render(about="Mikkel")
    assert text.startswith("Jobcentret skal holde mindst 3 jobsamtaler med Mikkel, efter det har overtaget")
    assert reason("R8", r8, count=3, day=date(2027, 5, 30), months=6).render().startswith("Jobcentret skal holde mindst 3 jobsamtaler med dig")


def test_first_name():
    assert first_name("Mikkel Skov Rasmussen") == "Mikkel" and first_name("Oksana") == "Oksana" and first_name("") == ""
