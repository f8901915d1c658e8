"""Control actions (R25): call in at once, hold within 7 days; a stay abroad starts a 14-day series.

The organisation responsible when the message arrives calls the person in; for a stay abroad the series goes
on every 14 days until 3 months after its first interview, carried on by the jobcenter after the hand-over,
and the person gets an offer within 2 weeks after that first interview (LAB § 38, stk. 1 og 2).
"""

from __future__ import annotations

from datetime import date

from scheduling import parameters as P
from scheduling.course import ControlAction, Course, Interview, InterviewKind, InterviewStatus
from scheduling.evaluation import Obligation
from scheduling.reasons import N_, Reason
from scheduling.rules.catalogue import reason
from scheduling.rules.facts import add_months, local_date, shift


def answering(course: Course, action: ControlAction, on: date) -> list[Interview]:
    """Held interviews registered as answering this control action, held by ``on``, earliest first."""
    return sorted(
        (
            i
            for i in course.interviews
            if i.control_action_id == action.id and i.status is InterviewStatus.HELD and local_date(i.start) <= on
        ),
        key=lambda i: i.start,
    )


def call_in_due(action: ControlAction) -> date:
    """The interview must be held within 1 week of receiving the message."""
    return shift(action.received_on, P.CONTROL_ACTION_DAYS.on(action.received_on))


def series_end(action: ControlAction, first: date) -> date:
    """A stay-abroad series runs until 3 months after its first interview."""
    return add_months(first, P.STAY_ABROAD_SERIES_MONTHS.on(action.received_on))


def series_dates(action: ControlAction, first: date) -> list[date]:
    """The latest days of the series' interviews if each is held exactly 14 days after the last."""
    step = P.STAY_ABROAD_INTERVAL_DAYS.on(action.received_on)
    end, days, day = series_end(action, first), [first], shift(first, step)
    while days[-1] < day <= end:  # a series at the end of the calendar stops there
        days.append(day)
        day = shift(day, step)
    return days


def offer_due(action: ControlAction, first: date) -> date:
    """The person gets an offer within 2 weeks after the first interview answering the control action."""
    return shift(first, P.CONTROL_ACTION_OFFER_DAYS.on(action.received_on))


def control_obligations(course: Course, on: date) -> tuple[Obligation, ...]:
    """One obligation per control action received by ``on``, and one for each stay-abroad series."""
    from scheduling.rules.obligations import state_of
    from scheduling.rules.responsibility import responsible_on

    result: list[Obligation] = []
    for action in sorted(course.control_actions, key=lambda a: a.received_on):
        if action.received_on > on:
            continue
        held = answering(course, action, on)
        due = call_in_due(action)
        organisation = responsible_on(course, on, action.received_on)
        on_time = min(1, sum(1 for i in held if local_date(i.start) <= due))
        late = 1 - on_time if held else 0  # held, but only after the week (issue 12: holdt for sent)
        result.append(
            Obligation(
                "R25", organisation, InterviewKind.JOBSAMTALE, 1, on_time, due, False,
                state_of(course, on, 1, on_time, due, late),
                reason("R25", N_("Der er tvivl om, om du står til rådighed for et job. Du bliver indkaldt til en samtale, som skal holdes senest %(day)s."), {"day": due}, part="stk1"),
                late,
            )
        )
        if not action.stay_abroad or not held:
            continue
        # the series runs from the first interview held, late or not ("indtil 3 måneder efter første jobsamtale")
        first = local_date(held[0].start)
        planned = series_dates(action, first)
        step = P.STAY_ABROAD_INTERVAL_DAYS.on(action.received_on)
        end = series_end(action, first)
        next_due = min(shift(local_date(held[-1].start), step), end)
        # each one is due 14 days after the one before was held ("hver 14. dag"), at the latest by the end
        late = sum(
            1 for before, after in zip(held, held[1:], strict=False)
            if local_date(after.start) > min(shift(local_date(before.start), step), end)
        )
        organisation = responsible_on(course, on, next_due)
        on_time = len(held) - late
        result.append(
            Obligation(
                "R25", organisation, InterviewKind.JOBSAMTALE, len(planned), on_time, next_due, False,
                state_of(course, on, len(planned), on_time, next_due, late),
                reason("R25", N_("På grund af et ophold i udlandet skal du til samtale hver %(days)s. dag indtil %(end)s. Den næste skal holdes senest %(day)s."), {"day": next_due, "end": series_end(action, first), "days": step}, part="stk2"),
                min(late, max(0, len(planned) - on_time)),
            )
        )
    return tuple(result)


def control_notices(course: Course, on: date) -> tuple[Reason, ...]:
    """The offer due within 2 weeks after a control action's first interview (the a-kasse asks the jobcenter).

    Every control action that raises doubt about the general availability, not only a stay abroad (guidance
    section 6, "Tilbud i forbindelse med kontrolaktioner"; LAB § 38, stk. 2)."""
    notices: list[Reason] = []
    for action in course.control_actions:
        held = answering(course, action, on) if action.received_on <= on else []
        if held:
            due = offer_due(action, local_date(held[0].start))
            notices.append(
                reason("R25", N_("Du skal have et tilbud om aktivering senest %(day)s."), {"day": due}, part="stk2")
            )
    return tuple(notices)
