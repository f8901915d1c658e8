"""API tokens and the idempotency keys of the integration API

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-30

Issue 16: ``api_tokens`` are the organisations' keys to ``/api/v1`` (only the SHA-256 of the secret is kept; the
prefix names it in lists; the caseworker it acts as; read or write; revoked and last used). ``api_idempotency``
holds the first answer to a request with an ``Idempotency-Key``, unique per token and key, so a retried request
is answered with it instead of running twice, also when the two arrive at once on two app servers.
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("caseworker_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("scope IN ('read', 'write')", name=op.f("ck_api_tokens_scope_read_or_write")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name="fk_api_tokens_organisation_id_organisations"
        ),
        sa.ForeignKeyConstraint(["caseworker_id"], ["caseworkers.id"], name="fk_api_tokens_caseworker_id_caseworkers"),
        sa.ForeignKeyConstraint(["created_by"], ["caseworkers.id"], name="fk_api_tokens_created_by_caseworkers"),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_organisation_id", "api_tokens", ["organisation_id"])
    op.create_table(
        "api_idempotency",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["token_id"], ["api_tokens.id"], name="fk_api_idempotency_token_id_api_tokens", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_api_idempotency"),
        sa.UniqueConstraint("token_id", "key", name="uq_api_idempotency_token_id_key"),
    )


def downgrade() -> None:
    op.drop_table("api_idempotency")
    op.drop_index("ix_api_tokens_organisation_id", table_name="api_tokens")
    op.drop_table("api_tokens")
