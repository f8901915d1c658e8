"""Caseworker log-in and passwords on the database: Argon2 runs outside any transaction, so failed log-ins are no
lever against the app's writes (issue 9, "Password hashing must not be a lever"), and the outcome is written
consistently."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select, text

from scheduling.adapters.db import make_engine, session_factory
from scheduling.adapters.orm import AuditRow, CaseworkerRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.services import accounts
from scheduling.services.errors import InvalidInput
from tests.integration.world import NOW, a_world

PASSWORD = "en-lang-og-god-adgangskode"


@pytest.fixture
def worker(uow) -> tuple[int, str]:
    """A caseworker with a password: (id, e-mail)."""
    world = a_world(uow)
    with uow() as u:
        row = u.session.get(CaseworkerRow, world.akasse_caseworkers[0])
        row.password_hash = accounts.hash_password(PASSWORD)
        u.commit()
        return row.id, row.email


def _impatient_engine(engine):
    """A second connection pool on the same database that gives up on a lock after about a second."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.url.get_backend_name() != "sqlite":
        return make_engine(url, connect_args={"options": "-c lock_timeout=1000"})
    impatient = make_engine(url)

    @event.listens_for(impatient, "connect")
    def short_busy_timeout(dbapi_connection, _record) -> None:  # after make_engine's own 30 s
        dbapi_connection.execute("PRAGMA busy_timeout = 1000")

    return impatient


def test_no_lock_is_held_while_argon2_verifies_a_log_in(engine, uow, worker, monkeypatch):
    """While a log-in's password check runs, another transaction writes the same caseworker's row at once."""
    worker_id, email = worker
    verifying, release = threading.Event(), threading.Event()
    real_verify = accounts._verify

    def slow_verify(password_hash: str, password: str) -> bool:
        verifying.set()
        release.wait(10)
        return real_verify(password_hash, password)

    monkeypatch.setattr(accounts, "_verify", slow_verify)
    outcome: list[object] = []

    def log_in() -> None:
        try:
            outcome.append(accounts.authenticate_caseworker(uow(), email, "forkert", NOW))
        except accounts.AuthenticationFailed as failure:
            outcome.append(failure)

    attempt = threading.Thread(target=log_in)
    attempt.start()
    other = _impatient_engine(engine)
    try:
        assert verifying.wait(10)
        with SqlAlchemyUnitOfWork(session_factory(other)) as writer:
            writer.session.get(CaseworkerRow, worker_id).name = "Omdøbt mens der logges ind"
            writer.commit()
    finally:
        release.set()
        attempt.join(10)
        other.dispose()
    assert isinstance(outcome[0], accounts.AuthenticationFailed)
    with uow() as u:
        assert u.session.get(CaseworkerRow, worker_id).name == "Omdøbt mens der logges ind"
        assert u.session.scalar(select(AuditRow.action).where(AuditRow.object_id == worker_id).order_by(AuditRow.id.desc())) == "login_failed"


def test_unknown_email_wrong_password_and_disabled_account_each_cost_one_verify_and_give_one_answer(uow, worker, monkeypatch):
    worker_id, email = worker
    calls: list[str] = []
    real_verify = accounts._verify
    monkeypatch.setattr(accounts, "_verify", lambda h, p: calls.append(h) or real_verify(h, p))
    answers = []
    for typed_email, password in (("ingen@example.dk", PASSWORD), (email, "forkert")):
        with pytest.raises(accounts.AuthenticationFailed) as failure:
            accounts.authenticate_caseworker(uow(), typed_email, password, NOW)
        answers.append(failure.value.reason)
    with uow() as u:
        u.session.get(CaseworkerRow, worker_id).disabled = True
        u.commit()
    with pytest.raises(accounts.AuthenticationFailed) as failure:
        accounts.authenticate_caseworker(uow(), email, PASSWORD, NOW)
    answers.append(failure.value.reason)
    assert len(calls) == 3
    assert answers == [accounts.WRONG_LOGIN] * 3


def test_the_right_password_logs_in_whatever_the_case_of_the_email_and_many_failures_lock_nothing(uow, worker):
    worker_id, email = worker
    for _ in range(8):
        with pytest.raises(accounts.AuthenticationFailed):
            accounts.authenticate_caseworker(uow(), email, "forkert", NOW)
    assert accounts.authenticate_caseworker(uow(), f"  {email.upper()} ", PASSWORD, NOW) == worker_id


def test_a_password_changed_while_the_old_one_was_verified_does_not_log_in(uow, worker, monkeypatch):
    worker_id, email = worker
    real_verify = accounts._verify

    def verify_then_change(password_hash: str, password: str) -> bool:
        right = real_verify(password_hash, password)
        with uow() as u:
            u.session.get(CaseworkerRow, worker_id).password_hash = accounts.hash_password("en-anden-lang-adgangskode")
            u.commit()
        return right

    monkeypatch.setattr(accounts, "_verify", verify_then_change)
    with pytest.raises(accounts.AuthenticationFailed):
        accounts.authenticate_caseworker(uow(), email, PASSWORD, NOW)


def test_log_out_password_change_and_disabling_each_move_the_session_version_on(uow, worker):
    worker_id, _email = worker
    versions = [accounts.session_version(uow(), caseworker_id=worker_id)]
    accounts.end_sessions(uow(), caseworker_id=worker_id)
    versions.append(accounts.session_version(uow(), caseworker_id=worker_id))
    versions.append(accounts.change_own_password(uow(), NOW, worker_id, PASSWORD, "ny-lang-adgangskode", "ny-lang-adgangskode"))
    assert versions == [0, 1, 2]
    with uow() as u:
        assert u.session.execute(text("SELECT session_version FROM caseworkers WHERE id = :id"), {"id": worker_id}).scalar() == 2


def test_an_administrator_resets_a_password_of_their_own_organisation_only(uow, worker):
    from scheduling.services.errors import NotFound

    worker_id, email = worker
    with uow() as u:
        colleague = u.session.get(CaseworkerRow, worker_id)
        admin = CaseworkerRow(
            organisation_id=colleague.organisation_id, name="Administrator", email="admin@example.dk", is_admin=True,
            calendar_feed_token="admin-token", offered_kinds=[], offered_formats=[],
        )
        stranger = u.session.scalars(
            select(CaseworkerRow).where(CaseworkerRow.organisation_id != colleague.organisation_id)
        ).first()
        stranger.is_admin = True
        u.session.add(admin)
        u.commit()
        admin_id, stranger_id = admin.id, stranger.id
    with pytest.raises(NotFound):
        accounts.reset_caseworker_password(uow(), NOW, stranger_id, worker_id, "ny-lang-adgangskode", "ny-lang-adgangskode")
    accounts.reset_caseworker_password(uow(), NOW, admin_id, worker_id, "ny-lang-adgangskode", "ny-lang-adgangskode")
    assert accounts.session_version(uow(), caseworker_id=worker_id) == 1
    assert accounts.authenticate_caseworker(uow(), email, "ny-lang-adgangskode", NOW) == worker_id


def test_an_email_is_one_caseworkers_or_supervisors_and_a_supervisor_is_disabled_by_email(uow, worker):
    """Issue 17: the repository's look-ups behind `flask tilsyn opret-/spaer-tilsynsfoerende` (a caseworker's and a
    supervisor's e-mails in one statement, any case; the supervisor found by e-mail and locked)."""
    _, email = worker
    with pytest.raises(InvalidInput):
        accounts.create_supervisor(uow(), NOW, "Nina", email.upper(), PASSWORD, PASSWORD, operator="drift")
    new = accounts.create_supervisor(uow(), NOW, "Nina", "Nina@star.example.dk", PASSWORD, PASSWORD, operator="drift")
    with pytest.raises(InvalidInput):
        accounts.create_supervisor(uow(), NOW, "Igen", "NINA@star.example.dk", PASSWORD, PASSWORD, operator="drift")
    assert accounts.disable_supervisor(uow(), NOW, "nina@STAR.example.dk", operator="drift") is True
    assert accounts.session_version(uow(), supervisor_id=new) == 1
    with uow() as u:
        actions = u.session.scalars(select(AuditRow.action).where(AuditRow.object_type == "supervisor")).all()
    assert actions == ["supervisor_created", "supervisor_disabled"]
