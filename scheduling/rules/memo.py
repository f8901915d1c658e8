"""Memoisation for the length of one answer of the rules core.

An evaluation asks the same derived facts many times — the hand-over (R2), the known hour registrations (R3),
the sammenlagt ledighed days — from responsibility, obligations, booking options and caseworker permissions
alike. :func:`per_answer` remembers a function's result for one course and day *while one public answer is
being computed* (:func:`answering`, which ``evaluate`` and the ``check_*`` functions open) and forgets it when
the answer is given. The rules stay pure: the same arguments give the same result with or without the memory;
nothing outlives the call, so no cache grows or goes stale, and no Course has to be hashed.

The memory is keyed by the course's identity and holds the course itself, so an id can never be reused by
another course while the memory lives (a rule may build a changed copy of the course for a question of its own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")

# Per answer: (function, id(course), other arguments) -> result; and the courses seen, kept alive so that no id
# is reused by another course while the memory lives.
_Memory = tuple[dict[tuple[Any, ...], Any], dict[int, object]]
_memory: ContextVar[_Memory | None] = ContextVar("rules_memory", default=None)
_MISSING = object()


@contextmanager
def answering() -> Iterator[None]:
    """Remember derived facts until the outermost answer is given (nested answers share the memory)."""
    if _memory.get() is not None:
        yield
        return
    token = _memory.set(({}, {}))
    try:
        yield
    finally:
        _memory.reset(token)


def per_answer(function: Callable[P, R]) -> Callable[P, R]:
    """Remember ``function(course, *rest)`` (``rest`` hashable, positional) for the current answer."""

    call: Callable[..., R] = function

    get_memory = _memory.get
    missing = _MISSING

    @wraps(function)
    def remembered(course: Any, *rest: Any, **keywords: Any) -> R:
        memory = get_memory()
        if memory is None or keywords:
            return call(course, *rest, **keywords)
        results, courses = memory
        key = (function, identity := id(course), rest)
        result = results.get(key, missing)
        if result is missing:
            result = results[key] = call(course, *rest)
            courses[identity] = course
        return result  # type: ignore[no-any-return]

    return cast("Callable[P, R]", remembered)
