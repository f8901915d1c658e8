"""API tokens and idempotency keys on SQLite and PostgreSQL (issue 16): hashed storage, the last use written at
most once a minute, and one request per key however many arrive at once."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from scheduling.adapters.orm import ApiTokenRow, CaseworkerRow
from scheduling.services import api_idempotency, api_tokens
from scheduling.services.api_idempotency import Claimed, InProgress, Mismatch, Replay
from tests.integration.world import NOW, a_world


def _admin(uow) -> tuple[int, int]:
    """(administrator, another caseworker) of one organisation."""
    world = a_world(uow, akasse_caseworkers=2)
    admin, other = world.akasse_caseworkers
    with uow() as u:
        u.session.get(CaseworkerRow, admin).is_admin = True
        u.commit()
    return admin, other


def test_a_token_is_stored_hashed_and_authenticates_as_its_caseworker(uow):
    admin, other = _admin(uow)
    token_id, secret = api_tokens.create_token(uow(), NOW, admin, "Sagssystem", "read", other)
    with uow() as u:
        row = u.session.get(ApiTokenRow, token_id)
        assert row.token_hash == api_tokens.hash_secret(secret) and secret not in (row.token_hash, row.prefix)
    client = api_tokens.authenticate(uow(), secret, NOW)
    assert client is not None and (client.caseworker_id, client.scope) == (other, "read")
    assert api_tokens.authenticate(uow(), secret + "x", NOW) is None


def test_the_last_use_is_written_at_most_once_a_minute(uow):
    admin, _other = _admin(uow)
    token_id, secret = api_tokens.create_token(uow(), NOW, admin, "Sagssystem", "write", admin)

    def last_use():
        with uow() as u:
            return u.session.get(ApiTokenRow, token_id).last_used_at

    api_tokens.authenticate(uow(), secret, NOW)
    assert last_use() == NOW
    api_tokens.authenticate(uow(), secret, NOW + timedelta(seconds=30))
    assert last_use() == NOW
    api_tokens.authenticate(uow(), secret, NOW + timedelta(seconds=90))
    assert last_use() == NOW + timedelta(seconds=90)


def test_a_token_acting_as_a_disabled_caseworker_stops_working(uow):
    admin, other = _admin(uow)
    _token_id, secret = api_tokens.create_token(uow(), NOW, admin, "Sagssystem", "write", other)
    with uow() as u:
        u.session.get(CaseworkerRow, other).disabled = True
        u.commit()
    assert api_tokens.authenticate(uow(), secret, NOW) is None


def test_a_key_is_claimed_replayed_refused_for_another_body_and_released(uow):
    admin, _other = _admin(uow)
    token_id, _secret = api_tokens.create_token(uow(), NOW, admin, "Sagssystem", "write", admin)
    assert api_idempotency.begin(uow(), token_id, "k", "hash-1", NOW) == Claimed()
    assert api_idempotency.begin(uow(), token_id, "k", "hash-1", NOW) == InProgress()
    assert api_idempotency.begin(uow(), token_id, "k", "hash-2", NOW) == Mismatch()
    api_idempotency.finish(uow(), token_id, "k", 201, '{"id": 1}', {"Location": "/x/1"})
    assert api_idempotency.begin(uow(), token_id, "k", "hash-1", NOW) == Replay(201, '{"id": 1}', {"Location": "/x/1"})
    assert api_idempotency.begin(uow(), token_id, "other", "hash-1", NOW) == Claimed()
    api_idempotency.release(uow(), token_id, "other")
    assert api_idempotency.begin(uow(), token_id, "other", "hash-1", NOW) == Claimed()


def test_the_same_key_sent_at_once_from_many_threads_makes_one_thing(uow):
    """Eight requests with one key at the same moment (as on several app servers): one claims the key and makes
    its token; each other one is told it is in progress or gets the first answer. One token is made."""
    admin, _other = _admin(uow)
    token_id, _secret = api_tokens.create_token(uow(), NOW, admin, "Sagssystem", "write", admin)
    start = threading.Barrier(8)
    outcomes: list[object] = []
    errors: list[BaseException] = []

    def request() -> None:
        try:
            start.wait()
            outcome = api_idempotency.begin(uow(), token_id, "retry-me", "same-body", NOW)
            if isinstance(outcome, Claimed):
                made, _ = api_tokens.create_token(uow(), NOW, admin, "Lavet én gang", "read", admin)
                api_idempotency.finish(uow(), token_id, "retry-me", 201, str(made), {})
            outcomes.append(outcome)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=request) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(isinstance(o, Claimed) for o in outcomes) == 1
    assert all(isinstance(o, (Claimed, InProgress, Replay)) for o in outcomes)
    with uow() as u:
        assert u.session.scalar(select(func.count()).where(ApiTokenRow.name == "Lavet én gang")) == 1


def test_a_claim_abandoned_by_a_process_that_died_is_taken_over_and_a_fresh_one_is_still_in_progress(uow):
    """A request claimed its key and its process died (no answer, no release): after ``abandoned_after`` the next
    request with the key and body runs; before, it is in progress; another body is still a mismatch. Once taken
    over, the claim is fresh again, so a third request at once is in progress."""
    admin, _other = _admin(uow)
    token_id, _secret = api_tokens.create_token(uow(), NOW, admin, "Sagssystem", "write", admin)
    minute = timedelta(seconds=60)
    assert api_idempotency.begin(uow(), token_id, "k", "hash-1", NOW, minute) == Claimed()  # then the process died
    assert api_idempotency.begin(uow(), token_id, "k", "hash-1", NOW + timedelta(seconds=59), minute) == InProgress()
    later = NOW + timedelta(seconds=61)
    assert api_idempotency.begin(uow(), token_id, "k", "hash-2", later, minute) == Mismatch()
    assert api_idempotency.begin(uow(), token_id, "k", "hash-1", later, minute) == Claimed()
    assert api_idempotency.begin(uow(), token_id, "k", "hash-1", later + timedelta(seconds=1), minute) == InProgress()
    api_idempotency.finish(uow(), token_id, "k", 201, '{"id": 1}', {})
    much_later = later + timedelta(hours=1)
    assert api_idempotency.begin(uow(), token_id, "k", "hash-1", much_later, minute) == Replay(201, '{"id": 1}', {})
