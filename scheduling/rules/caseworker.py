"""What each organisation's caseworker may do (R1, R2, R4, R15, R17, R23, R25, R26, R28).

Only the organisation responsible at the time may act (R1); for an interview, the one responsible on the
interview's day. Recording an interview belongs to the organisation that holds it; the hour ledger (R2, R3) to
the a-kasse throughout, since it pays the benefit.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from scheduling import parameters as P
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
from scheduling.rules.catalogue import reason
from scheduling.rules.facts import (
    exemption_in_force,
    in_r4_group,
    is_first_interview,
    is_job_interview,
    job_interviews,
    lapsed_revocation,
    local_date,
    old_rules,
    referred_r4,
    self_booking_block,
)
from scheduling.rules.responsibility import responsible_on

A = CaseworkerAction

# No sentence starts with the placeholder: the inserted word is a lower-case "a-kassen"/"jobcentret".
_ALLOWED: dict[CaseworkerAction, tuple[str, str | None, str]] = {
    A.CALL_IN: ("R1", None, N_("Som ansvarlig for forløbet kan %(organisation)s indkalde til samtaler.")),
    A.RAISE_FORMAT: ("R17", None, N_("Efter en konkret vurdering kan %(organisation)s beslutte, at samtalen holdes ved personligt fremmøde. Begrundelsen registreres, og personen får besked.")),
    A.REVOKE_SELF_BOOKING: ("R23", "afgoerelse", N_("Efter en konkret vurdering kan %(organisation)s fratage retten til selvbooking. Det er en afgørelse med begrundelse og klagevejledning: klage inden for %(weeks)s uger til Ankestyrelsens Beskæftigelsesudvalg.")),
    A.RESTORE_SELF_BOOKING: ("R23", None, N_("Retten til selvbooking kan gives tilbage af %(organisation)s.")),
    A.EXEMPT_FROM_SELF_BOOKING: ("R23", None, N_("Personen kan fritages for selvbooking af %(organisation)s, som så indkalder i stedet.")),
    A.LIFT_SELF_BOOKING_EXEMPTION: ("R23", None, N_("Fritagelsen for selvbooking kan ophæves af %(organisation)s.")),
    A.DECIDE_NOT_COVERED: ("R26", "stk3", N_("Som ansvarlig kan %(organisation)s træffe afgørelse om, at personen ikke er omfattet af fritagelsen. Afgørelsen skal have klagevejledning.")),
    A.RECORD_INTERVIEW: ("R1", None, N_("Samtalen holdes og registreres af %(organisation)s.")),
    A.REFER_R4: ("R4", None, N_("Personen er i målgruppen for uddannelsespålæg. Derfor skal %(organisation)s visitere til jobcentret med årsagskode 45.")),
    A.REGISTER_CONTROL_ACTION: ("R25", "stk1", N_("Som ansvarlig skal %(organisation)s straks indkalde til en samtale efter kontrolaktionen.")),
    A.REGISTER_EXEMPTION: ("R26", None, N_("Som ansvarlig kan %(organisation)s registrere en fritagelse (mindre intensiv indsats).")),
    A.REGISTER_HOURS: ("R2", None, N_("Timer med dagpenge eller løntilskud registreres af %(organisation)s, som udbetaler dagpengene.")),
}

# R15: the first interview must be held in person; raising a first interview booked by phone or video restores it.
_RAISE_FIRST = N_("Den første jobsamtale skal holdes ved personligt fremmøde. Derfor skal samtaleformen ændres til personligt fremmøde, og personen får besked.")


# Numbers of the law in those sentences. The verdicts are made once, without a day, so they take the value the
# parameter has had since the law began; a new dated value needs _yes to ask for the day.
_NUMBERS: dict[CaseworkerAction, dict[str, int]] = {A.REVOKE_SELF_BOOKING: {"weeks": P.APPEAL_WEEKS.on(P.LAW_START)}}

# Verdicts are immutable values: the ones that depend on nothing but the action and the organisation are made
# once, not on each of the 24 questions caseworker_permissions asks per evaluation.
_YES: dict[tuple[CaseworkerAction, Organisation], Verdict] = {
    (action, actor): Verdict(True, reason(rule, message, _NUMBERS.get(action), organisation=ORGANISATION[actor], part=part))
    for action, (rule, part, message) in _ALLOWED.items()
    for actor in Organisation
}


def _yes(action: CaseworkerAction, actor: Organisation) -> Verdict:
    return _YES[action, actor]


def _no(rule: str, message: str, part: str | None = None, **params: date | str) -> Verdict:
    return _refusal(rule, message, part, tuple(params.items()))


@lru_cache(maxsize=256)
def _refusal(rule: str, message: str, part: str | None, params: tuple[tuple[str, date | str], ...]) -> Verdict:
    return Verdict(False, reason(rule, message, dict(params), part=part))


def _not_responsible(responsible: Organisation) -> Verdict:
    return _no(
        "R1",
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
        return _record_interview(course, on, actor, interview)
    if action is A.REGISTER_HOURS:
        # R2/R3: the hour ledger is the a-kasse's, which pays the benefit, throughout the course (R4 and R28 too)
        if actor is not Organisation.AKASSE:
            return _no("R2", N_("Timer med dagpenge og løntilskud registreres af a-kassen, som udbetaler dagpengene. Jobcentret registrerer ikke timer."))
        return _yes(action, actor)
    if action is A.REFER_R4:
        if actor is not Organisation.AKASSE:
            return _no("R4", N_("Kun a-kassen visiterer til jobcentret efter reglen om uddannelsespålæg, og jobcentret sender aldrig personen tilbage."))
        if old_rules(course) or not in_r4_group(course) or referred_r4(course, on):
            return _no("R4", N_("Personen skal ikke visiteres: personen er ikke i målgruppen for uddannelsespålæg eller er allerede visiteret."))
        return _yes(action, actor)

    if action is A.CALL_IN and (interview is None or interview.kind is InterviewKind.CVSAMTALE):
        cv = _cv_call_in(course, on, actor, interview)
        if cv is not None:
            return cv

    day = local_date(interview.start) if interview is not None else on
    responsible = responsible_on(course, on, day)
    if actor is not responsible:
        return _not_responsible(responsible)

    if action is A.RAISE_FORMAT:
        return _raise_format(course, actor, interview, new_format)

    if (
        action is A.CALL_IN
        and interview is not None
        and new_format not in (None, Format.PERSONLIGT)
        and interview.kind is not InterviewKind.RAADIGHEDSSAMTALE
        and is_first_interview(course, interview)
    ):
        return _no("R15", N_("Den første jobsamtale holdes altid ved personligt fremmøde, og samtaleformen kan ikke ændres."))

    block = self_booking_block(course, on)
    exempt = exemption_in_force(course, on)
    if action is A.CALL_IN and exempt is not None and (interview is None or interview.control_action_id is None):
        return _no("R26", N_("Personen er fritaget for jobsamtaler (mindre intensiv indsats) og skal ikke indkaldes."))
    if action is A.REVOKE_SELF_BOOKING and block is DecisionKind.REVOKE_SELF_BOOKING:
        return _no("R23", N_("Retten til selvbooking er allerede frataget."))
    # R23: the jobcenter may give the right back after its own assessment of an a-kasse revocation that lapsed
    if action is A.RESTORE_SELF_BOOKING and block is not DecisionKind.REVOKE_SELF_BOOKING and lapsed_revocation(course, on) is None:
        return _no("R23", N_("Retten til selvbooking er ikke frataget."))
    if action is A.EXEMPT_FROM_SELF_BOOKING and block is DecisionKind.EXEMPT_FROM_SELF_BOOKING:
        return _no("R23", N_("Personen er allerede fritaget for selvbooking."))
    if action is A.LIFT_SELF_BOOKING_EXEMPTION and block is not DecisionKind.EXEMPT_FROM_SELF_BOOKING:
        return _no("R23", N_("Personen er ikke fritaget for selvbooking."))
    if action is A.DECIDE_NOT_COVERED and exempt is None:
        return _no("R26", N_("Der er ingen fritagelse i kraft at træffe afgørelse om."), part="stk3")
    return _yes(action, actor)


_CV_CALL_IN = Verdict(True, reason("R28", N_("Efter de gamle regler indkalder a-kassen til CV-samtalen, også selv om jobcentret har ansvaret for forløbet.")))


def cv_pending(course: Course) -> bool:
    """R28: a course under the old rules whose CV interview is neither held nor booked (guidance 15.3)."""
    return old_rules(course) and not any(i.kind is InterviewKind.CVSAMTALE for i in job_interviews(course))


def _cv_call_in(course: Course, on: date, actor: Organisation, interview: Interview | None) -> Verdict | None:
    """R28: the a-kasse calls in to the old rules' CV interview, whoever runs the course (guidance 13.1: the CV
    interview was the a-kasse's; 15.3: "en cv-samtale" beside the jobcenter's interviews). None: not about it."""
    exempt = exemption_in_force(course, on) is not None
    if interview is None:
        return _CV_CALL_IN if actor is Organisation.AKASSE and cv_pending(course) and not exempt else None
    if not old_rules(course):
        return _no("R28", N_("CV-samtaler findes kun i forløb efter reglerne fra før %(day)s. Efter de nye regler gennemgås CV'et ved jobsamtalerne."), day=P.NEW_RULES_FROM.on(P.LAW_START))
    if actor is not Organisation.AKASSE:
        return _no("R28", N_("Efter de gamle regler holdes CV-samtalen af a-kassen."))
    if exempt:
        return _no("R26", N_("Personen er fritaget for jobsamtaler (mindre intensiv indsats) og skal ikke indkaldes."))
    return _CV_CALL_IN


def _raise_format(course: Course, actor: Organisation, interview: Interview | None, new_format: Format | None) -> Verdict:
    """R17 (towards in person only), and R15: the first interview is in person and otherwise never changed.

    A first interview booked by phone or video (an earlier first was cancelled or missed) may and must be raised:
    that is the one change R15 allows, because it restores the in-person first interview.
    """
    if interview is None:
        return _yes(A.RAISE_FORMAT, actor)
    first = is_first_interview(course, interview)
    if first and interview.format is Format.PERSONLIGT:
        return _no("R15", N_("Det er den første jobsamtale, og den holdes altid ved personligt fremmøde."))
    if new_format not in (None, Format.PERSONLIGT):
        return _no("R17", N_("Loven tillader kun et skift til personligt fremmøde, ikke til telefon eller video."))
    if interview.format is Format.PERSONLIGT:  # nothing to raise: say so, not that only raising is allowed
        return _no("R17", N_("Samtalen holdes allerede ved personligt fremmøde."))
    if interview.status is not InterviewStatus.BOOKED:
        return _no("R17", N_("Samtalen er ikke længere booket."))
    if first:
        return Verdict(True, reason("R15", _RAISE_FIRST))
    return _yes(A.RAISE_FORMAT, actor)


def record_verdict(actor: Organisation, holder: Organisation) -> Verdict:
    """R1 for one interview: may a caseworker of ``actor`` record an interview ``holder`` holds? Only the holder
    records it (LAB § 27, stk. 2); nothing else about the course matters, so a list of interviews (a caseworker's
    day) asks without loading each person's course."""
    if holder is not actor:
        return _no("R1", N_("Samtalen holdes af %(organisation)s, som registrerer den."), organisation=ORGANISATION[holder])
    return _yes(A.RECORD_INTERVIEW, actor)


def _record_interview(course: Course, on: date, actor: Organisation, interview: Interview | None) -> Verdict:
    """R1: an interview is recorded by the organisation that holds it (LAB § 27, stk. 2).

    Without an interview (the overview): the responsible organisation, or one that still holds a booked
    interview to record — the jobcenter in the a-kasse's period only when it holds one (by everyone's agreement).
    """
    if interview is not None:
        return record_verdict(actor, interview.organisation)
    responsible = responsible_on(course, on)
    if actor is not responsible and not _holds_booked(course, actor):
        return _no(
            "R1",
            N_("Der er ingen samtaler at registrere: samtalerne holdes af %(organisation)s, som har ansvaret for forløbet."),
            organisation=ORGANISATION[responsible],
        )
    return _yes(A.RECORD_INTERVIEW, actor)


def caseworker_permissions(course: Course, on: date) -> tuple[CaseworkerPermissions, ...]:
    """For each organisation, the actions open to its caseworkers on ``on`` and why the others are not.

    Without an interview, :func:`check_caseworker_action` reads only a handful of facts of the course (see
    :func:`_permission_facts`); the 24 answers are worked out once for each combination of them and then reused
    (a pure function of those facts, so the memory never goes stale; there are at most a few hundred).
    """
    facts = _permission_facts(course, on)
    known = _PERMISSIONS.get(facts)
    if known is None:
        known = _PERMISSIONS[facts] = _permissions(course, on)
    return known


# What check_caseworker_action(course, on, actor, action) with no interview depends on, and its answers.
_PermissionFacts = tuple[bool, bool, bool, Organisation, DecisionKind | None, bool, bool, bool, bool, bool]
_PERMISSIONS: dict[_PermissionFacts, tuple[CaseworkerPermissions, ...]] = {}


def _permission_facts(course: Course, on: date) -> _PermissionFacts:
    return (
        old_rules(course),  # REFER_R4
        in_r4_group(course),
        referred_r4(course, on),
        responsible_on(course, on),  # every action but REGISTER_HOURS and REFER_R4; RECORD_INTERVIEW
        self_booking_block(course, on),  # R23
        lapsed_revocation(course, on) is not None,  # R23: RESTORE after the hand-over
        exemption_in_force(course, on) is not None,  # R26
        _holds_booked(course, Organisation.AKASSE),  # RECORD_INTERVIEW
        _holds_booked(course, Organisation.JOBCENTER),
        cv_pending(course),  # CALL_IN by the a-kasse (R28)
    )


def _holds_booked(course: Course, actor: Organisation) -> bool:
    return any(
        i.organisation is actor and i.status is InterviewStatus.BOOKED and is_job_interview(i) for i in course.interviews
    )


def _permissions(course: Course, on: date) -> tuple[CaseworkerPermissions, ...]:
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


def appeal_deadline(available_on: date) -> date:
    """R23 (and R26's afgørelse under LAB § 106, stk. 3): the last day a complaint must reach the organisation, to
    be brought before Ankestyrelsens Beskæftigelsesudvalg — ``APPEAL_WEEKS`` weeks after the decision was notified
    (retssikkerhedsloven § 59 b; LAB § 207, stk. 2 og 3). A letter sent digitally is notified on the day it is
    available to the person (in the inbox / Digital Post), so ``available_on`` is that day; "within 4 weeks after
    D" is on or before D + 28 days (calendar days, ../shared/RULES.md "Time")."""
    return available_on + timedelta(weeks=P.APPEAL_WEEKS.on(available_on))


def check_register_course(actor: Organisation, *, already_registered: bool) -> Verdict:
    """May ``actor``'s organisation register a new person's contact course? The a-kasse has the course first
    (R1: it places the person in the benefit period and pays the benefit), so it registers it; and a person has
    one course for each benefit period (R5), so a person already registered gets no second one."""
    if actor is not Organisation.AKASSE:
        return _no("R1", N_("Kontaktforløbet oprettes af personens a-kasse, som har ansvaret for forløbet fra tilmeldingen."))
    if already_registered:
        return _no("R5", N_("Personen er allerede tilmeldt med et kontaktforløb. Der er ét kontaktforløb for hver dagpengeperiode, så det oprettes ikke igen."))
    return Verdict(True, reason("R1", N_("A-kassen har ansvaret for forløbet fra tilmeldingen og opretter det.")))
