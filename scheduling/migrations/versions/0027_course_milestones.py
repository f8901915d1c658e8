"""The supervision's milestones: each course's hand-over and 6-month day, stored

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-30

Issue 17 (R27): the supervision's report summed the whole hour ledger on every run to find each course's
hand-over (R2) and 6-month day (R3): 34–45 s for every a-kasse over 24 months on the national world.
``course_milestones`` holds them per course, open or closed — the days as the ledger has registered them (NULL
while only projected) and whether an exemption (R26) covered a whole calendar month before each — computed by
the rules core (:func:`scheduling.rules.supervision.milestones`) and written in the same transaction as every
change to the course's facts (``scheduling/adapters/milestones.py``).

The upgrade fills the table for the courses already there, in batches of 5,000 (on the national world's 112,000
courses about a minute); ``flask --app portal tilsyn opdater`` rebuilds it at any time.
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

# the columns this revision creates: its rebuild writes only these (0030 adds the held counts after it)
COLUMNS = ("handover_on", "six_months_on", "exempt_by_handover", "exempt_by_six_months")


def upgrade() -> None:
    op.create_table(
        "course_milestones",
        sa.Column("course_id", sa.Integer(), sa.ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("handover_on", sa.Date(), nullable=True),
        sa.Column("six_months_on", sa.Date(), nullable=True),
        sa.Column("exempt_by_handover", sa.Boolean(), nullable=False),
        sa.Column("exempt_by_six_months", sa.Boolean(), nullable=False),
    )
    from scheduling.adapters.milestones import rebuild

    rebuild(op.get_bind(), columns=COLUMNS)


def downgrade() -> None:
    op.drop_table("course_milestones")
