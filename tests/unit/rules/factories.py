"""Small readable builders for courses in tests: ``a_course(registered="2026-01-05", ...)``."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from scheduling.course import (
    BookedBy,
    ControlAction,
    Course,
    Decision,
    DecisionKind,
    Exemption,
    ExemptionGround,
    Format,
    HourEntry,
    HourKind,
    Insurance,
    Interview,
    InterviewKind,
    InterviewStatus,
    Organisation,
)

CPH = ZoneInfo("Europe/Copenhagen")
_ids = itertools.count(1)


def d(text: str) -> date:
    return date.fromisoformat(text)


def at(text: str, time: str = "10:00") -> datetime:
    """An aware Danish instant: ``at("2026-03-29", "02:30")``."""
    return datetime.fromisoformat(f"{text}T{time}").replace(tzinfo=CPH)


def hours(registered: str, amount: str | int | float, kind: HourKind = HourKind.DAGPENGE, start: str | None = None, end: str | None = None) -> HourEntry:
    """An hour registration; the period defaults to the month before the registration."""
    reg = d(registered)
    period_end = d(end) if end else reg.replace(day=1) - timedelta(days=1)
    period_start = d(start) if start else period_end.replace(day=1)
    return HourEntry(reg, period_start, period_end, Decimal(str(amount)), kind)


def interview(
    day: str,
    org: Organisation = Organisation.AKASSE,
    kind: InterviewKind = InterviewKind.JOBSAMTALE,
    status: InterviewStatus = InterviewStatus.HELD,
    fmt: Format = Format.PERSONLIGT,
    booked_by: BookedBy = BookedBy.SELF,
    time: str = "10:00",
    **extra: object,
) -> Interview:
    start = at(day, time)
    return Interview(
        id=str(extra.pop("id", f"i{next(_ids)}")),
        kind=kind,
        organisation=org,
        start=start,
        end=start + timedelta(minutes=45),
        format=fmt,
        status=status,
        booked_by=booked_by,
        **extra,  # type: ignore[arg-type]
    )


def exemption(starts: str, ends: str | None = None, ground: ExemptionGround = ExemptionGround.NR2_WEATHER_OR_MATERIALS, event: str | None = None) -> Exemption:
    return Exemption(f"e{next(_ids)}", ground, d(starts), d(ends) if ends else None, d(event) if event else None)


def control(received: str, abroad: bool = False, id: str = "k1") -> ControlAction:
    return ControlAction(id, d(received), abroad)


def decision(kind: DecisionKind, made: str, org: Organisation = Organisation.AKASSE) -> Decision:
    return Decision(kind, d(made), org)


def a_course(
    registered: str = "2026-01-05",
    born: str = "1980-06-01",
    insurance: Insurance = Insurance.FULLTIME,
    placed: str | None = None,
    **facts: object,
) -> Course:
    """A full-time course of a 45-year-old with a vocational qualification unless told otherwise."""
    facts.setdefault("vocational_qualification", True)
    for key in ("hours", "interviews", "exemptions", "control_actions", "decisions"):
        if key in facts:
            facts[key] = tuple(facts[key])  # type: ignore[arg-type]
    return Course(
        registered_on=d(registered),
        placed_on=d(placed or registered),
        insurance=insurance,
        birth_date=d(born),
        **facts,  # type: ignore[arg-type]
    )


def handed_over_course(**facts: object) -> Course:
    """Registered 5 Jan 2026; 410 hours registered by 2 April -> the jobcenter from 1 May 2026."""
    facts.setdefault("hours", [hours("2026-02-03", 148), hours("2026-03-04", 148), hours("2026-04-02", 162.8)])
    return a_course(**facts)
