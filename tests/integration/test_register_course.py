"""Registering a new person's course on SQLite and PostgreSQL: the caseload read model has the person's row in
the same transaction, and the unique CPR index turns a registration that lost a race into R5's refusal."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from scheduling.adapters.caseload import status_row
from scheduling.adapters.db import session_factory
from scheduling.adapters.orm import AuditRow, CaseloadStatusRow, CitizenRow, CourseRow
from scheduling.adapters.repository import Repository
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import Insurance
from scheduling.services import registrations
from scheduling.services.registrations import AlreadyRegistered, NewCourse
from scheduling.vocabulary import AuditAction
from tests.integration.world import NOW, a_world

A_COURSE = NewCourse(
    cpr="1506901234", name="Ny Person", kommune="Testrup", registered_on=date(2026, 1, 26),
    placed_on=date(2026, 1, 26), insurance=Insurance.FULLTIME,
)


def _uow(engine):
    factory = session_factory(engine, lambda: NOW.date())
    return lambda read_only=False: SqlAlchemyUnitOfWork(factory, read_only=read_only)


def test_the_new_course_is_in_the_caseload_read_model_at_once(engine):
    uow = _uow(engine)
    world = a_world(uow)
    done = registrations.register_course(uow(), world.akasse_caseworkers[0], A_COURSE, NOW)
    with session_factory(engine)() as session:
        row = session.get(CaseloadStatusRow, done.course_id)
        course = session.get(CourseRow, done.course_id)
        assert row is not None and course is not None
        fresh, workers = status_row(course, NOW.date())
        assert (row.citizen_id, row.akasse_id, row.jobcenter_id) == (done.citizen_id, world.akasse_id, world.jobcenter_id)
        assert (row.next_rule, row.next_due, row.state) == (fresh.next_rule, fresh.next_due, fresh.state)
        assert row.next_rule == "R6" and workers == set()  # the a-kasse's first interview is due (R6)
        assert session.scalar(select(AuditRow.action).where(AuditRow.citizen_id == done.citizen_id)) == AuditAction.COURSE_CREATED


def test_R5_a_registration_that_lost_the_race_is_refused_and_leaves_one_person(engine, monkeypatch):
    uow = _uow(engine)
    world = a_world(uow)
    registrations.register_course(uow(), world.akasse_caseworkers[0], A_COURSE, NOW)
    monkeypatch.setattr(Repository, "citizen_by_cpr", lambda self, cpr: None)  # committed after we looked
    with pytest.raises(AlreadyRegistered) as lost:
        registrations.register_course(uow(), world.akasse_caseworkers[0], A_COURSE, NOW)
    assert lost.value.rule == "R5"
    with session_factory(engine)() as session:
        assert session.scalar(select(func.count()).select_from(CitizenRow).where(CitizenRow.cpr == A_COURSE.cpr)) == 1
        assert session.scalar(select(func.count()).select_from(CourseRow)) == 2  # the world's person and ours
