"""Page versions: a number on each person that moves with every change to what their pages show

Revision ID: 0031
Revises: 0030
Create Date: 2026-11-30

Issue 11: "Mine samtaler" is the same HTML for a person until something of theirs changes (their course, its hour
entries, exemptions, control actions and decisions, their interviews and the caseworkers on them, their messages,
their own record), something every person sees changes (an organisation's names, contact details and settings, its
closed days, the agreed timeslots, a caseworker's name or organisation), or the clock passes a moment the page
depends on. So the app keeps the rendered page (:mod:`portal.page_cache`) under two numbers the log-in check
already reads with the person (no statement of its own):

* ``citizens.page_version``: moved by triggers in the same transaction as every change to the person's rows
  (``courses``, ``hour_entries``, ``exemptions``, ``control_actions``, ``decisions``, ``interviews``,
  ``interview_participants``, ``messages``, and ``citizens`` itself);
* and by a new line of the person's history (``audit_log``, but for the look-ups of their full CPR number, which
  the caseworker's person page counts apart: every view writes one);
* ``page_versions`` (one row, id 1): moved by triggers on every change to ``organisations``,
  ``organisation_closures`` and ``agreed_timeslots``, and to a caseworker's name, organisation or disabled flag.

Triggers, not the services, so that every path that writes — a service, the case systems' API, the operator's
SQL — moves them, and they commit exactly when the change does. Bookings already hold their person's row
(``lock_citizen``), so moving its number makes nobody wait who did not wait before. Both databases get them
(PL/pgSQL on PostgreSQL, one trigger per table and operation on SQLite), so the test suite, which runs on both,
proves that every page it reads after a change shows the change.
"""

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

# how each table's row names its person: the column, and the SQL that finds the person's id from it
PERSON_TABLES = {
    "courses": ("citizen_id", "{row}.citizen_id"),
    "interviews": ("citizen_id", "{row}.citizen_id"),
    "messages": ("citizen_id", "{row}.citizen_id"),
    "hour_entries": ("course_id", "(SELECT citizen_id FROM courses WHERE id = {row}.course_id)"),
    "exemptions": ("course_id", "(SELECT citizen_id FROM courses WHERE id = {row}.course_id)"),
    "control_actions": ("course_id", "(SELECT citizen_id FROM courses WHERE id = {row}.course_id)"),
    "decisions": ("course_id", "(SELECT citizen_id FROM courses WHERE id = {row}.course_id)"),
    "interview_participants": ("interview_id", "(SELECT citizen_id FROM interviews WHERE id = {row}.interview_id)"),
}
# the person page's history: every audit line about the person but the CPR look-ups (counted apart; one a view)
CPR_VIEWED = "cpr_viewed"
SHARED_TABLES = ("organisations", "organisation_closures", "agreed_timeslots")
CASEWORKER_COLUMNS = ("name", "organisation_id", "disabled")

BUMP_PERSON = "UPDATE citizens SET page_version = page_version + 1 WHERE id = {person}"
BUMP_SHARED = (
    "INSERT INTO page_versions (id, version) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET version = page_versions.version + 1"
)


def _postgresql() -> None:
    for table, (column, person) in PERSON_TABLES.items():
        old, new = BUMP_PERSON.format(person=person.format(row="OLD")), BUMP_PERSON.format(person=person.format(row="NEW"))
        op.execute(f"""
CREATE FUNCTION {table}_page_version() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.{column} IS DISTINCT FROM NEW.{column}) THEN
        {old};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {new};
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql""")
        op.execute(
            f"CREATE TRIGGER {table}_page_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_page_version()"
        )
    op.execute(f"""
CREATE FUNCTION audit_log_page_version() RETURNS trigger AS $$
BEGIN
    {BUMP_PERSON.format(person="NEW.citizen_id")};
    RETURN NULL;
END
$$ LANGUAGE plpgsql""")
    op.execute(
        "CREATE TRIGGER audit_log_page_version AFTER INSERT ON audit_log FOR EACH ROW "
        f"WHEN (NEW.citizen_id IS NOT NULL AND NEW.action <> '{CPR_VIEWED}') EXECUTE FUNCTION audit_log_page_version()"
    )
    # the person's own row: any change but the move itself moves it (in the same row write: no second update)
    op.execute("""
CREATE FUNCTION citizens_page_version() RETURNS trigger AS $$
BEGIN
    NEW.page_version := OLD.page_version + 1;
    RETURN NEW;
END
$$ LANGUAGE plpgsql""")
    op.execute(
        "CREATE TRIGGER citizens_page_version BEFORE UPDATE ON citizens FOR EACH ROW "
        "WHEN (OLD.page_version = NEW.page_version) EXECUTE FUNCTION citizens_page_version()"
    )
    op.execute(f"""
CREATE FUNCTION shared_page_version() RETURNS trigger AS $$
BEGIN
    {BUMP_SHARED};
    RETURN NULL;
END
$$ LANGUAGE plpgsql""")
    for table in SHARED_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_page_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION shared_page_version()"
        )
    op.execute(
        f"CREATE TRIGGER caseworkers_page_version AFTER DELETE OR UPDATE OF {', '.join(CASEWORKER_COLUMNS)} "
        f"ON caseworkers FOR EACH STATEMENT EXECUTE FUNCTION shared_page_version()"
    )


def _sqlite() -> None:
    for table, (_column, person) in PERSON_TABLES.items():
        for event, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("OLD", "NEW"))):
            bumps = "; ".join(BUMP_PERSON.format(person=person.format(row=row)) for row in rows)
            op.execute(f"CREATE TRIGGER {table}_page_version_{event.lower()} AFTER {event} ON {table} "
                       f"FOR EACH ROW BEGIN {bumps}; END")
    op.execute(
        "CREATE TRIGGER audit_log_page_version AFTER INSERT ON audit_log FOR EACH ROW "
        f"WHEN NEW.citizen_id IS NOT NULL AND NEW.action <> '{CPR_VIEWED}' "
        f"BEGIN {BUMP_PERSON.format(person='NEW.citizen_id')}; END"
    )
    op.execute(
        "CREATE TRIGGER citizens_page_version AFTER UPDATE ON citizens FOR EACH ROW "
        "WHEN OLD.page_version = NEW.page_version "
        "BEGIN UPDATE citizens SET page_version = page_version + 1 WHERE id = NEW.id; END"
    )
    for table in SHARED_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_page_version_{event.lower()} AFTER {event} ON {table} "
                       f"FOR EACH ROW BEGIN {BUMP_SHARED}; END")
    for event in ("DELETE", f"UPDATE OF {', '.join(CASEWORKER_COLUMNS)}"):
        op.execute(f"CREATE TRIGGER caseworkers_page_version_{event.split()[0].lower()} AFTER {event} ON caseworkers "
                   f"FOR EACH ROW BEGIN {BUMP_SHARED}; END")


def upgrade() -> None:
    op.add_column("citizens", sa.Column("page_version", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "page_versions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer(), nullable=False, server_default="0"),
    )
    op.execute("INSERT INTO page_versions (id, version) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        _postgresql()
    else:
        _sqlite()


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        for table in (*PERSON_TABLES, "audit_log", "citizens", *SHARED_TABLES, "caseworkers"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_page_version ON {table}")
        for function in (*PERSON_TABLES, "audit_log", "citizens", "shared"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}_page_version()")
    else:
        names = [f"{t}_page_version_{e}" for t in (*PERSON_TABLES, *SHARED_TABLES) for e in ("insert", "update", "delete")]
        for name in (*names, "audit_log_page_version", "citizens_page_version", "caseworkers_page_version_delete", "caseworkers_page_version_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("page_versions")
    op.drop_column("citizens", "page_version")  # SQLite's own DROP COLUMN: citizens is not copied (its keys stay)
