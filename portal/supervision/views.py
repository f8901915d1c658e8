"""The supervision pages (R27, issue 17): a few lines each, reading figures the service computed in SQL.

Two roles see them. An organisation's **leader** (a caseworker account with ``is_leader``) sees its own figures
and, for a month, the people behind the number, each linked to their person page (the a-kasse and the jobcenter
serve their people throughout, so the caseworker pages' own access check lets a leader open them). The agency's
**supervisor** (a supervisor account, :data:`portal.auth.identity.SUPERVISOR`) sees every a-kasse and every
jobcenter, as aggregates only: no name, no CPR number, no link to a person, on the pages or in the CSV files.
Anyone else is 403; another organisation's id, an unknown id or a month outside the figures is 404.

The figures cover the last 24 whole months before today's month (a month's figure is final only when it has
ended: someone may still reach 3 months on its last day).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, g, make_response, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal import today
from portal.auth.identity import CASEWORKER, CurrentUser
from portal.database import reads
from portal.errors import problem_page
from portal.i18n import law, month_year
from portal.supervision.chart import chart
from scheduling import parameters as P
from scheduling.course import Organisation
from scheduling.rules.catalogue import basis
from scheduling.services import read_model, supervision
from scheduling.services.supervision import CountedPerson, MonthFigure

bp = Blueprint("supervision", __name__, template_folder="templates", url_prefix="/tilsyn")

MONTHS = 24
_MONTH = re.compile(r"\d{4}-\d{2}")


@bp.before_request
def only_leaders_and_supervisors() -> Response | None:
    """A leader or the agency's supervisor; others logged in get 403, nobody logged in is sent to log in."""
    user: CurrentUser | None = g.get("current_user")
    if user is None:
        return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
    if not (user.is_supervisor or (user.kind == CASEWORKER and user.is_leader)):
        abort(403)
    return None


# ---- helpers --------------------------------------------------------------------------------------------------


def _add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period() -> tuple[date, date]:
    """The first and the last month of the figures: the 24 whole months before this one."""
    last = _add_months(today().replace(day=1), -1)
    return _add_months(last, 1 - MONTHS), last


def _organisation(organisation_id: int) -> read_model.OrganisationEntry:
    """The organisation, if the user may see it: a leader only their own; NotFound-like 404 otherwise."""
    user = g.current_user
    if not user.is_supervisor and organisation_id != user.organisation_id:
        abort(404)
    found = read_model.organisation_entries(reads(), organisation_id)
    if not found:
        abort(404)
    return found[0]


def _figures(entry: read_model.OrganisationEntry) -> list[MonthFigure]:
    first, last = period()
    return supervision.monthly_figures(
        reads(), kind=entry.kind, first=first, last=last, organisation_id=entry.id
    )


def _month(raw: str) -> date:
    """The month of the address (YYYY-MM), if it is one of the figures' months; else a 404 page saying why."""
    first, last = period()
    month = None
    if _MONTH.fullmatch(raw) and 1 <= int(raw[5:]) <= 12:
        month = date(int(raw[:4]), int(raw[5:]), 1)
    if month is None or not first <= month <= last:
        page = problem_page(
            404,
            _("Måneden findes ikke i tilsynet"),
            text=_(
                "Tilsynet viser de %(n)s hele måneder fra %(first)s til %(last)s. Vælg en af dem i tabellen.",
                n=MONTHS,
                first=month_year(first),
                last=month_year(last),
            ),
        )
        abort(make_response(*page))
    return month


def _percent(share: Decimal) -> str:
    return format_decimal(share * 100, "0.#")


def _yes(value: bool) -> str:
    return _("ja") if value else _("nej")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet never runs as a formula."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _csv(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    """Semicolon-separated UTF-8 with a byte order mark, as Danish spreadsheets open it; decimals as the locale."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    response = make_response("\ufeff" + out.getvalue())
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _figure_header() -> list[str]:
    return [
        _("Organisation"),
        _("Måned"),
        _("Opgjort"),
        _("Uden"),
        _("Andel (%)"),
        _("Over 20 %"),
        _("Måneder i træk over 20 %"),
        _("STAR tager kontakt"),
    ]


def _figure_rows(figures: Iterable[MonthFigure]) -> Iterable[list[Any]]:
    for f in figures:
        yield [
            f.organisation_name,
            f"{f.month:%Y-%m}",
            f.counted,
            f.without,
            _percent(f.share),
            _yes(f.above),
            f.in_a_row,
            _yes(f.star_contacts),
        ]


def _context() -> dict[str, Any]:
    first, last = period()
    return {
        "first": first,
        "last": last,
        "months": MONTHS,
        "basis": basis("R27"),
        "limit": _percent(P.SUPERVISION_SHARE_LIMIT.on(last)),
        "in_a_row": P.SUPERVISION_MONTHS_IN_A_ROW.on(last),
        "percent": _percent,
        "yes": _yes,
    }


# ---- pages ----------------------------------------------------------------------------------------------------


@bp.get("/")
def overview() -> Response | str:
    """The supervisor: every a-kasse and every jobcenter with its latest month and whether STAR contacts it; a
    leader goes straight to their own organisation's page."""
    user = g.current_user
    if not user.is_supervisor:
        return redirect(url_for(".organisation", organisation_id=user.organisation_id))
    first, last = period()
    groups = []
    for kind, heading in ((Organisation.AKASSE, _("A-kasser")), (Organisation.JOBCENTER, _("Jobcentre"))):
        figures = supervision.monthly_figures(reads(), kind=kind, first=first, last=last)
        latest = {f.organisation_id: f for f in figures if f.month == last}
        groups.append(
            (kind, heading, sorted(latest.values(), key=lambda f: (f.organisation_name, f.organisation_id)))
        )
    return render_template("supervision/overview.html", groups=groups, **_context())


@bp.get("/oversigt.csv")
def overview_csv() -> Response:
    """The supervisor's CSV: every organisation's figures, month by month (aggregates only)."""
    if not g.current_user.is_supervisor:
        abort(403)
    first, last = period()
    figures = [
        f
        for kind in Organisation
        for f in supervision.monthly_figures(reads(), kind=kind, first=first, last=last)
    ]
    return _csv(f"tilsyn-{first:%Y-%m}-{last:%Y-%m}.csv", _figure_header(), _figure_rows(figures))


@bp.get("/<int:organisation_id>")
def organisation(organisation_id: int) -> str:
    """One organisation's chart of the last 24 months, the table beside it, and how the figure is counted."""
    entry = _organisation(organisation_id)
    figures = _figures(entry)
    limit = P.SUPERVISION_SHARE_LIMIT.on(period()[1])
    return render_template(
        "supervision/organisation.html",
        entry=entry,
        figures=figures,
        chart=chart(figures, limit),
        counting=[_(sentence) for sentence in supervision.COUNTING[entry.kind]],
        people=not g.current_user.is_supervisor,
        above_months=sum(f.above for f in figures),
        contacts=[f for f in figures if f.star_contacts],
        **_context(),
    )


@bp.get("/<int:organisation_id>/tal.csv")
def organisation_csv(organisation_id: int) -> Response:
    entry = _organisation(organisation_id)
    first, last = period()
    return _csv(
        f"tilsyn-{entry.id}-{first:%Y-%m}-{last:%Y-%m}.csv", _figure_header(), _figure_rows(_figures(entry))
    )


def _people(organisation_id: int, raw: str) -> tuple[read_model.OrganisationEntry, date, list[CountedPerson]]:
    """The people behind a month's figure: for the organisation's leader only (the supervisor sees no person)."""
    if g.current_user.is_supervisor:
        abort(403)
    entry = _organisation(organisation_id)
    month = _month(raw)
    return entry, month, supervision.people_behind(reads(), organisation_id=entry.id, month=month)


@bp.get("/<int:organisation_id>/<month>")
def people(organisation_id: int, month: str) -> str:
    """Who was counted in a month, with their interviews held in time and late, each linked to their page."""
    entry, first_day, counted = _people(organisation_id, month)
    figure = next((f for f in _figures(entry) if f.month == first_day), None)
    open_ = read_model.with_open_course(
        reads(), [p.citizen_id for p in counted]
    )  # the others' pages are gone
    return render_template(
        "supervision/people.html",
        entry=entry,
        month=first_day,
        counted=counted,
        figure=figure,
        open=open_,
        **_context(),
    )


@bp.get("/<int:organisation_id>/<month>/personer.csv")
def people_csv(organisation_id: int, month: str) -> Response:
    entry, first_day, counted = _people(organisation_id, month)
    months = law("SUPERVISION_MONTHS" if entry.kind == Organisation.AKASSE else "FIRST_PERIOD_MONTHS")
    header = [_("Navn"), _("Nåede %(months)s måneder", months=months), _("Holdt i tide"), _("Holdt for sent"),
              _("Kravet opfyldt")]
    rows = ([p.name, p.reached_on.isoformat(), p.held_in_time, p.held_late, _yes(p.met)] for p in counted)
    return _csv(f"tilsyn-{entry.id}-{first_day:%Y-%m}-personer.csv", header, rows)
