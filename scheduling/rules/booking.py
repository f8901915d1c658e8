"""What the person may book or change (R1, R10, R12, R15–R21, R23, R24, R26).

One assessment (:func:`assess`) answers "may the person self-book this kind of interview with this
organisation on this day?" for both the overview (:func:`citizen_permissions`) and the booking service
(:func:`check_self_booking`), so the two can never disagree. Free slots and agreed timeslots (R22) and the
organisations' own rebooking deadlines are the booking services' concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from scheduling import parameters as P
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Course,
    DecisionKind,
    Format,
    Interview,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import (
    BookingOption,
    CallIn,
    CitizenPermissions,
    Evaluation,
    Obligation,
    ObligationState,
    Refusal,
    Verdict,
)
from scheduling.reasons import N_, Reason
from scheduling.rules.catalogue import reason
from scheduling.rules.facts import (
    exemption_in_force,
    exemption_window,
    first_interview,
    job_interviews,
    local_date,
    old_rules,
    referred_r4,
    self_booking_block,
    would_be_first,
)
from scheduling.rules.memo import per_answer
from scheduling.rules.obligations import obligations
from scheduling.rules.responsibility import (
    handover,
    r4_pending,
    r4_referral_due,
    responsible_on,
    unemployed_months_on,
)

ALL_FORMATS = (Format.PERSONLIGT, Format.TELEFONISK, Format.VIDEO)
JOINT_CHOICES = (AkasseParticipation.VIDEO, AkasseParticipation.IN_PERSON)

FIRST_IN_PERSON = N_("Din første jobsamtale skal holdes ved personligt fremmøde, og samtaleformen kan ikke ændres.")


@per_answer
def blocking_reason(course: Course, on: date) -> Reason | None:
    """Why the person may not self-book at all on ``on`` (R23 revocation, exemption from self-booking, R26)."""
    block = self_booking_block(course, on)
    if block is DecisionKind.REVOKE_SELF_BOOKING:
        return reason(
            "R23",
            N_("Din ret til selv at booke jobsamtaler er taget fra dig ved en afgørelse. Du bliver i stedet indkaldt til dine samtaler. Du kan klage over afgørelsen inden for %(weeks)s uger."),
            weeks=P.APPEAL_WEEKS.on(on),
        )
    if block is DecisionKind.EXEMPT_FROM_SELF_BOOKING:
        return reason(
            "R23",
            N_("Du skal ikke selv booke dine jobsamtaler lige nu. Du bliver indkaldt til dem i stedet."),
        )
    exemption = exemption_in_force(course, on)
    if exemption is not None:
        end = exemption_window(exemption)[1]  # every exemption is shown with its end (issue 12, correction 3)
        if end is None:
            return reason(
                "R26",
                N_("Du er fritaget for jobsamtaler og skal ikke booke nogen samtaler, så længe fritagelsen gælder. Der er ingen slutdato for fritagelsen."),
            )
        return reason(
            "R26",
            N_("Du er fritaget for jobsamtaler til og med %(day)s og skal ikke booke nogen samtaler indtil da."),
            day=end,
        )
    return None


def _first_jobcenter_interview_open(course: Course, on: date, start: datetime | None) -> bool:
    """R10: no jobcenter interview since the hand-over comes before this one (not R4, not the old rules)."""
    if old_rules(course) or referred_r4(course, on):
        return False
    end = handover(course, on).day
    return not any(
        i.organisation is Organisation.JOBCENTER
        and local_date(i.start) > end
        and (start is None or i.start < start)
        for i in job_interviews(course)
    )


def _intensified_interview_open(course: Course, on: date, day: date) -> bool:
    """R12: after 6 months of unemployment, until a joint interview after that is held or booked."""
    six = unemployed_months_on(course, on, P.FIRST_PERIOD_MONTHS.on(on)).day
    if day <= six:
        return False
    return not any(
        i.organisation is Organisation.JOBCENTER and i.kind is InterviewKind.FAELLESSAMTALE and local_date(i.start) > six
        for i in job_interviews(course)
    )


def assess(
    course: Course, on: date, kind: InterviewKind, organisation: Organisation, day: date, start: datetime | None = None
) -> BookingOption | Reason:
    """The option to self-book ``kind`` with ``organisation`` for ``day``, or the reason it is refused."""
    blocked = blocking_reason(course, on)
    if blocked is not None:
        return blocked
    if kind is InterviewKind.RAADIGHEDSSAMTALE:
        return reason(
            "R24",
            N_("Rådighedssamtaler er ikke en del af dit kontaktforløb. Din a-kasse fortæller dig, hvordan du kommer til dem."),
        )
    if kind is InterviewKind.CVSAMTALE:
        # R28: the old rules' CV interview is the a-kasse's to call in (guidance 13.1, 15.3); the new rules have none
        if old_rules(course):
            return reason("R28", N_("Din a-kasse indkalder dig til CV-samtalen."))
        return reason("R28", N_("Der er ingen særskilt CV-samtale i dit forløb. Dit CV gennemgås ved dine jobsamtaler."))
    if kind is InterviewKind.FAELLESSAMTALE and organisation is Organisation.AKASSE:
        return reason(
            "R21",
            N_("Fælles jobsamtaler holdes af jobcentret, og din a-kasse deltager."),
        )
    if r4_pending(course, on):
        # R4: the a-kasse refers the person to the jobcenter; the a-kasse period's R19 and self-booking do not apply
        return reason(
            "R4",
            N_("Din a-kasse sender dig videre til jobcentret senest %(day)s. Derefter booker du dine jobsamtaler hos jobcentret."),
            {"day": r4_referral_due(course)},
        )
    responsible = responsible_on(course, on, day)
    if organisation is not responsible:
        moment = handover(course, on)
        if organisation is Organisation.JOBCENTER:
            return reason(
                "R1",
                N_("Jobcentret holder ikke jobsamtaler med dig, mens din a-kasse har ansvaret. Jobcentret overtager efter %(day)s."),
                {"day": moment.day},
            )
        return reason(
            "R1",
            N_("Din a-kasse har ikke længere ansvaret for dine jobsamtaler. Book dem hos jobcentret."),
        )
    first = would_be_first(course, start) if start is not None else first_interview(course) is None
    if organisation is Organisation.AKASSE and first:
        return reason(
            "R19",
            N_("Din a-kasse indkalder dig til din første jobsamtale."),
        )
    formats = (Format.PERSONLIGT,) if first else ALL_FORMATS
    why = (
        reason("R15", FIRST_IN_PERSON)
        if first
        else reason(
            "R16",
            N_("Du booker selv din jobsamtale og vælger, om du vil deltage ved fremmøde, i telefonen eller på video."),
            also=("R20",),
        )
    )
    choose, choices = False, ()  # type: tuple[bool, tuple[AkasseParticipation, ...]]
    if organisation is Organisation.JOBCENTER:
        joint_allowed_reason: Reason | None = None
        called_in: Reason | None = None  # R21: the jobcenter calls in to this kind of joint interview
        if old_rules(course):
            choose, choices = kind is InterviewKind.FAELLESSAMTALE, JOINT_CHOICES
            # The old rules' joint interviews fall in the first period, as R10's does: the R10 choice applies.
            if kind is InterviewKind.FAELLESSAMTALE and not course.faellessamtale_r10_selvbooking:
                called_in = reason(
                    "R21",
                    N_("Jobcentret indkalder dig til fælles jobsamtaler."),
                )
        elif _intensified_interview_open(course, on, day):
            if kind is InterviewKind.FAELLESSAMTALE:
                # R12: always a joint interview; the a-kasse takes part unless the person opts out
                choose, choices = True, (*JOINT_CHOICES, AkasseParticipation.NONE)
                joint_allowed_reason = reason(
                    "R12",
                    N_("Samtalen efter %(months)s måneders ledighed er en fælles jobsamtale. Din a-kasse deltager på video, medmindre du beder om, at den møder op, eller fravælger den."),
                    months=P.INTENSIFIED_INTERVIEW_MONTHS.on(on),
                    also=("R18",),
                )
                if not course.faellessamtale_r12_selvbooking:
                    called_in = reason(
                        "R21",
                        N_("Jobcentret indkalder dig til den fælles jobsamtale efter %(months)s måneders ledighed."),
                        months=P.INTENSIFIED_INTERVIEW_MONTHS.on(on),
                    )
        elif _first_jobcenter_interview_open(course, on, start):
            # R10: the person chooses whether the a-kasse takes part in the first jobcenter interview
            choose = True
            choices = JOINT_CHOICES if kind is InterviewKind.FAELLESSAMTALE else (AkasseParticipation.NONE,)
            # the two choices say how they differ: with the a-kasse (a joint interview) or without it
            joint_allowed_reason = (
                reason(
                    "R10",
                    N_("Din a-kasse deltager også i din første samtale i jobcentret. Den deltager på video, medmindre du beder om, at den møder op sammen med dig."),
                    also=("R18",),
                )
                if kind is InterviewKind.FAELLESSAMTALE
                else reason(
                    "R10",
                    N_("Din første samtale i jobcentret er kun med jobcentret. Din a-kasse deltager ikke."),
                )
            )
            if kind is InterviewKind.FAELLESSAMTALE and not course.faellessamtale_r10_selvbooking:
                called_in = reason(
                    "R21",
                    N_("Jobcentret indkalder dig, hvis din a-kasse skal deltage i din første samtale i jobcentret. Uden din a-kasse kan du selv booke samtalen som en jobsamtale."),
                )
        elif kind is InterviewKind.FAELLESSAMTALE and referred_r4(course, on):
            # R4: the first jobcenter interview is never joint (R10 is not for them), so only R12's is left to say
            return reason(
                "R21",
                N_("Du kan først booke en fælles jobsamtale som samtalen efter %(months)s måneders ledighed."),
                months=P.INTENSIFIED_INTERVIEW_MONTHS.on(on),
                also=("R12",),
            )
        elif kind is InterviewKind.FAELLESSAMTALE:
            return reason(
                "R21",
                N_("Du kan kun booke en fælles jobsamtale som din første samtale i jobcentret eller som samtalen efter %(months)s måneders ledighed."),
                months=P.INTENSIFIED_INTERVIEW_MONTHS.on(on),
                also=("R10", "R12"),
            )
        if called_in is not None:
            return called_in
        if joint_allowed_reason is not None and not first:
            why = joint_allowed_reason
    return BookingOption(kind, organisation, formats, choose, choices, first, why)


# ---- what happens next, when the person is called in (R19, R23) -----------------------------------------------

_UNMET = (ObligationState.OPEN, ObligationState.DUE_SOON, ObligationState.OVERDUE)

# What the person reads, by who calls in and whether the deadline is ahead, a projection, passed or not set.
_CALLED_IN_FIRST = {
    "due": N_("Din a-kasse indkalder dig til din første jobsamtale. Samtalen skal holdes senest %(day)s."),
    "overdue": N_("Din a-kasse skulle have holdt din første jobsamtale senest %(day)s. Den skal indkalde dig hurtigst muligt."),
}
_CALLED_IN = {
    (Organisation.AKASSE, "due"): N_("Din a-kasse indkalder dig til dine jobsamtaler. Den næste skal holdes senest %(day)s."),
    (Organisation.AKASSE, "projected"): N_("Din a-kasse indkalder dig til dine jobsamtaler. Den næste skal efter planen holdes senest %(day)s."),
    (Organisation.AKASSE, "overdue"): N_("Din a-kasse indkalder dig til dine jobsamtaler. Den næste skulle have været holdt senest %(day)s, så a-kassen skal indkalde dig hurtigst muligt."),
    (Organisation.AKASSE, "open"): N_("Din a-kasse indkalder dig til dine jobsamtaler, når der skal holdes en samtale."),
    (Organisation.JOBCENTER, "due"): N_("Jobcentret indkalder dig til dine jobsamtaler. Den næste skal holdes senest %(day)s."),
    (Organisation.JOBCENTER, "projected"): N_("Jobcentret indkalder dig til dine jobsamtaler. Den næste skal efter planen holdes senest %(day)s."),
    (Organisation.JOBCENTER, "overdue"): N_("Jobcentret indkalder dig til dine jobsamtaler. Den næste skulle have været holdt senest %(day)s, så jobcentret skal indkalde dig hurtigst muligt."),
    (Organisation.JOBCENTER, "open"): N_("Jobcentret indkalder dig til dine jobsamtaler, når der skal holdes en samtale."),
}
_ALREADY_CALLED_IN = N_("Du er indkaldt til din næste jobsamtale %(day)s. Du kan se den under Dine kommende samtaler.")


# Whom to ask to move an interview the person may not move themselves (the page shows how to reach them).
_CALLED_IN_CHANGE = {
    Organisation.AKASSE: N_("Du er indkaldt til denne samtale. Kontakt din a-kasse, hvis du vil flytte eller aflyse den."),
    Organisation.JOBCENTER: N_("Du er indkaldt til denne samtale. Kontakt jobcentret, hvis du vil flytte eller aflyse den."),
}
_RAISED_CHANGE = {
    Organisation.AKASSE: N_("Din sagsbehandler har besluttet, at samtalen skal holdes ved personligt fremmøde. Kontakt din a-kasse, hvis du vil flytte den."),
    Organisation.JOBCENTER: N_("Din sagsbehandler har besluttet, at samtalen skal holdes ved personligt fremmøde. Kontakt jobcentret, hvis du vil flytte den."),
}


def _next_obligation(evaluation: Evaluation, organisation: Organisation) -> Obligation | None:
    """The organisation's unmet interview obligation with the earliest deadline (one without a deadline last)."""
    unmet = [
        o for o in evaluation.obligations
        if o.organisation is organisation and o.kind is not None and o.state in _UNMET
    ]
    return min(unmet, key=lambda o: (o.due is None, o.due or date.min), default=None)


def _booked_with(course: Course, on: date, organisation: Organisation) -> date | None:
    """The day of the person's next booked job interview with the organisation from ``on``, if any."""
    days = [
        day for i in job_interviews(course)
        if i.status is InterviewStatus.BOOKED and i.organisation is organisation and (day := local_date(i.start)) >= on
    ]
    return min(days, default=None)


def call_in(course: Course, evaluation: Evaluation) -> CallIn | None:
    """What happens next for a person who may not book their next interview themselves, and by when.

    Called in first (R19): the a-kasse calls the person in to the first interview, to be held by R6's deadline.
    Self-booking revoked or exempt from it (R23): the responsible organisation (R1) calls the person in to each
    interview, the next by the earliest deadline of its obligations not yet met (R6-R9, R12, R25, R28). A booked
    interview with that organisation is the next step itself. None when the person may book (or, exempt from
    interviews under R26, has none to attend: :func:`blocking_reason` says until when).
    """
    on = evaluation.on
    if self_booking_block(course, on) is not None:
        rule, organisation = "R23", evaluation.responsibility.organisation
        obligation = _next_obligation(evaluation, organisation)
    elif any(r.reason.rule == "R19" for r in evaluation.citizen.refusals):
        rule, organisation = "R19", Organisation.AKASSE
        obligation = next((o for o in evaluation.obligations if o.rule == "R6" and o.state in _UNMET), None)
    else:
        return None
    booked = _booked_with(course, on, organisation)
    due = obligation.due if obligation is not None else None
    projected = obligation is not None and obligation.due_projected
    also = (obligation.rule,) if obligation is not None and obligation.rule != rule else ()
    if booked is not None:
        why = reason(rule, _ALREADY_CALLED_IN, day=booked)
    elif due is None:
        why = reason(rule, _CALLED_IN[(organisation, "open")], also=also)
    else:
        case = "overdue" if due < on else "projected" if projected else "due"
        text = _CALLED_IN_FIRST["overdue" if due < on else "due"] if rule == "R19" else _CALLED_IN[(organisation, case)]
        why = reason(rule, text, day=due, also=also)
    return CallIn(organisation, due, projected, booked, why)


def _is_first(course: Course, interview: Interview) -> bool:
    first = first_interview(course)
    return first is not None and first.id == interview.id


CANDIDATES = (
    (InterviewKind.JOBSAMTALE, Organisation.AKASSE),
    (InterviewKind.JOBSAMTALE, Organisation.JOBCENTER),
    (InterviewKind.FAELLESSAMTALE, Organisation.JOBCENTER),
)


def citizen_permissions(course: Course, on: date) -> CitizenPermissions:
    """What the person may self-book on ``on``, with formats and a-kasse participation, and what not and why."""
    blocked = blocking_reason(course, on)
    if blocked is not None:
        return CitizenPermissions(False, (), (Refusal(None, None, blocked),))
    options: list[BookingOption] = []
    refusals: list[Refusal] = []
    for kind, organisation in CANDIDATES:
        result = assess(course, on, kind, organisation, on)
        if isinstance(result, BookingOption):
            options.append(result)
        else:
            refusals.append(Refusal(kind, organisation, result))
    return CitizenPermissions(bool(options), tuple(options), tuple(refusals))


def _still_needed(course: Course, on: date, organisation: Organisation) -> int:
    """How many more interviews the organisation's open obligations need held (R6–R9, R12): the most any one of
    them lacks. Control-action interviews (R25) are called in and not counted here."""
    lacking = [
        o.required - o.held - o.held_late
        for o in obligations(course, on)
        if o.organisation is organisation and o.kind is not None and o.rule != "R25"
        and o.state not in (ObligationState.MET, ObligationState.HELD_LATE)
    ]
    return max(lacking, default=0)


def open_bookings(course: Course, on: date, organisation: Organisation) -> tuple[Interview, ...]:
    """The person's booked, not yet held job interviews with ``organisation`` on ``on`` or later (not those
    answering a control action, R25), earliest first."""
    return tuple(
        i for i in job_interviews(course)
        if i.status is InterviewStatus.BOOKED and i.organisation is organisation
        and i.control_action_id is None and local_date(i.start) >= on
    )


def open_booking(course: Course, on: date, organisation: Organisation) -> Interview | None:
    """The first of the person's booked interviews with ``organisation`` when they already hold as many as its
    obligations still need (at least one): then another is not self-booked, the person moves one instead.

    The contact course is one interview after the other: the person books the interviews the course needs (R6–R9,
    R12), and after that one at a time when they ask (R11) — LAB § 34, stk. 1 (R20). Bookings beyond what the
    course needs, or several close together, are what LAB § 35 (R23) names as keeping the course from being
    carried out as intended: so the portal never lets them stack.
    """
    booked = open_bookings(course, on, organisation)
    if booked and len(booked) >= max(1, _still_needed(course, on, organisation)):
        return booked[0]
    return None


def one_open_booking_reason(course: Course, on: date, organisation: Organisation, first: Interview) -> Reason:
    """R20 (and R23): the person already holds the booked interviews the obligation needs."""
    count = len(open_bookings(course, on, organisation))
    if count <= 1:
        return reason(
            "R20",
            N_("Du har allerede booket en samtale %(when)s. Du kan booke den næste, når den er holdt. Vil du have en anden tid, så flyt den samtale, du har."),
            when=first.start,
            also=("R23",),
        )
    return reason(
        "R20",
        N_("Du har allerede booket de %(count)s samtaler, du mangler lige nu. Den første er %(when)s. Du kan booke en ny, når en af dem er holdt. Vil du have en anden tid, så flyt en af dem."),
        count=count,
        when=first.start,
        also=("R23",),
    )


def booking_horizon(course: Course, on: date, organisation: Organisation) -> tuple[date, Reason] | None:
    """The last day the person can self-book with ``organisation`` because of the law, and why (None: no such day).

    R1: the a-kasse holds the job interviews until the hand-over (R2; projected while the hours are not yet
    registered, R3); after that the jobcenter does, and the person books with the jobcenter.
    """
    if organisation is not Organisation.AKASSE or old_rules(course) or referred_r4(course, on):
        return None
    moment = handover(course, on)
    message = (
        N_("Vi forventer, at din a-kasse har ansvaret for dine jobsamtaler til og med %(day)s. Derefter overtager jobcentret, og så booker du dine samtaler hos jobcentret.")
        if moment.projected
        else N_("Din a-kasse har ansvaret for dine jobsamtaler til og med %(day)s. Derefter overtager jobcentret, og så booker du dine samtaler hos jobcentret.")
    )
    return moment.day, reason("R1", message, day=moment.day, also=("R2",))


def check_self_booking(
    course: Course,
    on: date,
    kind: InterviewKind,
    organisation: Organisation,
    format: Format,
    start: datetime,
    akasse_participation: AkasseParticipation | None = None,
) -> Verdict:
    """May the person self-book this interview at ``start`` in ``format`` with this a-kasse participation?"""
    result = assess(course, on, kind, organisation, local_date(start), start)
    if isinstance(result, Reason):
        return Verdict(False, result)
    booked = open_booking(course, on, organisation)
    if booked is not None:
        return Verdict(False, one_open_booking_reason(course, on, organisation, booked))
    if format not in result.formats:
        return Verdict(False, reason("R15", FIRST_IN_PERSON))
    participation = akasse_participation
    if kind is InterviewKind.JOBSAMTALE and participation in (None, AkasseParticipation.NONE):
        return Verdict(True, result.reason)
    if (
        participation is AkasseParticipation.IN_PERSON
        and participation in result.akasse_participation_choices
        and participation not in result.participation_choices(format)
    ):
        return Verdict(
            False,
            reason(
                "R18",
                N_("Din a-kasse kan kun møde op sammen med dig, når samtalen holdes ved personligt fremmøde. Vælg personligt fremmøde, eller lad a-kassen deltage på video."),
            ),
        )
    if participation is None or participation not in result.akasse_participation_choices:
        return Verdict(
            False,
            reason(
                "R10" if kind is InterviewKind.JOBSAMTALE else "R18",
                N_("Vælg, om din a-kasse skal deltage i samtalen, og om den deltager på video eller ved fremmøde."),
                also=("R10", "R18"),
            ),
        )
    return Verdict(True, result.reason)


def check_citizen_change(course: Course, on: date, interview: Interview, now: datetime) -> Verdict:
    """May the person rebook or cancel this interview themselves?

    Only their own self-booked, still booked, future interview whose format no caseworker raised (R17) and to
    which they were not called in (R19, R21, R23, R25). The organisations' rebooking deadlines are the booking
    services' concern.

    R15: not the first interview while the next one booked is by phone or video — cancelling it, or moving it
    after that one, would make a phone or video interview the first, which must be in person and which nobody
    may then change without a caseworker's correction. The person changes or cancels the next one first. (The
    answer does not know the new time of a rebooking, so moving it earlier is refused too; that is the price of
    one simple answer.) A first interview that is *missed* leaves the same situation without the person's doing;
    for that, the responsible organisation may raise the new first interview to in person and the evaluation
    flags it (:func:`scheduling.rules.notices.first_interview_not_in_person`). Both together close the gap.
    """
    current = next((i for i in course.interviews if i.id == interview.id), interview)
    if current.status is not InterviewStatus.BOOKED or current.start <= now:
        return Verdict(
            False,
            reason("R20", N_("Samtalen er ikke længere booket eller er allerede begyndt, så den kan ikke ændres.")),
        )
    if current.booked_by is BookedBy.CALLED_IN:
        rule = "R23"
        if current.control_action_id is not None:
            rule = "R25"
        elif current.organisation is Organisation.AKASSE and _is_first(course, current):
            rule = "R19"
        elif current.kind is InterviewKind.FAELLESSAMTALE:
            rule = "R21"
        return Verdict(
            False,
            reason(rule, _CALLED_IN_CHANGE[current.organisation]),
        )
    if current.format_raised:
        return Verdict(
            False,
            reason("R17", _RAISED_CHANGE[current.organisation]),
        )
    blocked = blocking_reason(course, on)
    if blocked is not None:
        return Verdict(False, blocked)
    if _next_would_be_first_by_phone_or_video(course, current):
        return Verdict(
            False,
            reason(
                "R15",
                N_("Din første jobsamtale skal holdes ved personligt fremmøde. Flytter eller aflyser du den, bliver din næste samtale den første, og den er ikke ved personligt fremmøde. Ændr først den næste samtale til personligt fremmøde, eller aflys den."),
            ),
        )
    return Verdict(
        True,
        reason("R20", N_("Du har selv booket samtalen og kan flytte eller aflyse den.")),
    )


def _next_would_be_first_by_phone_or_video(course: Course, interview: Interview) -> bool:
    """R15: ``interview`` is the first interview and the next one booked is by phone or video."""
    if not _is_first(course, interview):
        return False
    later = [i for i in job_interviews(course) if i.id != interview.id]
    return bool(later) and later[0].format is not Format.PERSONLIGT


# ---- the format step: what fits a chosen time ----------------------------------------------------------------


@dataclass(frozen=True)
class FormatChoices:
    """What the person chooses among, for a kind of interview they may book, once they have chosen a time.

    ``participations`` is empty when the a-kasse's participation is not asked (it is asked for the joint
    interviews of R10 and R12). ``not_at_this_time`` are participations R18 allows but the chosen time's
    timeslot does not (R22): the person gets them by choosing another time.
    """

    asks_participation: bool
    formats: tuple[Format, ...]
    participations: tuple[AkasseParticipation, ...]
    not_at_this_time: tuple[AkasseParticipation, ...]

    @property
    def fixed_participation(self) -> AkasseParticipation | None:
        """The one participation that fits the time: taken as chosen, not asked."""
        return self.participations[0] if len(self.participations) == 1 else None

    @property
    def nothing_fits(self) -> bool:
        """The participation must be chosen, but none fits the time: another time must be chosen."""
        return self.asks_participation and not self.participations

    def offers_participation(self, value: str | None) -> bool:
        """Whether ``value`` (a form's raw value) is one of the participations offered at this time."""
        return value in {p.value for p in self.participations}


def format_choices(option: BookingOption, agreed: AkasseParticipation | None) -> FormatChoices:
    """The formats (R15, R16) and a-kasse participations (R10, R12, R18) open for ``option`` at a time whose
    agreed timeslot has the a-kasse take part as ``agreed`` (R22; None outside timeslots): only the
    participations that fit the timeslot, and only the formats open with one of them (R18: the a-kasse attends
    in person only with the person)."""
    # imported here, not at the top: scheduling.slots brings holidays, which explain never needs
    from scheduling.slots import participation_fits

    asks = option.must_choose_akasse_participation
    allowed = option.akasse_participation_choices if asks else ()
    fitting = allowed if agreed is None else tuple(p for p in allowed if participation_fits(agreed, p))
    formats = (
        tuple(f for f in option.formats if set(fitting) & set(option.participation_choices(f)))
        if fitting
        else option.formats
    )
    return FormatChoices(
        asks_participation=asks,
        formats=formats,
        participations=fitting,
        not_at_this_time=tuple(p for p in allowed if p not in fitting),
    )
