"""The caseworker's forms. Labels and messages are Danish message ids; messages say what to do.

The forms check only the shape of the input (filled in, a date, a number); whether the action is allowed is
the rules core's answer, given by the service the view calls.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.forms import DateField, Form
from portal.i18n import LawNumber
from portal.labels import FORMAT_LABELS, KIND_LABELS, PARTICIPATION_LABELS
from scheduling import parameters as P
from scheduling.course import AkasseParticipation, ExemptionGround, Format, HourKind, InterviewKind
from scheduling.rules.catalogue import basis
from scheduling.services.availability import (
    CONTACT_LIMITS,
    EMAIL_PATTERN,
    NO_WRITTEN_CONTACT,
    TOO_LONG,
    WRONG_EMAIL,
    WRONG_PHONE,
    WRONG_URL,
    is_contact_url,
    is_phone,
)

WEEKDAYS = (
    _l("Mandag"),
    _l("Tirsdag"),
    _l("Onsdag"),
    _l("Torsdag"),
    _l("Fredag"),
    _l("Lørdag"),
    _l("Søndag"),
)

EXEMPTION_LABELS = {
    ExemptionGround.NR1_JOB_LEAVE_OR_PENSION: _l("Nr. 1: job, flexjob, barsel, efterløn eller pension inden for %(weeks)s uger", weeks=LawNumber(P.EXEMPTION_WEEKS)),
    ExemptionGround.NR2_WEATHER_OR_MATERIALS: _l("Nr. 2: hjemsendt på grund af vejrlig eller materialemangel"),
    ExemptionGround.NR3_WORK_SHARING: _l("Nr. 3: arbejdsfordeling (de første %(weeks)s uger)", weeks=LawNumber(P.WORK_SHARING_WEEKS)),
    ExemptionGround.NR4_EDUCATION: _l("Nr. 4: fuldtidsuddannelse inden for %(weeks)s uger", weeks=LawNumber(P.EXEMPTION_WEEKS)),
}
REVOCATION_LABELS = {
    "booket_anderledes": _l("Personen har booket på en anden måde end aftalt (%(basis)s)", basis=basis("R23", "nr1")),
    "forhindrer_forloeb": _l("Personen har booket på en måde, der forhindrer, at kontaktforløbet kan gennemføres som tilsigtet (%(basis)s)", basis=basis("R23", "nr2")),
}
SELF_BOOKING_EXEMPTION_LABELS = {
    "sprog": _l("Sprog"),
    "it": _l("Svage it-færdigheder"),
    "handicap": _l("Et handicap"),
    "tolk": _l("Behov for tolk"),
}
# The ground is written into the record in Danish, the language of the case file.
SELF_BOOKING_EXEMPTION_DANISH = {"sprog": "Sprog", "it": "Svage it-færdigheder", "handicap": "Et handicap", "tolk": "Behov for tolk"}

REASON_MAX = 2000


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes (several may be chosen)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CallInForm(Form):
    kind = RadioField(_l("Samtale"), validators=[InputRequired(_l("Vælg, hvilken samtale personen indkaldes til"))])
    start = RadioField(_l("Tid"), validators=[InputRequired(_l("Vælg en ledig tid"))])
    format = RadioField(
        _l("Samtaleform"),
        choices=[(f.value, FORMAT_LABELS[f]) for f in Format],
        validators=[InputRequired(_l("Vælg samtaleformen"))],
    )
    akasse_participation = RadioField(
        _l("A-kassens deltagelse (kun fælles jobsamtale)"),
        choices=[(p.value, PARTICIPATION_LABELS[p]) for p in AkasseParticipation],
        default=AkasseParticipation.NONE.value,
        validators=[Optional()],
    )
    control_action = SelectField(_l("Indkaldelse efter en kontrolaktion (R25)"), validators=[Optional()])
    message = TextAreaField(
        _l("Besked til personen (valgfri)"),
        validators=[Optional(), Length(max=REASON_MAX, message=_l("Skriv højst 2000 tegn"))],
    )


def reason_field(label: Any, missing: Any, description: Any = "") -> TextAreaField:
    """A required reason of at most REASON_MAX characters; ``missing`` says what to write."""
    return TextAreaField(
        label,
        description=description,
        validators=[DataRequired(missing), Length(max=REASON_MAX, message=_l("Skriv højst 2000 tegn"))],
    )


class RaiseFormatForm(Form):
    reason = reason_field(
        _l("Den konkrete begrundelse"),
        _l("Skriv den konkrete begrundelse for, at samtalen skal holdes ved personligt fremmøde"),
    )


class CancelInterviewForm(Form):
    reason = reason_field(
        _l("Hvorfor aflyses samtalen?"),
        _l("Skriv, hvorfor samtalen aflyses"),
        _l("Begrundelsen registreres i loggen. Personen får besked om, at samtalen er aflyst."),
    )


class RecordInterviewForm(Form):
    outcome = RadioField(
        _l("Blev samtalen holdt?"),
        choices=[("held", _l("Ja, samtalen er holdt")), ("missed", _l("Nej, personen udeblev"))],
        validators=[InputRequired(_l("Vælg, om samtalen blev holdt"))],
    )
    repatriation_guidance = BooleanField(_l("Vejledning om repatriering er givet (R13, %(basis)s)", basis=basis("R13")))
    min_plan = BooleanField(_l("Min Plan er introduceret og udarbejdet (R14)"))
    joblog = BooleanField(_l("Jobloggen er gennemgået (R14)"))
    cv = BooleanField(_l("CV'et er fuldstændigt (R14, %(basis)s)", basis=basis("R14", "cv")))
    intensified_effort_offered = BooleanField(_l("Obligatorisk intensiveret indsats er tilbudt (R12)"))
    note = TextAreaField(
        _l("Egen note (vises ikke for personen)"),
        validators=[Optional(), Length(max=REASON_MAX, message=_l("Skriv højst 2000 tegn"))],
    )


CHECKLIST_ITEMS = ("repatriation_guidance", "min_plan", "joblog", "cv", "intensified_effort_offered")


class RevokeForm(Form):
    ground = RadioField(
        _l("Grundlaget for afgørelsen"),
        choices=list(REVOCATION_LABELS.items()),
        validators=[InputRequired(_l("Vælg grundlaget for afgørelsen"))],
    )
    assessment = reason_field(_l("Din konkrete vurdering"), _l("Skriv din konkrete vurdering af sagen"))
    confirmed = HiddenField()


class AssessmentForm(Form):
    """One required text: the reason or assessment a decision or registration needs."""

    assessment = reason_field(_l("Begrundelse"), _l("Skriv en begrundelse"))


def assessment_form(label: Any, missing: Any) -> type[AssessmentForm]:
    """An :class:`AssessmentForm` whose text is called ``label``, and whose message when it is left empty names it
    in the same words (``missing``): "Din vurdering" → "Skriv din vurdering"."""
    return type("AssessmentForm", (AssessmentForm,), {"assessment": reason_field(label, missing)})


class SelfBookingExemptionForm(Form):
    ground = RadioField(
        _l("Hvorfor skal personen ikke selv booke?"),
        choices=list(SELF_BOOKING_EXEMPTION_LABELS.items()),
        validators=[InputRequired(_l("Vælg, hvorfor personen ikke selv skal booke"))],
    )
    assessment = reason_field(_l("Begrundelse"), _l("Skriv en begrundelse for, at personen ikke selv skal booke"))


class ConfirmForm(Form):
    """Only the CSRF token: an action without input, confirmed with a button."""


class ControlActionForm(Form):
    received_on = DateField(_l("Modtaget den"), validators=[InputRequired(_l("Skriv, hvornår kontrolaktionen er modtaget, som åååå-mm-dd"))])
    stay_abroad = BooleanField(_l("Tvivlen handler om ophold i udlandet (samtale hver %(days)s. dag, %(basis)s)", days=LawNumber(P.STAY_ABROAD_INTERVAL_DAYS), basis=basis("R25", "stk2")))
    authority = StringField(
        _l("Myndighed (valgfri)"), validators=[Optional(), Length(max=200, message=_l("Skriv højst 200 tegn"))]
    )


class ExemptionForm(Form):
    ground = RadioField(
        _l("Grundlag (%(basis)s)", basis=basis("R26")),
        choices=[(g.value, EXEMPTION_LABELS[g]) for g in ExemptionGround],
        validators=[InputRequired(_l("Vælg grundlaget for fritagelsen"))],
    )
    starts_on = DateField(_l("Fritaget fra"), validators=[InputRequired(_l("Skriv, fra hvilken dag personen er fritaget, som åååå-mm-dd"))])
    ends_on = DateField(_l("Fritaget til og med (valgfri)"), validators=[Optional()])
    event_on = DateField(
        _l("Dokumenteret dato for job, uddannelse m.m. Ved arbejdsfordeling: dagen, personen kom på ordningen"),
        validators=[Optional()],
    )
    documentation = TextAreaField(
        _l("Dokumentation"), validators=[Optional(), Length(max=REASON_MAX, message=_l("Skriv højst 2000 tegn"))]
    )

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        valid = super().validate(extra_validators)
        # R26 nr. 3: the 6 weeks run from the day the person is covered by the scheme (LAB § 106, stk. 2); the
        # field is optional for the other grounds, so its own validators stop before an inline check would run
        field = self.event_on
        if self.ground.data == ExemptionGround.NR3_WORK_SHARING.value and field.data is None and not field.errors:
            field.errors = [*field.errors, _l("Skriv dagen, personen kom på arbejdsfordeling, som åååå-mm-dd. De %(weeks)s uger regnes fra den dag", weeks=LawNumber(P.WORK_SHARING_WEEKS))]
            valid = False
        return valid


class HoursForm(Form):
    registered_on = DateField(_l("Registreret den"), validators=[InputRequired(_l("Skriv, hvornår timerne er registreret, som åååå-mm-dd"))])
    period_start = DateField(_l("Perioden starter"), validators=[InputRequired(_l("Skriv, hvornår perioden starter, som åååå-mm-dd"))])
    period_end = DateField(_l("Perioden slutter"), validators=[InputRequired(_l("Skriv, hvornår perioden slutter, som åååå-mm-dd"))])
    hours = StringField(
        _l("Timer"),
        validators=[
            DataRequired(_l("Skriv antallet af timer")),
            Regexp(r"^\s*\d{1,4}([.,]\d{1,2})?\s*$", message=_l("Skriv antallet af timer som et tal, fx 148,0")),
        ],
    )
    kind = RadioField(
        _l("Slags timer"),
        choices=[(HourKind.DAGPENGE.value, _l("Dagpenge")), (HourKind.LOENTILSKUD.value, _l("Løntilskud"))],
        default=HourKind.DAGPENGE.value,
        validators=[InputRequired(_l("Vælg slags timer"))],
    )


class WorkingHoursForm(Form):
    """Start and end per weekday (one interval a day); a day left empty is not a working day."""

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        valid = super().validate(extra_validators)
        for day in range(7):
            start, end = self[f"start_{day}"], self[f"end_{day}"]
            if (start.data is None) != (end.data is None):
                missing = end if end.data is None else start
                missing.errors = [*missing.errors, _l("Skriv både start og slut, eller lad begge stå tomme")]
                valid = False
        return valid

    def entries(self) -> list[tuple[int, time, time]]:
        """(weekday, start, end) of the days filled in."""
        return [
            (day, self[f"start_{day}"].data, self[f"end_{day}"].data)
            for day in range(7)
            if self[f"start_{day}"].data is not None
        ]


for _day in range(7):
    setattr(WorkingHoursForm, f"start_{_day}", TimeField(_l("%(day)s fra", day=WEEKDAYS[_day]), validators=[Optional()]))
    setattr(WorkingHoursForm, f"end_{_day}", TimeField(_l("%(day)s til", day=WEEKDAYS[_day]), validators=[Optional()]))


class OfferForm(Form):
    kinds = MultiCheckboxField(
        _l("Samtaler, jeg holder"),
        # the people self-book these; the old rules' CV interview is only called in to (R28)
        choices=[(k.value, KIND_LABELS[k]) for k in InterviewKind if k is not InterviewKind.CVSAMTALE],
        validators=[DataRequired(_l("Vælg mindst én slags samtale"))],
    )
    formats = MultiCheckboxField(
        _l("Samtaleformer, jeg tilbyder"),
        choices=[(f.value, FORMAT_LABELS[f]) for f in Format],
        validators=[DataRequired(_l("Vælg mindst én samtaleform"))],
    )


class AbsenceForm(Form):
    start_day = DateField(_l("Fra dato"), validators=[InputRequired(_l("Skriv startdatoen som åååå-mm-dd"))])
    start_time = TimeField(_l("Fra klokken"), default=None, validators=[Optional()])
    end_day = DateField(_l("Til dato"), validators=[InputRequired(_l("Skriv slutdatoen som åååå-mm-dd"))])
    end_time = TimeField(_l("Til klokken"), validators=[Optional()])
    note = StringField(_l("Note (valgfri)"), validators=[Optional(), Length(max=200, message=_l("Skriv højst 200 tegn"))])


class ClosureForm(Form):
    day = DateField(_l("Dato"), validators=[InputRequired(_l("Skriv datoen som åååå-mm-dd"))])
    from_time = TimeField(_l("Fra klokken (valgfri)"), default=None, validators=[Optional()])
    to_time = TimeField(_l("Til klokken (valgfri)"), default=None, validators=[Optional()])
    note = StringField(_l("Note (valgfri)"), validators=[Optional(), Length(max=200, message=_l("Skriv højst 200 tegn"))])


class ProposeTimeslotForm(Form):
    akasse = SelectField(_l("A-kasse"), validators=[InputRequired(_l("Vælg a-kassen"))])
    weekday = SelectField(
        _l("Ugedag"),
        choices=[(str(i), name) for i, name in enumerate(WEEKDAYS[:5])],
        validators=[InputRequired(_l("Vælg ugedagen"))],
    )
    start = TimeField(_l("Fra klokken"), validators=[InputRequired(_l("Skriv klokkeslættet, hvor tidsrummet begynder, som tt:mm"))])
    end = TimeField(_l("Til klokken"), validators=[InputRequired(_l("Skriv klokkeslættet, hvor tidsrummet slutter, som tt:mm"))])
    valid_from = DateField(_l("Gælder fra"), validators=[InputRequired(_l("Skriv, fra hvilken dag tidsrummet gælder, som åååå-mm-dd"))])
    valid_to = DateField(_l("Gælder til (valgfri)"), validators=[Optional()])
    akasse_participation = RadioField(
        _l("A-kassens deltagelse"),
        choices=[(p.value, PARTICIPATION_LABELS[p]) for p in (AkasseParticipation.VIDEO, AkasseParticipation.IN_PERSON)],
        validators=[InputRequired(_l("Vælg, hvordan a-kassen deltager"))],
    )


class EndTimeslotForm(Form):
    """End an accepted timeslot from a day (R22, issue 14); one per timeslot on the page (a prefix each)."""

    ended_from = DateField(
        _l("Afslut fra og med"),
        description=_l("Fra den dato kan der ikke bookes nye fælles jobsamtaler i tidsrummet. Samtaler, der allerede er booket, bliver holdt. Skriv datoen som åååå-mm-dd."),
        validators=[InputRequired(_l("Skriv datoen, tidsrummet skal afsluttes fra, som åååå-mm-dd"))],
    )


def _phone(field: StringField) -> None:
    """A phone number as the service accepts it (:func:`~scheduling.services.availability.is_phone`)."""
    if not is_phone((field.data or "").strip()):
        raise ValidationError(_l(WRONG_PHONE))


# R21: how a kind of joint interview is booked; the values are what the settings view reads.
JOINT_BOOKING_CHOICES = [
    ("selvbooking", _l("Personen booker selv (i de aftalte tidsrum)")),
    ("indkaldelse", _l("Jobcentret indkalder")),
]


class OrganisationSettingsForm(Form):
    """The organisation's booking deadlines (issue 3), address and, for a jobcenter, R21's choice per kind of
    joint interview."""

    book_by_days = StringField(
        _l("Frist for at booke (dage)"),
        description=_l(
            "Hvor mange dage før den dag, samtalen senest skal holdes, personen skal have booket. Mindst %(days)s dage. "
            "Personen ser fristen som »Book senest« under Mine samtaler.",
            days=LawNumber(P.BOOK_BY_MIN_DAYS),
        ),
        validators=[
            InputRequired(_l("Skriv fristen for at booke som et antal dage, fx 8")),
            Regexp(r"^\s*\d{1,3}\s*$", message=_l("Skriv antallet af dage som et helt tal, fx 8")),
        ],
    )
    change_deadline_hours = StringField(
        _l("Frist for at flytte eller aflyse (timer)"),
        description=_l(
            "Hvor mange timer før samtalen personen senest selv kan flytte eller aflyse en samtale, de selv har booket. "
            "0 betyder: indtil samtalen begynder."
        ),
        validators=[
            InputRequired(_l("Skriv fristen for at flytte eller aflyse som et antal timer, fx 24")),
            Regexp(r"^\s*\d{1,3}\s*$", message=_l("Skriv antallet af timer som et helt tal, fx 24")),
        ],
    )
    address = StringField(
        _l("Adresse ved personligt fremmøde"),
        description=_l("Hvor personen skal møde op. Adressen står i indkaldelser, kvitteringer og kalenderfiler."),
        validators=[
            DataRequired(_l("Skriv adressen, hvor personen skal møde op, fx Demovej 1, 8000 Aarhus C")),
            Length(max=300, message=_l("Skriv højst 300 tegn")),
        ],
    )
    # Issue 13: whom the person contacts, and what they need to know to attend; the service checks them again.
    phone = StringField(
        _l("Telefonnummer"),
        description=_l("Det nummer, personen kan ringe til. Det står overalt, hvor personen bliver bedt om at kontakte jer."),
        validators=[
            DataRequired(_l("Skriv telefonnummeret, fx 70 20 30 40")),
            lambda _form, field: _phone(field),
        ],
    )
    opening_hours = StringField(
        _l("Telefontider (valgfri)"),
        description=_l("Hvornår telefonen er åben, fx Mandag-torsdag 9-15, fredag 9-12."),
        validators=[Optional(), Length(max=CONTACT_LIMITS["opening_hours"], message=_l(TOO_LONG, count=CONTACT_LIMITS["opening_hours"]))],
    )
    email = StringField(
        _l("E-mail (valgfri, hvis I har en kontaktformular)"),
        validators=[
            Optional(),
            Regexp(EMAIL_PATTERN, message=_l(WRONG_EMAIL)),
            Length(max=CONTACT_LIMITS["email"], message=_l(TOO_LONG, count=CONTACT_LIMITS["email"])),
        ],
    )
    contact_url = StringField(
        _l("Kontaktformular (valgfri, hvis I har en e-mail)"),
        description=_l("Den fulde adresse på jeres kontaktformular, fx https://www.eksempel.dk/kontakt."),
        validators=[Optional(), Length(max=CONTACT_LIMITS["contact_url"], message=_l(TOO_LONG, count=CONTACT_LIMITS["contact_url"]))],
    )
    reception = StringField(
        _l("Når personen møder op (valgfri)"),
        description=_l("Hvor personen melder sig eller venter, fx Meld dig i receptionen i stuen. Står ved samtaler med personligt fremmøde."),
        validators=[Optional(), Length(max=CONTACT_LIMITS["reception"], message=_l(TOO_LONG, count=CONTACT_LIMITS["reception"]))],
    )
    what_to_bring = StringField(
        _l("Det skal personen have med (valgfri)"),
        description=_l("Fx Tag dit CV og dit sygesikringskort med. Står ved samtaler med personligt fremmøde."),
        validators=[Optional(), Length(max=CONTACT_LIMITS["what_to_bring"], message=_l(TOO_LONG, count=CONTACT_LIMITS["what_to_bring"]))],
    )
    calls_from = StringField(
        _l("I ringer fra nummer (valgfri)"),
        description=_l("Det nummer, telefonsamtaler bliver ringet op fra, så personen kan kende det."),
        validators=[Optional(), lambda _form, field: _phone(field)],
    )
    show_caseworker_names = BooleanField(_l("Vis sagsbehandlerens navn ved personens samtaler"))
    # R21: one choice per kind of joint interview, the first jobcenter interview (R10) and the 16-month one (R12).
    faellessamtale_r10 = RadioField(
        _l("Hvordan bookes den første samtale i jobcentret, når a-kassen deltager? (R10, R21)"),
        description=_l(
            "Personen vælger selv, om a-kassen deltager i den første samtale i jobcentret efter overgangen fra a-kassen. "
            "Uden a-kassen booker personen samtalen selv."
        ),
        choices=JOINT_BOOKING_CHOICES,
        validators=[InputRequired(_l("Vælg, hvordan den første samtale i jobcentret bookes som fællessamtale"))],
    )
    faellessamtale_r12 = RadioField(
        _l("Hvordan bookes fællessamtalen efter %(months)s måneders ledighed? (R12, R21)", months=LawNumber(P.INTENSIFIED_INTERVIEW_MONTHS)),
        description=_l(
            "Samtalen om en intensiveret indsats. Den er altid en fællessamtale, også når personen fravælger a-kassen."
        ),
        choices=JOINT_BOOKING_CHOICES,
        validators=[InputRequired(_l("Vælg, hvordan fællessamtalen efter %(months)s måneder bookes", months=LawNumber(P.INTENSIFIED_INTERVIEW_MONTHS)))],
    )

    def validate_contact_url(self, field: StringField) -> None:
        if field.data and not is_contact_url(field.data.strip()):
            raise ValidationError(_l(WRONG_URL))

    def validate(self, extra_validators: Any = None) -> bool:
        """The fields one by one, then: an e-mail address or a contact form (each is optional on its own)."""
        valid = bool(super().validate(extra_validators))
        if not (self.email.data or "").strip() and not (self.contact_url.data or "").strip():
            self.email.errors = [*self.email.errors, _l(NO_WRITTEN_CONTACT)]
            return False
        return valid

    def validate_book_by_days(self, field: StringField) -> None:
        minimum = LawNumber(P.BOOK_BY_MIN_DAYS)
        if (field.data or "").strip().isdigit() and int(field.data) < int(str(minimum)):  # not a number: the Regexp says so
            raise ValidationError(_l("Skriv mindst %(days)s dage: personen skal have mindst %(days)s dage til at booke", days=minimum))


class CreateCaseworkerForm(Form):
    name = StringField(
        _l("Navn"), validators=[DataRequired(_l("Skriv sagsbehandlerens navn")), Length(max=200, message=_l("Skriv højst 200 tegn"))]
    )
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Skriv en e-mailadresse")),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Skriv en e-mailadresse som navn@eksempel.dk")),
            Length(max=254, message=_l("Skriv en e-mailadresse på højst 254 tegn")),
        ],
    )
    password = PasswordField(
        _l("Adgangskode"),
        validators=[
            DataRequired(_l("Skriv en adgangskode")),
            Length(min=12, max=200, message=_l("Vælg en adgangskode på mindst 12 tegn")),
        ],
    )
    is_admin = BooleanField(_l("Administrator (kan oprette og spærre brugere)"))
    # issue 17: one of the organisation's leaders, who sees its supervision figures (R27) at /tilsyn/
    is_leader = BooleanField(_l("Ledelse (ser tilsynstallene og personerne bag)"))


class ChangePasswordForm(Form):
    """The caseworker's own new password: the current one first, the new one twice."""

    current = PasswordField(
        _l("Nuværende adgangskode"),
        validators=[DataRequired(_l("Skriv din nuværende adgangskode")), Length(max=200, message=_l("Skriv højst 200 tegn"))],
    )
    new = PasswordField(
        _l("Ny adgangskode"),
        description=_l("Mindst 12 tegn."),
        validators=[DataRequired(_l("Skriv en ny adgangskode")), Length(max=200, message=_l("Skriv højst 200 tegn"))],
    )
    repeated = PasswordField(
        _l("Gentag den nye adgangskode"),
        validators=[DataRequired(_l("Skriv den nye adgangskode igen")), Length(max=200, message=_l("Skriv højst 200 tegn"))],
    )
