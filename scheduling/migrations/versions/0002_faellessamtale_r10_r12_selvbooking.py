"""R21 per kind of joint interview: the jobcenter's choice for the first jobcenter interview (R10) and for the
16-month interview (R12)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

The one choice until now (``faellessamtaler_selvbooking``) keeps its value as the R10 choice under a name that
says so; the R12 choice is new, and existing jobcenters get "self-booked" (the behaviour they had) from the
server default. Renaming a column is ``ALTER TABLE ... RENAME COLUMN`` on both SQLite and PostgreSQL, so no
batch copy of the table (which other tables reference) is needed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column(
        "organisations", "faellessamtaler_selvbooking", new_column_name="faellessamtale_r10_selvbooking"
    )
    op.add_column(
        "organisations",
        sa.Column("faellessamtale_r12_selvbooking", sa.Boolean(), server_default=sa.true(), nullable=False),
    )


def downgrade() -> None:
    op.drop_column("organisations", "faellessamtale_r12_selvbooking")
    op.alter_column(
        "organisations", "faellessamtale_r10_selvbooking", new_column_name="faellessamtaler_selvbooking"
    )
