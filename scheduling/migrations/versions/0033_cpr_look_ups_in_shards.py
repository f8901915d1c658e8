"""CPR look-up counts in shards: views of one person by different connections do not wait for each other

Revision ID: 0033
Revises: 0032
Create Date: 2026-11-30

Migration 0032 keeps each person's count of full-CPR look-ups in one row of ``cpr_look_ups``, moved by a trigger
in the transaction that writes the look-up's audit line. Every view of the person page writes one, so two views of
the same person at once queue on that row: the second waits until the first has committed, its WAL flush
included. On the benchmark (issue 11, round 10) a third of the database's connections serving one person's page
were seen waiting on that lock (``Lock:transactionid``).

The count is now kept in up to :data:`SHARDS` rows a person, ``(citizen_id, shard)``: on PostgreSQL the trigger
counts the line in the row of its connection (``pg_backend_pid() % SHARDS``), so views through different
connections move different rows; the count is the rows' sum (one index range of at most 16 rows). SQLite, which
runs one writer at a time anyway, keeps every count in shard 0. The count stays exactly the number of the person's
``cpr_viewed`` audit lines. Down again, each person's shards are added up into one row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

CPR_VIEWED = "cpr_viewed"
SHARDS = 16
WHEN_POSTGRESQL = f"WHEN (NEW.citizen_id IS NOT NULL AND NEW.action = '{CPR_VIEWED}')"
WHEN_SQLITE = f"WHEN NEW.citizen_id IS NOT NULL AND NEW.action = '{CPR_VIEWED}'"


def _count(shard: str) -> str:
    return (
        f"INSERT INTO cpr_look_ups (citizen_id, shard, views) VALUES (NEW.citizen_id, {shard}, 1) "  # nosec B608 - a fixed expression
        "ON CONFLICT (citizen_id, shard) DO UPDATE SET views = cpr_look_ups.views + 1"
    )


def _drop_trigger() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_cpr_look_ups ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS cpr_look_ups_count()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_cpr_look_ups")


def _create_trigger(count: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
CREATE FUNCTION cpr_look_ups_count() RETURNS trigger AS $$
BEGIN
    {count};
    RETURN NULL;
END
$$ LANGUAGE plpgsql""")
        op.execute("CREATE TRIGGER audit_log_cpr_look_ups AFTER INSERT ON audit_log FOR EACH ROW "
                   f"{WHEN_POSTGRESQL} EXECUTE FUNCTION cpr_look_ups_count()")
    else:
        op.execute(f"CREATE TRIGGER audit_log_cpr_look_ups AFTER INSERT ON audit_log FOR EACH ROW {WHEN_SQLITE} "
                   f"BEGIN {count}; END")


def _counts() -> list[dict[str, int]]:
    """Each person's count, their shards added up."""
    rows = op.get_bind().execute(sa.text("SELECT citizen_id, sum(views) FROM cpr_look_ups GROUP BY citizen_id"))
    return [{"citizen_id": int(citizen), "views": int(views)} for citizen, views in rows]


def _remake(shards: bool, counts: list[dict[str, int]]) -> None:
    """``cpr_look_ups`` made again, with or without its shard column, holding ``counts`` (in shard 0)."""
    op.drop_table("cpr_look_ups")
    columns = [
        sa.Column("citizen_id", sa.Integer(), sa.ForeignKey("citizens.id", ondelete="CASCADE",
                                                            name="fk_cpr_look_ups_citizen_id_citizens"),
                  nullable=False, autoincrement=False),
        sa.Column("views", sa.Integer(), nullable=False, server_default="0"),
    ]
    if shards:
        columns.insert(1, sa.Column("shard", sa.SmallInteger(), nullable=False, server_default="0",
                                    autoincrement=False))
    key = ["citizen_id", "shard"] if shards else ["citizen_id"]
    table = op.create_table("cpr_look_ups", *columns, sa.PrimaryKeyConstraint(*key, name="pk_cpr_look_ups"))
    if counts:
        op.bulk_insert(table, counts)


def upgrade() -> None:
    _drop_trigger()
    _remake(True, _counts())
    shard = f"pg_backend_pid() % {SHARDS}" if op.get_bind().dialect.name == "postgresql" else "0"
    _create_trigger(_count(shard))


def downgrade() -> None:
    _drop_trigger()
    _remake(False, _counts())
    _create_trigger(
        "INSERT INTO cpr_look_ups (citizen_id, views) VALUES (NEW.citizen_id, 1) "
        "ON CONFLICT (citizen_id) DO UPDATE SET views = cpr_look_ups.views + 1"
    )
