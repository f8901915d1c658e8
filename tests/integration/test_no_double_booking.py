"""No double booking, ever: racing threads and processes end with one interview and SlotTaken for the rest.

Each race runs on SQLite and on PostgreSQL. The threads (or processes) wait at a barrier and then all call the
booking service for the same slot at once; afterwards the database holds exactly one interview for that time,
one message and one audit line for it, and every other caller got :class:`SlotTaken` — nothing half-written.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from scheduling.adapters.db import make_engine, session_factory
from scheduling.adapters.orm import AuditRow, InterviewParticipantRow, InterviewRow, MessageRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import BookedBy, Format, InterviewKind, InterviewStatus, Organisation
from scheduling.services import booking
from scheduling.services.errors import SlotTaken
from tests.integration.world import NOW, SLOT, a_world

RACERS = 24


def _racing_engine(engine):
    """A second engine on the same database with a connection for every racer (no waiting for the pool)."""
    return make_engine(engine.url.render_as_string(hide_password=False), pool_size=RACERS + 2, max_overflow=4)


def _race(engine, calls):
    """Run the calls at once (behind a barrier), each with its own unit of work; return outcome names."""
    racing = _racing_engine(engine)
    factory = session_factory(racing)
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = [""] * len(calls)

    def run(i, call):
        uow = SqlAlchemyUnitOfWork(factory)
        barrier.wait()
        try:
            call(uow)
            outcomes[i] = "booked"
        except SlotTaken:
            outcomes[i] = "taken"
        except Exception as error:  # noqa: BLE001 - anything else is a failure the test must show
            outcomes[i] = f"{type(error).__name__}: {error}"

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    racing.dispose()
    return outcomes


def _count(engine, model, *where):
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model).where(*where))


def _active_at(engine, start):
    return _count(engine, InterviewRow, InterviewRow.start_at == start, InterviewRow.status != InterviewStatus.CANCELLED)


def test_twenty_people_racing_for_one_slot_one_gets_it(engine, uow):
    world = a_world(uow, citizens=RACERS)
    calls = [
        (lambda u, c=c: booking.self_book(u, c, InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW))
        for c in world.citizens
    ]
    outcomes = _race(engine, calls)
    assert Counter(outcomes) == {"booked": 1, "taken": RACERS - 1}, outcomes
    assert _active_at(engine, SLOT) == 1
    assert _count(engine, InterviewParticipantRow, InterviewParticipantRow.start_at == SLOT) == 1
    # nothing half-written: one message and one audit line for the one booking
    assert _count(engine, MessageRow, MessageRow.kind == "booking") == 1
    assert _count(engine, AuditRow, AuditRow.action == "self_book") == 1


def test_one_person_in_many_tabs_gets_one_interview(engine, uow):
    """Two caseworkers are free, so the slot has room for two people; the same person still gets one."""
    world = a_world(uow, citizens=1, akasse_caseworkers=2)
    person = world.citizens[0]
    calls = [
        (lambda u: booking.self_book(u, person, InterviewKind.JOBSAMTALE, SLOT, Format.VIDEO, NOW))
        for _ in range(RACERS)
    ]
    outcomes = _race(engine, calls)
    assert Counter(outcomes) == {"booked": 1, "taken": RACERS - 1}, outcomes
    assert _active_at(engine, SLOT) == 1


def test_two_caseworkers_two_people_same_slot_both_booked(engine, uow):
    """The lock is per caseworker: a second free caseworker takes the second person (no false refusals)."""
    world = a_world(uow, citizens=2, akasse_caseworkers=2)
    calls = [
        (lambda u, c=c: booking.self_book(u, c, InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW))
        for c in world.citizens
    ]
    assert Counter(_race(engine, calls)) == {"booked": 2}
    with engine.connect() as connection:
        workers = connection.scalars(
            select(InterviewParticipantRow.caseworker_id).where(InterviewParticipantRow.start_at == SLOT)
        ).all()
    assert sorted(workers) == sorted(world.akasse_caseworkers)


def test_a_caseworker_calling_many_people_in_at_once_holds_one_interview(engine, uow):
    world = a_world(uow, citizens=RACERS)
    worker = world.akasse_caseworkers[0]
    calls = [
        (lambda u, c=c: booking.call_in(u, worker, c, InterviewKind.JOBSAMTALE, SLOT, Format.PERSONLIGT, NOW))
        for c in world.citizens
    ]
    outcomes = _race(engine, calls)
    assert Counter(outcomes) == {"booked": 1, "taken": RACERS - 1}, outcomes
    assert _active_at(engine, SLOT) == 1


def test_overlapping_call_ins_with_different_starts_racing_one_wins(engine, uow):
    """Starts 15 minutes apart share no unique-index key: only the locks and the overlap check stop them."""
    world = a_world(uow, citizens=RACERS)
    worker = world.akasse_caseworkers[0]
    calls = [
        (lambda u, c=c, i=i: booking.call_in(
            u, worker, c, InterviewKind.JOBSAMTALE, SLOT + timedelta(minutes=15 * (i % 2)), Format.PERSONLIGT, NOW
        ))
        for i, c in enumerate(world.citizens)
    ]
    outcomes = _race(engine, calls)
    assert Counter(outcomes) == {"booked": 1, "taken": RACERS - 1}, outcomes
    assert _count(engine, InterviewParticipantRow, InterviewParticipantRow.status == InterviewStatus.BOOKED) == 1


def test_self_booking_and_call_in_racing_for_the_caseworker(engine, uow):
    world = a_world(uow, citizens=RACERS)
    worker = world.akasse_caseworkers[0]
    calls = []
    for i, c in enumerate(world.citizens):
        if i % 2:
            calls.append(lambda u, c=c: booking.call_in(u, worker, c, InterviewKind.JOBSAMTALE, SLOT, Format.PERSONLIGT, NOW))
        else:
            calls.append(lambda u, c=c: booking.self_book(u, c, InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW))
    outcomes = _race(engine, calls)
    assert Counter(outcomes) == {"booked": 1, "taken": RACERS - 1}, outcomes


def test_overlapping_times_with_different_starts_are_refused(engine, uow):
    """The check after the locks covers any overlap, not only the same start."""
    world = a_world(uow, citizens=2)
    worker = world.akasse_caseworkers[0]
    booking.call_in(uow(), worker, world.citizens[0], InterviewKind.JOBSAMTALE, SLOT, Format.PERSONLIGT, NOW)
    with pytest.raises(SlotTaken):
        booking.call_in(
            uow(), worker, world.citizens[1], InterviewKind.JOBSAMTALE, SLOT + timedelta(minutes=15),
            Format.PERSONLIGT, NOW,
        )
    # and the same person cannot be called in by the jobcenter... nor booked twice: their own overlap
    with pytest.raises(SlotTaken) as refused:
        booking.self_book(uow(), world.citizens[0], InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW)
    assert refused.value.rule == "SLOT"


def test_a_cancelled_interview_frees_the_slot(engine, uow):
    world = a_world(uow, citizens=2)
    first = booking.self_book(uow(), world.citizens[0], InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW)
    booking.cancel(uow(), world.citizens[0], first, NOW)
    booking.self_book(uow(), world.citizens[1], InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW)
    assert _active_at(engine, SLOT) == 1


def _write_directly(uow, citizen_id, course_id, org_id, worker_id, uid):
    """A booking written behind the services' back: no locks, no checks."""
    with uow() as u:
        u.session.add(InterviewRow(
            uid=uid, sequence=0, course_id=course_id, citizen_id=citizen_id, kind=InterviewKind.JOBSAMTALE,
            organisation=Organisation.AKASSE, organisation_id=org_id, start_at=SLOT, end_at=SLOT + timedelta(minutes=30),
            format=Format.TELEFONISK, status=InterviewStatus.BOOKED, booked_by=BookedBy.SELF, booked_at=NOW,
            participants=[InterviewParticipantRow(
                caseworker_id=worker_id, role=Organisation.AKASSE, start_at=SLOT,
                end_at=SLOT + timedelta(minutes=30), status=InterviewStatus.BOOKED,
            )],
        ))
        u.commit()


def _course_id(engine, citizen_id):
    from scheduling.adapters.orm import CourseRow

    with engine.connect() as connection:
        return connection.scalar(select(CourseRow.id).where(CourseRow.citizen_id == citizen_id))


def test_the_database_refuses_a_caseworker_double_booking_written_behind_the_services_back(engine, uow):
    world = a_world(uow, citizens=2)
    worker = world.akasse_caseworkers[0]
    a, b = world.citizens
    _write_directly(uow, a, _course_id(engine, a), world.akasse_id, worker, "one@test")
    with pytest.raises(IntegrityError):
        _write_directly(uow, b, _course_id(engine, b), world.akasse_id, worker, "two@test")
    assert _active_at(engine, SLOT) == 1


def test_the_database_refuses_a_person_in_two_interviews_at_one_instant(engine, uow):
    world = a_world(uow, citizens=1, akasse_caseworkers=2)
    person = world.citizens[0]
    course = _course_id(engine, person)
    _write_directly(uow, person, course, world.akasse_id, world.akasse_caseworkers[0], "one@test")
    with pytest.raises(IntegrityError):
        _write_directly(uow, person, course, world.akasse_id, world.akasse_caseworkers[1], "two@test")


# ---- two operating-system processes ---------------------------------------------------------------------------


def _process_books(url, citizen_id, barrier, results):
    """Runs in a child process: book the slot once the other process is ready too."""
    engine = make_engine(url)
    uow = SqlAlchemyUnitOfWork(session_factory(engine))
    barrier.wait(timeout=60)
    try:
        booking.self_book(uow, citizen_id, InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW)
        results.put("booked")
    except SlotTaken:
        results.put("taken")
    except Exception as error:  # noqa: BLE001
        results.put(f"{type(error).__name__}: {error}")
    finally:
        engine.dispose()


def test_two_processes_racing_for_one_slot_one_gets_it(engine, uow):
    processes = 2
    world = a_world(uow, citizens=processes)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes)
    results = context.Queue()
    url = engine.url.render_as_string(hide_password=False)
    children = [
        context.Process(target=_process_books, args=(url, c, barrier, results)) for c in world.citizens
    ]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=90) for _ in children]
    for child in children:
        child.join(timeout=30)
        assert child.exitcode == 0
    assert Counter(outcomes) == {"booked": 1, "taken": processes - 1}, outcomes
    assert _active_at(engine, SLOT) == 1
    assert _count(engine, MessageRow, MessageRow.kind == "booking") == 1
