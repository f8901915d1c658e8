"""Calendar use cases: an interview's .ics, a person's subscription feed, and caseworkers' busy times.

The iCalendar text itself is written by :mod:`scheduling.calendar` (pure); these functions read the rows,
check who may see what, and write (busy times, feed tokens) in one transaction each, with an audit line.

When an interview last changed
==============================
Every service that changes an interview writes an audit line about it in the same transaction
(``object_type = "interview"``), and raises its ``sequence``. The newest such line is the interview's
DTSTAMP/LAST-MODIFIED and feeds the subscription feed's ``Last-Modified``; the sum of the sequences goes into
its ``ETag`` as well, so that a change is seen even if two happen within the same second.

Who sees which interview
========================
A citizen: their own. A caseworker: an interview their organisation holds or takes part in (a joint
interview's a-kasse). Anything else is :class:`NotFound`, exactly as if the id did not exist.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any, Protocol, TypedDict

from scheduling.adapters.orm import CaseworkerRow, CitizenRow, InterviewRow
from scheduling.adapters.repository import FeedInterview
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.calendar.busy import (
    REFRESH_TIME_LIMIT_SECONDS,
    BusyInterval,
    CalendarImportError,
    Fetch,
    Resolve,
    busy_times,
    call_with_time_limit,
    check_public_https,
    fetch_busy_times,
    requests_fetch,
    system_resolve,
)
from scheduling.calendar.feeds import DEFAULT_FEED_NAME, FeedValidators, feed_ics, feed_validators
from scheduling.calendar.invitations import (
    Gettext,
    InterviewInvite,
    Organiser,
    Recipient,
    invitation_ics,
)
from scheduling.course import Format
from scheduling.reasons import N_
from scheduling.services.access import caseworker
from scheduling.services.audit import Actor, record
from scheduling.services.booking import interview_change_verdict
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.slots import COPENHAGEN
from scheduling.vocabulary import CALENDAR_MESSAGE_KINDS, AuditAction, AuditObject, BusySource

__all__ = [
    "BusyTimeView",
    "CalendarImportError",
    "FeedOwner",
    "FeedState",
    "InterviewCalendarFile",
    "busy_times_for",
    "caseworkers_with_busy_url",
    "carries_calendar",
    "feed_body",
    "feed_state",
    "import_busy_times",
    "interview_ics",
    "invite_for",
    "refresh_busy_times_from_url",
    "renew_feed_token",
]

# The subscription feed's window: the interviews starting from FEED_HISTORY before now to FEED_AHEAD after.
# A subscribed calendar mirrors the feed (what leaves the feed leaves the calendar), so the window is what
# its owner needs to see there: the last four weeks (an outcome to register, a missed interview to follow
# up, a month's view in the calendar app) and every time a citizen can book (the free-times page reaches the
# week 26 weeks after this one, and busy times are read half a year ahead). An interview called in further
# ahead appears when it comes within 27 weeks. Bounded, the feed of a busy caseworker stays a few hundred
# events, read on ix_interview_participants_caseworker_start (the 90 days back and every future interview
# it held before were three quarters of its size at national scale).
FEED_HISTORY = timedelta(weeks=4)
FEED_AHEAD = timedelta(weeks=27)
# How far ahead imported busy times are kept: the slot search never looks further than a few months.
BUSY_HORIZON = timedelta(days=182)

# Organisations have no e-mail address of their own in the portal yet; ORGANIZER needs a mailto.
ORGANISER_EMAIL = "noreply@selvbooking.dk"
UID_DOMAIN = "selvbooking"


# Used when the detail a format needs is missing from the rows (the invite must still say how to attend).
NO_PHONE = N_("det telefonnummer, du har oplyst")
NO_VIDEO_LINK = N_("linket, som du får inden samtalen")


# ---- one interview as an invitation ----------------------------------------------------------------------------


def invite_from_row(
    row: InterviewRow,
    *,
    recipient: Recipient,
    citizen_phone: str | None,
    updated_at: datetime,
    locale: str = "da",
    gettext: Gettext | None = None,
    manage_url: str | None = None,
    organiser_email: str = ORGANISER_EMAIL,
    attendee_email: str | None = None,
    may_change: bool | None = None,
    change_note: str | None = None,
) -> InterviewInvite:
    """The invite for an interview row whose ``org`` is loaded: what the recipient needs and nothing more.

    No CPR number, no names of people, never the caseworker's note: the organisation is the organiser, and
    the format's one detail (address, the phone number that will be called, the video link) is included.
    ``attendee_email`` (the citizen's own, if known; else the calendar layer's placeholder) names the
    recipient; ``may_change``/``change_note`` are the rules core's answer whether the citizen may change it.
    """
    text = gettext or (lambda message: message)
    org = row.org
    detail = _format_detail(row.format, org.address or org.name, citizen_phone, row.video_link, text)
    return InterviewInvite(
        uid=row.uid,
        sequence=row.sequence,
        status=row.status,
        start=row.start_at,
        end=row.end_at,
        kind=row.kind,
        organiser=Organiser(org.name, org.kind, organiser_email),
        format=row.format,
        updated_at=max(updated_at, row.booked_at),
        akasse_participation=row.akasse_participation,
        booked_by=row.booked_by,
        recipient=recipient,
        locale=locale if locale in ("da", "en") else "da",
        manage_url=manage_url if recipient is Recipient.CITIZEN else None,
        attendee_email=attendee_email,
        may_change=may_change if recipient is Recipient.CITIZEN else None,
        change_note=change_note if recipient is Recipient.CITIZEN else None,
        **(_citizen_notes(org, row.format, text) if recipient is Recipient.CITIZEN else _NO_NOTES),
        **detail,
    )


class _ContactSettings(Protocol):
    """What :func:`_citizen_notes` reads of an organisation: an OrganisationRow, or the feed's :class:`_FeedContact`."""

    @property
    def name(self) -> str: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def contact_url(self) -> str | None: ...
    @property
    def opening_hours(self) -> str | None: ...
    @property
    def reception(self) -> str | None: ...
    @property
    def what_to_bring(self) -> str | None: ...
    @property
    def calls_from(self) -> str | None: ...


@dataclass(frozen=True)
class _FeedContact:
    """The holding organisation's contact settings as the feed's plain row carries them."""

    name: str
    phone: str | None
    email: str | None
    contact_url: str | None
    opening_hours: str | None
    reception: str | None
    what_to_bring: str | None
    calls_from: str | None

    @classmethod
    def of(cls, row: FeedInterview) -> _FeedContact:
        return cls(row.organisation_name, row.organisation_phone, row.organisation_email,
                   row.organisation_contact_url, row.organisation_opening_hours, row.organisation_reception,
                   row.organisation_what_to_bring, row.organisation_calls_from)


class _Notes(TypedDict):
    attend_note: str | None
    contact_note: str | None


_NO_NOTES: _Notes = {"attend_note": None, "contact_note": None}  # a caseworker's file: their own organisation


def _citizen_notes(org: _ContactSettings, format: Format, text: Gettext) -> _Notes:
    """How to attend beyond the format's detail, and whom to contact, from the organisation's settings (issue 13):
    the same as the pages say (``citizen/_interview.html``), in the invite's language."""
    attend: list[str] = []
    if format is Format.PERSONLIGT:
        if org.reception:
            attend.append(text(N_("Når du kommer: %(text)s")) % {"text": org.reception})
        if org.what_to_bring:
            attend.append(text(N_("Tag med: %(text)s")) % {"text": org.what_to_bring})
    elif format is Format.TELEFONISK and org.calls_from:
        attend.append(text(N_("Vi ringer fra %(phone)s.")) % {"phone": org.calls_from})
    ways = [
        text(N_("telefon %(phone)s")) % {"phone": org.phone} + (f" ({org.opening_hours})" if org.opening_hours else "")
        if org.phone else None,
        org.email,
        org.contact_url,
    ]
    reachable = ", ".join(w for w in ways if w)
    contact = text(N_("Kontakt %(organisation)s: %(ways)s")) % {"organisation": org.name, "ways": reachable} if reachable else None
    return {"attend_note": "\n".join(attend) or None, "contact_note": contact}


def _visible_interview(
    uow: AbstractUnitOfWork, interview_id: int, citizen_id: int | None, caseworker_id: int | None
) -> tuple[InterviewRow, Recipient, str | None, datetime, str | None]:
    """The interview with its last change, the citizen's phone and (for the citizen only) their e-mail, if the
    caller may see it; else NotFound."""
    found = uow.repo.visible_interview(interview_id)
    if found is None:
        raise NotFound()
    row, phone, updated_at, email = found
    if citizen_id is not None and caseworker_id is None:
        if row.citizen_id != citizen_id:
            raise NotFound()
        return row, Recipient.CITIZEN, phone, updated_at, email
    if caseworker_id is not None and citizen_id is None:
        worker = caseworker(uow, caseworker_id)
        taking_part = {row.organisation_id} | {p.caseworker.organisation_id for p in row.participants}
        if worker.organisation_id not in taking_part:
            raise NotFound()
        return row, Recipient.CASEWORKER, phone, updated_at, None
    raise NotFound()


def invite_for(
    uow: AbstractUnitOfWork,
    interview_id: int,
    *,
    citizen_id: int | None = None,
    caseworker_id: int | None = None,
    locale: str = "da",
    gettext: Gettext | None = None,
    manage_url: str | None = None,
    now: datetime | None = None,
) -> InterviewInvite:
    """The invite for one interview, for its citizen (``citizen_id``) or a caseworker of an organisation
    taking part (``caseworker_id``); give exactly one. Anyone else gets :class:`NotFound`.

    The citizen's file names them as ATTENDEE by their own e-mail when it is known. With ``now``, it says
    whether they may move or cancel the interview themselves, as the rules core and the organisation's change
    deadline answer it (:func:`scheduling.services.booking.interview_change_verdict`), and why not; without
    ``now`` it only points to Selvbooking."""
    with uow:
        row, recipient, phone, updated_at, email = _visible_interview(uow, interview_id, citizen_id, caseworker_id)
        may_change: bool | None = None
        change_note: str | None = None
        if recipient is Recipient.CITIZEN and now is not None:
            verdict = interview_change_verdict(uow, row, now)
            may_change = verdict.allowed
            if not verdict.allowed:
                change_note = verdict.reason.render(gettext, locale if locale in ("da", "en") else "da")
        return invite_from_row(
            row,
            recipient=recipient,
            citizen_phone=phone,
            updated_at=updated_at,
            locale=locale,
            gettext=gettext,
            manage_url=manage_url,
            attendee_email=email or None,
            may_change=may_change,
            change_note=change_note,
        )


@dataclass(frozen=True)
class InterviewCalendarFile:
    """A downloadable .ics: the bytes, its METHOD (REQUEST or CANCEL) and a Danish file name."""

    data: bytes
    method: str
    filename: str


def interview_ics(
    uow: AbstractUnitOfWork,
    interview_id: int,
    *,
    citizen_id: int | None = None,
    caseworker_id: int | None = None,
    locale: str = "da",
    gettext: Gettext | None = None,
    manage_url: str | None = None,
    now: datetime | None = None,
) -> InterviewCalendarFile:
    """The .ics of one interview (see :func:`invite_for` for who may have it and what ``now`` adds), named
    e.g. ``jobsamtale-2026-12-02.ics`` after its kind and its Danish date."""
    invite = invite_for(
        uow,
        interview_id,
        citizen_id=citizen_id,
        caseworker_id=caseworker_id,
        locale=locale,
        gettext=gettext,
        manage_url=manage_url,
        now=now,
    )
    day = invite.start.astimezone(COPENHAGEN).date()
    return InterviewCalendarFile(
        data=invitation_ics(invite, gettext=gettext),
        method="CANCEL" if invite.cancelled else "REQUEST",
        filename=f"{invite.kind.value}-{day.isoformat()}.ics",
    )


def carries_calendar(message_kind: str, interview_id: int | None) -> bool:
    """Does a message book, change or cancel an interview, so that it should offer the interview's .ics?"""
    return interview_id is not None and message_kind in CALENDAR_MESSAGE_KINDS


# ---- the subscription feed -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedOwner:
    """Whose feed a token opens: a citizen or a caseworker, and the language their feed is written in."""

    recipient: Recipient
    id: int
    locale: str


@dataclass(frozen=True)
class FeedState:
    """The owner and the HTTP validators of their feed, known before the feed is rendered."""

    owner: FeedOwner
    validators: FeedValidators


def _variant(owner: FeedOwner) -> str:
    return f"{owner.recipient.value}:{owner.locale}"


def feed_state(uow: AbstractUnitOfWork, token: str, now: datetime) -> FeedState:
    """The feed behind a secret token, with its validators from one aggregate query; NotFound for an unknown
    (or renewed) token, a disabled caseworker, or anything that is not a token.

    The feed changes when one of its interviews does, and when the window alone moves an interview in or out:
    Last-Modified is the later of the newest change and the last such move (the latest start in the window
    came into it FEED_AHEAD before it; the latest start before the window left it FEED_HISTORY after it), and
    the ETag holds both, so a client sending only If-Modified-Since is not left with a stale feed."""
    if not token or len(token) > 64:
        raise NotFound()
    with uow:
        owner = _feed_owner(uow, token)
        summary = uow.repo.feed_summary(owner.recipient, owner.id, now - FEED_HISTORY, now + FEED_AHEAD)
    moves = [
        summary.latest_start - FEED_AHEAD if summary.latest_start else None,
        summary.latest_before + FEED_HISTORY if summary.latest_before else None,
    ]
    moved = max((m for m in moves if m is not None), default=None)
    changed = max((m for m in (summary.newest, moved) if m is not None), default=None)
    variant = f"{_variant(owner)}:{summary.sequences}:{moved.isoformat() if moved else ''}"
    return FeedState(owner, feed_validators(changed, summary.count, variant=variant))


def _feed_owner(uow: AbstractUnitOfWork, token: str) -> FeedOwner:
    citizen = uow.repo.citizen_by_feed_token(token)
    if citizen is not None:
        return FeedOwner(
            Recipient.CITIZEN, citizen.id, citizen.locale if citizen.locale in ("da", "en") else "da"
        )
    worker = uow.repo.caseworker_by_feed_token(token)
    if worker is not None:
        return FeedOwner(Recipient.CASEWORKER, worker.id, "da")
    raise NotFound()


def feed_body(
    uow: AbstractUnitOfWork,
    owner: FeedOwner,
    now: datetime,
    *,
    gettext: Gettext | None = None,
    manage_url: str | None = None,
) -> bytes:
    """The owner's feed (the interviews in the window, see FEED_HISTORY, cancelled ones included), from one
    query of plain rows; ``gettext`` should translate into ``owner.locale`` (each text is looked up once)."""
    translated: dict[str, str] = {}

    def text(message: str) -> str:
        if message not in translated:
            translated[message] = gettext(message) if gettext else message
        return translated[message]

    with uow:
        rows = uow.repo.feed_interviews(owner.recipient, owner.id, now - FEED_HISTORY, now + FEED_AHEAD)
    invites = [_feed_invite(row, owner, text, manage_url) for row in rows]
    return feed_ics(invites, name=text(DEFAULT_FEED_NAME), gettext=text)


def _feed_invite(row: FeedInterview, owner: FeedOwner, text: Gettext, manage_url: str | None) -> InterviewInvite:
    """The feed's invite for one interview: as :func:`invite_from_row` makes it, from the feed's plain row."""
    return InterviewInvite(
        uid=row.uid,
        sequence=row.sequence,
        status=row.status,
        start=row.start_at,
        end=row.end_at,
        kind=row.kind,
        organiser=Organiser(row.organisation_name, row.organisation_kind, ORGANISER_EMAIL),
        format=row.format,
        updated_at=max(row.updated_at, row.booked_at),
        akasse_participation=row.akasse_participation,
        booked_by=row.booked_by,
        recipient=owner.recipient,
        locale=owner.locale,
        manage_url=manage_url if owner.recipient is Recipient.CITIZEN else None,
        **(_citizen_notes(_FeedContact.of(row), row.format, text) if owner.recipient is Recipient.CITIZEN else _NO_NOTES),
        **_format_detail(row.format, row.organisation_address or row.organisation_name, row.citizen_phone,
                         row.video_link, text),
    )


class _Detail(TypedDict):
    address: str | None
    phone: str | None
    video_link: str | None


def _format_detail(format: Format, address: str, phone: str | None, video_link: str | None, text: Gettext) -> _Detail:
    """The one detail a format needs: the address, the phone number that will be called, or the video link."""
    if format is Format.PERSONLIGT:
        return {"address": address, "phone": None, "video_link": None}
    if format is Format.TELEFONISK:
        return {"address": None, "phone": phone or text(NO_PHONE), "video_link": None}
    return {"address": None, "phone": None, "video_link": video_link or text(NO_VIDEO_LINK)}


def feed_token(uow: AbstractUnitOfWork, recipient: Recipient, owner_id: int) -> str:
    """The current secret token of a citizen's or caseworker's feed, for their own "Min kalender" page."""
    with uow:
        row = _owner_row(uow, recipient, owner_id)
        return row.calendar_feed_token


def _owner_row(uow: AbstractUnitOfWork, recipient: Recipient, owner_id: int) -> CitizenRow | CaseworkerRow:
    if recipient is Recipient.CITIZEN:
        citizen = uow.repo.citizen(owner_id)
        if citizen is None:
            raise NotFound()
        return citizen
    return caseworker(uow, owner_id)


def new_feed_token() -> str:
    """A secret, unguessable token: 256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def renew_feed_token(uow: AbstractUnitOfWork, recipient: Recipient, owner_id: int, now: datetime) -> str:
    """Give the owner's feed a new secret address; the old one answers 404 from now on. Returns the token.

    For an address that was shared by mistake or is on a lost phone. Audited without the token itself.
    """
    with uow:
        row = _owner_row(uow, recipient, owner_id)
        token = new_feed_token()
        while uow.repo.feed_token_taken(token):  # pragma: no cover - 256 random bits
            token = new_feed_token()
        row.calendar_feed_token = token
        citizen = recipient is Recipient.CITIZEN
        record(
            uow,
            now,
            Actor.citizen(owner_id) if citizen else Actor.caseworker(owner_id),
            AuditAction.RENEW_CALENDAR_FEED,
            AuditObject.CITIZEN if citizen else AuditObject.CASEWORKER,
            owner_id,
            citizen_id=owner_id if citizen else None,
        )
        uow.commit()
        return token


# ---- busy times from the caseworker's own calendar --------------------------------------------------------------


@dataclass(frozen=True)
class BusyTimeView:
    """One stored busy time (no title: nothing more personal than needed) and where it came from."""

    start: datetime
    end: datetime
    source: BusySource


def _busy_window(now: datetime) -> tuple[datetime, datetime]:
    """From the start of today (Danish time) to the horizon: earlier busy times cannot hide a free slot."""
    today = now.astimezone(COPENHAGEN).date()
    start = datetime.combine(today, time(0), COPENHAGEN).astimezone(UTC)
    return start, start + BUSY_HORIZON


def _replace_busy_times(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    source: BusySource,
    intervals: Sequence[BusyInterval],
    now: datetime,
    **details: Any,
) -> None:
    """Replace every busy time of ``source`` for the caseworker with ``intervals``, audit it, commit once."""
    with uow:
        worker = caseworker(uow, caseworker_id)
        uow.repo.replace_busy_times(worker.id, source, ((i.start, i.end) for i in intervals), now)
        record(
            uow,
            now,
            Actor.caseworker(worker.id),
            AuditAction.IMPORT_BUSY_TIMES,
            AuditObject.CASEWORKER,
            worker.id,
            source=source.value,
            intervals=len(intervals),
            **details,
        )
        uow.commit()


def import_busy_times(
    uow: AbstractUnitOfWork, caseworker_id: int, data: bytes, now: datetime
) -> list[BusyInterval]:
    """Replace the caseworker's uploaded busy times with those in an .ics export, in one transaction.

    Read from today to half a year ahead (recurrences expanded, all-day events, transparent ones ignored,
    X-WR-TIMEZONE honoured: :func:`scheduling.calendar.busy.busy_times`). A file that cannot be read raises
    :class:`CalendarImportError` before anything is written, so the earlier import stays as it was.
    """
    start, end = _busy_window(now)
    intervals = busy_times(data, start, end)
    _replace_busy_times(uow, caseworker_id, BusySource.ICS_UPLOAD, intervals, now, bytes=len(data))
    return intervals


def refresh_busy_times_from_url(
    uow: AbstractUnitOfWork,
    caseworker_id: int,
    now: datetime,
    *,
    fetch: Fetch | None = None,
    resolve: Resolve = system_resolve,
    time_limit: float = REFRESH_TIME_LIMIT_SECONDS,
) -> list[BusyInterval]:
    """Replace the caseworker's busy times from the ICS URL their organisation configured.

    Only https (``webcal://`` read as https) to a host whose every address is public: never the portal's own
    network (:func:`scheduling.calendar.busy.check_public_https`, checked again at every redirect). Resolving,
    fetching and reading together get ``time_limit`` seconds (:func:`scheduling.calendar.busy.call_with_time_limit`),
    so one slow or hostile address cannot hold the caller. A failure to fetch or read, or running out of time,
    raises :class:`CalendarImportError` and the stored busy times stay as they were. ``fetch`` and ``resolve``
    are injected in tests.
    """
    with uow:
        url = caseworker(uow, caseworker_id).busy_ics_url
    if not url:
        raise InvalidInput.because(N_("Der er ikke sat en kalenderadresse op for sagsbehandleren."))
    guard = partial(check_public_https, resolve=resolve)
    start, end = _busy_window(now)

    def fetch_and_read() -> list[BusyInterval]:
        return fetch_busy_times(guard(url), start, end, fetch=fetch or partial(requests_fetch, guard=guard))

    intervals = call_with_time_limit(fetch_and_read, time_limit)
    _replace_busy_times(uow, caseworker_id, BusySource.ICS_URL, intervals, now)
    return intervals


def caseworkers_with_busy_url(uow: AbstractUnitOfWork) -> list[int]:
    """The active caseworkers whose organisation set up a calendar address, for the periodic refresh."""
    with uow:
        return uow.repo.caseworker_ids_with_busy_url()


def busy_times_for(
    uow: AbstractUnitOfWork, caseworker_id: int, first_day: date, last_day: date
) -> list[BusyTimeView]:
    """The caseworker's stored busy times touching the Danish dates ``first_day``..``last_day``, by start."""
    lo = datetime.combine(first_day, time(0), COPENHAGEN).astimezone(UTC)
    hi = datetime.combine(last_day + timedelta(days=1), time(0), COPENHAGEN).astimezone(UTC)
    with uow:
        worker = caseworker(uow, caseworker_id)
        rows = uow.repo.busy_times(worker.id, lo, hi)
        return [BusyTimeView(r.start_at, r.end_at, r.source) for r in rows]
