"""One retry for a transaction the database broke off: serialization failure (40001) or deadlock (40P01).

PostgreSQL may abort a booking transaction that did nothing wrong: two transactions waited for each other's
row locks (a deadlock: the services lock in id order, but a foreign-key check or an index page can still close a
circle) or a serializable snapshot could not be kept. The transaction is rolled back whole, so running the use
case again from the start is safe and usually succeeds. :func:`retried_once` does that once; when the second run
meets the same fault it raises :class:`~scheduling.services.errors.TryAgain` (nothing written either time). Any
other error, and every refusal, passes through untouched: a refusal is an answer, not a fault.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.exc import DBAPIError

from scheduling.services.errors import TryAgain

#: SQLSTATEs after which the whole transaction may simply be run again.
RETRYABLE_SQLSTATES = {"40001": "serialization_failure", "40P01": "deadlock_detected"}

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


def retryable(error: BaseException) -> bool:
    """Did the database abort the transaction with a serialization failure or a deadlock?"""
    if not isinstance(error, DBAPIError):
        return False
    return getattr(error.orig, "sqlstate", None) in RETRYABLE_SQLSTATES


def retried_once(service: Callable[P, R]) -> Callable[P, R]:
    """Run ``service`` again, once, when its transaction met a serialization failure or a deadlock.

    The service must open its unit of work itself (``with uow:``) so that the second run starts a fresh
    transaction; the booking services do. Twice the same fault raises :class:`TryAgain`.
    """

    @functools.wraps(service)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return service(*args, **kwargs)
        except DBAPIError as error:
            if not retryable(error):
                raise
            log.warning("%s: %s, running it once more", service.__name__, RETRYABLE_SQLSTATES[error.orig.sqlstate])  # type: ignore[union-attr]
        try:
            return service(*args, **kwargs)
        except DBAPIError as error:
            if not retryable(error):
                raise
            raise TryAgain(f"{service.__name__}: {RETRYABLE_SQLSTATES[error.orig.sqlstate]} twice") from error  # type: ignore[union-attr]

    return run
