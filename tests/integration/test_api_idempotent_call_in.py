"""One call-in POST with one Idempotency-Key, sent at once from many threads (as a case system's retries racing
each other on two app servers would) books ONE interview on PostgreSQL (issue 16).

Every answer is the first one (201, replayed) or the 409 problem "behandles allerede" while the first is still
running; none is a 5xx, and the person ends with exactly one booked interview."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from scheduling.adapters.orm import InterviewRow
from scheduling.course import InterviewStatus
from tests.web.api_interview_helpers import first_free_start, post, token
from tests.web.helpers import DEMO_TODAY

pytestmark = pytest.mark.postgres

THREADS = 12
METTE, BIRGITTE = "Mette Nørgaard Jensen", "Birgitte Holm"


def test_one_idempotency_key_sent_concurrently_calls_in_once(postgres_engine, postgres_url):
    from portal import create_app
    from tests.web.caseworker_helpers import caseworker_id, citizen_id

    app = create_app("testing", {"DATABASE_URL": postgres_url, "TODAY": DEMO_TODAY, "SEED_DEMO": True})
    secret = token(app)
    mette = citizen_id(app, METTE)
    start = first_free_start(app.test_client(), app, secret, METTE, BIRGITTE)
    body = {"start": start, "format": "personligt_fremmoede", "caseworker_id": caseworker_id(app, BIRGITTE)}
    before = _booked(app, mette)
    barrier = threading.Barrier(THREADS)

    def send():
        client = app.test_client()
        barrier.wait()
        return post(client, f"/api/v1/persons/{mette}/call-ins", secret, body, key="indkald-mette-samtidig")

    with ThreadPoolExecutor(THREADS) as pool:
        answers = [future.result() for future in [pool.submit(send) for _ in range(THREADS)]]

    statuses = Counter(answer.status_code for answer in answers)
    assert set(statuses) <= {201, 409} and statuses[201] >= 1, statuses
    created = {answer.get_json()["id"] for answer in answers if answer.status_code == 201}
    assert len(created) == 1  # every 201 is the first answer, replayed
    assert _booked(app, mette) == before + 1
    app.extensions["selvbooking_engine"].dispose()


def _booked(app, citizen: int) -> int:
    with app.extensions["selvbooking_engine"].connect() as connection:
        return connection.scalar(
            select(func.count()).select_from(InterviewRow.__table__)
            .where(InterviewRow.citizen_id == citizen, InterviewRow.status == InterviewStatus.BOOKED)
        )
