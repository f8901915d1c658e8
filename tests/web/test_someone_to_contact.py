"""Someone to contact (issue 13): wherever a person is told to get in touch, the page names whom and how (the
organisation's phone number and opening hours, e-mail or contact form, and the caseworker where the
organisation shows names); a person who may not book reads what happens next and by when (R19, R23, the date
from the rules); the check-your-answers page and the receipt say how the person takes part in each format.
Demo day 2026-11-25."""

from __future__ import annotations

import re

from sqlalchemy import select

from scheduling import demo
from tests.web.booking_helpers import (
    as_citizen,
    book,
    booking_token,
    choose_format,
    choose_kind,
    choose_slot,
    confirm,
    main,
    offered_slots,
)
from tests.web.caseworker_helpers import as_caseworker, post

FREMAD = ("Kontakt A-kassen Fremad", "70 10 20 30", "Mandag-torsdag 9-15, fredag 9-12", "kontakt@fremad.demo.example.dk")
MAP = "https://www.openstreetmap.org/search?query=Fremadvej+12%2C+8000+Aarhus+C"


def page(client, path: str = "/borger/") -> str:
    return main(client.get(path).get_data(as_text=True))


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def phone_of(app, person) -> str:
    from scheduling.adapters.orm import CitizenRow

    with app.extensions["selvbooking_sessions"]() as session:
        return session.scalar(select(CitizenRow.phone).where(CitizenRow.cpr == person.cpr))


def change_rows(app, row_type, where, **values) -> None:
    with app.extensions["selvbooking_sessions"]() as session:
        for row in session.scalars(select(row_type).where(where)):
            for name, value in values.items():
                setattr(row, name, value)
        session.commit()


def cancel_upcoming(app, person) -> None:
    from scheduling.adapters.orm import CitizenRow, InterviewRow
    from scheduling.course import InterviewStatus

    cid = select(CitizenRow.id).where(CitizenRow.cpr == person.cpr).scalar_subquery()
    change_rows(app, InterviewRow, (InterviewRow.citizen_id == cid) & (InterviewRow.status == InterviewStatus.BOOKED),
                status=InterviewStatus.CANCELLED)


# ---- what happens next, and whom to contact -------------------------------------------------------------------


def test_R19_R6_a_new_person_reads_by_when_the_akasse_calls_her_in_and_how_to_reach_it(app, client):
    as_citizen(app, client, demo.METTE)  # registered 2026-11-23: the first interview is held by 7 December (R6)
    for shown in (text(page(client)), text(page(client, "/borger/book"))):
        assert "Din a-kasse indkalder dig til din første jobsamtale. Samtalen skal holdes senest 7. december 2026." in shown
        assert all(part in shown for part in FREMAD)
    assert client.get("/borger/book").status_code == 409


def test_R23_a_revoked_person_reads_when_the_akasse_calls_in_next_the_date_from_the_rules(app, client):
    as_citizen(app, client, demo.LARS)
    shown = text(page(client))
    assert "Du er indkaldt til din næste jobsamtale 26. november 2026." in shown  # called in to tomorrow
    assert all(part in shown for part in FREMAD)
    cancel_upcoming(app, demo.LARS)
    shown = text(page(client))
    # R7's deadline, the projected hand-over the page states under "De samtaler, loven kræver"
    assert "Din a-kasse indkalder dig til dine jobsamtaler. Den næste skal efter planen holdes senest 31. januar 2027." in shown
    assert "Senest (forventet dato): 31. januar 2027" in shown


def test_R23_a_person_exempt_from_self_booking_reads_what_happens_next(app, client):
    as_citizen(app, client, demo.OKSANA)
    cancel_upcoming(app, demo.OKSANA)
    shown = text(page(client, "/borger/book"))
    assert "Du skal ikke selv booke dine jobsamtaler lige nu." in shown
    assert "Din a-kasse indkalder dig til dine jobsamtaler. Den næste skal efter planen holdes senest" in shown
    assert all(part in shown for part in FREMAD)


def test_a_called_in_interview_names_whom_to_contact_to_move_it_not_a_dead_end(app, client):
    as_citizen(app, client, demo.JONAS)  # called in by Lønmodtagernes A-kasse Nord (R19)
    shown = text(page(client))
    assert "Kontakt den, der har indkaldt dig" not in shown
    assert "Du er indkaldt til denne samtale. Kontakt din a-kasse, hvis du vil flytte eller aflyse den." in shown
    assert "Kontakt Lønmodtagernes A-kasse Nord" in shown and "70 40 50 60" in shown and "Mandag-fredag 8-16" in shown
    assert 'href="tel:70405060"' in page(client) and 'href="mailto:kontakt@lak-nord.demo.example.dk"' in page(client)


def test_a_contact_form_is_a_link_where_the_organisation_has_one(app, client):
    from scheduling.adapters.orm import OrganisationRow

    change_rows(app, OrganisationRow, OrganisationRow.name == "A-kassen Fremad", email=None,
                contact_url="https://fremad.demo.example.dk/kontakt")
    as_citizen(app, client, demo.METTE)
    html = page(client)
    assert '<a href="https://fremad.demo.example.dk/kontakt">Skriv til A-kassen Fremad via kontaktformularen</a>' in html
    assert "mailto:" not in html


def test_a_person_without_a_course_gets_the_akasse_s_contact_details(app, client):
    from scheduling.adapters.orm import CitizenRow, CourseRow

    cid = select(CitizenRow.id).where(CitizenRow.cpr == demo.METTE.cpr).scalar_subquery()
    change_rows(app, CourseRow, CourseRow.citizen_id == cid, ended_on=demo.date(2026, 11, 24))
    as_citizen(app, client, demo.METTE)
    shown = text(page(client))
    assert "Du har ikke et aktivt kontaktforløb lige nu." in shown and all(part in shown for part in FREMAD)


# ---- the caseworker's name: the organisation's setting ------------------------------------------------------


def test_the_caseworkers_name_is_shown_only_where_the_organisation_shows_names(app, client):
    as_citizen(app, client, demo.LARS)  # A-kassen Fremad shows names
    shown = text(page(client))
    assert "Din sagsbehandler Birgitte Holm" in shown and "Din sagsbehandler: Birgitte Holm" in shown
    as_citizen(app, client, demo.JONAS)  # Lønmodtagernes A-kasse Nord does not
    shown = text(page(client))
    assert "Sagsbehandler" not in shown and "Din sagsbehandler" not in shown
    as_caseworker(client, app, "Susanne Brink")  # Nord's administrator turns names on
    settings = {"book_by_days": "8", "change_deadline_hours": "24", "address": "Havnegade 4, 9000 Aalborg",
                "phone": "70 40 50 60", "email": "kontakt@lak-nord.demo.example.dk", "show_caseworker_names": "y"}
    assert post(client, "/sagsbehandler/indstillinger", settings).status_code == 302
    as_citizen(app, client, demo.JONAS)
    assert "Din sagsbehandler: " in text(page(client))


# ---- how the person takes part: the same details on the check page and the receipt ---------------------------


def check_then_receipt(client, format: str) -> tuple[str, str]:
    assert choose_kind(client, "jobsamtale").status_code == 302
    assert choose_slot(client, offered_slots(client)[0]).status_code == 302
    assert choose_format(client, format).status_code == 302
    check = text(page(client, "/borger/book/tjek"))
    response = confirm(client, booking_token(client))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return check, text(page(client, response.headers["Location"]))


def test_in_person_the_check_page_and_receipt_give_the_address_with_a_map_reception_and_what_to_bring(app, client):
    as_citizen(app, client, demo.SOFIE)
    check, receipt = check_then_receipt(client, "personligt_fremmoede")
    for shown in (check, receipt):
        assert "Mød op på adressen: Fremadvej 12, 8000 Aarhus C Se adressen på et kort" in shown
        assert "Når du kommer Meld dig i receptionen i stueetagen. Din sagsbehandler henter dig." in shown
        assert "Tag med Tag dit CV med" in shown and all(part in shown for part in FREMAD)
    assert f'href="{MAP}"' in page(client, "/borger/")


def test_by_phone_the_check_page_and_receipt_say_which_number_is_called_and_from_which(app, client):
    as_citizen(app, client, demo.SOFIE)
    check, receipt = check_then_receipt(client, "telefonisk")
    for shown in (check, receipt):
        assert f"Vi ringer til dig på {phone_of(app, demo.SOFIE)}. Vi ringer fra 70 10 20 39." in shown
        assert "Mød op" not in shown


def test_by_video_the_check_page_says_who_sends_the_link_and_the_receipt_shows_it(app, client):
    from scheduling.adapters.orm import InterviewRow

    as_citizen(app, client, demo.SOFIE)
    check, receipt = check_then_receipt(client, "personligt_digitalt_fremmoede")
    assert "Du får linket til videosamtalen fra A-kassen Fremad, inden samtalen begynder." in check
    assert "Linket til videosamtalen den 30. november 2026 kl." in receipt  # the demo a-kasse's room (issue 15)
    change_rows(app, InterviewRow, InterviewRow.format == "personligt_digitalt_fremmoede", video_link="https://meet.example.dk/abc123")
    overview = page(client, "/borger/")
    assert '<a href="https://meet.example.dk/abc123">Linket til videosamtalen den ' in overview


def test_the_receipt_of_a_booking_is_the_booked_interview_s_details(app, client):
    as_citizen(app, client, demo.SOFIE)
    _start, response = book(client, "jobsamtale", "personligt_fremmoede")
    receipt = text(page(client, response.headers["Location"]))
    assert "Din samtale er booket" in receipt and "Kontakt A-kassen Fremad" in receipt


def test_the_calendar_file_says_which_number_calls_and_whom_to_contact(app, client):
    from icalendar import Calendar

    from tests.web.calendar_helpers import booked_interview

    interview = booked_interview(app, demo.SOFIE)  # her phone interview with A-kassen Fremad
    as_citizen(app, client, demo.SOFIE)
    (event,) = Calendar.from_ical(client.get(f"/kalender/samtale/{interview.id}.ics").data).events
    description = str(event["DESCRIPTION"])
    assert "Vi ringer fra 70 10 20 39." in description
    assert ("Kontakt A-kassen Fremad: telefon 70 10 20 30 (Mandag-torsdag 9-15, fredag 9-12), "
            "kontakt@fremad.demo.example.dk") in description


def test_R19_in_english_the_next_step_and_the_contact_block_are_english(app, client):
    from tests.web.helpers import choose_language

    as_citizen(app, client, demo.METTE)
    choose_language(client, "en", page="/borger/")
    shown = text(page(client))
    assert "What happens next" in shown
    assert "Your a-kasse will call you in to your first job interview. It must be held no later than" in shown
    assert "Contact A-kassen Fremad" in shown and "Mandag-torsdag 9-15, fredag 9-12" in shown  # the organisation's own text


def test_the_subscription_feed_says_which_number_calls_and_whom_to_contact_as_the_file_does(app, client):
    from icalendar import Calendar

    from scheduling.adapters.orm import CitizenRow
    from tests.web.calendar_helpers import booked_interview, citizen_id, feed_path

    interview = booked_interview(app, demo.SOFIE)  # her phone interview with A-kassen Fremad
    feed = Calendar.from_ical(client.get(feed_path(app, CitizenRow, citizen_id(app, demo.SOFIE))).data)
    (event,) = [e for e in feed.events if str(e["UID"]) == interview.uid]
    description = str(event["DESCRIPTION"])
    assert "Vi ringer fra 70 10 20 39." in description
    assert ("Kontakt A-kassen Fremad: telefon 70 10 20 30 (Mandag-torsdag 9-15, fredag 9-12), "
            "kontakt@fremad.demo.example.dk") in description



def test_a_message_about_an_interview_names_whom_to_contact_at_the_organisation_holding_it(app, client):
    from tests.web.helpers import open_message

    as_citizen(app, client, demo.SOFIE)
    book(client, "jobsamtale", "personligt_fremmoede")  # with A-kassen Fremad: the receipt's message follows
    inbox = page(client, "/borger/beskeder")
    newest = re.search(r'action="/borger/beskeder/(\d+)"', inbox).group(1)
    shown = text(main(open_message(client, newest).get_data(as_text=True)))
    assert "Har du spørgsmål til beskeden, eller kan du ikke deltage?" in shown
    assert all(part in shown for part in FREMAD)


def test_R23_the_decision_page_names_whom_to_contact_at_the_organisation_that_made_it(app, client):
    from scheduling.adapters.orm import CitizenRow, CourseRow, DecisionRow, OrganisationRow

    as_citizen(app, client, demo.LARS)
    with app.extensions["selvbooking_sessions"]() as session:
        decision_id, organisation = session.execute(
            select(DecisionRow.id, OrganisationRow.name)
            .join(CourseRow, CourseRow.id == DecisionRow.course_id)
            .join(CitizenRow, CitizenRow.id == CourseRow.citizen_id)
            .join(OrganisationRow, OrganisationRow.id == DecisionRow.organisation_id)
            .where(CitizenRow.cpr == demo.LARS.cpr, DecisionRow.is_afgoerelse.is_(True))
        ).first()
    shown = text(page(client, f"/borger/afgoerelser/{decision_id}"))
    assert "Har du spørgsmål til afgørelsen?" in shown and f"Kontakt {organisation}" in shown
