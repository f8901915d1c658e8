"""The citizen's pages: "Mine samtaler", the booking step guide, rebook, cancel and "Beskeder".

Each endpoint parses, asks a query or a service, and renders or redirects. What the law allows comes from the
rules core (``evaluate``) and the booking services; a view never decides it. The answers between the booking
steps live in the server-side signed session, and the final POST sends them to ``self_book``, which checks every
one of them again.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
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
from werkzeug.wrappers import Response

from portal import letters, now, page_cache, today
from portal.auth.identity import CITIZEN, citizen_account, login_required
from portal.citizen.forms import ActionForm, ConfirmForm, FormatForm, KindForm, SlotForm
from portal.database import once, reads, unit_of_work
from portal.errors import STATUS, problem_page, problem_title, status_of
from portal.i18n import explain, time_short
from portal.i18n import lazy_gettext as _l
from portal.labels import CITIZEN_PARTICIPATION_CHOICES, FORMAT_LABELS, KIND_LABELS, ORGANISATION_LABELS
from scheduling import datebounds
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Course,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import BookingOption, Evaluation, call_in, check_self_booking, evaluate
from scheduling.rules.booking import (
    FormatChoices,
    assess,
    booking_horizon,
    format_choices,
    one_open_booking_reason,
    open_booking,
)
from scheduling.services import booking, deadlines, queries, read_model, slot_cache
from scheduling.services.errors import InvalidInput, NotFound, Refused, SlotTaken
from scheduling.services.letters import Letter
from scheduling.services.messages import mark_read
from scheduling.slots import COPENHAGEN, Slot
from scheduling.vocabulary import RecordKind

bp = Blueprint("citizen", __name__, template_folder="templates", url_prefix="/borger")

Page = str | bytes | Response | tuple[str, int]  # bytes: a kept page (portal.page_cache)

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


def _only_option(evaluation: Evaluation) -> BookingOption | None:
    """The one kind the person may book, when there is only one: step 1 has a single answer and is skipped."""
    options = evaluation.citizen.options
    return options[0] if len(options) == 1 else None


def _account() -> read_model.CitizenAccount:
    """The logged-in person with their own organisations' names and contact details (loaded with the log-in
    check: no statement of its own)."""
    citizen = citizen_account(_me())
    if citizen is None:
        abort(404)
    return citizen


def _organisation_names() -> dict[Organisation, str]:
    return _account().organisation_names


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


@dataclass(frozen=True)
class SlotChoice:
    """A free slot as the time step shows it: the radio button's value and id, its label, the a-kasse's form."""

    value: str
    radio: str
    label: str
    akasse_participation: AkasseParticipation | None


def _days(slots: list[Slot]) -> list[tuple[date, list[SlotChoice]]]:
    """The free slots grouped by their Danish day, each with its value, radio id and label made here: a week of a
    large organisation is a hundred radio buttons, and a label's translation and times cost more in the template."""
    label = _("kl. %(start)s–%(end)s")
    days: dict[date, list[SlotChoice]] = {}
    for slot in slots:
        local_start = slot.local_start
        day = days.setdefault(local_start.date(), [])
        day.append(SlotChoice(
            slot.start.isoformat(), f"start-{local_start.date().isoformat()}-{len(day) + 1}",
            label % {"start": time_short(slot.start), "end": time_short(slot.end)}, slot.akasse_participation,
        ))
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
def overview() -> str | bytes:
    """Who is responsible, the interviews the law requires, my interviews, and whether I may book (a person
    without an open course sees that they have none). The page is kept between requests under my page versions
    (:mod:`portal.page_cache`): read again, it costs the log-in check's one statement."""
    return page_cache.kept_page(_account().page_versions, _overview)


def _overview() -> page_cache.Rendered:
    """The page, and the moment it stops being true by the clock alone: the next midnight (the rules core's
    answers are of a day), or an interview's change deadline, start or end (whether it may be moved, whether it
    is coming or past), whichever comes first."""
    contacts = _account().contacts
    moment = now()
    try:
        person, evaluation = _person(), _evaluation()
    except NotFound:
        return render_template("citizen/overview.html", evaluation=None, contacts=contacts), page_cache.next_moment(
            moment, ()
        )
    until = page_cache.next_moment(moment, booking.clock_moments(person.interviews, person.change_deadline_hours))
    verdicts = booking.course_change_verdicts(person.course, person.change_deadline_hours, moment)
    upcoming = [i for i in person.interviews if i.status == InterviewStatus.BOOKED and i.end > moment]
    past = [i for i in reversed(person.interviews) if i not in upcoming]
    deadlines_now = deadlines.book_by_deadlines(person.course, evaluation, person.book_by_days)
    book_by = {(d.rule, d.due): d for d in deadlines_now}
    revocation = _standing_revocation(person.decisions)
    return render_template(
        "citizen/overview.html", evaluation=evaluation, upcoming=upcoming, past=past, verdicts=verdicts,
        book_by=book_by, contacts=contacts, next_step=call_in(person.course, evaluation), revocation=revocation,
        revocation_day=revocation.made_at.astimezone(COPENHAGEN).date() if revocation else None,
    ), until


def _standing_revocation(decisions: tuple[queries.DecisionView, ...]) -> queries.DecisionView | None:
    """The afgørelse that took my right to self-book (R23), unless a later decision gave it back."""
    standing = None
    for decision in decisions:  # oldest first
        if decision.kind == RecordKind.REVOKE_SELF_BOOKING:
            standing = decision
        elif decision.kind == RecordKind.RESTORE_SELF_BOOKING:
            standing = None
    return standing


# ---- booking: the step guide ------------------------------------------------------------------------------------

STEP_TITLES = (_l("Samtale"), _l("Tid"), _l("Samtaleform"), _l("Tjek dine svar"), _l("Kvittering"))
STEP_ENDPOINTS = ("citizen.book_kind", "citizen.book_time", "citizen.book_format", "citizen.book_check", None)


def _steps(current: int, skipped: frozenset[str] = frozenset()) -> list[tuple[str, str | None, str]]:
    """The step indicator; done steps link back, except a step skipped because it had a single answer, and
    except from the receipt: the booking is finished then, and its steps lead nowhere (the answers are gone)."""
    finished = current == len(STEP_TITLES) - 1
    steps = []
    for index, (title, endpoint) in enumerate(zip(STEP_TITLES, STEP_ENDPOINTS, strict=True)):
        state = "done" if index < current else "current" if index == current else "todo"
        linked = endpoint is not None and state == "done" and endpoint not in skipped and not finished
        steps.append((str(title), url_for(endpoint) if endpoint is not None and linked else None, state))
    return steps


def _kind_skipped() -> frozenset[str]:
    return frozenset({"citizen.book_kind"}) if _only_option(_evaluation()) is not None else frozenset()


def _answers() -> dict[str, Any]:
    return dict(session.get("booking") or {})


def _save(answers: dict[str, Any]) -> None:
    session["booking"] = answers


def _current_option() -> tuple[dict[str, Any], BookingOption] | None:
    """The answers so far and the option they are for, if the person may still book that kind."""
    answers = _answers()
    option = _option(_evaluation(), answers.get("kind"))
    only = _only_option(_evaluation())
    if option is None and only is not None:
        answers, option = {"kind": only.kind.value}, only  # the one kind there is: taken as chosen, not asked
    return (answers, option) if option is not None else None


@bp.route("/book", methods=["GET", "POST"])
@login_required(CITIZEN)
def book_kind() -> str | tuple[str, int] | Response:
    """Step 1: what to book — only the kinds the rules core offers now."""
    evaluation = _evaluation()
    if not evaluation.citizen.may_self_book:
        return _no_self_booking(evaluation)
    if request.method == "GET" and _only_option(evaluation) is not None:
        return redirect(url_for("citizen.book_time"))  # a single answer: not asked, shown on the check page
    form = _kind_form(evaluation.citizen.options)
    hints = {o.kind.value: explain(o.reason) for o in evaluation.citizen.options}
    if form.validate_on_submit():
        answers = _answers()
        if answers.get("kind") != form.kind.data:
            answers = {"kind": form.kind.data}  # another kind: its time and format must be chosen again
        _save(answers)
        option = _option(evaluation, form.kind.data)
        if option is not None and _open_booking(option) is not None:
            return redirect(url_for("citizen.book_already"))
        return redirect(url_for("citizen.book_time"))
    status = 422 if form.errors else 200
    return render_template("citizen/book_kind.html", form=form, hints=hints, steps=_steps(0)), status


def _no_self_booking(evaluation: Evaluation) -> tuple[str, int]:
    """Why the person may not book now, what happens next and by when (R19, R23), and whom to contact."""
    refusals = evaluation.citizen.refusals
    next_step = call_in(_person().course, evaluation)
    contacts = _account().contacts
    organisation = next_step.organisation if next_step else evaluation.responsibility.organisation
    page = render_template(
        "citizen/no_self_booking.html", refusals=refusals[:1], next_step=next_step, contact=contacts.get(organisation),
    )
    return page, STATUS[Refused]


def _open_booking(option: BookingOption) -> queries.InterviewView | None:
    """The person's booked interview of the same obligation as ``option`` (R20, R23): no second one is booked."""
    booked = open_booking(_person().course, today(), option.organisation)
    if booked is None:
        return None
    return next((i for i in _person().interviews if str(i.id) == booked.id), None)


@bp.get("/book/allerede-booket")
@login_required(CITIZEN)
def book_already() -> str | Response:
    """The person already holds a booked interview of the obligation they want to book: move that one instead
    (or keep it). The booking service refuses a second one all the same (R20, R23)."""
    current = _current_option()
    if current is None:
        return redirect(url_for("citizen.book_kind"))
    _, option = current
    booked = _open_booking(option)
    if booked is None:
        return redirect(url_for("citizen.book_time"))
    person = _person()
    verdict = booking.course_change_verdicts(person.course, person.change_deadline_hours, now()).get(booked.id)
    booked_fact = next(i for i in person.course.interviews if i.id == str(booked.id))
    return render_template(
        "citizen/book_already.html", interview=booked, verdict=verdict, steps=_steps(0),
        why=one_open_booking_reason(person.course, today(), option.organisation, booked_fact),
    )


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


def _last_day() -> date:
    """The last day the week navigation reaches (a page limit, not a rule of the law)."""
    this_monday = today() - timedelta(days=today().weekday())
    return this_monday + timedelta(weeks=WEEKS_AHEAD, days=6)


def _horizon(organisation: Organisation) -> tuple[date, Any]:
    """The last day that may be booked with ``organisation`` and why: the law's (R1, the a-kasse's period ends
    at the hand-over) when it comes first, else the portal's own limit."""
    limit = _last_day()
    legal = booking_horizon(_person().course, today(), organisation)
    if legal is not None and legal[0] < limit:
        return legal[0], explain(legal[1])
    return limit, _("Du kan booke tider op til %(weeks)s uger frem. Vil du have en senere tid, så book den, når den kommer inden for de %(weeks)s uger.", weeks=WEEKS_AHEAD)


def _render_time(
    *, fetch: Any, action_endpoint: str, action_args: dict[str, Any], form: SlotForm | None = None,
    chosen: str | None = None, error: str | None = None, status: int = 200, shown: list[Slot] | None = None,
    **context: Any,
) -> tuple[str, int]:
    """The time step (for booking and rebooking): a week of free slots as radio buttons, with week links, the
    first free time (one click) when the page opens on it, a link to the month overview, and where the booking
    horizon falls in the week, why nothing is offered after it. The slots shown are added to ``shown``."""
    raw_week = request.args.get("uge")
    first_free = None
    if raw_week is None and chosen and not request.args.get("foerste"):
        monday = _week(_parse_start(chosen).astimezone(COPENHAGEN).date().isoformat(), today())
        slots = fetch(monday)
    elif raw_week is None:
        monday, slots = _first_week_with_slots(fetch)
        first_free = slots[0] if slots else None
    else:
        monday = _week(raw_week, today())
        slots = fetch(monday)
    if shown is not None:
        shown.extend(slots)
    form = form or SlotForm(formdata=None)
    form.start.choices = [(s.start.isoformat(), "") for s in slots]
    if form.start.data is None and chosen:
        form.start.data = chosen
    this_monday = today() - timedelta(days=today().weekday())
    previous = monday - timedelta(weeks=1)
    following = monday + timedelta(weeks=1)
    horizon, horizon_reason = _horizon(context["organisation"])
    nav = {
        "previous": url_for(action_endpoint, **action_args, uge=previous.isoformat()) if previous >= this_monday else None,
        "next": url_for(action_endpoint, **action_args, uge=following.isoformat()) if following <= horizon else None,
        "first": url_for(action_endpoint, **action_args, foerste=1),
        "month": url_for(context["month_endpoint"], **action_args, maaned=monday.strftime("%Y-%m")),
    }
    errors = [("start", error)] if error else None
    page = render_template(
        "citizen/choose_time.html", form=form, days=_days(slots), monday=monday, sunday=monday + timedelta(days=6),
        nav=nav, action=url_for(action_endpoint, **action_args, uge=monday.isoformat()), errors=errors,
        joint=any(s.akasse_participation is not None for s in slots), first_free=first_free,
        horizon=horizon if horizon <= monday + timedelta(days=6) else None, horizon_reason=horizon_reason,
        **context,
    )
    return page, status


def _month(raw: str | None) -> date:
    """The first day of the month asked for (?maaned=YYYY-MM); this month without one; a past or far-off month
    (or a bad value) is a 400."""
    this_month = today().replace(day=1)
    if raw is None:
        return this_month
    try:
        month = datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        abort(400)
    if not this_month <= month <= _last_day():
        abort(400)
    return month


def _render_month(fetch: Any, week_endpoint: str, args: dict[str, Any], **context: Any) -> str:
    """The month overview: the days of a month that have free times, each linking to its week, so nobody
    pages through empty weeks; no past month; the booking horizon and why it is there."""
    month_endpoint = context["month_endpoint"]
    month = _month(request.args.get("maaned"))
    following = (month + timedelta(days=31)).replace(day=1)
    horizon, horizon_reason = _horizon(context["organisation"])
    first = max(month, today())
    last = min(following - timedelta(days=1), horizon)
    slots = fetch(first, last) if first <= last else []
    days = [
        (day, len(found), url_for(week_endpoint, **args, uge=(day - timedelta(days=day.weekday())).isoformat()) + f"#dag-{day.isoformat()}")
        for day, found in _days(slots)
    ]
    previous = (month - timedelta(days=1)).replace(day=1)
    nav = {
        "previous": url_for(month_endpoint, **args, maaned=previous.strftime("%Y-%m")) if previous >= today().replace(day=1) else None,
        "next": url_for(month_endpoint, **args, maaned=following.strftime("%Y-%m")) if following <= horizon else None,
    }
    return render_template(
        "citizen/choose_month.html", month=month, days=days, nav=nav,
        horizon=horizon if horizon < following else None, horizon_reason=horizon_reason,
        week_link=url_for(week_endpoint, **args, uge=first.isoformat()), **context,
    )


def _time_step(
    fetch: Any, endpoint: str, args: dict[str, Any], on_chosen: Callable[[Slot], Response],
    previous: str | None = None, shown: list[Slot] | None = None, **context: Any,
) -> tuple[str, int] | Response:
    """The time step of booking and of rebooking: GET shows the week (its slots added to ``shown``); a POST of
    one of that week's free slots goes on with ``on_chosen``, anything else shows the week again with the error."""
    if request.method == "POST":
        form = SlotForm()
        slots = {s.start.isoformat(): s for s in fetch(_week(request.args.get("uge"), today()))}
        form.start.choices = [(start, "") for start in slots]
        if form.validate_on_submit():
            return on_chosen(slots[form.start.data])
        return _render_time(fetch=fetch, action_endpoint=endpoint, action_args=args, form=form, status=422, **context)
    return _render_time(fetch=fetch, action_endpoint=endpoint, action_args=args, chosen=previous, shown=shown,
                        **context)


def _slots_for(kind: InterviewKind) -> Any:
    def fetch(monday: date, last: date | None = None) -> list[Slot]:
        return booking.find_free_slots(
            reads(), _me(), kind, monday, last or monday + timedelta(days=6), now(), course=_person().course,
            evaluation=_evaluation(), party=_person().party,
        )

    return fetch


@bp.route("/book/tid", methods=["GET", "POST"])
@login_required(CITIZEN)
def book_time() -> Page:
    """Step 2: a free time, a week at a time (?uge=), as radio buttons; works without JavaScript. A week asked
    for is kept between requests (:mod:`portal.page_cache`) under what it shows besides the clock
    (:func:`_free_times_versions`): read again, it costs the log-in check and the free times' version."""
    versions = _free_times_versions()
    if versions is None:
        return _book_time()[0]
    return page_cache.kept_page(versions, _book_time)


def _free_times_versions() -> Hashable | None:
    """My page versions, my answers so far and my organisations' version of their free times in the week asked
    for (?uge=; one statement); None when the page is not kept: a POST, no week asked for (the first page looks
    for a week with free times), or a database that versions no free times (SQLite)."""
    raw = request.args.get("uge")
    account = _account()
    if request.method != "GET" or raw is None or account.akasse is None or account.jobcenter is None:
        return None
    monday = _week(raw, today())
    slots = slot_cache.versions(reads(), (account.akasse.id, account.jobcenter.id), monday, monday + timedelta(days=6))
    if slots is None:
        return None
    return account.page_versions, slots, json.dumps(_answers(), sort_keys=True)


def _book_time() -> tuple[Page, datetime | None]:
    """The time step, and until when its week of free times is true by the clock alone: the next midnight, or
    the moment the first free time shown stops being offered (its change deadline and margin from now)."""
    current = _current_option()
    if current is None:
        return redirect(url_for("citizen.book_kind")), None
    answers, option = current
    if _open_booking(option) is not None:
        return redirect(url_for("citizen.book_already")), None

    def chosen(slot: Slot) -> Response:
        answers["start"] = slot.start.isoformat()
        answers["timeslot_participation"] = slot.akasse_participation.value if slot.akasse_participation else None
        if not format_choices(option, slot.akasse_participation).offers_participation(answers.get("participation")):
            answers.pop("participation", None)  # chosen for another timeslot's form (R22): asked again
        _save(answers)
        if _format_step_answered(option, answers):
            return redirect(url_for("citizen.book_check"))
        return redirect(url_for("citizen.book_format"))

    shown: list[Slot] = []
    page = _time_step(
        _slots_for(option.kind), "citizen.book_time", {}, chosen, previous=answers.get("start"), shown=shown,
        **_book_time_context(option),
    )
    if request.method != "GET" or not isinstance(page, tuple) or page[1] != 200:
        return page, None
    party = _person().party
    if party is None:
        return page[0], None
    holder = party.akasse if option.organisation == Organisation.AKASSE else party.jobcenter
    return page[0], page_cache.next_moment(now(), (booking.self_booked_offer_ends(holder, s.start) for s in shown))


def _book_time_context(option: BookingOption) -> dict[str, Any]:
    skipped = _kind_skipped()
    return {
        "steps": _steps(1, skipped), "heading": _("Vælg en tid"), "what": KIND_LABELS[option.kind], "option": option,
        "akasse_forms": SLOT_PARTICIPATION, "kind_asked": not skipped, "organisation": option.organisation,
        "month_endpoint": "citizen.book_month",
    }


def _single_format_answer(option: BookingOption, agreed: AkasseParticipation | None) -> FormatChoices | None:
    """The choices at the chosen time when they leave one format and no participation to choose (the first
    interview, R15; the a-kasse in person, R18/R22): the format step has a single answer. None: it is asked."""
    choices = format_choices(option, agreed)
    if choices.nothing_fits or len(choices.formats) != 1:
        return None
    return choices if not choices.participations or choices.fixed_participation is not None else None


def _format_step_answered(option: BookingOption, answers: dict[str, Any]) -> bool:
    """Take the format step's single answer, if it has one and the rules core allows it at the chosen time (as
    the step itself asks): saved, and the step is skipped. False: the step must be asked."""
    choices = _single_format_answer(option, _agreed(answers))
    if choices is None:
        return False
    format, participation = choices.formats[0], choices.fixed_participation
    verdict = check_self_booking(
        _person().course, today(), option.kind, option.organisation, format, _parse_start(answers["start"]), participation
    )
    if not verdict.allowed:
        return False
    answers["format"] = format.value
    answers["participation"] = participation.value if participation else None
    _save(answers)
    return True


@bp.get("/book/tid/maaned")
@login_required(CITIZEN)
def book_month() -> str | Response:
    """The month overview of the time step: which days have free times (?maaned=YYYY-MM)."""
    current = _current_option()
    if current is None:
        return redirect(url_for("citizen.book_kind"))
    _, option = current
    if _open_booking(option) is not None:
        return redirect(url_for("citizen.book_already"))
    return _render_month(_slots_for(option.kind), "citizen.book_time", {}, **_book_time_context(option))


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
    if request.method == "GET" and _format_step_answered(option, answers):
        return redirect(url_for("citizen.book_check"))  # a single answer: not asked, shown on the check page
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
        steps=_steps(2, _kind_skipped()), timeslot_participation=shown,
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
    # "Ret" only where there was a choice; a step with a single answer was skipped and is only shown here
    asked = {
        "kind": not _kind_skipped(),
        "format": _single_format_answer(option, _agreed(answers)) is None,
        "participation": len(choices.participations) > 1,
    }
    skipped = _kind_skipped() | (frozenset() if asked["format"] else frozenset({"citizen.book_format"}))
    account = _account()
    return render_template(
        "citizen/book_check.html", form=form, option=option, answers=_summary(answers),
        names=account.organisation_names, contact=account.contacts.get(option.organisation), phone=account.phone,
        steps=_steps(3, skipped), asked=asked,
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
    except Refused:
        # the same booking sent twice at once: the first holds the obligation's booking now (R20), show its receipt
        first = _already_booked(kind, start)
        if first is None:
            raise
        return _remember_booked(token, first)
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
        "akasse_forms": forms, "organisation": interview.organisation, "month_endpoint": "citizen.rebook_month",
    }


def _rebook_slots(interview_id: int) -> Any:
    def fetch(monday: date, last: date | None = None) -> list[Slot]:
        return booking.find_rebook_slots(reads(), _me(), interview_id, monday, last or monday + timedelta(days=6), now())

    return fetch


@bp.get("/samtaler/<int:interview_id>/flyt/maaned")
@login_required(CITIZEN)
@problem_title(_l("Du kan ikke flytte samtalen"))
def rebook_month(interview_id: int) -> str:
    """The month overview for moving my interview: which days have free times."""
    interview = _own_interview(interview_id)
    return _render_month(
        _rebook_slots(interview_id), "citizen.rebook", {"interview_id": interview_id},
        **_rebook_time_context(interview),
    )


@bp.route("/samtaler/<int:interview_id>/flyt", methods=["GET", "POST"])
@login_required(CITIZEN)
@problem_title(_l("Du kan ikke flytte samtalen"))
def rebook(interview_id: int) -> Page:
    """Move my own self-booked interview: choose a new time (then confirm)."""
    interview = _own_interview(interview_id)
    return _time_step(
        _rebook_slots(interview_id), "citizen.rebook", {"interview_id": interview_id},
        lambda slot: redirect(url_for(
            "citizen.rebook_confirm", interview_id=interview_id, start=slot.start.isoformat(),
            aftalt=slot.akasse_participation.value if slot.akasse_participation else None,
        )),
        **_rebook_time_context(interview),
    )


@bp.route("/samtaler/<int:interview_id>/flyt/bekraeft", methods=["GET", "POST"])
@login_required(CITIZEN)
@problem_title(_l("Samtalen kunne ikke flyttes"))
def rebook_confirm(interview_id: int) -> Page:
    """Confirm the new time, and choose the format and the a-kasse's participation again within the same rules
    as a new booking (R15, R16, R10, R12, R18, and R22 for the chosen time's timeslot); the service checks it all
    again (free, allowed, before the deadline)."""
    interview = _own_interview(interview_id)
    start = _parse_start(request.args.get("start"))
    agreed = _agreed({"timeslot_participation": request.args.get("aftalt")})
    option = _rebook_option(interview, start)
    choices = format_choices(option, agreed)
    form = _rebook_format_form(choices, interview)
    if form.validate_on_submit():
        format = Format(form.format.data)
        participation = AkasseParticipation(form.participation.data) if "participation" in form else None
        verdict = check_self_booking(
            _without(interview.id), today(), interview.kind, interview.organisation, format, start, participation,
        )
        if not verdict.allowed:
            field = form.participation if "participation" in form and choices.fixed_participation is None else form.format
            field.errors = [explain(verdict.reason)]
        else:
            try:
                booking.rebook(
                    unit_of_work(), _me(), interview_id, start, now(), format=format, akasse_participation=participation,
                )
            except (SlotTaken, InvalidInput) as refused:
                return _render_time(
                    fetch=_rebook_slots(interview_id), action_endpoint="citizen.rebook",
                    action_args={"interview_id": interview_id}, error=explain(refused.reason),
                    status=status_of(refused), **_rebook_time_context(interview),
                )
            flash(_("Din samtale er flyttet. Vi har sendt en besked til dig med den nye tid."), "success")
            return redirect(url_for("citizen.overview"))
    page = render_template(
        "citizen/rebook_confirm.html", form=form, interview=interview, start=start, option=option,
        fixed_participation=choices.fixed_participation, agreed=agreed,
    )
    return page, 422 if form.errors else 200


def _without(interview_id: int) -> Course:
    """My course as a rebooking sees it: the interview being moved left out (it is checked like a new one)."""
    course = _person().course
    return replace(course, interviews=tuple(i for i in course.interviews if i.id != str(interview_id)))


def _rebook_option(interview: queries.InterviewView, start: datetime) -> BookingOption:
    """What the rules core lets me book at the new time, as for a new booking of the interview's kind; a time
    it refuses (never offered by the time step) is refused with its reason."""
    found = assess(
        _without(interview.id), today(), interview.kind, interview.organisation,
        start.astimezone(COPENHAGEN).date(), start,
    )
    if not isinstance(found, BookingOption):
        raise Refused(found)
    return found


def _rebook_format_form(choices: FormatChoices, interview: queries.InterviewView) -> FormatForm:
    """The format (and, for a joint interview, the participation) the interview may have at the new time; a GET
    shows the interview's own; a single possible participation is taken, not asked."""
    form = FormatForm()
    form.format.choices = [(f.value, FORMAT_LABELS[f]) for f in choices.formats]
    form.participation.choices = [(p.value, CITIZEN_PARTICIPATION_CHOICES[p]) for p in choices.participations]
    own = interview.akasse_participation
    if request.method == "GET" or not form.format.raw_data:  # a POST without a choice keeps the interview's own
        form.format.data = interview.format.value if interview.format in choices.formats else None
        if form.format.data is None and len(choices.formats) == 1:
            form.format.data = choices.formats[0].value
    if request.method == "GET" or not form.participation.raw_data:
        form.participation.data = own.value if own is not None and own in choices.participations else None
        if choices.fixed_participation is not None:
            form.participation.data = choices.fixed_participation.value
    if not choices.participations:
        del form.participation
    return form


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


@bp.context_processor
def _letters() -> dict[str, Any]:
    return {"letter_translated": letters.translated, "message_letter": letters.message_letter}


@bp.get("/beskeder")
@login_required(CITIZEN)
def messages() -> str:
    """My inbox, newest first, unread ones marked; each subject in my language."""
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
    """One message in my language. A decision shows its reasons and appeal instructions, and offers its PDF."""
    found = next((m for m in queries.citizen_messages(reads(), _me()) if m.id == message_id), None)
    if found is None:
        abort(404)
    decision = None
    if found.decision_id is not None:
        decision = next((d for d in queries.citizen_decisions(reads(), _me()) if d.id == found.decision_id), None)
    return render_template(
        "citizen/message.html", message=found, decision=decision, letter=letters.message_letter(found),
        back_url=url_for(".messages"), back_text=_("Tilbage til Beskeder"),
        contact=_account().contacts.get(found.organisation) if found.organisation else None,
    )


def _decision(decision_id: int) -> tuple[queries.DecisionView, Letter]:
    """My decision with its letter in my language; another person's, or one without a letter, is a 404."""
    found = next((d for d in queries.citizen_decisions(reads(), _me()) if d.id == decision_id), None)
    letter = letters.decision_letter(found) if found is not None else None
    if found is None or letter is None:
        abort(404)
    return found, letter


@bp.get("/afgoerelser/<int:decision_id>")
@login_required(CITIZEN)
def decision(decision_id: int) -> str:
    """A decision's letter (R23, R26 …) as a document: Afgørelse, Begrundelse, Regler, Sådan klager du with the
    last day to complain; printable, and as PDF."""
    found, letter = _decision(decision_id)
    return render_template(
        "citizen/message.html", message=None, decision=found, letter=letter,
        back_url=url_for(".overview"), back_text=_("Tilbage til Mine samtaler"),
        contact=_account().contacts.get(found.organisation),
    )


@bp.get("/afgoerelser/<int:decision_id>/pdf")
@login_required(CITIZEN)
def decision_pdf(decision_id: int) -> Response:
    """The decision's letter as a PDF, in my language, with the organisation's name in its header."""
    found, letter = _decision(decision_id)
    sender = letter.organisation or _organisation_names().get(found.organisation) or str(ORGANISATION_LABELS[found.organisation])
    return Response(
        letters.letter_pdf(letter, sender), mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="afgoerelse-{found.id}.pdf"'},
    )
