"""What each organisation's caseworker may do (R1, R4, R15, R17, R23, R25, R26).

Only the organisation responsible at the time may act (R1); for an interview, the one responsible on the
interview's day. Recording an interview belongs to the organisation that holds it.
"""

from __future__ import annotations

from datetime import date

from scheduling.course import (
    Course,
    DecisionKind,
    Format,
    Interview,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import CaseworkerAction, CaseworkerPermissions, Verdict
from scheduling.labels import ORGANISATION
from scheduling.reasons import N_, Reason
from scheduling.rules.facts import (
    exemption_in_force,
    in_r4_group,
    is_first_interview,
    local_date,
    old_rules,
    referred_r4,
    self_booking_block,
)
from scheduling.rules.responsibility import responsible_on

A = CaseworkerAction

_ALLOWED: dict[CaseworkerAction, tuple[str, str, str]] = {
    A.CALL_IN: ("R1", "LAB § 27, stk. 1 og 2", N_("%(organisation)s har ansvaret for forløbet og kan indkalde til samtaler.")),
    A.RAISE_FORMAT: ("R17", "LAB § 33, stk. 2", N_("Efter en konkret vurdering kan %(organisation)s beslutte, at samtalen holdes ved personligt fremmøde. Begrundelsen registreres, og personen får besked.")),
    A.REVOKE_SELF_BOOKING: ("R23", "LAB § 35; retssikkerhedsloven § 59 b", N_("Efter en konkret vurdering kan %(organisation)s fratage retten til selvbooking. Det er en afgørelse med begrundelse og klagevejledning: klage inden for 4 uger til Ankestyrelsens Beskæftigelsesudvalg.")),
    A.RESTORE_SELF_BOOKING: ("R23", "LAB § 35", N_("%(organisation)s kan give retten til selvbooking tilbage.")),
    A.EXEMPT_FROM_SELF_BOOKING: ("R23", "LAB § 35", N_("%(organisation)s kan fritage personen for selvbooking og indkalde i stedet.")),
    A.LIFT_SELF_BOOKING_EXEMPTION: ("R23", "LAB § 35", N_("%(organisation)s kan ophæve fritagelsen for selvbooking.")),
    A.DECIDE_NOT_COVERED: ("R26", "LAB § 106, stk. 3", N_("%(organisation)s kan træffe afgørelse om, at personen ikke er omfattet af fritagelsen. Afgørelsen skal have klagevejledning.")),
    A.RECORD_INTERVIEW: ("R1", "LAB § 31, stk. 1", N_("%(organisation)s holder samtalen og registrerer den.")),
    A.REFER_R4: ("R4", "LAB § 27, stk. 3", N_("Personen er i målgruppen for uddannelsespålæg. %(organisation)s skal visitere til jobcentret med årsagskode 45.")),
    A.REGISTER_CONTROL_ACTION: ("R25", "LAB § 38, stk. 1", N_("%(organisation)s har ansvaret og skal straks indkalde til en samtale efter kontrolaktionen.")),
    A.REGISTER_EXEMPTION: ("R26", "LAB § 106, stk. 1", N_("%(organisation)s kan registrere en fritagelse (mindre intensiv indsats).")),
    A.REGISTER_HOURS: ("R3", "BAB § 7", N_("%(organisation)s registrerer timer med dagpenge eller løntilskud.")),
}


def _yes(action: CaseworkerAction, actor: Organisation) -> Verdict:
    rule, basis, message = _ALLOWED[action]
    return Verdict(True, Reason(rule, basis, message, {"organisation": ORGANISATION[actor]}))


def _no(rule: str, basis: str, message: str, **params: date | str) -> Verdict:
    return Verdict(False, Reason(rule, basis, message, params))


def _not_responsible(responsible: Organisation) -> Verdict:
    return _no(
        "R1",
        "LOB § 18 b; LAB § 27, stk. 1 og 2",
        N_("Kun den organisation, der har ansvaret for forløbet på det tidspunkt, kan gøre dette. Det er %(organisation)s."),
        organisation=ORGANISATION[responsible],
    )


def check_caseworker_action(
    course: Course,
    on: date,
    actor: Organisation,
    action: CaseworkerAction,
    interview: Interview | None = None,
    new_format: Format | None = None,
) -> Verdict:
    """May a caseworker of ``actor`` take ``action`` on ``on`` (for ``interview``, if given)?"""
    if action is A.RECORD_INTERVIEW:
        if interview is not None and interview.organisation is not actor:
            return _no("R1", "LAB § 27, stk. 2", N_("Samtalen holdes af %(organisation)s, som registrerer den."), organisation=ORGANISATION[interview.organisation])
        return _yes(action, actor)
    if action is A.REGISTER_HOURS:
        return _yes(action, actor)
    if action is A.REFER_R4:
        if actor is not Organisation.AKASSE:
            return _no("R4", "LAB § 27, stk. 3", N_("Kun a-kassen visiterer til jobcentret efter reglen om uddannelsespålæg, og jobcentret sender aldrig personen tilbage."))
        if old_rules(course) or not in_r4_group(course) or referred_r4(course, on):
            return _no("R4", "LAB § 27, stk. 3", N_("Personen skal ikke visiteres: personen er ikke i målgruppen for uddannelsespålæg eller er allerede visiteret."))
        return _yes(action, actor)

    day = local_date(interview.start) if interview is not None else on
    responsible = responsible_on(course, on, day)
    if actor is not responsible:
        return _not_responsible(responsible)

    if action is A.RAISE_FORMAT:
        if interview is None:
            return _yes(action, actor)
        if is_first_interview(course, interview):
            return _no("R15", "LAB § 33, stk. 1, 1. pkt.", N_("Den første jobsamtale holdes altid ved personligt fremmøde, og samtaleformen kan ikke ændres."))
        if new_format not in (None, Format.PERSONLIGT) or interview.format is Format.PERSONLIGT:
            return _no("R17", "LAB § 33, stk. 2", N_("Samtaleformen kan kun ændres til personligt fremmøde."))
        if interview.status is not InterviewStatus.BOOKED:
            return _no("R17", "LAB § 33, stk. 2", N_("Samtalen er ikke længere booket."))
        return _yes(action, actor)

    if (
        action is A.CALL_IN
        and interview is not None
        and new_format not in (None, Format.PERSONLIGT)
        and interview.kind is not InterviewKind.RAADIGHEDSSAMTALE
        and is_first_interview(course, interview)
    ):
        return _no("R15", "LAB § 33, stk. 1, 1. pkt.", N_("Den første jobsamtale holdes altid ved personligt fremmøde, og samtaleformen kan ikke ændres."))

    block = self_booking_block(course, on)
    exempt = exemption_in_force(course, on)
    if action is A.CALL_IN and exempt is not None and (interview is None or interview.control_action_id is None):
        return _no("R26", "LAB § 106, stk. 1", N_("Personen er fritaget for jobsamtaler (mindre intensiv indsats) og skal ikke indkaldes."))
    if action is A.REVOKE_SELF_BOOKING and block is DecisionKind.REVOKE_SELF_BOOKING:
        return _no("R23", "LAB § 35", N_("Retten til selvbooking er allerede frataget."))
    if action is A.RESTORE_SELF_BOOKING and block is not DecisionKind.REVOKE_SELF_BOOKING:
        return _no("R23", "LAB § 35", N_("Retten til selvbooking er ikke frataget."))
    if action is A.EXEMPT_FROM_SELF_BOOKING and block is DecisionKind.EXEMPT_FROM_SELF_BOOKING:
        return _no("R23", "LAB § 35", N_("Personen er allerede fritaget for selvbooking."))
    if action is A.LIFT_SELF_BOOKING_EXEMPTION and block is not DecisionKind.EXEMPT_FROM_SELF_BOOKING:
        return _no("R23", "LAB § 35", N_("Personen er ikke fritaget for selvbooking."))
    if action is A.DECIDE_NOT_COVERED and exempt is None:
        return _no("R26", "LAB § 106, stk. 3", N_("Der er ingen fritagelse i kraft at træffe afgørelse om."))
    return _yes(action, actor)


def caseworker_permissions(course: Course, on: date) -> tuple[CaseworkerPermissions, ...]:
    """For each organisation, the actions open to its caseworkers on ``on`` and why the others are not."""
    result = []
    for actor in (Organisation.AKASSE, Organisation.JOBCENTER):
        allowed: set[CaseworkerAction] = set()
        refusals: list[tuple[CaseworkerAction, Reason]] = []
        for action in CaseworkerAction:
            verdict = check_caseworker_action(course, on, actor, action)
            if verdict.allowed:
                allowed.add(action)
            else:
                refusals.append((action, verdict.reason))
        result.append(CaseworkerPermissions(actor, frozenset(allowed), tuple(refusals)))
    return tuple(result)
