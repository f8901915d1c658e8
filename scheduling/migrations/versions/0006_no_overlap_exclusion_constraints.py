"""No overlapping interviews, by the database: exclusion constraints for caseworkers and people (PostgreSQL)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

A booking used to lock the person's row and then the row of every caseworker it might use (``SELECT … FOR
UPDATE``, a median of 42 of 50 at a busy start), so every booking at one jobcenter waited for the one before.
Now the database itself refuses a caseworker — or a person — two active interviews whose times overlap, and a
booking claims only the caseworker it gets (:mod:`scheduling.services.booking`):

* ``ex_interview_participants_caseworker_overlap``: ``EXCLUDE USING gist (caseworker_id WITH =,
  tstzrange(start_at, end_at) WITH &&) WHERE (status <> 'aflyst')``;
* ``ex_interviews_citizen_overlap``: the same over ``citizen_id`` on ``interviews``.

``[start, end)`` ranges (tstzrange's default bounds): an interview ending at 10:00 and one starting at 10:00 do
not overlap. ``btree_gist`` gives gist its ``=`` on integers; it is a trusted extension (PostgreSQL 13+), so
the database's owner may create it. The partial unique indexes on the same start stay (SQLite's guard, and
harmless beside these). SQLite has no exclusion constraints; there every write transaction holds the single
write lock (``BEGIN IMMEDIATE``), and nothing changes.
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CONSTRAINTS = (
    ("interview_participants", "ex_interview_participants_caseworker_overlap", "caseworker_id"),
    ("interviews", "ex_interviews_citizen_overlap", "citizen_id"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, name, who in CONSTRAINTS:
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist "  # noqa: S608 - constants above
            f"({who} WITH =, tstzrange(start_at, end_at) WITH &&) WHERE (status <> 'aflyst')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, name, _ in CONSTRAINTS:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
