"""The leader role and the agency's supervisor accounts (issue 17) on the fake unit of work: an administrator
grants and withdraws the role in their own organisation only, audited; the operator creates supervisors (the
password checked as a caseworker's, an e-mail one account's of either kind) and disables them, ending their
sessions."""

from __future__ import annotations

import pytest

from scheduling.adapters.orm import CaseworkerRow
from scheduling.services import accounts
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.vocabulary import ActorKind, AuditAction, AuditObject
from tests.integration.world import NOW

PASSWORD = "en-lang-og-god-adgangskode"


@pytest.fixture
def ids(world):
    return world()


@pytest.fixture
def admin(uow, ids) -> CaseworkerRow:
    worker = uow.repo.caseworker(ids.akasse_caseworkers[0])
    row = CaseworkerRow(
        organisation_id=worker.organisation_id, name="Administrator", email="admin@example.dk", is_admin=True,
        calendar_feed_token="admin-token", offered_kinds=[], offered_formats=[],
    )
    uow.repo.add(row)
    uow.commit()
    return row


def test_R27_an_administrator_grants_and_withdraws_the_leader_role_audited(uow, ids, admin):
    worker = ids.akasse_caseworkers[0]
    assert accounts.set_caseworker_leader(uow, NOW, admin.id, worker, True) == uow.repo.caseworker(worker).name
    assert uow.repo.caseworker(worker).is_leader
    accounts.set_caseworker_leader(uow, NOW, admin.id, worker, True)  # again: nothing to write
    accounts.set_caseworker_leader(uow, NOW, admin.id, worker, False)
    assert not uow.repo.caseworker(worker).is_leader
    lines = [(a.action, a.actor_kind, a.actor_id, a.object_id) for a in uow.audit()]
    assert lines == [
        (AuditAction.LEADER_GRANTED, ActorKind.CASEWORKER, admin.id, worker),
        (AuditAction.LEADER_WITHDRAWN, ActorKind.CASEWORKER, admin.id, worker),
    ]
    assert accounts.session_version(uow, caseworker_id=worker) == 0  # the role is read per request: no log-out


def test_R27_the_leader_role_only_in_the_administrators_own_organisation(uow, ids, admin):
    with pytest.raises(NotFound):
        accounts.set_caseworker_leader(uow, NOW, admin.id, ids.other_akasse_caseworker, True)
    with pytest.raises(NotFound):
        accounts.set_caseworker_leader(uow, NOW, admin.id, 123456, True)
    with pytest.raises(NotFound):  # a caseworker who is no administrator
        accounts.set_caseworker_leader(uow, NOW, ids.akasse_caseworkers[0], ids.akasse_caseworkers[0], True)
    assert not uow.repo.caseworker(ids.other_akasse_caseworker).is_leader
    assert uow.audit() == []


def test_R27_a_caseworker_created_as_a_leader(uow, admin):
    new = accounts.create_caseworker(uow, NOW, admin.id, "Ny Leder", "leder@example.dk", PASSWORD, is_leader=True)
    assert uow.repo.caseworker(new).is_leader and not uow.repo.caseworker(new).is_admin
    assert uow.audit()[-1].details == {"email": "leder@example.dk", "is_admin": False, "is_leader": True}


def test_the_operator_creates_a_supervisor_audited_with_who_ran_the_command(uow):
    new = accounts.create_supervisor(uow, NOW, " Nina Tilsyn ", " Nina@STAR.example.dk", PASSWORD, PASSWORD,
                                     operator="drift")
    row = uow.repo.lock_supervisor(new)
    assert (row.name, row.email, row.disabled) == ("Nina Tilsyn", "nina@star.example.dk", False)
    (line,) = uow.audit()
    assert (line.action, line.actor_kind, line.object_type) == (
        AuditAction.SUPERVISOR_CREATED, ActorKind.SYSTEM, AuditObject.SUPERVISOR)
    assert line.details == {"email": "nina@star.example.dk", "operator": "drift"}
    assert accounts.authenticate(uow, "nina@star.example.dk", PASSWORD, NOW) == (accounts.SUPERVISOR_ACCOUNT, new)


@pytest.mark.parametrize(("name", "email", "password", "repeated", "says"), [
    ("Nina", "nina@star.example.dk", "kort", "kort", "Vælg en adgangskode på mindst %(n)s tegn."),
    ("Nina", "nina@star.example.dk", PASSWORD, PASSWORD + "x", "Skriv den samme nye adgangskode to gange."),
    ("  ", "nina@star.example.dk", PASSWORD, PASSWORD, "Skriv den tilsynsførendes navn."),
    ("Nina", "nina star.example.dk", PASSWORD, PASSWORD, "Skriv en e-mailadresse som navn@eksempel.dk."),
    ("N" * 201, "nina@star.example.dk", PASSWORD, PASSWORD, "Skriv et navn på højst %(n)s tegn."),
    ("Nina", "n" * 250 + "@s.dk", PASSWORD, PASSWORD, "Skriv en e-mailadresse på højst %(n)s tegn."),
])
def test_a_supervisor_needs_a_name_an_email_and_a_good_password(uow, name, email, password, repeated, says):
    with pytest.raises(InvalidInput) as refused:
        accounts.create_supervisor(uow, NOW, name, email, password, repeated, operator="drift")
    assert refused.value.reason.message == says
    assert uow.audit() == []


def test_an_email_belongs_to_one_caseworker_or_supervisor(uow, admin):
    accounts.create_supervisor(uow, NOW, "Nina", "nina@star.example.dk", PASSWORD, PASSWORD, operator="drift")
    for taken in ("NINA@star.example.dk", admin.email):
        with pytest.raises(InvalidInput):
            accounts.create_supervisor(uow, NOW, "Igen", taken, PASSWORD, PASSWORD, operator="drift")
    with pytest.raises(InvalidInput):
        accounts.create_caseworker(uow, NOW, admin.id, "Igen", "nina@star.example.dk", PASSWORD)


def test_disabling_a_supervisor_ends_their_sessions_once(uow):
    new = accounts.create_supervisor(uow, NOW, "Nina", "nina@star.example.dk", PASSWORD, PASSWORD, operator="drift")
    assert accounts.disable_supervisor(uow, NOW, " NINA@star.example.dk ", operator="drift") is True
    assert accounts.session_version(uow, supervisor_id=new) == 1
    assert accounts.disable_supervisor(uow, NOW, "nina@star.example.dk", operator="drift") is False
    assert accounts.session_version(uow, supervisor_id=new) == 1
    assert [a.action for a in uow.audit()] == [AuditAction.SUPERVISOR_CREATED, AuditAction.SUPERVISOR_DISABLED]
    with pytest.raises(accounts.AuthenticationFailed):
        accounts.authenticate(uow, "nina@star.example.dk", PASSWORD, NOW)
    with pytest.raises(NotFound) as missing:
        accounts.disable_supervisor(uow, NOW, "ingen@star.example.dk", operator="drift")
    assert missing.value.reason.render() == "Der er ingen tilsynsførende med e-mailadressen ingen@star.example.dk."
