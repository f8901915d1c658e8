"""The person's choice of calendar invitations by e-mail

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-30

Issue 15: ``citizens.calendar_invitations`` — the person has asked for their interviews' calendar invitations
(iMIP) by e-mail as well, sent only to a confirmed address. False unless they tick it on Kontaktoplysninger.
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE … ADD COLUMN, on SQLite too: with an expression as its default a batch would copy citizens,
    # which its foreign keys refuse once there is data (the 0017 down-and-up test)
    op.add_column("citizens", sa.Column("calendar_invitations", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    # plain ALTER TABLE … DROP COLUMN, on SQLite too: a batch copy of citizens fails on the foreign keys once there is data
    op.drop_column("citizens", "calendar_invitations")
