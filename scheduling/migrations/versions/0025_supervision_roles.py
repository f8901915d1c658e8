"""Supervision's two roles: an organisation's leaders and the agency's supervisors

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-30

Issue 17 (R27): ``caseworkers.is_leader`` marks one of an organisation's leaders (ledelse), who sees its
monthly supervision figures and the people behind them; ``supervisors`` are the agency's (STAR's) accounts,
which see every organisation's figures as aggregates and belong to no organisation. They log in like a
caseworker: e-mail and password (Argon2) or OIDC, with a session version that log-out raises.
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE … ADD COLUMN, on SQLite too: a batch copy of caseworkers fails on the foreign keys once
    # there is data
    op.add_column(
        "caseworkers", sa.Column("is_leader", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.create_table(
        "supervisors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("oidc_subject", sa.String(length=255), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("session_version", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervisors")),
        sa.UniqueConstraint("email", name=op.f("uq_supervisors_email")),
        sa.UniqueConstraint("oidc_subject", name=op.f("uq_supervisors_oidc_subject")),
    )


def downgrade() -> None:
    op.drop_table("supervisors")
    op.drop_column("caseworkers", "is_leader")
