"""The rules of the simplified contact course (R1–R28), one module per area, pure functions.

``evaluate``, ``check_self_booking``, ``check_caseworker_action`` and ``check_citizen_change`` are the core's
public answers; :mod:`scheduling.evaluation` delegates to them.
"""

from __future__ import annotations

from datetime import date
from functools import wraps
from typing import Any

from scheduling.course import Course
from scheduling.evaluation import CallIn, Evaluation, Verdict
from scheduling.rules import booking as _booking
from scheduling.rules import caseworker as _caseworker
from scheduling.rules.booking import citizen_permissions
from scheduling.rules.caseworker import caseworker_permissions
from scheduling.rules.memo import begin_answer, end_answer
from scheduling.rules.notices import notices
from scheduling.rules.obligations import obligations
from scheduling.rules.responsibility import responsibility
from scheduling.rules.signals import signals

__all__ = ["call_in", "check_caseworker_action", "check_citizen_change", "check_self_booking", "evaluate"]


def evaluate(course: Course, on: date) -> Evaluation:
    """Evaluate a course on ``on``: responsibility, obligations, what the person and each caseworker may do.

    The derived facts every part asks for (the hand-over, the known hour registrations …) are computed once
    per evaluation (:mod:`scheduling.rules.memo`).
    """
    token = begin_answer()  # not ``with answering()``: the generator-based context manager costs ~1 % of it
    try:
        return Evaluation(
            on,
            responsibility(course, on),
            obligations(course, on),
            citizen_permissions(course, on),
            caseworker_permissions(course, on),
            signals(course, on),
            notices(course, on),
        )
    finally:
        end_answer(token)


@wraps(_booking.check_self_booking)
def check_self_booking(*args: Any, **kwargs: Any) -> Verdict:
    token = begin_answer()
    try:
        return _booking.check_self_booking(*args, **kwargs)
    finally:
        end_answer(token)


@wraps(_booking.call_in)
def call_in(*args: Any, **kwargs: Any) -> CallIn | None:
    token = begin_answer()
    try:
        return _booking.call_in(*args, **kwargs)
    finally:
        end_answer(token)


@wraps(_booking.check_citizen_change)
def check_citizen_change(*args: Any, **kwargs: Any) -> Verdict:
    token = begin_answer()
    try:
        return _booking.check_citizen_change(*args, **kwargs)
    finally:
        end_answer(token)


@wraps(_caseworker.check_caseworker_action)
def check_caseworker_action(*args: Any, **kwargs: Any) -> Verdict:
    token = begin_answer()
    try:
        return _caseworker.check_caseworker_action(*args, **kwargs)
    finally:
        end_answer(token)
