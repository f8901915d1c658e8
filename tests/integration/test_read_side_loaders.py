"""The read side's plain-column loaders (issue 11, "pages") give what the ORM rows gave: the caseworkers a slot
search offers with their working hours and blocked times, on the demo world, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from scheduling.adapters.orm import CaseworkerRow, InterviewParticipantRow, OrganisationRow
from scheduling.course import InterviewKind, Organisation
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


# Every kind a caseworker offers free times for: the old rules' CV interview (R28) is only ever called in, so
# nobody offers it and it has no free times to compare.
OFFERED_KINDS = [kind for kind in InterviewKind if kind is not InterviewKind.CVSAMTALE]


def test_the_offering_caseworkers_and_their_week_are_what_the_rows_gave(uow):
    seed_demo(uow(), TODAY, history=False)  # the history's interviews lie months before these weeks
    with uow(read_only=True) as u:
        organisations = u.session.scalars(select(OrganisationRow.id).order_by(OrganisationRow.id)).all()
        assert organisations
        for kind in OFFERED_KINDS:
            hours = 0
            for organisation_id in organisations:
                offering = u.repo.caseworkers_offering(organisation_id, kind)
                rows = _offering_rows(u.session, organisation_id, kind)
                assert [cw.id for cw in offering] == [cw.id for cw in rows], kind
                for first in (TODAY - timedelta(days=7), TODAY, TODAY + timedelta(days=7)):
                    last = first + timedelta(days=6)
                    ours = u.repo.availability(offering, first, last)
                    theirs = u.repo.availability(rows, first, last)
                    assert ours == theirs, kind
                    hours += sum(len(a.working_hours) + len(a.interviews) for a in ours)
            assert hours > 0, kind


def _sorted(found):
    """Availabilities with their blocked times in order (the database gives them in no particular one)."""
    return [
        (a.caseworker_id, a.working_hours, *(tuple(sorted(times, key=lambda i: (i.start, i.end)))
                                             for times in (a.absences, a.busy, a.interviews)))
        for a in found
    ]


def test_one_read_of_the_offering_caseworkers_weeks_is_the_two_reads_of_each_organisation(uow):
    """A free-times search reads the offering caseworkers and their blocked times in one statement, for one
    organisation or both of a joint interview at once (issue 11, round 12): each organisation gets what the two
    reads apart gave (the caseworkers in id order, their hours, absences, busy times and interviews), also with
    an interview left out (a rebooking's own)."""
    seed_demo(uow(), TODAY, history=False)
    with uow(read_only=True) as u:
        organisations = u.session.scalars(select(OrganisationRow.id).order_by(OrganisationRow.id)).all()
        booked = u.session.execute(
            select(InterviewParticipantRow.interview_id, CaseworkerRow.organisation_id)
            .join(CaseworkerRow, CaseworkerRow.id == InterviewParticipantRow.caseworker_id)
            .where(InterviewParticipantRow.start_at >= datetime.combine(TODAY, time(0), UTC))
            .order_by(InterviewParticipantRow.start_at)
        ).first()
        assert booked is not None, "the demo books interviews after today"
        blocked = 0
        for kind in OFFERED_KINDS:
            for first in (TODAY - timedelta(days=7), TODAY, TODAY + timedelta(days=7)):
                last = first + timedelta(days=6)
                for pair in zip(organisations, [*organisations[1:], organisations[0]], strict=True):
                    for exclude in (None, booked.interview_id):
                        apart = [
                            _sorted(u.repo.availability(u.repo.caseworkers_offering(i, kind), first, last, exclude))
                            for i in pair
                        ]
                        together = [_sorted(found) for found in
                                    u.repo.offering_availability_in(pair, kind, first, last, exclude)]
                        assert together == apart, (kind, first, pair, exclude)
                        alone = u.repo.offering_availability_in(pair[:1], kind, first, last, exclude)
                        assert [_sorted(found) for found in alone] == apart[:1], (kind, first, pair, exclude)
                        blocked += sum(len(a[4]) for found in apart for a in found)
        assert blocked > 0, "some interviews were compared"
        week = TODAY - timedelta(days=TODAY.weekday())
        with_it, without_it = (
            sum(len(a.interviews) for a in u.repo.offering_availability_in(
                [booked.organisation_id], InterviewKind.JOBSAMTALE, week, week + timedelta(days=27), exclude)[0])
            for exclude in (None, booked.interview_id)
        )
        assert with_it == without_it + 1


def _from_rows(u, citizen_id: int):
    """A person's open course, interviews and decisions as the ORM rows give them (the services' path)."""
    citizen = u.repo.citizen(citizen_id)
    course_row = u.repo.active_course(citizen_id)
    return citizen, course_row


def test_every_persons_course_is_what_the_rows_give(uow):
    from scheduling.adapters.facts import course_fact
    from scheduling.adapters.orm import CitizenRow
    from scheduling.services import queries
    from scheduling.services.errors import NotFound

    seed_demo(uow(), TODAY)
    with uow(read_only=True) as u:
        ids = u.session.scalars(select(CitizenRow.id).order_by(CitizenRow.id)).all()
        workers = u.session.execute(
            select(CaseworkerRow.id, CaseworkerRow.organisation_id, CaseworkerRow.disabled).order_by(CaseworkerRow.id)
        ).all()
    checked = 0
    for citizen_id in ids:
        with uow(read_only=True) as u:
            citizen, course_row = _from_rows(u, citizen_id)
            organisations = (citizen.akasse_id, citizen.jobcenter_id)
            if course_row is not None:
                expected = (
                    course_fact(course_row, citizen), (citizen.id, citizen.name, citizen.cpr),
                    {Organisation.AKASSE: citizen.akasse.book_by_days,
                     Organisation.JOBCENTER: citizen.jobcenter.book_by_days},
                )
                deadlines = {o.id: o.change_deadline_hours for o in u.session.scalars(select(OrganisationRow))}
        if course_row is None:
            with pytest.raises(NotFound):
                queries.person_course(uow(read_only=True), citizen_id)
            continue
        person = queries.person_course(uow(read_only=True), citizen_id)
        assert (person.course, (person.id, person.name, person.cpr), dict(person.book_by_days)) == expected
        assert list(person.interviews) == queries.citizen_interviews(uow(read_only=True), citizen_id)
        assert list(person.decisions) == queries.citizen_decisions(uow(read_only=True), citizen_id)
        assert dict(person.change_deadline_hours) == {i.id: deadlines[i.organisation_id] for i in person.interviews}
        checked += 1
        for worker in workers:
            serves = worker.organisation_id in organisations and not worker.disabled
            if not serves:
                with pytest.raises(NotFound):
                    queries.case_file(uow(read_only=True), worker.id, citizen_id)
                continue
            case = queries.case_file(uow(read_only=True), worker.id, citizen_id)
            assert case.person == person
    assert checked >= 5
