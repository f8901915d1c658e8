"""Video meeting links: the organisation's room template and a caseworker's own fixed meeting link

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30

Issue 15: a video interview gets its link when it is booked or called in. ``organisations.video_room_template``
is an https address with ``{room}`` where each interview's unguessable room name goes (e.g. a Jitsi Meet server);
``caseworkers.video_link`` is a caseworker's own fixed meeting link, used before the template. Both optional:
without either the person reads who sends the link. ``interviews.video_link`` already holds the link given.
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("video_room_template", sa.String(length=300), nullable=True))
    with op.batch_alter_table("caseworkers") as batch:
        batch.add_column(sa.Column("video_link", sa.String(length=500), nullable=True))


def downgrade() -> None:
    # plain ALTER TABLE … DROP COLUMN, on SQLite too (3.35+): a batch copy would drop the tables, which the foreign
    # keys of everything referring to caseworkers and organisations refuse in a database with data in it
    op.drop_column("caseworkers", "video_link")
    op.drop_column("organisations", "video_room_template")
