"""Free times kept between requests (issue 11): an organisation's free slots of a week, per app process.

Every person of an organisation who books a kind of interview in a week sees the same free times of the
organisation's caseworkers — at national size 920 caseworkers' weeks, a third of a second to read and compute. So
the process keeps them, under the version the database gives them (:meth:`~scheduling.adapters.repository.
AbstractRepository.slot_versions`: the number of changes logged for those weeks by the triggers of migration
0016, written in the transaction of every change to interviews, absences, busy times, working hours, offers and
agreed timeslots). Each request asks for the version first (one statement) and uses what is kept only when it
is unchanged; otherwise it computes and keeps the new answer. So:

* a booking — in this process or any other — changes the version of its week in the transaction that writes
  it: the next request of anyone sees the slot gone, as before;
* the version is read before the free times, so what is kept under it is never older than it (a change
  committed in between makes the kept answer newer than its version, and the next request computes again);
* what depends on the person or the moment is not kept: the earliest bookable start (the caller filters),
  the person's own interviews, and the rules core's answer for them;
* the booking's final check never uses it (:func:`scheduling.services.booking._slot_at` reads the slot's
  own start afresh): what is kept only decides what is shown.

Where the database gives no version (SQLite, the development and test database) nothing is kept. Entries are
also forgotten after :data:`MAX_AGE` seconds (a safety net for changes written with the triggers disabled),
and at most :data:`MAX_ENTRIES` per database are kept (the least recently used go first).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.slots import Slot

MAX_AGE = 300.0  # seconds
MAX_ENTRIES = 64  # per database; a week of a 920-caseworker organisation is ~0.5 MB


@dataclass(frozen=True)
class _Entry:
    versions: tuple[int, ...]
    slots: tuple[Slot, ...]
    stored: float


_lock = threading.Lock()
_stores: weakref.WeakKeyDictionary[object, OrderedDict[Hashable, _Entry]] = weakref.WeakKeyDictionary()


def free_slots(
    uow: AbstractUnitOfWork,
    organisation_ids: Sequence[int],
    key: Hashable,
    first_day: date,
    last_day: date,
    compute: Callable[[], list[Slot]],
) -> list[Slot]:
    """The free slots ``compute()`` gives for ``organisation_ids`` on the dates, kept under ``key`` (which must
    name everything else they depend on) for as long as the organisations' version of those dates is unchanged."""
    found = uow.repo.slot_versions(organisation_ids, first_day, last_day)
    if found is None:
        return compute()
    database, versions = found
    full_key = (tuple(organisation_ids), key, first_day, last_day)
    now = time.monotonic()
    with _lock:
        store = _stores.get(database)
        entry = store.get(full_key) if store is not None else None
        if entry is not None and entry.versions == versions and now - entry.stored < MAX_AGE:
            store.move_to_end(full_key)  # type: ignore[union-attr]
            return list(entry.slots)
    slots = _shared(compute())
    with _lock:
        store = _stores.setdefault(database, OrderedDict())
        store[full_key] = _Entry(versions, tuple(slots), now)
        store.move_to_end(full_key)
        while len(store) > MAX_ENTRIES:
            store.popitem(last=False)
    return slots


def versions(
    uow: AbstractUnitOfWork, organisation_ids: Sequence[int], first_day: date, last_day: date
) -> tuple[int, ...] | None:
    """The organisations' version of their free times on the Danish dates (one statement), for a page kept under
    it (:mod:`portal.page_cache`); None where the database gives none (SQLite)."""
    with uow:
        found = uow.repo.slot_versions(organisation_ids, first_day, last_day)
    return None if found is None else found[1]


def forget() -> None:
    """Forget everything kept (tests; nothing else needs it: a change moves the version)."""
    with _lock:
        _stores.clear()


def _shared(slots: list[Slot]) -> list[Slot]:
    """The slots with equal caseworker lists sharing one tuple (a week of a large organisation repeats them)."""
    seen: dict[tuple[object, ...], tuple[object, ...]] = {}
    shared = []
    for slot in slots:
        ids = seen.setdefault(slot.caseworker_ids, slot.caseworker_ids)
        shared.append(slot if ids is slot.caseworker_ids else replace(slot, caseworker_ids=ids))  # type: ignore[arg-type]
    return shared
