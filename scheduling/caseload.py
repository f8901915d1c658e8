"""A course's line in the caseload, from the rules core's evaluation on a day: pure, no database, no clock.

The caseload page and its read model (``caseload_status``, kept by :mod:`scheduling.adapters.caseload`) use
this one function, so the list shows exactly what a fresh :func:`scheduling.evaluation.evaluate` says: who is
responsible (R1–R4), the responsible organisation's next deadline and its rule, how many of its obligations are
overdue and how many were held late (*holdt for sent*, issue 12), whether the person books themselves, is revoked or exempt, the R23 signals and the book-by day the
person let pass without booking (issue 3).

Reasons are stored as JSON (:func:`reason_data` / :func:`reason_from_data`), their parameters typed so that a
date reads back as a date and the page formats it in the reader's language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from scheduling.course import Course, DecisionKind, InterviewKind, InterviewStatus, Organisation
from scheduling.evaluation import Evaluation, ObligationState, evaluate
from scheduling.reasons import ParamValue, Reason
from scheduling.rules.facts import exemption_in_force, self_booking_block

_OPEN = (ObligationState.OPEN, ObligationState.DUE_SOON, ObligationState.OVERDUE)
NO_DEADLINE = date(9999, 12, 31)  # sorts after every real deadline (the caseload's "no open deadline")


class CaseloadState(StrEnum):
    """The most urgent state of the responsible organisation's open obligations."""

    OVERDUE = "overskredet"
    DUE_SOON = "snart"
    OPEN = "aaben"
    NONE = "ingen"


def book_by(due: date, book_by_days: int) -> date:
    """The day by which the person must have booked an interview that must be held by ``due``: the
    organisation's ``book_by_days`` (at least 8) before it, as on Jobnet."""
    return due - timedelta(days=max(book_by_days, 8))


@dataclass(frozen=True)
class BookByDeadline:
    """Book an interview of ``kind`` with ``organisation`` by ``book_by`` (it must be held by ``due``)."""

    rule: str  # the obligation's rule, e.g. "R7"
    kind: InterviewKind
    organisation: Organisation
    due: date
    book_by: date
    passed: bool  # the book-by day is behind us and nothing is booked


def book_by_deadlines(
    course: Course, evaluation: Evaluation, book_by_days: Mapping[Organisation, int]
) -> tuple[BookByDeadline, ...]:
    """The book-by day of each open obligation the person may self-book now and has nothing booked for.

    ``book_by_days`` gives each organisation's setting; an organisation left out is passed over (the caseload
    asks only about the responsible organisation's own). A booked interview counts when it has the obligation's
    organisation and kind."""
    offered = {(o.kind, o.organisation) for o in evaluation.citizen.options}
    booked = {(i.kind, i.organisation) for i in course.interviews if i.status == InterviewStatus.BOOKED}
    deadlines = []
    for obligation in evaluation.obligations:
        key = (obligation.kind, obligation.organisation)
        if (
            obligation.due is None
            or obligation.kind is None  # not an interview to book (the a-kasse's R4 referral)
            or obligation.state not in _OPEN
            or obligation.organisation not in book_by_days
            or key not in offered
            or key in booked
        ):
            continue
        day = book_by(obligation.due, book_by_days[obligation.organisation])
        deadlines.append(
            BookByDeadline(obligation.rule, obligation.kind, obligation.organisation, obligation.due, day,
                           evaluation.on > day)
        )
    return tuple(deadlines)


@dataclass(frozen=True)
class CourseStatus:
    """What the caseload shows of one course on ``on``, for the organisation responsible that day."""

    on: date
    responsible: Organisation
    next_due: date | None
    next_rule: str | None
    next_kind: InterviewKind | None
    next_reason: Reason | None
    next_projected: bool
    overdue: int  # how many of the responsible organisation's obligations are overdue
    state: CaseloadState
    may_self_book: bool
    revoked: bool  # self-booking revoked (R22)
    exempt_self_booking: bool  # exempted from self-booking
    exempt: bool  # an exemption (less intensive effort) in force
    book_by_due: date | None  # the earliest due date of an obligation the person should book and has not
    signals: tuple[Reason, ...]  # R23 booking patterns, for the caseworker's assessment
    held_late: int = 0  # how many of the responsible organisation's obligations were held late (issue 12)

    @property
    def urgency(self) -> int:
        """0 for a person with an overdue deadline, else 1: the caseload's first sort key."""
        return 0 if self.overdue else 1

    @property
    def sort_due(self) -> date:
        return self.next_due or NO_DEADLINE

    def missed_book_by(self, book_by_days: int, today: date) -> date | None:
        """The earliest book-by day (with the responsible organisation's ``book_by_days``) that passed before
        ``today`` with nothing booked: a signal for the caseworker, not an action."""
        return missed_book_by(self.book_by_due, book_by_days, today)


def missed_book_by(book_by_due: date | None, book_by_days: int, today: date) -> date | None:
    """The book-by day of the earliest due date the person should have booked for, if it passed before ``today``.

    The same as the earliest passed day of :func:`book_by_deadlines`: the book-by day rises with the due date,
    so if any passed, the earliest did. The read model stores only the due date, so that an organisation
    changing its ``book_by_days`` changes the signal at once without recomputing its courses."""
    if book_by_due is None:
        return None
    day = book_by(book_by_due, book_by_days)
    return day if today > day else None


def course_status(course: Course, on: date) -> CourseStatus:
    """The course's caseload line on ``on``: everything from :func:`evaluate`, for the organisation the rules
    core makes responsible that day."""
    evaluation = evaluate(course, on)
    organisation = evaluation.responsibility.organisation
    deadlines = book_by_deadlines(course, evaluation, {organisation: 8})
    mine = [
        o for o in evaluation.obligations
        if o.organisation == organisation and o.due is not None and o.state in _OPEN
    ]
    nxt = min(mine, key=lambda o: (o.state != ObligationState.OVERDUE, o.due), default=None)
    overdue = sum(1 for o in mine if o.state == ObligationState.OVERDUE)
    if overdue:
        state = CaseloadState.OVERDUE
    elif any(o.state == ObligationState.DUE_SOON for o in mine):
        state = CaseloadState.DUE_SOON
    else:
        state = CaseloadState.OPEN if mine else CaseloadState.NONE
    block = self_booking_block(course, on)
    return CourseStatus(
        on=on,
        responsible=organisation,
        next_due=nxt.due if nxt else None,
        next_rule=nxt.rule if nxt else None,
        next_kind=nxt.kind if nxt else None,
        next_reason=nxt.reason if nxt else None,
        next_projected=nxt.due_projected if nxt else False,
        overdue=overdue,
        state=state,
        may_self_book=evaluation.citizen.may_self_book,
        revoked=block is DecisionKind.REVOKE_SELF_BOOKING,
        exempt_self_booking=block is DecisionKind.EXEMPT_FROM_SELF_BOOKING,
        exempt=exemption_in_force(course, on) is not None,
        book_by_due=min((d.due for d in deadlines), default=None),
        signals=tuple(s.reason for s in evaluation.signals),
        held_late=sum(
            1 for o in evaluation.obligations
            if o.organisation == organisation and o.state == ObligationState.HELD_LATE
        ),
    )


# ---- reasons as JSON --------------------------------------------------------------------------------------------


def _param_data(value: ParamValue) -> list[Any]:
    if isinstance(value, datetime):
        return ["datetime", value.isoformat()]
    if isinstance(value, date):
        return ["date", value.isoformat()]
    if isinstance(value, Decimal):
        return ["decimal", str(value)]
    if isinstance(value, bool):
        return ["str", str(value)]
    if isinstance(value, int):
        return ["int", value]
    if isinstance(value, float):
        return ["float", value]
    return ["str", str(value)]


def _param_value(data: list[Any]) -> ParamValue:
    kind, raw = data
    match kind:
        case "datetime":
            return datetime.fromisoformat(raw)
        case "date":
            return date.fromisoformat(raw)
        case "decimal":
            return Decimal(raw)
        case "int":
            return int(raw)
        case "float":
            return float(raw)
    return str(raw)


def reason_data(reason: Reason) -> dict[str, Any]:
    """A reason as JSON-ready data that :func:`reason_from_data` turns back into an equal :class:`Reason`."""
    return {
        "rule": reason.rule, "basis": reason.basis, "message": reason.message,
        "params": {key: _param_data(value) for key, value in reason.params.items()},
    }


def reason_from_data(data: Mapping[str, Any]) -> Reason:
    return Reason(
        data["rule"], data["basis"], data["message"],
        {key: _param_value(value) for key, value in data["params"].items()},
    )


# ---- searching the caseload -------------------------------------------------------------------------------------

NAME_KEY_LENGTH = 200  # the read model's ``name_key`` column


def _words(text: str) -> list[str]:
    """The words of ``text`` in lower case (composed: "å" typed as "a" and a ring is "å"); anything but a letter
    or a digit separates words, so a hyphen, a dot or a wildcard is never part of one."""
    return re.split(r"[\W_]+", unicodedata.normalize("NFC", text).lower(), flags=re.UNICODE)


def name_key(name: str) -> str:
    """The name as the search reads it: its words in lower case, each after a space (" mikkel hansen"), so that
    ``LIKE '% han%'`` finds a word that begins with "han" wherever it stands in the name."""
    return "".join(f" {w}" for w in _words(name) if w)[:NAME_KEY_LENGTH]


class SearchProblem(StrEnum):
    """Why a search text finds nobody: the page asks for it again in words the caseworker can act on."""

    CPR_DIGITS = "cpr-cifre"  # digits only, but neither a whole CPR number (10) nor its birth date (6)
    NAME_AND_DIGITS = "navn-og-cifre"  # letters and digits together
    NOTHING_TO_FIND = "intet"  # neither letters nor digits (only signs such as "%" or "-")


@dataclass(frozen=True)
class CaseloadSearch:
    """What one search field asks for: people whose name has a word beginning with each of ``words``; the
    person with the CPR number ``cpr``; the people born on ``born`` (ddmmyy, the CPR number's first six digits);
    or, with a ``problem``, nobody."""

    words: tuple[str, ...] = ()
    cpr: str | None = None
    born: str | None = None
    problem: SearchProblem | None = None

    @property
    def active(self) -> bool:
        """Something was typed: the list is narrowed (to nobody, when there is a problem)."""
        return bool(self.words or self.cpr or self.born or self.problem)


CPR_DIGITS = 10
BIRTH_DATE_DIGITS = 6


def caseload_search(text: str) -> CaseloadSearch:
    """Read a caseworker's search: parts of a name in any case and order ("mik han" finds Mikkel Hansen), a
    whole CPR number with or without its hyphen ("010190-1234"; other signs and spaces between the digits are
    left out), or its first six digits, the birth date. Digits of any other count, digits mixed with letters, or
    only signs are a :class:`SearchProblem`."""
    if not text.strip():
        return CaseloadSearch()
    if any(c.isdigit() for c in text):
        if any(c.isalpha() for c in text):
            return CaseloadSearch(problem=SearchProblem.NAME_AND_DIGITS)
        digits = "".join(c for c in text if c.isdigit())
        if not digits.isascii() or len(digits) not in (CPR_DIGITS, BIRTH_DATE_DIGITS):
            return CaseloadSearch(problem=SearchProblem.CPR_DIGITS)
        return CaseloadSearch(cpr=digits) if len(digits) == CPR_DIGITS else CaseloadSearch(born=digits)
    words = tuple(w for w in _words(text) if w)
    return CaseloadSearch(words=words) if words else CaseloadSearch(problem=SearchProblem.NOTHING_TO_FIND)
