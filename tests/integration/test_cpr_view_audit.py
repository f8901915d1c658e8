"""The audit line a caseworker's view of a person's full CPR number writes on the person page (issue 9; issue 11:
one ``INSERT … SELECT``, on PostgreSQL in the same statement as the page's versions and the count of look-ups):
who saw whom when, on SQLite and PostgreSQL, and nothing — NotFound — for a caseworker who may not see the
person, a disabled one, or a person who does not exist."""

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
    record_person_page_view(uow(), worker, other, NOW)  # another person's look-up is not counted
    for views in (1, 2):
        seen = record_person_page_view(uow(), worker, citizen, NOW)
        assert seen == PersonPageView(_versions(uow, citizen), views), f"view {views}"
    line = (NOW, ActorKind.CASEWORKER, worker, AuditObject.CITIZEN, citizen, citizen, {"organisation_id": world.jobcenter_id})
    assert _lines(uow)[1:] == [line, line]
    with uow() as u:
        u.session.get(CitizenRow, citizen).name = "Et nyt navn"
        u.commit()
    moved = record_person_page_view(uow(), worker, citizen, NOW)
    assert moved.versions[0] > seen.versions[0] and moved.cpr_views == 3


def test_a_cpr_view_by_a_caseworker_who_may_not_see_the_person_writes_nothing(uow):
    world = a_world(uow, citizens=1)
    worker, citizen = world.jobcenter_caseworkers[0], world.citizens[0]
    with pytest.raises(NotFound):
        record_person_page_view(uow(), worker, citizen + 1000, NOW)
    with uow() as u:
        u.session.get(CaseworkerRow, worker).disabled = True
        u.commit()
    with pytest.raises(NotFound):
        record_person_page_view(uow(), worker, citizen, NOW)
    assert _lines(uow) == []
