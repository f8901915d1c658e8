"""The Danish a citizen reads, checked for the slips issue 13 found ("The Danish is reviewed line by line"): no
"booke om" (and no "as binding as a call-in") in a call-in, no "møde op" for a phone or video interview, "deltage
i" and not "holde" for the person's own part, plain words. The grep covers every citizen-facing source (templates,
forms, labels, the rules' reasons, the services' letters and the calendar invitations); the letters are rendered
for each format and both ways of booking.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from scheduling.course import Format, InterviewKind
from scheduling.rules.catalogue import CATALOGUE, law_links
from scheduling.services import letters

ROOT = Path(__file__).resolve().parents[2]
CITIZEN_SOURCES = (
    "portal/citizen/templates",
    "portal/templates",
    "portal/public/templates",
    "portal/calendar/templates",
    "portal/citizen/forms.py",
    "portal/calendar/forms.py",
    "portal/auth/forms.py",
    "portal/labels.py",
    "portal/citizen/views.py",
    "scheduling/labels.py",
    "scheduling/rules",
    "scheduling/services/letters.py",
    "scheduling/services/booking.py",
    "scheduling/calendar/invitations.py",
)
# What a citizen must never read, with why.
FORBIDDEN = {
    r"booke om": "a booking is moved (flyttet), and a called-in person cannot move it at all",
    r"\b(?:du|Du) (?:skal |vil |kan )?holde (?:samtalen|de samtaler|dine samtaler)": "the organisation holds; you take part",
    r"\bholder du samtalen\b": "the organisation holds; you take part (deltager)",
    r"\bhvorvidt\b": "plain words: 'om'",
    r"\b[Uu]debliver du\b": "plain words: 'Deltager du ikke'",
    r"ikke kan komme\b": "'komme' is wrong for a phone or video interview: 'deltage'",
    r"\bDeres\b|\bDem\b": "the portal says 'du' to the person",
}


def _files() -> list[Path]:
    found: list[Path] = []
    for source in CITIZEN_SOURCES:
        path = ROOT / source
        found += sorted(p for p in path.rglob("*") if p.suffix in (".py", ".html")) if path.is_dir() else [path]
    return found


def test_the_sources_are_there():
    assert all((ROOT / source).exists() for source in CITIZEN_SOURCES)
    assert len(_files()) > 20


@pytest.mark.parametrize("pattern", FORBIDDEN)
def test_no_citizen_text_says(pattern):
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}"
        for path in _files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(pattern, line)
    ]
    assert hits == [], f"{FORBIDDEN[pattern]}:\n" + "\n".join(hits)


START = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("format", list(Format))
def test_a_call_in_letter_says_take_part_and_whom_to_contact_never_booke_om(format):
    text = letters.interview_booked(
        InterviewKind.JOBSAMTALE, "A-kassen Fremad", START, format, "Fremadvej 12", "20 03 03 00", called_in=True
    )
    assert "booke om" not in text.body and "bindende som en indkaldelse" not in text.body
    assert "Du skal deltage i samtalen" in text.body and "kontakt A-kassen Fremad" in text.body


@pytest.mark.parametrize("format", list(Format))
@pytest.mark.parametrize("called_in", [True, False])
def test_only_an_in_person_interview_asks_the_person_to_meet_up(format, called_in):
    text = letters.interview_booked(
        InterviewKind.JOBSAMTALE, "Jobcenter Aarhus", START, format, "Demovej 1", "20 03 03 00", called_in=called_in
    )
    meets_up = re.search(r"[Mm]ød(?:e)? op", text.body) is not None
    assert meets_up is (format is Format.PERSONLIGT), text.body


def test_a_self_booked_letter_says_it_binds_and_how_to_move_it():
    text = letters.interview_booked(
        InterviewKind.JOBSAMTALE, "A-kassen Fremad", START, Format.TELEFONISK, None, "20 03 03 00", called_in=False
    )
    assert "lige så bindende som en indkaldelse" in text.body and "flytte den i god tid" in text.body
    assert "booke om" not in text.body


def test_an_organisations_cancellation_never_says_meet_up():
    text = letters.interview_cancelled(InterviewKind.JOBSAMTALE, START, by_citizen=False, reason="Sygdom")
    assert "møde op" not in text.body and "Begrundelse: Sygdom" in text.body


def test_every_statute_a_rules_basis_names_links_its_text_at_retsinformation():
    # Issue 13: every "Lovgrundlag" links on to the law. The acts with a checked number (LAB, LOB, lov nr. 727/2023,
    # retssikkerhedsloven, the guidance) by their ELI address; BAB, rådighedsbekendtgørelsen and the insurance act
    # by retsinformation's search for their full title (their numbers change with each consolidation).
    for rule in CATALOGUE.values():
        named = {re.split(r" §|, ", part)[0] for part in rule.basis.split("; ")}
        linked = dict(law_links(rule.basis))
        assert set(linked) == named, f"{rule.id}: {rule.basis} links only {sorted(linked)}"
        for url in linked.values():
            assert url.startswith(("https://www.retsinformation.dk/eli/", "https://www.retsinformation.dk/documents?t="))
    assert dict(law_links("BAB § 7, stk. 2"))["BAB"] == (
        "https://www.retsinformation.dk/documents?t=bekendtg%C3%B8relse%20om%20en%20aktiv%20besk%C3%A6ftigelsesindsats"
    )
    assert [name for name, _ in law_links("Lov om arbejdsløshedsforsikring m.v. § 55; LAB § 31, stk. 4")] == [
        "Lov om arbejdsløshedsforsikring",
        "LAB",
    ]
    assert [name for name, _ in law_links("LOB § 18 b; LAB § 27, stk. 1 og 2; LAB § 31, stk. 2")] == ["LOB", "LAB"]
