"""Webhooks (issue 16) on SQLite and PostgreSQL, delivered to a real HTTP receiver on loopback: an event is written
in the change's transaction (never for a change that rolled back), carries ids, times, format, status and rule and
nothing personal, is signed so that the receiver can verify it, is tried again after the outbox's back-off and
failed after its limit, and two workers deliver each of many events once."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta

import pytest

from scheduling.course import Format, InterviewKind
from scheduling.services import booking, decisions, notices, webhooks
from scheduling.services.errors import InvalidInput
from scheduling.vocabulary import ActorKind, NoticeChannel, NoticeKind, NoticeStatus, WebhookEvent
from tests.integration.outbox_helpers import attempt_rows
from tests.integration.webhook_helpers import Receiver, deliveries, http_delivery, make_admin, subscribe
from tests.integration.world import NOW, SLOT, a_world

JOB = InterviewKind.JOBSAMTALE
POLICY = notices.Policy(max_attempts=3, backoff=timedelta(minutes=1), lease=timedelta(minutes=5))


@pytest.fixture
def receiver():
    running = Receiver().start()
    yield running
    running.stop()


def _deliver(uow, send, at=NOW, worker="w1", limit=50):
    return notices.deliver_due(uow, send, lambda: at, worker=worker, policy=POLICY, limit=limit)


def _world_with_webhook(uow, url, events=tuple(e for e in WebhookEvent if e != WebhookEvent.PING)):
    world = a_world(uow)
    admin = make_admin(uow, world.akasse_caseworkers[0])
    created = subscribe(uow, admin, url, events)
    return world, admin, created


def test_a_booking_is_delivered_to_the_receiver_signed_and_the_signature_verifies(engine, uow, receiver):
    world, _, created = _world_with_webhook(uow, receiver.url)
    person = world.citizens[0]
    interview_id = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    [row] = deliveries(uow)
    assert (row.topic, row.status, row.interview_id) == ("interview.booked", NoticeStatus.PENDING, interview_id)

    _deliver(uow, http_delivery(uow))
    [got] = receiver.received
    assert got.path == "/hooks/selvbooking"
    assert got.headers["Selvbooking-Event"] == "interview.booked"
    assert got.headers["Selvbooking-Delivery"] == row.key
    assert got.headers["Content-Type"].startswith("application/json")
    assert webhooks.verify(created.secret, got.headers["Selvbooking-Signature"], got.body, int(time.time()))
    assert not webhooks.verify("whsec_another", got.headers["Selvbooking-Signature"], got.body, int(time.time()))
    assert not webhooks.verify(created.secret, got.headers["Selvbooking-Signature"], got.body + b" ", int(time.time()))
    assert not webhooks.verify(  # a replay an hour later is refused
        created.secret, got.headers["Selvbooking-Signature"], got.body, int(time.time()) + 3600
    )
    event = json.loads(got.body)
    assert event["type"] == "interview.booked" and event["id"].startswith("evt_")
    assert event["data"] == {
        "person_id": person, "interview_id": interview_id, "course_id": event["data"]["course_id"],
        "organisation_id": world.akasse_id, "organisation": "akasse", "kind": "jobsamtale",
        "start": SLOT.isoformat(), "end": (SLOT + timedelta(minutes=30)).isoformat(), "format": "telefonisk",
        "status": "booket", "booked_by": "selvbooking", "akasse_participation": None, "sequence": 0,
    }
    assert [d.status for d in deliveries(uow)] == [NoticeStatus.SENT]
    assert _deliver(uow, http_delivery(uow), at=NOW + timedelta(days=1)).handled == 0  # once


def test_the_event_carries_no_personal_data(engine, uow, receiver):
    """No CPR number, no name, no address, no free text: ids, times, format, status, kind."""
    world, _, _ = _world_with_webhook(uow, receiver.url)
    person = world.citizens[0]
    interview_id = booking.call_in(uow(), world.akasse_caseworkers[0], person, JOB, SLOT, Format.VIDEO, NOW,
                                   message="Husk dit CV, Borger 1")
    booking.cancel_by_caseworker(uow(), world.akasse_caseworkers[0], interview_id, "Rådgiveren er syg", NOW)
    _deliver(uow, http_delivery(uow))
    with uow(read_only=True) as unit:
        citizen = unit.repo.citizen(person)
        private = [citizen.cpr, citizen.cpr[:6], citizen.name, "Borger", "Husk", "syg", "Kassevej", "12345678"]
    assert [json.loads(r.body)["type"] for r in receiver.received] == ["interview.booked", "interview.cancelled"]
    for got in receiver.received:
        text = got.body.decode("utf-8") + json.dumps(got.headers)
        assert not [word for word in private if word in text], text
        assert "video_link" not in text and "http" not in json.dumps(json.loads(got.body)["data"])


def test_moved_held_missed_and_a_decision_each_send_their_event(engine, uow, receiver):
    world, _, _ = _world_with_webhook(uow, receiver.url)
    person, worker = world.citizens[0], world.akasse_caseworkers[0]
    first = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.rebook(uow(), person, first, SLOT + timedelta(hours=1), NOW)
    second = booking.self_book(uow(), person, JOB, SLOT + timedelta(days=1), Format.TELEFONISK, NOW)
    later = SLOT + timedelta(days=2)
    booking.record_interview(uow(), worker, first, True, later)
    booking.record_interview(uow(), worker, second, False, later)
    decisions.revoke_self_booking(uow(), worker, person, "booket_anderledes", "Har booket fire gange samme dag", later)
    _deliver(uow, http_delivery(uow), at=later)
    events = [json.loads(r.body) for r in receiver.received]
    assert [e["type"] for e in events] == [
        "interview.booked", "interview.moved", "interview.booked", "interview.held", "interview.missed",
        "decision.made",
    ]
    moved = events[1]["data"]
    assert moved["previous_start"] == SLOT.isoformat() and moved["start"] == (SLOT + timedelta(hours=1)).isoformat()
    assert events[3]["data"]["status"] == "afholdt" and events[4]["data"]["status"] == "udeblevet"
    decision = events[5]["data"]
    assert (decision["rule"], decision["kind"], decision["is_afgoerelse"]) == ("R23", "fratagelse_selvbooking", True)
    assert "fire gange" not in json.dumps(events[5]) and "booket_anderledes" not in json.dumps(events[5])


def test_only_the_chosen_events_and_only_the_organisations_that_serve_the_person(engine, uow, receiver):
    world = a_world(uow)
    make_admin(uow, world.akasse_caseworkers[0])
    make_admin(uow, world.other_akasse_caseworker)
    subscribe(uow, world.akasse_caseworkers[0], receiver.url, [WebhookEvent.INTERVIEW_CANCELLED])
    subscribe(uow, world.other_akasse_caseworker, receiver.url + "/fremmed")  # serves none of the people
    interview_id = booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert deliveries(uow) == []
    booking.cancel(uow(), world.citizens[0], interview_id, NOW)
    assert [d.topic for d in deliveries(uow)] == ["interview.cancelled"]


def test_a_failing_receiver_is_tried_again_after_the_back_off_and_failed_after_the_limit(engine, uow, receiver):
    world, admin, _ = _world_with_webhook(uow, receiver.url)
    receiver.status = 500
    booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    send = http_delivery(uow)
    assert _deliver(uow, send).retried == 1
    [row] = deliveries(uow)
    assert row.next_attempt_at == NOW + timedelta(minutes=1) and row.last_error == "WebhookRefused: HTTP 500"
    assert _deliver(uow, send, at=NOW + timedelta(seconds=59)).handled == 0  # not due yet
    assert _deliver(uow, send, at=NOW + timedelta(minutes=1)).retried == 1
    assert _deliver(uow, send, at=NOW + timedelta(minutes=3)).failed == 1
    [row] = deliveries(uow)
    assert (row.status, row.attempts) == (NoticeStatus.FAILED, 3)
    assert len(receiver.received) == 3
    assert len({r.headers["Selvbooking-Delivery"] for r in receiver.received}) == 1  # one idempotency id
    assert len({r.body for r in receiver.received}) == 1  # the same event each time
    assert len([a for a in attempt_rows(uow) if a.notice_id == row.id]) == 3
    [failed] = notices.failed_notices(uow(read_only=True), world.akasse_id)
    assert (failed.recipient_name, failed.topic, failed.attempts) == (receiver.url, "interview.booked", 3)
    [listed] = webhooks.subscriptions(uow(read_only=True), admin)
    assert (listed.failed, listed.last_delivery_at) == (1, None)


def test_a_receiver_that_does_not_answer_in_time_is_a_failed_attempt(engine, uow, receiver):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    try:
        world, _, _ = _world_with_webhook(uow, f"http://127.0.0.1:{silent.getsockname()[1]}/")
        booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
        assert _deliver(uow, http_delivery(uow, timeout=0.2)).retried == 1
        assert "Timeout" in deliveries(uow)[0].last_error
    finally:
        silent.close()


def test_an_event_of_a_booking_that_rolled_back_is_never_written_nor_sent(engine, uow, receiver, monkeypatch):
    world, _, _ = _world_with_webhook(uow, receiver.url)
    written = []
    original = webhooks.announce

    def announce_then_fail(*args, **kwargs):
        written.append(original(*args, **kwargs))
        raise RuntimeError("the transaction breaks after the event was written")

    monkeypatch.setattr(webhooks, "announce", announce_then_fail)
    with pytest.raises(RuntimeError):
        booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert written == [1]  # the event was written in the booking's transaction …
    assert deliveries(uow) == []  # … and rolled back with it
    assert _deliver(uow, http_delivery(uow)).handled == 0 and receiver.received == []


def test_a_deactivated_subscription_gets_nothing_more_and_its_pending_events_fail(engine, uow, receiver):
    world, admin, created = _world_with_webhook(uow, receiver.url)
    booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    webhooks.deactivate(uow(), NOW, admin, created.id)
    booking.self_book(uow(), world.citizens[0], JOB, SLOT + timedelta(days=1), Format.TELEFONISK, NOW)
    [row] = deliveries(uow)
    assert row.status == NoticeStatus.FAILED and "deaktiveret" in row.last_error
    _deliver(uow, http_delivery(uow))
    assert receiver.received == []


def test_a_ping_reaches_the_receiver_and_shows_as_the_last_delivery(engine, uow, receiver):
    world, admin, created = _world_with_webhook(uow, receiver.url, [WebhookEvent.DECISION_MADE])
    key = webhooks.ping(uow(), NOW, admin, created.id)
    assert _deliver(uow, http_delivery(uow)).sent == 1  # the ping is the only notice
    [got] = receiver.received
    assert got.headers["Selvbooking-Event"] == "ping" and got.headers["Selvbooking-Delivery"] == key
    assert json.loads(got.body)["data"] == {"subscription_id": created.id, "organisation_id": world.akasse_id}
    [listed] = webhooks.subscriptions(uow(read_only=True), admin)
    assert listed.last_delivery_at == NOW and listed.active


def test_subscribing_refuses_a_url_that_is_not_https_and_writes_nothing(engine, uow):
    world = a_world(uow)
    admin = make_admin(uow, world.akasse_caseworkers[0])
    for url in ("http://sag.example.dk/hook", "ftp://sag.example.dk", "https://", "https://bruger:kode@sag.example.dk/",
                "sag.example.dk/hook", "", "https://169.254.169.254/latest/meta-data", "https://10.0.0.7/hook"):
        with pytest.raises(InvalidInput):
            webhooks.subscribe(uow(), NOW, admin, url, ["interview.booked"], allow_loopback_http=True)
    with pytest.raises(InvalidInput):  # loopback over http only where the configuration allows it
        webhooks.subscribe(uow(), NOW, admin, "http://127.0.0.1:9/", ["interview.booked"])
    with pytest.raises(InvalidInput):
        webhooks.subscribe(uow(), NOW, admin, "https://sag.example.dk/hook", [])
    assert webhooks.subscriptions(uow(read_only=True), admin) == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_the_worker_sends_nothing_to_an_internal_address_even_by_a_name_that_leads_there(receiver, host):
    """A name checked when it was subscribed may resolve to an internal address later: the worker checks the
    address it connects to, sends nothing and fails the event at once (NoAddress), unless loopback is allowed."""
    from portal.webhooks.sender import HttpDelivery, InternalAddress

    url = f"http://{host}:{receiver.server.server_address[1]}/hooks/selvbooking"
    job = notices.Job(1, "notice-test", NoticeChannel.WEBHOOK, NoticeKind.WEBHOOK_EVENT, "ping", {"type": "ping"}, "da",
                      None, ActorKind.WEBHOOK, 1, None, 1)
    with pytest.raises(InternalAddress) as refused:
        HttpDelivery(lambda _id: webhooks.Target(url, "whsec_test"), timeout=2)(job)
    assert isinstance(refused.value, notices.NoAddress) and receiver.received == []
    HttpDelivery(lambda _id: webhooks.Target(url, "whsec_test"), timeout=2, allow_loopback=True)(job)
    assert len(receiver.received) == 1


def test_a_proxy_named_in_the_environment_does_not_carry_an_event_past_the_check(receiver, monkeypatch):
    """Through a proxy the proxy would resolve and connect, past the worker's address check: the worker uses no
    proxy from the environment (the receiver posing as one would get the event for an internal address)."""
    from portal.webhooks.sender import HttpDelivery, InternalAddress

    proxy = f"http://127.0.0.1:{receiver.server.server_address[1]}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    job = notices.Job(1, "notice-test", NoticeChannel.WEBHOOK, NoticeKind.WEBHOOK_EVENT, "ping", {"type": "ping"}, "da",
                      None, ActorKind.WEBHOOK, 1, None, 1)
    with pytest.raises(InternalAddress):
        HttpDelivery(lambda _id: webhooks.Target("http://10.0.0.5/hooks/selvbooking", "whsec_test"), timeout=2)(job)
    assert receiver.received == []


# ---- several workers on PostgreSQL -----------------------------------------------------------------------------


@pytest.mark.postgres
def test_two_workers_over_120_events_deliver_each_exactly_once(postgres_engine, receiver):
    from scheduling.adapters.db import session_factory
    from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork

    factory = session_factory(postgres_engine)

    def uow(read_only=False):
        return SqlAlchemyUnitOfWork(factory, read_only=read_only)

    world, admin, created = _world_with_webhook(uow, receiver.url)
    for _ in range(120):
        webhooks.ping(uow(), NOW, admin, created.id)
    done: dict[str, int] = {"a": 0, "b": 0}
    start = threading.Barrier(2)

    def work(name: str) -> None:
        send = http_delivery(uow)
        start.wait()
        while handled := _deliver(uow, send, worker=name, limit=7).sent:
            done[name] += handled

    threads = [threading.Thread(target=work, args=(name,)) for name in done]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    keys = [r.headers["Selvbooking-Delivery"] for r in receiver.received]
    assert len(keys) == 120 and len(set(keys)) == 120
    assert done["a"] and done["b"] and done["a"] + done["b"] == 120  # both did some of the work
    assert {d.status for d in deliveries(uow)} == {NoticeStatus.SENT}
    assert all(d.recipient_kind == ActorKind.WEBHOOK for d in deliveries(uow))
    assert len(attempt_rows(uow)) == 120
