"""The outbox (issue 15) on SQLite and PostgreSQL: a notice commits with its change and only then, the worker
sends each once, tries again after a back-off and gives up after the limit, and a crash between sending and
recording sends again with the same key (at least once, de-duplicable by the Message-ID)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from scheduling.course import Format, InterviewKind
from scheduling.services import booking, notices
from scheduling.vocabulary import ActorKind, NoticeChannel, NoticeKind, NoticeStatus
from tests.integration.outbox_helpers import (
    Recorder,
    attempt_rows,
    give_email,
    notice_rows,
    pending_notices,
    person_notices,
)
from tests.integration.world import NOW, SLOT, a_world

JOB = InterviewKind.JOBSAMTALE
POLICY = notices.Policy(max_attempts=3, backoff=timedelta(minutes=1), lease=timedelta(minutes=5))


def _deliver(uow, send, at=NOW, worker="w1", limit=50):
    return notices.deliver_due(uow, send, lambda: at, worker=worker, policy=POLICY, limit=limit)


# ---- writing: in the change's transaction ----------------------------------------------------------------------


def test_a_booking_writes_one_pending_email_notice_with_the_time_and_format_only(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    give_email(uow, person, "borger@example.dk", "en")
    interview_id = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    [row] = person_notices(uow)
    assert (row.recipient_kind, row.recipient_id, row.channel, row.kind) == (
        ActorKind.CITIZEN, person, NoticeChannel.EMAIL, NoticeKind.NOTICE
    )
    assert (row.topic, row.status, row.attempts, row.locale) == ("booking", NoticeStatus.PENDING, 0, "en")
    assert row.params == {"start": SLOT.isoformat(), "format": "telefonisk"}
    assert row.interview_id == interview_id and row.interview_uid and row.next_attempt_at == NOW


def test_no_notice_for_a_person_without_an_email_address_or_a_mobile_number(engine, uow):
    world = a_world(uow)
    give_email(uow, world.citizens[0], None)
    with uow() as unit:
        unit.repo.citizen(world.citizens[0]).phone = None
        unit.commit()
    booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert person_notices(uow) == []


def test_a_booking_that_fails_after_writing_its_notice_leaves_no_notice_and_sends_nothing(engine, uow, monkeypatch):
    world = a_world(uow)
    person = world.citizens[0]
    give_email(uow, person, "borger@example.dk")

    def audit_fails(*args, **kwargs):
        raise RuntimeError("the audit line could not be written")

    monkeypatch.setattr(booking, "record", audit_fails)  # runs after messages.send has written the notice
    with pytest.raises(RuntimeError):
        booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert notice_rows(uow) == []
    sent = Recorder()
    assert _deliver(uow, sent).handled == 0 and sent.sent == []


def test_cancelling_and_rebooking_each_tell_the_person(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    give_email(uow, person, "borger@example.dk")
    interview_id = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.rebook(uow(), person, interview_id, SLOT + timedelta(hours=1), NOW)
    booking.cancel(uow(), person, interview_id, NOW)
    rows = person_notices(uow)
    assert [r.topic for r in rows] == ["booking", "ombooking", "aflysning"]
    assert rows[1].params["start"] == (SLOT + timedelta(hours=1)).isoformat()
    assert len({r.key for r in rows}) == 3


# ---- sending ---------------------------------------------------------------------------------------------------


def test_the_worker_sends_each_due_notice_once_and_records_the_attempt(engine, uow):
    world = a_world(uow)
    give_email(uow, world.citizens[0], "borger@example.dk")
    pending_notices(uow, world.citizens[0], 3, NOW)
    sent = Recorder()
    assert _deliver(uow, sent).sent == 3
    assert _deliver(uow, sent, at=NOW + timedelta(days=1)).handled == 0
    assert [j.address for j in sent.sent] == ["borger@example.dk"] * 3
    assert {r.status for r in person_notices(uow)} == {NoticeStatus.SENT}
    assert all(r.sent_at == NOW and r.attempts == 1 for r in person_notices(uow))
    assert [(a.worker, a.error) for a in attempt_rows(uow)] == [("w1", None)] * 3


def test_a_failed_attempt_is_tried_again_after_an_exponential_back_off_then_failed_after_the_limit(engine, uow):
    world = a_world(uow)
    give_email(uow, world.citizens[0], "borger@example.dk")
    pending_notices(uow, world.citizens[0], 1, NOW)
    down = Recorder(failures=10)
    assert _deliver(uow, down).retried == 1
    [row] = person_notices(uow)
    assert row.next_attempt_at == NOW + timedelta(minutes=1) and "smtp down" in row.last_error
    assert _deliver(uow, down, at=NOW + timedelta(seconds=59)).handled == 0  # not due yet
    assert _deliver(uow, down, at=NOW + timedelta(minutes=1)).retried == 1
    [row] = person_notices(uow)
    assert row.next_attempt_at == NOW + timedelta(minutes=1 + 2)  # doubled
    assert _deliver(uow, down, at=NOW + timedelta(minutes=3)).failed == 1
    [row] = person_notices(uow)
    assert (row.status, row.attempts, row.sent_at) == (NoticeStatus.FAILED, 3, None)
    assert len(attempt_rows(uow)) == 3 and all("ConnectionRefusedError" in a.error for a in attempt_rows(uow))
    assert _deliver(uow, down, at=NOW + timedelta(days=1)).handled == 0  # failed is final


def test_a_notice_whose_recipient_removed_the_address_fails_at_once(engine, uow):
    world = a_world(uow)
    give_email(uow, world.citizens[0], "borger@example.dk")
    pending_notices(uow, world.citizens[0], 1, NOW)
    give_email(uow, world.citizens[0], "")
    assert _deliver(uow, Recorder()).failed == 1


def test_a_worker_dying_between_sending_and_recording_sends_again_with_the_same_key_after_the_lease(engine, uow):
    """At least once: the notice was sent but never marked; when the lease runs out another worker sends it
    again, with the same key (Message-ID), so the receiver can drop the copy."""
    world = a_world(uow)
    give_email(uow, world.citizens[0], "borger@example.dk")
    pending_notices(uow, world.citizens[0], 1, NOW)
    [claimed] = notices.claim(uow(), NOW, 10, POLICY)
    first = Recorder()
    first(claimed)  # … and the worker dies before notices.record
    assert _deliver(uow, Recorder(), at=NOW + timedelta(minutes=4)).handled == 0  # still leased
    again = Recorder()
    assert _deliver(uow, again, at=NOW + timedelta(minutes=5)).sent == 1
    assert [j.key for j in again.sent] == [claimed.key]
    assert _deliver(uow, Recorder(), at=NOW + timedelta(hours=1)).handled == 0  # and never a third time


# ---- several workers on PostgreSQL -----------------------------------------------------------------------------


@pytest.mark.postgres
def test_two_workers_racing_over_200_notices_deliver_each_exactly_once(postgres_engine):
    from scheduling.adapters.db import session_factory
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

    factory = session_factory(postgres_engine)

    def uow(read_only=False):
        return SqlAlchemyUnitOfWork(factory, read_only=read_only)

    world = a_world(uow)
    give_email(uow, world.citizens[0], "borger@example.dk")
    pending_notices(uow, world.citizens[0], 200, NOW)
    sent: dict[str, list[str]] = {"a": [], "b": []}
    start = threading.Barrier(2)

    def work(name: str) -> None:
        start.wait()
        while _deliver(uow, lambda job: sent[name].append(job.key), worker=name, limit=7).handled:
            pass

    threads = [threading.Thread(target=work, args=(name,)) for name in sent]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    keys = sent["a"] + sent["b"]
    assert len(keys) == 200 and len(set(keys)) == 200
    assert sent["a"] and sent["b"]  # both did some of the work
    assert {r.status for r in person_notices(uow)} == {NoticeStatus.SENT}
    assert len(attempt_rows(uow)) == 200


def test_a_stopping_worker_gives_back_the_notices_it_did_not_try(engine, uow):
    world = a_world(uow)
    give_email(uow, world.citizens[0], "borger@example.dk")
    pending_notices(uow, world.citizens[0], 3, NOW)
    sent = Recorder()
    done = notices.deliver_due(uow, sent, lambda: NOW, worker="w1", policy=POLICY, stopping=lambda: bool(sent.sent))
    assert done.sent == 1
    rows = person_notices(uow)
    assert [r.status for r in rows].count(NoticeStatus.PENDING) == 2
    assert all(r.attempts == 0 and r.next_attempt_at == NOW for r in rows if r.status == NoticeStatus.PENDING)
    assert _deliver(uow, sent).sent == 2
