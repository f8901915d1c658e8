"""Agreed timeslots ended from a date by either side (issue 14)

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30

An accepted timeslot for joint interviews (R22) can be ended by the jobcenter or the a-kasse from a day on: from
``ended_from`` it offers no new joint interviews (the free-time search and the booking's final check leave it
out); the joint interviews already booked in it stay. ``ended_by_id`` and ``ended_at`` say who did it and when, so
the other side sees it. The free times kept between requests follow by themselves: the ``agreed_timeslots``
trigger of 0016 logs every UPDATE of a timeslot as a change of both organisations' weeks.
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agreed_timeslots") as batch:
        batch.add_column(sa.Column("ended_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("ended_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            op.f("fk_agreed_timeslots_ended_by_id_caseworkers"), "caseworkers", ["ended_by_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("agreed_timeslots") as batch:
        batch.drop_constraint(op.f("fk_agreed_timeslots_ended_by_id_caseworkers"), type_="foreignkey")
        batch.drop_column("ended_at")
        batch.drop_column("ended_by_id")
        batch.drop_column("ended_from")
