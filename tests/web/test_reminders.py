"""Reminders in the portal (issue 15): the command ``flask --app portal notices remind`` (cron every 15 minutes)
writes what is due once, and a reminder's e-mail and SMS say what it reminds of."""

from __future__ import annotations

from datetime import UTC, date, datetime

from portal.notices import mail, sms
from scheduling.services.notices import Job
from scheduling.services.reminders import BOOK_BY_TOPIC, INTERVIEW_TOPIC
from scheduling.vocabulary import ActorKind, NoticeChannel, NoticeKind


def _job(channel, topic, params, locale="da"):
    return Job(id=1, key="notice-r", channel=channel, kind=NoticeKind.REMINDER, topic=topic, params=params,
               locale=locale, address="a@example.dk" if channel == NoticeChannel.EMAIL else "20123456",
               recipient_kind=ActorKind.CITIZEN, recipient_id=1, interview_uid=None, attempt=1)


def test_the_command_writes_the_reminders_due_and_a_second_run_writes_none(app):
    first = app.test_cli_runner().invoke(args=["notices", "remind"])
    assert first.exit_code == 0, first.output
    assert "Påmindelser skrevet:" in first.output
    again = app.test_cli_runner().invoke(args=["notices", "remind"])
    assert "Påmindelser skrevet: 0 om samtaler, 0 om at booke" in again.output


def test_an_interview_reminder_mail_says_tomorrow_with_the_time(app):
    start = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    with app.app_context(), app.test_request_context():
        message = mail.compose(app, _job(NoticeChannel.EMAIL, INTERVIEW_TOPIC, {"start": start.isoformat(), "format": "telefonisk"}))
    assert message["Subject"] == "Husk din jobsamtale i morgen"
    assert "torsdag den 3. december 2026 kl. 10.00" in message.get_body(("plain",)).get_content()


def test_a_book_by_reminder_by_mail_and_sms_gives_the_day(app):
    params = {"book_by": date(2026, 12, 3).isoformat()}
    with app.app_context(), app.test_request_context():
        message = mail.compose(app, _job(NoticeChannel.EMAIL, BOOK_BY_TOPIC, params))
        text = sms.text(app, _job(NoticeChannel.SMS, BOOK_BY_TOPIC, params))
        english = sms.text(app, _job(NoticeChannel.SMS, BOOK_BY_TOPIC, params, locale="en"))
    assert message["Subject"] == "Husk at booke din jobsamtale senest 3. december 2026"
    assert text.startswith("Husk at booke din jobsamtale senest 3. december 2026.")
    assert "3 December 2026" in english
