"""Safe changes (issue 14): an absence or new working hours that hit booked interviews are saved only together
with a choice for each of them — moved to a free colleague of the same organisation at the same time, cancelled
with a reason the person is told, or (new working hours only) kept — all in the caller's one transaction.

:func:`settle` is called by :func:`scheduling.services.availability.add_absence` and
:func:`~scheduling.services.availability.set_working_hours` inside their unit of work, before they commit; the
rules (which interviews are hit, who is a free colleague, whether every interview has a usable choice) are
:mod:`scheduling.safe_changes`. A change that hits interviews without a choice for each raises
:class:`ChoicesNeeded`, which carries what the confirmation step shows; nothing is written.

No double booking: a move deletes the absent caseworker's participation and claims the colleague with
:meth:`~scheduling.adapters.repository.AbstractRepository.claim_caseworker`, the same claim a booking makes, so
the database's constraints refuse a colleague booked a moment ago by another transaction; the colleague's
absences, busy times and working hours are read again in this transaction. Any refusal rolls the whole change
back (the absence or the hours, every move and every cancellation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from scheduling import safe_changes as rules
from scheduling.adapters.orm import CaseworkerRow, InterviewRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import Format, InterviewKind, Organisation
from scheduling.evaluation import evaluate
from scheduling.reasons import N_, Reason
from scheduling.services import letters, video
from scheduling.services.access import caseworker, citizen_for, course_of, today
from scheduling.services.audit import Actor, record
from scheduling.services.booking import _cancel_row, _changed, _flush
from scheduling.services.errors import DomainError, InvalidInput, SlotTaken
from scheduling.services.messages import send
from scheduling.slots import Interval, WorkingHours
from scheduling.vocabulary import AuditAction, AuditObject, MessageKind

UNKNOWN_INTERVIEW = N_("Du har valgt noget for en samtale, som ændringen ikke rammer. Intet er gemt.")
UNKNOWN_COLLEAGUE = N_("Den valgte kollega findes ikke i din organisation. Intet er gemt.")
NOT_OURS_TO_CANCEL = N_("Kun den organisation, der holder samtalen, kan aflyse den. Vælg en kollega, der kan overtage den.")
CHOICES_NEEDED = Reason("CHOICES", "", N_("Vælg, hvad der skal ske med hver samtale, før ændringen gemmes."))


def colleague_taken(name: str, start: datetime) -> Reason:
    """The colleague chosen is no longer free at the interview's time (booked, absent or busy since)."""
    return Reason(
        "SLOT", "",
        N_("%(name)s er ikke længere ledig %(when)s. Intet er gemt. Vælg en anden kollega, eller aflys samtalen."),
        {"name": name, "when": start.astimezone(letters.COPENHAGEN)},
    )


@dataclass(frozen=True)
class Colleague:
    id: int
    name: str


@dataclass(frozen=True)
class Affected:
    """A hit interview as the confirmation step shows it: when, with whom, how, and what may be chosen."""

    id: int
    start: datetime
    end: datetime
    kind: InterviewKind
    format: Format
    person: str
    joint: bool
    colleagues: tuple[Colleague, ...]
    may_cancel: bool
    may_keep: bool


class ChoicesNeeded(DomainError):
    """The change hits interviews that have no usable choice yet: ``affected`` lists all of them (for the
    confirmation step), ``problems`` what is wrong with the choices given (empty on the first asking)."""

    def __init__(self, affected: Sequence[Affected], problems: Sequence[rules.ChoiceProblem]) -> None:
        super().__init__(CHOICES_NEEDED)
        self.affected = tuple(affected)
        self.problems = tuple(problems)


def hit_by_absence(uow: AbstractUnitOfWork, worker: CaseworkerRow, start: datetime, end: datetime,
                   now: datetime) -> list[InterviewRow]:
    """The caseworker's interviews an absence from ``start`` to ``end`` would hit (rows, by start)."""
    rows = uow.repo.caseworker_interviews(worker.id, now)
    hit = {b.id for b in rules.hit_by_absence(map(_booked, rows), Interval(start, end), now)}
    return [r for r in rows if r.id in hit]


def hit_by_hours(uow: AbstractUnitOfWork, worker: CaseworkerRow, hours: Sequence[tuple[int, time, time]],
                 now: datetime) -> list[InterviewRow]:
    """The caseworker's interviews the new weekly ``hours`` would leave outside them (rows, by start)."""
    rows = uow.repo.caseworker_interviews(worker.id, now)
    weekly = [WorkingHours(d, s, e) for d, s, e in hours]
    hit = {b.id for b in rules.outside_hours(map(_booked, rows), weekly, now)}
    return [r for r in rows if r.id in hit]


def _booked(row: InterviewRow) -> rules.Booked:
    return rules.Booked(row.id, row.start_at, row.end_at, row.status)


def settle(
    uow: AbstractUnitOfWork,
    worker: CaseworkerRow,
    hit: Sequence[InterviewRow],
    choices: Mapping[int, rules.Choice] | None,
    now: datetime,
    *,
    may_keep: bool,
) -> dict[str, Any]:
    """Carry out a choice for every hit interview, in the caller's transaction; ChoicesNeeded (nothing written)
    when one lacks a usable choice, InvalidInput for a choice about another interview or a colleague of another
    organisation, SlotTaken when a chosen colleague is no longer free. Returns the ids moved, cancelled, kept."""
    chosen = dict(choices or {})
    if rules.unknown_choices(map(_booked, hit), chosen):
        raise InvalidInput.because(UNKNOWN_INTERVIEW)
    affected = [_affected(uow, worker, row, may_keep) for row in hit]
    _require_known_colleagues(uow, worker, hit, chosen)
    free = {a.id: [c.id for c in a.colleagues] for a in affected}
    problems = rules.choice_problems([_booked(r) for r in hit], chosen, free, may_keep=may_keep)
    taken = [p for p in problems if p.what == "colleague"]
    if taken:
        row = next(r for r in hit if r.id == taken[0].interview_id)
        name = _name(uow, chosen[row.id].colleague_id)  # type: ignore[union-attr]
        raise SlotTaken(colleague_taken(name, row.start_at))
    if problems:
        raise ChoicesNeeded(affected, problems)
    done: dict[str, Any] = {"moved": [], "cancelled": [], "kept": []}
    for row, about in zip(hit, affected, strict=True):
        choice = chosen[row.id]
        if isinstance(choice, rules.Move):
            _move(uow, worker, row, choice.colleague_id, now)
            done["moved"].append(row.id)
        elif isinstance(choice, rules.Cancel):
            if not about.may_cancel:
                raise InvalidInput.because(NOT_OURS_TO_CANCEL)
            _cancel(uow, worker, row, choice.reason.strip(), now)
            done["cancelled"].append(row.id)
        else:
            done["kept"].append(row.id)
    return done


def _role(worker: CaseworkerRow, row: InterviewRow) -> Organisation:
    return next(p.role for p in row.participants if p.caseworker_id == worker.id)


def _colleagues(uow: AbstractUnitOfWork, worker: CaseworkerRow, row: InterviewRow) -> list[int]:
    """The ids of the caseworker's active colleagues who hold this kind of interview."""
    return [cw.id for cw in uow.repo.caseworkers_offering(worker.organisation_id, row.kind) if cw.id != worker.id]


def _affected(uow: AbstractUnitOfWork, worker: CaseworkerRow, row: InterviewRow, may_keep: bool) -> Affected:
    offering = uow.repo.caseworkers_offering(worker.organisation_id, row.kind)
    day = today(row.start_at)
    found = uow.repo.availability(offering, day, day, within=(row.start_at, row.end_at))
    free = rules.free_colleagues(found, row.start_at, row.end_at, taken=row.caseworker_ids)
    citizen = uow.repo.citizen(row.citizen_id)
    return Affected(
        id=row.id, start=row.start_at, end=row.end_at, kind=row.kind, format=row.format,
        person=citizen.name if citizen is not None else "",
        joint=len(row.participants) > 1,
        colleagues=tuple(Colleague(int(cw), _name(uow, int(cw))) for cw in free),
        may_cancel=row.organisation_id == worker.organisation_id,
        may_keep=may_keep,
    )


def _name(uow: AbstractUnitOfWork, caseworker_id: int) -> str:
    row = uow.repo.caseworker(caseworker_id)
    return row.name if row is not None else ""


def _require_known_colleagues(
    uow: AbstractUnitOfWork, worker: CaseworkerRow, hit: Sequence[InterviewRow], chosen: Mapping[int, rules.Choice]
) -> None:
    for row in hit:
        choice = chosen.get(row.id)
        if isinstance(choice, rules.Move) and choice.colleague_id not in _colleagues(uow, worker, row):
            raise InvalidInput.because(UNKNOWN_COLLEAGUE)


def _move(uow: AbstractUnitOfWork, worker: CaseworkerRow, row: InterviewRow, colleague_id: int, now: datetime) -> None:
    """The colleague takes the caseworker's place in the interview, at the same time (claimed as a booking is)."""
    citizen = citizen_for(uow, row.citizen_id, lock=True)
    role = _role(worker, row)
    row.participants[:] = [p for p in row.participants if p.caseworker_id != worker.id]
    _changed(row, now)
    _flush(uow)
    if not uow.repo.claim_caseworker(row, colleague_id, role):
        refusal = colleague_taken(_name(uow, colleague_id), row.start_at)
        uow.rollback()
        raise SlotTaken(refusal)
    _flush(uow)
    video.give_link(uow, row, [(p.role, p.caseworker_id) for p in row.participants])  # not the absent one's own
    holder = row.org
    name = _name(uow, colleague_id) if holder.show_caseworker_names else None
    send(uow, citizen.id, MessageKind.REBOOKING, letters.interview_moved(row.kind, row.start_at, holder.name, name), now,
         interview_id=row.id)
    record(uow, now, Actor.caseworker(worker.id), AuditAction.REBOOK, AuditObject.INTERVIEW, row.id, citizen_id=citizen.id,
           start=row.start_at, moved_from=worker.id, moved_to=colleague_id)


def _cancel(uow: AbstractUnitOfWork, worker: CaseworkerRow, row: InterviewRow, why: str, now: datetime) -> None:
    """Cancel the interview; the message says why and what the person does next (book again or wait)."""
    citizen = citizen_for(uow, row.citizen_id, lock=True)
    _, without = course_of(uow, citizen, without_interview=row.id)
    may_book = any(o.kind == row.kind for o in evaluate(without, today(now)).citizen.options)
    _cancel_row(row, now)
    text = letters.interview_cancelled(row.kind, row.start_at, by_citizen=False, reason=why,
                                       next="self_book" if may_book else "called_in")
    send(uow, citizen.id, MessageKind.CANCELLATION, text, now, interview_id=row.id)
    record(uow, now, Actor.caseworker(worker.id), AuditAction.CANCEL, AuditObject.INTERVIEW, row.id, citizen_id=citizen.id,
           why=why, start=row.start_at)


def preview_absence(
    uow: AbstractUnitOfWork, caseworker_id: int, start: datetime, end: datetime, now: datetime
) -> list[Affected]:
    """The interviews an absence from ``start`` to ``end`` would hit, as the confirmation step shows them now."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        return [_affected(uow, worker, row, False) for row in hit_by_absence(uow, worker, start, end, now)]


def preview_hours(
    uow: AbstractUnitOfWork, caseworker_id: int, hours: Sequence[tuple[int, time, time]], now: datetime
) -> list[Affected]:
    """The interviews new weekly ``hours`` would leave outside them, as the confirmation step shows them now."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        return [_affected(uow, worker, row, True) for row in hit_by_hours(uow, worker, hours, now)]
