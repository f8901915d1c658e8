"""The supervision's milestones: the held interviews counted against each course's days, stored

Revision ID: 0030
Revises: 0028
Create Date: 2026-11-30

Issue 17 (R27): with the days stored (0027), counting each counted course's held interviews in SQL was still 2.7
s of the 3.5 s the report for every a-kasse over 24 months took on the national world. ``course_milestones`` now
holds per course what the report reads of them — R7's job interviews held by the hand-over and the a-kasse's
held after it, R8's held after the hand-over by the 6-month day and after, R9's by the 6-month day and after —
computed by the rules core (:func:`scheduling.rules.supervision.milestones`) and written in the same transaction
as every change to the course's facts or to a held interview (``scheduling/adapters/milestones.py``); the report
is an aggregate over the courses, their people and this table.

The upgrade fills the columns for the courses already there, in batches of 5,000 (the national world's
112,000 courses: about a minute); ``flask --app portal tilsyn opdater`` rebuilds them at any time. Plain ADD
COLUMN with a server default, on SQLite too.
"""

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0028"
branch_labels = None
depends_on = None

COLUMNS = (
    "akasse_held_in_time", "akasse_held_late", "r8_held_in_time", "r8_held_late", "r9_held_in_time", "r9_held_late",
)
# the table's columns at this revision, all written (a course without its row, written around the hook, gets it whole)
WRITTEN = ("handover_on", "six_months_on", "exempt_by_handover", "exempt_by_six_months", *COLUMNS)


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("course_milestones", sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    from scheduling.adapters.milestones import rebuild

    rebuild(op.get_bind(), columns=WRITTEN)


def downgrade() -> None:
    for name in reversed(COLUMNS):
        op.drop_column("course_milestones", name)
