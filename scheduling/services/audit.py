"""The append-only audit log: every service writes one line per change, in the same transaction, and one line each
time a caseworker sees a person's full CPR number (:func:`record_person_page_view`).

The line of a change an organisation's system may subscribe to (an interview booked, moved, cancelled, held or
missed; a decision made) also writes its webhook events to the outbox, in the same transaction
(:func:`scheduling.services.webhooks.announce`): every path that makes such a change records it here.

On PostgreSQL the application's own role may only SELECT and INSERT here (``flask --app portal db grant-app-role``,
``docs/database-roles.md``); the append-only triggers guard against mistakes, the missing privileges against the
application itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from scheduling.adapters.orm import AuditRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork, SqlAlchemyUnitOfWork
from scheduling.services import webhooks
from scheduling.services.errors import NotFound
from scheduling.vocabulary import ActorKind, AuditAction, AuditObject


@dataclass(frozen=True)
class Actor:
    """Who acts: a citizen, a caseworker or the agency's supervisor (by id), or the system."""

    kind: ActorKind
    id: int | None = None

    @classmethod
    def citizen(cls, citizen_id: int) -> Actor:
        return cls(ActorKind.CITIZEN, citizen_id)

    @classmethod
    def caseworker(cls, caseworker_id: int) -> Actor:
        return cls(ActorKind.CASEWORKER, caseworker_id)

    @classmethod
    def supervisor(cls, supervisor_id: int) -> Actor:
        return cls(ActorKind.SUPERVISOR, supervisor_id)


SYSTEM = Actor(ActorKind.SYSTEM)

#: The action of a line saying a caseworker saw a person's full CPR number. It records access, not a change, so
#: the person's history of changes leaves it out and the page shows how many there are (``PersonPageView.cpr_views``).
CPR_VIEWED = AuditAction.CPR_VIEWED


def record(
    uow: AbstractUnitOfWork,
    now: datetime,
    actor: Actor,
    action: AuditAction,
    object_type: AuditObject,
    object_id: int | None,
    *,
    citizen_id: int | None = None,
    why: str | None = None,
    **details: Any,
) -> None:
    """Add one audit line (committed with the change it describes, or not at all; written at once, not flushed),
    and the change's webhook events, if it is one an organisation may subscribe to."""
    uow.repo.append(
        AuditRow.appended(
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
    if action in webhooks.EVENT_OF_ACTION:
        webhooks.announce(uow, now, action, object_type, object_id, citizen_id, details)


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


@dataclass(frozen=True)
class PersonPageView:
    """What a caseworker's person page is kept under (the person's page version and everyone's, migration 0031),
    and how many times anyone has been shown the person's full CPR number, this view included (the page fills
    the count in apart: :mod:`portal.page_cache`); with the caseworker as the view found them (their name, whether
    they are an administrator and a leader, their organisation), so that the page can tell whether the log-in
    it was asked with still holds them as they are."""

    versions: tuple[int, int]
    cpr_views: int
    caseworker: tuple[str, bool, bool, int]


def record_person_page_view(
    uow: SqlAlchemyUnitOfWork, caseworker_id: int, citizen_id: int, now: datetime, session_version: int
) -> PersonPageView:
    """Log that the caseworker was shown the person's full CPR number on the person page (who, when, whose: the
    caseworker's organisation in its details), and read what the page is kept under, in one transaction — on
    PostgreSQL in one statement. The line is written before the page is rendered, and committed whether or not
    the page was kept.

    NotFound (nothing written) when the caseworker is disabled, their session (``session_version``) has ended or
    their organisation does not serve the person: the statement is itself a log-in check of the caseworker.
    """
    with uow:
        found = uow.repo.add_view_audit_with_versions(caseworker_id, citizen_id, now, CPR_VIEWED, session_version)
        if found is None:
            raise NotFound()
        uow.commit()
    return PersonPageView(
        (found.page_version, found.shared_version), found.views,
        (found.caseworker_name, found.is_admin, found.is_leader, found.organisation_id),
    )


