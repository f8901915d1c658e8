"""The letters' Danish texts (scheduling/services/letters.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scheduling.course import Format, InterviewKind
from scheduling.reasons import format_param
from scheduling.services import letters
from scheduling.slots import COPENHAGEN


def test_a_time_in_a_letter_reads_as_the_danish_long_form_in_danish_time_all_year():
    instant = datetime(2025, 12, 29, 6, 45, tzinfo=UTC)  # every weekday, month and both sides of summer time
    for _ in range(24 * 400 // 7):
        assert letters.when(instant) == format_param(instant.astimezone(COPENHAGEN), "da")
        instant += timedelta(hours=7, minutes=5)
    assert letters.when(datetime(2026, 3, 29, 1, 0, tzinfo=UTC)) == "søndag den 29. marts 2026 kl. 03.00"


def test_the_booking_message_names_the_time_in_its_subject_and_its_first_line():
    start = datetime(2026, 2, 10, 9, 0, tzinfo=UTC)
    text = letters.interview_booked(InterviewKind.JOBSAMTALE, "Testkassen", start, Format.TELEFONISK, None, "12345678",
                                    called_in=False)
    assert text.subject.endswith("tirsdag den 10. februar 2026 kl. 10.00")
    assert text.body.startswith("Du har booket en ")
    assert "Testkassen tirsdag den 10. februar 2026 kl. 10.00." in text.body


def _english():
    from pathlib import Path

    from babel.support import Translations

    catalogue = Translations.load(Path(__file__).resolve().parents[3] / "translations", ["en"])
    assert catalogue.files, "run make translations"
    return catalogue.gettext


def _every_text() -> list[letters.Text]:
    from datetime import date

    start = datetime(2026, 2, 10, 9, 0, tzinfo=UTC)
    sender = letters.Sender("Jobcenter Aarhus", "87 13 00 00", "Værkmestergade 1, 8000 Aarhus C")
    on = date(2026, 2, 3)
    return [
        letters.interview_booked(InterviewKind.JOBSAMTALE, "Testkassen", start, Format.TELEFONISK, None, "12345678", called_in=False),
        letters.interview_booked(InterviewKind.FAELLESSAMTALE, "Jobcenter Aarhus", start, Format.PERSONLIGT, "Værkmestergade 1",
                                 None, called_in=True, note="Tag dit CV med.", sender="Birgitte Holm"),
        letters.interview_rebooked(InterviewKind.JOBSAMTALE, start, start + timedelta(days=2), Format.VIDEO),
        letters.interview_cancelled(InterviewKind.JOBSAMTALE, start, by_citizen=True),
        letters.interview_cancelled(InterviewKind.JOBSAMTALE, start, by_citizen=False, reason="Sagsbehandleren er syg."),
        letters.interview_cancelled(InterviewKind.JOBSAMTALE, start, by_citizen=False, reason="Kursus.", next="self_book"),
        letters.interview_cancelled(InterviewKind.JOBSAMTALE, start, by_citizen=False, reason="Kursus.", next="called_in"),
        letters.interview_moved(InterviewKind.JOBSAMTALE, start, "Jobcenter Aarhus", None),
        letters.interview_moved(InterviewKind.JOBSAMTALE, start, "Jobcenter Aarhus", "Louise Kjær"),
        letters.format_raised(InterviewKind.JOBSAMTALE, start, "Vi skal se dine papirer.", "Værkmestergade 1"),
        letters.revocation_letter(sender, "booket_anderledes", "Mange ombookinger.", on),
        letters.revocation_letter(sender, "forhindrer_forloeb", "Seks aflysninger.", on),
        letters.not_covered_letter(sender, "Jobbet er ikke på fuld tid.", on),
        letters.restoration_letter(sender, "Mønstret er ophørt.", on),
        letters.self_booking_exemption(sender, "Har brug for tolk.", on, lifted=False),
        letters.self_booking_exemption(sender, "Tolk ikke længere nødvendig.", on, lifted=True),
        letters.referred_r4(on),
    ]


def test_every_text_is_stored_as_its_id_with_json_params_and_the_danish_as_sent():
    import json

    texts = _every_text()
    assert {t.message_id for t in texts} == set(letters.TEMPLATES)
    for text in texts:
        params = json.loads(json.dumps(dict(text.params)))  # what the database gives back
        again = letters.render(text.message_id, params)
        assert (again.subject, again.body) == (text.subject, text.body)


def test_every_text_renders_in_english_with_no_danish_sentence_left():
    english = _english()
    for text in _every_text():
        letter = letters.render(text.message_id, dict(text.params), english, "en")
        rendered = letter.subject + "\n" + "\n".join(p.text for s in letter.sections for p in s.paragraphs)
        assert letter.subject != text.subject
        for word in ("Du ", "Vi ", "Din ", "Afgørelse", "samtale", "klage"):
            assert word not in rendered, (text.message_id, word, rendered)


def test_R23_R26_an_afgoerelse_has_the_four_headings_and_the_last_day_to_complain():
    from scheduling.rules.caseworker import appeal_deadline

    for text in _every_text():
        letter = letters.render(text.message_id, dict(text.params))
        if text.message_id in ("revocation", "not_covered"):
            headings = [s.heading for s in letter.sections if s.heading]
            assert headings == ["Afgørelse", "Begrundelse", "Regler", "Sådan klager du"]
            assert letter.appeal_by == appeal_deadline(letter.dated)
            assert f"senest {letters.day(letter.appeal_by)}." in text.body and "Send klagen til Jobcenter Aarhus" in text.body
            assert "ringe til os på 87 13 00 00" in text.body and "Værkmestergade 1, 8000 Aarhus C" in text.body
        else:
            assert letter.appeal_by is None and "klage" not in text.body.replace("ikke klage over", "")
