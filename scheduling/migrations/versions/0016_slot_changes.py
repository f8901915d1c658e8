"""Slot changes: an append-only log of what changes an organisation's free times, per Danish week (PostgreSQL)

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-29

The free times of a week are the same for every person of an organisation until a caseworker's interviews,
absences, busy times, working hours or offer change, or an agreed timeslot does. At national size computing them
takes a third of a second (920 caseworkers' weeks), so each app process keeps them
(:mod:`scheduling.services.slot_cache`), and asks the database before using them whether anything changed:

* ``slot_changes (id, organisation_id, week)``: one row per change, ``week`` the Monday of a Danish week the
  change touches, NULL for a change of every week (working hours, an offer, a caseworker joining, leaving or
  disabled, a timeslot, an absence over more than 60 weeks). Rows are only ever inserted, so concurrent bookings
  never wait for each other here (a counter row per organisation would queue them all).
* Triggers write it in the same transaction as the change (``interview_participants``, ``absences``,
  ``busy_times``, ``working_hours``, ``caseworkers``, ``agreed_timeslots``): every path that writes — a service,
  the operator's SQL — is seen, and the log commits exactly when the change does.
* The version of a week is the number of its rows (and the rows of every week): a count, not the newest id, so
  that two transactions committing in the other order than their ids were drawn still change it.

SQLite (development, tests) gets the table but no triggers; there the free times are not kept between requests.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

LOG = """
CREATE FUNCTION slot_changes_log(org integer, lo timestamptz, hi timestamptz) RETURNS void AS $$
DECLARE
    first_week date;
    last_week date;
BEGIN
    IF org IS NULL THEN
        RETURN;
    END IF;
    IF lo IS NULL OR hi IS NULL THEN
        INSERT INTO slot_changes (organisation_id, week) VALUES (org, NULL);
        RETURN;
    END IF;
    first_week := date_trunc('week', lo AT TIME ZONE 'Europe/Copenhagen')::date;
    last_week := date_trunc('week', greatest(lo, hi) AT TIME ZONE 'Europe/Copenhagen')::date;
    IF last_week - first_week > 7 * 60 THEN
        INSERT INTO slot_changes (organisation_id, week) VALUES (org, NULL);
    ELSE
        INSERT INTO slot_changes (organisation_id, week)
        SELECT org, w::date FROM generate_series(first_week, last_week, interval '7 days') AS w;
    END IF;
END
$$ LANGUAGE plpgsql
"""

# a caseworker's blocked time (interviews, absences, busy times): the weeks it touches, before and after
TIMES = """
CREATE FUNCTION slot_changes_times() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM slot_changes_log(
            (SELECT organisation_id FROM caseworkers WHERE id = OLD.caseworker_id), OLD.start_at, OLD.end_at);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM slot_changes_log(
            (SELECT organisation_id FROM caseworkers WHERE id = NEW.caseworker_id), NEW.start_at, NEW.end_at);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

HOURS = """
CREATE FUNCTION slot_changes_hours() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM slot_changes_log((SELECT organisation_id FROM caseworkers WHERE id = OLD.caseworker_id), NULL, NULL);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM slot_changes_log((SELECT organisation_id FROM caseworkers WHERE id = NEW.caseworker_id), NULL, NULL);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

CASEWORKERS = """
CREATE FUNCTION slot_changes_caseworkers() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.organisation_id IS NOT DISTINCT FROM NEW.organisation_id
           AND OLD.disabled IS NOT DISTINCT FROM NEW.disabled
           AND OLD.offered_kinds::text IS NOT DISTINCT FROM NEW.offered_kinds::text THEN
            RETURN NULL;
        END IF;
        PERFORM slot_changes_log(OLD.organisation_id, NULL, NULL);
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM slot_changes_log(OLD.organisation_id, NULL, NULL);
    ELSE
        PERFORM slot_changes_log(NEW.organisation_id, NULL, NULL);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

TIMESLOTS = """
CREATE FUNCTION slot_changes_timeslots() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM slot_changes_log(OLD.jobcenter_id, NULL, NULL);
        PERFORM slot_changes_log(OLD.akasse_id, NULL, NULL);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM slot_changes_log(NEW.jobcenter_id, NULL, NULL);
        PERFORM slot_changes_log(NEW.akasse_id, NULL, NULL);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

# table, trigger function, the update that matters (an interview's checklist or a caseworker's name does not)
TRIGGERS = (
    ("interview_participants", "slot_changes_times",
     "UPDATE OF caseworker_id, start_at, end_at, status"),
    ("absences", "slot_changes_times", "UPDATE OF caseworker_id, start_at, end_at"),
    ("busy_times", "slot_changes_times", "UPDATE OF caseworker_id, start_at, end_at"),
    ("working_hours", "slot_changes_hours", "UPDATE"),
    ("caseworkers", "slot_changes_caseworkers", "UPDATE OF organisation_id, disabled, offered_kinds"),
    ("agreed_timeslots", "slot_changes_timeslots", "UPDATE"),
)


def upgrade() -> None:
    op.create_table(
        "slot_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Date(), nullable=True),
    )
    op.create_index("ix_slot_changes_organisation_week", "slot_changes", ["organisation_id", "week"])
    if op.get_bind().dialect.name != "postgresql":
        return
    for function in (LOG, TIMES, HOURS, CASEWORKERS, TIMESLOTS):
        op.execute(function)
    for table, function, update in TRIGGERS:
        op.execute(
            f"CREATE TRIGGER {table}_slot_changes AFTER INSERT OR DELETE OR {update} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, _function, _update in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_slot_changes ON {table}")
        for function in ("slot_changes_times", "slot_changes_hours", "slot_changes_caseworkers",
                         "slot_changes_timeslots"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
        op.execute("DROP FUNCTION IF EXISTS slot_changes_log(integer, timestamptz, timestamptz)")
    op.drop_index("ix_slot_changes_organisation_week", table_name="slot_changes")
    op.drop_table("slot_changes")
