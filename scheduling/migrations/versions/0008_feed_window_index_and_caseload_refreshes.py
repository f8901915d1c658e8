"""A caseworker's feed on an index over (caseworker, start); the caseload refresh records the day it checked

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29

* ``ix_interview_participants_caseworker_start`` on ``interview_participants (caseworker_id, start_at)``: the
  subscription feed reads a caseworker's interviews in its window (four weeks back to 27 weeks ahead,
  :mod:`scheduling.services.calendars`), cancelled ones too. The only index on the caseworker was the partial
  unique one of active interviews, so the feed scanned the whole table (2.1 million rows at national size).
* ``caseload_refreshes``: one row per finished ``flask caseload opdater`` (the day, when it finished, how many
  courses it checked and how many rows it rewrote). The refresh now writes only the rows whose status changed;
  every other row keeps its ``evaluated_on`` and is known to hold on the latest refresh's day.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_interview_participants_caseworker_start", "interview_participants", ["caseworker_id", "start_at"]
    )
    op.create_table(
        "caseload_refreshes",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked", sa.Integer(), nullable=False),
        sa.Column("rewritten", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("caseload_refreshes")
    op.drop_index("ix_interview_participants_caseworker_start", table_name="interview_participants")
