"""The demo world (scheduling/demo.py) loads into an empty database and shows what each person is meant to show."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scheduling.adapters import db
from scheduling.adapters.facts import course_fact
from scheduling.adapters.orm import (
    AgreedTimeslotRow,
    AuditRow,
    CaseworkerRow,
    CitizenRow,
    DecisionRow,
    InterviewParticipantRow,
    InterviewRow,
    MessageRow,
    OrganisationRow,
    RecordKind,
    TimeslotStatus,
)
from scheduling.course import BookedBy, Course, Format, InterviewKind, InterviewStatus, Organisation
from scheduling.demo import (
    CAMILLA,
    DEMO_CASEWORKERS,
    DEMO_CITIZENS,
    DEMO_HISTORY,
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    EMIL,
    HANNE,
    JONAS,
    LARS,
    METTE,
    MIKKEL,
    OKSANA,
    PETER,
    SOFIE,
    DemoError,
    passes_modulus_11,
    seed_demo,
)
from scheduling.evaluation import CaseworkerAction, Evaluation, ObligationState, evaluate
from scheduling.slots import COPENHAGEN, danish_holidays

TODAY = date(2026, 3, 18)  # a Wednesday shortly before the change to summer time
DAYS = [TODAY, date(2026, 1, 2), date(2026, 4, 1), date(2026, 10, 26), date(2026, 12, 23), date.today()]


@pytest.fixture
def sqlite_session(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    db.upgrade(engine)
    with db.session_factory(engine)() as session:
        yield session
    engine.dispose()


def test_demo_cprs_are_ten_digits_and_fail_modulus_11():
    cprs = [p.cpr for p in DEMO_CITIZENS]
    assert len(set(cprs)) == len(cprs)
    for person in DEMO_CITIZENS:
        assert person.cpr and len(person.cpr) == 10 and person.cpr.isdigit()
        assert not passes_modulus_11(person.cpr), person.name
        assert person.birth_date and person.cpr[:6] == f"{person.birth_date:%d%m%y}"


def test_demo_people_each_have_a_danish_line_and_a_way_to_log_in():
    assert DEMO_PASSWORD
    for person in DEMO_PEOPLE:
        assert person.situation.strip()
        assert (person.cpr is None) != (person.email is None)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_demo_world_loads_into_an_empty_sqlite_database(sqlite_session: Session, today: date):
    ids = seed_demo(sqlite_session, today)
    assert sorted(ids) == sorted(p.cpr for p in DEMO_CITIZENS)
    assert_world(sqlite_session, today)


def assert_world(session: Session, today: date) -> None:
    orgs = session.scalars(select(OrganisationRow)).all()
    assert sorted(o.kind for o in orgs).count(Organisation.AKASSE) >= 2
    assert [o.kind for o in orgs].count(Organisation.JOBCENTER) == 2
    workers = session.scalars(select(CaseworkerRow)).all()
    assert {w.email for w in workers} == {p.email for p in DEMO_CASEWORKERS}
    for org in orgs:
        mine = [w for w in workers if w.organisation_id == org.id]
        assert sum(w.is_admin for w in mine) == 1, org.name
        assert all(len(w.working_hours) == 5 for w in mine if not w.is_leader)  # a leader holds no interviews
        assert sum(w.is_leader for w in mine) == 1, org.name  # issue 17: one leader each, who sees the figures

    from argon2 import PasswordHasher

    assert PasswordHasher().verify(workers[0].password_hash, DEMO_PASSWORD)

    timeslots = session.scalars(select(AgreedTimeslotRow)).all()
    accepted = {(t.jobcenter_id, t.akasse_id) for t in timeslots if t.status is TimeslotStatus.ACCEPTED}
    assert sum(t.status is TimeslotStatus.PROPOSED for t in timeslots) == 1
    citizens = session.scalars(select(CitizenRow)).all()
    history = {past.person.cpr for past in DEMO_HISTORY}  # issue 17: the supervision's history, courses ended
    assert {c.cpr for c in citizens} == {p.cpr for p in DEMO_CITIZENS} | history
    for citizen in citizens:  # R22: every citizen's jobcenter and a-kasse have agreed joint timeslots
        assert (citizen.jobcenter_id, citizen.akasse_id) in accepted, citizen.name

    holidays = danish_holidays(range(today.year - 2, today.year + 2))
    interviews = session.scalars(select(InterviewRow)).all()
    for interview in interviews:
        local = interview.start_at.astimezone(COPENHAGEN)
        assert local.weekday() < 5 and local.date() not in holidays, interview.id
        assert interview.participants
    active = [i for i in interviews if i.status is not InterviewStatus.CANCELLED]
    by_worker: dict[int, list[InterviewRow]] = {}
    for interview in active:
        for participant in interview.participants:
            by_worker.setdefault(participant.caseworker_id, []).append(interview)
    for booked in by_worker.values():  # no caseworker in two interviews at once
        booked.sort(key=lambda i: i.start_at)
        assert all(a.end_at <= b.start_at for a, b in zip(booked, booked[1:], strict=False))

    lars = session.scalars(select(CitizenRow).where(CitizenRow.cpr == LARS.cpr)).one()
    revocation = session.scalars(
        select(DecisionRow).where(DecisionRow.kind == RecordKind.REVOKE_SELF_BOOKING)
    ).one()
    assert revocation.is_afgoerelse and "Ankestyrelsens Beskæftigelsesudvalg" in (revocation.letter or "")
    inbox = session.scalars(select(MessageRow).where(MessageRow.citizen_id == lars.id)).all()
    assert any(m.decision_id == revocation.id for m in inbox)
    assert session.scalar(select(func.count()).select_from(AuditRow)) > len(interviews)
    assert session.scalar(select(func.count()).select_from(InterviewParticipantRow)) >= len(interviews)


def test_the_demo_writes_only_the_words_the_services_write(sqlite_session: Session):
    """The demo goes through the services, so its audit lines and messages use the one vocabulary (it once wrote
    ``referred_r4`` where the service writes ``refer_r4``, and ``record_interview`` for ``record_afholdt``)."""
    from scheduling.vocabulary import AuditAction, AuditObject, MessageKind

    seed_demo(sqlite_session, TODAY)
    actions = set(sqlite_session.scalars(select(AuditRow.action)))
    assert actions <= set(AuditAction)
    assert {AuditAction.REFER_R4, AuditAction.RECORD_HELD, AuditAction.RECORD_MISSED, AuditAction.REBOOK} <= actions
    assert set(sqlite_session.scalars(select(AuditRow.object_type))) <= set(AuditObject)
    assert set(sqlite_session.scalars(select(MessageRow.kind))) <= set(MessageKind)


def test_the_demo_refuses_a_database_that_is_not_empty(sqlite_session: Session):
    seed_demo(sqlite_session, TODAY)
    with pytest.raises(DemoError):
        seed_demo(sqlite_session, TODAY)


def test_the_demo_world_is_dated_relative_to_today(sqlite_session: Session):
    seed_demo(sqlite_session, TODAY)
    upcoming = sqlite_session.scalars(
        select(InterviewRow).where(InterviewRow.status == InterviewStatus.BOOKED)
    ).all()
    assert upcoming
    for interview in upcoming:  # from today on: a caseworker's day (I dag, issue 14) has one to record
        assert TODAY <= interview.start_at.astimezone(COPENHAGEN).date() <= TODAY + timedelta(days=21)


# --- each demo citizen shows the situation they are meant to show (the rules core on the seeded rows) --------


# Days that stress the relative dates: month ends, DST changes, Easter and Christmas, a leap day, the real today,
# and a sweep over two years.
SITUATION_DAYS = sorted(
    {*DAYS, date(2026, 3, 29), date(2026, 4, 2), date(2026, 12, 24), date(2028, 2, 29), date(2027, 5, 31)}
    | {date(2026, 1, 1) + timedelta(days=n) for n in range(0, 730, 61)}
)


@cache
def _world(today: date) -> dict[str, tuple[Course, Evaluation]]:
    engine = db.make_engine("sqlite://")
    db.upgrade(engine)
    with db.session_factory(engine)() as session:
        seed_demo(session, today, history=False)  # the history's people touch none of the demo citizens
        result = {}
        for citizen in session.scalars(select(CitizenRow)).all():
            course = course_fact(citizen.courses[0], citizen)
            result[citizen.cpr] = (course, evaluate(course, today))
    engine.dispose()
    return result


def _of(person, today: date) -> tuple[Course, Evaluation]:
    return _world(today)[person.cpr]


def _obligation(evaluation: Evaluation, rule: str):
    return next(o for o in evaluation.obligations if o.rule == rule)


def _refused(evaluation: Evaluation) -> set[str]:
    return {r.reason.rule for r in evaluation.citizen.refusals}


def _may(evaluation: Evaluation, organisation: Organisation, action: CaseworkerAction) -> bool:
    return any(c.organisation == organisation and action in c.allowed for c in evaluation.caseworkers)


# Each day's world is seeded once per process (``_world`` caches it): the day's tests run on one xdist worker
# (``--dist loadgroup``, see the Makefile) so no two workers seed the same day.
days = pytest.mark.parametrize(
    "today", [pytest.param(day, marks=pytest.mark.xdist_group(f"demo-{day}")) for day in SITUATION_DAYS], ids=str
)


@days
def test_no_demo_citizen_has_an_overdue_obligation(today):
    for person in DEMO_CITIZENS:
        _course, evaluation = _of(person, today)
        overdue = [o.rule for o in evaluation.obligations if o.state == ObligationState.OVERDUE]
        assert not overdue, f"{person.name}: {overdue}"


@days
def test_R19_the_new_registration_is_to_be_called_in_by_the_akasse(today):
    course, evaluation = _of(METTE, today)
    assert evaluation.responsibility.organisation == Organisation.AKASSE
    assert not course.interviews
    assert "R19" in _refused(evaluation)
    assert _may(evaluation, Organisation.AKASSE, CaseworkerAction.CALL_IN)
    assert _obligation(evaluation, "R6").state in (ObligationState.OPEN, ObligationState.DUE_SOON)


@days
def test_R19_R15_the_called_in_first_interview_is_in_person_within_two_weeks(today):
    course, evaluation = _of(JONAS, today)
    (first,) = course.interviews
    assert first.booked_by == BookedBy.CALLED_IN and first.format == Format.PERSONLIGT
    assert first.start.astimezone(COPENHAGEN).date() <= course.registered_on + timedelta(days=14)
    assert evaluation.responsibility.organisation == Organisation.AKASSE


@days
def test_R16_R20_mid_akasse_period_self_books_and_may_choose_phone(today):
    course, evaluation = _of(SOFIE, today)
    assert evaluation.responsibility.organisation == Organisation.AKASSE
    assert _obligation(evaluation, "R6").state == ObligationState.MET
    option = next(o for o in evaluation.citizen.options if o.organisation == Organisation.AKASSE)
    assert evaluation.citizen.may_self_book and Format.TELEFONISK in option.formats
    assert any(i.format == Format.TELEFONISK and i.booked_by == BookedBy.SELF for i in course.interviews)


@days
def test_R2_R10_R22_just_handed_over_chooses_akasse_participation_for_the_first_jobcenter_interview(today):
    _course, evaluation = _of(MIKKEL, today)
    assert evaluation.responsibility.organisation == Organisation.JOBCENTER
    assert not evaluation.responsibility.projected
    assert evaluation.responsibility.akasse_until == today.replace(day=1) - timedelta(days=1)
    assert _obligation(evaluation, "R7").state == ObligationState.MET
    jobcenter = [o for o in evaluation.citizen.options if o.organisation == Organisation.JOBCENTER]
    assert any(o.kind == InterviewKind.FAELLESSAMTALE for o in jobcenter)
    assert all(o.must_choose_akasse_participation for o in jobcenter)


@days
def test_R4_R9_the_young_person_is_with_the_jobcenter_throughout(today):
    _course, evaluation = _of(EMIL, today)
    assert evaluation.responsibility.organisation == Organisation.JOBCENTER
    assert evaluation.responsibility.akasse_until is None
    assert _obligation(evaluation, "R9").required == 6


@days
def test_R23_the_revoked_person_may_not_self_book_and_may_have_it_back(today):
    _course, evaluation = _of(LARS, today)
    assert not evaluation.citizen.may_self_book
    assert "R23" in _refused(evaluation)
    assert _may(evaluation, Organisation.AKASSE, CaseworkerAction.RESTORE_SELF_BOOKING)


@days
def test_R26_the_exempt_person_has_no_running_obligations(today):
    _course, evaluation = _of(CAMILLA, today)
    assert not evaluation.citizen.may_self_book and "R26" in _refused(evaluation)
    jobcenter = [o for o in evaluation.obligations if o.organisation == Organisation.JOBCENTER]
    assert jobcenter and all(o.state == ObligationState.SUSPENDED for o in jobcenter)


@days
def test_R25_the_control_action_abroad_is_answered_by_a_call_in_within_a_week(today):
    course, evaluation = _of(PETER, today)
    (action,) = course.control_actions
    assert action.stay_abroad
    answer = next(i for i in course.interviews if i.control_action_id == action.id)
    assert answer.booked_by == BookedBy.CALLED_IN
    assert answer.start.astimezone(COPENHAGEN).date() <= action.received_on + timedelta(days=7)
    assert _obligation(evaluation, "R25").state != ObligationState.OVERDUE


@days
def test_R11_R12_past_16_months_the_joint_interview_is_held(today):
    course, evaluation = _of(HANNE, today)
    assert _obligation(evaluation, "R12").state == ObligationState.MET
    assert "R11" in {n.rule for n in evaluation.notices}
    assert any(i.kind == InterviewKind.FAELLESSAMTALE for i in course.interviews)


@days
def test_R13_language_exemption_is_not_a_revocation(today):
    course, evaluation = _of(OKSANA, today)
    assert not evaluation.citizen.may_self_book
    assert {d.kind.value for d in course.decisions} == {"fritagelse_selvbooking"}
    assert _may(evaluation, Organisation.AKASSE, CaseworkerAction.LIFT_SELF_BOOKING_EXEMPTION)
    assert "R13" in {n.rule for n in evaluation.notices}


# --- PostgreSQL ---------------------------------------------------------------------------------------------


def test_the_demo_world_loads_on_sqlite_and_postgresql(engine):
    """The shared fixture runs this on a migrated, empty SQLite and PostgreSQL database."""
    with db.session_factory(engine)() as session:
        seed_demo(session, TODAY)
        assert_world(session, TODAY)


def test_the_demo_loads_through_a_unit_of_work_and_every_caseworker_logs_in_with_the_demo_password(tmp_path):
    from datetime import UTC, datetime

    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
    from scheduling.services.accounts import authenticate_caseworker

    engine = db.make_engine(f"sqlite:///{tmp_path / 'uow.sqlite'}")
    db.upgrade(engine)
    factory = db.session_factory(engine)
    seed_demo(SqlAlchemyUnitOfWork(factory), TODAY)
    now = datetime(2026, 3, 18, 9, 0, tzinfo=UTC)
    for person in DEMO_CASEWORKERS[:3]:
        assert authenticate_caseworker(SqlAlchemyUnitOfWork(factory), person.email or "", DEMO_PASSWORD, now)
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(CitizenRow)) == len(DEMO_CITIZENS) + len(DEMO_HISTORY)
    engine.dispose()
