"""Command-line tools: `flask --app portal db upgrade`, `flask --app portal demo`."""

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
        from scheduling.adapters import db

        click.echo("Opgraderer databasen … (upgrading the database)")
        db.upgrade(current_app.extensions["selvbooking_engine"])
        click.echo("Databasen er opdateret til nyeste version.")

    @app.cli.command("demo")
    def demo() -> None:
        """Fill an empty database with the demo world (a-kasser, jobcentre, caseworkers, citizens)."""
        from portal.database import seed_demo_if_empty

        if seed_demo_if_empty(current_app):
            click.echo("Demoverdenen er oprettet.")
        else:
            click.echo("Databasen er ikke tom; demoverdenen blev ikke oprettet igen.")
