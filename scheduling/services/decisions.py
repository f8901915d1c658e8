"""Decisions about a person's self-booking and reduced effort (R23, R26), each with its letter.

Revocation of self-booking (R23, LAB § 35) and "not covered" by reduced effort (R26, LAB § 106, stk. 3) are
afgørelser: they carry written reasons and the appeal instructions (:func:`letters.appeal_instructions`), are
stored with their letter and sent to the person's inbox. Exemption from self-booking for reasons that are not
the person's fault is recorded with its reason but is no decision against them. Whether an organisation may
decide is always the rules core's answer (check_caseworker_action); the decision itself is a person's concrete
assessment, which is why ``assessment`` is required.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from scheduling.adapters.orm import CaseworkerRow, CitizenRow, CourseRow, DecisionRow, OrganisationRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.evaluation import CaseworkerAction, check_caseworker_action
from scheduling.reasons import N_
from scheduling.services import letters
from scheduling.services.access import (
    authorise_action,
    caseworker,
    citizen_for,
    course_of,
    require,
    required_text,
    today,
)
from scheduling.services.audit import Actor, record
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.services.messages import send
from scheduling.vocabulary import AuditObject, MessageKind, RecordKind, decision_action

REVOCATION_GROUNDS = tuple(letters.REVOCATION_GROUNDS)
"""``booket_anderledes`` (LAB § 35, nr. 1) or ``forhindrer_forloeb`` (LAB § 35, nr. 2)."""

ASSESSMENT_REQUIRED = N_("Skriv din konkrete vurdering af sagen.")


def sender(organisation: OrganisationRow) -> letters.Sender:
    """The organisation as a letter names it, with how to reach it (for the appeal instructions)."""
    return letters.Sender(organisation.name, organisation.phone, organisation.address)


def _decide(
    uow: AbstractUnitOfWork,
    worker: CaseworkerRow,
    citizen: CitizenRow,
    course: CourseRow,
    kind: RecordKind,
    assessment: str,
    text: letters.Text,
    now: datetime,
    *,
    afgoerelse: bool,
    ground: str | None = None,
    message_kind: MessageKind = MessageKind.DECISION,
) -> DecisionRow:
    decision = DecisionRow(
        course_id=course.id,
        kind=kind,
        organisation=worker.organisation.kind,
        organisation_id=worker.organisation_id,
        made_by_id=worker.id,
        made_at=now,
        ground=ground,
        assessment=assessment,
        is_afgoerelse=afgoerelse,
        letter=f"{text.subject}\n\n{text.body}",
        letter_id=text.message_id,
        letter_params=dict(text.params),
    )
    uow.repo.add(decision)
    uow.flush()
    send(uow, citizen.id, message_kind, text, now, decision_id=decision.id)
    record(
        uow, now, Actor.caseworker(worker.id), decision_action(kind), AuditObject.DECISION, decision.id, citizen_id=citizen.id,
        why=assessment, ground=ground,
    )
    return decision


def _self_booking_decision(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    citizen_id: int,
    action: CaseworkerAction,
    kind: RecordKind,
    why: str,
    letter: Callable[[letters.Sender, date], letters.Text],
    now: datetime,
    *,
    afgoerelse: bool = False,
    ground: str | None = None,
    message_kind: MessageKind = MessageKind.SELF_BOOKING,
) -> int:
    """Once the rules core allows ``action``: the decision of ``kind`` with the letter ``letter(the organisation
    as sender, today)``, sent to the person and audited. Returns the decision id."""
    with uow:
        worker, citizen, course = authorise_action(uow, caseworker_id, citizen_id, action, now)
        text = letter(sender(worker.organisation), today(now))
        decision = _decide(uow, worker, citizen, course, kind, why, text, now,
                           afgoerelse=afgoerelse, ground=ground, message_kind=message_kind)
        uow.commit()
        return decision.id


def revoke_self_booking(
    uow: AbstractUnitOfWork, caseworker_id: int, citizen_id: int, ground: str, assessment: str, now: datetime
) -> int:
    """Take away the person's right to self-book (R23, LAB § 35): an afgørelse with reasons and appeal
    instructions, sent to the person. ``ground`` is one of :data:`REVOCATION_GROUNDS`. Returns the decision id."""
    if ground not in letters.REVOCATION_GROUNDS:
        raise InvalidInput.because(N_("Vælg grundlaget for afgørelsen."))
    why = required_text(assessment, ASSESSMENT_REQUIRED)
    return _self_booking_decision(
        uow, caseworker_id, citizen_id, CaseworkerAction.REVOKE_SELF_BOOKING, RecordKind.REVOKE_SELF_BOOKING, why,
        lambda organisation, on: letters.revocation_letter(organisation, ground, why, on), now,
        afgoerelse=True, ground=ground, message_kind=MessageKind.DECISION,
    )


def restore_self_booking(
    uow: AbstractUnitOfWork, caseworker_id: int, citizen_id: int, assessment: str, now: datetime
) -> int:
    """Give the right to self-book back (R23); the person is told. Returns the decision id."""
    why = required_text(assessment, ASSESSMENT_REQUIRED)
    return _self_booking_decision(
        uow, caseworker_id, citizen_id, CaseworkerAction.RESTORE_SELF_BOOKING, RecordKind.RESTORE_SELF_BOOKING, why,
        lambda organisation, on: letters.restoration_letter(organisation, why, on), now,
    )


def exempt_from_self_booking(
    uow: AbstractUnitOfWork, caseworker_id: int, citizen_id: int, reason: str, now: datetime
) -> int:
    """The organisation books for the person (weak IT skills, language, a disability, an interpreter): not the
    person's fault, no afgørelse against them, recorded with its reason. Returns the decision id."""
    why = required_text(reason, N_("Skriv, hvorfor borgeren ikke selv skal booke."))
    return _self_booking_decision(
        uow, caseworker_id, citizen_id, CaseworkerAction.EXEMPT_FROM_SELF_BOOKING,
        RecordKind.EXEMPT_FROM_SELF_BOOKING, why,
        lambda organisation, on: letters.self_booking_exemption(organisation, why, on, lifted=False), now,
    )


def lift_self_booking_exemption(
    uow: AbstractUnitOfWork, caseworker_id: int, citizen_id: int, reason: str, now: datetime
) -> int:
    """The person books for themselves again. Returns the decision id."""
    why = required_text(reason, N_("Skriv, hvorfor borgeren igen selv skal booke."))
    return _self_booking_decision(
        uow, caseworker_id, citizen_id, CaseworkerAction.LIFT_SELF_BOOKING_EXEMPTION,
        RecordKind.LIFT_SELF_BOOKING_EXEMPTION, why,
        lambda organisation, on: letters.self_booking_exemption(organisation, why, on, lifted=True), now,
    )


def decide_not_covered(
    uow: AbstractUnitOfWork, caseworker_id: int, exemption_id: int, assessment: str, now: datetime,
    *, citizen_id: int | None = None,
) -> int:
    """Decide that the person is not covered by reduced effort after all (R26, LAB § 106, stk. 3): an afgørelse
    with appeal instructions; the exemption stops suspending obligations from today. Returns the decision id.

    With ``citizen_id`` (an address naming the person and the exemption), an exemption of anyone else's course is
    NotFound, as a forged id is."""
    why = required_text(assessment, ASSESSMENT_REQUIRED)
    with uow:
        worker = caseworker(uow, caseworker_id)
        exemption = uow.repo.exemption(exemption_id)
        if exemption is None:
            raise NotFound()
        course_row = uow.repo.course(exemption.course_id)
        assert course_row is not None
        if citizen_id is not None and course_row.citizen_id != citizen_id:
            raise NotFound()
        citizen = citizen_for(uow, course_row.citizen_id, worker=worker, lock=True)
        if exemption.not_covered_on is not None:
            raise NotFound()
        _, course = course_of(uow, citizen)
        require(check_caseworker_action(course, today(now), worker.organisation.kind, CaseworkerAction.DECIDE_NOT_COVERED))
        text = letters.not_covered_letter(sender(worker.organisation), why, today(now))
        decision = _decide(uow, worker, citizen, course_row, RecordKind.NOT_COVERED, why, text, now, afgoerelse=True)
        exemption.not_covered_on = today(now)
        exemption.not_covered_decision_id = decision.id
        uow.commit()
        return decision.id
