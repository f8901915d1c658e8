"""SMS and reminders: the person's notice channels and the organisation's reminder settings

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30

Issue 15: ``citizens.notice_channels`` is how the person wants notices ("email", "sms" or "both"; empty: e-mail
if they have a confirmed address, else SMS if they have a mobile number). ``organisations.reminder_hour`` is the
hour (Danish time) of the reminder the day before an interview (9 unless set); ``book_by_reminder_days`` how
many days before the book-by date a person who has booked nothing is reminded (3 unless set).
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("citizens") as batch:
        batch.add_column(sa.Column("notice_channels", sa.String(length=10), nullable=True))
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("reminder_hour", sa.Integer(), server_default="9", nullable=False))
        batch.add_column(sa.Column("book_by_reminder_days", sa.Integer(), server_default="3", nullable=False))


def downgrade() -> None:
    # plain ALTER TABLE … DROP COLUMN, on SQLite too (3.35+): a batch copy would drop organisations and citizens,
    # which the foreign keys of everything referring to them refuse in a database with data in it
    op.drop_column("organisations", "book_by_reminder_days")
    op.drop_column("organisations", "reminder_hour")
    op.drop_column("citizens", "notice_channels")
