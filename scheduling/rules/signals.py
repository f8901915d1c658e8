"""Booking-pattern signals for a caseworker's concrete assessment under R23 (LAB § 35).

A signal is never a decision: revoking the right to self-book is always a person's concrete assessment. The
thresholds are Selvbooking's own choice (see :mod:`scheduling.parameters`).
"""

from __future__ import annotations

from datetime import date, timedelta

from scheduling import parameters as P
from scheduling.course import BookedBy, Course, InterviewStatus
from scheduling.evaluation import Signal
from scheduling.reasons import N_
from scheduling.rules.catalogue import reason
from scheduling.rules.facts import is_job_interview, lapsed_revocation, local_date, shift


def signals(course: Course, on: date) -> tuple[Signal, ...]:
    """Patterns worth a caseworker's look on ``on``: many open bookings, bookings close together, rebooking."""
    own = sorted(
        (i for i in course.interviews if i.booked_by is BookedBy.SELF and is_job_interview(i)),
        key=lambda i: i.start,
    )
    result: list[Signal] = []

    open_bookings = [i for i in own if i.status is InterviewStatus.BOOKED and local_date(i.start) >= on]
    threshold = P.SIGNAL_OPEN_BOOKINGS.on(on)
    if len(open_bookings) > threshold:
        result.append(
            Signal(
                "beyond_agreed", len(open_bookings), threshold,
                reason("R23", N_("Personen har %(count)s kommende selvbookede samtaler, flere end de %(threshold)s, der normalt er aftalt."), {"count": len(open_bookings), "threshold": threshold}),
            )
        )

    live = [i for i in own if i.status in (InterviewStatus.BOOKED, InterviewStatus.HELD)]
    gap = timedelta(days=P.SIGNAL_CLOSE_TOGETHER_DAYS.on(on))
    pairs = sum(1 for a, b in zip(live, live[1:], strict=False) if b.start - a.start < gap)
    threshold = P.SIGNAL_CLOSE_TOGETHER_PAIRS.on(on)
    if pairs >= threshold:
        result.append(
            Signal(
                "close_together", pairs, threshold,
                reason("R23", N_("Personen har booket %(count)s samtaler tæt på hinanden (under %(days)s dage imellem)."), {"count": pairs, "days": gap.days}),
            )
        )

    window_start = shift(on, -P.SIGNAL_REBOOKING_WINDOW_DAYS.on(on))
    recent = [i for i in own if i.booked_on is not None and window_start <= local_date(i.booked_on) <= on]
    changes = sum(i.rebooked_count for i in recent) + sum(1 for i in recent if i.status is InterviewStatus.CANCELLED)
    threshold = P.SIGNAL_REBOOKINGS.on(on)
    if changes >= threshold:
        result.append(
            Signal(
                "frequent_rebooking", changes, threshold,
                reason("R23", N_("Personen har flyttet eller aflyst samtaler %(count)s gange de seneste %(days)s dage."), {"count": changes, "days": (on - window_start).days}),
            )
        )
    earlier = lapsed_revocation(course, on)
    if earlier is not None:
        # not a booking pattern: the a-kasse's decision no longer governs, the jobcenter assesses for itself
        message = (
            N_("A-kassen fratog personen retten til selvbooking den %(day)s med begrundelsen: %(reason)s. Afgørelsen gælder ikke jobcentrets samtaler, så personen kan nu selv booke. Vurder selv, om retten skal fratages.")
            if earlier.reason
            else N_("A-kassen fratog personen retten til selvbooking den %(day)s. Afgørelsen gælder ikke jobcentrets samtaler, så personen kan nu selv booke. Vurder selv, om retten skal fratages.")
        )
        params: dict[str, date | str] = {"day": earlier.made_on}
        if earlier.reason:
            params["reason"] = earlier.reason
        result.append(Signal("earlier_revocation", 1, 1, reason("R23", message, params)))
    return tuple(result)
