"""`flask --app portal tilsyn opret-tilsynsfoerende` and `… spaer-tilsynsfoerende` (issue 17): the operator
creates and disables the agency's supervisor accounts, which belong to no organisation. The password is typed
twice (or read from SELVBOOKING_SUPERVISOR_PASSWORD) and checked as a caseworker's; refusals are Danish; each
change is audited; disabling ends every session of the account."""

from __future__ import annotations

from sqlalchemy import select

from portal.cli_supervisors import PASSWORD_VARIABLE
from tests.web.caseworker_helpers import html, post

PASSWORD = "en-lang-og-god-adgangskode"
EMAIL = "ny.tilsyn@star.example.dk"


def _run(app, *args: str, typed: str | None = None, env: dict[str, str] | None = None):
    return app.test_cli_runner().invoke(args=["tilsyn", *args], input=typed, env=env)


def _create(app, name: str = "Nina Tilsyn", email: str = EMAIL, password: str = PASSWORD, repeated: str | None = None):
    return _run(app, "opret-tilsynsfoerende", "--navn", name, "--email", email,
                typed=f"{password}\n{repeated if repeated is not None else password}\n")


def _supervisor(app, email: str):
    from portal.database import unit_of_work
    from scheduling.adapters.orm import SupervisorRow

    with app.app_context(), unit_of_work() as uow:
        row = uow.session.scalar(select(SupervisorRow).where(SupervisorRow.email == email))
        if row is not None:
            uow.session.expunge(row)
        return row


def _audit(app, supervisor_id: int) -> list[tuple[str, str, dict]]:
    from portal.database import unit_of_work
    from scheduling.adapters.orm import AuditRow

    with app.app_context(), unit_of_work() as uow:
        rows = uow.session.scalars(
            select(AuditRow).where(AuditRow.object_type == "supervisor", AuditRow.object_id == supervisor_id)
            .order_by(AuditRow.id)
        )
        return [(r.action, str(r.actor_kind), dict(r.details or {})) for r in rows]


def _log_in(client, email: str, password: str = PASSWORD):
    return post(client, "/log-ind/sagsbehandler", {"email": email, "password": password}, form_page="/log-ind/")


def test_the_operator_creates_a_supervisor_who_logs_in_and_sees_every_organisation(app, client):
    result = _create(app, name="  Nina Tilsyn ", email="Ny.Tilsyn@STAR.example.dk")
    assert result.exit_code == 0, result.output
    assert "Den tilsynsførende Nina Tilsyn (ny.tilsyn@star.example.dk) er oprettet" in result.output
    assert PASSWORD not in result.output  # typed without echo
    row = _supervisor(app, EMAIL)
    assert row is not None and row.name == "Nina Tilsyn" and not row.disabled
    assert row.password_hash != PASSWORD
    (action, actor, details), = _audit(app, row.id)
    assert (action, actor, details["email"]) == ("supervisor_created", "system", EMAIL) and details["operator"]
    response = _log_in(client, EMAIL)
    assert response.status_code == 302
    page = html(client.get("/tilsyn/"))
    assert "A-kassen Fremad" in page and "Jobcenter Aarhus" in page


def test_the_password_may_come_from_the_environment_for_scripts(app):
    result = _run(app, "opret-tilsynsfoerende", "--navn", "Script", "--email", EMAIL, env={PASSWORD_VARIABLE: PASSWORD})
    assert result.exit_code == 0, result.output
    assert "Adgangskode" not in result.output  # nothing asked
    assert _supervisor(app, EMAIL) is not None


def test_a_duplicate_email_is_refused_in_danish_whoever_has_it(app):
    assert _create(app).exit_code == 0
    for email in (EMAIL.upper(), "birgitte@fremad.demo.example.dk"):  # a supervisor's, then a caseworker's
        result = _create(app, name="Dublet", email=email)
        assert result.exit_code == 1
        assert "Fejl: Der findes allerede en bruger med den e-mailadresse." in result.output
    assert _supervisor(app, "birgitte@fremad.demo.example.dk") is None


def test_a_caseworker_cannot_take_a_supervisors_email_either(app, client):
    from tests.web.caseworker_helpers import as_caseworker

    assert _create(app).exit_code == 0
    as_caseworker(client, app, "Torben Vestergaard")
    response = post(client, "/sagsbehandler/brugere", {"name": "Dublet", "email": EMAIL, "password": PASSWORD})
    assert response.status_code == 422
    assert "Der findes allerede en bruger med den e-mailadresse." in html(response)


def test_a_weak_or_mistyped_password_and_missing_options_are_refused_in_danish(app):
    cases = [
        (_create(app, password="kort"), "Vælg en adgangskode på mindst 12 tegn."),
        (_create(app, repeated=PASSWORD + "x"), "Skriv den samme nye adgangskode to gange."),
        (_create(app, email="ikke-en-adresse"), "Skriv en e-mailadresse som navn@eksempel.dk."),
        (_run(app, "opret-tilsynsfoerende", "--email", EMAIL), "Skriv den tilsynsførendes navn med --navn."),
        (_run(app, "opret-tilsynsfoerende", "--navn", "Nina"), "Skriv den tilsynsførendes e-mailadresse med --email."),
    ]
    for result, says in cases:
        assert result.exit_code == 1, result.output
        assert f"Fejl: {says}" in result.output
    assert _supervisor(app, EMAIL) is None


def test_disabling_a_supervisor_ends_their_sessions_and_their_log_in(app, client):
    assert _create(app).exit_code == 0
    assert _log_in(client, EMAIL).status_code == 302
    assert client.get("/tilsyn/").status_code == 200

    result = _run(app, "spaer-tilsynsfoerende", "--email", EMAIL.upper())
    assert result.exit_code == 0, result.output
    assert "er spærret, og alle vedkommendes sessioner er afsluttet" in result.output
    response = client.get("/tilsyn/")  # the same cookie, at the next request
    assert response.status_code == 302 and "/log-ind/" in response.headers["Location"]
    assert _log_in(app.test_client(), EMAIL).status_code == 422
    row = _supervisor(app, EMAIL)
    assert row.disabled
    changes = [a for a, _, _ in _audit(app, row.id) if a.startswith("supervisor_")]
    assert changes == ["supervisor_created", "supervisor_disabled"]

    again = _run(app, "spaer-tilsynsfoerende", "--email", EMAIL)
    assert again.exit_code == 0 and "var allerede spærret" in again.output
    assert len([a for a, _, _ in _audit(app, row.id) if a.startswith("supervisor_")]) == 2


def test_disabling_someone_who_is_no_supervisor_is_refused_in_danish(app):
    result = _run(app, "spaer-tilsynsfoerende", "--email", "birgitte@fremad.demo.example.dk")
    assert result.exit_code == 1
    assert "Fejl: Der er ingen tilsynsførende med e-mailadressen birgitte@fremad.demo.example.dk." in result.output


def test_the_figures_still_need_both_months_and_the_options_belong_to_the_figures(app):
    result = _run(app)
    assert result.exit_code != 0 and "Skriv både --fra og --til" in result.output
    result = _run(app, "--fra", "2026-01", "spaer-tilsynsfoerende", "--email", EMAIL)
    assert result.exit_code != 0 and "hører ikke til spaer-tilsynsfoerende" in result.output
