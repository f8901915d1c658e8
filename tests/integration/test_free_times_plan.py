"""Issue 11: a week's free times read the active interviews overlapping the week through the gist range index
(``ex_interview_participants_caseworker_overlap``), not through the btree on (caseworker, start) bounded on one
side only, which reads each caseworker's whole past (~90,000 index entries for a national jobcenter's week)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, text

from scheduling.adapters.db import session_factory
from scheduling.adapters.orm import CaseworkerRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from tests.integration.world import a_world

pytestmark = pytest.mark.postgres


def test_a_weeks_blocked_times_use_the_range_index(postgres_engine):
    world = a_world(lambda: SqlAlchemyUnitOfWork(session_factory(postgres_engine)), jobcenter_caseworkers=3)
    sent: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, *_args):
        if "interview_participants" in statement:
            sent.append((statement, parameters))

    uow = SqlAlchemyUnitOfWork(session_factory(postgres_engine))
    event.listen(postgres_engine, "before_cursor_execute", keep)
    try:
        with uow:
            workers = [uow.session.get(CaseworkerRow, i) for i in world.jobcenter_caseworkers]
            monday = date(2026, 12, 7)
            uow.repo.availability(workers, monday, monday + timedelta(days=4))
    finally:
        event.remove(postgres_engine, "before_cursor_execute", keep)
    [(statement, parameters)] = sent
    with postgres_engine.connect() as connection:
        # a small test table is read whole; as at national size, the plan must be able to use an index
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        cursor = connection.connection.dbapi_connection.cursor()
        cursor.execute("EXPLAIN " + statement, parameters)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        connection.rollback()
    # the range overlap is the index's condition: only the interviews overlapping the week are read
    lines = plan.splitlines()
    at = next(i for i, line in enumerate(lines) if "ex_interview_participants_caseworker_overlap" in line)
    assert "&&" in lines[at + 1] and "Index Cond" in lines[at + 1], plan
