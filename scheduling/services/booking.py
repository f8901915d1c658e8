"""Booking services: free slots, self-booking, calling in, rebooking, cancelling, raising the format, recording.

Each function is one use case: it takes a unit of work, ``now`` (an aware instant; the services never read
the clock) and plain ids and values, asks the rules core (:mod:`scheduling.evaluation`), writes, and commits
once. A refusal is a :class:`~scheduling.services.errors.DomainError` carrying the rules core's reason.

No double booking, ever
=======================
Three things must never happen: a caseworker in two interviews at once, a person in two interviews at once,
and two people getting the same slot. The database guarantees it, not Python memory — without making all
bookings at one jobcenter wait for each other:

1. **Lock the person, claim only the caseworker.** Every booking transaction (self-book, call in, rebook)
   first locks the person's row (``SELECT … FOR UPDATE`` on PostgreSQL: one person's bookings, in many tabs,
   go one at a time), checks that the person is free, and writes the interview. It then claims a caseworker
   of each group: the caseworkers that look free are tried in turn, each in a savepoint; a caseworker the
   database refuses — another booking claimed them first — is rolled back to the savepoint and passed over for
   the next; none left is :class:`SlotTaken`. Bookings of other caseworkers or other times never wait (there
   used to be a lock on every candidate caseworker's row, a median of 42 of 50: one queue per jobcenter).
   On SQLite every write transaction begins with ``BEGIN IMMEDIATE`` (:mod:`scheduling.adapters.db`), which
   takes the database's single write lock up front and serialises all writers; the check of who is free is
   then final.
2. **The constraints decide.** On PostgreSQL the exclusion constraints ``ex_interview_participants_caseworker_
   overlap`` and ``ex_interviews_citizen_overlap`` (btree_gist, migration 0006) refuse two active interviews of
   one caseworker, or of one person, whose times overlap at all; an insert racing another transaction's
   uncommitted claim waits for it and is refused if it commits. Partial unique indexes refuse two active
   interviews of one caseworker or one person at the same start on both databases. A code path that forgot
   the checks still cannot write a double booking; its ``IntegrityError`` becomes :class:`SlotTaken`.

A refused or failed booking rolls back entirely (the unit of work), so nothing is half-written. A transaction the
database breaks off with a serialization failure or a deadlock is run once more from the start
(:func:`~scheduling.services.retry.retried_once` on every writing use case here); a second such fault is
:class:`~scheduling.services.errors.TryAgain`. The tests in
``tests/integration/test_no_double_booking.py`` race 20+ threads and two OS processes for one slot on SQLite
and PostgreSQL and find exactly one interview and SlotTaken for everyone else, and write a double booking
behind the services' back to see the indexes refuse it; ``tests/integration/test_no_overlap_constraint.py``
writes overlapping interviews with different starts and sees PostgreSQL refuse them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol
from uuid import uuid4

from sqlalchemy.exc import IntegrityError

from scheduling.adapters.facts import course_fact, interview_fact
from scheduling.adapters.orm import (
    CaseworkerRow,
    CitizenRow,
    CourseRow,
    DecisionRow,
    InterviewRow,
    OrganisationRow,
)
from scheduling.adapters.repository import (
    Closure,
    CourseFacts,
    is_double_booking,
    timeslot_value,
)
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Course,
    Format,
    Interview,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import (
    CaseworkerAction,
    Evaluation,
    Verdict,
    check_caseworker_action,
    check_citizen_change,
    check_self_booking,
    evaluate,
)
from scheduling.reasons import N_, Reason
from scheduling.rules.catalogue import reason
from scheduling.services import letters, slot_cache, video
from scheduling.services.access import (
    caseworker,
    citizen_for,
    course_of,
    interview_for,
    organisation_of,
    require,
    required_text,
    today,
)
from scheduling.services.audit import Actor, record
from scheduling.services.errors import InvalidInput, NotFound, Refused, SlotTaken, require_dates_in_range
from scheduling.services.messages import send
from scheduling.services.retry import retried_once
from scheduling.slots import (
    COPENHAGEN,
    CaseworkerAvailability,
    Interval,
    SlotSearch,
    free_joint_slot_at,
    free_joint_slots,
    free_slot_at,
    free_slots,
    local_instant,
    participation_fits,
)
from scheduling.slots import Slot as Slot  # re-exported: what find_free_slots returns
from scheduling.vocabulary import AuditAction, AuditObject, MessageKind, RecordKind, record_action

PERSON_BUSY = Reason(
    "SLOT", "", N_("Du har allerede en samtale på det tidspunkt. Vælg en anden tid.")
)
CALLER_BUSY = Reason(
    "SLOT", "", N_("Sagsbehandleren har allerede en samtale på det tidspunkt. Vælg en anden tid.")
)
UNCHANGED = N_(
    "Samtalen ligger allerede på det tidspunkt med den samtaleform. Vælg en anden tid eller en anden samtaleform."
)
NOT_BOOKABLE = reason(
    "R20", N_("Du kan ikke selv booke denne samtale nu.")
)


def change_deadline_reason(deadline: datetime) -> Reason:
    """The organisation's own deadline for rebooking and cancelling (a setting, not a paragraph of the law)."""
    return Reason(
        "FRIST",
        "Organisationens frist for ombooking og aflysning",
        N_("Du kan kun flytte eller aflyse samtalen indtil %(deadline)s. Kontakt os, hvis du ikke kan deltage."),
        {"deadline": deadline.astimezone(letters.COPENHAGEN)},
    )


# ---- read side: free slots ------------------------------------------------------------------------------------

NOT_OFFERED = N_("Vælg en af de ledige tider.")
TOO_SOON = N_(
    "Du kan tidligst booke en tid, der begynder %(earliest)s, så du stadig kan flytte eller aflyse samtalen "
    "bagefter. Vælg en af de ledige tider."
)
CLOSED = N_("Vi har lukket på det tidspunkt. Vælg en af de ledige tider.")
# A slot is offered only so late that the booking can still be changed for a while after it is made: the
# organisation's change deadline plus this margin (a second thought, a mistaken click).
CHANGE_MARGIN = timedelta(minutes=15)


def timeslot_form_reason(agreed: AkasseParticipation | None) -> Reason:
    """R22: the time lies in a timeslot agreed with another form of a-kasse participation than the person chose."""
    if agreed == AkasseParticipation.IN_PERSON:
        message = N_(
            "I dette tidsrum har jobcentret og din a-kasse aftalt, at a-kassen møder op til fælles jobsamtaler. "
            "Du har valgt, at a-kassen deltager på video. Vælg en tid, hvor a-kassen deltager på video, "
            "eller vælg, at a-kassen møder op."
        )
    else:
        message = N_(
            "I dette tidsrum har jobcentret og din a-kasse aftalt, at a-kassen deltager på video i fælles "
            "jobsamtaler. Du har bedt om, at a-kassen møder op. Vælg en tid, hvor a-kassen møder op, "
            "eller vælg, at a-kassen deltager på video."
        )
    return reason("R22", message)


def find_free_slots(
    uow: AbstractUnitOfWork,
    citizen_id: int,
    kind: InterviewKind,
    first_day: date,
    last_day: date,
    now: datetime,
    *,
    akasse_participation: AkasseParticipation | None = None,
    course: Course | None = None,
    evaluation: Evaluation | None = None,
    party: Party | None = None,
) -> list[Slot]:
    """The slots the person may self-book for ``kind`` on the Danish dates ``first_day``..``last_day``.

    Refused (with the rules core's reason) if the person may not self-book this kind now. Only slots the final
    step would accept are offered: each one passes the rules core for its own start (check_self_booking: not
    before a called-in first interview, R19; not with the a-kasse after the hand-over, R1; …), and it begins no
    earlier than the organisation's change deadline (plus :data:`CHANGE_MARGIN`) from ``now``, so that every
    self-booked interview can still be changed after it is booked. A joint interview is offered only inside
    timeslots the person's jobcenter and a-kasse agreed (R22), where a caseworker of each is free, and — when
    ``akasse_participation`` is known — only in timeslots agreed with that form of a-kasse participation.
    Slots overlapping the person's own interviews are left out.

    ``course``: the person's open course as a page has already loaded it in this unit of work
    (:func:`scheduling.services.queries.person_course`); it is then not asked for again. ``evaluation``: the rules
    core's answer about that course today, when the page has it (else evaluated here). ``party``: the person's
    organisations' settings as the page read them with the course (else the person's row is loaded).
    """
    require_dates_in_range(first_day, last_day)
    on = today(now)
    with uow:
        citizen: Party = party if party is not None and course is not None else citizen_for(uow, citizen_id)
        if course is None:
            _, course = course_of(uow, citizen_for(uow, citizen_id))
            evaluation = None  # an evaluation is only taken with the course it is about
        organisation = _bookable_organisation(course, on, kind, evaluation)
        return _offered(uow, citizen, course, organisation, kind, first_day, last_day, now, akasse_participation)


def _bookable_organisation(
    course: Course, on: date, kind: InterviewKind, evaluation: Evaluation | None = None
) -> Organisation:
    """Which organisation holds a self-booked interview of ``kind`` now, as the rules core offers it."""
    if evaluation is None:
        evaluation = evaluate(course, on)
    for option in evaluation.citizen.options:
        if option.kind == kind:
            return option.organisation
    for refusal in evaluation.citizen.refusals:
        if refusal.kind in (kind, None):
            raise Refused(refusal.reason)
    raise Refused(NOT_BOOKABLE)


class Holder(Protocol):
    """An organisation as the slot search needs it (an :class:`OrganisationRow`, or its settings read with the
    person's course: :class:`scheduling.services.queries.HolderSettings`)."""

    @property
    def id(self) -> int: ...
    @property
    def slot_minutes(self) -> int: ...
    @property
    def change_deadline_hours(self) -> int: ...


class Party(Protocol):
    """The person as the slot search needs them (a :class:`CitizenRow`, or
    :class:`scheduling.services.queries.BookingParty`)."""

    @property
    def id(self) -> int: ...
    @property
    def akasse_id(self) -> int: ...
    @property
    def jobcenter_id(self) -> int: ...
    @property
    def akasse(self) -> Holder: ...
    @property
    def jobcenter(self) -> Holder: ...


def earliest_self_booked_start(holder: Holder, now: datetime) -> datetime:
    """The earliest start offered for self-booking: the holder's change deadline and a margin from ``now``."""
    return now + timedelta(hours=holder.change_deadline_hours) + CHANGE_MARGIN


def self_booked_offer_ends(holder: Holder, start: datetime) -> datetime:
    """The moment a free ``start`` stops being offered for self-booking: :func:`earliest_self_booked_start` has
    passed it (a page of free times is true until its first start's)."""
    return start - timedelta(hours=holder.change_deadline_hours) - CHANGE_MARGIN


def _offered(
    uow: AbstractUnitOfWork,
    citizen: Party,
    course: Course,
    organisation: Organisation,
    kind: InterviewKind,
    first_day: date,
    last_day: date,
    now: datetime,
    participation: AkasseParticipation | None,
    exclude_interview: int | None = None,
) -> list[Slot]:
    """The free slots (:func:`_free`) the rules core lets the person book at their start; the person's own
    interviews are those of ``course`` (without ``exclude_interview``), not asked for again."""
    allowed = _rules_allow(course, today(now), kind, organisation, participation)
    own = [
        (i.start, i.end) for i in course.interviews
        if i.status != InterviewStatus.CANCELLED and i.id != str(exclude_interview)
    ]
    found = _free(uow, citizen, organisation, kind, first_day, last_day, now, participation, exclude_interview, own=own)
    return [s for s in found if allowed(s.start)]


def _rules_allow(
    course: Course, on: date, kind: InterviewKind, organisation: Organisation, participation: AkasseParticipation | None
) -> Callable[[datetime], bool]:
    """For a start: would the rules core let the person self-book ``kind`` there in some format (and with
    ``participation``, or some participation while it is not chosen)? Asked once per answer, not per slot.

    The rules' answer for a start depends on its Danish date (responsibility, R1; the 16-month interview, R12)
    and on where it falls among the course's interviews (the first interview, R15/R19; the first jobcenter
    interview, R10) — so slots with the same date and the same place among the interviews share one answer.
    """
    starts = sorted(i.start for i in course.interviews)
    participations = (participation,) if participation is not None else (None, *AkasseParticipation)
    answers: dict[tuple[date, int, int], bool] = {}

    def allowed(start: datetime) -> bool:
        key = (today(start), bisect_left(starts, start), bisect_right(starts, start))
        if key not in answers:
            answers[key] = any(
                check_self_booking(course, on, kind, organisation, format, start, choice).allowed
                for choice in participations
                for format in Format
            )
        return answers[key]

    return allowed


def _free(
    uow: AbstractUnitOfWork,
    citizen: Party,
    organisation: Organisation,
    kind: InterviewKind,
    first_day: date,
    last_day: date,
    now: datetime,
    participation: AkasseParticipation | None = None,
    exclude_interview: int | None = None,
    *,
    grid_only: bool = False,
    own: Sequence[tuple[datetime, datetime]] | None = None,
    at: datetime | None = None,
) -> list[Slot]:
    """Free slots from the earliest self-bookable start, the person's own interviews left out; joint ones only
    in accepted timeslots whose agreed a-kasse participation fits ``participation`` (R22).

    ``grid_only``: every start that would be offered if nobody were absent, busy or booked (what a time chosen
    from the pages can be at all), without leaving out the person's own interviews. ``own``: the person's own
    active interviews when the caller has them already (else they are read). ``at``: only the slot starting
    there, if offered (the final check of a booking): the same answer as the whole days' slots give for that
    start (:func:`~scheduling.slots.free_slot_at`), with only the blocked times overlapping it read.
    """
    holder = citizen.akasse if organisation == Organisation.AKASSE else citizen.jobcenter
    length = timedelta(minutes=holder.slot_minutes)
    repo = uow.repo
    if kind == InterviewKind.FAELLESSAMTALE:  # the timeslots and both organisations' closures in one read
        agreed, closures = repo.joint_timeslots_and_closures(citizen.jobcenter_id, citizen.akasse_id, first_day, last_day)
    elif at is not None:  # the final check of one start: its caseworkers and the closures in one read
        checked, closures = repo.offering_availability_on(
            holder.id, kind, (at, at + length), (first_day, last_day), exclude_interview
        )
    else:
        closures = repo.closed_days([holder.id], first_day, last_day)
    search = SlotSearch(
        length=length, step=length, first_day=first_day, last_day=last_day,
        earliest=earliest_self_booked_start(holder, now), closed=closed_intervals(closures),
    )

    def without_blocked(found: list[CaseworkerAvailability]) -> list[CaseworkerAvailability]:
        return [replace(a, absences=(), busy=(), interviews=()) for a in found] if grid_only else found

    def offering(organisation_id: int, slot: tuple[datetime, datetime]) -> list[CaseworkerAvailability]:
        return without_blocked(repo.offering_availability(organisation_id, kind, slot, exclude_interview))

    timeslots = (
        [value for value in agreed if participation_fits(value.akasse_participation, participation)]
        if kind == InterviewKind.FAELLESSAMTALE
        else []
    )

    def searched(organisations: tuple[int, ...], compute: Callable[[SlotSearch], list[Slot]]) -> list[Slot]:
        """``compute(search)``; the organisations' slots of the days kept between requests when they may be
        (:mod:`~scheduling.services.slot_cache`): computed from the days' start, then cut at the earliest start
        — the same slots, since every slot lies on its window's grid whatever the earliest start. The closures
        (read on every request) are part of the key: a closed day added or removed is a different answer."""
        if grid_only or exclude_interview is not None:
            return compute(search)
        unbounded = replace(search, earliest=datetime.combine(first_day, time(0), COPENHAGEN))
        kept = slot_cache.free_slots(
            uow, organisations, (kind, participation, length, search.closed), first_day, last_day,
            lambda: compute(unbounded),
        )
        return [s for s in kept if s.start >= search.earliest]

    def offering_week(*organisation_ids: int) -> list[list[CaseworkerAvailability]]:
        """The organisations' offering caseworkers with their weeks (one read for both of a joint interview)."""
        found = repo.offering_availability_in(organisation_ids, kind, first_day, last_day, exclude_interview)
        return [without_blocked(each) for each in found]

    def joint(within: SlotSearch) -> list[Slot]:
        jobcenter, akasse = offering_week(citizen.jobcenter_id, citizen.akasse_id)
        return free_joint_slots(jobcenter, akasse, timeslots, within)

    if kind == InterviewKind.FAELLESSAMTALE:
        if at is None:
            found = searched((citizen.jobcenter_id, citizen.akasse_id), joint)
        else:  # the final check of one start: only it, and only what overlaps it
            jc, ak = offering(citizen.jobcenter_id, (at, at + length)), offering(citizen.akasse_id, (at, at + length))
            found = [s for s in (free_joint_slot_at(jc, ak, timeslots, search, at),) if s is not None]
    elif at is None:
        found = searched((holder.id,), lambda within: free_slots(offering_week(holder.id)[0], within))
    else:
        found = [s for s in (free_slot_at(without_blocked(checked), search, at),) if s is not None]
    if grid_only:
        return found
    if own is None:
        own = _own_times(uow, citizen, exclude_interview)
    return [s for s in found if not any(start < s.end and s.start < end for start, end in own)]


def closed_interval(day: date, from_time: time | None, to_time: time | None) -> Interval:
    """The instants of a closure: the whole Danish day, or from ``from_time`` to ``to_time`` on it (a missing one
    is the start or the end of the day)."""
    start = local_instant(day, from_time or time.min)
    end = local_instant(day, to_time, end=True) if to_time is not None else local_instant(day + timedelta(days=1), time.min)
    return Interval(start, end)


def closed_intervals(rows: Sequence[Closure]) -> tuple[Interval, ...]:
    """The organisations' closures as instants, for the slot search (never offered)."""
    return tuple(closed_interval(r.day, r.from_time, r.to_time) for r in rows)


def _own_times(
    uow: AbstractUnitOfWork, citizen: Party, exclude_interview: int | None
) -> list[tuple[datetime, datetime]]:
    """The person's active interviews' times (one query, not the whole course again)."""
    return uow.repo.citizen_busy_times(citizen.id, exclude_interview)


def _slot_at(
    uow: AbstractUnitOfWork,
    citizen: CitizenRow,
    organisation: Organisation,
    kind: InterviewKind,
    start: datetime,
    now: datetime,
    participation: AkasseParticipation | None,
    exclude_interview: int | None = None,
    *,
    own: Sequence[tuple[datetime, datetime]] | None = None,
) -> Slot:
    """The free slot starting at ``start`` (the rules core has already said yes to the booking itself).

    ``own``: the person's active interviews, when the caller has read them after locking the person (else read).

    A time that is never offered — before the earliest self-bookable start, or off the grid of working hours
    and agreed timeslots (09:07, 20:00) — is :class:`InvalidInput`; a joint interview in a timeslot agreed with
    another form of a-kasse participation is refused (R22); a time on the grid that is not free is
    :class:`SlotTaken` (the person's own interview at that time says so).
    """
    day = today(start)
    args = (uow, citizen, organisation, kind, day, day, now)
    for slot in _free(*args, participation, exclude_interview, at=start, own=own):
        if slot.start == start:
            return slot
    earliest = earliest_self_booked_start(organisation_of(citizen, organisation), now)
    if start < earliest:
        raise InvalidInput.because(TOO_SOON, earliest=earliest.astimezone(letters.COPENHAGEN))
    grid = {s.start: s for s in _free(*args, None, exclude_interview, grid_only=True, at=start)}
    if start not in grid:
        if _closed_at(uow, citizen, organisation, kind, start):
            raise InvalidInput.because(CLOSED)
        raise InvalidInput.because(NOT_OFFERED)
    if not any(s.start == start for s in _free(*args, participation, exclude_interview, grid_only=True, at=start)):
        raise Refused(timeslot_form_reason(grid[start].akasse_participation))
    slot_end = grid[start].end
    if any(own_start < slot_end and start < own_end for own_start, own_end in _own_times(uow, citizen, exclude_interview)):
        raise SlotTaken(PERSON_BUSY)
    raise SlotTaken()


def _closed_at(
    uow: AbstractUnitOfWork, citizen: CitizenRow, organisation: Organisation, kind: InterviewKind, start: datetime
) -> bool:
    """Is the organisation (either one, for a joint interview) closed at ``start`` (an organisation setting)?"""
    holder = organisation_of(citizen, organisation)
    ids = [citizen.jobcenter_id, citizen.akasse_id] if kind == InterviewKind.FAELLESSAMTALE else [holder.id]
    day = today(start)
    closures = uow.repo.closed_days(ids, day, day)
    return any(i.start <= start < i.end for i in closed_intervals(closures))


# ---- writing: placing an interview on the caseworkers' and the person's time ----------------------------------


def _claim(
    uow: AbstractUnitOfWork,
    row: InterviewRow,
    groups: Sequence[tuple[Organisation, Sequence[int]]],
    exclude_interview: int | None = None,
    busy_reason: Reason | None = None,
    *,
    checked_free: bool = False,
) -> list[tuple[Organisation, int]]:
    """Claim one free caseworker of each group for the (flushed) interview; SlotTaken if a group has none.

    ``checked_free``: the groups hold only caseworkers this transaction has just found free at the interview's
    time (a booking's final check of the slot), so they are not asked for again: one taken since is refused by
    the database at the claim and passed over like any other (on SQLite the write lock was held all along).

    Only the caseworker who gets the interview is claimed: the ones that look free are tried in turn
    (:meth:`~scheduling.adapters.repository.AbstractRepository.claim_caseworker`), and one the database refuses
    — another booking got them first — is passed over for the next. The turn begins at a place given by the
    person's id, so that many people booking one time begin at different caseworkers instead of all waiting
    for the first (and a person tends to meet the same caseworker again). No two bookings wait for each other
    in a circle: a booking holds at most one claim per group while it waits, and the groups come in a fixed order.
    """
    chosen = []
    for role, ids in groups:
        busy = set() if checked_free else uow.repo.busy_caseworkers(ids, row.start_at, row.end_at, exclude_interview)
        free = [cw for cw in ids if cw not in busy]
        turn = row.citizen_id % len(free) if free else 0  # people booking one time begin at different caseworkers
        claimed = next((cw for cw in free[turn:] + free[:turn] if uow.repo.claim_caseworker(row, cw, role)), None)
        if claimed is None:
            raise SlotTaken(busy_reason)
        chosen.append((role, claimed))
    return chosen


def _require_person_free(
    uow: AbstractUnitOfWork, citizen: CitizenRow, start: datetime, end: datetime, exclude_interview: int | None = None
) -> None:
    """The person (whose row the caller has locked) holds no other active interview overlapping ``[start, end)``."""
    if uow.repo.citizen_has_overlap(citizen.id, start, end, exclude_interview):
        raise SlotTaken(PERSON_BUSY)


def _flush(uow: AbstractUnitOfWork) -> None:
    """Flush; a unique index refusing a double booking becomes SlotTaken (everything is rolled back)."""
    _refusing_double_booking(uow, uow.flush)


def _commit(uow: AbstractUnitOfWork) -> None:
    """Commit; a unique index refusing a double booking becomes SlotTaken (everything is rolled back)."""
    _refusing_double_booking(uow, uow.commit)


def _refusing_double_booking(uow: AbstractUnitOfWork, write: Callable[[], None]) -> None:
    try:
        write()
    except IntegrityError as error:
        uow.rollback()
        if _is_double_booking(error):
            raise SlotTaken() from error
        raise


def _is_double_booking(error: IntegrityError) -> bool:
    return is_double_booking(error)


def _groups_for_slot(
    slot: Slot, organisation: Organisation, participation: AkasseParticipation | None
) -> list[tuple[Organisation, Sequence[int]]]:
    groups: list[tuple[Organisation, Sequence[int]]] = [(organisation, [int(i) for i in slot.caseworker_ids])]
    if slot.akasse_caseworker_ids and participation not in (None, AkasseParticipation.NONE):
        groups.append((Organisation.AKASSE, [int(i) for i in slot.akasse_caseworker_ids]))
    return groups


def _new_interview(
    course_id: int,
    citizen: CitizenRow,
    holder: OrganisationRow,
    kind: InterviewKind,
    start: datetime,
    end: datetime,
    format: Format,
    booked_by: BookedBy,
    participation: AkasseParticipation | None,
    now: datetime,
    *,
    timeslot_id: int | None = None,
    control_action_id: int | None = None,
) -> InterviewRow:
    return InterviewRow(
        uid=f"{uuid4()}@selvbooking",
        sequence=0,
        course_id=course_id,
        citizen_id=citizen.id,
        kind=kind,
        organisation=holder.kind,
        organisation_id=holder.id,
        start_at=start,
        end_at=end,
        format=format,
        status=InterviewStatus.BOOKED,
        booked_by=booked_by,
        akasse_participation=participation,
        format_raised=False,
        timeslot_id=timeslot_id,
        control_action_id=control_action_id,
        booked_at=now,
        changed_at=now,
        rebooked_count=0,
        checklist={},
        video_link=None,  # given once the caseworkers are claimed (video.give_link); set, so reading it costs nothing
        # the rest set too: a row written by uow.insert is as if loaded, and an unset column would be read again
        format_raised_reason=None,
        cancelled_at=None,
        recorded_at=None,
        caseworker_note=None,
    )


def _timeslot_holding(uow: AbstractUnitOfWork, citizen: CitizenRow, start: datetime, end: datetime) -> int | None:
    """The accepted timeslot of the person's jobcenter and a-kasse (R22) that ``[start, end)`` lies in, if any: a
    joint interview called in there belongs to it as a self-booked one does."""
    day = today(start)
    for row in uow.repo.accepted_timeslots(citizen.jobcenter_id, citizen.akasse_id):
        agreed = timeslot_value(row)
        if (
            agreed.applies_on(day)
            and local_instant(day, agreed.start) <= start
            and end <= local_instant(day, agreed.end, end=True)
        ):
            return row.id
    return None


def _expect_booked(
    uow: AbstractUnitOfWork,
    loaded: CourseFacts,
    citizen: CitizenRow,
    row: InterviewRow,
    chosen: Sequence[tuple[Organisation, int]],
) -> None:
    """Tell the unit of work how the course is committed: the facts checked, with the new (flushed and claimed)
    interview among them in the course's order, so that the caseload's read model need not load it again."""
    interviews = sorted((*loaded.course.interviews, interview_fact(row)), key=lambda i: (i.start, int(i.id)))
    uow.expect_course(
        loaded.course_id, citizen, replace(loaded.course, interviews=tuple(interviews)),
        loaded.caseworkers | {cw for _, cw in chosen}, linked=loaded.caseworkers,
    )


def _changed(row: InterviewRow, now: datetime) -> None:
    """Every change to an interview raises its iCalendar SEQUENCE and is its last change (the API's
    ``changed_since``)."""
    row.sequence += 1
    row.changed_at = now


def _require_future(start: datetime, now: datetime) -> None:
    require_dates_in_range(start)
    if start.tzinfo is None:
        raise InvalidInput.because(N_("Vælg en tid fra listen."))
    if start < now:  # a slot starting this very minute is offered (SlotSearch.earliest = now) and may be taken
        raise InvalidInput.because(N_("Tiden er allerede passeret. Vælg en senere tid."))


# ---- the person's use cases -----------------------------------------------------------------------------------


@retried_once
def self_book(
    uow: AbstractUnitOfWork,
    citizen_id: int,
    kind: InterviewKind,
    start: datetime,
    format: Format,
    now: datetime,
    *,
    akasse_participation: AkasseParticipation | None = None,
) -> int:
    """The person books a free slot themselves (R19–R22); returns the new interview's id.

    The rules core decides whether they may (kind, format, a-kasse participation); the slot must be one
    :func:`find_free_slots` would offer (for a joint interview inside an accepted timeslot with a free jobcenter
    and a-kasse caseworker). Raises Refused, SlotTaken, InvalidInput or NotFound.
    """
    on = today(now)
    _require_future(start, now)
    with uow:
        citizen = uow.repo.lock_self_booking_citizen(citizen_id)
        if citizen is None:
            raise NotFound()
        loaded = uow.repo.course_facts(citizen)  # plain rows: the booking changes none of the course's rows
        if loaded is None:
            raise NotFound()
        course = loaded.course
        organisation = _bookable_organisation(course, on, kind)
        require(check_self_booking(course, on, kind, organisation, format, start, akasse_participation))
        # the slot is free for the caseworkers it names and for the person (whose row is locked), read just now; the
        # person's interviews are those of the course read after the lock, unless they have another course
        own = [(i.start, i.end) for i in course.interviews if i.status != InterviewStatus.CANCELLED]
        slot = _slot_at(uow, citizen, organisation, kind, start, now, akasse_participation,
                        own=own if loaded.only_course else None)
        holder = organisation_of(citizen, organisation)
        row = _new_interview(
            loaded.course_id, citizen, holder, kind, slot.start, slot.end, format, BookedBy.SELF, akasse_participation,
            now, timeslot_id=int(slot.timeslot_id) if slot.timeslot_id is not None else None,
        )
        _refusing_double_booking(uow, lambda: uow.insert(row))
        chosen = _claim(uow, row, _groups_for_slot(slot, organisation, akasse_participation), checked_free=True)
        video.give_link(uow, row, chosen)
        _expect_booked(uow, loaded, citizen, row, chosen)
        text = letters.interview_booked(
            kind, holder.name, row.start_at, format, holder.address, citizen.phone, called_in=False
        )
        with uow.repo.appending():  # the message, the notices and the audit line in one statement (PostgreSQL)
            send(uow, citizen.id, MessageKind.BOOKING, text, now, interview_id=row.id, claimed=[cw for _, cw in chosen])
            record(
                uow, now, Actor.citizen(citizen.id), AuditAction.SELF_BOOK, AuditObject.INTERVIEW, row.id,
                citizen_id=citizen.id, kind=kind, start=row.start_at, format=format, caseworkers=[cw for _, cw in chosen],
            )
        _commit(uow)
        return row.id


@retried_once
def rebook(
    uow: AbstractUnitOfWork,
    citizen_id: int,
    interview_id: int,
    new_start: datetime,
    now: datetime,
    *,
    format: Format | None = None,
    akasse_participation: AkasseParticipation | None = None,
) -> None:
    """The person moves their own self-booked interview to another free slot (and may change the format).

    Allowed while the rules core says the person may change it (check_citizen_change) and until the
    organisation's change deadline; the new time and format are checked like a new booking. The interview keeps
    its uid; its sequence and rebook count rise.
    """
    on = today(now)
    _require_future(new_start, now)
    with uow:
        citizen, row = _own_changeable(uow, citizen_id, interview_id, now, lock=True)
        new_format = format or row.format
        participation = akasse_participation if akasse_participation is not None else row.akasse_participation
        if (new_start, new_format, participation) == (row.start_at, row.format, row.akasse_participation):
            raise InvalidInput.because(UNCHANGED)  # a second click on "Flyt": no second move, message or count (R23)
        _, without = course_of(uow, citizen, without_interview=row.id)
        require(check_self_booking(without, on, row.kind, row.organisation, new_format, new_start, participation))
        slot = _slot_at(uow, citizen, row.organisation, row.kind, new_start, now, participation, exclude_interview=row.id)
        _require_person_free(uow, citizen, slot.start, slot.end, exclude_interview=row.id)
        old_start = row.start_at
        row.participants.clear()
        _flush(uow)
        row.start_at, row.end_at, row.format = slot.start, slot.end, new_format
        row.akasse_participation = participation
        row.timeslot_id = int(slot.timeslot_id) if slot.timeslot_id is not None else None
        row.rebooked_count += 1
        row.booked_at = now
        _changed(row, now)
        _flush(uow)
        chosen = _claim(uow, row, _groups_for_slot(slot, row.organisation, participation), exclude_interview=row.id)
        video.give_link(uow, row, chosen)
        send(uow, citizen.id, MessageKind.REBOOKING, letters.interview_rebooked(row.kind, old_start, row.start_at, new_format), now,
             interview_id=row.id)
        record(
            uow, now, Actor.citizen(citizen.id), AuditAction.REBOOK, AuditObject.INTERVIEW, row.id, citizen_id=citizen.id,
            old_start=old_start, start=row.start_at, format=new_format, caseworkers=[cw for _, cw in chosen],
        )
        _commit(uow)


@retried_once
def cancel(uow: AbstractUnitOfWork, citizen_id: int, interview_id: int, now: datetime) -> None:
    """The person cancels their own self-booked interview, until the organisation's change deadline."""
    with uow:
        citizen, row = _own_changeable(uow, citizen_id, interview_id, now, lock=True)
        _cancel_row(row, now)
        send(uow, citizen.id, MessageKind.CANCELLATION, letters.interview_cancelled(row.kind, row.start_at, by_citizen=True), now,
             interview_id=row.id)
        record(uow, now, Actor.citizen(citizen.id), AuditAction.CANCEL, AuditObject.INTERVIEW, row.id, citizen_id=citizen.id,
               start=row.start_at)
        _commit(uow)


def _own_changeable(
    uow: AbstractUnitOfWork, citizen_id: int, interview_id: int, now: datetime, *, lock: bool = False
) -> tuple[CitizenRow, InterviewRow]:
    """The person (locked if ``lock``) and their own booked interview, if they may still rebook or cancel it:
    NotFound for another person's or a no longer booked interview, Refused with the reason otherwise."""
    citizen = citizen_for(uow, citizen_id, lock=lock)
    row = interview_for(uow, interview_id, citizen_id=citizen.id)
    _, course = course_of(uow, citizen)
    if row.status != InterviewStatus.BOOKED:
        raise NotFound()
    require(_change_verdict(course, today(now), row, now))
    return citizen, row


def _change_verdict(course: Course, on: date, row: InterviewRow, now: datetime) -> Verdict:
    """The rules core's answer (check_citizen_change), then the organisation's change deadline."""
    return _fact_change_verdict(course, on, interview_fact(row), row.org.change_deadline_hours, now)


def change_deadline(start: datetime, change_deadline_hours: int) -> datetime:
    """The last moment the person may rebook or cancel an interview at ``start`` themselves (its holder's
    deadline for changes)."""
    return start - timedelta(hours=change_deadline_hours)


def clock_moments(interviews: Iterable[Any], change_deadline_hours: Mapping[int, int]) -> Iterator[datetime]:
    """The moments at which the clock alone changes what a page says of these interviews (anything with ``id``,
    ``start`` and ``end``): each one's change deadline (may it still be moved), start and end (coming or past)."""
    for interview in interviews:
        yield change_deadline(interview.start, change_deadline_hours[interview.id])
        yield interview.start
        yield interview.end


def _fact_change_verdict(
    course: Course, on: date, interview: Interview, change_deadline_hours: int, now: datetime
) -> Verdict:
    verdict = check_citizen_change(course, on, interview, now)
    if not verdict.allowed:
        return verdict
    deadline = change_deadline(interview.start, change_deadline_hours)
    if now > deadline:
        return Verdict(False, change_deadline_reason(deadline))
    return verdict


def course_change_verdicts(
    course: Course, change_deadline_hours: Mapping[int, int], now: datetime
) -> dict[int, Verdict]:
    """:func:`change_verdicts` of a course a page has already loaded: ``change_deadline_hours`` gives the
    deadline of each interview's holder by interview id
    (:attr:`scheduling.services.queries.PersonCourse.change_deadline_hours`)."""
    on = today(now)
    return {
        int(i.id): _fact_change_verdict(course, on, i, change_deadline_hours[int(i.id)], now)
        for i in course.interviews
        if i.status == InterviewStatus.BOOKED
    }


def interview_change_verdict(uow: AbstractUnitOfWork, row: InterviewRow, now: datetime) -> Verdict:
    """May the person rebook or cancel this interview (a row the caller may see) themselves now, and why not:
    the answer :func:`rebook` and :func:`cancel` act on, for the calendar file to say so or not."""
    citizen = citizen_for(uow, row.citizen_id)
    return _change_verdict(course_fact(row.course, citizen), today(now), row, now)


def change_verdicts(uow: AbstractUnitOfWork, citizen_id: int, now: datetime) -> dict[int, Verdict]:
    """For each booked interview of the person's open course: may they rebook or cancel it now, and why not.

    The same answer :func:`rebook` and :func:`cancel` act on, for the pages to show a button or the reason.
    """
    on = today(now)
    with uow:
        citizen = citizen_for(uow, citizen_id)
        course_row, course = course_of(uow, citizen)
        return {
            row.id: _change_verdict(course, on, row, now)
            for row in course_row.interviews
            if row.status == InterviewStatus.BOOKED
        }


def find_rebook_slots(
    uow: AbstractUnitOfWork,
    citizen_id: int,
    interview_id: int,
    first_day: date,
    last_day: date,
    now: datetime,
    *,
    akasse_participation: AkasseParticipation | None = None,
) -> list[Slot]:
    """The slots the person may move their own interview to (its kind and organisation, its own time freed).

    Offered like :func:`find_free_slots`, with the interview itself left out of the course and its a-kasse
    participation (or ``akasse_participation``, if the person changes it) choosing the timeslots (R22).
    Refused with the reason when the person may not change it (called in, format raised, past the deadline);
    NotFound for another person's interview.
    """
    require_dates_in_range(first_day, last_day)
    with uow:
        citizen, row = _own_changeable(uow, citizen_id, interview_id, now)
        _, without = course_of(uow, citizen, without_interview=row.id)
        participation = akasse_participation if akasse_participation is not None else row.akasse_participation
        return _offered(
            uow, citizen, without, row.organisation, row.kind, first_day, last_day, now, participation,
            exclude_interview=row.id,
        )


def _cancel_row(row: InterviewRow, now: datetime) -> None:
    row.status = InterviewStatus.CANCELLED
    row.cancelled_at = now
    row.video_link = None  # cancelling the interview ends its meeting (issue 15)
    for participant in row.participants:
        participant.status = InterviewStatus.CANCELLED
    _changed(row, now)


# ---- the caseworker's use cases -------------------------------------------------------------------------------


@retried_once
def call_in(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    citizen_id: int,
    kind: InterviewKind,
    start: datetime,
    format: Format,
    now: datetime,
    *,
    akasse_participation: AkasseParticipation | None = None,
    control_action_id: int | None = None,
    message: str | None = None,
) -> int:
    """A caseworker calls the person in (indkaldelse) to an interview they hold themselves (R19, R23, R25).

    The rules core decides whether this organisation may call in now and whether the format is allowed (R15).
    For a joint interview with a-kasse participation, a free caseworker of the person's a-kasse who offers joint
    interviews is added; called in inside a timeslot the person's jobcenter and a-kasse agreed (R22), it belongs
    to that timeslot. The person gets the call-in in their inbox, with the caseworker's ``message`` if any.
    Returns the interview id.
    """
    on = today(now)
    _require_future(start, now)
    with uow:
        worker = caseworker(uow, caseworker_id)
        citizen = citizen_for(uow, citizen_id, worker=worker, lock=True)
        course_row, course = course_of(uow, citizen)
        holder = worker.organisation
        if control_action_id is not None and control_action_id not in {c.id for c in course_row.control_actions}:
            raise NotFound()
        end = start + timedelta(minutes=holder.slot_minutes)
        planned = Interview(
            id="ny",
            kind=kind,
            organisation=holder.kind,
            start=start,
            end=end,
            format=format,
            booked_by=BookedBy.CALLED_IN,
            akasse_participation=akasse_participation,
            control_action_id=str(control_action_id) if control_action_id is not None else None,
            booked_on=now,
        )
        require(check_caseworker_action(course, on, holder.kind, CaseworkerAction.CALL_IN, planned, format))
        groups: list[tuple[Organisation, Sequence[int]]] = [(holder.kind, [worker.id])]
        if (
            kind == InterviewKind.FAELLESSAMTALE
            and holder.kind == Organisation.JOBCENTER
            and akasse_participation not in (None, AkasseParticipation.NONE)
        ):
            akasse = [cw.id for cw in uow.repo.caseworkers_offering(citizen.akasse_id, kind)]
            groups.append((Organisation.AKASSE, akasse))
        _require_person_free(uow, citizen, start, end)
        row = _new_interview(
            course_row.id, citizen, holder, kind, start, end, format, BookedBy.CALLED_IN, akasse_participation, now,
            control_action_id=control_action_id,
            timeslot_id=_timeslot_holding(uow, citizen, start, end) if kind == InterviewKind.FAELLESSAMTALE else None,
        )
        uow.repo.add(row)
        _flush(uow)
        chosen = _claim(uow, row, groups, busy_reason=CALLER_BUSY)
        video.give_link(uow, row, chosen)
        text = letters.interview_booked(kind, holder.name, start, format, holder.address, citizen.phone, called_in=True,
                                        note=message, sender=worker.name)
        send(uow, citizen.id, MessageKind.CALL_IN, text, now, interview_id=row.id, claimed=[cw for _, cw in chosen])
        record(
            uow, now, Actor.caseworker(worker.id), AuditAction.CALL_IN, AuditObject.INTERVIEW, row.id, citizen_id=citizen.id,
            kind=kind, start=start, format=format, caseworkers=[cw for _, cw in chosen],
            control_action_id=control_action_id,
        )
        _commit(uow)
        return row.id


@retried_once
def cancel_by_caseworker(
    uow: AbstractUnitOfWork, caseworker_id: int, interview_id: int, reason: str, now: datetime
) -> None:
    """The holding organisation cancels a booked interview, with a reason; the person is told."""
    why = required_text(reason, N_("Skriv, hvorfor samtalen aflyses."))
    with uow:
        worker = caseworker(uow, caseworker_id)
        row = interview_for(uow, interview_id, worker=worker)
        citizen_for(uow, row.citizen_id, worker=worker, lock=True)
        if row.status != InterviewStatus.BOOKED or row.organisation_id != worker.organisation_id:
            raise NotFound()
        _cancel_row(row, now)
        send(uow, row.citizen_id, MessageKind.CANCELLATION, letters.interview_cancelled(row.kind, row.start_at, by_citizen=False, reason=why),
             now, interview_id=row.id)
        record(uow, now, Actor.caseworker(worker.id), AuditAction.CANCEL, AuditObject.INTERVIEW, row.id, citizen_id=row.citizen_id,
               why=why, start=row.start_at)
        _commit(uow)


MOVE_UNCHANGED = N_(
    "Samtalen ligger allerede på det tidspunkt hos den sagsbehandler. Vælg en anden tid eller en anden sagsbehandler."
)


@retried_once
def move_by_caseworker(
    uow: AbstractUnitOfWork, caseworker_id: int, interview_id: int, new_start: datetime, now: datetime
) -> None:
    """The holding organisation moves a booked interview to another time, or to another of its caseworkers.

    The caseworker ``caseworker_id`` holds it from then on, at ``new_start`` (the interview keeps its length):
    they must be free then, and so must the person; for a joint interview with a-kasse participation a free
    caseworker of the person's a-kasse who offers joint interviews is claimed again. The rules core checks the
    new time as a call-in (R1, R15, R25, R26) on the course without the interview. The person is told; the
    interview keeps its uid, its sequence rises. Not counted as the person's own rebooking (R23's signal).
    Raises NotFound (not a booked interview the caseworker's organisation holds for a person it serves),
    Refused, SlotTaken or InvalidInput.
    """
    on = today(now)
    _require_future(new_start, now)
    with uow:
        worker = caseworker(uow, caseworker_id)
        row = interview_for(uow, interview_id, worker=worker)
        citizen = citizen_for(uow, row.citizen_id, worker=worker, lock=True)
        if row.status != InterviewStatus.BOOKED or row.organisation_id != worker.organisation_id:
            raise NotFound()
        if new_start == row.start_at and worker.id in row.caseworker_ids:
            raise InvalidInput.because(MOVE_UNCHANGED)
        end = new_start + (row.end_at - row.start_at)
        _, without = course_of(uow, citizen, without_interview=row.id)
        planned = replace(interview_fact(row), start=new_start, end=end, booked_on=now)
        require(check_caseworker_action(
            without, on, worker.organisation.kind, CaseworkerAction.CALL_IN, planned, row.format
        ))
        groups: list[tuple[Organisation, Sequence[int]]] = [(worker.organisation.kind, [worker.id])]
        if row.organisation == Organisation.JOBCENTER and row.akasse_participation not in (None, AkasseParticipation.NONE):
            groups.append((Organisation.AKASSE, [cw.id for cw in uow.repo.caseworkers_offering(citizen.akasse_id, row.kind)]))
        _require_person_free(uow, citizen, new_start, end, exclude_interview=row.id)
        old_start = row.start_at
        row.participants.clear()
        _flush(uow)
        row.start_at, row.end_at, row.booked_at = new_start, end, now
        if row.kind == InterviewKind.FAELLESSAMTALE:
            row.timeslot_id = _timeslot_holding(uow, citizen, new_start, end)
        _changed(row, now)
        _flush(uow)
        chosen = _claim(uow, row, groups, exclude_interview=row.id, busy_reason=CALLER_BUSY)
        video.give_link(uow, row, chosen)
        send(uow, citizen.id, MessageKind.REBOOKING, letters.interview_rebooked(row.kind, old_start, new_start, row.format),
             now, interview_id=row.id)
        record(
            uow, now, Actor.caseworker(worker.id), AuditAction.REBOOK, AuditObject.INTERVIEW, row.id,
            citizen_id=citizen.id, old_start=old_start, start=new_start, caseworkers=[cw for _, cw in chosen],
        )
        _commit(uow)


def _booked_for_caseworker(
    uow: AbstractUnitOfWork, caseworker_id: int, interview_id: int
) -> tuple[CaseworkerRow, InterviewRow, CitizenRow, CourseRow, Course]:
    """A booked interview of a person the caseworker's organisation serves, with the caseworker, the person
    (locked) and their open course as rows and facts; NotFound otherwise. Whether the rules core allows the
    action is the caller's question."""
    worker = caseworker(uow, caseworker_id)
    row = interview_for(uow, interview_id, worker=worker)
    citizen = citizen_for(uow, row.citizen_id, worker=worker, lock=True)
    course_row, course = course_of(uow, citizen)
    if row.status != InterviewStatus.BOOKED:
        raise NotFound()
    return worker, row, citizen, course_row, course


@retried_once
def raise_format_to_in_person(
    uow: AbstractUnitOfWork, caseworker_id: int, interview_id: int, reason: str, now: datetime
) -> int:
    """The responsible organisation decides, after a concrete assessment, that an interview is held in person (R17).

    Not an afgørelse, but the reason is required, recorded as a decision and sent to the person. Returns the
    decision's id.
    """
    why = required_text(reason, N_("Skriv den konkrete begrundelse for, at samtalen skal holdes ved personligt fremmøde."))
    on = today(now)
    with uow:
        worker, row, citizen, course_row, course = _booked_for_caseworker(uow, caseworker_id, interview_id)
        require(
            check_caseworker_action(
                course, on, worker.organisation.kind, CaseworkerAction.RAISE_FORMAT, interview_fact(row),
                Format.PERSONLIGT,
            )
        )
        row.format = Format.PERSONLIGT
        row.video_link = None  # no longer a video interview (issue 15)
        row.format_raised = True
        row.format_raised_reason = why
        _changed(row, now)
        decision = DecisionRow(
            course_id=course_row.id, kind=RecordKind.FORMAT_RAISED, organisation=worker.organisation.kind,
            organisation_id=worker.organisation_id, made_by_id=worker.id, made_at=now, assessment=why,
            is_afgoerelse=False, interview_id=row.id,
        )
        uow.repo.add(decision)
        uow.flush()
        send(uow, citizen.id, MessageKind.FORMAT_RAISED, letters.format_raised(row.kind, row.start_at, why, row.org.address), now,
             interview_id=row.id, decision_id=decision.id)
        record(uow, now, Actor.caseworker(worker.id), AuditAction.RAISE_FORMAT, AuditObject.INTERVIEW, row.id, citizen_id=citizen.id,
               why=why, decision_id=decision.id)
        _commit(uow)
        return decision.id


@retried_once
def record_interview(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    interview_id: int,
    held: bool,
    now: datetime,
    *,
    checklist: Mapping[str, bool] | None = None,
    note: str | None = None,
) -> None:
    """Record an interview as held or missed, with the checklist that applied (R13 repatriation guidance;
    R14 Min Plan, joblog and CV at the first a-kasse interview). ``note`` is the caseworker's own."""
    on = today(now)
    with uow:
        worker, row, citizen, _, course = _booked_for_caseworker(uow, caseworker_id, interview_id)
        if row.start_at > now:
            raise InvalidInput.because(N_("Samtalen kan først registreres, når den er begyndt."))
        require(
            check_caseworker_action(
                course, on, worker.organisation.kind, CaseworkerAction.RECORD_INTERVIEW, interview_fact(row)
            )
        )
        status = InterviewStatus.HELD if held else InterviewStatus.MISSED
        row.status = status
        for participant in row.participants:
            participant.status = status
        row.recorded_at = now
        row.checklist = {str(k): bool(v) for k, v in (checklist or {}).items()}
        if note is not None:
            row.caseworker_note = note
        _changed(row, now)
        record(uow, now, Actor.caseworker(worker.id), record_action(held), AuditObject.INTERVIEW, row.id,
               citizen_id=citizen.id, checklist=row.checklist)
        _commit(uow)


__all__ = [
    "Slot",
    "call_in",
    "cancel",
    "cancel_by_caseworker",
    "change_deadline",
    "change_deadline_reason",
    "change_verdicts",
    "clock_moments",
    "course_change_verdicts",
    "earliest_self_booked_start",
    "find_free_slots",
    "find_rebook_slots",
    "interview_change_verdict",
    "move_by_caseworker",
    "raise_format_to_in_person",
    "rebook",
    "record_interview",
    "self_book",
    "self_booked_offer_ends",
]
