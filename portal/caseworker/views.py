"""The caseworker's pages: a few lines each: read, parse the form, call a service, render or redirect.

Whether an action is allowed is never decided here: the person's page shows what the rules core's evaluation
allows the caseworker's organisation, and every action goes through a service, which asks the rules core again
and raises a :class:`~scheduling.services.errors.DomainError` with the reason when it says no. A person the
caseworker's organisation does not serve is a 404, exactly like a person who does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal import now, today
from portal.auth.identity import CASEWORKER, login_required
from portal.caseworker import forms as f
from portal.caseworker import pages
from portal.database import session, unit_of_work
from portal.forms import Form
from portal.labels import KIND_LABELS
from scheduling import datebounds
from scheduling.adapters.orm import CaseworkerRow, CitizenRow, OrganisationRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import AkasseParticipation, Course, Format, HourKind, InterviewKind, Organisation
from scheduling.evaluation import evaluate
from scheduling.services import accounts, audit, availability, booking, decisions, queries, registrations
from scheduling.services.access import serves
from scheduling.services.errors import DomainError, InvalidInput, NotFound, Refused, SlotTaken
from scheduling.slots import COPENHAGEN, slots_by_day

bp = Blueprint("caseworker", __name__, template_folder="templates", url_prefix="/sagsbehandler")

Page = str | Response | tuple[str, int]


@bp.before_request
def only_caseworkers() -> Response | None:
    """Every page here is for a logged-in caseworker; others are sent to log in (or get 403)."""
    return login_required(CASEWORKER)(lambda: None)()


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"clock": pages.clock}


# ---- helpers --------------------------------------------------------------------------------------------------


def reader() -> SqlAlchemyUnitOfWork:
    """A read-only unit of work for the query functions."""
    return SqlAlchemyUnitOfWork(current_app.extensions["selvbooking_sessions"], read_only=True)


def me() -> CaseworkerRow:
    worker = session().get(CaseworkerRow, g.current_user.id)
    if worker is None:  # pragma: no cover - load_user already cleared a stale session
        abort(403)
    return worker


def my_kind() -> Organisation:
    return me().organisation.kind


def person_or_404(citizen_id: int) -> tuple[CitizenRow, Course]:
    """The person and their open course, if my organisation serves them; otherwise 404, nothing told."""
    citizen = session().get(CitizenRow, citizen_id)
    if citizen is None or not serves(me(), citizen):
        abort(404)
    try:
        course = queries.load_course(reader(), citizen_id)
    except NotFound:
        abort(404)
    return citizen, course


def status_of(error: DomainError) -> int:
    """A refusal by the rules is 409 (the request was fine, the law says no); a bad value 422."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, (Refused, SlotTaken)):
        return 409
    if isinstance(error, InvalidInput):
        return 422
    return 400


def attempt(
    form: Form, call: Callable[[], Any], done: str, target: str, render: Callable[..., str]
) -> Page:
    """Validate the form, call the service, and redirect with ``done``; a refusal re-renders with its reason."""
    if not form.validate_on_submit():
        return render(form=form), 422 if request.method == "POST" else 200
    try:
        call()
    except NotFound:
        abort(404)
    except DomainError as error:
        return render(form=form, refusal=error.reason), status_of(error)
    flash(done, "success")
    return redirect(target)


def person_url(citizen_id: int, anchor: str = "") -> str:
    return url_for(".person", citizen_id=citizen_id) + (f"#{anchor}" if anchor else "")


def action_page(citizen: CitizenRow, title: str, submit: str, lead: str = "", **context: Any) -> Callable[..., str]:
    """The renderer of a person's action page (the generic form layout, with the person named)."""

    def render(**more: Any) -> str:
        return render_template(
            "caseworker/action.html", citizen=citizen, title=title, submit=submit, lead=lead, **context, **more
        )

    return render


# ---- caseload -------------------------------------------------------------------------------------------------


@bp.get("/")
def caseload() -> str:
    """My people: those my organisation is responsible for now, most urgent first, filterable."""
    chosen = request.args.get("filter", "")
    if chosen not in pages.CASELOAD_FILTERS:
        chosen = ""
    on = today()
    worker = me()
    entries = queries.caseload(reader(), worker.organisation_id)
    rows = pages.caseload_rows(entries, worker.organisation.kind, on, worker.organisation.book_by_days)
    shown = [row for row in rows if pages.matches(row, chosen, on)]
    return render_template(
        "caseworker/caseload.html", rows=shown, total=len(rows), chosen=chosen, filters=pages.CASELOAD_FILTERS
    )


# ---- the person's page ----------------------------------------------------------------------------------------


@bp.get("/borger/<int:citizen_id>")
def person(citizen_id: int) -> str:
    """The course on a timeline, obligations, the actions open to my organisation now, the history."""
    citizen, course = person_or_404(citizen_id)
    worker = me()
    audit.record_cpr_view(unit_of_work(), worker.id, citizen.id, now())  # the page shows the full CPR number
    on = today()
    evaluation = evaluate(course, on)
    interviews = queries.citizen_interviews(reader(), citizen_id)
    decisions_made = queries.citizen_decisions(reader(), citizen_id)
    trail = queries.audit_trail(reader(), worker.id, citizen_id)
    return render_template(
        "caseworker/person.html",
        citizen=citizen,
        cpr=pages.full_cpr(citizen.cpr),
        course=course,
        evaluation=evaluation,
        mine=pages.permissions_of(evaluation, worker.organisation.kind),
        actions=pages.person_actions(evaluation, worker.organisation.kind, citizen.id),
        interviews=pages.interview_rows(course, interviews, worker.organisation.kind, on, now(), worker.organisation_id),
        timeline=pages.timeline(course, evaluation, interviews, decisions_made),
        decisions=decisions_made,
        trail=pages.audit_rows(trail, session()),
        cpr_views=queries.cpr_views(reader(), worker.id, citizen_id),
        block=pages.self_booking_state(course, on),
        exemptions=pages.exemptions_in_force(course, on),
    )


@bp.route("/borger/<int:citizen_id>/indkald", methods=["GET", "POST"])
def call_in(citizen_id: int) -> Page:
    """Call the person in to one of my free slots, in a format, with a message (R19, R23, R25)."""
    citizen, course = person_or_404(citizen_id)
    worker = me()
    first = _week_start(request.values.get("fra"))
    form = f.CallInForm()
    form.kind.choices = [(k.value, KIND_LABELS[k]) for k in pages.kinds_held_by(worker.organisation.kind)]
    if not form.kind.data:
        form.kind.data = InterviewKind.JOBSAMTALE.value
    form.control_action.choices = [("", _("Nej"))] + [
        (ca.id, _("Kontrolaktion modtaget %(day)s", day=pages.date_text(ca.received_on))) for ca in course.control_actions
    ]
    slots = queries.caseworker_free_slots(reader(), worker.id, first, first + timedelta(days=6), now())
    chosen_day = _posted_day(form.start.data) if request.method == "POST" else None
    if chosen_day is not None and not (first <= chosen_day <= first + timedelta(days=6)):
        slots += queries.caseworker_free_slots(reader(), worker.id, chosen_day, chosen_day, now())
    form.start.choices = [(s.start.isoformat(), pages.time_text(s.local_start)) for s in slots]
    render = action_page(
        citizen,
        _("Indkald til en samtale"),
        _("Indkald"),
        _("Vælg en af dine ledige tider. Personen får indkaldelsen i sine beskeder."),
        template_form="call_in",
        days=slots_by_day(slots),
        first=first,
        previous_week=first - timedelta(days=7) if first > today() else None,
        next_week=first + timedelta(days=7),
    )

    def call() -> None:
        booking.call_in(
            unit_of_work(), worker.id, citizen.id, InterviewKind(form.kind.data), datetime.fromisoformat(form.start.data),
            Format(form.format.data), now(),
            akasse_participation=_participation(form),
            control_action_id=int(form.control_action.data) if form.control_action.data else None,
            message=form.message.data,
        )

    return attempt(form, call, _("%(name)s er indkaldt. Indkaldelsen ligger i personens beskeder.", name=citizen.name),
                   person_url(citizen.id, "samtaler"), render)


def _participation(form: f.CallInForm) -> AkasseParticipation | None:
    if form.kind.data != InterviewKind.FAELLESSAMTALE.value:
        return None
    return AkasseParticipation(form.akasse_participation.data or AkasseParticipation.NONE.value)


def _week_start(raw: str | None) -> date:
    """The first day of the week of free slots shown (?fra=YYYY-MM-DD, not before today); unreadable is today,
    a day outside the range dates are accepted in (1900–2100) is a 400."""
    on = today()
    try:
        first = date.fromisoformat(raw) if raw else on
    except ValueError:
        first = on
    if not datebounds.in_range(first):
        abort(400)
    return max(first, on)


def _posted_day(raw: str | None) -> date | None:
    """The Danish day of a posted slot, or None for anything that is not a time within the accepted range."""
    try:
        posted = datetime.fromisoformat(raw or "")
    except ValueError:
        return None
    if posted.tzinfo is None or not datebounds.in_range(posted):
        return None
    return posted.astimezone(COPENHAGEN).date()


def _interview_or_404(citizen: CitizenRow, interview_id: int) -> queries.InterviewView:
    try:
        view = queries.interview(reader(), interview_id, caseworker_id=me().id)
    except NotFound:
        abort(404)
    if view.citizen_id != citizen.id:
        abort(404)
    return view


def _interview_reason_action(
    citizen_id: int, interview_id: int, form: Form, service: Callable[..., Any], title: str, submit: str,
    lead: str, done: str, allowed: Callable[[queries.InterviewView], bool] | None = None,
) -> Page:
    """An action on one of the person's interviews with a required reason: ``service(uow, caseworker_id,
    interview_id, reason, now)``; an interview ``allowed`` says no to is a 404, like the service's."""
    citizen, _course = person_or_404(citizen_id)
    interview = _interview_or_404(citizen, interview_id)
    if allowed is not None and not allowed(interview):
        abort(404)
    render = action_page(citizen, title, submit, lead, interview=interview)
    return attempt(
        form,
        lambda: service(unit_of_work(), me().id, interview.id, form.reason.data, now()),
        done,
        person_url(citizen.id, "samtaler"),
        render,
    )


@bp.route("/borger/<int:citizen_id>/samtale/<int:interview_id>/samtaleform", methods=["GET", "POST"])
def raise_format(citizen_id: int, interview_id: int) -> Page:
    """Decide that a booked interview is held in person, with the concrete reason (R17); the person is told."""
    return _interview_reason_action(
        citizen_id, interview_id, f.RaiseFormatForm(), booking.raise_format_to_in_person,
        _("Skift samtaleformen til personligt fremmøde"),
        _("Skift til personligt fremmøde"),
        _("Efter en konkret vurdering kan samtalen holdes ved personligt fremmøde (LAB § 33, stk. 2). Det er ikke en afgørelse, men begrundelsen registreres, og personen får besked."),
        _("Samtalen holdes nu ved personligt fremmøde. Personen har fået besked med begrundelsen."),
    )


@bp.route("/borger/<int:citizen_id>/samtale/<int:interview_id>/aflys", methods=["GET", "POST"])
def cancel(citizen_id: int, interview_id: int) -> Page:
    """Cancel a booked interview my organisation holds, with a required reason; the service tells the person and
    the interview's calendar file becomes a cancellation. Any other interview is a 404, as the service says."""
    organisation_id = me().organisation_id
    return _interview_reason_action(
        citizen_id, interview_id, f.CancelInterviewForm(), booking.cancel_by_caseworker,
        _("Aflys samtalen"),
        _("Aflys samtalen"),
        _("Personen får en besked om, at samtalen er aflyst, og samtalen bliver aflyst i kalenderen. Husk at indkalde til en ny samtale, hvis en frist kræver det."),
        _("Samtalen er aflyst. Personen har fået besked."),
        allowed=lambda interview: queries.caseworker_may_cancel(interview, organisation_id),
    )


@bp.route("/borger/<int:citizen_id>/samtale/<int:interview_id>/registrer", methods=["GET", "POST"])
def record(citizen_id: int, interview_id: int) -> Page:
    """Record an interview as held or missed, with the checklist that applies (R13, R14, R12)."""
    citizen, course = person_or_404(citizen_id)
    interview = _interview_or_404(citizen, interview_id)
    form = f.RecordInterviewForm()
    items = pages.checklist_items(course, interview, today())
    render = action_page(
        citizen, _("Registrér samtalen"), _("Registrér"), interview=interview, checklist=items,
        hidden_fields=[name for name in f.CHECKLIST_ITEMS if name not in items],
    )

    def call() -> None:
        booking.record_interview(
            unit_of_work(), me().id, interview.id, form.outcome.data == "held", now(),
            checklist={name: bool(form[name].data) for name in items},
            note=form.note.data or None,
        )

    return attempt(form, call, _("Samtalen er registreret."), person_url(citizen.id, "samtaler"), render)


@bp.route("/borger/<int:citizen_id>/fratag-selvbooking", methods=["GET", "POST"])
def revoke(citizen_id: int) -> Page:
    """Revoke the right to self-book (R23): ground and concrete assessment, then confirm the decision letter."""
    citizen, _course = person_or_404(citizen_id)
    worker = me()
    form = f.RevokeForm()
    render = action_page(
        citizen,
        _("Fratag retten til selvbooking"),
        _("Se afgørelsen"),
        _("Det er en afgørelse (LAB § 35). Den sendes til personen med begrundelse og klagevejledning. Derefter kan personen kun indkaldes."),
    )
    if form.validate_on_submit() and form.confirmed.data != "ja":
        from scheduling.services.letters import revocation_letter

        letter = revocation_letter(worker.organisation.name, form.ground.data, form.assessment.data.strip(), today())
        form.confirmed.data = "ja"
        return render_template("caseworker/revoke_confirm.html", citizen=citizen, form=form, letter=letter)
    return attempt(
        form,
        lambda: decisions.revoke_self_booking(unit_of_work(), worker.id, citizen.id, form.ground.data, form.assessment.data, now()),
        _("Retten til selvbooking er frataget. Afgørelsen er sendt til personens beskeder."),
        person_url(citizen.id, "afgoerelser"),
        render,
    )


def _assessment_action(
    citizen_id: int,
    service: Callable[..., int],
    title: str,
    submit: str,
    lead: str,
    done: str,
    label: str | None = None,
) -> Page:
    citizen, _course = person_or_404(citizen_id)
    form = f.AssessmentForm()
    if label:
        form.assessment.label.text = label
    render = action_page(citizen, title, submit, lead)
    return attempt(
        form,
        lambda: service(unit_of_work(), me().id, citizen.id, form.assessment.data, now()),
        done,
        person_url(citizen.id, "afgoerelser"),
        render,
    )


@bp.route("/borger/<int:citizen_id>/genopret-selvbooking", methods=["GET", "POST"])
def restore(citizen_id: int) -> Page:
    """Give the right to self-book back (R23)."""
    return _assessment_action(
        citizen_id,
        decisions.restore_self_booking,
        _("Giv retten til selvbooking tilbage"),
        _("Giv retten tilbage"),
        _("Personen kan igen selv booke sine jobsamtaler og får besked om det."),
        _("Personen kan igen selv booke. Beskeden er sendt."),
        _("Din vurdering"),
    )


@bp.route("/borger/<int:citizen_id>/fritag-selvbooking", methods=["GET", "POST"])
def exempt_self_booking(citizen_id: int) -> Page:
    """Book for the person for reasons that are not their fault (language, IT skills, disability, interpreter)."""
    citizen, _course = person_or_404(citizen_id)
    form = f.SelfBookingExemptionForm()
    render = action_page(
        citizen,
        _("Fritag for selvbooking"),
        _("Fritag for selvbooking"),
        _("Organisationen indkalder personen i stedet. Det er ikke en fratagelse og ingen afgørelse mod personen, men årsagen registreres."),
    )

    def call() -> None:
        reason = f"{f.SELF_BOOKING_EXEMPTION_DANISH[form.ground.data]}: {form.assessment.data.strip()}"
        decisions.exempt_from_self_booking(unit_of_work(), me().id, citizen.id, reason, now())

    return attempt(form, call, _("Personen er fritaget for selvbooking og bliver indkaldt fremover."),
                   person_url(citizen.id, "afgoerelser"), render)


@bp.route("/borger/<int:citizen_id>/ophaev-fritagelse-selvbooking", methods=["GET", "POST"])
def lift_exemption(citizen_id: int) -> Page:
    """The person books for themselves again."""
    return _assessment_action(
        citizen_id,
        decisions.lift_self_booking_exemption,
        _("Ophæv fritagelsen for selvbooking"),
        _("Ophæv fritagelsen"),
        _("Personen skal igen selv booke sine jobsamtaler og får besked om det."),
        _("Fritagelsen er ophævet. Personen booker selv igen."),
    )


@bp.route("/borger/<int:citizen_id>/fritagelse/<int:exemption_id>/ikke-omfattet", methods=["GET", "POST"])
def not_covered(citizen_id: int, exemption_id: int) -> Page:
    """Decide that the person is not covered by the reduced effort after all (R26): an afgørelse."""
    citizen, course = person_or_404(citizen_id)
    if str(exemption_id) not in {e.id for e in course.exemptions}:
        abort(404)
    form = f.AssessmentForm()
    form.assessment.label.text = _("Din konkrete vurdering")
    render = action_page(
        citizen,
        _("Afgørelse: ikke omfattet af fritagelsen"),
        _("Træf afgørelsen"),
        _("Det er en afgørelse (LAB § 106, stk. 3) med begrundelse og klagevejledning. Fritagelsen gælder ikke længere fra i dag."),
    )
    return attempt(
        form,
        lambda: decisions.decide_not_covered(unit_of_work(), me().id, exemption_id, form.assessment.data, now()),
        _("Afgørelsen er truffet og sendt til personens beskeder."),
        person_url(citizen.id, "afgoerelser"),
        render,
    )


@bp.route("/borger/<int:citizen_id>/visiter", methods=["GET", "POST"])
def refer_r4(citizen_id: int) -> Page:
    """Refer the education-injunction group to the jobcenter (R4, årsagskode 45)."""
    citizen, _course = person_or_404(citizen_id)
    form = f.ConfirmForm()
    render = action_page(
        citizen,
        _("Visitér til jobcentret (uddannelsespålæg)"),
        _("Visitér med årsagskode 45"),
        _("Personen er under 25, har ingen erhvervskompetencegivende uddannelse og ingen hjemmeboende børn. Jobcentret har derefter ansvaret for hele forløbet (LAB § 27, stk. 3)."),
    )
    if request.method == "GET":
        return render(form=form)
    return attempt(
        form,
        lambda: registrations.refer_r4(unit_of_work(), me().id, citizen.id, now()),
        _("Personen er visiteret til jobcentret med årsagskode 45."),
        person_url(citizen.id),
        render,
    )


@bp.route("/borger/<int:citizen_id>/kontrolaktion", methods=["GET", "POST"])
def control_action(citizen_id: int) -> Page:
    """Register another authority's control action (R25); the person must then be called in at once."""
    citizen, _course = person_or_404(citizen_id)
    form = f.ControlActionForm()
    if request.method == "GET":
        form.received_on.data = today()
    render = action_page(
        citizen,
        _("Registrér en kontrolaktion"),
        _("Registrér kontrolaktionen"),
        _("Personen skal straks indkaldes, og samtalen skal holdes inden for 1 uge efter modtagelsen (LAB § 38, stk. 1)."),
    )
    return attempt(
        form,
        lambda: registrations.register_control_action(
            unit_of_work(), me().id, citizen.id, form.received_on.data, now(),
            stay_abroad=bool(form.stay_abroad.data), authority=form.authority.data or None,
        ),
        _("Kontrolaktionen er registreret. Indkald personen nu."),
        person_url(citizen.id),
        render,
    )


@bp.route("/borger/<int:citizen_id>/fritagelse", methods=["GET", "POST"])
def exemption(citizen_id: int) -> Page:
    """Register reduced effort (R26, LAB § 106, stk. 1)."""
    citizen, _course = person_or_404(citizen_id)
    form = f.ExemptionForm()
    if request.method == "GET":
        form.starts_on.data = today()
    render = action_page(
        citizen,
        _("Registrér en fritagelse (mindre intensiv indsats)"),
        _("Registrér fritagelsen"),
        _("Mens fritagelsen gælder, løber ingen frister for jobsamtaler (LAB § 106)."),
    )
    return attempt(
        form,
        lambda: registrations.register_exemption(
            unit_of_work(), me().id, citizen.id, form.ground.data, form.starts_on.data, now(),
            ends_on=form.ends_on.data, event_on=form.event_on.data, documentation=form.documentation.data or None,
        ),
        _("Fritagelsen er registreret."),
        person_url(citizen.id),
        render,
    )


@bp.route("/borger/<int:citizen_id>/timer", methods=["GET", "POST"])
def hours(citizen_id: int) -> Page:
    """Add a registration to the hour ledger (R2, R3): the hand-over and month deadlines move with it."""
    citizen, _course = person_or_404(citizen_id)
    form = f.HoursForm()
    if request.method == "GET":
        form.registered_on.data = today()
    render = action_page(
        citizen,
        _("Registrér timer"),
        _("Registrér timerne"),
        _("Overdragelsen til jobcentret og fristerne efter 6 og 16 måneder regnes om med det samme (BAB § 7)."),
    )
    return attempt(
        form,
        lambda: registrations.register_hours(
            unit_of_work(), me().id, citizen.id, form.registered_on.data, form.period_start.data,
            form.period_end.data, form.hours.data.strip().replace(",", "."), now(), kind=HourKind(form.kind.data),
        ),
        _("Timerne er registreret."),
        person_url(citizen.id, "forloeb"),
        render,
    )


# ---- availability ---------------------------------------------------------------------------------------------


def _availability_page(**forms: Any) -> str:
    worker = me()
    first = today()
    slots = queries.caseworker_free_slots(reader(), worker.id, first, first + timedelta(days=13), now())
    hours_form = forms.get("hours_form") or _hours_form(worker)
    offer_form = forms.get("offer_form") or f.OfferForm(
        kinds=list(worker.offered_kinds) or [k.value for k in InterviewKind], formats=list(worker.offered_formats)
    )
    absence_form = forms.get("absence_form") or f.AbsenceForm(formdata=None)
    try:
        upload_url = url_for("calendar.busy_upload")
    except Exception:  # the calendar area is not there (yet)
        upload_url = None
    absences = sorted((a for a in worker.absences if a.end_at >= now()), key=lambda a: a.start_at)
    return render_template(
        "caseworker/availability.html",
        hours_form=hours_form,
        offer_form=offer_form,
        absence_form=absence_form,
        absences=absences,
        days=slots_by_day(slots),
        upload_url=upload_url,
        refusal=forms.get("refusal"),
    )


def _hours_form(worker: CaseworkerRow) -> f.WorkingHoursForm:
    form = f.WorkingHoursForm(formdata=None)
    for entry in sorted(worker.working_hours, key=lambda h: (h.weekday, h.start_time)):
        if form[f"start_{entry.weekday}"].data is None:
            form[f"start_{entry.weekday}"].data = entry.start_time
            form[f"end_{entry.weekday}"].data = entry.end_time
    return form


@bp.get("/tilgaengelighed", endpoint="availability")
def availability_page() -> str:
    """My weekly working hours, absences, what I offer, and the free slots they give."""
    return _availability_page()


def _availability_attempt(form_name: str, form: Form, call: Callable[[], Any], done: str) -> Page:
    """An availability form: the page again with this form (and a refusal), or back to it when done."""

    def render(form: Form, refusal: Any = None) -> str:
        return _availability_page(**{form_name: form}, refusal=refusal)

    return attempt(form, call, done, url_for(".availability"), render)


@bp.post("/tilgaengelighed/arbejdstid")
def working_hours() -> Page:
    form = f.WorkingHoursForm()

    return _availability_attempt(
        "hours_form", form,
        lambda: availability.set_working_hours(unit_of_work(), me().id, form.entries(), now()),
        _("Din arbejdstid er gemt."),
    )


@bp.post("/tilgaengelighed/tilbud")
def offer() -> Page:
    form = f.OfferForm()
    return _availability_attempt(
        "offer_form", form,
        lambda: availability.set_offer(unit_of_work(), me().id, form.kinds.data, form.formats.data, now()),
        _("Dine samtaler og samtaleformer er gemt."),
    )


@bp.post("/tilgaengelighed/fravaer")
def add_absence() -> Page:
    form = f.AbsenceForm()

    def call() -> None:
        start = datetime.combine(form.start_day.data, form.start_time.data or time(0), COPENHAGEN)
        end_day = form.end_day.data + (timedelta(days=0) if form.end_time.data else timedelta(days=1))
        end = datetime.combine(end_day, form.end_time.data or time(0), COPENHAGEN)
        availability.add_absence(unit_of_work(), me().id, start, end, now(), note=form.note.data or None)

    return _availability_attempt("absence_form", form, call, _("Fraværet er gemt."))


@bp.post("/tilgaengelighed/fravaer/<int:absence_id>/slet")
def remove_absence(absence_id: int) -> Page:
    form = f.ConfirmForm()
    return _availability_attempt(
        "absence_form", form,
        lambda: availability.remove_absence(unit_of_work(), me().id, absence_id, now()),
        _("Fraværet er slettet."),
    )



# ---- agreed timeslots (R22) and the jobcenter's choice for joint interviews (R21) ------------------------------


def _timeslots_page(**context: Any) -> str:
    worker = me()
    org = worker.organisation
    propose_form = context.pop("propose_form", None)
    if org.kind == Organisation.JOBCENTER and propose_form is None:
        propose_form = f.ProposeTimeslotForm(formdata=None, valid_from=today() + timedelta(days=14))
    if propose_form is not None:
        propose_form.akasse.choices = pages.akasse_choices(session())
    agreements = pages.timeslot_rows(session(), org)
    return render_template(
        "caseworker/timeslots.html",
        org=org,
        worker=worker,
        agreements=agreements,
        propose_form=propose_form,
        confirm_form=f.ConfirmForm(formdata=None),
        **context,
    )


@bp.get("/tidsrum")
def timeslots() -> str:
    """Agreements between my organisation and the other side, and the joint interviews booked in them."""
    return _timeslots_page()


def _timeslots_attempt(form: Form, call: Callable[[], Any], done: str, form_name: str | None = None) -> Page:
    """A timeslot form: the page again (with this form, if it is one the page shows), or back to it when done."""

    def render(form: Form, refusal: Any = None) -> str:
        return _timeslots_page(**({form_name: form} if form_name else {}), refusal=refusal)

    return attempt(form, call, done, url_for(".timeslots"), render)


@bp.post("/tidsrum/foreslaa")
def propose_timeslot() -> Page:
    if my_kind() != Organisation.JOBCENTER:
        abort(404)
    form = f.ProposeTimeslotForm()
    form.akasse.choices = pages.akasse_choices(session())
    return _timeslots_attempt(
        form,
        lambda: availability.propose_timeslot(
            unit_of_work(), me().id, int(form.akasse.data), int(form.weekday.data), form.start.data, form.end.data,
            form.valid_from.data, AkasseParticipation(form.akasse_participation.data), now(), valid_to=form.valid_to.data,
        ),
        _("Tidsrummet er foreslået. A-kassen skal acceptere det, før der kan bookes i det."),
        "propose_form",
    )


@bp.post("/tidsrum/<int:timeslot_id>/accepter")
def accept_timeslot(timeslot_id: int) -> Page:
    return _timeslots_attempt(
        f.ConfirmForm(),
        lambda: availability.accept_timeslot(unit_of_work(), me().id, timeslot_id, now()),
        _("Tidsrummet er accepteret. Fælles jobsamtaler kan nu bookes i det."),
    )


@bp.post("/tidsrum/<int:timeslot_id>/afvis")
def decline_timeslot(timeslot_id: int) -> Page:
    return _timeslots_attempt(
        f.ConfirmForm(),
        lambda: availability.decline_timeslot(unit_of_work(), me().id, timeslot_id, now()),
        _("Tidsrummet er afvist."),
    )


# ---- accounts (administrators) --------------------------------------------------------------------------------


def _admin() -> CaseworkerRow:
    worker = me()
    if not worker.is_admin:
        abort(403)
    return worker


def _accounts_page(form: f.CreateCaseworkerForm | None = None, refusal: Any = None) -> str:
    admin = _admin()
    org = session().get(OrganisationRow, admin.organisation_id)
    workers = sorted(org.caseworkers, key=lambda w: (w.disabled, w.name)) if org else []
    return render_template(
        "caseworker/accounts.html",
        workers=workers,
        admin=admin,
        form=form or f.CreateCaseworkerForm(formdata=None),
        confirm_form=f.ConfirmForm(formdata=None),
        refusal=refusal,
    )


def _joint_booking(self_booked: bool) -> str:
    """R21's choice for one kind of joint interview as the settings form's value."""
    return "selvbooking" if self_booked else "indkaldelse"


@bp.route("/indstillinger", methods=["GET", "POST"], endpoint="settings")
def settings_page() -> Page:
    """The organisation's booking deadlines, address and, for a jobcenter, whether each kind of joint interview
    (R10, R12) is self-booked or called in (R21); administrators only. The service checks the law's minimum
    again and audits the change."""
    admin = _admin()
    org = admin.organisation
    jobcenter = org.kind == Organisation.JOBCENTER
    if request.method == "POST":
        form = f.OrganisationSettingsForm()
    else:
        form = f.OrganisationSettingsForm(
            formdata=None, book_by_days=str(org.book_by_days), change_deadline_hours=str(org.change_deadline_hours),
            address=org.address,
            faellessamtale_r10=_joint_booking(org.faellessamtale_r10_selvbooking),
            faellessamtale_r12=_joint_booking(org.faellessamtale_r12_selvbooking),
        )
    if not jobcenter:
        del form.faellessamtale_r10
        del form.faellessamtale_r12

    def render(form: Form, refusal: Any = None) -> str:
        return render_template("caseworker/settings.html", form=form, org=org, refusal=refusal)

    def call() -> None:
        availability.update_organisation_settings(
            unit_of_work(), admin.id, now(),
            book_by_days=int(form.book_by_days.data), change_deadline_hours=int(form.change_deadline_hours.data),
            address=form.address.data.strip(),
            faellessamtale_r10_selvbooking=form.faellessamtale_r10.data == "selvbooking" if jobcenter else None,
            faellessamtale_r12_selvbooking=form.faellessamtale_r12.data == "selvbooking" if jobcenter else None,
        )

    return attempt(form, call, _("Indstillingerne er gemt."), url_for(".settings"), render)


@bp.get("/brugere", endpoint="accounts")
def accounts_page() -> str:
    """The caseworker accounts of my organisation (administrators only)."""
    return _accounts_page()



@bp.post("/brugere")
def create_account() -> Page:
    admin = _admin()
    form = f.CreateCaseworkerForm()
    return attempt(
        form,
        lambda: accounts.create_caseworker(
            unit_of_work(), now(), admin.id, form.name.data, form.email.data, form.password.data, bool(form.is_admin.data)
        ),
        _("Brugeren %(name)s er oprettet.", name=(form.name.data or "").strip()),
        url_for(".accounts"),
        _accounts_page,
    )


@bp.post("/brugere/<int:caseworker_id>/<any(spaer, aaben):change>")
def set_disabled(caseworker_id: int, change: str) -> Page:
    admin = _admin()
    form = f.ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        accounts.set_caseworker_disabled(unit_of_work(), now(), admin.id, caseworker_id, change == "spaer")
    except NotFound:
        abort(404)
    except DomainError as error:
        return _accounts_page(refusal=error.reason), status_of(error)
    flash(_("Brugeren er spærret.") if change == "spaer" else _("Brugeren kan igen logge ind."), "success")
    return redirect(url_for(".accounts"))


# ---- my password ----------------------------------------------------------------------------------------------


@bp.route("/adgangskode", methods=["GET", "POST"])
def password() -> Page:
    """I change my own password; my other sessions (other devices, any copied cookie) end, this one goes on."""
    from portal.auth.identity import log_in

    form = f.ChangePasswordForm()

    def render(form: Form, refusal: Any = None) -> str:
        return render_template("caseworker/password.html", form=form, refusal=refusal)

    if not form.validate_on_submit():
        return render(form=form), 422 if request.method == "POST" else 200
    try:
        version = accounts.change_own_password(
            unit_of_work(), now(), g.current_user.id, form.current.data, form.new.data, form.repeated.data
        )
    except DomainError as error:
        return render(form=form, refusal=error.reason), status_of(error)
    log_in(CASEWORKER, g.current_user.id, version)
    flash(_("Din adgangskode er skiftet. Du er logget af på dine andre enheder."), "success")
    return redirect(url_for(".password"))
