"""Accounts on the fake unit of work: log-in, session versions, passwords, administrators' account management.

That Argon2 runs outside any transaction (no lock held while it verifies) is a database question and stays in
tests/integration/test_accounts.py.
"""

from __future__ import annotations

import pytest

from scheduling.adapters.orm import CaseworkerRow
from scheduling.services import accounts
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.vocabulary import AuditAction
from tests.integration.world import NOW

PASSWORD = "en-lang-og-god-adgangskode"
NEW = "ny-lang-adgangskode"


@pytest.fixture
def ids(world):
    return world()


@pytest.fixture
def worker(uow, ids) -> CaseworkerRow:
    row = uow.repo.caseworker(ids.akasse_caseworkers[0])
    row.password_hash = accounts.hash_password(PASSWORD)
    return row


@pytest.fixture
def admin(uow, worker) -> CaseworkerRow:
    row = CaseworkerRow(
        organisation_id=worker.organisation_id, name="Administrator", email="admin@example.dk", is_admin=True,
        calendar_feed_token="admin-token", offered_kinds=[], offered_formats=[],
    )
    uow.repo.add(row)
    uow.commit()
    return row


def test_log_in_with_any_case_of_the_email_is_audited_and_a_wrong_password_is_one_answer(uow, worker):
    with pytest.raises(accounts.AuthenticationFailed) as failed:
        accounts.authenticate_caseworker(uow, worker.email, "forkert", NOW)
    assert failed.value.reason == accounts.WRONG_LOGIN
    with pytest.raises(accounts.AuthenticationFailed):
        accounts.authenticate_caseworker(uow, "ukendt@example.dk", PASSWORD, NOW)
    assert accounts.authenticate_caseworker(uow, f"  {worker.email.upper()} ", PASSWORD, NOW) == worker.id
    assert [a.action for a in uow.audit()] == [AuditAction.LOGIN_FAILED, AuditAction.LOGIN]


def test_a_disabled_account_does_not_log_in(uow, worker, admin):
    accounts.set_caseworker_disabled(uow, NOW, admin.id, worker.id, True)
    with pytest.raises(accounts.AuthenticationFailed):
        accounts.authenticate_caseworker(uow, worker.email, PASSWORD, NOW)


def test_log_out_password_change_and_disabling_each_move_the_session_version_on(uow, worker, admin):
    versions = [accounts.session_version(uow, caseworker_id=worker.id)]
    accounts.end_sessions(uow, caseworker_id=worker.id)
    versions.append(accounts.session_version(uow, caseworker_id=worker.id))
    versions.append(accounts.change_own_password(uow, NOW, worker.id, PASSWORD, NEW, NEW))
    accounts.set_caseworker_disabled(uow, NOW, admin.id, worker.id, True)
    versions.append(accounts.session_version(uow, caseworker_id=worker.id))
    assert versions == [0, 1, 2, 3]
    assert accounts.session_version(uow, caseworker_id=12345) is None


def test_a_citizens_session_version_moves_on_at_log_out(uow, ids):
    person = ids.citizens[0]
    accounts.end_sessions(uow, citizen_id=person)
    assert accounts.session_version(uow, citizen_id=person) == 1


def test_the_current_password_comes_first_and_the_new_one_twice(uow, worker):
    with pytest.raises(InvalidInput):
        accounts.change_own_password(uow, NOW, worker.id, "forkert", NEW, NEW)
    with pytest.raises(InvalidInput):
        accounts.change_own_password(uow, NOW, worker.id, PASSWORD, NEW, NEW + "x")
    assert accounts.session_version(uow, caseworker_id=worker.id) == 0


def test_an_administrator_manages_accounts_of_their_own_organisation_only(uow, ids, worker, admin):
    stranger = uow.repo.caseworker(ids.other_akasse_caseworker)  # an administrator of another a-kasse
    stranger.is_admin = True
    with pytest.raises(NotFound):
        accounts.reset_caseworker_password(uow, NOW, stranger.id, worker.id, NEW, NEW)
    accounts.reset_caseworker_password(uow, NOW, admin.id, worker.id, NEW, NEW)
    assert accounts.authenticate_caseworker(uow, worker.email, NEW, NOW) == worker.id
    with pytest.raises(InvalidInput):
        accounts.set_caseworker_disabled(uow, NOW, admin.id, admin.id, True)
    new_id = accounts.create_caseworker(uow, NOW, admin.id, "Ny Kollega", "Ny@Example.dk", PASSWORD)
    assert uow.repo.caseworker(new_id).organisation_id == admin.organisation_id
    with pytest.raises(InvalidInput):  # the e-mail is taken, whatever its case
        accounts.create_caseworker(uow, NOW, admin.id, "Igen", "NY@example.dk", PASSWORD)
    assert uow.audit()[-1].action == AuditAction.CASEWORKER_CREATED


def test_a_citizens_language_is_remembered(uow, ids):
    person = ids.citizens[0]
    accounts.set_citizen_locale(uow, person, "en")
    assert uow.repo.citizen(person).locale == "en"
    with pytest.raises(InvalidInput):
        accounts.set_citizen_locale(uow, person, "fr")
