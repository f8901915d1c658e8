"""The append-only audit log: every service writes one line per change, in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from scheduling.adapters.orm import ActorKind, AuditRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork


@dataclass(frozen=True)
class Actor:
    """Who acts: a citizen, a caseworker (by id) or the system."""

    kind: ActorKind
    id: int | None = None

    @classmethod
    def citizen(cls, citizen_id: int) -> Actor:
        return cls(ActorKind.CITIZEN, citizen_id)

    @classmethod
    def caseworker(cls, caseworker_id: int) -> Actor:
        return cls(ActorKind.CASEWORKER, caseworker_id)


SYSTEM = Actor(ActorKind.SYSTEM)


def record(
    uow: SqlAlchemyUnitOfWork,
    now: datetime,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: int | None,
    *,
    citizen_id: int | None = None,
    why: str | None = None,
    **details: Any,
) -> None:
    """Add one audit line (committed with the change it describes, or not at all)."""
    uow.session.add(
        AuditRow(
            at=now,
            actor_kind=actor.kind,
            actor_id=actor.id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            citizen_id=citizen_id,
            why=why,
            details={k: _jsonable(v) for k, v in details.items()},
        )
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
