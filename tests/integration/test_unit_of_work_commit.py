"""A unit of work's commit (issue 11, round 12): one whose session began nothing runs no commit at all (the person
page's audit line commits itself on a connection of its own, and the commit's machinery was a sixth of the kept
page); one that added a row, even unflushed, still writes it."""

from __future__ import annotations

from sqlalchemy import event, select

from scheduling.adapters.orm import OrganisationRow
from scheduling.course import Organisation


def _begun(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "begin", lambda _conn: seen.append("begin"))
    event.listen(engine, "commit", lambda _conn: seen.append("commit"))
    return seen


def test_a_unit_of_work_that_began_nothing_commits_nothing(engine, uow):
    seen = _begun(engine)
    with uow() as u:
        event.listen(u.session, "before_commit", lambda _session: seen.append("the session's commit"))
        u.commit()
    assert seen == []


def test_an_added_row_is_written_though_nothing_was_flushed(engine, uow):
    seen = _begun(engine)
    with uow() as u:
        u.repo.add(OrganisationRow(kind=Organisation.AKASSE, name="Ny a-kasse"))
        assert not u.session.new or u.session.in_transaction()
        u.commit()
    assert seen[0] == "begin" and seen[-1] == "commit"
    with uow(read_only=True) as u:
        assert u.session.scalar(select(OrganisationRow.name).where(OrganisationRow.name == "Ny a-kasse")) == "Ny a-kasse"
