"""The citizen's pages: "Mine samtaler", the booking step guide, rebook, cancel and "Beskeder".

Each endpoint parses, asks a query or a service, and renders or redirects. What the law allows comes from the
rules core (``evaluate``) and the booking services; a view never decides it. The answers between the booking
steps live in the server-side signed session, and the final POST sends them to ``self_book``, which checks every
one of them again.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from portal import now, today
from portal.auth.identity import CITIZEN, citizen_account, login_required
from portal.citizen.forms import ActionForm, ConfirmForm, FormatForm, KindForm, SlotForm
from portal.database import once, reads, unit_of_work
from portal.errors import STATUS, problem_page, problem_title, status_of
from portal.i18n import explain
from portal.labels import CITIZEN_PARTICIPATION_CHOICES, FORMAT_LABELS, KIND_LABELS
from scheduling import datebounds
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import BookingOption, Evaluation, check_self_booking, evaluate
from scheduling.rules.booking import FormatChoices, format_choices
from scheduling.services import booking, deadlines, queries
from scheduling.services.errors import InvalidInput, NotFound, Refused, SlotTaken
from scheduling.services.messages import mark_read
from scheduling.slots import COPENHAGEN, Slot

bp = Blueprint("citizen", __name__, template_folder="templates", url_prefix="/borger")

Page = str | Response | tuple[str, int]

# How the a-kasse takes part in a joint interview at a time: the form agreed for its timeslot (R22).
SLOT_PARTICIPATION = {
    AkasseParticipation.VIDEO: _l("A-kassen deltager på video"),
    AkasseParticipation.IN_PERSON: _l("A-kassen møder op sammen med dig"),
}

WEEKS_AHEAD = 26  # how far the week navigation reaches (a page limit, not a rule of the law)
FIRST_WEEK_SEARCH = 5  # without ?uge=, open the first of this many weeks that has a free time


# ---- helpers ----------------------------------------------------------------------------------------------------


def _me() -> int:
    return int(g.current_user.id)


def _person() -> queries.PersonCourse:
    """My open course with my interviews and decisions, loaded once per request and passed on; NotFound (404)
    when I have none."""
    return once("person_course", lambda uow: queries.person_course(uow, _me()))


def _evaluation() -> Evaluation:
    """The rules core's answer about my course today (once per request)."""
    return once("evaluation", lambda _uow: evaluate(_person().course, today()))


def _option(evaluation: Evaluation, kind: str | None) -> BookingOption | None:
    return next((o for o in evaluation.citizen.options if o.kind.value == kind), None)


def _organisation_names() -> dict[Organisation, str]:
    citizen = citizen_account(_me())
    if citizen is None:
        abort(404)
    return citizen.organisation_names


def _week(raw: str | None, default: date) -> date:
    """The Monday of the week asked for (?uge=YYYY-MM-DD, any day of it); a bad or far-off week is a 400."""
    this_monday = today() - timedelta(days=today().weekday())
    if raw is None:
        day = default
    else:
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            abort(400)
    monday = day - timedelta(days=day.weekday())
    if not this_monday <= monday <= this_monday + timedelta(weeks=WEEKS_AHEAD):
        abort(400)
    return monday


def _days(slots: list[Slot]) -> list[tuple[date, list[Slot]]]:
    """The free slots grouped by their Danish day."""
    days: dict[date, list[Slot]] = {}
    for slot in slots:
        days.setdefault(slot.local_start.date(), []).append(slot)
    return sorted(days.items())


def _parse_start(raw: str | None) -> datetime:
    try:
        start = datetime.fromisoformat(raw or "")
    except ValueError:
        abort(400)
    if start.tzinfo is None or not datebounds.in_range(start):
        abort(400)
    return start


# ---- "Mine samtaler" --------------------------------------------------------------------------------------------


@bp.get("/")
@login_required(CITIZEN)
def overview() -> str | tuple[str, int]:
    """Who is responsible, the interviews the law requires, my interviews, and whether I may book (a person
    without an open course sees that they have none)."""
    try:
        person, evaluation = _person(), _evaluation()
    except NotFound:
        return render_template("citizen/overview.html", evaluation=None)
    moment = now()
    verdicts = booking.course_change_verdicts(person.course, person.change_deadline_hours, moment)
    upcoming = [i for i in person.interviews if i.status == InterviewStatus.BOOKED and i.end > moment]
    past = [i for i in reversed(person.interviews) if i not in upcoming]
    deadlines_now = deadlines.book_by_deadlines(person.course, evaluation, person.book_by_days)
    book_by = {(d.rule, d.due): d for d in deadlines_now}
    return render_template(
        "citizen/overview.html", evaluation=evaluation, upcoming=upcoming, past=past, verdicts=verdicts,
        book_by=book_by,
    )


# ---- booking: the step guide ------------------------------------------------------------------------------------

STEP_TITLES = (_l("Samtale"), _l("Tid"), _l("Samtaleform"), _l("Tjek dine svar"), _l("Kvittering"))
STEP_ENDPOINTS = ("citizen.book_kind", "citizen.book_time", "citizen.book_format", "citizen.book_check", None)


def _steps(current: int) -> list[tuple[str, str | None, str]]:
    steps = []
    for index, (title, endpoint) in enumerate(zip(STEP_TITLES, STEP_ENDPOINTS, strict=True)):
        state = "done" if index < current else "current" if index == current else "todo"
        steps.append((str(title), url_for(endpoint) if endpoint and state == "done" else None, state))
    return steps


def _answers() -> dict[str, Any]:
    return dict(session.get("booking") or {})


def _save(answers: dict[str, Any]) -> None:
    session["booking"] = answers


def _current_option() -> tuple[dict[str, Any], BookingOption] | None:
    """The answers so far and the option they are for, if the person may still book that kind."""
    answers = _answers()
    option = _option(_evaluation(), answers.get("kind"))
    return (answers, option) if option is not None else None


@bp.route("/book", methods=["GET", "POST"])
@login_required(CITIZEN)
def book_kind() -> str | tuple[str, int] | Response:
    """Step 1: what to book — only the kinds the rules core offers now."""
    evaluation = _evaluation()
    if not evaluation.citizen.may_self_book:
        reason = evaluation.citizen.refusals[0].reason if evaluation.citizen.refusals else None
        return problem_page(STATUS[Refused], _("Du kan ikke selv booke en samtale lige nu"), reason)
    form = _kind_form(evaluation.citizen.options)
    hints = {o.kind.value: explain(o.reason) for o in evaluation.citizen.options}
    if form.validate_on_submit():
        answers = _answers()
        if answers.get("kind") != form.kind.data:
            answers = {"kind": form.kind.data}  # another kind: its time and format must be chosen again
        _save(answers)
        return redirect(url_for("citizen.book_time"))
    status = 422 if form.errors else 200
    return render_template("citizen/book_kind.html", form=form, hints=hints, steps=_steps(0)), status


def _kind_form(options: tuple[BookingOption, ...]) -> KindForm:
    """The kinds the person may book, each named with the organisation that holds it; the earlier answer (or
    the only kind) chosen on a GET."""
    names = _organisation_names()
    form = KindForm()
    form.kind.choices = [
        (o.kind.value, _("%(kind)s med %(organisation)s", kind=KIND_LABELS[o.kind], organisation=names[o.organisation]))
        for o in options
    ]
    if request.method == "GET":
        form.kind.data = _answers().get("kind")
        if form.kind.data is None and len(form.kind.choices) == 1:
            form.kind.data = form.kind.choices[0][0]
    return form


def _first_week_with_slots(fetch: Any) -> tuple[date, list[Slot]]:
    monday = today() - timedelta(days=today().weekday())
    for week in range(FIRST_WEEK_SEARCH):
        first = monday + timedelta(weeks=week)
        slots = fetch(first)
        if slots:
            return first, slots
    return monday, fetch(monday)


def _render_time(
    *, fetch: Any, action_endpoint: str, action_args: dict[str, Any], form: SlotForm | None = None,
    chosen: str | None = None, error: str | None = None, status: int = 200, **context: Any,
) -> tuple[str, int]:
    """The time step (for booking and rebooking): a week of free slots as radio buttons, with week links."""
    raw_week = request.args.get("uge")
    if raw_week is None and chosen:
        monday = _week(_parse_start(chosen).astimezone(COPENHAGEN).date().isoformat(), today())
        slots = fetch(monday)
    elif raw_week is None:
        monday, slots = _first_week_with_slots(fetch)
    else:
        monday = _week(raw_week, today())
        slots = fetch(monday)
    form = form or SlotForm(formdata=None)
    form.start.choices = [(s.start.isoformat(), "") for s in slots]
    if form.start.data is None and chosen:
        form.start.data = chosen
    this_monday = today() - timedelta(days=today().weekday())
    previous = monday - timedelta(weeks=1)
    following = monday + timedelta(weeks=1)
    nav = {
        "previous": url_for(action_endpoint, **action_args, uge=previous.isoformat()) if previous >= this_monday else None,
        "next": url_for(action_endpoint, **action_args, uge=following.isoformat())
        if following <= this_monday + timedelta(weeks=WEEKS_AHEAD)
        else None,
    }
    errors = [("start", error)] if error else None
    page = render_template(
        "citizen/choose_time.html", form=form, days=_days(slots), monday=monday, sunday=monday + timedelta(days=6),
        nav=nav, action=url_for(action_endpoint, **action_args, uge=monday.isoformat()), errors=errors,
        joint=any(s.akasse_participation is not None for s in slots), **context,
    )
    return page, status


def _time_step(
    fetch: Any, endpoint: str, args: dict[str, Any], on_chosen: Callable[[Slot], Response],
    previous: str | None = None, **context: Any,
) -> tuple[str, int] | Response:
    """The time step of booking and of rebooking: GET shows the week; a POST of one of that week's free slots
    goes on with ``on_chosen``, anything else shows the week again with the error."""
    if request.method == "POST":
        form = SlotForm()
        slots = {s.start.isoformat(): s for s in fetch(_week(request.args.get("uge"), today()))}
        form.start.choices = [(start, "") for start in slots]
        if form.validate_on_submit():
            return on_chosen(slots[form.start.data])
        return _render_time(fetch=fetch, action_endpoint=endpoint, action_args=args, form=form, status=422, **context)
    return _render_time(fetch=fetch, action_endpoint=endpoint, action_args=args, chosen=previous, **context)


def _slots_for(kind: InterviewKind) -> Any:
    def fetch(monday: date) -> list[Slot]:
        return booking.find_free_slots(
            reads(), _me(), kind, monday, monday + timedelta(days=6), now(), course=_person().course
        )

    return fetch


@bp.route("/book/tid", methods=["GET", "POST"])
@login_required(CITIZEN)
def book_time() -> tuple[str, int] | Response:
    """Step 2: a free time, a week at a time (?uge=), as radio buttons; works without JavaScript."""
    current = _current_option()
    if current is None:
        return redirect(url_for("citizen.book_kind"))
    answers, option = current

    def chosen(slot: Slot) -> Response:
        answers["start"] = slot.start.isoformat()
        answers["timeslot_participation"] = slot.akasse_participation.value if slot.akasse_participation else None
        if not format_choices(option, slot.akasse_participation).offers_participation(answers.get("participation")):
            answers.pop("participation", None)  # chosen for another timeslot's form (R22): asked again
        _save(answers)
        return redirect(url_for("citizen.book_format"))

    return _time_step(
        _slots_for(option.kind), "citizen.book_time", {}, chosen, previous=answers.get("start"),
        **_book_time_context(option),
    )


def _book_time_context(option: BookingOption) -> dict[str, Any]:
    return {
        "steps": _steps(1), "heading": _("Vælg en tid"), "what": KIND_LABELS[option.kind], "option": option,
        "akasse_forms": SLOT_PARTICIPATION,
    }


def _agreed(answers: dict[str, Any]) -> AkasseParticipation | None:
    """The a-kasse participation agreed for the chosen time's timeslot (R22), None outside timeslots."""
    try:
        return AkasseParticipation(answers["timeslot_participation"])
    except (KeyError, ValueError):
        return None


@bp.route("/book/samtaleform", methods=["GET", "POST"])
@login_required(CITIZEN)
def book_format() -> Page:
    """Step 3: the format (R15/R16) and, for joint interviews, the a-kasse's participation (R10, R12, R18) — only
    what fits the chosen time's timeslot (R22, :func:`~scheduling.rules.booking.format_choices`); the
    combination is asked of the rules core as the final step does."""
    current = _current_option()
    if current is None:
        return redirect(url_for("citizen.book_kind"))
    answers, option = current
    if not answers.get("start"):
        return redirect(url_for("citizen.book_time"))
    agreed = _agreed(answers)
    choices = format_choices(option, agreed)
    if choices.nothing_fits:
        return redirect(url_for("citizen.book_time"))
    form = _format_form(choices, answers)
    if form.validate_on_submit():
        if _format_allowed(form, answers, option, choices):
            return redirect(url_for("citizen.book_check"))
    elif agreed is not None and _chose_another_timeslots_participation(form, choices):
        # a participation the rules allow, but not at this time (R22): say so, and how to get it
        form.participation.errors = [explain(booking.timeslot_form_reason(agreed))]
    shown = SLOT_PARTICIPATION.get(agreed) if agreed is not None and choices.not_at_this_time else None
    page = render_template(
        "citizen/book_format.html", form=form, option=option, fixed_participation=choices.fixed_participation,
        steps=_steps(2), timeslot_participation=shown,
    )
    return page, 422 if form.errors else 200


def _format_form(choices: FormatChoices, answers: dict[str, Any]) -> FormatForm:
    """The format step's form with the choices that fit the time; a GET shows the earlier answers (or the only
    format), a POST without a participation takes the only one that fits. Not asked: no participation field."""
    form = FormatForm()
    form.format.choices = [(f.value, FORMAT_LABELS[f]) for f in choices.formats]
    form.participation.choices = [(p.value, CITIZEN_PARTICIPATION_CHOICES[p]) for p in choices.participations]
    fixed = choices.fixed_participation
    if request.method == "GET":
        form.format.data = answers.get("format") if answers.get("format") in dict(form.format.choices) else None
        if form.format.data is None and len(choices.formats) == 1:
            form.format.data = choices.formats[0].value
        form.participation.data = answers.get("participation")
    elif fixed is not None and not form.participation.raw_data:
        form.participation.data = fixed.value  # not asked: the only participation that fits the time
    if not choices.participations:
        del form.participation
    return form


def _format_allowed(form: FormatForm, answers: dict[str, Any], option: BookingOption, choices: FormatChoices) -> bool:
    """Ask the rules core whether the chosen format and participation may be booked at the chosen time; keep them
    if so, else put its reason on the field the person should change."""
    format = Format(form.format.data)
    participation = AkasseParticipation(form.participation.data) if "participation" in form else None
    verdict = check_self_booking(
        _person().course, today(), option.kind, option.organisation, format,
        _parse_start(answers["start"]), participation,
    )
    if not verdict.allowed:
        field = form.participation if "participation" in form and choices.fixed_participation is None else form.format
        field.errors = [explain(verdict.reason)]
        return False
    answers["format"] = format.value
    answers["participation"] = participation.value if participation else None
    _save(answers)
    return True


def _chose_another_timeslots_participation(form: FormatForm, choices: FormatChoices) -> bool:
    """The person asked for a participation that the chosen time's timeslot does not have (R22)."""
    return (
        "participation" in form
        and bool(form.participation.errors)
        and form.participation.data in {p.value for p in choices.not_at_this_time}
    )


@bp.get("/book/tjek")
@login_required(CITIZEN)
def book_check() -> str | Response:
    """Step 4: check your answers; the button carries this booking's one-time token."""
    current = _current_option()
    if current is None:
        return redirect(url_for("citizen.book_kind"))
    answers, option = current
    if not answers.get("start"):
        return redirect(url_for("citizen.book_time"))
    choices = format_choices(option, _agreed(answers))
    if not answers.get("format") or (choices.participations and not choices.offers_participation(answers.get("participation"))):
        return redirect(url_for("citizen.book_format"))
    if not answers.get("token"):
        answers["token"] = secrets.token_urlsafe(16)
        _save(answers)
    form = ConfirmForm(formdata=None, token=answers["token"])
    return render_template(
        "citizen/book_check.html", form=form, option=option, answers=_summary(answers), names=_organisation_names(),
        steps=_steps(3),
    )


def _summary(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers as values for showing (a tampered value shows nothing; the final POST refuses it)."""
    def enum(cls: Any, value: Any) -> Any:
        try:
            return cls(value) if value else None
        except ValueError:
            return None

    return {
        "kind": enum(InterviewKind, answers.get("kind")),
        "start": _parse_start(answers.get("start")),
        "format": enum(Format, answers.get("format")),
        "participation": enum(AkasseParticipation, answers.get("participation")),
    }


def _remember_booked(token: str, interview_id: int) -> Response:
    done = dict(session.get("booked_tokens") or {})
    done[token] = interview_id
    session["booked_tokens"] = dict(list(done.items())[-5:])
    session.pop("booking", None)
    return redirect(url_for("citizen.book_receipt", interview_id=interview_id))


def _already_booked(kind: InterviewKind, start: datetime) -> int | None:
    """The person's own self-booked interview of this kind at this time: the first of a double submit."""
    for view in queries.citizen_interviews(reads(), _me()):
        if (view.status == InterviewStatus.BOOKED and view.booked_by == BookedBy.SELF and view.kind == kind
                and view.start == start):
            return view.id
    return None


@bp.post("/book/tjek")
@login_required(CITIZEN)
@problem_title(_l("Samtalen kunne ikke bookes"))
def book_confirm() -> Page:
    """The final POST: the service checks every answer again. Twice the same token books once. A time taken
    meanwhile, never offered or too early shows the time step again; any other refusal is a problem page."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    token = form.token.data or ""
    done = session.get("booked_tokens") or {}
    if token in done:
        return redirect(url_for("citizen.book_receipt", interview_id=done[token]))
    answers = _answers()
    if not token or answers.get("token") != token:
        return problem_page(
            409, _("Bookingen er allerede sendt eller udløbet"),
            text=_("Se under Mine samtaler, om samtalen er booket. Ellers start bookingen forfra."),
        )
    chosen = _chosen(answers)
    if chosen is None:
        return problem_page(
            STATUS[InvalidInput], _("Dine svar kunne ikke bruges"),
            text=_("Start bookingen forfra, og vælg blandt de viste muligheder."), back=url_for("citizen.book_kind"),
        )
    kind, start, format, participation = chosen
    try:
        interview_id = booking.self_book(
            unit_of_work(), _me(), kind, start, format, now(), akasse_participation=participation
        )
    except (SlotTaken, InvalidInput) as refused:
        return _time_refused(refused, token, answers, kind, start)
    return _remember_booked(token, interview_id)


def _chosen(answers: dict[str, Any]) -> tuple[InterviewKind, datetime, Format, AkasseParticipation | None] | None:
    """The answers as the values the booking service takes, or None when one cannot be read."""
    try:
        participation = AkasseParticipation(answers["participation"]) if answers.get("participation") else None
        return InterviewKind(answers["kind"]), _parse_start(answers["start"]), Format(answers["format"]), participation
    except (KeyError, ValueError):
        return None


def _time_refused(
    refused: SlotTaken | InvalidInput, token: str, answers: dict[str, Any], kind: InterviewKind, start: datetime
) -> Page:
    """The time was taken meanwhile, or never offered or too early: choose another, the other answers kept. The
    same booking sent twice at once goes to the receipt of the first, which won."""
    if isinstance(refused, SlotTaken):
        first = _already_booked(kind, start)
        if first is not None:
            return _remember_booked(token, first)
    for key in ("start", "timeslot_participation", "token"):
        answers.pop(key, None)
    _save(answers)
    option = _option(_evaluation(), kind.value)
    if option is None:
        return problem_page(status_of(refused), _("Tiden er ikke længere ledig"), refused.reason)
    return _render_time(
        fetch=_slots_for(kind), action_endpoint="citizen.book_time", action_args={}, error=explain(refused.reason),
        status=status_of(refused), **_book_time_context(option),
    )


@bp.get("/book/kvittering/<int:interview_id>")
@login_required(CITIZEN)
def book_receipt(interview_id: int) -> str:
    """Step 5: the receipt, with "Tilføj til kalender", saying that a booked interview binds."""
    return render_template("citizen/book_receipt.html", interview=_own_interview(interview_id), steps=_steps(4))


# ---- rebook and cancel ------------------------------------------------------------------------------------------


def _own_interview(interview_id: int) -> queries.InterviewView:
    """My own interview; any other id is NotFound (404)."""
    return queries.interview(reads(), interview_id, citizen_id=_me())


def _rebook_time_context(interview: queries.InterviewView) -> dict[str, Any]:
    # every time offered fits the interview's own a-kasse participation (R22); none is shown when it takes no part
    forms = {p: text for p, text in SLOT_PARTICIPATION.items() if p == interview.akasse_participation}
    return {
        "heading": _("Flyt samtalen"), "what": KIND_LABELS[interview.kind], "interview": interview,
        "akasse_forms": forms,
    }


def _rebook_slots(interview_id: int) -> Any:
    def fetch(monday: date) -> list[Slot]:
        return booking.find_rebook_slots(reads(), _me(), interview_id, monday, monday + timedelta(days=6), now())

    return fetch


@bp.route("/samtaler/<int:interview_id>/flyt", methods=["GET", "POST"])
@login_required(CITIZEN)
@problem_title(_l("Du kan ikke flytte samtalen"))
def rebook(interview_id: int) -> Page:
    """Move my own self-booked interview: choose a new time (then confirm)."""
    interview = _own_interview(interview_id)
    return _time_step(
        _rebook_slots(interview_id), "citizen.rebook", {"interview_id": interview_id},
        lambda slot: redirect(url_for("citizen.rebook_confirm", interview_id=interview_id, start=slot.start.isoformat())),
        **_rebook_time_context(interview),
    )


@bp.route("/samtaler/<int:interview_id>/flyt/bekraeft", methods=["GET", "POST"])
@login_required(CITIZEN)
@problem_title(_l("Samtalen kunne ikke flyttes"))
def rebook_confirm(interview_id: int) -> Page:
    """Confirm the new time; the service checks it again (free, allowed, before the deadline)."""
    interview = _own_interview(interview_id)
    start = _parse_start(request.args.get("start"))
    form = ActionForm()
    if form.validate_on_submit():
        try:
            booking.rebook(unit_of_work(), _me(), interview_id, start, now())
        except (SlotTaken, InvalidInput) as refused:
            return _render_time(
                fetch=_rebook_slots(interview_id), action_endpoint="citizen.rebook",
                action_args={"interview_id": interview_id}, error=explain(refused.reason),
                status=status_of(refused), **_rebook_time_context(interview),
            )
        flash(_("Din samtale er flyttet. Vi har sendt en besked til dig med den nye tid."), "success")
        return redirect(url_for("citizen.overview"))
    if request.method == "POST":
        abort(400)
    return render_template("citizen/rebook_confirm.html", form=form, interview=interview, start=start)


@bp.route("/samtaler/<int:interview_id>/aflys", methods=["GET", "POST"])
@login_required(CITIZEN)
@problem_title(_l("Du kan ikke aflyse samtalen"))
def cancel(interview_id: int) -> Page:
    """Cancel my own self-booked interview, with a confirmation step."""
    interview = _own_interview(interview_id)
    person = _person()
    verdict = booking.course_change_verdicts(person.course, person.change_deadline_hours, now()).get(interview_id)
    if verdict is None:
        abort(404)
    if not verdict.allowed:
        raise Refused(verdict.reason)
    form = ActionForm()
    if form.validate_on_submit():
        booking.cancel(unit_of_work(), _me(), interview_id, now())
        flash(_("Din samtale er aflyst. Husk at booke en ny, hvis du skal have en samtale."), "success")
        return redirect(url_for("citizen.overview"))
    if request.method == "POST":
        abort(400)
    return render_template("citizen/cancel.html", form=form, interview=interview)


# ---- messages ---------------------------------------------------------------------------------------------------


@bp.get("/beskeder")
@login_required(CITIZEN)
def messages() -> str:
    """My inbox, newest first, unread ones marked."""
    return render_template("citizen/messages.html", messages=queries.citizen_messages(reads(), _me()))


@bp.post("/beskeder/<int:message_id>")
@login_required(CITIZEN)
def open_message(message_id: int) -> Response:
    """Opening a message from the inbox marks it read, then shows it (the page itself only reads)."""
    mark_read(unit_of_work(), _me(), message_id, now())
    return redirect(url_for(".message", message_id=message_id), 303)


@bp.get("/beskeder/<int:message_id>")
@login_required(CITIZEN)
def message(message_id: int) -> str:
    """One message. A decision shows its reasons and appeal instructions."""
    found = next((m for m in queries.citizen_messages(reads(), _me()) if m.id == message_id), None)
    if found is None:
        abort(404)
    decision = None
    if found.decision_id is not None:
        decision = next((d for d in queries.citizen_decisions(reads(), _me()) if d.id == found.decision_id), None)
    return render_template("citizen/message.html", message=found, decision=decision)

