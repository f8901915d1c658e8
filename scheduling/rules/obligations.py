"""Which interviews must be held, by when, and how far the course is (R4, R6–R9, R12, R25, R26, R28).

Only held interviews count (LAB § 31, stk. 1); availability interviews never do (R24). While an exemption
(R26) is in force, every obligation not yet met is suspended: nothing is overdue while a person is exempt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from scheduling import parameters as P
from scheduling.course import Course, Interview, InterviewKind, Organisation
from scheduling.evaluation import Obligation, ObligationState
from scheduling.reasons import N_, Reason
from scheduling.rules.catalogue import reason
from scheduling.rules.control import control_obligations
from scheduling.rules.facts import (
    exemption_in_force,
    held,
    in_r4_group,
    local_date,
    old_rules,
    referred_r4,
    shift,
)
from scheduling.rules.responsibility import handover, r4_referral_due, unemployed_months_on


def state_of(course: Course, on: date, required: int, count: int, due: date | None, late: int = 0) -> ObligationState:
    """Met, held late, suspended by an exemption (R26), overdue, due soon (Selvbooking's window) or open.

    ``count`` is what was held by the deadline, ``late`` what was held after it. One rule for every obligation
    (issue 12): made up only by interviews held after the deadline is *holdt for sent*, neither met nor overdue.
    """
    if count >= required:
        return ObligationState.MET
    if count + late >= required:
        return ObligationState.HELD_LATE
    if exemption_in_force(course, on) is not None:
        return ObligationState.SUSPENDED
    if due is None:
        return ObligationState.OPEN
    if on > due:
        return ObligationState.OVERDUE
    if (due - on).days <= P.DUE_SOON_DAYS.on(on):
        return ObligationState.DUE_SOON
    return ObligationState.OPEN


def _held_by(course: Course, on: date) -> list[tuple[date, Interview]]:
    """The held interviews by ``on``, each with its Danish day, read once for every count."""
    return [(day, i) for i in held(course) if (day := local_date(i.start)) <= on]


def _count(days: Iterable[date], first: date | None = None, last: date | None = None) -> int:
    """How many of these days lie from ``first`` to ``last`` (None: no bound)."""
    low = date.min if first is None else first
    high = date.max if last is None else last
    return sum(1 for day in days if low <= day <= high)


def _obligation(
    course: Course,
    on: date,
    rule: str,
    organisation: Organisation,
    kind: InterviewKind | None,
    required: int,
    count: int,
    due: date | None,
    projected: bool,
    reason: Reason,
    late: int = 0,
) -> Obligation:
    state = state_of(course, on, required, count, due, late)
    return Obligation(
        rule, organisation, kind, required, count, due, projected, state, reason, min(late, max(0, required - count))
    )


def _after(day: date | None) -> date | None:
    """The first day after a deadline: interviews held from then on are held late (None: no deadline)."""
    return None if day is None else shift(day, 1)


def obligations(course: Course, on: date) -> tuple[Obligation, ...]:
    """Every interview obligation of the course on ``on``, with its count, due date and state."""
    if old_rules(course):
        return _old_rules(course, on) + control_obligations(course, on)
    result: list[Obligation] = []
    held_all = _held_by(course, on)
    r4 = in_r4_group(course)
    six = unemployed_months_on(course, on, P.FIRST_PERIOD_MONTHS.on(on))

    if r4:
        due = r4_referral_due(course)
        done = 1 if referred_r4(course, on) else 0
        result.append(
            _obligation(
                course, on, "R4", Organisation.AKASSE, None, 1, done, due, False,  # a referral, not an interview
                reason("R4", N_("Din a-kasse skal senest %(day)s sende dig videre til jobcentret, som har ansvaret for hele dit forløb."), {"day": due}),
            )
        )
        jobcenter_held = [d for d, i in held_all if i.organisation is Organisation.JOBCENTER]
        required = P.R4_JOBCENTER_INTERVIEWS.on(on)
        result.append(
            _obligation(
                course, on, "R9", Organisation.JOBCENTER, InterviewKind.JOBSAMTALE, required,
                _count(jobcenter_held, last=six.day), six.day, six.projected,
                reason("R9", N_("Jobcentret skal holde mindst %(count)s jobsamtaler med dig, inden du har været ledig i %(months)s måneder, senest %(day)s."), {"count": required, "day": six.day, "months": P.FIRST_PERIOD_MONTHS.on(on)}),
                late=_count(jobcenter_held, first=_after(six.day)),
            )
        )
    else:
        akasse_held = [d for d, i in held_all if i.organisation is Organisation.AKASSE and i.kind is InterviewKind.JOBSAMTALE]
        due = shift(course.registered_on, P.FIRST_INTERVIEW_DAYS.on(course.registered_on))
        result.append(
            _obligation(
                course, on, "R6", Organisation.AKASSE, InterviewKind.JOBSAMTALE, 1, min(1, _count(akasse_held, last=due)), due, False,
                reason("R6", N_("Din a-kasse skal holde din første jobsamtale senest %(day)s, %(days)s dage efter du meldte dig ledig."), {"day": due, "days": P.FIRST_INTERVIEW_DAYS.on(course.registered_on)}),
                late=min(1, _count(akasse_held, first=_after(due))),
            )
        )
        end = handover(course, on)
        required = P.AKASSE_INTERVIEWS.on(on)
        # interviews held with the jobcenter in the a-kasse's period count too (lov nr. 727/2023 § 5)
        individual = [(d, i) for d, i in held_all if i.kind is InterviewKind.JOBSAMTALE]
        result.append(
            _obligation(
                course, on, "R7", Organisation.AKASSE, InterviewKind.JOBSAMTALE, required,
                _count([d for d, _ in individual], last=end.day), end.day, end.projected,
                reason("R7", N_("Din a-kasse skal holde mindst %(count)s jobsamtaler med dig, inden jobcentret overtager efter %(day)s."), {"count": required, "day": end.day}),
                # held late: the a-kasse's own, after the hand-over (the jobcenter's then count for R8)
                late=_count([d for d, i in individual if i.organisation is Organisation.AKASSE], first=_after(end.day)),
            )
        )
        required = P.JOBCENTER_INTERVIEWS.on(on)
        jobcenter_held = [d for d, i in held_all if i.organisation is Organisation.JOBCENTER]
        result.append(
            _obligation(
                course, on, "R8", Organisation.JOBCENTER, InterviewKind.JOBSAMTALE, required,
                _count(jobcenter_held, first=shift(end.day, 1), last=six.day), six.day, six.projected or end.projected,
                reason("R8", N_("Jobcentret skal holde mindst %(count)s jobsamtaler med dig, efter det har overtaget, og inden du har været ledig i %(months)s måneder, senest %(day)s."), {"count": required, "day": six.day, "months": P.FIRST_PERIOD_MONTHS.on(on)}),
                late=_count(jobcenter_held, first=_after(max(end.day, six.day))),
            )
        )
    sixteen = unemployed_months_on(course, on, P.INTENSIFIED_INTERVIEW_MONTHS.on(on))
    joint_after_six = [
        d for d, i in held_all if i.organisation is Organisation.JOBCENTER and i.kind is InterviewKind.FAELLESSAMTALE
    ]
    result.append(
        _obligation(
            course, on, "R12", Organisation.JOBCENTER, InterviewKind.FAELLESSAMTALE, 1,
            min(1, _count(joint_after_six, first=shift(six.day, 1), last=sixteen.day)), sixteen.day, sixteen.projected,
            reason("R12", N_("Jobcentret skal holde en fælles jobsamtale med dig om en intensiveret indsats, senest når du har været ledig i %(months)s måneder, forventet %(day)s."), {"day": sixteen.day, "months": P.INTENSIFIED_INTERVIEW_MONTHS.on(on)}),
            late=min(1, _count(joint_after_six, first=_after(max(six.day, sixteen.day)))),
        )
    )
    return tuple(result) + control_obligations(course, on)


def _old_rules(course: Course, on: date) -> tuple[Obligation, ...]:
    """R28: within 6 months, a CV interview, 4 individual jobcenter interviews and 2 joint ones (guidance 15.3).

    The CV interview is its own obligation beside the four, held by the a-kasse (guidance 13.1: STAR supervised
    the a-kasse's CV interviews until the new rules abolished them as a kind of their own). The sources give it
    no deadline of its own, only the 6 months of them all.
    """
    six = unemployed_months_on(course, on, P.FIRST_PERIOD_MONTHS.on(on))
    after = _after(six.day)
    held_all = _held_by(course, on)
    cv = [d for d, i in held_all if i.kind is InterviewKind.CVSAMTALE]
    individual = [d for d, i in held_all if i.organisation is Organisation.JOBCENTER and i.kind is InterviewKind.JOBSAMTALE]
    joint = [d for d, i in held_all if i.kind is InterviewKind.FAELLESSAMTALE]
    n_cv = P.OLD_RULES_CV_INTERVIEWS.on(on)
    n_individual = P.OLD_RULES_JOBCENTER_INTERVIEWS.on(on)
    n_joint = P.OLD_RULES_JOINT_INTERVIEWS.on(on)
    return (
        _obligation(
            course, on, "R28", Organisation.AKASSE, InterviewKind.CVSAMTALE, n_cv,
            _count(cv, last=six.day), six.day, six.projected,
            reason("R28", N_("Efter de gamle regler skal din a-kasse holde en CV-samtale med dig inden for de første %(months)s måneder, senest %(day)s."), {"day": six.day, "months": P.FIRST_PERIOD_MONTHS.on(on)}),
            late=_count(cv, first=after),
        ),
        _obligation(
            course, on, "R28", Organisation.JOBCENTER, InterviewKind.JOBSAMTALE, n_individual,
            _count(individual, last=six.day), six.day, six.projected,
            reason("R28", N_("Efter de gamle regler skal jobcentret holde %(count)s jobsamtaler med dig inden for %(months)s måneder, senest %(day)s."), {"count": n_individual, "day": six.day, "months": P.FIRST_PERIOD_MONTHS.on(on)}),
            late=_count(individual, first=after),
        ),
        _obligation(
            course, on, "R28", Organisation.JOBCENTER, InterviewKind.FAELLESSAMTALE, n_joint,
            _count(joint, last=six.day), six.day, six.projected,
            reason("R28", N_("Efter de gamle regler skal jobcentret holde %(count)s fælles jobsamtaler med dig og din a-kasse inden for %(months)s måneder, senest %(day)s."), {"count": n_joint, "day": six.day, "months": P.FIRST_PERIOD_MONTHS.on(on)}),
            late=_count(joint, first=after),
        ),
    )
