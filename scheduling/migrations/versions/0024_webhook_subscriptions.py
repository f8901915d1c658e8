"""Webhooks: an organisation's subscribed URLs, whose events go through the outbox

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-30

Issue 16. ``webhook_subscriptions``: an organisation's URL (https; http only to 127.0.0.1/localhost where the
configuration allows it, for development and tests), the secret its events are signed with (HMAC-SHA256, shown
once), the events chosen (a JSON list of ``scheduling.vocabulary.WebhookEvent`` values), whether it is active,
who created it and when, and when it was deactivated. Each event is a row in ``notices`` (channel "webhook",
``recipient_kind`` "webhook", ``recipient_id`` the subscription), written in the transaction of the change and
delivered, retried and failed by the outbox's worker like any other notice; the last delivery is read from there.
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "webhook_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name="fk_webhook_subscriptions_organisation_id_organisations"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["caseworkers.id"], name="fk_webhook_subscriptions_created_by_id_caseworkers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_webhook_subscriptions"),
    )
    op.create_index("ix_webhook_subscriptions_organisation", "webhook_subscriptions", ["organisation_id", "active"])


def downgrade() -> None:
    op.execute("DELETE FROM notice_attempts WHERE notice_id IN (SELECT id FROM notices WHERE channel = 'webhook')")
    op.execute("DELETE FROM notices WHERE channel = 'webhook'")
    op.drop_index("ix_webhook_subscriptions_organisation", table_name="webhook_subscriptions")
    op.drop_table("webhook_subscriptions")
