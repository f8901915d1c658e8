"""Calendar pages and files: a few lines each; the services in :mod:`scheduling.services.calendars` decide.

For the other areas' templates (citizen receipt, "Mine samtaler", "Beskeder", the caseworker's interview):

* ``url_for('calendar.interview_ics', interview_id=…)`` is the interview's .ics for whoever is logged in (the
  citizen's own, or a caseworker of an organisation taking part; anyone else gets 404).
* ``message_calendar_url(message)`` (a template global) is that URL for a message that books, changes or cancels an
  interview, else ``None``::

      {% set ics = message_calendar_url(message) %}
      {% if ics %}<a href="{{ ics }}" download>{{ _("Tilføj til kalender") }}</a>{% endif %}

* ``url_for('calendar.subscription')`` is "Min kalender" (feed address) for citizens and caseworkers;
  ``url_for('calendar.busy_upload')`` is the caseworker's "Optaget tid fra min kalender".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, gettext
from flask_babel import gettext as _
from werkzeug.wrappers import Response as Redirect

from portal import now, today
from portal.auth.identity import CASEWORKER, CurrentUser, login_required
from portal.calendar.forms import BusyRefreshForm, BusyUploadForm, RenewFeedForm
from portal.database import reads, unit_of_work
from portal.i18n import explain, locale_code
from portal.urls import confirmed
from scheduling.calendar.busy import CalendarImportError
from scheduling.calendar.invitations import Recipient
from scheduling.services import calendars, read_model
from scheduling.services.errors import DomainError
from scheduling.slots import COPENHAGEN, danish_holidays
from scheduling.vocabulary import BusySource

bp = Blueprint("calendar", __name__, template_folder="templates", url_prefix="/kalender")

BUSY_WEEKS_SHOWN = 6
HOLIDAY_DAYS_SHOWN = 183


def _user() -> CurrentUser | None:
    return g.get("current_user")


def _recipient(user: CurrentUser) -> Recipient:
    return Recipient.CITIZEN if user.is_citizen else Recipient.CASEWORKER


def _overview_url() -> str:
    """The citizen's "Mine samtaler", as an absolute URL for a calendar event."""
    return url_for("citizen.overview", _external=True)


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# ---- one interview ---------------------------------------------------------------------------------------------


@bp.get("/samtale/<int:interview_id>.ics")
def interview_ics(interview_id: int) -> Response | Redirect:
    """The interview's .ics for the logged-in citizen (their own) or a caseworker of an organisation taking
    part; METHOD:REQUEST while it stands, METHOD:CANCEL once cancelled."""
    user = _user()
    if user is None:
        return redirect(url_for("auth.login", next=request.full_path))
    who = {"citizen_id": user.id} if user.is_citizen else {"caseworker_id": user.id}
    file = calendars.interview_ics(
        reads(),
        interview_id,
        locale=locale_code(),
        gettext=gettext,
        manage_url=_overview_url() if user.is_citizen else None,
        now=now(),
        **who,
    )
    response = Response(file.data, mimetype="text/calendar")
    response.headers["Content-Type"] = f"text/calendar; charset=utf-8; method={file.method}"
    response.headers["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return _no_store(response)


@bp.app_template_global()
def message_calendar_url(message: Any) -> str | None:
    """The .ics URL for a message (anything with ``kind`` and ``interview_id``) that books, changes or cancels
    an interview; ``None`` for any other message."""
    interview_id = getattr(message, "interview_id", None)
    if not calendars.carries_calendar(getattr(message, "kind", ""), interview_id):
        return None
    return url_for("calendar.interview_ics", interview_id=interview_id)


# ---- the subscription feed -------------------------------------------------------------------------------------


@bp.get("/feed/<token>.ics")
def feed(token: str) -> Response:
    """The subscription feed behind a secret token: no log-in, 404 for anything unknown, 304 when unchanged.

    The validators come from one aggregate query, before (and often instead of) rendering the feed.
    """
    state = calendars.feed_state(reads(), token, now())  # NotFound for an unknown token: 404
    validators = state.validators
    headers = {
        "ETag": validators.etag,
        "Cache-Control": "private, no-cache",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Robots-Tag": "noindex",
    }
    if validators.last_modified_http:
        headers["Last-Modified"] = validators.last_modified_http
    if _not_modified(validators.etag, validators.last_modified):
        return Response(status=304, headers=headers)
    owner = state.owner
    with force_locale(owner.locale):
        body = calendars.feed_body(
            reads(),
            owner,
            now(),
            gettext=gettext,
            manage_url=_overview_url() if owner.recipient is Recipient.CITIZEN else None,
        )
    response = Response(body, headers=headers)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    return response


def _not_modified(etag: str, last_modified: datetime | None) -> bool:
    """RFC 9110 § 13.2.2: If-None-Match decides when sent; If-Modified-Since only without it."""
    if request.if_none_match:
        return request.if_none_match.contains_weak(etag.strip('"'))
    since = request.if_modified_since
    return since is not None and last_modified is not None and last_modified <= since


def _feed_urls(token: str) -> tuple[str, str]:
    https = url_for("calendar.feed", token=token, _external=True)
    return https, "webcal://" + https.split("://", 1)[1]


@bp.get("/")
def subscription() -> str | Redirect:
    """ "Min kalender": the secret feed address (webcal and https) with instructions, and renewing it."""
    user = _user()
    if user is None:
        return redirect(url_for("auth.login", next=request.full_path))
    token = calendars.feed_token(reads(), _recipient(user), user.id)
    https, webcal = _feed_urls(token)
    return render_template("calendar/subscription.html", https_url=https, webcal_url=webcal)


@bp.route("/ny-adresse", methods=["GET", "POST"])
def renew() -> str | Redirect | tuple[str, int]:
    """Confirm, then give the feed a new secret address; the old one stops working (404)."""
    user = _user()
    if user is None:
        return redirect(url_for("auth.login", next=request.full_path))
    form = RenewFeedForm()
    if form.validate_on_submit():
        calendars.renew_feed_token(unit_of_work(), _recipient(user), user.id, now())
        flash(
            _(
                "Din kalender har fået en ny adresse. Den gamle adresse virker ikke længere. Abonnér igen med den nye."
            ),
            "success",
        )
        return redirect(confirmed(url_for("calendar.subscription")))
    return render_template("calendar/renew.html", form=form), 422 if request.method == "POST" else 200


# ---- busy times (caseworkers) ----------------------------------------------------------------------------------


def _busy_page(upload: BusyUploadForm, status: int = 200, errors: list[str] | None = None) -> tuple[str, int]:
    user = _user()
    assert user is not None
    first = today()
    last = first + timedelta(weeks=BUSY_WEEKS_SHOWN)
    busy = calendars.busy_times_for(reads(), user.id, first, last)
    holiday_end = first + timedelta(days=HOLIDAY_DAYS_SHOWN)
    holidays = sorted(
        (day, name)
        for day, name in danish_holidays(range(first.year, holiday_end.year + 1)).items()
        if first <= day <= holiday_end
    )
    page = render_template(
        "calendar/busy_upload.html",
        form=upload,
        refresh_form=BusyRefreshForm(),
        has_url=read_model.availability(reads(), user.id, now()).has_busy_url,
        busy_by_day=_by_day(busy),
        weeks=BUSY_WEEKS_SHOWN,
        holidays=holidays,
        import_errors=errors or [],
    )
    return page, status


@dataclass(frozen=True)
class _BusyLine:
    """A busy time as the page shows it: a time span, or whole local days (an all-day event)."""

    start: datetime
    end: datetime
    end_day: date
    whole_days: int
    last_day: date
    from_url: bool


def _by_day(busy: list[calendars.BusyTimeView]) -> list[tuple[date, list[_BusyLine]]]:
    days: dict[date, list[_BusyLine]] = {}
    for item in busy:
        start, end = item.start.astimezone(COPENHAGEN), item.end.astimezone(COPENHAGEN)
        midnight = start.time() == time(0) and end.time() == time(0)
        whole_days = (end.date() - start.date()).days if midnight else 0
        line = _BusyLine(
            start,
            end,
            end.date(),
            whole_days,
            end.date() - timedelta(days=1),
            item.source is BusySource.ICS_URL,
        )
        days.setdefault(start.date(), []).append(line)
    return sorted(days.items())


@bp.get("/optaget-tid")
@login_required(CASEWORKER)
def busy_upload() -> tuple[str, int]:
    """ "Optaget tid fra min kalender": upload an .ics export; see the busy times and the public holidays."""
    return _busy_page(BusyUploadForm())


@bp.post("/optaget-tid")
@login_required(CASEWORKER)
def busy_upload_post() -> Redirect | tuple[str, int]:
    form = BusyUploadForm()
    if not form.validate_on_submit():
        return _busy_page(form, 422)
    data = form.calendar_file.data.read()
    try:
        intervals = calendars.import_busy_times(unit_of_work(), g.current_user.id, data, now())
    except CalendarImportError as error:
        form.calendar_file.errors = [error.render(gettext)]
        return _busy_page(form, 422)
    flash(
        _("Kalenderen er læst: %(count)s tidsrum er markeret som optaget.", count=len(intervals)), "success"
    )
    return redirect(confirmed(url_for("calendar.busy_upload")))


@bp.cli.command("hent-optaget-tid")
def refresh_all_busy_times() -> None:
    """Fetch every configured calendar address again (run it from cron: ``flask calendar hent-optaget-tid``).

    A failing address keeps its caseworker's earlier busy times and does not stop the others.
    """
    import click

    for worker in calendars.caseworkers_with_busy_url(reads()):
        try:
            intervals = calendars.refresh_busy_times_from_url(unit_of_work(), worker, now())
        except (CalendarImportError, DomainError) as error:
            click.echo(f"caseworker {worker}: {error}", err=True)
        else:
            click.echo(f"caseworker {worker}: {len(intervals)} busy intervals")


@bp.post("/optaget-tid/hent")
@login_required(CASEWORKER)
def busy_refresh() -> Redirect | tuple[str, int]:
    """Fetch the busy times again from the calendar address the organisation set up."""
    form = BusyRefreshForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        intervals = calendars.refresh_busy_times_from_url(unit_of_work(), g.current_user.id, now())
    except CalendarImportError as error:
        return _busy_page(BusyUploadForm(), 422, [error.render(gettext)])
    except DomainError as error:
        return _busy_page(BusyUploadForm(), 422, [explain(error.reason)])
    flash(
        _("Kalenderen er hentet: %(count)s tidsrum er markeret som optaget.", count=len(intervals)), "success"
    )
    return redirect(confirmed(url_for("calendar.busy_upload")))
