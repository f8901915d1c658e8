"""Helpers (no tests) for the supervision pages' web tests (R27, issue 17): logging in as a leader or the agency's
supervisor, the organisations by name, the months of the figures on the demo day."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.caseworker_helpers import as_caseworker
from tests.web.helpers import log_in_as

FREMAD, NORD, AARHUS = "A-kassen Fremad", "Lønmodtagernes A-kasse Nord", "Jobcenter Aarhus"
HELLE = "Helle Kirkegaard"  # Fremad's leader
BO = "Bo Winther"  # Nord's leader
KAREN = "Karen Mølgaard"  # Jobcenter Aarhus's leader
BIRGITTE = "Birgitte Holm"  # a caseworker at Fremad, not a leader
TORBEN = "Torben Vestergaard"  # Fremad's administrator, not a leader
# The demo day is 25 November 2026: the figures cover the 24 whole months November 2024 – October 2026.
FIRST_MONTH, LAST_MONTH = "2024-11", "2026-10"


def organisation_id(app, name: str) -> int:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import OrganisationRow

    with app.app_context(), unit_of_work() as uow:
        return uow.session.scalar(select(OrganisationRow.id).where(OrganisationRow.name == name))


def as_leader(client, app, name: str = HELLE) -> None:
    as_caseworker(client, app, name)


def as_supervisor(client, app) -> None:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import SupervisorRow

    with app.app_context(), unit_of_work() as uow:
        supervisor_id = uow.session.scalar(select(SupervisorRow.id))
    log_in_as(client, "supervisor", supervisor_id)


def demo_names_and_cprs(app) -> list[str]:
    """Every demo citizen's name and CPR number (also with a hyphen): none may be on the supervisor's pages."""
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CitizenRow

    with app.app_context(), unit_of_work() as uow:
        rows = uow.session.execute(select(CitizenRow.name, CitizenRow.cpr)).all()
    found: list[str] = []
    for name, cpr in rows:
        found += [name, cpr, f"{cpr[:6]}-{cpr[6:]}"]
    return found


def figures_of(app, name: str):
    """The organisation's figures for the pages' 24 months, from the service the pages read."""
    from datetime import date

    from portal.database import reads
    from scheduling.services import supervision

    organisation = organisation_id(app, name)
    with app.test_request_context():
        from scheduling.services import read_model

        entry = read_model.organisation_entries(reads(), organisation)[0]
        return supervision.monthly_figures(
            reads(),
            kind=entry.kind,
            first=date(2024, 11, 1),
            last=date(2026, 10, 1),
            organisation_id=organisation,
        )
