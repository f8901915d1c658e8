"""The outbox: notices to people outside the portal (e-mail now, SMS later) and every attempt to deliver one

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30

Issue 15. A service that tells a person something writes a ``notices`` row in the same transaction as the change
(``scheduling.services.notices.tell``), so a notice is never sent for a change that rolled back and never lost for
one that committed. The worker (``flask --app portal notices send``) claims due rows (``status = 'pending' AND
next_attempt_at <= now``; on PostgreSQL with ``FOR UPDATE SKIP LOCKED``), delivers them and logs each attempt in
``notice_attempts``. ``key`` is unique: the e-mail's Message-ID, and for a reminder the guard against a second.

The person's contact settings (``/borger/kontakt``): a new e-mail address waits in ``citizens.email_pending``
with the hash of a token sent to it (``address`` on its notice) until the person opens the link; only then does
it become ``citizens.email``, where notices go. Addresses already on record count as confirmed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("recipient_kind", sa.String(length=40), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("topic", sa.String(length=60), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=True),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("interview_uid", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], name="fk_notices_interview_id_interviews"),
        sa.PrimaryKeyConstraint("id", name="pk_notices"),
        sa.UniqueConstraint("key", name="uq_notices_key"),
    )
    op.create_index("ix_notices_due", "notices", ["status", "next_attempt_at"])
    op.create_index("ix_notices_recipient", "notices", ["recipient_kind", "recipient_id"])
    op.create_table(
        "notice_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("worker", sa.String(length=120), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"], name="fk_notice_attempts_notice_id_notices"),
        sa.PrimaryKeyConstraint("id", name="pk_notice_attempts"),
    )
    op.create_index("ix_notice_attempts_notice_id", "notice_attempts", ["notice_id"])
    with op.batch_alter_table("citizens") as batch:
        batch.add_column(sa.Column("email_pending", sa.String(length=254), nullable=True))
        batch.add_column(sa.Column("email_token_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("email_token_expires", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # plain ALTER TABLE … DROP COLUMN, on SQLite too (3.35+): a batch copy of citizens would drop the table, which
    # the foreign keys of its courses, messages … refuse in a database with people in it
    for column in ("email_token_expires", "email_token_hash", "email_pending"):
        op.drop_column("citizens", column)
    op.drop_index("ix_notice_attempts_notice_id", table_name="notice_attempts")
    op.drop_table("notice_attempts")
    op.drop_index("ix_notices_recipient", table_name="notices")
    op.drop_index("ix_notices_due", table_name="notices")
    op.drop_table("notices")
