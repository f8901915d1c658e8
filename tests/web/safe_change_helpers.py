"""Helpers (no tests) for the safe-change pages (issue 14): the demo's booked interviews of Birgitte Holm (A-kassen
Fremad) — Lars's on Thursday 26 November (tomorrow) and Sofie's on Tuesday 1 December 2026, both at 10.45; her
interview with Oksana this morning is over by the portal's 12.00 and no change touches it — their participants,
and the absence and working-hours forms as a browser posts them, with the confirmation step's choices."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.web.caseworker_helpers import caseworker_id, post

AVAILABILITY = "/sagsbehandler/tilgaengelighed"
ABSENCE = f"{AVAILABILITY}/fravaer"
HOURS = f"{AVAILABILITY}/arbejdstid"
TOMORROW, TUESDAY = "2026-11-26", "2026-12-01"


def booked_with(app, caseworker: str) -> list[tuple[int, str]]:
    """(interview id, person's name) of the caseworker's booked interviews, by start."""
    from scheduling.adapters.orm import CitizenRow, InterviewParticipantRow, InterviewRow

    with app.extensions["selvbooking_sessions"]() as session:
        return [
            (i, name) for i, name in session.execute(
                select(InterviewRow.id, CitizenRow.name)
                .join(InterviewParticipantRow, InterviewParticipantRow.interview_id == InterviewRow.id)
                .join(CitizenRow, CitizenRow.id == InterviewRow.citizen_id)
                .where(InterviewParticipantRow.caseworker_id == caseworker_id(app, caseworker),
                       InterviewRow.status == "booket")
                .order_by(InterviewRow.start_at)
            )
        ]


def booked_interview(app, caseworker: str, person: str) -> int:
    """The id of the caseworker's (only) booked interview with the person."""
    (interview_id,) = [i for i, name in booked_with(app, caseworker) if name == person]
    return interview_id


def interview(app, interview_id: int):
    """(status, sequence, participant ids) of an interview as stored."""
    from scheduling.adapters.orm import InterviewRow

    with app.extensions["selvbooking_sessions"]() as session:
        row = session.get(InterviewRow, interview_id)
        return row.status.value, row.sequence, sorted(p.caseworker_id for p in row.participants)


def absences(app, caseworker: str) -> int:
    from scheduling.adapters.orm import AbsenceRow

    with app.extensions["selvbooking_sessions"]() as session:
        return session.scalar(
            select(func.count()).select_from(AbsenceRow).where(AbsenceRow.caseworker_id == caseworker_id(app, caseworker))
        )


def absence_form(first: str = TOMORROW, last: str = TUESDAY, **choices: str) -> dict[str, str]:
    """The absence form (whole days), and the confirmation step's fields when ``choices`` are given."""
    data = {"start_day": first, "start_time": "", "end_day": last, "end_time": "", "note": "Kursus"}
    if choices:
        data["bekraeft"] = "ja"
    return {**data, **choices}


def add_absence(client, **fields: str):
    return post(client, ABSENCE, absence_form(**fields), form_page=AVAILABILITY)


def offered_colleagues(page: str, interview_id: int) -> list[int]:
    """The colleagues the confirmation step offers for an interview."""
    return [int(c) for c in re.findall(rf'name="valg-{interview_id}" class="form-radio" value="flyt-(\d+)"', page)]


def hours_form(**days: tuple[str, str]) -> dict[str, str]:
    """The working-hours form: ``{"0": ("08:30", "15:00")}`` by weekday; other days empty."""
    data = {}
    for day in range(7):
        start, end = days.get(str(day), ("", ""))
        data[f"start_{day}"], data[f"end_{day}"] = start, end
    return data
