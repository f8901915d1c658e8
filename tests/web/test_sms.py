"""SMS notices (issue 15): the HTTP gateway against a real gateway on loopback (a 500 or no answer is an attempt
tried again after the back-off), the development gateway's files and page, the texts' length and privacy, and
the person's choice of channels on /borger/kontakt."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from portal.notices import sms
from portal.notices.sms import FileGateway, HttpGateway
from scheduling.services import notices
from scheduling.services.notices import Job
from scheduling.vocabulary import ActorKind, MessageKind, NoticeChannel, NoticeKind, NoticeStatus
from tests.web.caseworker_helpers import citizen_id, html, post
from tests.web.helpers import log_in_as
from tests.web.sms_helpers import Gateway, clear_outbox, notice, sms_notice

SOFIE = "Sofie Lund Andersen"


def _deliver(app, gateway, at):
    """One pass of the worker at ``at`` with the given SMS gateway."""
    from portal.database import unit_of_work
    from portal.notices.worker import policy, sender

    with app.app_context():
        return notices.deliver_due(
            lambda: unit_of_work(app), sender(app, gateway=gateway), lambda: at, worker="test", policy=policy(app),
        )


def _now(app):
    from portal import now

    with app.app_context():
        return now(app)


def test_the_http_gateway_posts_the_text_to_the_number_with_the_token_and_the_notice_key(app):
    clear_outbox(app)
    app.config["PORTAL_URL"] = "https://selvbooking.dk"
    key = sms_notice(app, citizen_id(app, SOFIE), mobile="20 12 34 56")
    with Gateway() as gateway:
        done = _deliver(app, HttpGateway(gateway.url, "hemmelig"), _now(app))
    assert done.sent == 1
    (body, authorization), = gateway.received
    assert body["to"] == "+4520123456" and body["reference"] == key
    assert body["text"].startswith("Du har fået en ny besked om din jobsamtale") and "selvbooking.dk" in body["text"]
    assert authorization == "Bearer hemmelig"
    assert notice(app, key).status == NoticeStatus.SENT


def test_a_500_from_the_gateway_is_a_failed_attempt_tried_again_after_the_back_off(app):
    clear_outbox(app)
    key = sms_notice(app, citizen_id(app, SOFIE))
    start = _now(app)
    with Gateway(statuses=[500]) as gateway:
        first = _deliver(app, HttpGateway(gateway.url, "t"), start)
        row = notice(app, key)
        assert first.retried == 1 and row.status == NoticeStatus.PENDING and "HTTP 500" in row.last_error
        assert row.next_attempt_at > start
        assert _deliver(app, HttpGateway(gateway.url, "t"), start).handled == 0  # not before the back-off
        second = _deliver(app, HttpGateway(gateway.url, "t"), row.next_attempt_at)
    assert second.sent == 1 and notice(app, key).status == NoticeStatus.SENT
    assert [body["reference"] for body, _ in gateway.received] == [key, key]  # the same reference both times


def test_no_answer_within_the_timeout_is_a_failed_attempt_tried_again(app):
    clear_outbox(app)
    key = sms_notice(app, citizen_id(app, SOFIE))
    with Gateway(delay=1.0) as gateway:
        done = _deliver(app, HttpGateway(gateway.url, "t", timeout=0.2), _now(app))
    row = notice(app, key)
    assert done.retried == 1 and row.status == NoticeStatus.PENDING and "Timeout" in row.last_error


def test_the_http_gateway_wants_an_http_address():
    with pytest.raises(ValueError, match="SMS_URL"):
        HttpGateway("file:///etc/passwd", "t")


def test_the_development_gateway_writes_each_sms_to_a_file_listed_on_the_development_page(app, client, tmp_path):
    clear_outbox(app)
    key = sms_notice(app, citizen_id(app, SOFIE))
    app.config["SMS_DIR"] = str(tmp_path / "sms")
    done = _deliver(app, None, _now(app))  # the configured gateway: files (TestingConfig)
    assert done.sent == 1
    written = json.loads((tmp_path / "sms" / f"{key}.json").read_text(encoding="utf-8"))
    assert written["to"] == "+4520123456" and written["text"].startswith("Du har fået en ny besked")
    page = html(client.get("/udvikling/mails"))
    assert "SMS" in page and "+4520123456" in page and written["text"] in page


def test_a_second_delivery_of_one_notice_overwrites_its_file(tmp_path):
    gateway = FileGateway(tmp_path)
    gateway.send("+4520123456", "første", "notice-1")
    gateway.send("+4520123456", "anden", "notice-1")
    (only,) = tmp_path.glob("*.json")
    assert json.loads(only.read_text(encoding="utf-8"))["text"] == "anden"


def test_production_refuses_the_development_sms_gateway():
    from portal.config import ProductionConfig

    with pytest.raises(RuntimeError):
        ProductionConfig.validate({"SECRET_KEY": "s" * 32, "RATELIMIT_ENABLED": False, "SMS_GATEWAY": "file"})


# ---- the texts ---------------------------------------------------------------------------------------------------

#: The longest dates: a Thursday (Danish "torsdag") and a Wednesday ("Wednesday") in September, two-digit day.
LONGEST = [datetime(2027, 9, 30, 8, 0, tzinfo=UTC), datetime(2026, 9, 30, 8, 0, tzinfo=UTC)]
LONG_SITE = "https://selvbooking.jobcenter-ringkoebing-skjern.dk"


def _job(kind, topic, locale, start=None, book_by=None):
    params = {"start": start.isoformat(), "format": "fremmoede"} if start else {}
    if book_by:
        params["book_by"] = book_by.isoformat()
    return Job(id=1, key="notice-x", channel=NoticeChannel.SMS, kind=kind, topic=str(topic), params=params,
               locale=locale, address="20123456", recipient_kind=ActorKind.CITIZEN, recipient_id=1,
               interview_uid=None, attempt=1)


def _every_text(app):
    for locale in ("da", "en"):
        for start in LONGEST:
            for topic in MessageKind:
                yield _job(NoticeKind.NOTICE, topic, locale, start)
                yield _job(NoticeKind.NOTICE, topic, locale)
                yield _job(NoticeKind.REMINDER, "interview", locale, start)
            yield _job(NoticeKind.REMINDER, sms.BOOK_BY_TOPIC, locale, book_by=start.date())


def test_every_sms_text_is_one_sms_in_both_languages_with_the_longest_date(app):
    app.config["PORTAL_URL"] = LONG_SITE
    with app.app_context():
        texts = {sms.text(app, job) for job in _every_text(app)}
    assert len(texts) > 8
    for text in texts:
        assert len(text) < sms.SMS_LENGTH, text
        assert "selvbooking.jobcenter-ringkoebing-skjern.dk" in text
    assert any("torsdag den 30. september 2027 kl. 10.00" in t for t in texts)
    assert any("Wednesday 30 September 2026 at 10:00" in t for t in texts)
    assert any(t.startswith("Husk at booke din jobsamtale senest 30. september") for t in texts)


def test_an_sms_holds_no_name_cpr_or_format(app):
    from tests.web.notices_helpers import all_cprs

    with app.app_context():
        texts = [sms.text(app, job) for job in _every_text(app)]
    for cpr in all_cprs(app):
        assert not any(cpr in t for t in texts)
    assert not any("Sofie" in t or "fremmøde" in t.lower() or "in person" in t.lower() for t in texts)


# ---- the person's choice -----------------------------------------------------------------------------------------


def _set(app, person, **values):
    from tests.web.notices_helpers import set_citizen

    set_citizen(app, person, **values)


def test_a_person_with_only_a_mobile_number_is_told_by_sms_and_offered_no_choice(app, client):
    person = citizen_id(app, SOFIE)
    _set(app, person, email=None, phone="20123456", notice_choices=None)
    log_in_as(client, "citizen", person)
    page = html(client.get("/borger/kontakt"))
    assert "Vi sender SMS til 20123456" in page and "Hvordan vil du have besked?" not in page


def test_a_person_with_both_chooses_sms_or_both_and_notices_follow_the_choice(app, client):
    from portal.database import unit_of_work
    from scheduling.services import contact

    person = citizen_id(app, SOFIE)
    _set(app, person, email="sofie@example.dk", phone="20123456", notice_choices=None)
    log_in_as(client, "citizen", person)
    page = html(client.get("/borger/kontakt"))
    assert "Hvordan vil du have besked?" in page and 'value="email" checked' in page  # the default: e-mail
    for choice, expected in (("sms", (NoticeChannel.SMS,)), ("both", (NoticeChannel.EMAIL, NoticeChannel.SMS))):
        response = post(client, "/borger/kontakt", {"email": "sofie@example.dk", "mobile": "20123456", "channels": choice})
        assert response.status_code == 302
        with app.app_context():
            assert contact.contact(unit_of_work(), person).channels == expected
    clear_outbox(app)
    with app.app_context(), unit_of_work() as uow:
        notices.tell(uow, person, MessageKind.BOOKING, _now(app))
        uow.commit()
        rows = uow.repo.due_notices(_now(app) + timedelta(seconds=1), 10)
        assert sorted(str(r.channel) for r in rows) == ["email", "sms"]
    assert 'value="both" checked' in html(client.get("/borger/kontakt"))


def test_a_forged_channel_is_refused_and_nothing_is_saved(app, client):
    person = citizen_id(app, SOFIE)
    _set(app, person, email="sofie@example.dk", phone="20123456", notice_choices=None)
    log_in_as(client, "citizen", person)
    response = post(client, "/borger/kontakt", {"email": "sofie@example.dk", "mobile": "20123456", "channels": "fax"})
    assert response.status_code == 422
    assert 'value="email" checked' in html(client.get("/borger/kontakt"))
