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
