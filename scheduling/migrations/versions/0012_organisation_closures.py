"""Days the organisation is closed beyond the public holidays (issue 13, "Finding a time")

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29

``organisation_closures``: a date, and optionally a from/to time (Danish time) for a part of the day — 24 and
31 December, the afternoon of Grundlovsdag. The free-time search never offers a time in one, and a booking's
final check refuses it. (Revisions 0011 and up are being written in parallel by other branches; whoever merges
re-points ``down_revision``.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("from_time", sa.Time(), nullable=True),
        sa.Column("to_time", sa.Time(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "from_time IS NULL OR to_time IS NULL OR from_time < to_time",
            name=op.f("ck_organisation_closures_from_before_to"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_organisation_closures_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_closures")),
    )
    op.create_index("ix_organisation_closures_organisation_day", "organisation_closures", ["organisation_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_organisation_closures_organisation_day", table_name="organisation_closures")
    op.drop_table("organisation_closures")
