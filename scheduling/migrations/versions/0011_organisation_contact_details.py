"""The organisation's contact details and what a person needs to know to attend

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29

Issue 13, "Someone to contact": every page that tells a person to get in touch names whom and how (e-mail,
contact form, opening hours beside the phone number the table already has), the organisation decides whether
its caseworkers' names are shown to the people it serves (off until it says so), and an in-person or phone
interview says where to report, what to bring and which number will call. All optional text, so existing
organisations keep working until their administrator fills them in.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = ("email", "contact_url", "opening_hours", "show_caseworker_names", "reception", "what_to_bring", "calls_from")


def upgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))
        batch.add_column(sa.Column("contact_url", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("opening_hours", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("show_caseworker_names", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("reception", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("what_to_bring", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("calls_from", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
