"""Idempotency keys of the integration API (issue 16): a client that sends a change again with the same
``Idempotency-Key`` (a timeout, a retry) gets the first answer again, and the change is made once.

:func:`begin` claims the key in a transaction of its own, before the request's service runs: the unique index on
(token, key) lets exactly one of two requests that arrive at once claim it, on one app server or two. The one that
claimed it runs and :func:`finish` stores its answer (status, body, headers); a refusal (4xx) is an answer too.
The other gets :class:`Replay` (the stored answer), :class:`InProgress` (the first has not answered yet: try again
shortly) or, if it carried another body under the same key, :class:`Mismatch`. When the request failed on our
side (an exception, 5xx) :func:`release` forgets the claim, so the same key may be tried again.

A request whose process died mid-way (killed, a crashed app server) neither finishes nor releases its claim. So a
claim without an answer older than ``abandoned_after`` (60 seconds unless the caller says otherwise, far longer
than any request runs) counts as abandoned: the next request with the same key and body takes it over in one
conditional update (of two at once, one wins) and runs. A younger claim is still :class:`InProgress`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from scheduling.adapters.unit_of_work import AbstractUnitOfWork


@dataclass(frozen=True)
class Claimed:
    """This request holds the key: run it, then :func:`finish` or :func:`release`."""


@dataclass(frozen=True)
class Replay:
    """The first request's answer."""

    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InProgress:
    """The first request with this key is still running."""


@dataclass(frozen=True)
class Mismatch:
    """The key was used for another request (another method, path or body)."""


Outcome = Claimed | Replay | InProgress | Mismatch

ABANDONED_AFTER = timedelta(seconds=60)


def begin(
    uow: AbstractUnitOfWork, token_id: int, key: str, request_hash: str, now: datetime,
    abandoned_after: timedelta = ABANDONED_AFTER,
) -> Outcome:
    """Claim ``key`` for this request (or take over a claim abandoned ``abandoned_after`` ago), or say what became
    of the first request that used it."""
    with uow:
        claimed = uow.repo.claim_idempotency_key(token_id, key, request_hash, now)
        if claimed:
            uow.commit()
            return Claimed()
    with uow:
        if uow.repo.take_over_idempotency_key(token_id, key, request_hash, now, now - abandoned_after):
            uow.commit()
            return Claimed()
    with uow.reader() as reads:
        entry = reads.repo.idempotency_entry(token_id, key)
        if entry is None:  # released between our insert and our read: the caller may simply try again
            return InProgress()
        if entry.request_hash != request_hash:
            return Mismatch()
        if entry.status is None:
            return InProgress()
        return Replay(entry.status, entry.body or "", dict(entry.headers or {}))


def finish(
    uow: AbstractUnitOfWork, token_id: int, key: str, status: int, body: str, headers: dict[str, str]
) -> None:
    """Store the claimed request's answer, for the retries."""
    with uow:
        entry = uow.repo.idempotency_entry(token_id, key)
        if entry is not None:
            entry.status, entry.body, entry.headers = status, body, dict(headers)
            uow.commit()


def release(uow: AbstractUnitOfWork, token_id: int, key: str) -> None:
    """Forget a claim whose request failed on our side: nothing was changed, the key may be used again."""
    with uow:
        entry = uow.repo.idempotency_entry(token_id, key)
        if entry is not None and entry.status is None:
            uow.repo.delete(entry)
            uow.commit()
