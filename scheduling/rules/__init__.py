"""The rules of the simplified contact course (R1–R28), one module per area, pure functions.

``evaluate``, ``check_self_booking``, ``check_caseworker_action`` and ``check_citizen_change`` are the core's
public answers; :mod:`scheduling.evaluation` delegates to them.
"""

from __future__ import annotations

from datetime import date

from scheduling.course import Course
from scheduling.evaluation import Evaluation
from scheduling.rules.booking import check_citizen_change, check_self_booking, citizen_permissions
from scheduling.rules.caseworker import caseworker_permissions, check_caseworker_action
from scheduling.rules.notices import notices
from scheduling.rules.obligations import obligations
from scheduling.rules.responsibility import responsibility
from scheduling.rules.signals import signals

__all__ = ["check_caseworker_action", "check_citizen_change", "check_self_booking", "evaluate"]


def evaluate(course: Course, on: date) -> Evaluation:
    """Evaluate a course on ``on``: responsibility, obligations, what the person and each caseworker may do."""
    return Evaluation(
        on=on,
        responsibility=responsibility(course, on),
        obligations=obligations(course, on),
        citizen=citizen_permissions(course, on),
        caseworkers=caseworker_permissions(course, on),
        signals=signals(course, on),
        notices=notices(course, on),
    )
