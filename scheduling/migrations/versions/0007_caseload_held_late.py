"""The caseload's read model counts obligations held late (*holdt for sent*, issue 12)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29

``caseload_status.held_late``: how many of the responsible organisation's obligations were made up only by
interviews held after their deadline (:func:`scheduling.caseload.course_status`). Existing rows get 0; the next
``flask --app portal caseload opdater --alle`` (or any change to a course) writes the true count, so run it once
after the upgrade.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("caseload_status") as batch:
        batch.add_column(sa.Column("held_late", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("caseload_status") as batch:
        batch.drop_column("held_late")
