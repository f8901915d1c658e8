"""Small worlds for the supervision's tests (R27): people as plain facts, written as rows, and read back as the
rules core's :class:`~scheduling.course.Course` for the reference.

``write_world(uow, people)`` makes a new a-kasse and jobcenter (named so that they sort after any other) and
writes each :class:`Person` with one course; so many worlds can share one database and each is asked about by
its organisations' ids.
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from scheduling.adapters.facts import course_fact
from scheduling.adapters.orm import (
    CitizenRow,
    CourseMilestonesRow,
    CourseRow,
    ExemptionRow,
    HourEntryRow,
    InterviewRow,
    OrganisationRow,
)
from scheduling.course import (
    BookedBy,
    Course,
    Exemption,
    ExemptionGround,
    Format,
    HourEntry,
    HourKind,
    Insurance,
    Interview,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.rules.supervision import Milestones, milestones
from scheduling.slots import COPENHAGEN

AS_OF = date(2099, 12, 31)  # the reference evaluates after every fact: what the database holds now
_serial = itertools.count(1)


def local(day: date, hhmm: str = "10:00") -> datetime:
    """An instant from a Danish date and wall-clock time, as aware UTC."""
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), COPENHAGEN).astimezone(UTC)


@dataclass(frozen=True)
class Held:
    """An interview of the person: its kind, who holds it, its start (aware), its status."""

    start: datetime
    organisation: Organisation = Organisation.AKASSE
    kind: InterviewKind = InterviewKind.JOBSAMTALE
    status: InterviewStatus = InterviewStatus.HELD


@dataclass(frozen=True)
class Hours:
    registered_on: date
    period_start: date
    period_end: date
    hours: Decimal
    kind: HourKind = HourKind.DAGPENGE


@dataclass(frozen=True)
class Exempt:
    ground: ExemptionGround
    starts_on: date
    ends_on: date | None = None
    event_on: date | None = None
    not_covered_on: date | None = None


@dataclass(frozen=True)
class Person:
    name: str
    registered_on: date
    hours: tuple[Hours, ...] = ()
    interviews: tuple[Held, ...] = ()
    exemptions: tuple[Exempt, ...] = ()
    birth_date: date = date(1980, 5, 5)
    insurance: Insurance = Insurance.FULLTIME
    vocational_qualification: bool = True
    custody_of_children_at_home: bool = False
    old_rules: bool = False
    placed_on: date | None = None


def benefit_to(registered_on: date, reached_registered_on: date, hours: str = "420") -> Hours:
    """One registration of enough benefit hours (410 full-time) on ``reached_registered_on``: the hand-over is
    the end of that month (R2)."""
    return Hours(reached_registered_on, registered_on, reached_registered_on, Decimal(hours))


@dataclass
class WorldIds:
    akasse_id: int
    jobcenter_id: int
    citizens: dict[str, int] = field(default_factory=dict)


def write_world(uow_factory, people: list[Person], *, prefix: str = "") -> WorldIds:
    """Write a new a-kasse and jobcenter and the people with one course each; return the ids."""
    tag = f"{prefix}{next(_serial):05d}{secrets.token_hex(2)}"
    with uow_factory() as uow:
        add = uow.repo.add
        akasse = OrganisationRow(kind=Organisation.AKASSE, name=f"Tilsynskassen {tag}", slot_minutes=30)
        jobcenter = OrganisationRow(kind=Organisation.JOBCENTER, name=f"Jobcenter Tilsyn {tag}", slot_minutes=30)
        add(akasse)
        add(jobcenter)
        uow.flush()
        ids = WorldIds(akasse.id, jobcenter.id)
        for person in people:
            citizen = CitizenRow(
                cpr=f"{secrets.randbelow(10**10):010d}", name=person.name, birth_date=person.birth_date,
                akasse_id=akasse.id, jobcenter_id=jobcenter.id, calendar_feed_token=secrets.token_hex(16),
            )
            add(citizen)
            uow.flush()
            course = CourseRow(
                citizen_id=citizen.id, registered_on=person.registered_on,
                placed_on=person.placed_on or person.registered_on, insurance=person.insurance,
                vocational_qualification=person.vocational_qualification,
                custody_of_children_at_home=person.custody_of_children_at_home, old_rules=person.old_rules,
            )
            add(course)
            uow.flush()
            for h in person.hours:  # in this order: the ids break ties as the facts' order does
                add(HourEntryRow(course_id=course.id, registered_on=h.registered_on, period_start=h.period_start,
                                 period_end=h.period_end, hours=h.hours, kind=h.kind,
                                 registered_at=datetime(2020, 1, 1, tzinfo=UTC)))
                uow.flush()
            for e in person.exemptions:
                add(ExemptionRow(course_id=course.id, ground=e.ground, starts_on=e.starts_on, ends_on=e.ends_on,
                                 event_on=e.event_on, not_covered_on=e.not_covered_on,
                                 registered_at=datetime(2020, 1, 1, tzinfo=UTC)))
            for i in person.interviews:
                add(InterviewRow(
                    uid=f"tilsyn-{next(_serial)}-{secrets.token_hex(4)}@test", sequence=0, course_id=course.id,
                    citizen_id=citizen.id, kind=i.kind, organisation=i.organisation,
                    organisation_id=akasse.id if i.organisation is Organisation.AKASSE else jobcenter.id,
                    start_at=i.start, end_at=i.start + timedelta(minutes=30), format=Format.PERSONLIGT,
                    status=i.status, booked_by=BookedBy.CALLED_IN, booked_at=i.start - timedelta(days=5),
                ))
            ids.citizens[person.name] = citizen.id
        uow.commit()
    return ids


def course_of(person: Person) -> Course:
    """The person's course as the rules core sees it."""
    return Course(
        registered_on=person.registered_on,
        placed_on=person.placed_on or person.registered_on,
        insurance=person.insurance,
        birth_date=person.birth_date,
        vocational_qualification=person.vocational_qualification,
        custody_of_children_at_home=person.custody_of_children_at_home,
        old_rules=person.old_rules,
        hours=tuple(HourEntry(h.registered_on, h.period_start, h.period_end, h.hours, h.kind) for h in person.hours),
        exemptions=tuple(
            Exemption(str(n), e.ground, e.starts_on, e.ends_on, e.event_on, e.not_covered_on)
            for n, e in enumerate(person.exemptions)
        ),
        interviews=tuple(
            sorted(
                (Interview(str(n), i.kind, i.organisation, i.start, i.start + timedelta(minutes=30), Format.PERSONLIGT,
                           i.status, BookedBy.CALLED_IN) for n, i in enumerate(person.interviews)),
                key=lambda i: (i.start, i.id),
            )
        ),
    )


_FIELDS = list(Milestones.__dataclass_fields__)


def stored_and_fresh(new, citizens: list[int] | None = None) -> tuple[dict[int, Milestones], dict[int, Milestones]]:
    """The stored milestones and a fresh computation by the rules core, of every course (or ``citizens``')."""
    with new() as uow:
        mine = CourseRow.citizen_id.in_(citizens) if citizens is not None else CourseRow.id.is_not(None)
        courses = uow.session.scalars(select(CourseRow).where(mine).options(
            selectinload(CourseRow.citizen).selectinload(CitizenRow.jobcenter),
            selectinload(CourseRow.hours), selectinload(CourseRow.exemptions), selectinload(CourseRow.interviews),
        )).all()
        # the facts as the rules core reads them: the ledger by registration, ties by id
        fresh = {}
        for c in courses:
            fact = course_fact(c, c.citizen)
            hours = sorted(zip(c.hours, fact.hours, strict=True), key=lambda pair: (pair[0].registered_on, pair[0].id))
            fresh[c.id] = milestones(replace(fact, hours=tuple(h for _, h in hours)))
        stored = {
            r.course_id: Milestones(*(getattr(r, name) for name in _FIELDS))
            for r in uow.session.scalars(select(CourseMilestonesRow).where(
                CourseMilestonesRow.course_id.in_(select(CourseRow.id).where(mine))))
        }
    return stored, fresh
