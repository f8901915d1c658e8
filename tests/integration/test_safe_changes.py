"""Safe changes on a real database (issue 14): an absence with its moves and cancellations is written in one
transaction, or not at all. On PostgreSQL a colleague claimed by another, still uncommitted booking makes the
move wait and then refuses the whole change — the absence, an earlier move and every message are rolled back —
with no double booking of the colleague. World: Testkassen's caseworkers A1–A3 work Monday–Friday 09–15; A1
has called in person 1 at 10:00 and person 2 at 11:00 on Tuesday 10 February 2026."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from scheduling.adapters.db import session_factory
from scheduling.adapters.orm import AbsenceRow, InterviewParticipantRow, InterviewRow, MessageRow
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.safe_changes import Cancel, Move
from scheduling.services import availability, booking
from scheduling.services.errors import InvalidInput, SlotTaken
from scheduling.services.safe_changes import ChoicesNeeded
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

JOB = InterviewKind.JOBSAMTALE
LATER = SLOT + timedelta(hours=1)
DAY_OFF = (local(SLOT_DAY, "00:00"), local(SLOT_DAY + timedelta(days=1), "00:00"))


def _world(uow):
    world = a_world(uow, citizens=3, akasse_caseworkers=3)
    a1 = world.akasse_caseworkers[0]
    first = booking.call_in(uow(), a1, world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    second = booking.call_in(uow(), a1, world.citizens[1], JOB, LATER, Format.TELEFONISK, NOW)
    return world, first, second


def _participants(uow, interview_id):
    with uow() as u:
        return sorted(u.session.scalars(
            select(InterviewParticipantRow.caseworker_id).where(InterviewParticipantRow.interview_id == interview_id)
        ))


def _count(uow, model, *where):
    with uow() as u:
        return u.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_absence_its_moves_and_its_cancellations_are_written_together(engine, uow):
    world, first, second = _world(uow)
    a1, a2, _ = world.akasse_caseworkers
    with pytest.raises(ChoicesNeeded) as asked:
        availability.add_absence(uow(), a1, *DAY_OFF, NOW)
    assert [a.id for a in asked.value.affected] == [first, second]
    assert _count(uow, AbsenceRow) == 0
    availability.add_absence(uow(), a1, *DAY_OFF, NOW, choices={first: Move(a2), second: Cancel("Kursus")})
    assert _count(uow, AbsenceRow, AbsenceRow.caseworker_id == a1) == 1
    assert _participants(uow, first) == [a2]
    with uow() as u:
        assert u.session.get(InterviewRow, first).sequence == 1
        assert u.session.get(InterviewRow, second).status == InterviewStatus.CANCELLED
    assert _count(uow, MessageRow, MessageRow.interview_id == first, MessageRow.kind == "ombooking") == 1
    assert _count(uow, MessageRow, MessageRow.interview_id == second, MessageRow.kind == "aflysning") == 1


def test_a_colleague_no_longer_free_refuses_everything(engine, uow):
    world, first, second = _world(uow)
    a1, a2, a3 = world.akasse_caseworkers
    booking.call_in(uow(), a3, world.citizens[2], JOB, LATER, Format.TELEFONISK, NOW)  # A3 is taken at 11:00
    with pytest.raises(SlotTaken):
        availability.add_absence(uow(), a1, *DAY_OFF, NOW, choices={first: Move(a2), second: Move(a3)})
    _nothing_written(uow, a1, first, second)


def _nothing_written(uow, a1, first, second):
    assert _count(uow, AbsenceRow, AbsenceRow.caseworker_id == a1) == 0
    assert _participants(uow, first) == [a1] and _participants(uow, second) == [a1]
    assert _count(uow, MessageRow, MessageRow.kind.in_(["ombooking", "aflysning"])) == 0
    with uow() as u:
        assert u.session.get(InterviewRow, first).sequence == 0


@pytest.mark.postgres
def test_a_colleague_claimed_by_an_uncommitted_booking_waits_then_refuses_the_whole_change(engine, uow):
    """The other booking's claim of A3 is not yet committed when the change reads who is free, so A3 looks free;
    the move's claim then waits on the exclusion constraint and, the other booking committed, is refused."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers: no claim can be pending")
    world, first, second = _world(uow)
    a1, a2, a3 = world.akasse_caseworkers
    other = session_factory(engine)()
    with uow() as u:
        course_id = u.repo.active_course(world.citizens[2]).id
    other.add(InterviewRow(
        uid="racing@test", sequence=0, course_id=course_id, citizen_id=world.citizens[2], kind=JOB,
        organisation=Organisation.AKASSE, organisation_id=world.akasse_id, start_at=LATER,
        end_at=LATER + timedelta(minutes=30), format=Format.TELEFONISK, status=InterviewStatus.BOOKED,
        booked_by=BookedBy.CALLED_IN, booked_at=NOW, rebooked_count=0, checklist={},
        participants=[InterviewParticipantRow(caseworker_id=a3, role=Organisation.AKASSE, start_at=LATER,
                                              end_at=LATER + timedelta(minutes=30), status=InterviewStatus.BOOKED)],
    ))
    other.flush()  # A3 claimed, not committed
    committer = threading.Timer(1.0, other.commit)
    committer.start()
    started = time.monotonic()
    try:
        with pytest.raises(SlotTaken):
            availability.add_absence(uow(), a1, *DAY_OFF, NOW, choices={first: Move(a2), second: Move(a3)})
    finally:
        committer.join()
        other.close()
    assert time.monotonic() - started >= 0.9  # it waited for the other booking
    _nothing_written(uow, a1, first, second)
    assert _count(uow, InterviewParticipantRow, InterviewParticipantRow.caseworker_id == a3,
                  InterviewParticipantRow.status != InterviewStatus.CANCELLED) == 1


def test_a_joint_interview_keeps_its_other_participant_and_only_its_holder_may_cancel_it(engine, uow):
    """R22's joint interview, held by the jobcenter with the a-kasse taking part: the absent jobcenter caseworker
    is replaced by a jobcenter colleague and the a-kasse's caseworker stays; an absent a-kasse caseworker may hand
    their part to an a-kasse colleague but not cancel the jobcenter's interview."""
    world = a_world(uow, handed_over=True, timeslot=True, jobcenter_caseworkers=2, akasse_caseworkers=2)
    joint = booking.self_book(uow(), world.citizens[0], InterviewKind.FAELLESSAMTALE, SLOT, Format.PERSONLIGT, NOW,
                              akasse_participation=AkasseParticipation.VIDEO)
    (jc,) = [c for c in _participants(uow, joint) if c in world.jobcenter_caseworkers]
    (ak,) = [c for c in _participants(uow, joint) if c in world.akasse_caseworkers]
    (jc_colleague,) = [c for c in world.jobcenter_caseworkers if c != jc]
    (ak_colleague,) = [c for c in world.akasse_caseworkers if c != ak]

    with pytest.raises(ChoicesNeeded) as asked:
        availability.add_absence(uow(), jc, *DAY_OFF, NOW)
    (affected,) = asked.value.affected
    assert affected.joint and affected.may_cancel and [c.id for c in affected.colleagues] == [jc_colleague]
    availability.add_absence(uow(), jc, *DAY_OFF, NOW, choices={joint: Move(jc_colleague)})
    assert _participants(uow, joint) == sorted([jc_colleague, ak])

    with pytest.raises(ChoicesNeeded) as asked:
        availability.add_absence(uow(), ak, *DAY_OFF, NOW)
    (affected,) = asked.value.affected
    assert not affected.may_cancel and [c.id for c in affected.colleagues] == [ak_colleague]
    with pytest.raises(InvalidInput):
        availability.add_absence(uow(), ak, *DAY_OFF, NOW, choices={joint: Cancel("Syg")})
    availability.add_absence(uow(), ak, *DAY_OFF, NOW, choices={joint: Move(ak_colleague)})
    assert _participants(uow, joint) == sorted([jc_colleague, ak_colleague])
    with uow() as u:
        assert u.session.get(InterviewRow, joint).status == InterviewStatus.BOOKED
