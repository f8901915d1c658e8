"""Helpers (no tests) for the I dag tests: interviews called in on the demo day, as a caseworker would have early
that morning (or the day before), so a test lays out a caseworker's day whatever the demo world holds."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from tests.web.caseworker_helpers import caseworker_id, citizen_id
from tests.web.helpers import DEMO_TODAY

NADIA = "Nadia El-Sayed"  # A-kassen Fremad: nothing on her day in the demo world
KASPER = "Kasper Lindqvist"  # her colleague
METTE = "Mette Nørgaard Jensen"  # new: her first a-kasse interview has the R14 checklist
SOFIE = "Sofie Lund Andersen"
OKSANA = "Oksana Kovalenko"
LARS = "Lars Mikkelsen"
TODAY_PAGE = "/sagsbehandler/i-dag"


def day(offset: int = 0) -> date:
    return date.fromisoformat(DEMO_TODAY) + timedelta(days=offset)


def at(offset: int, hhmm: str) -> datetime:
    from scheduling.slots import COPENHAGEN

    return datetime.combine(day(offset), time.fromisoformat(hhmm), COPENHAGEN)


def call_in(app, worker: str, person: str, offset: int, hhmm: str, format: str = "personligt_fremmoede") -> int:
    """``worker`` calls ``person`` in to a job interview ``offset`` days from the demo day at ``hhmm``, at 07.00 the
    day before (through the service); the interview's id."""
    from portal.database import unit_of_work
    from scheduling.course import Format, InterviewKind
    from scheduling.services import booking

    with app.app_context():
        return booking.call_in(
            unit_of_work(), caseworker_id(app, worker), citizen_id(app, person), InterviewKind.JOBSAMTALE,
            at(offset, hhmm), Format(format), at(offset - 1, "07:00"),
        )


def record_url(app, person: str, interview_id: int, outcome: str) -> str:
    """I dag's link to record an interview held or missed."""
    return (f"/sagsbehandler/borger/{citizen_id(app, person)}/samtale/{interview_id}/registrer"
            f"?udfald={outcome}&tilbage=i-dag")


def interview_row(app, interview_id: int):
    from portal.database import unit_of_work
    from scheduling.adapters.orm import InterviewRow

    with app.app_context(), unit_of_work() as uow:
        row = uow.session.get(InterviewRow, interview_id)
        return row.status, dict(row.checklist or {})
