"""Decision letters and messages in the reader's language (issue 13): the structured afgørelse with the last day
to complain and where to send the complaint, its PDF, the banner's link to it, English with the note that the
Danish text is binding, and messages stored before message ids still shown as they were sent."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from pypdf import PdfReader
from sqlalchemy import select

from scheduling import demo
from scheduling.reasons import format_param
from scheduling.rules.caseworker import appeal_deadline
from scheduling.slots import COPENHAGEN
from tests.web.booking_helpers import as_citizen, main
from tests.web.helpers import choose_language, open_message

HEADINGS_DA = ("Afgørelse", "Begrundelse", "Regler", "Sådan klager du")
HEADINGS_EN = ("Decision", "Reason", "Rules", "How to appeal")
# Sentences of the Danish revocation letter as sent (the stored body), none of which may stand on an English page.
DANISH_BODY = (
    "Vi har besluttet, at du ikke længere selv kan booke",
    "Vi har truffet afgørelsen, fordi",
    "Din klage skal være modtaget senest",
    "Send klagen til",
    "Reglerne om klage står i",
    "Sådan klager du",
)


def _revocation(app, person=demo.LARS):
    """The person's revocation (R23) as stored: decision id, its day in Denmark, and the deciding organisation."""
    from scheduling.adapters.orm import CitizenRow, CourseRow, DecisionRow, OrganisationRow
    from scheduling.vocabulary import RecordKind

    with app.extensions["selvbooking_sessions"]() as session:
        row = session.execute(
            select(DecisionRow.id, DecisionRow.made_at, OrganisationRow.name, OrganisationRow.phone)
            .join(CourseRow, CourseRow.id == DecisionRow.course_id)
            .join(CitizenRow, CitizenRow.id == CourseRow.citizen_id)
            .join(OrganisationRow, OrganisationRow.id == DecisionRow.organisation_id)
            .where(CitizenRow.cpr == person.cpr, DecisionRow.kind == RecordKind.REVOKE_SELF_BOOKING)
        ).one()
    made_at = row.made_at if row.made_at.tzinfo else row.made_at.replace(tzinfo=UTC)
    return row.id, made_at.astimezone(COPENHAGEN).date(), row.name, row.phone


def _headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]


def test_R23_the_decision_letter_has_its_headings_the_last_day_to_complain_and_where_to_send_it(app, client):
    as_citizen(app, client, demo.LARS)
    decision_id, on, organisation, phone = _revocation(app)
    page = client.get(f"/borger/afgoerelser/{decision_id}")
    assert page.status_code == 200
    html = main(page.get_data(as_text=True))
    assert all(heading in _headings(html) for heading in HEADINGS_DA)
    last_day = format_param(appeal_deadline(on), "da")
    assert f"Din klage skal være modtaget senest {last_day}." in html
    assert f"Sidste frist for at klage: {last_day}" in html
    assert f"Send klagen til {organisation}, som vurderer sagen igen." in html and "Digital Post" in html
    assert f"ringe til os på {phone}" in html
    assert "Ankestyrelsens Beskæftigelsesudvalg" in html and "retssikkerhedslovens § 59 b" in html
    assert f'href="/borger/afgoerelser/{decision_id}/pdf"' in html
    assert "Dette er en oversættelse" not in html  # Danish is the letter as sent


def test_R23_the_decision_letter_in_english_says_the_danish_text_is_binding_and_shows_no_danish_body(app, client):
    as_citizen(app, client, demo.LARS)
    decision_id, on, organisation, _ = _revocation(app)
    choose_language(client, "en", "/borger/", page="/borger/")
    html = main(client.get(f"/borger/afgoerelser/{decision_id}").get_data(as_text=True))
    assert "The Danish text is the binding one." in html
    assert all(heading in _headings(html) for heading in HEADINGS_EN)
    assert "Decision: You can no longer book your job interviews yourself" in html
    last_day = format_param(appeal_deadline(on), "en")
    assert f"Your appeal must be received no later than {last_day}." in html and f"Send your appeal to {organisation}" in html
    assert not [sentence for sentence in DANISH_BODY if sentence in html]
    # the caseworker's own assessment is shown as written, marked as Danish
    assert re.search(r'<span class="letter-quote" lang="da">Du har inden for', html)


def test_R23_the_message_page_renders_the_letter_in_the_readers_language(app, client):
    as_citizen(app, client, demo.LARS)
    decision_id, *_ = _revocation(app)
    choose_language(client, "en", "/borger/", page="/borger/")
    inbox = main(client.get("/borger/beskeder").get_data(as_text=True))
    assert "Decision: You can no longer book your job interviews yourself" in inbox
    assert "Afgørelse: Du kan ikke" not in inbox
    message_id = re.search(r'action="/borger/beskeder/(\d+)"[^>]*>\s*<input[^>]*>\s*<button[^>]*>Decision:', inbox).group(1)
    html = main(open_message(client, message_id).get_data(as_text=True))
    assert "The Danish text is the binding one." in html and "How to appeal" in html
    assert f'href="/borger/afgoerelser/{decision_id}/pdf"' in html
    assert not [sentence for sentence in DANISH_BODY if sentence in html]


def test_R23_the_decision_downloads_as_a_pdf_with_the_organisation_and_the_headings(app, client):
    as_citizen(app, client, demo.LARS)
    decision_id, on, organisation, _ = _revocation(app)
    response = client.get(f"/borger/afgoerelser/{decision_id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert organisation in text
    for words in (*HEADINGS_DA, "Begrundelse", "Ankestyrelsens Beskæftigelsesudvalg", format_param(appeal_deadline(on), "da")):
        assert words in text, words
    assert "æ" in text and "ø" in text and "å" in text


def test_R23_the_pdf_in_english_is_english_with_the_note(app, client):
    as_citizen(app, client, demo.LARS)
    decision_id, *_ = _revocation(app)
    choose_language(client, "en", "/borger/", page="/borger/")
    reader = PdfReader(io.BytesIO(client.get(f"/borger/afgoerelser/{decision_id}/pdf").data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "The Danish text is the binding one." in text and "How to appeal" in text
    assert "Sådan klager du" not in text


def test_R23_the_banner_on_mine_samtaler_links_to_the_decision(app, client):
    as_citizen(app, client, demo.LARS)
    decision_id, *_ = _revocation(app)
    html = main(client.get("/borger/").get_data(as_text=True))
    banner = html.split('id="no-self-booking"', 1)[1].split("</section>", 1)[0]
    assert f'href="/borger/afgoerelser/{decision_id}"' in banner and "Læs afgørelsen" in banner


def test_the_banner_has_no_decision_link_for_a_person_exempt_without_an_afgoerelse(app, client):
    as_citizen(app, client, demo.OKSANA)
    html = main(client.get("/borger/").get_data(as_text=True))
    assert "/borger/afgoerelser/" not in html


def test_another_persons_decision_and_its_pdf_are_404(app, client):
    decision_id, *_ = _revocation(app)
    as_citizen(app, client, demo.SOFIE)
    assert client.get(f"/borger/afgoerelser/{decision_id}").status_code == 404
    assert client.get(f"/borger/afgoerelser/{decision_id}/pdf").status_code == 404
    assert client.get("/borger/afgoerelser/999999").status_code == 404


def test_a_message_and_a_letter_stored_before_message_ids_are_shown_as_they_were_sent(app, client):
    from scheduling.adapters.orm import CitizenRow, CourseRow, DecisionRow, MessageRow

    cid = as_citizen(app, client, demo.LARS)
    with app.extensions["selvbooking_sessions"]() as session:
        message = MessageRow(citizen_id=cid, kind="booking", subject="Gammel besked om din samtale",
                             body="Første linje af den gamle besked.\nAnden linje.", created_at=datetime(2026, 11, 24, 9, tzinfo=UTC))
        session.add(message)
        decision = session.scalars(
            select(DecisionRow).join(CourseRow, CourseRow.id == DecisionRow.course_id).where(CourseRow.citizen_id == cid)
            .where(DecisionRow.letter_id.is_not(None))
        ).first()
        decision.letter_id, decision.letter_params = None, None
        decision.letter = "Afgørelse: gammelt brev\n\nDen gamle tekst af brevet.\n\nKlagevejledning\nDu kan klage."
        assert session.get(CitizenRow, cid) is not None
        session.commit()
        message_id, decision_id = message.id, decision.id
    inbox = main(client.get("/borger/beskeder").get_data(as_text=True))
    assert "Gammel besked om din samtale" in inbox
    html = main(client.get(f"/borger/beskeder/{message_id}").get_data(as_text=True))
    assert "Første linje af den gamle besked." in html and "Anden linje." in html
    letter = main(client.get(f"/borger/afgoerelser/{decision_id}").get_data(as_text=True))
    assert "Afgørelse: gammelt brev" in letter and "Den gamle tekst af brevet." in letter
    assert client.get(f"/borger/afgoerelser/{decision_id}/pdf").status_code == 200
    # in English the stored Danish is shown as sent, marked as Danish, with a note why
    choose_language(client, "en", "/borger/", page="/borger/")
    english = main(client.get(f"/borger/beskeder/{message_id}").get_data(as_text=True))
    assert 'lang="da"' in english and "It is shown in Danish, as it was sent." in english
    assert "The Danish text is the binding one." not in english


def test_every_message_in_the_inbox_and_its_page_is_in_english_for_an_english_reader(app, client):
    as_citizen(app, client, demo.SOFIE)
    danish = main(client.get("/borger/beskeder").get_data(as_text=True))
    choose_language(client, "en", "/borger/", page="/borger/")
    inbox = main(client.get("/borger/beskeder").get_data(as_text=True))
    ids = re.findall(r'action="/borger/beskeder/(\d+)"', inbox)
    assert ids and re.findall(r'action="/borger/beskeder/(\d+)"', danish) == ids
    subjects = re.findall(r'<button type="submit" class="function-link">([^<]+)</button>', inbox)
    assert len(subjects) == len(ids) and not [s for s in subjects if re.search(r"\b(Din|Du|Indkaldelse|er booket|flyttet|aflyst)\b", s)]
    for message_id in ids:
        html = main(client.get(f"/borger/beskeder/{message_id}").get_data(as_text=True))
        assert "The Danish text is the binding one." in html
        assert not re.search(r"\b(Du har booket|Samtaleform|Vi ringer|Mød op|Samtalen er lige så bindende)\b", html), message_id
