"""A booking's final check finds a caseworker's absences and busy times on a range index (PostgreSQL)

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29

``ix_absences_during`` and ``ix_busy_times_during``: ``gist (tstzrange(start_at,
end_at))``. The check of one slot asks for the absences and busy times of an organisation's caseworkers
overlapping ``[lo, hi)``; the only index was the btree on ``caseworker_id``, so the absences were read whole
(a sequential scan of 14,820 rows at national size) and each caseworker's busy times one by one. The queries ask
with ``tstzrange(start_at, end_at) && tstzrange(lo, hi)`` (:mod:`scheduling.adapters.repository`): the index
gives the few rows of the whole country overlapping the half hour (68 absences), which are then matched to the
organisation's caseworkers. The range alone, not (caseworker, range): the caseworkers come as a list
(``IN``), which a gist index cannot search on, and a two-column gist searched on its second column alone reads
~200 pages for those 68 rows. A busy time may be empty (start = end): its
range is empty, overlaps nothing, and blocks nothing, as before. SQLite keeps its btree indexes.

(Revisions 0011–0013 are being written in parallel by other branches; whoever merges re-points ``down_revision``.)
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

INDEXES = (("absences", "ix_absences_during"), ("busy_times", "ix_busy_times_during"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, name in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} USING gist (tstzrange(start_at, end_at))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for _, name in INDEXES:
        op.execute(f"DROP INDEX {name}")
