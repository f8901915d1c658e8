"""Reminders (issue 15) on SQLite and PostgreSQL: the day before each booked interview at the organisation's
hour, none for a cancelled one, the new time for a moved one, exactly one however often (and by how many) the
command runs; and a reminder a few days before the book-by date that a booking makes unnecessary."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from scheduling.adapters.orm import OrganisationRow
from scheduling.course import Format, InterviewKind
from scheduling.reminders import book_by_reminder_at, interview_reminder_at
from scheduling.services import booking, notices, reminders
from scheduling.services.caseload import refresh
from scheduling.services.deadlines import citizen_book_by
from scheduling.vocabulary import MessageKind, NoticeChannel, NoticeKind
from tests.integration.outbox_helpers import Recorder, give_email, notice_rows
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

JOB = InterviewKind.JOBSAMTALE
DAY_BEFORE_9 = local(SLOT_DAY - timedelta(days=1), "09:00")


def _booked(uow, email="borger@example.dk"):
    world = a_world(uow)
    person = world.citizens[0]
    give_email(uow, person, email)
    booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    return world, person


def _reminders(uow):
    return [r for r in notice_rows(uow) if r.kind == NoticeKind.REMINDER]


def _set_organisation(uow, organisation_id, **values):
    with uow() as unit:
        row = unit.session.get(OrganisationRow, organisation_id)
        for name, value in values.items():
            setattr(row, name, value)
        unit.commit()


def test_the_reminder_comes_the_day_before_at_9_and_not_before(engine, uow):
    world, person = _booked(uow)
    interview = notice_rows(uow)[0].interview_id
    assert reminders.remind(uow, DAY_BEFORE_9 - timedelta(minutes=1)).interviews == 0
    assert reminders.remind(uow, DAY_BEFORE_9).interviews == 1
    (row,) = _reminders(uow)
    assert (row.topic, row.interview_id, row.channel) == (reminders.INTERVIEW_TOPIC, interview, NoticeChannel.EMAIL)
    assert row.params["start"] == SLOT.isoformat() and row.recipient_id == person


def test_running_the_command_twice_writes_one_reminder(engine, uow):
    _booked(uow)
    assert reminders.remind(uow, DAY_BEFORE_9).interviews == 1
    assert reminders.remind(uow, DAY_BEFORE_9 + timedelta(minutes=15)).interviews == 0
    assert len(_reminders(uow)) == 1


def test_the_hour_is_the_organisation_s_setting(engine, uow):
    world, _person = _booked(uow)
    _set_organisation(uow, world.akasse_id, reminder_hour=16)
    assert reminders.remind(uow, DAY_BEFORE_9).interviews == 0
    assert reminders.remind(uow, local(SLOT_DAY - timedelta(days=1), "16:00")).interviews == 1


def test_none_on_the_interview_s_own_day(engine, uow):
    _booked(uow)
    assert reminders.remind(uow, local(SLOT_DAY, "07:00")).interviews == 0


def test_no_reminder_for_a_cancelled_interview(engine, uow):
    _world, person = _booked(uow)
    interview = notice_rows(uow)[0].interview_id
    booking.cancel(uow(), person, interview, NOW)
    assert reminders.remind(uow, DAY_BEFORE_9).interviews == 0
    assert _reminders(uow) == []


def test_a_moved_interview_is_reminded_of_its_new_time_only(engine, uow):
    _world, person = _booked(uow)
    interview = notice_rows(uow)[0].interview_id
    new_start = local(SLOT_DAY + timedelta(days=1), "10:00")
    booking.rebook(uow(), person, interview, new_start, NOW)
    assert reminders.remind(uow, DAY_BEFORE_9).interviews == 0  # the old day's reminder: none
    assert reminders.remind(uow, DAY_BEFORE_9 + timedelta(days=1)).interviews == 1
    starts = {r.params["start"] for r in _reminders(uow)}
    assert starts == {new_start.isoformat()}


def test_a_reminder_written_before_the_interview_was_cancelled_or_moved_is_never_sent(engine, uow):
    world = a_world(uow, citizens=2)
    for person in world.citizens:
        give_email(uow, person, f"borger{person}@example.dk")
    first, second = world.citizens
    booking.self_book(uow(), first, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.self_book(uow(), second, JOB, local(SLOT_DAY, "11:00"), Format.TELEFONISK, NOW)
    assert reminders.remind(uow, DAY_BEFORE_9).interviews == 2
    cancelled, moved = (next(r.interview_id for r in _reminders(uow) if r.recipient_id == p) for p in (first, second))
    booking.cancel(uow(), first, cancelled, DAY_BEFORE_9)
    booking.rebook(uow(), second, moved, local(SLOT_DAY, "13:00"), DAY_BEFORE_9)
    sent = Recorder()
    notices.deliver_due(uow, sent, lambda: DAY_BEFORE_9 + timedelta(minutes=1), worker="w", policy=notices.Policy())
    assert [j for j in sent.sent if j.kind == NoticeKind.REMINDER] == []
    assert _reminders(uow) == []  # withdrawn
    told = [MessageKind.BOOKING, MessageKind.BOOKING, MessageKind.CANCELLATION, MessageKind.REBOOKING]
    assert sorted(j.topic for j in sent.sent if j.kind != NoticeKind.INVITATION) == sorted(told)  # the bookings, the cancellation and the move


def test_a_person_with_sms_gets_the_reminder_by_sms(engine, uow):
    world = a_world(uow)  # the world's person has a mobile number and no e-mail address
    booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    reminders.remind(uow, DAY_BEFORE_9)
    assert [r.channel for r in _reminders(uow)] == [NoticeChannel.SMS]


@pytest.mark.postgres
def test_two_processes_at_once_on_postgresql_write_one_reminder(postgres_engine):
    from scheduling.adapters.db import session_factory
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

    factory = session_factory(postgres_engine)

    def uow(read_only=False):
        return SqlAlchemyUnitOfWork(factory, read_only=read_only)

    _booked(uow)
    start = threading.Barrier(2)
    written: list[int] = []

    def run() -> None:
        start.wait()
        written.append(reminders.remind(uow, DAY_BEFORE_9).interviews)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(written) == 1 and len(_reminders(uow)) == 1


# ---- before the book-by date -------------------------------------------------------------------------------------


def _book_by(uow, person):
    (deadline,) = [d for d in citizen_book_by(uow(read_only=True), person, NOW.date()) if not d.passed][:1]
    return deadline


def test_a_person_who_has_booked_nothing_is_reminded_days_before_the_book_by_date_once(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    give_email(uow, person, "borger@example.dk")
    refresh(uow, NOW.date())
    deadline = _book_by(uow, person)
    at = book_by_reminder_at(deadline.book_by, 3, 9)
    assert reminders.remind(uow, at - timedelta(minutes=1)).book_by == 0
    assert reminders.remind(uow, at).book_by == 1
    assert reminders.remind(uow, at + timedelta(hours=1)).book_by == 0
    (row,) = _reminders(uow)
    assert row.topic == reminders.BOOK_BY_TOPIC and row.params == {"book_by": deadline.book_by.isoformat()}


def test_no_book_by_reminder_once_the_person_has_booked(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    refresh(uow, NOW.date())
    deadline = _book_by(uow, person)
    booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert reminders.remind(uow, book_by_reminder_at(deadline.book_by, 3, 9)).book_by == 0


def test_a_book_by_reminder_missed_in_its_hour_comes_in_the_hour_the_next_day(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    refresh(uow, NOW.date())
    at = book_by_reminder_at(_book_by(uow, person).book_by, 3, 9)
    assert reminders.remind(uow, at + timedelta(hours=1)).book_by == 0  # only the runs in the hour look
    assert reminders.remind(uow, at + timedelta(days=1)).book_by == 1


def test_how_many_days_before_is_the_organisation_s_setting(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    refresh(uow, NOW.date())
    deadline = _book_by(uow, person)
    organisation = world.akasse_id if deadline.organisation == "akasse" else world.jobcenter_id
    _set_organisation(uow, organisation, book_by_reminder_days=5)
    assert reminders.remind(uow, book_by_reminder_at(deadline.book_by, 5, 9)).book_by == 1


# ---- the rule across summer time ---------------------------------------------------------------------------------


def test_an_interview_on_the_monday_after_summer_time_ends_is_reminded_at_9_on_the_clock():
    start = local(datetime(2026, 10, 26).date(), "10:00")  # Monday after the last Sunday of October
    assert interview_reminder_at(start, 9) == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)  # 09:00 CET (UTC+1)


def test_an_interview_on_the_monday_after_summer_time_begins_is_reminded_at_9_on_the_clock():
    start = local(datetime(2026, 3, 30).date(), "10:00")  # Monday after the last Sunday of March
    assert interview_reminder_at(start, 9) == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # 09:00 CEST (UTC+2)
