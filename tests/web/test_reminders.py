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


# ---- the organisation's settings ----------------------------------------------------------------------------------

SETTINGS = "/sagsbehandler/indstillinger"


def test_an_admin_sets_the_reminder_hour_and_days_and_the_change_is_audited(app, client):
    from scheduling.adapters.orm import AuditRow, OrganisationRow
    from tests.web.caseworker_helpers import as_caseworker, html, post

    as_caseworker(client, app, "Torben Vestergaard")  # administrator, A-kassen Fremad
    page = html(client.get(SETTINGS))
    assert "Påmindelser" in page and '<option selected value="9">09.00</option>' in page
    response = post(client, SETTINGS + "/paamindelser", {"reminder_hour": "16", "book_by_reminder_days": "5"},
                    form_page=SETTINGS)
    assert response.status_code == 302
    assert "Indstillingerne for påmindelser er gemt." in html(client.get(SETTINGS))
    with app.extensions["selvbooking_sessions"]() as session:
        org = session.query(OrganisationRow).filter_by(name="A-kassen Fremad").one()
        assert (org.reminder_hour, org.book_by_reminder_days) == (16, 5)
        assert session.query(AuditRow).filter_by(action="update_settings").count() == 1


def test_a_forged_reminder_hour_is_refused_and_nothing_changes(app, client):
    from scheduling.adapters.orm import OrganisationRow
    from tests.web.caseworker_helpers import as_caseworker, post

    as_caseworker(client, app, "Torben Vestergaard")
    for bad in ({"reminder_hour": "3", "book_by_reminder_days": "3"}, {"reminder_hour": "9", "book_by_reminder_days": "x"}):
        assert post(client, SETTINGS + "/paamindelser", bad, form_page=SETTINGS).status_code == 422
    with app.extensions["selvbooking_sessions"]() as session:
        org = session.query(OrganisationRow).filter_by(name="A-kassen Fremad").one()
        assert (org.reminder_hour, org.book_by_reminder_days) == (9, 3)


def test_only_an_administrator_sets_reminders(app, client):
    from tests.web.caseworker_helpers import as_caseworker, post

    as_caseworker(client, app, "Birgitte Holm")
    response = post(client, SETTINGS + "/paamindelser", {"reminder_hour": "16", "book_by_reminder_days": "5"},
                    form_page="/sagsbehandler/tilgaengelighed")
    assert response.status_code == 403
