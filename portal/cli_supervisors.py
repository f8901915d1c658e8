"""The operator's commands for the agency's supervisor accounts (issue 17), under `flask --app portal tilsyn`:

    flask --app portal tilsyn opret-tilsynsfoerende --navn "Mona Tilsyn" --email mona@star.example.dk
    flask --app portal tilsyn spaer-tilsynsfoerende --email mona@star.example.dk

A supervisor belongs to the agency, not to an organisation, so no organisation's administrator manages them: the
operator does, here. The password is asked for twice without echo, or, for scripts, read from the environment
variable :data:`PASSWORD_VARIABLE`; it is checked as a caseworker's new password. Every change is audited by the
service (:mod:`scheduling.services.accounts`) with the operating-system user who ran the command. Refusals are
Danish, on standard error, with exit code 1.
"""

from __future__ import annotations

import getpass
import os
from typing import IO, Any

import click
from flask import current_app

PASSWORD_VARIABLE = "SELVBOOKING_SUPERVISOR_PASSWORD"  # nosec B105  # the variable's name, not a password


class Refusal(click.ClickException):
    """A refusal said in Danish: "Fejl: …" on standard error, exit code 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Fejl: {self.format_message()}", err=True, file=file)


def _operator() -> str:
    """Who runs the command, for the audit line (the operating system's user name)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "ukendt"


def _password() -> tuple[str, str]:
    """The new password and its repetition: from the environment for scripts, else typed twice without echo."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given is not None:
        return given, given
    first = click.prompt("Adgangskode", hide_input=True, default="", show_default=False)
    return first, click.prompt("Skriv adgangskoden igen", hide_input=True, default="", show_default=False)


def add_commands(group: click.Group) -> None:
    """Add the supervisor accounts' commands to the `tilsyn` group."""

    @group.command("opret-tilsynsfoerende")
    @click.option("--navn", "name", default="", help="den tilsynsførendes fulde navn")
    @click.option("--email", default="", help="e-mailadressen, den tilsynsførende logger ind med")
    def create_supervisor(name: str, email: str) -> None:
        """Create a supervisor account of the agency: every organisation's supervision figures (R27), no person.

        The password is asked for twice, or read from SELVBOOKING_SUPERVISOR_PASSWORD."""
        from portal import now
        from portal.database import unit_of_work
        from scheduling.services import accounts
        from scheduling.services.errors import DomainError

        if not name.strip():
            raise Refusal("Skriv den tilsynsførendes navn med --navn.")
        if not email.strip():
            raise Refusal("Skriv den tilsynsførendes e-mailadresse med --email.")
        password, repeated = _password()
        try:
            supervisor_id = accounts.create_supervisor(
                unit_of_work(current_app), now(), name, email, password, repeated, operator=_operator()
            )
        except DomainError as error:
            raise Refusal(error.reason.render()) from error
        click.echo(
            f"Den tilsynsførende {name.strip()} ({email.strip().lower()}) er oprettet (nummer {supervisor_id}) og kan "
            "logge ind med e-mailadressen og adgangskoden."
        )

    @group.command("spaer-tilsynsfoerende")
    @click.option("--email", default="", help="e-mailadressen på den tilsynsførende, der skal spærres")
    def disable_supervisor(email: str) -> None:
        """Disable a supervisor account: it cannot log in, and every session of it ends at its next request."""
        from portal import now
        from portal.database import unit_of_work
        from scheduling.services import accounts
        from scheduling.services.errors import DomainError

        if not email.strip():
            raise Refusal("Skriv den tilsynsførendes e-mailadresse med --email.")
        try:
            changed = accounts.disable_supervisor(unit_of_work(current_app), now(), email, operator=_operator())
        except DomainError as error:
            raise Refusal(error.reason.render()) from error
        if changed:
            click.echo(f"Den tilsynsførende med e-mailadressen {email.strip()} er spærret, og alle vedkommendes "
                       "sessioner er afsluttet.")
        else:
            click.echo(f"Den tilsynsførende med e-mailadressen {email.strip()} var allerede spærret.")
