"""Issue 12, corrections 1, 3 and 5 on the pages: the R4 group before its referral, work-sharing's joined day and
every exemption's end (R26), and an a-kasse's revocation after the hand-over (R23).

Guidance VEJ nr 10044 af 14/12/2023 — 2.1: "A-kassen skal sørge for, at visiteringen til kontaktforløbet i
jobcentret sker senest to uger efter, at personen er blevet tilmeldt som jobsøgende." 7.1: "De 6 uger regnes fra
det tidspunkt, hvor personen omfattes af arbejdsfordelingsordningen." 4.2: "a-kassen kan fratage personen retten
til selvbooking i de første 3 måneder for de personer, som a-kassen varetager kontaktforløbet for, mens jobcentret
kan fratage personen retten til selvbooking efter de første 3 måneder for de personer, jobcentret varetager
kontaktforløbet for."
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import update

from scheduling import demo
from tests.web.booking_helpers import as_citizen, main
from tests.web.caseworker_helpers import as_caseworker, caseworker_id, citizen_id, html, person, post

CPH = ZoneInfo("Europe/Copenhagen")


def _registered_now_not_referred(app, name: str, registered: date) -> None:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CourseRow

    with app.app_context(), unit_of_work() as uow:
        uow.session.execute(
            update(CourseRow).where(CourseRow.citizen_id == citizen_id(app, name))
            .values(referred_r4_on=None, registered_on=registered, placed_on=registered)
        )
        uow.commit()


def test_R4_before_referral_the_person_reads_the_referral_deadline_not_R19(app, client):
    _registered_now_not_referred(app, "Emil Kristensen", date(2026, 11, 20))  # referral due 4 December 2026
    as_citizen(app, client, demo.EMIL)
    page = main(client.get("/borger/").get_data(as_text=True))
    assert "Din a-kasse sender dig videre til jobcentret senest 4. december 2026" in page
    assert "indkalder dig til din første jobsamtale" not in page
    assert "Vi forventer, at jobcentret overtager" not in page
    required = page.split('id="obligations-heading"', 1)[1].split("</section>", 1)[0]
    assert "sende dig videre til jobcentret" not in required  # the referral is no interview to attend
    as_caseworker(client, app, "Rikke Dahl")  # A-kassen Nord
    caseworker_page = html(client.get(person(app, "Emil Kristensen")))
    assert "Ikke visiteret endnu" in caseworker_page
    assert "Jobcentret overtager forløbet ved visiteringen (R4)" in caseworker_page


def test_R4_referred_person_is_not_told_they_are_under_25(app, client):
    as_citizen(app, client, demo.EMIL)
    page = main(client.get("/borger/").get_data(as_text=True))
    assert "Du er under 25" not in page and "jobcentret ansvaret for hele dit forløb" in page


def test_R26_work_sharing_needs_the_joined_day_with_a_danish_error_on_the_field(app, client):
    as_caseworker(client, app, "Birgitte Holm")
    path = person(app, "Sofie Lund Andersen") + "/fritagelse"
    response = post(client, path, {"ground": "nr3", "starts_on": "2026-11-25"})
    page = html(response)
    assert response.status_code == 422
    assert "Skriv dagen, personen kom på arbejdsfordeling" in page
    assert 'id="event_on-error"' in page or "event_on" in page.split("Skriv dagen, personen kom på arbejdsfordeling")[0][-600:]
    response = post(client, path, {"ground": "nr3", "starts_on": "2026-11-25", "event_on": "2026-11-23"})
    assert response.status_code == 302
    caseworker_page = html(client.get(person(app, "Sofie Lund Andersen")))
    assert "til og med 3. januar 2027" in caseworker_page  # 23 November + 6 weeks - 1 day
    as_citizen(app, client, demo.SOFIE)
    assert "til og med 3. januar 2027" in main(client.get("/borger/").get_data(as_text=True))


def test_R26_every_exemption_shows_its_end_on_the_caseworker_page(app, client):
    as_caseworker(client, app, "Louise Kjær")  # Jobcenter Aarhus: Camilla, exempt until her job starts
    page = html(client.get(person(app, "Camilla Frost Nielsen")))
    exemptions = page.split('id="fritagelser"', 1)[1].split("</ul>", 1)[0]
    assert "til og med" in exemptions


def test_R23_akasse_revocation_after_handover_signals_the_jobcenter_and_tells_the_person(app, client):
    from portal.database import unit_of_work
    from scheduling.services import decisions

    with app.app_context():  # Mikkel: A-kassen Fremad until 31 October 2026, Jobcenter Aarhus from 1 November
        decisions.revoke_self_booking(
            unit_of_work(), caseworker_id(app, "Birgitte Holm"), citizen_id(app, "Mikkel Skov Rasmussen"),
            "forhindrer_forloeb", "Mange ombookinger.", datetime(2026, 9, 15, 10, tzinfo=CPH),
        )
    as_citizen(app, client, demo.MIKKEL)
    page = main(client.get("/borger/").get_data(as_text=True))
    assert "Din a-kasse tog den 15. september 2026 din ret til selv at booke" in page
    assert 'href="/borger/book"' in page
    as_caseworker(client, app, "Louise Kjær")  # Jobcenter Aarhus
    signal = "A-kassen fratog personen retten til selvbooking den 15. september 2026"
    assert signal in html(client.get(person(app, "Mikkel Skov Rasmussen")))
    caseload = html(client.get("/sagsbehandler/?alle=1"))
    row = caseload[caseload.index("Mikkel Skov Rasmussen"):].split("</tr>", 1)[0]
    assert signal in row


def test_R26_work_sharing_stored_without_the_joined_day_ends_6_weeks_after_its_start_and_says_so(app, client):
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CourseRow, ExemptionRow

    with app.app_context(), unit_of_work() as uow:  # stored before the day was required
        course = uow.session.query(CourseRow).filter_by(citizen_id=citizen_id(app, "Sofie Lund Andersen")).one()
        uow.session.add(ExemptionRow(course_id=course.id, ground="nr3", starts_on=date(2026, 11, 20),
                                     registered_at=datetime(2026, 11, 20, 9, tzinfo=CPH)))
        uow.commit()
    as_caseworker(client, app, "Birgitte Holm")
    response = client.get(person(app, "Sofie Lund Andersen"))
    assert response.status_code == 200
    page = html(response)
    assert "til og med 31. december 2026" in page  # 20 November + 6 weeks - 1 day
    assert "Dagen, personen kom på arbejdsfordeling, er ikke registreret" in page
