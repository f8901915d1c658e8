"""The audit line a caseworker's view of a person's full CPR number writes (issue 11: one ``INSERT … SELECT``):
the same line as before on SQLite and PostgreSQL, and nothing — NotFound — for a caseworker who may not see the
person, a disabled one, or a person who does not exist."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from scheduling.adapters.orm import AuditRow, CaseworkerRow
from scheduling.services.audit import CPR_VIEWED, record_cpr_view
from scheduling.services.errors import NotFound
from scheduling.vocabulary import ActorKind, AuditObject
from tests.integration.world import NOW, a_world


def _lines(uow) -> list[tuple]:
    with uow() as u:
        return [
            (r.at, r.actor_kind, r.actor_id, r.object_type, r.object_id, r.citizen_id, r.details)
            for r in u.session.scalars(select(AuditRow).where(AuditRow.action == CPR_VIEWED).order_by(AuditRow.id))
        ]


def test_a_cpr_view_writes_who_saw_whom_when(uow):
    world = a_world(uow, citizens=1)
    worker, citizen = world.jobcenter_caseworkers[0], world.citizens[0]
    record_cpr_view(uow(), worker, citizen, NOW)
    assert _lines(uow) == [
        (NOW, ActorKind.CASEWORKER, worker, AuditObject.CITIZEN, citizen, citizen, {"organisation_id": world.jobcenter_id})
    ]


def test_a_cpr_view_by_a_caseworker_who_may_not_see_the_person_writes_nothing(uow):
    world = a_world(uow, citizens=1)
    worker, citizen = world.jobcenter_caseworkers[0], world.citizens[0]
    with pytest.raises(NotFound):
        record_cpr_view(uow(), worker, citizen + 1000, NOW)
    with uow() as u:
        u.session.get(CaseworkerRow, worker).disabled = True
        u.commit()
    with pytest.raises(NotFound):
        record_cpr_view(uow(), worker, citizen, NOW)
    assert _lines(uow) == []
