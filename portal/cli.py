"""Command-line tools: `flask --app portal db upgrade`, `flask --app portal db grant-app-role ROLE`,
`flask --app portal demo`, `flask --app portal caseload opdater`."""

from __future__ import annotations

import click
from flask import Flask, current_app


def register(app: Flask) -> None:
    @app.cli.group("db")
    def db_group() -> None:
        """The database schema."""

    @db_group.command("upgrade")
    def upgrade() -> None:
        """Upgrade the database named by SELVBOOKING_DATABASE_URL to the newest schema."""
        from portal.database import upgrade as upgrade_database

        click.echo("Opgraderer databasen … (upgrading the database)")
        upgrade_database(current_app)
        click.echo("Databasen er opdateret til nyeste version.")

    @db_group.command("grant-app-role")
    @click.argument("role")
    def grant_app_role(role: str) -> None:
        """Let ROLE (the app's own PostgreSQL role) read and write rows but never alter the audit log or a table.

        Run it as the owner of the tables (the role that runs `db upgrade`), after every upgrade; see
        docs/database-roles.md.
        """
        from portal.database import RoleError
        from portal.database import grant_app_role as grant

        try:
            statements = grant(current_app, role)
        except RoleError as error:
            raise click.ClickException(str(error)) from error
        for statement in statements:
            click.echo(statement)
        click.echo(f"Rollen {role} har nu kun adgang til rækkerne; revisionssporet kan kun læses og tilføjes.")

    @app.cli.command("demo")
    def demo() -> None:
        """Fill an empty database with the demo world (a-kasser, jobcentre, caseworkers, citizens)."""
        from portal.database import seed_demo_if_empty

        if seed_demo_if_empty(current_app):
            click.echo("Demoverdenen er oprettet.")
        else:
            click.echo("Databasen er ikke tom; demoverdenen blev ikke oprettet igen.")

    @app.cli.group("caseload")
    def caseload_group() -> None:
        """The caseload's read model."""

    @caseload_group.command("opdater")
    @click.option("--alle", "every", is_flag=True, help="Every open course, not only those computed before today.")
    def refresh_caseload(every: bool) -> None:
        """Bring the caseload up to today (run it from cron daily after midnight, and once after `db upgrade`).

        Evaluates every open course without a status row or with one computed before today, in batches of 500,
        one transaction each, and writes only the rows whose status changed; what changes with a course is
        written with the change itself. Shows its progress after each batch.
        """
        import time

        from portal import today
        from portal.database import unit_of_work
        from scheduling.services.caseload import RefreshProgress, refresh

        day, started = today(current_app), time.monotonic()

        def progress(state: RefreshProgress) -> None:
            elapsed = time.monotonic() - started
            left = elapsed / state.checked * (state.total - state.checked) if state.checked else 0.0
            click.echo(
                f"{state.checked}/{state.total} forløb gennemgået, {state.rewritten} ændret, "
                f"{elapsed:.0f} s, ca. {left:.0f} s tilbage (courses checked, changed, elapsed, left)"
            )

        done = refresh(lambda: unit_of_work(current_app), day, every=every, progress=progress)
        click.echo(
            f"Sagsoversigten er opdateret til {day.isoformat()}: {done.checked} forløb gennemgået, "
            f"{done.rewritten} ændret ({time.monotonic() - started:.1f} s)."
        )

    from portal.cli_supervision import register as register_supervision

    register_supervision(app)  # `flask --app portal tilsyn` (issue 17)
