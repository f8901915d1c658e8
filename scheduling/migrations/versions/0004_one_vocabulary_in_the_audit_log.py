"""One vocabulary in the audit log: the words the demo wrote become the words the services write

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

The demo world used to write its own audit lines beside the services, with its own words for the same use
cases; it now writes through the services (``scheduling/demo.py``) and the words are the members of
``scheduling.vocabulary.AuditAction`` and ``AuditObject``. Lines a demo database already holds are renamed so
that its history reads like any other:

* ``referred_r4`` → ``refer_r4`` (the R4 referral);
* ``record_interview`` → ``record_afholdt`` or ``record_udeblevet``, by the status the line recorded;
* ``timeslot_proposed`` → ``propose_timeslot``, ``timeslot_accepted`` → ``timeslot_accepteret``, and their
  object ``agreed_timeslot`` → ``timeslot``.

Only demo rows ever held these words (no use case wrote them), so no real line of the log is changed. The log is
append-only: its guard is lifted for these UPDATEs alone and put back in the same transaction (PostgreSQL:
``ALTER TABLE … DISABLE/ENABLE TRIGGER``, which the owner running the migration may do; SQLite: the two triggers
are dropped and created again exactly as 0001 made them). Messages and decisions already used the services'
words. There is no way back: the old words were drift, not data.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RENAMED_ACTIONS = {
    "referred_r4": "refer_r4",
    "timeslot_proposed": "propose_timeslot",
    "timeslot_accepted": "timeslot_accepteret",
}
RECORDED = {"afholdt": "record_afholdt", "udeblevet": "record_udeblevet"}
_SQLITE_EVENTS = ("UPDATE", "DELETE")


def _lift_guard(postgresql: bool) -> None:
    if postgresql:
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    else:
        for event in _SQLITE_EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{event.lower()}")


def _restore_guard(postgresql: bool) -> None:
    if postgresql:
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
    else:
        for event in _SQLITE_EVENTS:
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )


def upgrade() -> None:
    connection = op.get_bind()
    audit = sa.table(
        "audit_log", sa.column("id", sa.Integer), sa.column("action", sa.String), sa.column("object_type", sa.String),
        sa.column("details", sa.JSON),
    )
    old = list(RENAMED_ACTIONS) + ["record_interview"]
    found = connection.execute(sa.select(audit.c.id, audit.c.action, audit.c.details).where(audit.c.action.in_(old))).all()
    if not found:
        return
    postgresql = connection.dialect.name == "postgresql"
    _lift_guard(postgresql)
    for row_id, action, details in found:
        status = (details or {}).get("status") if action == "record_interview" else None
        new = RENAMED_ACTIONS.get(action) or RECORDED.get(status or "", "record_afholdt")
        connection.execute(sa.update(audit).where(audit.c.id == row_id).values(action=new))
    connection.execute(
        sa.update(audit).where(audit.c.object_type == "agreed_timeslot").values(object_type="timeslot")
    )
    _restore_guard(postgresql)


def downgrade() -> None:
    """Nothing to undo: the renamed lines keep the services' words."""
