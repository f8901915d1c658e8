"""A caseworker's own caseload is read in its order from the links: a page of 50 reads ~50 rows

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29

``caseload_caseworkers`` repeats the default order of its status row — ``urgency``, ``sort_due`` and ``name``
(written together, :mod:`scheduling.adapters.caseload`) — and its index over (caseworker, responsible
organisation, course) becomes one over (caseworker, responsible organisation, urgency, sort_due, name, course).
"Mine borgere", most urgent first, then walks the caseworker's links in the page's order and reads only the
page's status rows; before, it read and sorted every status row of the caseworker's people to show 50 (at
national size 501 rows for a caseworker of the largest jobcenter). The count of them is read from the same
index alone. The new index has the old one's first columns, so every other filter and sort of "mine" still
finds the caseworker's links on it. Existing links get the columns from their status rows.

(Other revisions after 0010 are being written in parallel; whoever merges re-points ``down_revision``.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("caseload_caseworkers") as batch:
        batch.add_column(sa.Column("urgency", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("sort_due", sa.Date(), nullable=True))
        batch.add_column(sa.Column("name", sa.String(200), nullable=True))
    # one pass over the links (1.5 million at national size), on both databases (SQLite has UPDATE … FROM)
    op.execute(
        "UPDATE caseload_caseworkers SET urgency = s.urgency, sort_due = s.sort_due, name = s.name "
        "FROM caseload_status s WHERE s.course_id = caseload_caseworkers.course_id"
    )
    with op.batch_alter_table("caseload_caseworkers") as batch:
        batch.alter_column("urgency", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("sort_due", existing_type=sa.Date(), nullable=False)
        batch.alter_column("name", existing_type=sa.String(200), nullable=False)
    op.drop_index("ix_caseload_caseworkers_mine", "caseload_caseworkers")
    op.create_index(
        "ix_caseload_caseworkers_mine", "caseload_caseworkers",
        ["caseworker_id", "responsible_id", "urgency", "sort_due", "name", "course_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_caseload_caseworkers_mine", "caseload_caseworkers")
    op.create_index(
        "ix_caseload_caseworkers_mine", "caseload_caseworkers", ["caseworker_id", "responsible_id", "course_id"]
    )
    with op.batch_alter_table("caseload_caseworkers") as batch:
        batch.drop_column("name")
        batch.drop_column("sort_due")
        batch.drop_column("urgency")
