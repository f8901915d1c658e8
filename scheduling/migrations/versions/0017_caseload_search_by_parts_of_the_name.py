"""The caseload is searched by parts of the name: ``name_key`` holds its words, on a trigram index (PostgreSQL)

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30

Issue 14: "mik han" finds Mikkel Hansen. ``caseload_status.name_key`` was the name in lower case, searched from
its start (``LIKE 'mik%'`` on a ``varchar_pattern_ops`` index). It becomes the name's words in lower case, each
after a space (" mikkel hansen", a hyphen also separates words: :func:`scheduling.caseload.name_key`), and each
word typed is searched as the beginning of a word of the name: ``name_key LIKE '% mik%' AND name_key LIKE
'% han%'``. A pattern that begins with a wildcard cannot use a btree index, so on PostgreSQL the index becomes a
GIN index of the trigrams of ``name_key`` (``pg_trgm``, a trusted extension since PostgreSQL 13: the database's
owner may create it), which serves such a ``LIKE`` for words of any length (a word's first letter is a trigram
with the two spaces before it). SQLite has no such index and reads the rows; there the index stays a plain one.
The CPR number keeps its index (``LIKE '010190%'`` for a birth date, ``=`` for a whole number).

Existing rows get the new ``name_key`` here, computed as the portal computes it (the same few lines, copied so
that this revision does not change when the portal's code does).
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

BATCH = 2000


def _words_key(name: str) -> str:
    words = re.split(r"[\W_]+", unicodedata.normalize("NFC", name).lower())
    return "".join(f" {w}" for w in words if w)[:200]


def _rewrite(words: bool) -> None:
    """Set every row's ``name_key`` from its ``name``: its words (``words``), or the name in lower case."""
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT course_id, name FROM caseload_status")).all()
    update = sa.text("UPDATE caseload_status SET name_key = :key WHERE course_id = :course_id")
    for start in range(0, len(rows), BATCH):
        bind.execute(update, [
            {"course_id": course_id, "key": _words_key(name) if words else name.lower()}
            for course_id, name in rows[start:start + BATCH]
        ])


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.drop_index("ix_caseload_status_name_key", "caseload_status")
    _rewrite(words=True)
    op.create_index(
        "ix_caseload_status_name_trgm", "caseload_status", ["name_key"],
        postgresql_using="gin", postgresql_ops={"name_key": "gin_trgm_ops"},
    )


def downgrade() -> None:
    op.drop_index("ix_caseload_status_name_trgm", "caseload_status")
    _rewrite(words=False)
    op.create_index(
        "ix_caseload_status_name_key", "caseload_status", ["name_key"], postgresql_ops={"name_key": "varchar_pattern_ops"}
    )
