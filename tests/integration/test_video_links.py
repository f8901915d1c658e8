"""Video meeting links in the database (issue 15), on SQLite and PostgreSQL: a video booking gets its room in
the booking's own transaction without costing the caseload's read model a second read of the course; a
caseworker's own link and the organisation's template are kept as set."""

from __future__ import annotations

import re
from datetime import timedelta

from scheduling.adapters.orm import InterviewRow, OrganisationRow
from scheduling.course import Format, InterviewKind
from scheduling.services import booking, video
from tests.integration.world import NOW, SLOT, a_world

JOB = InterviewKind.JOBSAMTALE
TEMPLATE = "https://meet.example.dk/{room}"


def with_template(uow, organisation_id: int) -> None:
    with uow() as u:
        u.session.get(OrganisationRow, organisation_id).video_room_template = TEMPLATE
        u.commit()


def test_a_video_booking_gets_its_room_and_the_course_is_read_once(engine, uow):
    from sqlalchemy import event

    world = a_world(uow, citizens=1)
    with_template(uow, world.akasse_id)
    booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    statements: list[str] = []

    def seen(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        interview = booking.self_book(uow(), world.citizens[0], JOB, SLOT + timedelta(hours=1), Format.VIDEO, NOW)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len([s for s in statements if s.startswith("SELECT") and "FROM interviews" in s]) == 1
    with uow() as u:
        link = u.session.get(InterviewRow, interview).video_link
    assert re.fullmatch(r"https://meet\.example\.dk/[A-Za-z0-9_-]{24}", link or "")


def test_a_caseworker_s_own_link_is_given_to_their_video_interviews(engine, uow):
    world = a_world(uow, citizens=1)
    with_template(uow, world.akasse_id)
    video.set_own_video_link(uow(), world.akasse_caseworkers[0], " https://teams.example.dk/me ", NOW)
    interview = booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.VIDEO, NOW)
    with uow() as u:
        assert u.session.get(InterviewRow, interview).video_link == "https://teams.example.dk/me"


def test_a_video_interview_moved_to_a_colleague_for_an_absence_leaves_the_absent_caseworker_s_own_link(engine, uow):
    from scheduling.safe_changes import Move
    from scheduling.services import availability
    from tests.integration.world import SLOT_DAY, local

    world = a_world(uow, citizens=1, akasse_caseworkers=2)
    with_template(uow, world.akasse_id)
    absent, colleague = world.akasse_caseworkers
    video.set_own_video_link(uow(), absent, "https://teams.example.dk/absent", NOW)
    interview = booking.call_in(uow(), absent, world.citizens[0], JOB, SLOT, Format.VIDEO, NOW)
    day_off = (local(SLOT_DAY, "00:00"), local(SLOT_DAY + timedelta(days=1), "00:00"))
    availability.add_absence(uow(), absent, *day_off, NOW, choices={interview: Move(colleague)})
    with uow() as u:
        link = u.session.get(InterviewRow, interview).video_link
    assert re.fullmatch(r"https://meet\.example\.dk/[A-Za-z0-9_-]{24}", link or ""), link
