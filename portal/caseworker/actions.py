"""The caseworker's actions on a person, as one table: for each, its URL, form, service call, the words of its
page and where to go when it is done. One view serves them all (:func:`_view`): it finds the person (and the
interview or exemption the URL names) among those my organisation serves, shows the form, and on a valid POST
calls the service; a refusal shows the form again with the rules core's reason (:func:`views.attempt`).

Calling a person in (slots and weeks) and revoking self-booking (a decision letter to confirm first) have pages
of their own in :mod:`portal.caseworker.views`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, abort, request, url_for
from flask_babel import lazy_gettext as _l

from portal import now, today
from portal.caseworker import forms as f
from portal.caseworker import pages
from portal.caseworker.day import BACK_TO_TODAY
from portal.caseworker.views import Page, action_page, attempt, me, person_url, served
from portal.database import reads, unit_of_work
from portal.forms import Form
from portal.i18n import LawNumber
from scheduling import parameters as P
from scheduling.course import HourKind
from scheduling.rules.catalogue import basis
from scheduling.services import booking, decisions, queries, read_model, registrations


@dataclass(frozen=True)
class Target:
    """What an action is on: the person my organisation serves, and the interview or exemption the URL names."""

    worker: read_model.CaseworkerView
    person: queries.ServedPerson
    interview: queries.InterviewView | None = None
    exemption_id: int | None = None

    @property
    def interview_id(self) -> int:
        assert self.interview is not None  # the action's URL names an interview
        return self.interview.id

    @property
    def exemption(self) -> int:
        assert self.exemption_id is not None  # the action's URL names an exemption
        return self.exemption_id


@dataclass(frozen=True)
class PersonAction:
    """One action on a person: ``call(target, form)`` calls the service with the validated form."""

    endpoint: str
    rule: str  # below /sagsbehandler/borger/<citizen_id>
    doc: str
    form: type[Form]
    call: Callable[[Target, Any], object]
    title: Any
    submit: Any
    lead: Any
    done: Any
    anchor: str = ""  # the section of the person's page to return to
    allowed: Callable[[Target], bool] | None = None  # else 404, as the service would answer
    defaults: Callable[[Any], None] | None = None  # what a GET shows first
    context: Callable[[Target], dict[str, Any]] = field(default=lambda target: {})


def _starting_today(name: str) -> Callable[[Any], None]:
    def fill(form: Any) -> None:
        form[name].data = today()

    return fill


def _checklist(target: Target) -> list[str]:
    assert target.interview is not None
    return pages.checklist_items(target.person.course, target.interview, today())


def _record_context(target: Target) -> dict[str, Any]:
    items = _checklist(target)
    return {"checklist": items, "hidden_fields": [name for name in f.CHECKLIST_ITEMS if name not in items]}


def _outcome_asked(form: Any) -> None:
    """I dag's "Registrér holdt"/"Registrér udeblevet" open the form with that answer chosen (``?udfald=``)."""
    asked = request.args.get("udfald")
    if asked in ("held", "missed"):
        form.outcome.data = asked


def _record(target: Target, form: Any) -> object:
    items = _checklist(target)
    return booking.record_interview(
        unit_of_work(), target.worker.id, target.interview_id, form.outcome.data == "held", now(),
        checklist={name: bool(form[name].data) for name in items}, note=form.note.data or None,
    )


def _exempt_from_self_booking(target: Target, form: Any) -> object:
    reason = f"{f.SELF_BOOKING_EXEMPTION_DANISH[form.ground.data]}: {form.assessment.data.strip()}"
    return decisions.exempt_from_self_booking(unit_of_work(), target.worker.id, target.person.id, reason, now())


def _has_exemption(target: Target) -> bool:
    return str(target.exemption_id) in {e.id for e in target.person.course.exemptions}


INTERVIEW = "/samtale/<int:interview_id>"

ACTIONS: tuple[PersonAction, ...] = (
    PersonAction(
        "raise_format", f"{INTERVIEW}/samtaleform",
        "Decide that a booked interview is held in person, with the concrete reason (R17); the person is told.",
        f.RaiseFormatForm,
        lambda t, form: booking.raise_format_to_in_person(unit_of_work(), t.worker.id, t.interview_id, form.reason.data, now()),
        _l("Skift samtaleformen til personligt fremmøde"),
        _l("Skift til personligt fremmøde"),
        _l("Efter en konkret vurdering kan samtalen holdes ved personligt fremmøde (%(basis)s). Det er ikke en afgørelse, men begrundelsen registreres, og personen får besked.", basis=basis("R17")),
        _l("Samtalen holdes nu ved personligt fremmøde. Personen har fået besked med begrundelsen."),
        anchor="samtaler",
    ),
    PersonAction(
        "cancel", f"{INTERVIEW}/aflys",
        "Cancel a booked interview my organisation holds, with a required reason; the service tells the person and "
        "the interview's calendar file becomes a cancellation. Any other interview is a 404, as the service says.",
        f.CancelInterviewForm,
        lambda t, form: booking.cancel_by_caseworker(unit_of_work(), t.worker.id, t.interview_id, form.reason.data, now()),
        _l("Aflys samtalen"),
        _l("Aflys samtalen"),
        _l("Personen får en besked om, at samtalen er aflyst, og samtalen bliver aflyst i kalenderen. Husk at indkalde til en ny samtale, hvis en frist kræver det."),
        _l("Samtalen er aflyst. Personen har fået besked."),
        anchor="samtaler",
        allowed=lambda t: t.interview is not None and queries.caseworker_may_cancel(t.interview, t.worker.organisation_id),
    ),
    PersonAction(
        "record", f"{INTERVIEW}/registrer",
        "Record an interview as held or missed, with the checklist that applies (R13, R14, R12).",
        f.RecordInterviewForm, _record,
        _l("Registrér samtalen"), _l("Registrér"), "", _l("Samtalen er registreret."),
        anchor="samtaler", context=_record_context, defaults=_outcome_asked,
    ),
    PersonAction(
        "restore", "/genopret-selvbooking", "Give the right to self-book back (R23).",
        f.assessment_form(_l("Din vurdering"), _l("Skriv din vurdering")),
        lambda t, form: decisions.restore_self_booking(unit_of_work(), t.worker.id, t.person.id, form.assessment.data, now()),
        _l("Giv retten til selvbooking tilbage"),
        _l("Giv retten tilbage"),
        _l("Personen kan igen selv booke sine jobsamtaler og får besked om det."),
        _l("Personen kan igen selv booke. Beskeden er sendt."),
        anchor="afgoerelser",
    ),
    PersonAction(
        "exempt_self_booking", "/fritag-selvbooking",
        "Book for the person for reasons that are not their fault (language, IT skills, disability, interpreter).",
        f.SelfBookingExemptionForm, _exempt_from_self_booking,
        _l("Fritag for selvbooking"),
        _l("Fritag for selvbooking"),
        _l("Organisationen indkalder personen i stedet. Det er ikke en fratagelse og ingen afgørelse mod personen, men årsagen registreres."),
        _l("Personen er fritaget for selvbooking og bliver indkaldt fremover."),
        anchor="afgoerelser",
    ),
    PersonAction(
        "lift_exemption", "/ophaev-fritagelse-selvbooking", "The person books for themselves again.",
        f.AssessmentForm,
        lambda t, form: decisions.lift_self_booking_exemption(unit_of_work(), t.worker.id, t.person.id, form.assessment.data, now()),
        _l("Ophæv fritagelsen for selvbooking"),
        _l("Ophæv fritagelsen"),
        _l("Personen skal igen selv booke sine jobsamtaler og får besked om det."),
        _l("Fritagelsen er ophævet. Personen booker selv igen."),
        anchor="afgoerelser",
    ),
    PersonAction(
        "not_covered", "/fritagelse/<int:exemption_id>/ikke-omfattet",
        "Decide that the person is not covered by the reduced effort after all (R26): an afgørelse.",
        f.assessment_form(_l("Din konkrete vurdering"), _l("Skriv din konkrete vurdering af sagen")),
        lambda t, form: decisions.decide_not_covered(unit_of_work(), t.worker.id, t.exemption, form.assessment.data, now()),
        _l("Afgørelse: ikke omfattet af fritagelsen"),
        _l("Træf afgørelsen"),
        _l("Det er en afgørelse (%(basis)s) med begrundelse og klagevejledning. Fritagelsen gælder ikke længere fra i dag.", basis=basis("R26", "stk3")),
        _l("Afgørelsen er truffet og sendt til personens beskeder."),
        anchor="afgoerelser", allowed=_has_exemption,
    ),
    PersonAction(
        "refer_r4", "/visiter", "Refer the education-injunction group to the jobcenter (R4, årsagskode 45).",
        f.ConfirmForm,
        lambda t, form: registrations.refer_r4(unit_of_work(), t.worker.id, t.person.id, now()),
        _l("Visitér til jobcentret (uddannelsespålæg)"),
        _l("Visitér med årsagskode 45"),
        _l("Personen var under %(age)s ved tilmeldingen som jobsøgende, har ingen erhvervskompetencegivende uddannelse og ingen hjemmeboende børn. Jobcentret har derefter ansvaret for hele forløbet (%(basis)s).", age=LawNumber(P.R4_AGE_LIMIT), basis=basis("R4")),
        _l("Personen er visiteret til jobcentret med årsagskode 45."),
    ),
    PersonAction(
        "control_action", "/kontrolaktion",
        "Register another authority's control action (R25); the person must then be called in at once.",
        f.ControlActionForm,
        lambda t, form: registrations.register_control_action(
            unit_of_work(), t.worker.id, t.person.id, form.received_on.data, now(),
            stay_abroad=bool(form.stay_abroad.data), authority=form.authority.data or None,
        ),
        _l("Registrér en kontrolaktion"),
        _l("Registrér kontrolaktionen"),
        _l("Personen skal straks indkaldes, og samtalen skal holdes inden for %(days)s dage efter modtagelsen (%(basis)s).", days=LawNumber(P.CONTROL_ACTION_DAYS), basis=basis("R25", "stk1")),
        _l("Kontrolaktionen er registreret. Indkald personen nu."),
        defaults=_starting_today("received_on"),
    ),
    PersonAction(
        "exemption", "/fritagelse", "Register reduced effort (R26).",
        f.ExemptionForm,
        lambda t, form: registrations.register_exemption(
            unit_of_work(), t.worker.id, t.person.id, form.ground.data, form.starts_on.data, now(),
            ends_on=form.ends_on.data, event_on=form.event_on.data, documentation=form.documentation.data or None,
        ),
        _l("Registrér en fritagelse (mindre intensiv indsats)"),
        _l("Registrér fritagelsen"),
        _l("Mens fritagelsen gælder, løber ingen frister for jobsamtaler (%(basis)s).", basis=basis("R26")),
        _l("Fritagelsen er registreret."),
        defaults=_starting_today("starts_on"),
    ),
    PersonAction(
        "hours", "/timer", "Add a registration to the hour ledger (R2, R3): the hand-over and month deadlines move with it.",
        f.HoursForm,
        lambda t, form: registrations.register_hours(
            unit_of_work(), t.worker.id, t.person.id, form.registered_on.data, form.period_start.data,
            form.period_end.data, form.hours.data.strip().replace(",", "."), now(), kind=HourKind(form.kind.data),
        ),
        _l("Registrér timer"),
        _l("Registrér timerne"),
        _l(
            "Overdragelsen til jobcentret og fristerne efter %(six)s og %(sixteen)s måneder regnes om med det samme (%(basis)s).",
            six=LawNumber(P.FIRST_PERIOD_MONTHS), sixteen=LawNumber(P.INTENSIFIED_INTERVIEW_MONTHS), basis=basis("R2", also=("R3",)),
        ),
        _l("Timerne er registreret."),
        anchor="forloeb", defaults=_starting_today("registered_on"),
    ),
)


def _target(citizen_id: int, interview_id: int | None, exemption_id: int | None) -> Target:
    """The person (404 unless my organisation serves them) and the interview of theirs the URL names (404 for
    anyone else's)."""
    person = served(citizen_id)
    interview = None
    if interview_id is not None:
        interview = queries.interview(reads(), interview_id, caseworker_id=me().id)
        if interview.citizen_id != person.id:
            abort(404)
    return Target(me(), person, interview, exemption_id)


def _back_url(citizen_id: int, anchor: str) -> str:
    """Where the action page leads back to: the person's page, or I dag when it was opened from there."""
    if request.args.get("tilbage") == BACK_TO_TODAY:
        return url_for(".today")
    return person_url(citizen_id, anchor)


def _view(action: PersonAction) -> Callable[..., Page]:
    def view(citizen_id: int, interview_id: int | None = None, exemption_id: int | None = None) -> Page:
        target = _target(citizen_id, interview_id, exemption_id)
        if action.allowed is not None and not action.allowed(target):
            abort(404)
        form = action.form()
        if action.defaults is not None and not form.is_submitted():
            action.defaults(form)
        back = _back_url(citizen_id, action.anchor)
        render = action_page(
            target.person, str(action.title), str(action.submit), str(action.lead), interview=target.interview,
            back_url=back, **action.context(target),
        )
        return attempt(form, lambda: action.call(target, form), str(action.done), back, render)

    view.__name__ = action.endpoint
    view.__doc__ = action.doc
    return view


def register(bp: Blueprint) -> None:
    """Give every action its URL below the person's."""
    for action in ACTIONS:
        bp.add_url_rule(f"/borger/<int:citizen_id>{action.rule}", action.endpoint, _view(action), methods=["GET", "POST"])
