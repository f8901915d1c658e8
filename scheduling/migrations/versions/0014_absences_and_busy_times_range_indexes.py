"""A booking's final check finds a caseworker's absences and busy times on a range index (PostgreSQL)

Revision ID: 0014
Revises: 0010
Create Date: 2026-11-29

``ix_absences_caseworker_during`` and ``ix_busy_times_caseworker_during``: ``gist (caseworker_id,
tstzrange(start_at, end_at))`` (btree_gist, created by migration 0006). The check of one slot asks for the
absences and busy times of an organisation's caseworkers overlapping ``[lo, hi)``; the only index was the btree
on ``caseworker_id``, so each caseworker's whole history was read and filtered (sequential scans of 1.5–27 ms a
booking at national size). The queries ask with ``tstzrange(start_at, end_at) && tstzrange(lo, hi)``
(:mod:`scheduling.adapters.repository`), which these indexes answer. A busy time may be empty (start = end): its
range is empty, overlaps nothing, and blocks nothing, as before. SQLite keeps its btree indexes.

(Revisions 0011–0013 are being written in parallel by other branches; whoever merges re-points ``down_revision``.)
"""

from alembic import op

revision = "0014"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEXES = (("absences", "ix_absences_caseworker_during"), ("busy_times", "ix_busy_times_caseworker_during"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, name in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gist (caseworker_id, tstzrange(start_at, end_at))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for _, name in INDEXES:
        op.execute(f"DROP INDEX {name}")
