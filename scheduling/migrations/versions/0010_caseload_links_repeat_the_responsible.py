"""A caseworker's own caseload reads only the links to its organisation's people

Revision ID: 0010
Revises: 0008
Create Date: 2026-11-29

``caseload_caseworkers.responsible_id`` repeats the responsible organisation of the link's status row (written
together, :mod:`scheduling.adapters.caseload`), with an index over (caseworker, responsible organisation, course).
"Mine borgere" read every course a caseworker has held an interview in and looked up each status row to keep
those of its own organisation: at national size an a-kasse caseworker has ~650 links of which ~75 are its
organisation's, so ~2,000 buffer reads per page became ~300. Existing links get the column from their status row.

(Revision 0009 was being written in parallel by another branch; whoever merges second re-points
``down_revision``.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("caseload_caseworkers") as batch:
        batch.add_column(sa.Column("responsible_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE caseload_caseworkers SET responsible_id = (SELECT s.responsible_id FROM caseload_status s "
        "WHERE s.course_id = caseload_caseworkers.course_id)"
    )
    with op.batch_alter_table("caseload_caseworkers") as batch:
        batch.alter_column("responsible_id", existing_type=sa.Integer(), nullable=False)
    op.create_index(
        "ix_caseload_caseworkers_mine", "caseload_caseworkers", ["caseworker_id", "responsible_id", "course_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_caseload_caseworkers_mine", "caseload_caseworkers")
    with op.batch_alter_table("caseload_caseworkers") as batch:
        batch.drop_column("responsible_id")
