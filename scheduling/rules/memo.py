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

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
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
    token = begin_answer()
    try:
        yield
    finally:
        end_answer(token)


def begin_answer() -> Token[_Memory | None] | None:
    """Open the memory for an answer (None when an outer answer already has one); close it with
    :func:`end_answer` in a ``finally``. The public answers use these two directly: a generator-based context
    manager costs more than the rest of a short answer's bookkeeping."""
    if _memory.get() is not None:
        return None
    return _memory.set(({}, {}))


def end_answer(token: Token[_Memory | None] | None) -> None:
    """Forget what the answer opened by :func:`begin_answer` remembered (nothing for a nested answer)."""
    if token is not None:
        _memory.reset(token)


def per_answer(function: Callable[P, R]) -> Callable[P, R]:
    """Remember ``function(course, *rest)`` (``rest`` hashable, positional) for the current answer.

    The wrapper has the function's own positional parameters (one to three; a default only on the third),
    not ``*args, **kwargs``: a remembered fact is asked ~70 times per evaluation, and packing the arguments
    into a tuple and a dict on every call cost more than the look-up itself.
    """
    call: Callable[..., Any] = function
    code = function.__code__
    count = code.co_argcount
    defaults = function.__defaults__ or ()
    if code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS) or code.co_kwonlyargcount or not 1 <= count <= 3:
        raise TypeError(f"per_answer: {function.__qualname__} must take one to three positional parameters")
    if len(defaults) > 1 or (defaults and count < 3):
        raise TypeError(f"per_answer: {function.__qualname__} may have a default only on its third parameter")
    get_memory = _memory.get
    missing = _MISSING
    remembered: Callable[..., Any]

    if count == 1:

        def remembered(course: Any) -> Any:
            memory = get_memory()
            if memory is None:
                return call(course)
            results, courses = memory
            key = (call, identity := id(course))
            result = results.get(key, missing)
            if result is missing:
                result = results[key] = call(course)
                courses[identity] = course
            return result

    elif count == 2:

        def remembered(course: Any, first: Any) -> Any:
            memory = get_memory()
            if memory is None:
                return call(course, first)
            results, courses = memory
            key = (call, identity := id(course), first)
            result = results.get(key, missing)
            if result is missing:
                result = results[key] = call(course, first)
                courses[identity] = course
            return result

    else:

        def remembered(course: Any, first: Any, second: Any) -> Any:
            memory = get_memory()
            if memory is None:
                return call(course, first, second)
            results, courses = memory
            key = (call, identity := id(course), first, second)
            result = results.get(key, missing)
            if result is missing:
                result = results[key] = call(course, first, second)
                courses[identity] = course
            return result

        remembered.__defaults__ = defaults  # e.g. responsible_on(course, on, day=None)

    # the parameters get the function's own names, so that a call by keyword (``day=…``) binds as it would
    own = remembered.__code__
    names = code.co_varnames[:count]
    if set(names) & set(own.co_varnames[count:] + own.co_freevars):
        raise TypeError(f"per_answer: {function.__qualname__}'s parameter names clash with the memory's own")
    remembered.__code__ = own.replace(co_varnames=names + own.co_varnames[count:])
    return cast("Callable[P, R]", wraps(function)(remembered))
