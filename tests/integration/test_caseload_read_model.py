"""The caseload's read model (and the supervision's stored milestones, issue 17) equals a fresh evaluation of
every course after any sequence of service calls (issue 11), on SQLite and PostgreSQL: the status rows are
written in the same transaction as each change, a refused call leaves them as they were, and ``refresh`` brings
every row to a later day.

Hypothesis draws a list of service calls (self-book, rebook, cancel, call in, cancel by the caseworker, record,
revoke/restore, exempt/lift, hours, exemption, control action, R4 referral, and the clock moving on) on a fresh
world of three people in each example; each call may be refused by the rules (nothing is written then).
"""

from __future__ import annotations

import itertools
from contextlib import suppress
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select
from sqlalchemy.orm import selectinload

from scheduling.adapters.caseload import status_row
from scheduling.adapters.db import session_factory
from scheduling.adapters.facts import course_fact
from scheduling.adapters.orm import (
    CaseloadCaseworkerRow,
    CaseloadStatusRow,
    CitizenRow,
    CourseRow,
    InterviewRow,
)
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.caseload import course_status, reason_data
from scheduling.course import ExemptionGround, Format, InterviewKind, InterviewStatus
from scheduling.evaluation import evaluate
from scheduling.services import booking, decisions, registrations
from scheduling.services.access import today
from scheduling.services.caseload import refresh
from scheduling.services.errors import DomainError
from tests.integration.supervision_helpers import stored_and_fresh
from tests.integration.world import NOW, SLOT_DAY, a_world, local

_BIRTHS = itertools.count()
_STARTS = [local(SLOT_DAY + timedelta(days=d), f"{h:02d}:{m:02d}") for d in (0, 1, 7) for h in (9, 10, 13) for m in (0, 30)]
_FIELDS = [c.key for c in CaseloadStatusRow.__table__.columns]

person = st.integers(0, 2)
start = st.sampled_from(_STARTS)
fmt = st.sampled_from(list(Format))
kind = st.sampled_from([InterviewKind.JOBSAMTALE, InterviewKind.RAADIGHEDSSAMTALE, InterviewKind.FAELLESSAMTALE])
side = st.sampled_from(["akasse", "jobcenter"])
nth = st.integers(0, 5)
step = st.one_of(
    st.tuples(st.just("self_book"), person, kind, start, fmt),
    st.tuples(st.just("rebook"), person, nth, start),
    st.tuples(st.just("cancel"), person, nth),
    st.tuples(st.just("call_in"), side, person, kind, start, fmt),
    st.tuples(st.just("cancel_by_caseworker"), side, person, nth),
    st.tuples(st.just("record"), side, person, nth, st.booleans()),
    st.tuples(st.just("revoke"), side, person),
    st.tuples(st.just("restore"), side, person),
    st.tuples(st.just("exempt"), side, person),
    st.tuples(st.just("lift"), side, person),
    st.tuples(st.just("hours"), side, person, st.sampled_from(["37", "400", "600"])),
    st.tuples(st.just("exemption"), side, person, st.sampled_from(list(ExemptionGround))),
    st.tuples(st.just("control_action"), side, person),
    st.tuples(st.just("refer_r4"), person),
    st.tuples(st.just("later"), st.integers(1, 40)),
)


class _Clock:
    def __init__(self) -> None:
        self.now = NOW

    def day(self) -> date:
        return today(self.now)


def _interview(uow, citizen_id: int, n: int) -> int:
    with uow as u:
        ids = list(u.session.scalars(
            select(InterviewRow.id).where(InterviewRow.citizen_id == citizen_id).order_by(InterviewRow.id)
        ))
    return ids[n % len(ids)] if ids else -1


def _run(new, world, clock: _Clock, op: tuple) -> None:  # noqa: C901 - one branch per service
    name, *args = op
    now = clock.now
    worker = {"akasse": world.akasse_caseworkers[0], "jobcenter": world.jobcenter_caseworkers[0]}
    who = lambda i: world.citizens[i]  # noqa: E731
    match name:
        case "self_book":
            booking.self_book(new(), who(args[0]), args[1], args[2], args[3], now)
        case "rebook":
            booking.rebook(new(), who(args[0]), _interview(new(), who(args[0]), args[1]), args[2], now)
        case "cancel":
            booking.cancel(new(), who(args[0]), _interview(new(), who(args[0]), args[1]), now)
        case "call_in":
            booking.call_in(new(), worker[args[0]], who(args[1]), args[2], args[3], args[4], now)
        case "cancel_by_caseworker":
            booking.cancel_by_caseworker(new(), worker[args[0]], _interview(new(), who(args[1]), args[2]), "Syg", now)
        case "record":
            booking.record_interview(new(), worker[args[0]], _interview(new(), who(args[1]), args[2]), args[3], now)
        case "revoke":
            decisions.revoke_self_booking(new(), worker[args[0]], who(args[1]), "booket_anderledes", "Vurdering", now)
        case "restore":
            decisions.restore_self_booking(new(), worker[args[0]], who(args[1]), "Vurdering", now)
        case "exempt":
            decisions.exempt_from_self_booking(new(), worker[args[0]], who(args[1]), "Ingen computer", now)
        case "lift":
            decisions.lift_self_booking_exemption(new(), worker[args[0]], who(args[1]), "Har fået computer", now)
        case "hours":
            day = clock.day()
            registrations.register_hours(new(), worker[args[0]], who(args[1]), day, day - timedelta(days=30),
                                         day - timedelta(days=1), args[2], now)
        case "exemption":
            registrations.register_exemption(new(), worker[args[0]], who(args[1]), args[2], clock.day(), now,
                                             ends_on=clock.day() + timedelta(days=60), documentation="Attest")
        case "control_action":
            registrations.register_control_action(new(), worker[args[0]], who(args[1]), clock.day(), now)
        case "refer_r4":
            registrations.refer_r4(new(), world.akasse_caseworkers[0], who(args[0]), now)
        case "later":
            clock.now = now + timedelta(days=args[0])


def assert_read_model_is_fresh(new, *, on: date | None = None, people: list[int] | None = None) -> int:
    """Every open course has exactly one status row, equal to a fresh evaluation on the day it was computed for,
    with the caseworkers of its interviews that are not cancelled. With ``on`` (after a refresh to that day),
    the rows of ``people`` equal a fresh evaluation on ``on`` too: rewritten for ``on``, or left as they were
    because nothing changed."""
    with new() as uow:
        session = uow.session
        courses = session.scalars(
            select(CourseRow).where(CourseRow.ended_on.is_(None)).options(
                selectinload(CourseRow.citizen).selectinload(CitizenRow.akasse),
                selectinload(CourseRow.citizen).selectinload(CitizenRow.jobcenter),
                selectinload(CourseRow.hours), selectinload(CourseRow.exemptions),
                selectinload(CourseRow.control_actions), selectinload(CourseRow.decisions),
                selectinload(CourseRow.interviews).selectinload(InterviewRow.participants),
            )
        ).all()
        rows = {r.course_id: r for r in session.scalars(select(CaseloadStatusRow))}
        links: dict[int, set[int]] = {}
        for link in session.scalars(select(CaseloadCaseworkerRow)):
            links.setdefault(link.course_id, set()).add(link.caseworker_id)
            # a caseworker's own list is read from the links: each repeats its course's responsible organisation
            assert link.responsible_id == rows[link.course_id].responsible_id
            # and its order, most urgent first: "mine" walks the links in it (issue 11, migration 0015)
            row = rows[link.course_id]
            assert (link.urgency, link.sort_due, link.name) == (row.urgency, row.sort_due, row.name)
        assert set(rows) == {c.id for c in courses}
        for course in courses:
            row = rows[course.id]
            day = row.evaluated_on
            if on is not None and course.citizen_id in (people or []):
                assert day <= on
                day = on
            fact = course_fact(course, course.citizen)
            evaluation = evaluate(fact, day)
            status = course_status(fact, day)
            assert row.responsible == evaluation.responsibility.organisation
            citizen = course.citizen
            assert row.responsible_id == (citizen.akasse_id if row.responsible == "akasse" else citizen.jobcenter_id)
            assert (row.name, row.cpr, row.citizen_id) == (citizen.name, citizen.cpr, citizen.id)
            assert row.signals == [reason_data(s.reason) for s in evaluation.signals]
            assert row.may_self_book == evaluation.citizen.may_self_book
            assert (row.next_due, row.next_rule, row.next_kind, row.next_projected) == (
                status.next_due, status.next_rule, status.next_kind, status.next_projected
            )
            assert row.next_reason == (reason_data(status.next_reason) if status.next_reason else None)
            assert (row.overdue, row.state, row.urgency, row.sort_due) == (
                status.overdue, status.state.value, status.urgency, status.sort_due
            )
            assert (row.revoked, row.exempt_self_booking, row.exempt, row.book_by_due) == (
                status.revoked, status.exempt_self_booking, status.exempt, status.book_by_due
            )
            assert row.held_late == status.held_late  # issue 12: obligations held late (holdt for sent)
            fresh, workers = status_row(course, day)
            fields = [k for k in _FIELDS if k != "evaluated_on"]
            assert {k: getattr(row, k) for k in fields} == {k: getattr(fresh, k) for k in fields}
            assert links.get(course.id, set()) == workers == {
                p.caseworker_id for i in course.interviews if i.status != InterviewStatus.CANCELLED
                for p in i.participants
            }
        return len(courses)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=12), handed_over=st.booleans())
def test_the_read_model_equals_a_fresh_evaluation_after_any_service_calls(engine, steps, handed_over):
    clock = _Clock()
    factory = session_factory(engine, clock.day)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    birth = date(1970, 1, 1) + timedelta(days=next(_BIRTHS))
    world = a_world(new, citizens=3, timeslot=True, handed_over=handed_over, birth_date=birth)
    for op in steps:
        with suppress(DomainError):  # refused: nothing written, the read model as it was
            _run(new, world, clock, op)
        assert_read_model_is_fresh(new)
        stored, fresh = stored_and_fresh(new, world.citizens)  # R27: the supervision's held counts, too
        assert stored == fresh
    later = clock.day() + timedelta(days=45)  # the date alone moves on: nothing else changes
    refresh(new, later)
    assert_read_model_is_fresh(new, on=later, people=world.citizens)


def test_a_change_to_the_person_or_their_jobcenters_joint_interview_settings_rewrites_their_rows(engine):
    clock = _Clock()
    factory = session_factory(engine, clock.day)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=2, handed_over=True, birth_date=date(1969, 1, 1) - timedelta(days=next(_BIRTHS)))
    with new() as uow:
        uow.repo.citizen(world.citizens[0]).name = "Åse Øster"
        uow.commit()
    with new() as uow:
        row = uow.session.scalar(select(CaseloadStatusRow).where(CaseloadStatusRow.citizen_id == world.citizens[0]))
        assert (row.name, row.name_key) == ("Åse Øster", " åse øster")
    with new() as uow:
        uow.repo.organisation(world.jobcenter_id).faellessamtale_r10_selvbooking = False  # R10: called in instead
        uow.commit()
    assert_read_model_is_fresh(new)


def _statements(engine) -> list[str]:
    """Every statement sent on ``engine`` from now on (the engine is the test's own)."""
    sent: list[str] = []

    def on_statement(_conn, _cursor, statement, *_args) -> None:
        sent.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", on_statement)
    return sent


def test_a_self_booking_writes_its_row_from_the_course_it_checked_without_loading_it_again(engine):
    clock = _Clock()
    factory = session_factory(engine, clock.day)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=1, birth_date=date(1968, 1, 1) - timedelta(days=next(_BIRTHS)))
    sent = _statements(engine)
    booking.self_book(new(), world.citizens[0], InterviewKind.JOBSAMTALE, _STARTS[2], Format.TELEFONISK, NOW)
    courses_read = [s for s in sent if s.startswith("SELECT") and " FROM courses" in s]
    assert len(courses_read) == 1, courses_read
    # 35 when the row reloaded the course; 21 since the booking also writes the caseworker's calendar invitation
    # (issue 15: who was invited before, and the notice's INSERT); 22 since it looks up the organisations' webhook
    # subscriptions for the booked event (issue 16: one SELECT, none subscribed here); 18 since the person's notice and
    # the invitations are one INSERT, with the caseworker's address read by the slot check (issue 11 round 6); 17 since
    # the person's lock says whether their organisations have webhook subscriptions; 14 since the course's hours,
    # exemptions, control actions and decisions are one statement; on PostgreSQL 13 since the caseload row and its
    # links are one statement, and 11 since the final check reads the caseworkers, their blocked times and the
    # closures in one
    assert len([s for s in sent if not s.startswith("BEGIN")]) <= (11 if engine.dialect.name == "postgresql" else 14), sent
    assert_read_model_is_fresh(new)


def test_the_booking_reads_a_course_as_the_rows_give_it_hours_exemptions_control_actions_and_decisions(engine):
    """The booking's check and the read model's hint read the course's facts as plain rows, the hours, exemptions,
    control actions and decisions in one statement (issue 11 round 6): the same facts as the ORM rows give, in the
    same order (ties by id), so the rules decide on the same course (R2/R3 hours, R26 exemptions, R23 decisions)."""
    clock = _Clock()
    factory = session_factory(engine, clock.day)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=1, birth_date=date(1967, 1, 1) - timedelta(days=next(_BIRTHS)))
    for op in [("self_book", 0, InterviewKind.JOBSAMTALE, _STARTS[3], Format.TELEFONISK), ("later", 40),
               ("hours", "akasse", 0, "400"),
               ("hours", "akasse", 0, "37"), ("control_action", "akasse", 0), ("revoke", "akasse", 0),
               ("restore", "akasse", 0), ("exemption", "akasse", 0, ExemptionGround.NR1_JOB_LEAVE_OR_PENSION)]:
        _run(new, world, clock, op)
    with new() as uow:
        citizen = uow.repo.citizen(world.citizens[0])
        read = uow.repo.course_facts(citizen)
        course = uow.session.scalars(select(CourseRow).where(CourseRow.citizen_id == citizen.id)).one()
        expected, course_id = course_fact(course, citizen), course.id
    assert read is not None and read.course_id == course_id
    assert (len(expected.hours), len(expected.control_actions), len(expected.exemptions)) == (2, 1, 1)
    assert len(expected.decisions) == 2 and expected.interviews
    assert read.course == expected



    clock = _Clock()
    factory = session_factory(engine, clock.day)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=1, birth_date=date(1967, 1, 1) - timedelta(days=next(_BIRTHS)))
    with new() as uow:
        citizen = uow.repo.citizen(world.citizens[0])
        course_row = uow.repo.active_course(citizen.id)
        wrong = replace(course_fact(course_row, citizen), interviews=())  # not how the course is committed
        uow.expect_course(course_row.id, citizen, wrong, set())
        course_row.interviews[0].caseworker_note = "Ændret efter hintet"
        uow.commit()
    assert_read_model_is_fresh(new)


def test_a_hint_is_not_used_when_the_savepoint_it_followed_rolled_back(engine):
    clock = _Clock()
    factory = session_factory(engine, clock.day)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=1, birth_date=date(1966, 1, 1) - timedelta(days=next(_BIRTHS)))
    with new() as uow:
        citizen = uow.repo.citizen(world.citizens[0])
        course_row = uow.repo.active_course(citizen.id)
        course_row.interviews[0].caseworker_note = "Ændret"
        uow.flush()
        nested = uow.session.begin_nested()
        uow.expect_course(course_row.id, citizen, replace(course_fact(course_row, citizen), interviews=()), set())
        nested.rollback()
        uow.commit()
    assert_read_model_is_fresh(new)


def test_the_refresh_reads_a_batch_of_courses_as_plain_rows_in_six_statements_and_finds_them_unchanged(engine):
    """The nightly refresh (issue 11) reads each batch's courses as plain rows, not ORM objects: the courses with
    their people and jobcenters' settings, hours, exemptions, control actions, decisions and interviews with
    their caseworkers, one statement each. What it computes from them equals what each change wrote: on the day
    the rows were written, nothing is rewritten."""
    clock = _Clock()
    factory = session_factory(engine, clock.day)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=4, timeslot=True, birth_date=date(1966, 1, 1) - timedelta(days=next(_BIRTHS)))
    for n, citizen in enumerate(world.citizens[:3]):
        booking.self_book(new(), citizen, InterviewKind.JOBSAMTALE, _STARTS[n], Format.TELEFONISK, NOW)
    with new() as uow:
        ids = list(uow.session.scalars(select(CourseRow.id).where(CourseRow.citizen_id.in_(world.citizens))))
    from scheduling.adapters.caseload import refresh_rows

    sent = _statements(engine)
    with new() as uow:
        assert refresh_rows(uow.session, ids, clock.day()) == 0
        assert not [r for r in uow.session.identity_map.values() if isinstance(r, (CourseRow, InterviewRow))]
    reads = [s for s in sent if s.startswith("SELECT") and "caseload_" not in s.split(" FROM ")[1]]
    assert len(reads) <= 6, reads
    assert_read_model_is_fresh(new)
