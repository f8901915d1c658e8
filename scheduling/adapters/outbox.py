"""The outbox's queries (issue 15): the worker's claim of due notices, their addresses, and the failed notices an
organisation's administrator sees. Mixed into the repository (:class:`SqlOutbox` into
:class:`~scheduling.adapters.repository.Repository`); the unit tests' in-memory repository has no outbox.

Several workers share the work on PostgreSQL: :meth:`SqlOutbox.due_notices` locks the rows it returns with
``FOR UPDATE SKIP LOCKED``, so a second worker claiming at the same moment passes over them instead of waiting,
and the claiming transaction moves their ``next_attempt_at`` past a lease before it commits
(:func:`scheduling.services.notices.claim`), so no worker claims them again while they are being sent. On SQLite
the claiming transaction (``BEGIN IMMEDIATE``) holds the database's write lock: one worker at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, null, or_, select, update
from sqlalchemy.orm import Session, aliased

from scheduling.adapters.orm import (
    CaseloadStatusRow,
    CaseworkerRow,
    CitizenRow,
    DecisionRow,
    InterviewRow,
    NoticeRow,
    OrganisationRow,
    WebhookSubscriptionRow,
)
from scheduling.course import InterviewStatus
from scheduling.vocabulary import ActorKind, NoticeChannel, NoticeKind, NoticeStatus


class AbstractOutbox:
    """The outbox's reads and locks; SQL only (the in-memory repository of the unit tests has none)."""

    def due_notices(self, now: datetime, limit: int) -> list[NoticeRow]:
        """Up to ``limit`` pending notices due at ``now``, oldest first, locked for this transaction; rows another
        transaction has locked are skipped."""
        raise NotImplementedError("the outbox needs the SQL repository")

    def notice(self, notice_id: int) -> NoticeRow | None:
        """The notice, locked for this transaction."""
        raise NotImplementedError("the outbox needs the SQL repository")

    def notice_addresses(self, rows: Sequence[NoticeRow]) -> dict[int, str | None]:
        """Each notice's address (its own, or its recipient's e-mail address or mobile number now, after the
        notice's channel; None: none), by notice id."""
        raise NotImplementedError("the outbox needs the SQL repository")

    def reminder_interviews(self, start_from: datetime, start_to: datetime) -> list[tuple[int, int, datetime, int]]:
        """The booked interviews starting in [``start_from``, ``start_to``): (interview id, person, start, the
        holding organisation's reminder hour)."""
        raise NotImplementedError("the outbox needs the SQL repository")

    def book_by_candidates(self, hour: int) -> list[int]:
        """The people (ids) who may self-book now, after the caseload's read model, and whose a-kasse or jobcenter
        sends reminders at ``hour``: those who may need a book-by reminder now (the rules core decides)."""
        raise NotImplementedError("the outbox needs the SQL repository")

    def notice_keys(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` the outbox holds already."""
        raise NotImplementedError("the outbox needs the SQL repository")

    def invited_caseworkers(self, interview_id: int) -> set[int]:
        """The caseworkers whose newest calendar invitation for the interview is a REQUEST (the event stands in
        their calendar). The in-memory repository keeps no notices: none."""
        return set()

    def failed_notices(self, organisation_id: int, limit: int) -> list[tuple[NoticeRow, str]]:
        """The newest failed notices to people the organisation serves (the person's a-kasse or jobcenter), to
        its own caseworkers and to its webhooks, with the recipient's name (a webhook's: its URL)."""
        raise NotImplementedError("the outbox needs the SQL repository")

    # ---- webhooks (issue 16; scheduling.services.webhooks) -------------------------------------------------------

    def webhook_subscribers(self, organisation_ids: Sequence[int]) -> list[tuple[int, list[str]]]:
        """The active webhook subscriptions of these organisations: (id, events chosen). The in-memory repository
        keeps none: none."""
        return []

    def decision(self, decision_id: int) -> DecisionRow | None:
        """A decision by id (for its webhook event)."""
        raise NotImplementedError("the outbox needs the SQL repository")

    def webhook_subscription(self, subscription_id: int, *, lock: bool = False) -> WebhookSubscriptionRow | None:
        """A webhook subscription by id (locked for the transaction if ``lock``)."""
        raise NotImplementedError("the outbox needs the SQL repository")

    def organisation_webhooks(self, organisation_id: int) -> list[tuple[WebhookSubscriptionRow, datetime | None, int]]:
        """The organisation's webhook subscriptions, newest first, each with its last delivery (None: none yet)
        and how many of its events failed."""
        raise NotImplementedError("the outbox needs the SQL repository")

    def fail_pending_webhook_notices(self, subscription_id: int, error: str) -> int:
        """Mark the subscription's pending events failed with ``error`` (it was deactivated); how many."""
        raise NotImplementedError("the outbox needs the SQL repository")


class SqlOutbox(AbstractOutbox):
    session: Session

    def due_notices(self, now: datetime, limit: int) -> list[NoticeRow]:
        query = (
            select(NoticeRow)
            .where(NoticeRow.status == NoticeStatus.PENDING, NoticeRow.next_attempt_at <= now)
            .order_by(NoticeRow.next_attempt_at, NoticeRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(self.session.scalars(query))

    def notice(self, notice_id: int) -> NoticeRow | None:
        return self.session.get(NoticeRow, notice_id, with_for_update=True)

    def notice_addresses(self, rows: Sequence[NoticeRow]) -> dict[int, str | None]:
        wanted = {kind: {r.recipient_id for r in rows if r.recipient_kind == kind} for kind in ActorKind}
        found: dict[tuple[ActorKind, int, NoticeChannel], str | None] = {}
        if wanted[ActorKind.WEBHOOK]:  # a webhook's address is its URL, while it is active
            for subscription_id, url in self.session.execute(
                select(WebhookSubscriptionRow.id, WebhookSubscriptionRow.url).where(
                    WebhookSubscriptionRow.id.in_(wanted[ActorKind.WEBHOOK]), WebhookSubscriptionRow.active.is_(True),
                )
            ):
                found[ActorKind.WEBHOOK, subscription_id, NoticeChannel.WEBHOOK] = url
        for kind, model, mobile in (
            (ActorKind.CITIZEN, CitizenRow, CitizenRow.phone), (ActorKind.CASEWORKER, CaseworkerRow, null()),
        ):
            if wanted[kind]:
                for person_id, email, phone in self.session.execute(
                    select(model.id, model.email, mobile).where(model.id.in_(wanted[kind]))
                ):
                    found[kind, person_id, NoticeChannel.EMAIL] = email or None
                    found[kind, person_id, NoticeChannel.SMS] = phone or None
        return {r.id: r.address or found.get((r.recipient_kind, r.recipient_id, r.channel)) for r in rows}

    def reminder_interviews(self, start_from: datetime, start_to: datetime) -> list[tuple[int, int, datetime, int]]:
        query = (
            select(InterviewRow.id, InterviewRow.citizen_id, InterviewRow.start_at, OrganisationRow.reminder_hour)
            .join(OrganisationRow, OrganisationRow.id == InterviewRow.organisation_id)
            .where(
                InterviewRow.status == InterviewStatus.BOOKED,
                InterviewRow.start_at >= start_from, InterviewRow.start_at < start_to,
            )
            .order_by(InterviewRow.start_at, InterviewRow.id)
        )
        return [(i, c, start, hour) for i, c, start, hour in self.session.execute(query)]

    def book_by_candidates(self, hour: int) -> list[int]:
        akasse, jobcenter = aliased(OrganisationRow), aliased(OrganisationRow)
        query = (
            select(CaseloadStatusRow.citizen_id)
            .join(akasse, akasse.id == CaseloadStatusRow.akasse_id)
            .join(jobcenter, jobcenter.id == CaseloadStatusRow.jobcenter_id)
            .where(
                CaseloadStatusRow.may_self_book.is_(True),
                or_(akasse.reminder_hour == hour, jobcenter.reminder_hour == hour),
            )
            .distinct()
        )
        return sorted(self.session.scalars(query))

    def notice_keys(self, keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        return set(self.session.scalars(select(NoticeRow.key).where(NoticeRow.key.in_(list(keys)))))

    def invited_caseworkers(self, interview_id: int) -> set[int]:
        query = (
            select(NoticeRow.recipient_id, NoticeRow.params)
            .where(
                NoticeRow.interview_id == interview_id, NoticeRow.kind == NoticeKind.INVITATION,
                NoticeRow.recipient_kind == ActorKind.CASEWORKER,
            )
            .order_by(NoticeRow.id)
        )
        newest = {recipient: (params or {}).get("method") for recipient, params in self.session.execute(query)}
        return {recipient for recipient, method in newest.items() if method == "REQUEST"}

    def failed_notices(self, organisation_id: int, limit: int) -> list[tuple[NoticeRow, str]]:
        citizens = (
            select(NoticeRow, CitizenRow.name)
            .join(CitizenRow, and_(NoticeRow.recipient_kind == ActorKind.CITIZEN, CitizenRow.id == NoticeRow.recipient_id))
            .where(
                NoticeRow.status == NoticeStatus.FAILED,
                or_(CitizenRow.akasse_id == organisation_id, CitizenRow.jobcenter_id == organisation_id),
            )
            .order_by(NoticeRow.created_at.desc(), NoticeRow.id.desc())
            .limit(limit)
        )
        caseworkers = (
            select(NoticeRow, CaseworkerRow.name)
            .join(CaseworkerRow, and_(
                NoticeRow.recipient_kind == ActorKind.CASEWORKER, CaseworkerRow.id == NoticeRow.recipient_id
            ))
            .where(NoticeRow.status == NoticeStatus.FAILED, CaseworkerRow.organisation_id == organisation_id)
            .order_by(NoticeRow.created_at.desc(), NoticeRow.id.desc())
            .limit(limit)
        )
        webhooks = (
            select(NoticeRow, WebhookSubscriptionRow.url)
            .join(WebhookSubscriptionRow, and_(
                NoticeRow.recipient_kind == ActorKind.WEBHOOK, WebhookSubscriptionRow.id == NoticeRow.recipient_id
            ))
            .where(NoticeRow.status == NoticeStatus.FAILED, WebhookSubscriptionRow.organisation_id == organisation_id)
            .order_by(NoticeRow.created_at.desc(), NoticeRow.id.desc())
            .limit(limit)
        )
        rows = [(row, name) for row, name in self.session.execute(citizens)]
        rows += [(row, name) for row, name in self.session.execute(caseworkers)]
        rows += [(row, url) for row, url in self.session.execute(webhooks)]
        rows.sort(key=lambda pair: (pair[0].created_at, pair[0].id), reverse=True)
        return rows[:limit]

    def webhook_subscribers(self, organisation_ids: Sequence[int]) -> list[tuple[int, list[str]]]:
        query = (
            select(WebhookSubscriptionRow.id, WebhookSubscriptionRow.events)
            .where(WebhookSubscriptionRow.organisation_id.in_(list(organisation_ids)), WebhookSubscriptionRow.active.is_(True))
            .order_by(WebhookSubscriptionRow.id)
        )
        return [(subscription_id, list(events or [])) for subscription_id, events in self.session.execute(query)]

    def decision(self, decision_id: int) -> DecisionRow | None:
        return self.session.get(DecisionRow, decision_id)

    def webhook_subscription(self, subscription_id: int, *, lock: bool = False) -> WebhookSubscriptionRow | None:
        return self.session.get(WebhookSubscriptionRow, subscription_id, with_for_update=lock or None)

    def organisation_webhooks(self, organisation_id: int) -> list[tuple[WebhookSubscriptionRow, datetime | None, int]]:
        mine = and_(NoticeRow.recipient_kind == ActorKind.WEBHOOK, NoticeRow.recipient_id == WebhookSubscriptionRow.id)
        last = select(func.max(NoticeRow.sent_at)).where(mine).scalar_subquery()
        failed = select(func.count(NoticeRow.id)).where(mine, NoticeRow.status == NoticeStatus.FAILED).scalar_subquery()
        query = (
            select(WebhookSubscriptionRow, last, failed)
            .where(WebhookSubscriptionRow.organisation_id == organisation_id)
            .order_by(WebhookSubscriptionRow.active.desc(), WebhookSubscriptionRow.id.desc())
        )
        return [(row, sent, int(count or 0)) for row, sent, count in self.session.execute(query)]

    def fail_pending_webhook_notices(self, subscription_id: int, error: str) -> int:
        result = self.session.execute(
            update(NoticeRow)
            .where(
                NoticeRow.recipient_kind == ActorKind.WEBHOOK, NoticeRow.recipient_id == subscription_id,
                NoticeRow.status == NoticeStatus.PENDING,
            )
            .values(status=NoticeStatus.FAILED, last_error=error)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
