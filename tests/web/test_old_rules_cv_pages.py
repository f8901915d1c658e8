"""Issue 12, correction 4: under the old rules (R28) the CV interview is its own kind of interview, which the
a-kasse calls the person in to and records as held, and which both pages show beside the four job interviews.

Guidance 15.3: "Det betyder, at der inden for de første 6 måneder skal afholdes en cv-samtale, 4 individuelle
jobsamtaler med jobcenteret og 2 fælles jobsamtaler med a-kassen."
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from scheduling.course import InterviewKind, InterviewStatus, Organisation
from tests.web.caseworker_helpers import as_caseworker, citizen_id, first_slot, html, interviews, person, post
from tests.web.helpers import log_in_as

NAME = "Mette Nørgaard Jensen"


def _under_the_old_rules(app, name: str) -> None:
    """The person registered on 11 December 2023 and keeps the old rules (R28)."""
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CourseRow

    with app.app_context(), unit_of_work() as uow:
        course = uow.session.scalar(select(CourseRow).where(CourseRow.citizen_id == citizen_id(app, name)))
        course.registered_on = course.placed_on = date(2023, 12, 11)
        course.old_rules = True
        uow.commit()


def test_R28_the_akasse_calls_in_to_the_cv_interview_and_records_it_held(app, client):
    """Guidance 13.1: STAR's supervision "med samtaleafholdelse i a-kassen" changes "da cv-samtalen afskaffes
    som særskilt samtaletype": under the earlier rules the CV interview was the a-kasse's."""
    _under_the_old_rules(app, NAME)
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(person(app, NAME)))
    assert "Efter de gamle regler skal a-kassen holde en CV-samtale med Mette" in page
    path = person(app, NAME) + "/indkald"
    assert 'value="cvsamtale"' in html(client.get(path))
    response = post(client, path, {"kind": "cvsamtale", "start": first_slot(client, path), "format": "personligt_fremmoede"})
    assert response.status_code == 302
    booked = next(i for i in interviews(app, NAME) if i.status == InterviewStatus.BOOKED)
    assert (booked.kind, booked.organisation) == (InterviewKind.CVSAMTALE, Organisation.AKASSE)
    app.config["TODAY"] = (booked.start + timedelta(days=1)).date().isoformat()
    record = f"{person(app, NAME)}/samtale/{booked.id}/registrer"
    assert post(client, record, {"outcome": "held"}).status_code == 302
    page = html(client.get(person(app, NAME)))
    assert "CV-samtale ·" in page  # the interview, by its kind
    assert "0 / 1" not in page  # the CV interview held: 1 / 1 (no hours registered: its 6 months are projected)
    log_in_as(client, "citizen", citizen_id(app, NAME))
    overview = html(client.get("/borger/"))
    assert "CV-samtale" in overview and "Efter de gamle regler skal jobcentret holde 4 jobsamtaler" in overview


def test_R28_the_jobcenter_does_not_call_in_to_the_cv_interview(app, client):
    """Guidance 15.3 lists the CV interview beside the "4 individuelle jobsamtaler med jobcenteret"."""
    _under_the_old_rules(app, NAME)
    as_caseworker(client, app, "Louise Kjær")
    assert 'value="cvsamtale"' not in html(client.get(person(app, NAME) + "/indkald"))
    as_caseworker(client, app, "Birgitte Holm")
    assert 'value="cvsamtale"' not in html(client.get(person(app, "Sofie Lund Andersen") + "/indkald"))  # new rules
