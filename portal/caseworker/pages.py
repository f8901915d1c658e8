"""What the caseworker's pages show, arranged from the rules core's answers: rows, timelines, labels.

Nothing here decides a rule. Who is responsible, what is due, which actions are open and why not all come from
:func:`scheduling.evaluation.evaluate` and :func:`scheduling.evaluation.check_caseworker_action`; this module
only sorts, filters and names them for the page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import current_app, url_for
from flask_babel import format_time
from markupsafe import Markup

from portal.caseworker.forms import EXEMPTION_LABELS
from portal.i18n import LawNumber, date_long, explain, gettext, locale_key, ngettext, time_short
from portal.i18n import lazy_gettext as _l
from portal.labels import DECISION_LABELS, FORMAT_LABELS, KIND_LABELS, STATUS_LABELS
from scheduling import parameters as P
from scheduling.caseload import SearchProblem, caseload_search
from scheduling.course import (
    Course,
    DecisionKind,
    Exemption,
    ExemptionGround,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import (
    CaseworkerAction,
    CaseworkerPermissions,
    Evaluation,
    check_caseworker_action,
)
from scheduling.reasons import Reason
from scheduling.rules.caseworker import cv_pending
from scheduling.rules.checklist import interview_checklist
from scheduling.rules.facts import exemption_in_force, exemption_window, self_booking_block
from scheduling.services.caseload import (
    CaseloadFilter,
    CaseloadLine,
    CaseloadPage,
    CaseloadQuery,
    CaseloadSort,
)
from scheduling.services.queries import (
    ActorKind,
    AuditView,
    DecisionView,
    InterviewView,
    caseworker_may_cancel,
)
from scheduling.slots import COPENHAGEN
from scheduling.vocabulary import AuditAction

A = CaseworkerAction

CASELOAD_FILTERS = {
    CaseloadFilter.OVERDUE.value: _l("Overskredne frister"),
    CaseloadFilter.THIS_WEEK.value: _l("Frist inden for %(days)s dage", days=LawNumber(P.DUE_SOON_DAYS)),
    CaseloadFilter.REVOKED.value: _l("Frataget selvbooking"),
    CaseloadFilter.EXEMPT.value: _l("Fritaget"),
    CaseloadFilter.HELD_LATE.value: _l("Holdt for sent"),
}
CASELOAD_SORTS = {
    CaseloadSort.URGENCY.value: _l("Mest presserende"),
    CaseloadSort.NAME.value: _l("Navn"),
    CaseloadSort.DEADLINE.value: _l("Næste frist"),
}
#: What to type instead, for a search that finds nobody by its form (:func:`scheduling.caseload.caseload_search`).
SEARCH_PROBLEMS = {
    SearchProblem.CPR_DIGITS: _l("Skriv hele CPR-nummeret med 10 cifre, fx 010190-1234, eller de første 6 cifre, fødselsdatoen, fx 010190."),
    SearchProblem.NAME_AND_DIGITS: _l("Søg enten efter et navn eller efter et CPR-nummer, ikke begge dele."),
    SearchProblem.NOTHING_TO_FIND: _l("Skriv et navn eller et CPR-nummer. Søgningen bruger kun bogstaver og tal."),
}
NOTHING_FOUND = CaseloadPage((), 0, 1, 1)

ACTION_LABELS = {
    A.CALL_IN: _l("Indkald til en samtale"),
    A.REVOKE_SELF_BOOKING: _l("Fratag retten til selvbooking"),
    A.RESTORE_SELF_BOOKING: _l("Giv retten til selvbooking tilbage"),
    A.EXEMPT_FROM_SELF_BOOKING: _l("Fritag for selvbooking"),
    A.LIFT_SELF_BOOKING_EXEMPTION: _l("Ophæv fritagelsen for selvbooking"),
    A.DECIDE_NOT_COVERED: _l("Afgørelse: ikke omfattet af fritagelsen"),
    A.REFER_R4: _l("Visitér til jobcentret (uddannelsespålæg)"),
    A.REGISTER_CONTROL_ACTION: _l("Registrér en kontrolaktion"),
    A.REGISTER_EXEMPTION: _l("Registrér en fritagelse (mindre intensiv indsats)"),
    A.REGISTER_HOURS: _l("Registrér timer"),
}
ACTION_ENDPOINTS = {
    A.CALL_IN: "caseworker.call_in",
    A.REVOKE_SELF_BOOKING: "caseworker.revoke",
    A.RESTORE_SELF_BOOKING: "caseworker.restore",
    A.EXEMPT_FROM_SELF_BOOKING: "caseworker.exempt_self_booking",
    A.LIFT_SELF_BOOKING_EXEMPTION: "caseworker.lift_exemption",
    A.REFER_R4: "caseworker.refer_r4",
    A.REGISTER_CONTROL_ACTION: "caseworker.control_action",
    A.REGISTER_EXEMPTION: "caseworker.exemption",
    A.REGISTER_HOURS: "caseworker.hours",
}
AUDIT_LABELS: dict[str, object] = {
    AuditAction.COURSE_CREATED: _l("Forløbet er oprettet"),
    AuditAction.SELF_BOOK: _l("Samtale selvbooket"),
    AuditAction.REBOOK: _l("Samtale flyttet"),
    AuditAction.CANCEL: _l("Samtale aflyst"),
    AuditAction.CALL_IN: _l("Indkaldt til samtale"),
    AuditAction.RAISE_FORMAT: _l("Samtaleform skiftet til personligt fremmøde"),
    AuditAction.RECORD_HELD: _l("Samtale registreret som holdt"),
    AuditAction.RECORD_MISSED: _l("Samtale registreret som udeblevet"),
    AuditAction.REFER_R4: _l("Visiteret til jobcentret (årsagskode 45)"),
    AuditAction.REGISTER_CONTROL_ACTION: _l("Kontrolaktion registreret"),
    AuditAction.REGISTER_EXEMPTION: _l("Fritagelse registreret"),
    AuditAction.REGISTER_HOURS: _l("Timer registreret"),
    # a decision's audit line is named by its RecordKind (scheduling.services.decisions)
    **{AuditAction(kind.value): label for kind, label in DECISION_LABELS.items() if kind.value in set(AuditAction)},
}


def mask_cpr(cpr: str) -> str:
    """010190-xxxx: the birth date part only (CPR numbers are shown in full only on the person's own page)."""
    return f"{cpr[:6]}-xxxx"


def full_cpr(cpr: str) -> str:
    return f"{cpr[:6]}-{cpr[6:]}"


def clock(value: time) -> str:
    """"9.00" / "09:00": a time of day the locale's way."""
    from portal.i18n import locale_code

    return format_time(value, "HH.mm" if locale_code() == "da" else "HH:mm")


def date_text(day: date) -> str:
    return date_long(day)


def time_text(instant: datetime) -> str:
    return time_short(instant)


def kinds_held_by(organisation: Organisation, course: Course | None = None) -> tuple[InterviewKind, ...]:
    """The interviews an organisation holds itself: the a-kasse job and availability interviews, the jobcenter
    job and joint interviews; and the a-kasse the CV interview of ``course`` while it is still to be held under
    the old rules (R28, as the rules core decides)."""
    if organisation == Organisation.AKASSE:
        cv = (InterviewKind.CVSAMTALE,) if course is not None and cv_pending(course) else ()
        return (InterviewKind.JOBSAMTALE, InterviewKind.RAADIGHEDSSAMTALE, *cv)
    return (InterviewKind.JOBSAMTALE, InterviewKind.FAELLESSAMTALE)


# ---- caseload -------------------------------------------------------------------------------------------------


def caseload_query(args: Mapping[str, str], organisation_id: int, caseworker_id: int, on: date) -> CaseloadQuery:
    """The caseload's GET parameters (``filter``, ``sort``, ``q``, ``side``, ``alle``) as a query; anything
    unknown falls back to the default (no filter, most urgent first, page 1, my own people)."""
    chosen = args.get("filter", "")
    sort = args.get("sort", "")
    page = args.get("side", "1")
    return CaseloadQuery(
        organisation_id=organisation_id,
        on=on,
        caseworker_id=None if args.get("alle") == "1" else caseworker_id,
        filter=CaseloadFilter(chosen) if chosen in CASELOAD_FILTERS else None,
        sort=CaseloadSort(sort) if sort in CASELOAD_SORTS else CaseloadSort.URGENCY,
        search=args.get("q", "")[:100],
        page=int(page) if page.isdigit() and len(page) < 7 else 1,
    )


def search_problem(query: CaseloadQuery) -> Any:
    """What to type instead when the search cannot find anyone by its form (11 digits, a name with digits …);
    None for a search that can be run (or none at all)."""
    problem = caseload_search(query.search).problem
    return SEARCH_PROBLEMS[problem] if problem is not None else None


def caseload_link(query: CaseloadQuery) -> Callable[..., str]:
    """``link(**changes)``: the caseload's URL with the query's parameters and ``changes`` (None drops one)."""
    current: dict[str, Any] = {
        "alle": None if query.caseworker_id is not None else "1",
        "filter": query.filter.value if query.filter else None,
        "sort": query.sort.value if query.sort != CaseloadSort.URGENCY else None,
        "q": query.search.strip() or None,
        "side": query.page if query.page > 1 else None,
    }

    def link(**changes: Any) -> str:
        params = {**current, "side": None, **changes}
        return url_for("caseworker.caseload", **{k: v for k, v in params.items() if v not in (None, "", 1)})

    return link


@dataclass(frozen=True)
class CaseloadRow:
    """A caseload line with its texts already written: the dates, the rules' reasons and the sentences with a
    day or a number, each written once per page (a page of 50 repeats the same few deadlines, reasons and
    counts; a translated sentence per line was a quarter of the page's rendering)."""

    line: CaseloadLine
    next_due: str
    next_reason: str
    missed_book_by: str  # "(fristen for at booke var …)", or ""
    evaluated_on: str  # "Opgjort …" while the line holds on an earlier day, else ""
    signals: tuple[str, ...]
    held_late: str = ""  # "2 samtalefrister holdt for sent", or ""


#: rows of the caseload's table kept by the app, by (the line's key, the reader's language); then it starts again
KEPT_CASELOAD_ROWS = 5_000


def caseload_table_rows(lines: Sequence[CaseloadLine], on: date) -> list[Markup]:
    """The caseload table's rows (``<tr>``), in the reader's language. A row is kept by the app under what its
    line was made of (:attr:`CaseloadLine.key`: the status row's columns, the day, …) and the language, so a page
    read again renders only the lines that changed (issue 11, round 11: the 50 rows were half the page's time).
    The rows not kept are written by ``caseworker/_caseload_row.html``."""
    kept: dict[tuple[Any, ...], Markup] = current_app.extensions.setdefault("selvbooking_caseload_rows", {})
    language = locale_key()
    html = [kept.get((line.key, language)) if line.key else None for line in lines]
    missing = [i for i, row in enumerate(html) if row is None]
    if missing:
        template = current_app.jinja_env.get_template("caseworker/_caseload_row.html")
        person_url = url_for("caseworker.person", citizen_id=0)[:-1]
        for i, row in zip(missing, caseload_rows([lines[i] for i in missing], on), strict=True):
            written = html[i] = Markup(template.render(row=row, line=row.line, person_url=person_url))  # nosec B704  # autoescaped template
            if row.line.key:
                if len(kept) >= KEPT_CASELOAD_ROWS:
                    kept.clear()
                kept[(row.line.key, language)] = written
    return [row for row in html if row is not None]


def caseload_rows(lines: Sequence[CaseloadLine], on: date) -> list[CaseloadRow]:
    """The page's lines with their texts in the reader's language."""
    days: dict[date, str] = {}
    reasons: dict[tuple[Any, ...], str] = {}
    sentences: dict[tuple[str, Any], str] = {}

    def day(value: date | None) -> str:
        if value is None:
            return ""
        if value not in days:
            days[value] = date_long(value)
        return days[value]

    def sentence(kind: str, value: Any) -> str:
        if not value:
            return ""
        key = (kind, value)
        if key not in sentences:
            if kind == "held_late":
                text = ngettext("%(num)d samtalefrist holdt for sent", "%(num)d samtalefrister holdt for sent", value)
            elif kind == "missed":
                text = gettext("fristen for at booke var %(day)s", day=day(value))
            else:
                text = gettext("Opgjort %(day)s", day=day(value))
            sentences[key] = text
        return sentences[key]

    def why(reason: Reason | None, name: str) -> str:
        if reason is None:
            return ""
        key = (reason.rule, reason.message, tuple(reason.params.items()), name)
        if key not in reasons:
            reasons[key] = explain(reason, about=name)
        return reasons[key]

    return [
        CaseloadRow(
            line, day(line.next_due), why(line.next_reason, line.name), sentence("missed", line.missed_book_by),
            sentence("evaluated", line.evaluated_on if line.evaluated_on < on else None),
            tuple(why(s, line.name) for s in line.signals), sentence("held_late", line.held_late),
        )
        for line in lines
    ]


# ---- the person's page ----------------------------------------------------------------------------------------


def permissions_of(evaluation: Evaluation, organisation: Organisation) -> CaseworkerPermissions:
    return next(p for p in evaluation.caseworkers if p.organisation == organisation)


@dataclass(frozen=True)
class ActionRow:
    action: CaseworkerAction
    label: Any
    url: str | None  # None when refused
    reason: Reason | None  # the refusal's reason


def person_actions(evaluation: Evaluation, organisation: Organisation, citizen_id: int) -> list[ActionRow]:
    """Each action on the person as a whole: a link when the rules core allows my organisation, else why not.
    (Raising a format and recording belong to an interview; "not covered" to an exemption in force.)"""
    mine = permissions_of(evaluation, organisation)
    refused = dict(mine.refusals)
    return [
        ActionRow(action, ACTION_LABELS[action], url_for(endpoint, citizen_id=citizen_id), None)
        if action in mine.allowed
        else ActionRow(action, ACTION_LABELS[action], None, refused.get(action))
        for action, endpoint in ACTION_ENDPOINTS.items()
    ]


@dataclass(frozen=True)
class InterviewRowView:
    interview: InterviewView
    raise_reason: Reason | None  # None: may raise
    may_raise: bool
    may_record: bool
    record_reason: Reason | None
    may_cancel: bool = False


def interview_rows(
    course: Course, interviews: Sequence[InterviewView], organisation: Organisation, on: date, now: datetime,
    organisation_id: int,
) -> list[InterviewRowView]:
    """The person's interviews with, for booked ones, whether my organisation may raise the format (R15, R17)
    or record it, as the rules core answers for that interview, and whether it may cancel it (the one holding it,
    ``organisation_id``)."""
    facts = {i.id: i for i in course.interviews}
    rows = []
    for view in sorted(interviews, key=lambda i: i.start, reverse=True):
        fact = facts.get(str(view.id))
        may_raise = may_record = False
        raise_reason = record_reason = None
        if fact is not None and view.status == InterviewStatus.BOOKED:
            verdict = check_caseworker_action(course, on, organisation, A.RAISE_FORMAT, fact, Format.PERSONLIGT)
            may_raise, raise_reason = verdict.allowed, None if verdict.allowed else verdict.reason
            if view.start <= now:
                verdict = check_caseworker_action(course, on, organisation, A.RECORD_INTERVIEW, fact)
                may_record, record_reason = verdict.allowed, None if verdict.allowed else verdict.reason
        may_cancel = caseworker_may_cancel(view, organisation_id)
        rows.append(InterviewRowView(view, raise_reason, may_raise, may_record, record_reason, may_cancel))
    return rows


def upcoming_and_past(
    rows: Sequence[InterviewRowView], now: datetime
) -> tuple[list[InterviewRowView], list[InterviewRowView]]:
    """The person page's two lists: interviews not yet begun, soonest first; those begun, most recent first."""
    upcoming = sorted((r for r in rows if r.interview.start > now), key=lambda r: (r.interview.start, r.interview.id))
    past = sorted((r for r in rows if r.interview.start <= now), key=lambda r: (r.interview.start, r.interview.id),
                  reverse=True)
    return upcoming, past


def checklist_items(course: Course, interview: InterviewView, on: date) -> list[str]:
    """The checklist the rules core says applies to this interview (R12, R13, R14), as form field names."""
    fact = next((i for i in course.interviews if i.id == str(interview.id)), None)
    return [item.key for item in interview_checklist(course, fact, on)] if fact is not None else []


def self_booking_state(course: Course, on: date) -> DecisionKind | None:
    return self_booking_block(course, on)


def exemptions_in_force(course: Course, on: date) -> list[Exemption]:
    exemption = exemption_in_force(course, on)
    return [exemption] if exemption is not None else []


@dataclass(frozen=True)
class ExemptionRowView:
    """An exemption (R26) as the caseworker sees it: ground, first and last day, and whether the work-sharing
    scheme's joined day is missing (stored before it was required: the rules count from the registered start)."""

    id: str
    ground: Any
    starts_on: date
    ends_on: date | None
    joined_missing: bool


def exemption_rows(course: Course) -> list[ExemptionRowView]:
    """Every exemption of the course, with the end the rules core gives it (R26)."""
    rows = []
    for exemption in sorted(course.exemptions, key=lambda e: e.starts_on):
        start, end = exemption_window(exemption)
        missing = exemption.ground is ExemptionGround.NR3_WORK_SHARING and exemption.event_on is None
        rows.append(ExemptionRowView(exemption.id, EXEMPTION_LABELS[exemption.ground], start, end, missing))
    return rows


@dataclass(frozen=True)
class TimelineEvent:
    day: date
    title: Any
    detail: str
    projected: bool = False


def timeline(
    course: Course, evaluation: Evaluation, interviews: Sequence[InterviewView], decisions: Sequence[DecisionView]
) -> list[TimelineEvent]:
    """Registration, referral or hand-over (actual or projected), 6 and 16 months, interviews, decisions,
    control actions and exemptions, by date."""
    events = [TimelineEvent(course.registered_on, _l("Tilmeldt som jobsøgende"), "")]
    if course.referred_r4_on:
        events.append(TimelineEvent(course.referred_r4_on, _l("Visiteret til jobcentret (R4, årsagskode 45)"), ""))
    responsibility = evaluation.responsibility
    if responsibility.akasse_until is not None:
        title = (
            _l("Jobcentret overtager forløbet ved visiteringen (R4)")
            if responsibility.reason.rule == "R4"
            else _l("Jobcentret overtager forløbet (R2)")
        )
        events.append(
            TimelineEvent(responsibility.akasse_until + timedelta(days=1), title, "", responsibility.projected)
        )
    for obligation in evaluation.obligations:
        if obligation.due is None:
            continue
        if obligation.rule in ("R8", "R9"):
            events.append(TimelineEvent(obligation.due, _l("%(months)s måneders ledighed", months=LawNumber(P.FIRST_PERIOD_MONTHS)), obligation.rule, obligation.due_projected))
        elif obligation.rule == "R12":
            events.append(TimelineEvent(obligation.due, _l("%(months)s måneders ledighed", months=LawNumber(P.INTENSIFIED_INTERVIEW_MONTHS)), obligation.rule, obligation.due_projected))
    for view in interviews:
        detail = f"{STATUS_LABELS[view.status]} · {FORMAT_LABELS[view.format]} · {view.organisation_name}"
        events.append(TimelineEvent(view.start.astimezone(COPENHAGEN).date(), KIND_LABELS[view.kind], detail))
    for decision in decisions:
        events.append(TimelineEvent(decision.made_at.astimezone(COPENHAGEN).date(), DECISION_LABELS[decision.kind], decision.made_by))
    for action in course.control_actions:
        events.append(TimelineEvent(action.received_on, _l("Kontrolaktion modtaget (R25)"), ""))
    for exemption in course.exemptions:
        events.append(TimelineEvent(exemption.starts_on, _l("Fritaget (mindre intensiv indsats, R26)"), ""))
        end = exemption_window(exemption)[1]
        if end is not None:
            events.append(TimelineEvent(end, _l("Sidste dag med fritagelse (R26)"), ""))
    return sorted(events, key=lambda e: e.day)



@dataclass(frozen=True)
class AuditRowView:
    at: datetime
    who: str
    what: Any
    why: str | None


def audit_rows(trail: Sequence[AuditView]) -> list[AuditRowView]:
    """The history, newest first, with caseworkers named (the person and the system by their role)."""
    rows = []
    for entry in reversed(trail):
        if entry.actor_kind == ActorKind.CASEWORKER.value:
            who = entry.actor_name or "?"
        elif entry.actor_kind == ActorKind.CITIZEN.value:
            who = str(_l("Personen selv"))
        else:
            who = str(_l("Systemet"))
        rows.append(AuditRowView(entry.at, who, AUDIT_LABELS.get(entry.action, entry.action), entry.why))
    return rows
