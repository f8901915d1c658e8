"""The caseworker's pages: a few lines each: read, parse the form, call a service, render or redirect.

Whether an action is allowed is never decided here: the person's page shows what the rules core's evaluation
allows the caseworker's organisation, and every action goes through a service, which asks the rules core again
and raises a :class:`~scheduling.services.errors.DomainError` with the reason when it says no. A person the
caseworker's organisation does not serve is a 404, exactly like a person who does not exist. The actions on a
person that are a form and a service call are one table in :mod:`portal.caseworker.actions`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal import letters, now, page_cache, today
from portal.auth.identity import (
    CASEWORKER,
    caseworker_account,
    check_log_in_again,
    confirms_log_in,
    log_in_confirmed,
    login_required,
)
from portal.caseworker import forms as f
from portal.caseworker import pages, reminder_forms, safe_changes, video_forms
from portal.database import reads, unit_of_work
from portal.errors import status_of
from portal.forms import Form
from portal.labels import KIND_LABELS
from portal.urls import confirmed
from scheduling import datebounds
from scheduling.course import AkasseParticipation, Format, InterviewKind, Organisation
from scheduling.evaluation import evaluate
from scheduling.rules.catalogue import basis
from scheduling.services import accounts, audit, availability, booking, decisions, queries, read_model
from scheduling.services import caseload as caseload_service
from scheduling.services import safe_changes as safe_change_service
from scheduling.services.errors import DomainError, NotFound
from scheduling.services.letters import Sender, revocation_letter
from scheduling.slots import COPENHAGEN, slots_by_day

bp = Blueprint("caseworker", __name__, template_folder="templates", url_prefix="/sagsbehandler")

Page = str | Response | tuple[str, int]


@bp.before_request
def only_caseworkers() -> Response | None:
    """Every page here is for a logged-in caseworker; others are sent to log in (or get 403)."""
    return login_required(CASEWORKER)(lambda: None)()


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"clock": pages.clock, "decision_letter": letters.decision_letter, "letter_translated": letters.translated}


# ---- helpers --------------------------------------------------------------------------------------------------


def me() -> read_model.CaseworkerView:
    """The logged-in caseworker with their organisation (read once per request)."""
    if "caseworker" not in g:
        account = caseworker_account(g.current_user.id)  # the log-in check's read, kept
        g.caseworker = account if account is not None and not account.disabled else read_model.caseworker(
            reads(), g.current_user.id)  # NotFound, as for any caseworker who is not active
    return g.caseworker


def served(citizen_id: int) -> queries.ServedPerson:
    """The person and their open course, if my organisation serves them; otherwise NotFound (404), nothing told."""
    return queries.served_person(reads(), me().id, citizen_id)


def attempt(
    form: Form, call: Callable[[], Any], done: str, target: str, render: Callable[..., str]
) -> Page:
    """Validate the form, call the service, and redirect with ``done``; a refusal shows the form again with its
    reason and its status (:func:`portal.errors.status_of`); NotFound goes on to the 404 page."""
    if not form.validate_on_submit():
        return render(form=form), 422 if request.method == "POST" else 200
    try:
        call()
    except NotFound:
        raise
    except DomainError as error:
        return render(form=form, refusal=error.reason), status_of(error)
    flash(done, "success")
    return redirect(confirmed(target))


def person_url(citizen_id: int, anchor: str = "") -> str:
    return url_for(".person", citizen_id=citizen_id) + (f"#{anchor}" if anchor else "")


def action_page(
    citizen: queries.ServedPerson, title: str, submit: str, lead: str = "", **context: Any
) -> Callable[..., str]:
    """The renderer of a person's action page (the generic form layout, with the person named)."""

    def render(**more: Any) -> str:
        return render_template(
            "caseworker/action.html", citizen=citizen, title=title, submit=submit, lead=lead, **context, **more
        )

    return render


# ---- caseload -------------------------------------------------------------------------------------------------


@bp.get("/")
def caseload() -> str:
    """My people: those my organisation is responsible for today, from the caseload's read model, 50 a page;
    my own (whose interviews I take part in) unless the whole organisation is asked for (``alle=1``); searched by
    name or CPR number (``q``) with the filters, sorting and paging kept in the address."""
    user = g.current_user  # checked by login_required (active, this session): no second look-up
    query = pages.caseload_query(request.args, user.organisation_id, user.id, today())
    problem = pages.search_problem(query)  # a search that cannot find anyone is asked for again, not run
    result = pages.NOTHING_FOUND if problem else caseload_service.caseload_page(reads(), query)
    return render_template(
        "caseworker/caseload.html", result=result, rows=pages.caseload_table_rows(result.lines, query.on),
        with_signals=any(line.signals for line in result.lines), query=query, filters=pages.CASELOAD_FILTERS,
        sorts=pages.CASELOAD_SORTS, link=pages.caseload_link(query), search_problem=problem,
    )


# ---- the person's page ----------------------------------------------------------------------------------------


#: rendered where the page counts the look-ups of the full CPR number, and replaced by the count on each view
CPR_VIEWS_SLOT = 2_000_000_001
_SLOT_TEXT, _SLOT_BYTES = str(CPR_VIEWS_SLOT), str(CPR_VIEWS_SLOT).encode()


@bp.get("/borger/<int:citizen_id>")
@confirms_log_in
def person(citizen_id: int) -> str | bytes | Response:
    """The course on a timeline, obligations, the actions open to my organisation now, the history.

    First the look-up of the full CPR number is written to the audit log, and the page's versions and the count
    of look-ups read with it (:func:`audit.record_person_page_view`: one statement on PostgreSQL). That statement
    is the log-in check too (it writes only for an active caseworker whose session is this one, and reads their
    name, roles and organisation: :func:`confirms_log_in`), so a caseworker read before begins from their
    account as last read; then, unless the page is kept under those versions (:mod:`portal.page_cache`), the
    case file is read (:func:`queries.case_file`) and the page rendered; the count is filled in."""
    worker = me()
    try:
        found = audit.record_person_page_view(unit_of_work(), worker.id, citizen_id, now(), worker.session_version)
    except NotFound:
        if g.get("log_in_to_confirm") is not None and check_log_in_again() is None:
            return redirect(url_for("auth.login", next=request.full_path))  # as for any page after a log-out
        raise  # an active caseworker whose organisation does not serve the person: 404, nothing told
    if not log_in_confirmed(found.caseworker, found.versions[1]):
        if g.current_user is None:
            return redirect(url_for("auth.login", next=request.full_path))
        worker = me()
    page = page_cache.kept_page(found.versions, lambda: _person_page(worker, citizen_id))
    if isinstance(page, bytes):  # kept: UTF-8, as it is sent
        return page.replace(_SLOT_BYTES, b"%d" % found.cpr_views, 1)
    return str(page).replace(_SLOT_TEXT, str(found.cpr_views), 1)


def _person_page(worker: read_model.CaseworkerView, citizen_id: int) -> page_cache.Rendered:
    """The person page (the count of CPR look-ups left to fill in), and the moment it stops being true by the
    clock alone: the next midnight, or an interview's change deadline, start or end."""
    on = today()
    case = queries.case_file(reads(), worker.id, citizen_id)
    citizen, course = case.person.served, case.person.course
    organisation = worker.organisation
    evaluation = evaluate(course, on)
    interviews, decisions_made = case.person.interviews, case.person.decisions
    at = now()
    upcoming, past = pages.upcoming_and_past(
        pages.interview_rows(course, interviews, organisation.kind, on, at, organisation.id), at
    )
    return render_template(
        "caseworker/person.html",
        citizen=citizen,
        cpr=pages.full_cpr(citizen.cpr),
        course=course,
        evaluation=evaluation,
        mine=pages.permissions_of(evaluation, organisation.kind),
        actions=pages.person_actions(evaluation, organisation.kind, citizen.id),
        upcoming=upcoming,
        past=past,
        phone=case.person.phone,
        email=case.person.email,
        timeline=pages.timeline(course, evaluation, interviews, decisions_made),
        decisions=decisions_made,
        trail=pages.audit_rows(case.trail),
        cpr_views=CPR_VIEWS_SLOT,
        block=pages.self_booking_state(course, on),
        exemptions=pages.exemptions_in_force(course, on),
        exemption_rows=pages.exemption_rows(course),
    ), page_cache.next_moment(at, booking.clock_moments(interviews, case.person.change_deadline_hours))


@bp.route("/borger/<int:citizen_id>/indkald", methods=["GET", "POST"])
def call_in(citizen_id: int) -> Page:
    """Call the person in to one of my free slots, in a format, with a message (R19, R23, R25)."""
    citizen = served(citizen_id)
    first = _week_start(request.values.get("fra"))
    form = _call_in_form(citizen)
    slots = _call_in_slots(first, form)
    form.start.choices = [(s.start.isoformat(), pages.time_text(s.local_start)) for s in slots]
    render = action_page(
        citizen, _("Indkald til en samtale"), _("Indkald"),
        _("Vælg en af dine ledige tider. Personen får indkaldelsen i sine beskeder."),
        template_form="call_in", days=slots_by_day(slots), first=first,
        previous_week=first - timedelta(days=7) if first > today() else None, next_week=first + timedelta(days=7),
    )

    def call() -> None:
        booking.call_in(
            unit_of_work(), me().id, citizen.id, InterviewKind(form.kind.data), datetime.fromisoformat(form.start.data),
            Format(form.format.data), now(), akasse_participation=_participation(form),
            control_action_id=int(form.control_action.data) if form.control_action.data else None,
            message=form.message.data,
        )

    return attempt(form, call, _("%(name)s er indkaldt. Indkaldelsen ligger i personens beskeder.", name=citizen.name),
                   person_url(citizen.id, "samtaler"), render)


def _call_in_form(citizen: queries.ServedPerson) -> f.CallInForm:
    """The call-in form with the kinds my organisation holds and the person's control actions to answer."""
    form = f.CallInForm()
    form.kind.choices = [(k.value, KIND_LABELS[k]) for k in pages.kinds_held_by(me().organisation.kind, citizen.course)]
    if not form.kind.data:
        form.kind.data = InterviewKind.JOBSAMTALE.value
    form.control_action.choices = [("", _("Nej"))] + [
        (ca.id, _("Kontrolaktion modtaget %(day)s", day=pages.date_text(ca.received_on)))
        for ca in citizen.course.control_actions
    ]
    return form


def _call_in_slots(first: date, form: f.CallInForm) -> list[Any]:
    """My free slots of the week from ``first``, and of the day of a posted slot outside that week."""
    worker_id = me().id
    slots = queries.caseworker_free_slots(reads(), worker_id, first, first + timedelta(days=6), now())
    chosen_day = _posted_day(form.start.data) if request.method == "POST" else None
    if chosen_day is not None and not (first <= chosen_day <= first + timedelta(days=6)):
        slots += queries.caseworker_free_slots(reads(), worker_id, chosen_day, chosen_day, now())
    return slots


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


@bp.route("/borger/<int:citizen_id>/fratag-selvbooking", methods=["GET", "POST"])
def revoke(citizen_id: int) -> Page:
    """Revoke the right to self-book (R23): ground and concrete assessment, then confirm the decision letter."""
    citizen = served(citizen_id)
    worker = me()
    form = f.RevokeForm()
    render = action_page(
        citizen,
        _("Fratag retten til selvbooking"),
        _("Se afgørelsen"),
        _("Det er en afgørelse (%(basis)s). Den sendes til personen med begrundelse og klagevejledning. Derefter kan personen kun indkaldes.", basis=basis("R23")),
    )
    if form.is_submitted() and form.confirmed.data == "ret":  # back from the letter: the form as it was filled in
        form.confirmed.data = ""
        return render(form=form)
    if form.validate_on_submit() and form.confirmed.data != "ja":
        organisation = worker.organisation
        letter = revocation_letter(
            Sender(organisation.name, organisation.phone, organisation.address), form.ground.data,
            form.assessment.data.strip(), today(),
        )
        form.confirmed.data = "ja"
        return render_template("caseworker/revoke_confirm.html", citizen=citizen, form=form, letter=letter)
    return attempt(
        form,
        lambda: decisions.revoke_self_booking(unit_of_work(), worker.id, citizen.id, form.ground.data, form.assessment.data, now()),
        _("Retten til selvbooking er frataget. Afgørelsen er sendt til personens beskeder."),
        person_url(citizen.id, "afgoerelser"),
        render,
    )


# ---- availability ---------------------------------------------------------------------------------------------


def _availability_page(**forms: Any) -> str:
    worker = me()
    first = today()
    mine = read_model.availability(reads(), worker.id, now())
    slots = queries.caseworker_free_slots(reads(), worker.id, first, first + timedelta(days=13), now())
    offer_form = forms.get("offer_form") or f.OfferForm(
        kinds=[k.value for k in mine.offered_kinds or InterviewKind], formats=[x.value for x in mine.offered_formats]
    )
    return render_template(
        "caseworker/availability.html",
        hours_form=forms.get("hours_form") or _hours_form(mine),
        offer_form=offer_form,
        absence_form=forms.get("absence_form") or f.AbsenceForm(formdata=None),
        absences=mine.absences,
        days=slots_by_day(slots),
        refusal=forms.get("refusal"),
        video_form=forms.get("video_form") or video_forms.own_link_form(mine.video_link),
    )


def _hours_form(mine: read_model.AvailabilityView) -> f.WorkingHoursForm:
    form = f.WorkingHoursForm(formdata=None)
    for entry in mine.working_hours:
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


def _refused_on(form_name: str, form: Form) -> Callable[[DomainError], Page]:
    """The availability page again with this form and the refusal (a change's own form refused)."""

    def refused(error: DomainError) -> Page:
        if isinstance(error, NotFound):
            raise error
        return _availability_page(**{form_name: form}, refusal=error.reason), status_of(error)

    return refused


@bp.post("/tilgaengelighed/arbejdstid")
def working_hours() -> Page:
    """New weekly hours; booked interviews outside them are listed first, each moved, cancelled or kept."""
    form = f.WorkingHoursForm()
    if not form.validate_on_submit():
        return _availability_page(hours_form=form), 422
    return safe_changes.confirm(
        _("Den nye arbejdstid rammer bookede samtaler"),
        _("Disse samtaler ligger uden for den nye arbejdstid. Vælg for hver samtale, om en ledig kollega overtager "
          "den på samme tid, om den aflyses, eller om du holder den alligevel. Intet gemmes, før du har valgt for "
          "alle samtaler."),
        _("Gem arbejdstiden og ændringerne"), form,
        lambda chosen: availability.set_working_hours(unit_of_work(), me().id, form.entries(), now(), choices=chosen),
        lambda: safe_change_service.preview_hours(unit_of_work(), me().id, form.entries(), now()),
        _("Din arbejdstid er gemt."),
        _refused_on("hours_form", form),
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
    """An absence; booked interviews in it are listed first, each moved to a free colleague or cancelled."""
    form = f.AbsenceForm()
    if not form.validate_on_submit():
        return _availability_page(absence_form=form), 422
    start = datetime.combine(form.start_day.data, form.start_time.data or time(0), COPENHAGEN)
    end_day = form.end_day.data + (timedelta(days=0) if form.end_time.data else timedelta(days=1))
    end = datetime.combine(end_day, form.end_time.data or time(0), COPENHAGEN)
    return safe_changes.confirm(
        _("Fraværet rammer bookede samtaler"),
        _("Du har samtaler i den periode, du er væk. Vælg for hver samtale, om en ledig kollega overtager den på "
          "samme tid, eller om den aflyses. Intet gemmes, før du har valgt for alle samtaler."),
        _("Gem fraværet og ændringerne"), form,
        lambda chosen: availability.add_absence(
            unit_of_work(), me().id, start, end, now(), note=form.note.data or None, choices=chosen
        ),
        lambda: safe_change_service.preview_absence(unit_of_work(), me().id, start, end, now()),
        _("Fraværet er gemt."),
        _refused_on("absence_form", form),
        absence=safe_changes.period(
            form.start_day.data, form.start_time.data, form.end_day.data, form.end_time.data, COPENHAGEN
        ),
    )


@bp.post("/tilgaengelighed/fravaer/<int:absence_id>/slet")
def remove_absence(absence_id: int) -> Page:
    form = f.ConfirmForm()
    return _availability_attempt(
        "absence_form", form,
        lambda: availability.remove_absence(unit_of_work(), me().id, absence_id, now()),
        _("Fraværet er slettet."),
    )


# ---- agreed timeslots (R22) and the jobcenter's choice for joint interviews (R21) ------------------------------


def _akasse_choices() -> list[tuple[str, str]]:
    return [(str(i), name) for i, name in read_model.akasser(reads())]


def _end_form(timeslot_id: int, posted: bool = False) -> f.EndTimeslotForm:
    """The form that ends one timeslot (a prefix of its own: the page has one per timeslot)."""
    prefix = f"afslut-{timeslot_id}"
    if posted:
        return f.EndTimeslotForm(prefix=prefix)
    return f.EndTimeslotForm(formdata=None, prefix=prefix, ended_from=today())


def _timeslots_page(**context: Any) -> str:
    worker = me()
    org = worker.organisation
    agreements = read_model.timeslot_agreements(reads(), org.id)
    posted_end = context.pop("end_form", None)
    end_forms = {
        a.id: posted_end if posted_end is not None and posted_end.ended_from.id.startswith(f"afslut-{a.id}-") else _end_form(a.id)
        for a in agreements
        if a.endable
    }
    if posted_end is not None and posted_end not in end_forms.values():  # a timeslot that cannot be ended (now)
        context["end_errors"] = [(None, error) for error in posted_end.ended_from.errors]
    propose_form = context.pop("propose_form", None)
    if org.kind == Organisation.JOBCENTER and propose_form is None:
        propose_form = f.ProposeTimeslotForm(formdata=None, valid_from=today() + timedelta(days=14))
    if propose_form is not None:
        propose_form.akasse.choices = _akasse_choices()
    return render_template(
        "caseworker/timeslots.html",
        org=org,
        worker=worker,
        agreements=agreements,
        end_forms=end_forms,
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
    if me().organisation.kind != Organisation.JOBCENTER:
        abort(404)
    form = f.ProposeTimeslotForm()
    form.akasse.choices = _akasse_choices()
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


@bp.post("/tidsrum/<int:timeslot_id>/afslut")
def end_timeslot(timeslot_id: int) -> Page:
    """Either side ends an accepted timeslot from a day (R22, issue 14); the joint interviews booked stay."""
    form = _end_form(timeslot_id, posted=True)
    return _timeslots_attempt(
        form,
        lambda: availability.end_timeslot(unit_of_work(), me().id, timeslot_id, form.ended_from.data, now()),
        _("Tidsrummet er afsluttet. Der kan ikke bookes nye fælles jobsamtaler i det fra %(day)s. Samtaler, der allerede er booket, bliver holdt.",
          day=pages.date_text(form.ended_from.data) if form.ended_from.data else ""),
        "end_form",
    )


@bp.post("/tidsrum/<int:timeslot_id>/afvis")
def decline_timeslot(timeslot_id: int) -> Page:
    return _timeslots_attempt(
        f.ConfirmForm(),
        lambda: availability.decline_timeslot(unit_of_work(), me().id, timeslot_id, now()),
        _("Tidsrummet er afvist."),
    )


# ---- accounts and settings (administrators) ------------------------------------------------------------------


def _admin() -> read_model.CaseworkerView:
    worker = me()
    if not worker.is_admin:
        abort(403)
    return worker


def _accounts_page(form: f.CreateCaseworkerForm | None = None, refusal: Any = None) -> str:
    admin = _admin()
    return render_template(
        "caseworker/accounts.html",
        workers=read_model.organisation_caseworkers(reads(), admin.organisation_id),
        admin=admin,
        form=form or f.CreateCaseworkerForm(formdata=None),
        confirm_form=f.ConfirmForm(formdata=None),
        refusal=refusal,
    )


def _joint_booking(self_booked: bool) -> str:
    """R21's choice for one kind of joint interview as the settings form's value."""
    return "selvbooking" if self_booked else "indkaldelse"


CONTACT_TEXTS = ("phone", "opening_hours", "email", "contact_url", "reception", "what_to_bring", "calls_from")


def _contact_fields(contact: read_model.OrganisationContact) -> dict[str, Any]:
    """The contact details (issue 13) as the settings form's values."""
    values: dict[str, Any] = {name: getattr(contact, name) or "" for name in CONTACT_TEXTS}
    values["show_caseworker_names"] = contact.show_caseworker_names
    return values


def _contact_settings(form: f.OrganisationSettingsForm) -> availability.ContactSettings:
    """The posted contact details for the service: trimmed, empty text as None."""
    texts: dict[str, Any] = {name: (getattr(form, name).data or "").strip() or None for name in CONTACT_TEXTS}
    texts["phone"] = texts["phone"] or ""
    return availability.ContactSettings(**texts, show_caseworker_names=bool(form.show_caseworker_names.data))


def _settings_form(org: read_model.OrganisationView) -> f.OrganisationSettingsForm:
    """The settings as posted, or as they are; the joint-interview choices (R21) only for a jobcenter."""
    if request.method == "POST":
        form = f.OrganisationSettingsForm()
    else:
        form = f.OrganisationSettingsForm(
            formdata=None, book_by_days=str(org.book_by_days), change_deadline_hours=str(org.change_deadline_hours),
            address=org.address, **_contact_fields(org.contact),
            faellessamtale_r10=_joint_booking(org.faellessamtale_r10_selvbooking),
            faellessamtale_r12=_joint_booking(org.faellessamtale_r12_selvbooking),
        )
    if org.kind != Organisation.JOBCENTER:
        del form.faellessamtale_r10
        del form.faellessamtale_r12
    return form


@bp.route("/indstillinger", methods=["GET", "POST"], endpoint="settings")
def settings_page() -> Page:
    """The organisation's booking deadlines, address, contact details (issue 13) and, for a jobcenter, whether
    each kind of joint interview (R10, R12) is self-booked or called in (R21); administrators only. The service checks the law's minimum
    again and audits the change."""
    admin = _admin()
    org = admin.organisation
    jobcenter = org.kind == Organisation.JOBCENTER
    form = _settings_form(org)

    def render(form: Form, refusal: Any = None) -> str:
        return _settings_page(form=form, refusal=refusal)

    def call() -> None:
        availability.update_organisation_settings(
            unit_of_work(), admin.id, now(),
            book_by_days=int(form.book_by_days.data), change_deadline_hours=int(form.change_deadline_hours.data),
            address=form.address.data.strip(), contact=_contact_settings(form),
            faellessamtale_r10_selvbooking=form.faellessamtale_r10.data == "selvbooking" if jobcenter else None,
            faellessamtale_r12_selvbooking=form.faellessamtale_r12.data == "selvbooking" if jobcenter else None,
        )

    return attempt(form, call, _("Indstillingerne er gemt."), url_for(".settings"), render)


def _settings_page(
    form: f.OrganisationSettingsForm | None = None, closure_form: f.ClosureForm | None = None, refusal: Any = None,
    closure_refusal: Any = None, video_form: Form | None = None, video_refusal: Any = None,
    reminder_form: Form | None = None, reminder_refusal: Any = None,
) -> str:
    """The settings page: the deadlines form and the organisation's closed days with their own form."""
    org = _admin().organisation
    return render_template(
        "caseworker/settings.html", form=form or _settings_form(org), org=org, refusal=refusal,
        closures=read_model.organisation_closures(reads(), org.id, today()),
        closure_form=closure_form or f.ClosureForm(formdata=None), confirm_form=f.ConfirmForm(formdata=None),
        closure_refusal=closure_refusal,
        video_form=video_form or video_forms.room_form(org.video_room_template), video_refusal=video_refusal,
        reminder_form=reminder_form or reminder_forms.reminder_form(org.reminder_hour, org.book_by_reminder_days),
        reminder_refusal=reminder_refusal,
    )


@bp.post("/indstillinger/lukkedage", endpoint="add_closure")
def add_closure() -> Page:
    """A day (or part of one) the organisation is closed beyond the public holidays: never offered to book."""
    admin = _admin()
    form = f.ClosureForm()
    return attempt(
        form,
        lambda: availability.add_closure(
            unit_of_work(), admin.id, form.day.data, now(), from_time=form.from_time.data, to_time=form.to_time.data,
            note=(form.note.data or "").strip() or None,
        ),
        _("Lukkedagen er gemt. Der kan ikke bookes samtaler i den."),
        url_for(".settings") + "#lukkedage",
        lambda form, refusal=None: _settings_page(closure_form=form, closure_refusal=refusal),
    )


@bp.post("/indstillinger/lukkedage/<int:closure_id>/slet", endpoint="remove_closure")
def remove_closure(closure_id: int) -> Page:
    admin = _admin()
    return attempt(
        f.ConfirmForm(),
        lambda: availability.remove_closure(unit_of_work(), admin.id, closure_id, now()),
        _("Lukkedagen er fjernet."),
        url_for(".settings") + "#lukkedage",
        lambda form, refusal=None: _settings_page(closure_refusal=refusal),
    )


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
            unit_of_work(), now(), admin.id, form.name.data, form.email.data, form.password.data,
            is_admin=bool(form.is_admin.data), is_leader=bool(form.is_leader.data),
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
        raise
    except DomainError as error:
        return _accounts_page(refusal=error.reason), status_of(error)
    flash(_("Brugeren er spærret.") if change == "spaer" else _("Brugeren kan igen logge ind."), "success")
    return redirect(confirmed(url_for(".accounts")))


@bp.post("/brugere/<int:caseworker_id>/<any(ledelse, 'ikke-ledelse'):change>", endpoint="set_leader")
def set_leader(caseworker_id: int, change: str) -> Page:
    """Grant or withdraw the leader role (issue 17: the supervision figures, R27) of a caseworker of my
    organisation; the service audits it, and another organisation's caseworker is 404."""
    admin = _admin()
    if not f.ConfirmForm().validate_on_submit():
        abort(400)
    leader = change == "ledelse"
    name = accounts.set_caseworker_leader(unit_of_work(), now(), admin.id, caseworker_id, leader)
    if leader:
        flash(_("%(name)s er nu en del af ledelsen og kan se tilsynstallene.", name=name), "success")
    else:
        flash(_("%(name)s er ikke længere en del af ledelsen og kan ikke se tilsynstallene.", name=name), "success")
    return redirect(confirmed(url_for(".accounts")))


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
    return redirect(confirmed(url_for(".password")))
