"""The audit line a caseworker's view of a person's full CPR number writes on the person page (issue 9; issue 11:
one ``INSERT … SELECT``, on PostgreSQL in the same statement as the page's versions and the count of look-ups):
who saw whom when, on SQLite and PostgreSQL, and nothing — NotFound — for a caseworker who may not see the
person, a disabled one, one whose session has ended (issue 11, round 11: the statement is the person page's
log-in check), or a person who does not exist."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from scheduling.adapters.orm import AuditRow, CaseworkerRow, CitizenRow, PageVersionRow
from scheduling.services.audit import CPR_VIEWED, PersonPageView, record_person_page_view
from scheduling.services.errors import NotFound
from scheduling.vocabulary import ActorKind, AuditObject
from tests.integration.world import NOW, a_world


def _lines(uow) -> list[tuple]:
    with uow() as u:
        return [
            (r.at, r.actor_kind, r.actor_id, r.object_type, r.object_id, r.citizen_id, r.details)
            for r in u.session.scalars(select(AuditRow).where(AuditRow.action == CPR_VIEWED).order_by(AuditRow.id))
        ]


def _versions(uow, citizen: int) -> tuple[int, int]:
    with uow() as u:
        shared = u.session.scalar(select(PageVersionRow.version)) or 0
        return u.session.scalar(select(CitizenRow.page_version).where(CitizenRow.id == citizen)), shared


def test_a_cpr_view_writes_who_saw_whom_when_and_reads_the_versions_and_the_count_with_it(uow):
    world = a_world(uow, citizens=2)
    worker, citizen, other = world.jobcenter_caseworkers[0], world.citizens[0], world.citizens[1]
    record_person_page_view(uow(), worker, other, NOW, 0)  # another person's look-up is not counted
    for views in (1, 2):
        seen = record_person_page_view(uow(), worker, citizen, NOW, 0)
        assert seen == PersonPageView(_versions(uow, citizen), views, _as_found(uow, worker)), f"view {views}"
    line = (NOW, ActorKind.CASEWORKER, worker, AuditObject.CITIZEN, citizen, citizen, {"organisation_id": world.jobcenter_id})
    assert _lines(uow)[1:] == [line, line]
    with uow() as u:
        u.session.get(CitizenRow, citizen).name = "Et nyt navn"
        u.commit()
    moved = record_person_page_view(uow(), worker, citizen, NOW, 0)
    assert moved.versions[0] > seen.versions[0] and moved.cpr_views == 3


def _as_found(uow, worker: int) -> tuple[str, bool, bool, int]:
    with uow() as u:
        row = u.session.get(CaseworkerRow, worker)
        return row.name, row.is_admin, row.is_leader, row.organisation_id


def test_a_cpr_view_is_the_log_in_check_it_writes_only_for_the_sessions_caseworker_as_they_are_now(uow):
    """The person page checks the log-in in its audit statement (issue 11, round 11): a session version that is
    no longer the caseworker's (logged out elsewhere, password changed) writes nothing; the statement reads the
    caseworker's name, roles and organisation as they are, for the page to compare with its log-in."""
    world = a_world(uow, citizens=1)
    worker, citizen = world.jobcenter_caseworkers[0], world.citizens[0]
    with pytest.raises(NotFound):
        record_person_page_view(uow(), worker, citizen, NOW, 1)
    assert _lines(uow) == []
    with uow() as u:
        row = u.session.get(CaseworkerRow, worker)
        row.session_version, row.name, row.is_admin = 1, "Et andet navn", True
        u.commit()
    seen = record_person_page_view(uow(), worker, citizen, NOW, 1)
    assert seen.caseworker == ("Et andet navn", True, False, world.jobcenter_id) == _as_found(uow, worker)
    assert len(_lines(uow)) == 1
    with pytest.raises(NotFound):
        record_person_page_view(uow(), worker, citizen, NOW, 0)
    assert len(_lines(uow)) == 1


def test_a_cpr_view_by_a_caseworker_who_may_not_see_the_person_writes_nothing(uow):
    world = a_world(uow, citizens=1)
    worker, citizen = world.jobcenter_caseworkers[0], world.citizens[0]
    with pytest.raises(NotFound):
        record_person_page_view(uow(), worker, citizen + 1000, NOW, 0)
    with uow() as u:
        u.session.get(CaseworkerRow, worker).disabled = True
        u.commit()
    with pytest.raises(NotFound):
        record_person_page_view(uow(), worker, citizen, NOW, 0)
    assert _lines(uow) == []


@pytest.mark.postgres
def test_on_postgresql_two_views_of_one_person_at_once_do_not_wait_for_each_other(postgres_engine):
    """Issue 11 (migration 0033): two caseworkers' views of the same person (the jobcenter's and the a-kasse's),
    through two connections whose shards
    of the person's count differ, are written at once: the second does not wait for the first to commit (it would
    give up after a second's lock wait), and once both have committed the count has both."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from scheduling.adapters.db import make_engine, session_factory
    from scheduling.adapters.repository import Repository
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

    factory = session_factory(postgres_engine)
    world = a_world(lambda read_only=False: SqlAlchemyUnitOfWork(factory, read_only=read_only), citizens=1)
    citizen, workers = world.citizens[0], (world.jobcenter_caseworkers[0], world.akasse_caseworkers[0])
    impatient = make_engine(postgres_engine.url.render_as_string(hide_password=False),
                            connect_args={"options": "-c lock_timeout=1000"})
    connections, by_shard = [], {}
    try:
        while len(by_shard) < 2:  # connections until two count in different shards (a backend's id % 16)
            connection = impatient.connect()
            connections.append(connection)
            by_shard.setdefault(connection.execute(text("SELECT pg_backend_pid() % 16")).scalar(), connection)
        one, other = by_shard.values()
        assert Repository(Session(bind=one)).add_view_audit_with_versions(workers[0], citizen, NOW, CPR_VIEWED, 0)
        # the first view's transaction is still open, its line counted in its shard
        seen = Repository(Session(bind=other)).add_view_audit_with_versions(workers[1], citizen, NOW, CPR_VIEWED, 0)
        assert seen is not None and seen.views == 1  # the first view is not committed: not counted yet
        one.commit()
        other.commit()
    finally:
        for connection in connections:
            connection.close()
        impatient.dispose()
    assert record_person_page_view(SqlAlchemyUnitOfWork(factory), workers[0], citizen, NOW, 0).cpr_views == 3
