"""Messages and decision letters carry their message id and parameters beside the Danish text as sent

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29

Issue 13 ("letters in the reader's language"): ``messages.message_id`` and ``messages.params`` (JSON), and
``decisions.letter_id`` and ``decisions.letter_params``, name the text in ``scheduling.services.letters.TEMPLATES``
and its parameters, so that a page renders it in the reader's language at read time. ``messages.subject`` /
``body`` and ``decisions.letter`` stay the Danish text as sent (the legal record). Existing rows keep NULL and
are shown with their stored text.

(Other revisions are being written in parallel; whoever merges re-points ``down_revision``.)
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("message_id", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("params", sa.JSON(), nullable=True))
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("letter_id", sa.String(length=60), nullable=True))
        batch.add_column(sa.Column("letter_params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("letter_params")
        batch.drop_column("letter_id")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("params")
        batch.drop_column("message_id")
