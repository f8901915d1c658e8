"""Calendar invitations to the caseworkers (issue 15, iMIP) on SQLite and PostgreSQL: every change of an interview
writes, in its own transaction, an invitation notice to each caseworker taking part — REQUEST with the interview's
SEQUENCE while it stands, CANCEL once it is cancelled, CANCEL to a caseworker moved off it — and a change that
rolls back writes none."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduling.course import Format, InterviewKind
from scheduling.safe_changes import Move
from scheduling.services import availability, booking
from scheduling.vocabulary import ActorKind, NoticeKind
from tests.integration.outbox_helpers import notice_rows
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

JOB = InterviewKind.JOBSAMTALE


def _invitations(uow):
    """(caseworker, method, sequence) of each invitation notice, oldest first."""
    return [
        (r.recipient_id, r.params["method"], r.params["sequence"])
        for r in notice_rows(uow) if r.kind == NoticeKind.INVITATION
    ]


def test_booking_rebooking_and_cancelling_each_send_the_caseworker_the_interview_s_method_and_sequence(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    interview = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.rebook(uow(), person, interview, SLOT + timedelta(hours=1), NOW)
    booking.cancel(uow(), person, interview, NOW)
    rows = [r for r in notice_rows(uow) if r.kind == NoticeKind.INVITATION]
    (worker,) = {r.recipient_id for r in rows}
    assert _invitations(uow) == [(worker, "REQUEST", 0), (worker, "REQUEST", 1), (worker, "CANCEL", 2)]
    assert all(r.recipient_kind == ActorKind.CASEWORKER and r.interview_id == interview for r in rows)
    assert len({r.interview_uid for r in rows}) == 1 and len({r.key for r in rows}) == 3


def test_a_move_to_a_colleague_cancels_it_for_the_absent_caseworker_and_invites_the_colleague(engine, uow):
    world = a_world(uow, akasse_caseworkers=2)
    a1, a2 = world.akasse_caseworkers
    interview = booking.call_in(uow(), a1, world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    day_off = (local(SLOT_DAY, "00:00"), local(SLOT_DAY + timedelta(days=1), "00:00"))
    availability.add_absence(uow(), a1, *day_off, NOW, choices={interview: Move(a2)})
    assert _invitations(uow) == [(a1, "REQUEST", 0), (a2, "REQUEST", 1), (a1, "CANCEL", 1)]


def test_a_change_that_rolls_back_writes_no_invitation(engine, uow, monkeypatch):
    world = a_world(uow)

    def audit_fails(*args, **kwargs):
        raise RuntimeError("the audit line could not be written")

    monkeypatch.setattr(booking, "record", audit_fails)  # runs after messages.send has written the invitation
    with pytest.raises(RuntimeError):
        booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert _invitations(uow) == []
