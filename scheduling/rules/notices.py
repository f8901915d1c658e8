"""Things to know about a course on a day that are neither obligations nor permissions (R11, R13, R15, R25, R26, R28)."""

from __future__ import annotations

from datetime import date

from scheduling import parameters as P
from scheduling.course import Course, Format, InterviewStatus, Organisation
from scheduling.labels import ORGANISATION
from scheduling.reasons import N_, Reason
from scheduling.rules.catalogue import reason
from scheduling.rules.control import control_notices
from scheduling.rules.facts import (
    exemption_in_force,
    exemption_window,
    first_interview,
    lapsed_revocation,
    local_date,
    old_rules,
)
from scheduling.rules.responsibility import responsible_on, unemployed_months_on


def first_interview_not_in_person(course: Course, on: date) -> Reason | None:
    """R15: the first interview still to be held is booked by phone or video, so it must be raised to in person.

    It happens when an earlier first interview is cancelled or missed and a later one becomes the first. The
    organisation responsible on the interview's day raises it (``RAISE_FORMAT`` is allowed for exactly this).
    """
    first = first_interview(course)
    if first is None or first.format is Format.PERSONLIGT or first.status is not InterviewStatus.BOOKED:
        return None
    day = local_date(first.start)
    if day < on:
        return None  # already past: it is recorded, not raised
    responsible = responsible_on(course, on, day)
    return reason(
        "R15",
        N_("Den første jobsamtale den %(day)s er ikke booket til personligt fremmøde, men den skal holdes ved personligt fremmøde. Samtaleformen skal ændres af %(organisation)s."),
        {"day": day, "organisation": ORGANISATION[responsible]},
    )


def notices(course: Course, on: date) -> tuple[Reason, ...]:
    """Repatriation guidance, an exemption in force, the time after 6 months, old rules, stay-abroad offers."""
    result: list[Reason] = []
    exemption = exemption_in_force(course, on)
    if exemption is not None:
        end = exemption_window(exemption)[1]
        if end is None:
            result.append(reason("R26", N_("Du er fritaget for jobsøgning, jobsamtaler og tilbud. Der er ingen slutdato for fritagelsen. Så længe den gælder, løber ingen frister.")))
        else:
            result.append(reason("R26", N_("Du er fritaget for jobsøgning, jobsamtaler og tilbud til og med %(day)s. Så længe fritagelsen gælder, løber ingen frister."), {"day": end}))
    earlier = lapsed_revocation(course, on)
    if earlier is not None:
        result.append(reason("R23", N_("Din a-kasse tog den %(day)s din ret til selv at booke jobsamtaler fra dig. Den afgørelse gælder ikke længere, fordi jobcentret nu har ansvaret for dine samtaler. Du kan selv booke dine samtaler hos jobcentret, medmindre jobcentret beslutter noget andet."), {"day": earlier.made_on}))
    first = first_interview_not_in_person(course, on)
    if first is not None:
        result.append(first)
    if course.repatriation:
        result.append(reason("R13", N_("Ved hver jobsamtale skal du have vejledning om muligheden for at vende tilbage til dit hjemland (repatriering).")))
    if old_rules(course):
        result.append(reason("R28", N_("Dit forløb følger reglerne fra før 1. januar 2024, fordi du blev ledig før da.")))
    elif course.old_rules:
        result.append(reason("R28", N_("Du meldte dig ledig igen efter 1. januar 2024. Derfor gælder de nye regler for dit forløb.")))
    else:
        six = unemployed_months_on(course, on, P.FIRST_PERIOD_MONTHS.on(on))
        # the time after 6 months is the jobcenter's (LAB § 32, stk. 1): not while the a-kasse is still responsible
        if on > six.day and responsible_on(course, on) is Organisation.JOBCENTER:
            result.append(reason("R11", N_("Du har været ledig i mere end %(months)s måneder. Du aftaler dit forløb med jobcentret og har ret til en jobsamtale, når du beder om det."), months=P.FIRST_PERIOD_MONTHS.on(on)))
    result.extend(control_notices(course, on))
    return tuple(result)
