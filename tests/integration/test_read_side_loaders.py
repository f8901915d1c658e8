"""The read side's plain-column loaders (issue 11, "pages") give what the ORM rows gave: the caseworkers a slot
search offers with their working hours and blocked times, on the demo world, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from scheduling.adapters.orm import CaseworkerRow, OrganisationRow
from scheduling.course import InterviewKind
from scheduling.demo import seed_demo
from scheduling.slots import Interval

TODAY = date(2026, 11, 25)


def _offering_rows(session, organisation_id: int, kind: InterviewKind) -> list[CaseworkerRow]:
    """The caseworkers a slot search offers, as ORM rows (how the repository read them before)."""
    rows = session.scalars(
        select(CaseworkerRow)
        .where(CaseworkerRow.organisation_id == organisation_id, CaseworkerRow.disabled.is_(False))
        .options(joinedload(CaseworkerRow.working_hours))
        .order_by(CaseworkerRow.id)
    ).unique()
    return [cw for cw in rows if not cw.offered_kinds or kind.value in cw.offered_kinds]


def test_a_stored_interval_is_the_checked_one():
    start = datetime(2026, 11, 30, 9, tzinfo=UTC)
    stored, checked = Interval.stored(start, start + timedelta(minutes=30)), Interval(start, start + timedelta(minutes=30))
    assert stored == checked and hash(stored) == hash(checked) and repr(stored) == repr(checked)


@pytest.mark.parametrize("kind", list(InterviewKind))
def test_the_offering_caseworkers_and_their_week_are_what_the_rows_gave(uow, kind):
    seed_demo(uow(), TODAY)
    with uow(read_only=True) as u:
        organisations = u.session.scalars(select(OrganisationRow.id).order_by(OrganisationRow.id)).all()
        assert organisations
        hours = 0
        for organisation_id in organisations:
            offering = u.repo.caseworkers_offering(organisation_id, kind)
            rows = _offering_rows(u.session, organisation_id, kind)
            assert [cw.id for cw in offering] == [cw.id for cw in rows]
            for first in (TODAY - timedelta(days=7), TODAY, TODAY + timedelta(days=7)):
                last = first + timedelta(days=6)
                ours = u.repo.availability(offering, first, last)
                theirs = u.repo.availability(rows, first, last)
                assert ours == theirs
                hours += sum(len(a.working_hours) + len(a.interviews) for a in ours)
        assert hours > 0
