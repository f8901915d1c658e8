"""Helpers (no tests) for the calendar page tests: demo people's row ids, a booked interview, a feed's address."""

from __future__ import annotations

from sqlalchemy import select

from scheduling.adapters.orm import CaseworkerRow, CitizenRow, InterviewRow
from scheduling.course import InterviewStatus


def citizen_id(app, person) -> int:
    with app.app_context():
        from portal.database import session

        return session().scalars(select(CitizenRow.id).where(CitizenRow.cpr == person.cpr)).one()


def caseworker_id(app, name: str) -> int:
    with app.app_context():
        from portal.database import session

        return session().scalars(select(CaseworkerRow.id).where(CaseworkerRow.name == name)).one()


def booked_interview(app, person) -> InterviewRow:
    """The person's booked demo interview (Sofie: self-booked by phone on Tuesday 1 December 2026)."""
    with app.app_context():
        from portal.database import session

        return (
            session()
            .scalars(
                select(InterviewRow).where(
                    InterviewRow.citizen_id == citizen_id(app, person),
                    InterviewRow.status == InterviewStatus.BOOKED,
                )
            )
            .one()
        )


def feed_path(app, row_type, row_id: int) -> str:
    with app.app_context():
        from portal.database import session

        token = session().get(row_type, row_id).calendar_feed_token
    return f"/kalender/feed/{token}.ics"
