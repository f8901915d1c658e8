"""The caseworker sees an obligation held late (issue 12, correction 2) in the caseload, with its own filter
and label, and on the person's page; the person sees it on their overview."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tests.web.caseworker_helpers import as_caseworker, citizen_id, html, person
from tests.web.helpers import log_in_as

CASELOAD = "/sagsbehandler/"


def _first_interview_held_late(app, name: str) -> None:
    """Move the person's held first a-kasse interview to 6 days after the R6 deadline (registration + 14)."""
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CourseRow
    from scheduling.course import InterviewStatus

    with app.app_context(), unit_of_work() as uow:
        course = uow.session.scalar(select(CourseRow).where(CourseRow.citizen_id == citizen_id(app, name)))
        first = min((i for i in course.interviews if i.status == InterviewStatus.HELD), key=lambda i: i.start_at)
        late = course.registered_on + timedelta(days=20)
        shift = late - first.start_at.date()
        first.start_at, first.end_at = first.start_at + shift, first.end_at + shift
        uow.commit()


def test_R6_caseload_filters_and_labels_the_people_with_an_interview_held_late(app, client):
    """Guidance 3.2: "A-kassen er forpligtet til at afholde den første jobsamtale senest 2 uger efter personens
    tilmelding som jobsøgende." """
    _first_interview_held_late(app, "Sofie Lund Andersen")
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(CASELOAD, query_string={"alle": "1", "filter": "holdt-for-sent"}))
    assert "Sofie Lund Andersen" in page and "Mette Nørgaard Jensen" not in page
    assert "Holdt for sent" in page  # the filter's name and the line's label
    assert "1 samtalefrist holdt for sent" in page
    everyone = html(client.get(CASELOAD, query_string={"alle": "1"}))
    assert "1 samtalefrist holdt for sent" in everyone


def test_R6_person_page_and_overview_show_the_first_interview_held_late(app, client):
    """Guidance 3.2: "senest 2 uger efter personens tilmelding som jobsøgende" — held after it is held late."""
    _first_interview_held_late(app, "Sofie Lund Andersen")
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(person(app, "Sofie Lund Andersen")))
    assert "Holdt for sent" in page and "0 / 1 (+1 holdt for sent)" in page
    log_in_as(client, "citizen", citizen_id(app, "Sofie Lund Andersen"))
    assert "Holdt for sent" in html(client.get("/borger/"))
