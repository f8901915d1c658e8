"""Which notices by which channel: the person's choice per kind of notice

Revision ID: 0026
Revises: 0025
Create Date: 2026-11-30

Issue 15: ``citizens.notice_choices`` (JSON) maps each kind of notice (``bookinger``, ``indkaldelser``,
``samtaleform``, ``afgoerelser``, ``forloeb``, ``paamindelser``, ``bookingfrist``) to "email", "sms", "both" or
"none" (not for the binding kinds); a kind without one, or NULL, is e-mail if the address is confirmed, else SMS.
It replaces ``citizens.notice_channels`` (migration 0021, one choice for all notices): a person who had chosen
keeps the same choice for every kind. Downgrading keeps the choice for call-ins (never "none") as the one choice.
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

#: The kinds as they were when this migration was written (a later rename must not change what it wrote).
CATEGORIES = ("bookinger", "indkaldelser", "samtaleform", "afgoerelser", "forloeb", "paamindelser", "bookingfrist")
PREFERENCES = ("email", "sms", "both")

citizens = sa.table(
    "citizens",
    sa.column("id", sa.Integer()),
    sa.column("notice_channels", sa.String(10)),
    sa.column("notice_choices", sa.JSON()),
)


def upgrade() -> None:
    # plain ALTER TABLE … ADD/DROP COLUMN, on SQLite too: a batch copy of citizens fails on the foreign keys once
    # there is data (see 0022)
    op.add_column("citizens", sa.Column("notice_choices", sa.JSON(), nullable=True))
    for preference in PREFERENCES:  # one UPDATE per value, whatever the number of people
        op.execute(
            citizens.update()
            .where(citizens.c.notice_channels == preference)
            .values(notice_choices=dict.fromkeys(CATEGORIES, preference))
        )
    op.drop_column("citizens", "notice_channels")


def downgrade() -> None:
    op.add_column("citizens", sa.Column("notice_channels", sa.String(length=10), nullable=True))
    bind = op.get_bind()
    chosen = bind.execute(sa.select(citizens.c.id, citizens.c.notice_choices).where(citizens.c.notice_choices.is_not(None)))
    by_preference: dict[str, list[int]] = {}
    for citizen_id, choices in chosen:
        preference = (choices or {}).get("indkaldelser")
        if preference in PREFERENCES:
            by_preference.setdefault(preference, []).append(citizen_id)
    for preference, ids in by_preference.items():
        for start in range(0, len(ids), 500):
            op.execute(
                citizens.update().where(citizens.c.id.in_(ids[start:start + 500])).values(notice_channels=preference)
            )
    op.drop_column("citizens", "notice_choices")
