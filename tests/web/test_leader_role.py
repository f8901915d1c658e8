"""The leader role (issue 17) on the administrator's user page /sagsbehandler/brugere: a "Ledelse" checkbox when
creating a caseworker, and a button to grant or withdraw it. Each change is audited; only an administrator of
the caseworker's own organisation may make it (another organisation's caseworker or a forged id is 404, anyone
else 403); a leader sees the supervision figures (R27) at /tilsyn/ and loses them at the very next request."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.caseworker_helpers import as_caseworker, caseworker_id, html, post
from tests.web.supervision_helpers import BIRGITTE, FREMAD, HELLE, TORBEN, organisation_id

ACCOUNTS = "/sagsbehandler/brugere"
LOUISE = "Louise Kjær"  # a caseworker of Jobcenter Aarhus: not Torben's organisation


def _leader(app, worker: int) -> bool:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import CaseworkerRow

    with app.app_context(), unit_of_work() as uow:
        return uow.session.scalar(select(CaseworkerRow.is_leader).where(CaseworkerRow.id == worker))


def _audit(app, worker: int) -> list[tuple[str, str, int | None, dict]]:
    """(action, actor kind, actor id, details) of every audit line about the caseworker, oldest first."""
    from portal.database import unit_of_work
    from scheduling.adapters.orm import AuditRow

    with app.app_context(), unit_of_work() as uow:
        rows = uow.session.scalars(
            select(AuditRow).where(AuditRow.object_type == "caseworker", AuditRow.object_id == worker)
            .order_by(AuditRow.id)
        )
        return [(r.action, str(r.actor_kind), r.actor_id, dict(r.details or {})) for r in rows]


def _sees_tilsyn(client, app) -> int:
    """The status of the caseworker's own organisation's supervision page (after /tilsyn/ sends them there)."""
    response = client.get("/tilsyn/")
    if response.status_code != 302:
        return response.status_code
    return client.get(response.headers["Location"]).status_code


def test_R27_the_ledelse_checkbox_makes_the_new_caseworker_a_leader_who_sees_tilsyn(app, client):
    as_caseworker(client, app, TORBEN)
    page = html(client.get(ACCOUNTS))
    assert "Ledelse (ser tilsynstallene og personerne bag)" in page and 'name="is_leader"' in page
    response = post(client, ACCOUNTS, {"name": "Ny Leder", "email": "ny.leder@fremad.demo.example.dk",
                                       "password": "en-lang-adgangskode", "is_leader": "y"})
    assert response.status_code == 302
    new = caseworker_id(app, "Ny Leder")
    assert _leader(app, new)
    created = _audit(app, new)[-1]
    assert created[:3] == ("caseworker_created", "sagsbehandler", caseworker_id(app, TORBEN))
    assert created[3]["is_leader"] is True
    leader = app.test_client()
    as_caseworker(leader, app, "Ny Leder")
    assert 'href="/tilsyn/"' in html(leader.get("/menu"))
    assert leader.get("/tilsyn/").headers["Location"].endswith(f"/tilsyn/{organisation_id(app, FREMAD)}")
    assert _sees_tilsyn(leader, app) == 200


def test_R27_without_the_checkbox_the_new_caseworker_is_no_leader(app, client):
    as_caseworker(client, app, TORBEN)
    post(client, ACCOUNTS, {"name": "Ny Kollega", "email": "ny@fremad.demo.example.dk",
                            "password": "en-lang-adgangskode"})
    new = caseworker_id(app, "Ny Kollega")
    assert not _leader(app, new)
    other = app.test_client()
    as_caseworker(other, app, "Ny Kollega")
    assert other.get("/tilsyn/").status_code == 403


def test_R27_granting_and_withdrawing_the_role_is_audited_and_takes_effect_at_the_next_request(app, client):
    birgitte, torben = caseworker_id(app, BIRGITTE), caseworker_id(app, TORBEN)
    hers = app.test_client()
    as_caseworker(hers, app, BIRGITTE)
    assert _sees_tilsyn(hers, app) == 403

    as_caseworker(client, app, TORBEN)
    response = post(client, f"{ACCOUNTS}/{birgitte}/ledelse", form_page=ACCOUNTS)
    assert response.status_code == 302
    page = html(client.get(response.headers["Location"]))
    assert f"{BIRGITTE} er nu en del af ledelsen og kan se tilsynstallene." in page
    assert f"Fjern som leder<span class=\"sr-only\"> {BIRGITTE}</span>" in page
    assert _leader(app, birgitte)
    assert _sees_tilsyn(hers, app) == 200  # the same session, no new log-in
    assert 'href="/tilsyn/"' in html(hers.get("/menu"))

    response = post(client, f"{ACCOUNTS}/{birgitte}/ikke-ledelse", form_page=ACCOUNTS)
    assert response.status_code == 302
    assert "er ikke længere en del af ledelsen" in html(client.get(response.headers["Location"]))
    assert not _leader(app, birgitte)
    assert _sees_tilsyn(hers, app) == 403  # at once, and still logged in
    assert 'href="/tilsyn/"' not in html(hers.get("/menu"))
    assert hers.get("/sagsbehandler/").status_code == 200

    lines = [line[:3] for line in _audit(app, birgitte)]
    assert lines[-2:] == [("leader_granted", "sagsbehandler", torben), ("leader_withdrawn", "sagsbehandler", torben)]


def test_R27_granting_a_role_already_held_writes_nothing(app, client):
    helle = caseworker_id(app, HELLE)  # Fremad's leader in the demo
    as_caseworker(client, app, TORBEN)
    before = _audit(app, helle)
    assert post(client, f"{ACCOUNTS}/{helle}/ledelse", form_page=ACCOUNTS).status_code == 302
    assert _leader(app, helle) and _audit(app, helle) == before


def test_R27_another_organisations_caseworker_and_forged_ids_are_404(app, client):
    louise = caseworker_id(app, LOUISE)
    as_caseworker(client, app, TORBEN)
    for path in (f"{ACCOUNTS}/{louise}/ledelse", f"{ACCOUNTS}/999999/ledelse", f"{ACCOUNTS}/{louise}/ikke-ledelse"):
        response = post(client, path, form_page=ACCOUNTS)
        assert response.status_code == 404, path
    assert not _leader(app, louise)
    assert not any(line[0].startswith("leader_") for line in _audit(app, louise))
    assert post(client, f"{ACCOUNTS}/{louise}/chef", form_page=ACCOUNTS).status_code == 404  # no such change
    birgitte = caseworker_id(app, BIRGITTE)
    assert client.post(f"{ACCOUNTS}/{birgitte}/ledelse").status_code == 400  # no CSRF token
    assert not _leader(app, birgitte)


def test_R27_only_an_administrator_grants_the_role(app, client):
    birgitte = caseworker_id(app, BIRGITTE)
    as_caseworker(client, app, HELLE)  # a leader, not an administrator
    assert post(client, f"{ACCOUNTS}/{birgitte}/ledelse", form_page="/sagsbehandler/").status_code == 403
    as_caseworker(client, app, BIRGITTE)  # not even for herself
    assert post(client, f"{ACCOUNTS}/{birgitte}/ledelse", form_page="/sagsbehandler/").status_code == 403
    assert not _leader(app, birgitte)
    anonymous = app.test_client()
    response = anonymous.post(f"{ACCOUNTS}/{birgitte}/ledelse")
    assert response.status_code in (302, 400) and not _leader(app, birgitte)
