"""The instant of an interview's last change, for the API's incremental sync

Revision ID: 0028
Revises: 0027
Create Date: 2026-11-30

Issue 16: ``interviews.changed_at`` — set by the services with every change to an interview (booked, moved,
format raised, cancelled, recorded), so that a case system can list the interviews changed since its last sync,
paged by (changed_at, id) on the index ``ix_interviews_changed_at``. Existing rows get their last known change:
recorded, else cancelled, else booked.
"""

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE … ADD COLUMN, on SQLite too (a batch copy of interviews fails on foreign keys with data)
    op.add_column("interviews", sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE interviews SET changed_at = COALESCE(recorded_at, cancelled_at, booked_at)")
    op.create_index("ix_interviews_changed_at", "interviews", ["changed_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_interviews_changed_at", table_name="interviews")
    op.drop_column("interviews", "changed_at")
