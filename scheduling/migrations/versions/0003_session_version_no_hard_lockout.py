"""Sessions that end (a session version per person) and no hard log-in lockout

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

``session_version`` on citizens and caseworkers is stored in the session at log-in and compared on every
request; log-out, a password change and disabling an account raise it, so every copy of an older session
cookie stops working. Existing rows start at 0 (the server default).

The hard lockout (``failed_logins``, ``locked_until``) let anyone lock a caseworker out by typing wrong
passwords for their e-mail; log-in is now slowed by rate limits per IP and per account outside the database
(Flask-Limiter, on Redis in production), so the columns go. SQLite (3.35+) and PostgreSQL both drop a plain
column with ``ALTER TABLE ... DROP COLUMN``, so no batch copy of the table is needed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("citizens", "caseworkers"):
        op.add_column(table, sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))
    op.drop_column("caseworkers", "failed_logins")
    op.drop_column("caseworkers", "locked_until")


def downgrade() -> None:
    op.add_column("caseworkers", sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("caseworkers", sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
    for table in ("caseworkers", "citizens"):
        op.drop_column(table, "session_version")
