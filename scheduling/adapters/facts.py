"""Rows to facts: build the immutable :class:`scheduling.course.Course` the rules core evaluates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from scheduling.adapters.orm import CitizenRow, CourseRow, DecisionRow, InterviewRow
from scheduling.course import (
    ControlAction,
    Course,
    Decision,
    DecisionKind,
    Exemption,
    HourEntry,
    Interview,
)
from scheduling.slots import COPENHAGEN

_DECISION_KINDS = {kind.value: kind for kind in DecisionKind}


def interview_fact(row: InterviewRow | Any) -> Interview:
    """One interview row as the rules see it."""
    return Interview(
        id=str(row.id),
        kind=row.kind,
        organisation=row.organisation,
        start=row.start_at,
        end=row.end_at,
        format=row.format,
        status=row.status,
        booked_by=row.booked_by,
        akasse_participation=row.akasse_participation,
        format_raised=row.format_raised,
        control_action_id=str(row.control_action_id) if row.control_action_id is not None else None,
        booked_on=row.booked_at,
        rebooked_count=row.rebooked_count,
    )


def _decision_fact(row: DecisionRow | Any) -> Decision | None:
    kind = _DECISION_KINDS.get(row.kind.value)
    if kind is None:  # R26 "not covered" lives on the exemption; a raised format on the interview
        return None
    return Decision(
        kind=kind,
        made_on=row.made_at.astimezone(COPENHAGEN).date(),
        organisation=row.organisation,
        reason=row.assessment,
    )


def course_fact(course: CourseRow, citizen: CitizenRow, *, without_interview: int | None = None) -> Course:
    """The course as facts. ``without_interview`` leaves one interview out (the one being rebooked)."""
    assert course.citizen_id == citizen.id
    return course_from_rows(
        course, citizen.birth_date,
        (citizen.jobcenter.faellessamtale_r10_selvbooking, citizen.jobcenter.faellessamtale_r12_selvbooking),
        hours=course.hours, exemptions=course.exemptions, control_actions=course.control_actions,
        interviews=[
            i for i in sorted(course.interviews, key=lambda i: (i.start_at, i.id)) if i.id != without_interview
        ],
        decisions=course.decisions,
    )


def course_from_rows(
    course: Any,
    birth_date: date,
    joint_interview_settings: tuple[bool, bool],
    *,
    hours: Iterable[Any],
    exemptions: Iterable[Any],
    control_actions: Iterable[Any],
    interviews: Iterable[Any],
    decisions: Iterable[Any],
) -> Course:
    """The course as facts from its rows: ORM rows, or plain result rows with the same column names (a booking
    reads them so, :meth:`scheduling.adapters.repository.Repository.course_facts`). ``interviews`` in the
    course's order (start, id); ``joint_interview_settings``: the jobcenter's R10 and R12 self-booking of joint
    interviews."""
    r10, r12 = joint_interview_settings
    return Course(
        registered_on=course.registered_on,
        placed_on=course.placed_on,
        insurance=course.insurance,
        birth_date=birth_date,
        vocational_qualification=course.vocational_qualification,
        custody_of_children_at_home=course.custody_of_children_at_home,
        hours=tuple(
            HourEntry(h.registered_on, h.period_start, h.period_end, h.hours, h.kind) for h in hours
        ),
        referred_r4_on=course.referred_r4_on,
        exemptions=tuple(
            Exemption(
                id=str(e.id),
                ground=e.ground,
                starts_on=e.starts_on,
                ends_on=e.ends_on,
                event_on=e.event_on,
                not_covered_on=e.not_covered_on,
            )
            for e in exemptions
        ),
        control_actions=tuple(
            ControlAction(id=str(c.id), received_on=c.received_on, stay_abroad=c.stay_abroad)
            for c in control_actions
        ),
        repatriation=course.repatriation,
        old_rules=course.old_rules,
        interviews=tuple(interview_fact(i) for i in interviews),
        decisions=tuple(d for d in (_decision_fact(r) for r in decisions) if d is not None),
        faellessamtale_r10_selvbooking=r10,
        faellessamtale_r12_selvbooking=r12,
    )


