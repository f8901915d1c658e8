"""The caseload as a read model: one status row per open course, and the caseworkers of its interviews

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

``caseload_status`` holds what :func:`scheduling.caseload.course_status` says of each open course (issue 11),
written in the same transaction as every change to the course (``scheduling/adapters/caseload.py``) and
refreshed daily for the date alone by ``flask --app portal caseload opdater``. ``caseload_caseworkers`` lists the
caseworkers of each course's interviews, for a caseworker's own list.

The tables start empty: the first ``caseload opdater`` after the upgrade fills them for every open course (it
writes every open course without a row, then every row computed before today). Searching by name or CPR prefix
uses ``LIKE 'prefix%'``; on PostgreSQL the indexes on ``name_key`` and ``cpr`` use ``varchar_pattern_ops`` so
that such a search is served by the index whatever the database's collation.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "caseload_status",
        sa.Column("course_id", sa.Integer(), sa.ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("citizen_id", sa.Integer(), sa.ForeignKey("citizens.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("cpr", sa.String(10), nullable=False),
        sa.Column("akasse_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("jobcenter_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("responsible", sa.String(40), nullable=False),
        sa.Column("responsible_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("next_rule", sa.String(10), nullable=True),
        sa.Column("next_kind", sa.String(40), nullable=True),
        sa.Column("next_projected", sa.Boolean(), nullable=False),
        sa.Column("next_reason", sa.JSON(), nullable=True),
        sa.Column("sort_due", sa.Date(), nullable=False),
        sa.Column("urgency", sa.Integer(), nullable=False),
        sa.Column("overdue", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("may_self_book", sa.Boolean(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("exempt_self_booking", sa.Boolean(), nullable=False),
        sa.Column("exempt", sa.Boolean(), nullable=False),
        sa.Column("book_by_due", sa.Date(), nullable=True),
        sa.Column("signals", sa.JSON(), nullable=False),
        sa.Column("evaluated_on", sa.Date(), nullable=False),
    )
    op.create_index("ix_caseload_status_citizen_id", "caseload_status", ["citizen_id"])
    op.create_index(
        "ix_caseload_status_urgency", "caseload_status", ["responsible_id", "urgency", "sort_due", "name", "course_id"]
    )
    op.create_index("ix_caseload_status_name", "caseload_status", ["responsible_id", "name", "course_id"])
    op.create_index("ix_caseload_status_due", "caseload_status", ["responsible_id", "sort_due", "name", "course_id"])
    op.create_index("ix_caseload_status_evaluated_on", "caseload_status", ["evaluated_on"])
    op.create_index(
        "ix_caseload_status_name_key", "caseload_status", ["name_key"], postgresql_ops={"name_key": "varchar_pattern_ops"}
    )
    op.create_index("ix_caseload_status_cpr", "caseload_status", ["cpr"], postgresql_ops={"cpr": "varchar_pattern_ops"})
    op.create_table(
        "caseload_caseworkers",
        sa.Column("caseworker_id", sa.Integer(), sa.ForeignKey("caseworkers.id"), primary_key=True),
        sa.Column(
            "course_id", sa.Integer(), sa.ForeignKey("caseload_status.course_id", ondelete="CASCADE"), primary_key=True
        ),
    )
    op.create_index("ix_caseload_caseworkers_course_id", "caseload_caseworkers", ["course_id"])


def downgrade() -> None:
    op.drop_table("caseload_caseworkers")
    op.drop_table("caseload_status")
