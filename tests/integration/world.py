"""A small, readable world for the integration tests: one a-kasse, one jobcenter, their caseworkers, people.

``a_world(uow, citizens=2)`` builds it through plain rows (setup, not a use case) and returns the ids. It
writes through the unit of work's repository only, so the same world is built in a database (SQLite,
PostgreSQL) or in the unit tests' in-memory fake (``tests/unit/services/fakes.py``). The
default person registered on Monday 5 January 2026, had the first a-kasse interview (called in, in person) on
12 January, and on :data:`NOW` (Monday 2 February 2026, 09:00 Danish time) may self-book job interviews with
the a-kasse. Caseworkers work Monday–Friday 09:00–15:00; interviews last 30 minutes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from scheduling.adapters.orm import (
    AgreedTimeslotRow,
    CaseworkerRow,
    CitizenRow,
    CourseRow,
    HourEntryRow,
    InterviewParticipantRow,
    InterviewRow,
    OrganisationRow,
    TimeslotStatus,
    WorkingHoursRow,
)
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Format,
    HourKind,
    Insurance,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.slots import COPENHAGEN

NOW = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)  # Monday 2 February 2026, 09:00 in Copenhagen
SLOT_DAY = date(2026, 2, 10)  # a Tuesday, no holiday


def local(day: date, hhmm: str) -> datetime:
    """An instant from a Danish date and wall-clock time, as aware UTC."""
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), COPENHAGEN).astimezone(UTC)


SLOT = local(SLOT_DAY, "10:00")


@dataclass
class World:
    akasse_id: int
    jobcenter_id: int
    akasse_caseworkers: list[int] = field(default_factory=list)
    jobcenter_caseworkers: list[int] = field(default_factory=list)
    citizens: list[int] = field(default_factory=list)
    other_akasse_caseworker: int | None = None  # of an a-kasse that serves none of the people


def _caseworker(org: OrganisationRow, name: str, kinds: list[str] | None = None) -> CaseworkerRow:
    worker = CaseworkerRow(
        organisation=org, name=name, email=f"{secrets.token_hex(4)}@example.dk", calendar_feed_token=secrets.token_hex(16),
        offered_kinds=kinds or [], offered_formats=[f.value for f in Format],
    )
    worker.working_hours = [WorkingHoursRow(weekday=d, start_time=time(9), end_time=time(15)) for d in range(5)]
    return worker


def a_world(
    uow_factory,
    *,
    citizens: int = 1,
    akasse_caseworkers: int = 1,
    jobcenter_caseworkers: int = 1,
    first_interview_held: bool = True,
    registered_on: date = date(2026, 1, 5),
    birth_date: date = date(1985, 6, 1),
    timeslot: bool = False,
    timeslot_participation: AkasseParticipation = AkasseParticipation.VIDEO,
    handed_over: bool = False,
    change_deadline_hours: int = 24,
) -> World:
    """Build the world and return its ids.

    ``handed_over``: the person registered on 1 September 2025 and 500 benefit hours were registered on
    2 October 2025, so the jobcenter is responsible from 1 November 2025 (R2) and on :data:`NOW` the person
    self-books with the jobcenter, joint interviews included. ``timeslot``: an accepted agreed timeslot on
    Tuesdays 10–12 with a-kasse participation by video (R22), or ``timeslot_participation``.
    ``change_deadline_hours``: both organisations' deadline for the person's rebooking and cancelling.
    """
    if handed_over:
        registered_on = date(2025, 9, 1)
    with uow_factory() as uow:
        add = uow.repo.add
        akasse = OrganisationRow(kind=Organisation.AKASSE, name="Testkassen", address="Kassevej 1, 8000 Aarhus C",
                                 book_by_days=8, change_deadline_hours=change_deadline_hours, slot_minutes=30)
        jobcenter = OrganisationRow(kind=Organisation.JOBCENTER, name="Jobcenter Testrup", kommune="Testrup",
                                    address="Rådhuspladsen 1", book_by_days=8, change_deadline_hours=change_deadline_hours,
                                    slot_minutes=30, faellessamtale_r10_selvbooking=True)
        other = OrganisationRow(kind=Organisation.AKASSE, name="Andenkassen", slot_minutes=30)
        for org in (akasse, jobcenter, other):
            add(org)
        ak = [_caseworker(akasse, f"A-kasse-rådgiver {i + 1}") for i in range(akasse_caseworkers)]
        jc = [_caseworker(jobcenter, f"Jobkonsulent {i + 1}") for i in range(jobcenter_caseworkers)]
        stranger = _caseworker(other, "Fremmed rådgiver")
        for worker in (*ak, *jc, stranger):
            add(worker)
        uow.flush()
        if timeslot:
            add(AgreedTimeslotRow(
                jobcenter_id=jobcenter.id, akasse_id=akasse.id, weekday=SLOT_DAY.weekday(), start_time=time(10),
                end_time=time(12), valid_from=date(2026, 1, 1), akasse_participation=timeslot_participation,
                status=TimeslotStatus.ACCEPTED, proposed_by_id=jc[0].id, proposed_at=NOW - timedelta(days=30),
                decided_by_id=ak[0].id, decided_at=NOW - timedelta(days=29),
            ))
        people = []
        for i in range(citizens):
            person = CitizenRow(
                cpr=f"{birth_date:%d%m%y}{4000 + i:04d}", name=f"Borger {i + 1}", birth_date=birth_date,
                akasse_id=akasse.id, jobcenter_id=jobcenter.id, phone="12345678",
                calendar_feed_token=secrets.token_hex(16),
            )
            add(person)
            uow.flush()
            course = CourseRow(citizen_id=person.id, registered_on=registered_on, placed_on=registered_on,
                               insurance=Insurance.FULLTIME)
            add(course)
            uow.flush()
            if handed_over:
                add(HourEntryRow(course_id=course.id, registered_on=date(2025, 10, 2), period_start=registered_on,
                                   period_end=date(2025, 9, 30), hours=Decimal("500"), kind=HourKind.DAGPENGE,
                                   registered_at=NOW - timedelta(days=120)))
            if first_interview_held:
                start = local(registered_on + timedelta(days=7), "09:00") + timedelta(minutes=30 * i)
                add(InterviewRow(
                    uid=f"first-{person.id}@test", sequence=0, course_id=course.id, citizen_id=person.id,
                    kind=InterviewKind.JOBSAMTALE, organisation=Organisation.AKASSE, organisation_id=akasse.id,
                    start_at=start, end_at=start + timedelta(minutes=30), format=Format.PERSONLIGT,
                    status=InterviewStatus.HELD, booked_by=BookedBy.CALLED_IN, booked_at=start - timedelta(days=5),
                    participants=[InterviewParticipantRow(
                        caseworker_id=ak[0].id, role=Organisation.AKASSE, start_at=start,
                        end_at=start + timedelta(minutes=30), status=InterviewStatus.HELD,
                    )],
                ))
            people.append(person.id)
        uow.commit()
        return World(akasse.id, jobcenter.id, [c.id for c in ak], [c.id for c in jc], people, stranger.id)
