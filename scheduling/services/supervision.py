"""The supervision's monthly figures (R27, AFL § 88; guidance 13.1): each a-kasse's and jobcenter's share of the
people who reached the point without the job interviews required held in time, the 20 % line and six months in a
row.

STAR counts on its administration model at Jobindsats.dk, which the guidance leaves open; the portal counts so
(``COUNTING`` says it to the reader under "Sådan er tallet opgjort"; ``docs/supervision.md``):

* **The a-kasse** (R7): a course is counted in the month of its hand-over (R2: the end of the month in which the
  410th/333rd benefit hour was registered; the a-kasse's *first 3 months*), once the ledger has registered it —
  a projected hand-over is not counted yet. It lacks the requirement when fewer than 3 individual job interviews
  were held by the hand-over; interviews held with the jobcenter in the a-kasse's period count (lov nr. 727/2023
  § 5, as the rules core counts R7), booked, missed and cancelled ones do not, and one held after the hand-over
  is *held late* (issue 12): shown, never counted as met.
* **The jobcenter** (R8/R9): counted in the month the registered periods reach 6 months of *sammenlagt
  ledighed* (R3); lacking when fewer than 3 job interviews were held by the jobcenter after the hand-over and by
  then (R8), or, for the R4 group, fewer than 6 from the start (R9). A course whose hand-over is not yet
  registered is not counted (R8 counts from it).
* **Left out**: a course under the old rules (R28, which STAR supervised otherwise); the R4 group for the
  a-kasse (referred to the jobcenter within 2 weeks, it has no a-kasse interviews to count); a person exempt
  (R26) on every day of a whole calendar month between the registration and the day reached.
* A person belongs to the a-kasse and jobcenter their record names now; each course of a person counts once.

Everything is counted in the database (:mod:`scheduling.adapters.supervision`, one statement per report), and
the pure functions of :mod:`scheduling.rules.supervision` are the reference a test holds it to on generated
worlds, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from scheduling import parameters as P
from scheduling.adapters.milestones import count_courses, courses_after, recompute
from scheduling.adapters.orm import OrganisationRow
from scheduling.adapters.supervision import Thresholds, counted_people, monthly_counts
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import Organisation
from scheduling.reasons import N_, Reason
from scheduling.rules.facts import add_months, end_of_month
from scheduling.rules.supervision import month_result, months_in_a_row
from scheduling.services.errors import InvalidInput, NotFound, require_dates_in_range

__all__ = [
    "COUNTING", "CountedPerson", "MonthFigure", "find_organisation", "monthly_figures", "people_behind",
    "rebuild_milestones",
]


@dataclass(frozen=True)
class MonthFigure:
    """One organisation's figure for one month."""

    organisation_id: int
    organisation_name: str
    kind: Organisation  # the a-kasse or the jobcenter
    month: date  # the first day of the month
    counted: int  # people who reached the point (a-kasse: 3 months of unemployment; jobcenter: 6 months) in it
    without: int  # of them, those without the interviews required held in time
    share: Decimal  # without / counted (0 when counted == 0)
    above: bool  # share > 20 % (P.SUPERVISION_SHARE_LIMIT)
    in_a_row: int  # months in a row above the line, ending with this month
    star_contacts: bool  # in_a_row >= 6 (P.SUPERVISION_MONTHS_IN_A_ROW)


@dataclass(frozen=True)
class CountedPerson:
    """One person behind a month's number."""

    citizen_id: int
    name: str
    reached_on: date  # the day they reached 3 (a-kasse) / 6 (jobcenter) months
    held_in_time: int
    held_late: int
    met: bool


# the numbers (410 hours, 3 months, 3 or 6 interviews, under 25) are the law's and live in scheduling.parameters:
# the sentences say what is counted without writing them (tests/unit/test_law_numbers.py)
COUNTING: dict[Organisation, tuple[str, ...]] = {
    Organisation.AKASSE: (
        N_("En person tælles med i den måned, hvor a-kassens periode slutter, og jobcentret overtager: udgangen af den måned, hvor timerne til overgangen er registreret. En dato, der kun er et skøn, tælles først med, når timerne er registreret."),
        N_("Personen mangler samtaler, hvis der inden da er holdt færre individuelle jobsamtaler, end a-kassen skal holde i sin periode. Jobsamtaler holdt med jobcentret i a-kassens periode tæller med. Bookede, aflyste og udeblevne samtaler tæller ikke."),
        N_("En samtale holdt efter overgangen til jobcentret er holdt for sent. Den vises, men tæller ikke som opfyldt."),
        N_("Unge uden erhvervsuddannelse, som a-kassen sender direkte videre til jobcentret, tælles ikke med: a-kassen har ingen samtaler at holde med dem."),
        N_("Personer, der har været fritaget for samtaler en hel kalendermåned, og forløb efter de gamle regler tælles ikke med."),
        N_("Styrelsen for Arbejdsmarked og Rekruttering opgør tallet i sin egen model på Jobindsats.dk. Tallet her er portalens opgørelse og kan afvige."),
    ),
    Organisation.JOBCENTER: (
        N_("En person tælles med i den måned, hvor de registrerede perioder når den samlede ledighed, hvor jobcentrets første jobsamtaler skal være holdt."),
        N_("Personen mangler samtaler, hvis jobcentret inden da har holdt færre jobsamtaler efter overtagelsen, end reglerne kræver. For unge uden erhvervsuddannelse tæller jobcentrets samtaler fra begyndelsen, og de skal have flere."),
        N_("En samtale holdt efter fristen er holdt for sent. Den vises, men tæller ikke som opfyldt. Bookede, aflyste og udeblevne samtaler tæller ikke."),
        N_("Personer, der har været fritaget for samtaler en hel kalendermåned, og forløb efter de gamle regler tælles ikke med. Et forløb tælles først med, når a-kassens periode er registreret afsluttet."),
        N_("Styrelsen for Arbejdsmarked og Rekruttering opgør tallet i sin egen model på Jobindsats.dk. Tallet her er portalens opgørelse og kan afvige."),
    ),
}

_MONTH_ORDER = N_("Den første måned skal ligge før eller være den samme som den sidste.")
_NO_ORGANISATION = N_("Der er ingen a-kasse eller intet jobcenter med navnet eller nummeret %(name)s.")


def thresholds(on: date) -> Thresholds:
    """The numbers of the law on ``on`` the statement needs."""
    return Thresholds(
        r4_age=P.R4_AGE_LIMIT.on(on),
        old_rules_registered_by=P.OLD_RULES_REGISTERED_BY.on(on),
        akasse_required=P.AKASSE_INTERVIEWS.on(on),
        jobcenter_required=P.JOBCENTER_INTERVIEWS.on(on),
        r4_required=P.R4_JOBCENTER_INTERVIEWS.on(on),
    )


def months(first: date, last: date) -> list[date]:
    """The first days of the months from ``first``'s to ``last``'s."""
    result, month = [], first.replace(day=1)
    while month <= last:
        result.append(month)
        month = add_months(month, 1)
    return result


def monthly_figures(
    uow: SqlAlchemyUnitOfWork, *, kind: Organisation, first: date, last: date, organisation_id: int | None = None
) -> list[MonthFigure]:
    """Every organisation of ``kind`` (or the one), every month from ``first`` to ``last`` (their first days),
    ordered by organisation name, then month; a month with nobody counted is there with 0.

    Months in a row look back to the organisation's first month with anyone counted, so a row that began before
    ``first`` is counted whole. Counted in one statement (:func:`scheduling.adapters.supervision.monthly_counts`).
    """
    require_dates_in_range(first, last)
    first, last = first.replace(day=1), last.replace(day=1)
    if first > last:
        raise InvalidInput.because(_MONTH_ORDER)
    with uow:
        organisations = _organisations(uow, kind, organisation_id)
        counts = monthly_counts(
            uow.session, thresholds(last), kind, first=None, last=end_of_month(last), organisation_id=organisation_id
        )
    by_organisation: dict[int, dict[date, tuple[int, int]]] = {}
    for organisation, month, number, without in counts:
        by_organisation.setdefault(organisation, {})[month] = (number, without)
    figures: list[MonthFigure] = []
    for organisation_id_, name in organisations:
        known = by_organisation.get(organisation_id_, {})
        start = min([first, *known])
        span = months(start, last)
        results = [month_result(*known.get(month, (0, 0)), month) for month in span]
        rows = months_in_a_row(results)
        for month, result, in_a_row in zip(span, results, rows, strict=True):
            if month < first:
                continue
            figures.append(MonthFigure(
                organisation_id_, name, kind, month, result.members, result.without_three, result.share,
                result.deficient, in_a_row, in_a_row >= P.SUPERVISION_MONTHS_IN_A_ROW.on(month),
            ))
    return figures


def people_behind(uow: SqlAlchemyUnitOfWork, *, organisation_id: int, month: date) -> list[CountedPerson]:
    """The people counted in an organisation's month, those without the interviews required first, then by name."""
    require_dates_in_range(month)
    month = month.replace(day=1)
    with uow:
        row = uow.session.get(OrganisationRow, organisation_id)
        if row is None:
            raise NotFound()
        rows = counted_people(
            uow.session, thresholds(month), row.kind, organisation_id=organisation_id, first=month,
            last=end_of_month(month),
        )
    people = [
        CountedPerson(r.citizen_id, r.name, r.reached_on, r.in_time, min(r.late, max(0, r.required - r.in_time)),
                      r.in_time >= r.required)
        for r in rows
    ]
    return sorted(people, key=lambda p: (p.met, p.name, p.citizen_id, p.reached_on))


def _organisations(uow: SqlAlchemyUnitOfWork, kind: Organisation, organisation_id: int | None) -> list[tuple[int, str]]:
    statement = select(OrganisationRow.id, OrganisationRow.name).where(OrganisationRow.kind == kind)
    if organisation_id is not None:
        statement = statement.where(OrganisationRow.id == organisation_id)
    found = [(r.id, r.name) for r in uow.session.execute(statement.order_by(OrganisationRow.name, OrganisationRow.id))]
    if organisation_id is not None and not found:
        raise NotFound(None)
    return found


def find_organisation(uow: SqlAlchemyUnitOfWork, name_or_id: str) -> tuple[int, Organisation]:
    """The a-kasse or jobcenter with this id or this name (case and spaces at the ends do not matter)."""
    wanted = name_or_id.strip()
    with uow:
        statement = select(OrganisationRow.id, OrganisationRow.kind)
        if wanted.isdigit():
            found = uow.session.execute(statement.where(OrganisationRow.id == int(wanted))).first()
        else:
            found = uow.session.execute(
                statement.where(func.lower(OrganisationRow.name) == wanted.lower()).order_by(OrganisationRow.id)
            ).first()
    if found is None:
        raise NotFound(Reason("INPUT", "", _NO_ORGANISATION, {"name": wanted}))  # type: ignore[arg-type]
    return found.id, found.kind


def rebuild_milestones(
    new_uow: Callable[[], SqlAlchemyUnitOfWork], *, batch: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Compute every course's stored milestones (``course_milestones``: the days and the held interviews counted
    against them) again from its facts, ``batch`` courses per transaction, calling ``progress(done, total)``
    after each; returns how many were written. What changes with a course or a held interview is written with
    the change itself; this is for rows written around the services (a COPY) and after a change to how the
    milestones are computed (``flask --app portal tilsyn opdater``)."""
    with new_uow() as uow:
        total = count_courses(uow.session.connection())
    done, last = 0, 0
    while True:
        with new_uow() as uow:
            connection = uow.session.connection()
            ids = courses_after(connection, last, batch)
            if not ids:
                return done
            done += recompute(connection, ids)
            uow.commit()
        last = ids[-1]
        if progress is not None:
            progress(done, total)
