"""Safe changes (issue 14) on the fake unit of work: an absence or new working hours over booked interviews
commit nothing until every interview has a choice, then one commit holds the change, the move (its message and
audit line) and the cancellation (its message, with what the person does next)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from scheduling.course import Format, InterviewKind, InterviewStatus
from scheduling.safe_changes import Cancel, Keep, Move
from scheduling.services import availability, booking
from scheduling.services.safe_changes import ChoicesNeeded
from scheduling.vocabulary import MessageKind
from tests.integration.world import NOW, SLOT, SLOT_DAY, local

JOB = InterviewKind.JOBSAMTALE
DAY_OFF = (local(SLOT_DAY, "00:00"), local(SLOT_DAY + timedelta(days=1), "00:00"))


def _called_in(uow, world):
    w = world(citizens=2, akasse_caseworkers=2)
    a1 = w.akasse_caseworkers[0]
    first = booking.call_in(uow, a1, w.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    second = booking.call_in(uow, a1, w.citizens[1], JOB, SLOT + timedelta(hours=1), Format.TELEFONISK, NOW)
    return w, first, second


def test_an_absence_over_booked_interviews_commits_nothing_without_a_choice_for_each(uow, world):
    w, first, second = _called_in(uow, world)
    before = uow.commits
    with pytest.raises(ChoicesNeeded) as asked:
        availability.add_absence(uow, w.akasse_caseworkers[0], *DAY_OFF, NOW, choices={first: Cancel("Kursus")})
    assert [a.id for a in asked.value.affected] == [first, second]
    assert [(p.interview_id, p.what) for p in asked.value.problems] == [(second, "missing")]
    assert uow.commits == before


def test_the_change_the_move_and_the_cancellation_are_one_commit(uow, world):
    w, first, second = _called_in(uow, world)
    a1, a2 = w.akasse_caseworkers
    before = uow.commits
    availability.add_absence(uow, a1, *DAY_OFF, NOW, choices={first: Move(a2), second: Cancel("Kursus")})
    assert uow.commits == before + 1
    moved, cancelled = uow.repo.interview(first), uow.repo.interview(second)
    assert moved.caseworker_ids == [a2] and moved.sequence == 1 and moved.status == InterviewStatus.BOOKED
    assert cancelled.status == InterviewStatus.CANCELLED
    (told,) = [m for m in uow.messages(w.citizens[0]) if m.kind == MessageKind.REBOOKING]
    assert told.message_id == "interview_moved" and told.params["start"] == SLOT.isoformat()
    (cancel,) = [m for m in uow.messages(w.citizens[1]) if m.kind == MessageKind.CANCELLATION]
    assert cancel.message_id == "interview_cancelled" and cancel.params["reason"] == "Kursus"
    assert cancel.params["next"] == "self_book"  # the person self-books job interviews with the a-kasse


def test_new_hours_may_keep_an_interview_outside_them(uow, world):
    w, first, second = _called_in(uow, world)
    a1 = w.akasse_caseworkers[0]
    mornings = [(d, time(8), time(9)) for d in range(5)]
    with pytest.raises(ChoicesNeeded):
        availability.set_working_hours(uow, a1, mornings, NOW)
    availability.set_working_hours(uow, a1, mornings, NOW, choices={first: Keep(), second: Keep()})
    assert uow.repo.interview(first).caseworker_ids == [a1] and uow.repo.interview(second).status == InterviewStatus.BOOKED
