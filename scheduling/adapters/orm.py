"""The database as an adapter: SQLAlchemy models of the portal's memory.

The rules core never sees these rows: :mod:`scheduling.adapters.facts` turns them into the immutable
:class:`scheduling.course.Course`, and the services in :mod:`scheduling.services` are the only code that
writes them. Every instant is aware UTC (:class:`UTCDateTime`); every enum is the one from
:mod:`scheduling.course` or :mod:`scheduling.vocabulary`, stored as its string value.

Guards the database itself keeps (see :mod:`scheduling.services.booking` for the whole story):

* ``uq_interview_participants_caseworker_start`` — a caseworker never has two active interviews starting at
  the same instant;
* ``uq_interviews_citizen_start`` — a person never has two active interviews starting at the same instant;
* ``ex_interview_participants_caseworker_overlap`` and ``ex_interviews_citizen_overlap`` (PostgreSQL only) —
  exclusion constraints (btree_gist): a caseworker, and a person, never holds two active interviews whose
  times overlap at all, whatever their starts. They are what lets a booking claim only the caseworker it gets
  instead of locking every candidate (:mod:`scheduling.services.booking`);
* ``uq_courses_one_active_per_citizen`` — one open contact course per person;
* the audit log is append-only (a trigger, created by the migration, refuses UPDATE and DELETE).

On SQLite (no exclusion constraints) overlaps that do not share a start are refused by the booking
transaction, which holds the database's single write lock (``BEGIN IMMEDIATE``) while it checks and writes;
the unique indexes are the backstop that holds even for a buggy code path.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any, Self

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    func,
    inspect,
    text,
    true,
)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.orm.attributes import instance_dict, manager_of_class

from scheduling.adapters.types import StrEnumType, UTCDateTime
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    ExemptionGround,
    Format,
    HourKind,
    Insurance,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.vocabulary import (
    ActorKind,
    BusySource,
    NoticeChannel,
    NoticeKind,
    NoticeStatus,
    RecordKind,
    TimeslotStatus,
)

# Every enum a column stores is defined in the domain (scheduling.course, scheduling.vocabulary); import it from
# there, not from here.

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The statuses in which an interview occupies its time (a cancelled one frees it). Used by the partial unique
# indexes below and by the overlap checks in the services; keep them the same.
ACTIVE_STATUSES = (InterviewStatus.BOOKED, InterviewStatus.HELD, InterviewStatus.MISSED)
_ACTIVE_SQL = "status <> 'aflyst'"
assert InterviewStatus.CANCELLED.value == "aflyst"


def _no_overlap(name: str, who: str) -> ExcludeConstraint:
    """PostgreSQL refuses two active rows of one ``who`` whose ``[start_at, end_at)`` overlap (btree_gist).

    Created by migration 0006 (with the extension); not on SQLite, which has no exclusion constraints.
    """
    constraint = ExcludeConstraint(
        (text(who), "="),
        (func.tstzrange(text("start_at"), text("end_at")), "&&"),
        name=name,
        using="gist",
        where=text(_ACTIVE_SQL),
    )
    constraint.ddl_if(dialect="postgresql")
    return constraint


def _during_index(table: str) -> Index:
    """PostgreSQL finds the rows overlapping a span on ``gist (tstzrange(start_at, end_at))`` (migration 0014),
    asked with ``&&``: a booking's final check reads only the absences and busy times near its slot, not each
    caseworker's whole history. Not on SQLite."""
    index = Index(
        f"ix_{table}_during",
        func.tstzrange(text("start_at"), text("end_at")),
        postgresql_using="gist",
    )
    index.ddl_if(dialect="postgresql")
    return index


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[str]: JSON()}

    @classmethod
    def appended(cls, **columns: Any) -> Self:
        """A new row for :meth:`~scheduling.adapters.repository.AbstractRepository.append` (a message, a notice, an
        audit line: written by one plain INSERT, never by the ORM's flush): its columns are put in its state as
        the ORM puts a loaded row's, without the attribute events the constructor fires for each (which only a
        row the session tracks needs; a fifth of the constructor's Python calls). Columns only, by attribute
        name; an unknown name is a TypeError, as in the constructor."""
        unknown = columns.keys() - _column_names(cls)
        if unknown:
            raise TypeError(f"{cls.__name__} has no column {sorted(unknown)[0]!r}")
        row: Self = manager_of_class(cls).new_instance()
        instance_dict(row).update(columns)
        return row


@cache
def _column_names(cls: type[Base]) -> frozenset[str]:
    return frozenset(prop.key for prop in inspect(cls).column_attrs)


class OrganisationRow(Base):
    """An a-kasse or a jobcenter (a kommune's), with its booking settings."""

    __tablename__ = "organisations"
    __table_args__ = (
        CheckConstraint("book_by_days >= 8", name="book_by_days_at_least_8"),
        CheckConstraint("change_deadline_hours >= 0", name="change_deadline_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[Organisation] = mapped_column(StrEnumType(Organisation))
    name: Mapped[str] = mapped_column(String(200))
    kommune: Mapped[str | None] = mapped_column(String(100))  # a jobcenter's kommune
    # By when the person must have booked: at least 8 days before the interview's deadline (issue 3, Jobnet).
    book_by_days: Mapped[int] = mapped_column(Integer, default=8)
    # Until how many hours before its start a self-booked interview may be rebooked or cancelled.
    change_deadline_hours: Mapped[int] = mapped_column(Integer, default=24)
    # R21: the jobcenter's choice, per kind of joint interview, whether it is self-booked (True) or called in
    # (False): the first jobcenter interview the person may hold jointly (R10) and the 16-month interview (R12).
    faellessamtale_r10_selvbooking: Mapped[bool] = mapped_column(Boolean, default=True)
    faellessamtale_r12_selvbooking: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    address: Mapped[str | None] = mapped_column(String(300))  # where in-person interviews are held
    phone: Mapped[str | None] = mapped_column(String(40))
    slot_minutes: Mapped[int] = mapped_column(Integer, default=30)  # the length of a bookable interview
    # Whom the person contacts, and what they need to know to attend (issue 13, "Someone to contact").
    email: Mapped[str | None] = mapped_column(String(254))
    contact_url: Mapped[str | None] = mapped_column(String(500))  # a contact form (https only)
    opening_hours: Mapped[str | None] = mapped_column(String(300))  # when the phone is answered, as prose
    # Whether a person sees the names of the caseworkers holding their interviews; off unless the organisation
    # chooses to show them.
    show_caseworker_names: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reception: Mapped[str | None] = mapped_column(String(500))  # where to report on arrival, which room
    what_to_bring: Mapped[str | None] = mapped_column(String(500))
    calls_from: Mapped[str | None] = mapped_column(String(40))  # the number a phone interview is made from
    # Issue 15: the address of a video meeting, with {room} where each interview's unguessable room name goes
    video_room_template: Mapped[str | None] = mapped_column(String(300))
    # Issue 15 (migration 0021): the hour (Danish time) of the reminder the day before an interview, and how many
    # days before the book-by date a person who has booked nothing is reminded
    reminder_hour: Mapped[int] = mapped_column(Integer, default=9, server_default="9")
    book_by_reminder_days: Mapped[int] = mapped_column(Integer, default=3, server_default="3")

    caseworkers: Mapped[list[CaseworkerRow]] = relationship(back_populates="organisation")


class OrganisationClosureRow(Base):
    """A day (or part of one) the organisation is closed beyond the public holidays: 24 and 31 December, the
    afternoon of Grundlovsdag … Nothing is offered then, and a booking's final check refuses it. Without
    ``from_time``/``to_time`` the whole day; with them, from ``from_time`` to ``to_time`` (Danish time; a missing
    one is the start or the end of the day)."""

    __tablename__ = "organisation_closures"
    __table_args__ = (
        CheckConstraint("from_time IS NULL OR to_time IS NULL OR from_time < to_time", name="from_before_to"),
        Index("ix_organisation_closures_organisation_day", "organisation_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    from_time: Mapped[time | None] = mapped_column(Time)
    to_time: Mapped[time | None] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(String(200))


class CaseworkerRow(Base):
    """A caseworker (sagsbehandler) of one organisation."""

    __tablename__ = "caseworkers"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))  # Argon2; None for an OIDC-only account
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # Issue 17 (migration 0025): one of the organisation's leaders (ledelse), who sees its supervision figures
    # (R27) and the people behind them
    is_leader: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Stored in the session at log-in and checked on every request; raised by log-out, a password change and
    # disabling, so every copy of an earlier session cookie stops working.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    calendar_feed_token: Mapped[str] = mapped_column(String(64), unique=True)
    offered_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)  # InterviewKind values
    offered_formats: Mapped[list[str]] = mapped_column(JSON, default=list)  # Format values
    busy_ics_url: Mapped[str | None] = mapped_column(String(1000))
    video_link: Mapped[str | None] = mapped_column(String(500))  # their own fixed meeting link (issue 15)

    organisation: Mapped[OrganisationRow] = relationship(back_populates="caseworkers")
    working_hours: Mapped[list[WorkingHoursRow]] = relationship(
        back_populates="caseworker", cascade="all, delete-orphan", order_by="WorkingHoursRow.weekday"
    )
    absences: Mapped[list[AbsenceRow]] = relationship(back_populates="caseworker", cascade="all, delete-orphan")


class SupervisorRow(Base):
    """A supervisor at the agency (STAR, issue 17): sees every organisation's supervision figures (R27) as
    aggregates, never a person. Logs in like a caseworker (e-mail and password, or OIDC) but belongs to no
    organisation."""

    __tablename__ = "supervisors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))  # Argon2; None for an OIDC-only account
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class WorkingHoursRow(Base):
    """A caseworker's weekly working hours: on ``weekday`` (0 = Monday) from ``start`` to ``end``, Danish time."""

    __tablename__ = "working_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("start_time < end_time", name="start_before_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)

    caseworker: Mapped[CaseworkerRow] = relationship(back_populates="working_hours")


class AbsenceRow(Base):
    """A caseworker away (holiday, course, illness) from ``start`` to ``end`` (UTC instants)."""

    __tablename__ = "absences"
    __table_args__ = (CheckConstraint("start_at < end_at", name="start_before_end"), _during_index("absences"))

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id", ondelete="CASCADE"), index=True)
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(String(200))

    caseworker: Mapped[CaseworkerRow] = relationship(back_populates="absences")


class BusyTimeRow(Base):
    """A busy time from the caseworker's own calendar (issue 6). No summary: nothing more personal than needed."""

    __tablename__ = "busy_times"
    __table_args__ = (CheckConstraint("start_at <= end_at", name="start_before_end"), _during_index("busy_times"))

    id: Mapped[int] = mapped_column(primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id", ondelete="CASCADE"), index=True)
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    source: Mapped[BusySource] = mapped_column(StrEnumType(BusySource))
    imported_at: Mapped[datetime]


class CitizenRow(Base):
    """A person on benefit: a member of one a-kasse, resident in one kommune (served by its jobcenter)."""

    __tablename__ = "citizens"
    __mapper_args__ = {"eager_defaults": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    cpr: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date] = mapped_column(Date)
    akasse_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    jobcenter_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))  # confirmed: notices go here (the outbox)
    locale: Mapped[str] = mapped_column(String(8), default="da")
    # a new address the person gave, until they open the link sent to it (the hash of its token; migration 0019)
    email_pending: Mapped[str | None] = mapped_column(String(254))
    email_token_hash: Mapped[str | None] = mapped_column(String(64))
    email_token_expires: Mapped[datetime | None]
    # which notices by which channel: NoticeCategory -> NoticeChoice ("email", "sms", "both", "none"); a category
    # without one, or None: e-mail if confirmed, else SMS (scheduling.notice_choices; migration 0026)
    notice_choices: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # issue 15 (migration 0022): the person's interviews' calendar invitations by e-mail too (a confirmed address)
    calendar_invitations: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    calendar_feed_token: Mapped[str] = mapped_column(String(64), unique=True)
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # as CaseworkerRow's
    # moved by the database's triggers with every change to what the person's pages show (migration 0031; the
    # app never writes it): the rendered pages kept under it (portal.page_cache) are then not used again
    # (deferred, and not fetched after an insert: the code at an older revision — the migration tests — has no column)
    page_version: Mapped[int] = mapped_column(Integer, server_default="0", deferred=True)

    akasse: Mapped[OrganisationRow] = relationship(foreign_keys=[akasse_id])
    jobcenter: Mapped[OrganisationRow] = relationship(foreign_keys=[jobcenter_id])
    courses: Mapped[list[CourseRow]] = relationship(back_populates="citizen", order_by="CourseRow.placed_on")


class CourseRow(Base):
    """A contact course (kontaktforløb): one person in one benefit period (R5). Open while ``ended_on`` is None."""

    __tablename__ = "courses"
    __table_args__ = (
        Index(
            "uq_courses_one_active_per_citizen",
            "citizen_id",
            unique=True,
            postgresql_where=text("ended_on IS NULL"),
            sqlite_where=text("ended_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    registered_on: Mapped[date] = mapped_column(Date)
    placed_on: Mapped[date] = mapped_column(Date)
    insurance: Mapped[Insurance] = mapped_column(StrEnumType(Insurance))
    vocational_qualification: Mapped[bool] = mapped_column(Boolean, default=False)
    custody_of_children_at_home: Mapped[bool] = mapped_column(Boolean, default=False)
    referred_r4_on: Mapped[date | None] = mapped_column(Date)
    repatriation: Mapped[bool] = mapped_column(Boolean, default=False)
    old_rules: Mapped[bool] = mapped_column(Boolean, default=False)
    ended_on: Mapped[date | None] = mapped_column(Date)

    citizen: Mapped[CitizenRow] = relationship(back_populates="courses")
    hours: Mapped[list[HourEntryRow]] = relationship(order_by="HourEntryRow.registered_on")
    exemptions: Mapped[list[ExemptionRow]] = relationship(order_by="ExemptionRow.starts_on")
    control_actions: Mapped[list[ControlActionRow]] = relationship(order_by="ControlActionRow.received_on")
    interviews: Mapped[list[InterviewRow]] = relationship(back_populates="course", order_by="InterviewRow.start_at")
    decisions: Mapped[list[DecisionRow]] = relationship(order_by="DecisionRow.made_at")


class HourEntryRow(Base):
    """One registration in the hour ledger (R2, R3)."""

    __tablename__ = "hour_entries"
    __table_args__ = (
        CheckConstraint("period_start <= period_end", name="period_order"),
        CheckConstraint("hours >= 0", name="hours_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    registered_on: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Numeric(9, 2))
    kind: Mapped[HourKind] = mapped_column(StrEnumType(HourKind))
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    registered_at: Mapped[datetime]


class ExemptionRow(Base):
    """Reduced effort (R26, LAB § 106), and the afgørelse that the person is not covered after all."""

    __tablename__ = "exemptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    ground: Mapped[ExemptionGround] = mapped_column(StrEnumType(ExemptionGround))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    event_on: Mapped[date | None] = mapped_column(Date)
    documentation: Mapped[str | None] = mapped_column(Text)
    not_covered_on: Mapped[date | None] = mapped_column(Date)
    not_covered_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    registered_at: Mapped[datetime]


class ControlActionRow(Base):
    """Another authority's control action (R25), received on a day."""

    __tablename__ = "control_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    stay_abroad: Mapped[bool] = mapped_column(Boolean, default=False)
    authority: Mapped[str | None] = mapped_column(String(200))
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    registered_at: Mapped[datetime]


class AgreedTimeslotRow(Base):
    """R22: a recurring interval a jobcenter and an a-kasse agreed for joint interviews, with the a-kasse's form."""

    __tablename__ = "agreed_timeslots"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("start_time < end_time", name="start_before_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    jobcenter_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    akasse_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    akasse_participation: Mapped[AkasseParticipation] = mapped_column(StrEnumType(AkasseParticipation))
    status: Mapped[TimeslotStatus] = mapped_column(StrEnumType(TimeslotStatus))
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"))
    proposed_at: Mapped[datetime]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    decided_at: Mapped[datetime | None]
    # ended by either side (issue 14): no new joint interviews from ended_from; those booked in it stay
    ended_from: Mapped[date | None] = mapped_column(Date)
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("caseworkers.id"))
    ended_at: Mapped[datetime | None]

    jobcenter: Mapped[OrganisationRow] = relationship(foreign_keys=[jobcenter_id])
    akasse: Mapped[OrganisationRow] = relationship(foreign_keys=[akasse_id])
    ended_by: Mapped[CaseworkerRow | None] = relationship(foreign_keys=[ended_by_id])


def _booked_at(context: Any) -> datetime | None:
    """An interview inserted without a change time (a row written behind the services) last changed when booked."""
    return context.get_current_parameters()["booked_at"] if context is not None else None


class InterviewRow(Base):
    """An interview. ``uid`` is its iCalendar UID for its whole life; ``sequence`` rises on every change.

    ``citizen_id`` repeats the course's person so that the database can refuse two active interviews for one
    person at the same instant (``uq_interviews_citizen_start``).
    """

    __tablename__ = "interviews"
    __table_args__ = (
        CheckConstraint("start_at < end_at", name="start_before_end"),
        Index(
            "uq_interviews_citizen_start",
            "citizen_id",
            "start_at",
            unique=True,
            postgresql_where=text(_ACTIVE_SQL),
            sqlite_where=text(_ACTIVE_SQL),
        ),
        Index("ix_interviews_start_at", "start_at"),
        Index("ix_interviews_changed_at", "changed_at", "id"),  # the API's incremental sync (issue 16)
        _no_overlap("ex_interviews_citizen_overlap", "citizen_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(100), unique=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    kind: Mapped[InterviewKind] = mapped_column(StrEnumType(InterviewKind))
    organisation: Mapped[Organisation] = mapped_column(StrEnumType(Organisation))  # who holds it
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    format: Mapped[Format] = mapped_column(StrEnumType(Format))
    status: Mapped[InterviewStatus] = mapped_column(StrEnumType(InterviewStatus))
    booked_by: Mapped[BookedBy] = mapped_column(StrEnumType(BookedBy))
    akasse_participation: Mapped[AkasseParticipation | None] = mapped_column(StrEnumType(AkasseParticipation))
    format_raised: Mapped[bool] = mapped_column(Boolean, default=False)
    format_raised_reason: Mapped[str | None] = mapped_column(Text)
    control_action_id: Mapped[int | None] = mapped_column(ForeignKey("control_actions.id"))
    timeslot_id: Mapped[int | None] = mapped_column(ForeignKey("agreed_timeslots.id"))
    booked_at: Mapped[datetime]
    rebooked_count: Mapped[int] = mapped_column(Integer, default=0)
    cancelled_at: Mapped[datetime | None]
    recorded_at: Mapped[datetime | None]  # when it was recorded held or missed
    # R13/R14 checklist as recorded: {"repatriation_guidance": true, "min_plan": true, "joblog": true, "cv": true}
    checklist: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    video_link: Mapped[str | None] = mapped_column(String(500))
    caseworker_note: Mapped[str | None] = mapped_column(Text)  # never shown to the person, never in a calendar
    # the instant of the last change through the services (booked, moved, format raised, cancelled, recorded): what
    # the API's changed_since and its cursor order by (issue 16); null only for rows written behind the services
    changed_at: Mapped[datetime | None] = mapped_column(default=_booked_at)

    course: Mapped[CourseRow] = relationship(back_populates="interviews")
    participants: Mapped[list[InterviewParticipantRow]] = relationship(
        back_populates="interview", cascade="all, delete-orphan", order_by="InterviewParticipantRow.caseworker_id"
    )
    org: Mapped[OrganisationRow] = relationship(foreign_keys=[organisation_id])

    @property
    def caseworker_ids(self) -> list[int]:
        return [p.caseworker_id for p in self.participants]


class InterviewParticipantRow(Base):
    """A caseworker taking part in an interview (one, or two for a joint one).

    ``start_at``, ``end_at`` and ``status`` repeat the interview's so that the database can refuse a caseworker
    two active interviews at once (``ex_interview_participants_caseworker_overlap`` on PostgreSQL, any overlap;
    ``uq_interview_participants_caseworker_start``, the same start); the services keep them in step.
    """

    __tablename__ = "interview_participants"
    __table_args__ = (
        Index(
            "uq_interview_participants_caseworker_start",
            "caseworker_id",
            "start_at",
            unique=True,
            postgresql_where=text(_ACTIVE_SQL),
            sqlite_where=text(_ACTIVE_SQL),
        ),
        _no_overlap("ex_interview_participants_caseworker_overlap", "caseworker_id"),
        # a caseworker's subscription feed: their interviews in a window, cancelled ones too (migration 0007)
        Index("ix_interview_participants_caseworker_start", "caseworker_id", "start_at"),
    )

    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"), primary_key=True)
    role: Mapped[Organisation] = mapped_column(StrEnumType(Organisation))  # for which organisation they attend
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    status: Mapped[InterviewStatus] = mapped_column(StrEnumType(InterviewStatus))

    interview: Mapped[InterviewRow] = relationship(back_populates="participants")
    caseworker: Mapped[CaseworkerRow] = relationship()


class DecisionRow(Base):
    """A decision about the person: revocation/restoration of self-booking, exemption from it, R26, format raised.

    ``is_afgoerelse`` marks a formal administrative decision (R23, R26): it carries ``letter`` with reasons and
    appeal instructions.
    """

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    kind: Mapped[RecordKind] = mapped_column(StrEnumType(RecordKind))
    organisation: Mapped[Organisation] = mapped_column(StrEnumType(Organisation))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    made_by_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"))
    made_at: Mapped[datetime]
    ground: Mapped[str | None] = mapped_column(String(100))
    assessment: Mapped[str] = mapped_column(Text, default="")
    is_afgoerelse: Mapped[bool] = mapped_column(Boolean, default=False)
    letter: Mapped[str | None] = mapped_column(Text)  # the Danish letter as sent (the legal record)
    # the letter's message id and parameters (scheduling.services.letters.TEMPLATES): rendered in the reader's
    # language at read time; None for letters written before (migration 0013), which show ``letter``
    letter_id: Mapped[str | None] = mapped_column(String(60))
    letter_params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id"))

    made_by: Mapped[CaseworkerRow] = relationship()


class MessageRow(Base):
    """A message in the person's inbox ("Beskeder"); Digital Post is the real channel later."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300))  # subject and body: the Danish text as sent
    body: Mapped[str] = mapped_column(Text)
    # the message id and parameters (scheduling.services.letters.TEMPLATES), rendered in the reader's language at
    # read time; None for messages written before (migration 0013), which show their stored text
    message_id: Mapped[str | None] = mapped_column(String(60))
    params: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))


class AuditRow(Base):
    """The append-only audit log: who, when, what, on which object, why. A trigger refuses UPDATE and DELETE."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor_kind: Mapped[ActorKind] = mapped_column(StrEnumType(ActorKind))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"), index=True)
    why: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


metadata = Base.metadata


class CaseloadStatusRow(Base):
    """The caseload's read model: one row per open course, what :func:`scheduling.caseload.course_status` said
    of it on ``evaluated_on`` (issue 11). Written only by :mod:`scheduling.adapters.caseload`, in the same
    transaction as every change to the course, and for the date alone by ``flask caseload opdater``.

    ``name``, ``name_key`` (the name's words in lower case, each after a space, for search:
    :func:`scheduling.caseload.name_key`) and ``cpr`` repeat the person's, so that the page
    pages, sorts and searches one table; ``urgency`` (0 when something is overdue) and ``sort_due`` (the next
    deadline, 9999-12-31 for none) are the urgency order.
    """

    __tablename__ = "caseload_status"
    __table_args__ = (
        Index("ix_caseload_status_urgency", "responsible_id", "urgency", "sort_due", "name", "course_id"),
        Index("ix_caseload_status_name", "responsible_id", "name", "course_id"),
        Index("ix_caseload_status_due", "responsible_id", "sort_due", "name", "course_id"),
        Index("ix_caseload_status_evaluated_on", "evaluated_on"),
        # a word's beginning anywhere in the name: LIKE '% han%' on the name's trigrams (migration 0017)
        Index("ix_caseload_status_name_trgm", "name_key", postgresql_using="gin",
              postgresql_ops={"name_key": "gin_trgm_ops"}),
        Index("ix_caseload_status_cpr", "cpr", postgresql_ops={"cpr": "varchar_pattern_ops"}),
    )

    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    cpr: Mapped[str] = mapped_column(String(10))
    akasse_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    jobcenter_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    responsible: Mapped[Organisation] = mapped_column(StrEnumType(Organisation))
    responsible_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    next_due: Mapped[date | None] = mapped_column(Date)
    next_rule: Mapped[str | None] = mapped_column(String(10))
    next_kind: Mapped[InterviewKind | None] = mapped_column(StrEnumType(InterviewKind))
    next_projected: Mapped[bool] = mapped_column(Boolean, default=False)
    next_reason: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sort_due: Mapped[date] = mapped_column(Date)
    urgency: Mapped[int] = mapped_column(Integer)
    overdue: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20))
    may_self_book: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt_self_booking: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    book_by_due: Mapped[date | None] = mapped_column(Date)
    signals: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    evaluated_on: Mapped[date] = mapped_column(Date)
    held_late: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # issue 12: holdt for sent


class CaseloadRefreshRow(Base):
    """Part of the caseload's read model: a finished ``flask caseload opdater`` (migration 0007). It evaluated
    every open course for ``day`` and rewrote only the rows whose status had changed (``rewritten`` of
    ``checked``), so every row is known to hold on the latest ``day``, whatever its ``evaluated_on``."""

    __tablename__ = "caseload_refreshes"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime())
    checked: Mapped[int] = mapped_column(Integer)
    rewritten: Mapped[int] = mapped_column(Integer)


class CourseMilestonesRow(Base):
    """The supervision's read model (R27, issue 17; migration 0027): one row per course, open or closed, with
    the days the supervision counts from as :func:`scheduling.rules.supervision.milestones` computes them from
    the course's facts — the hand-over (R2) and the 6-month day (R3) once the ledger has registered them (NULL
    while they are only projected), and whether an exemption (R26) covered a whole calendar month before each.
    With them, the held interviews the supervision counts against each day (R7, R8, R9; migration 0030).
    Written only by :mod:`scheduling.adapters.milestones`, in the same transaction as every change to the
    course's registration, placement, insurance, hour ledger, exemptions or held interviews, and rebuilt by
    ``flask --app portal tilsyn opdater``."""

    __tablename__ = "course_milestones"

    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True)
    handover_on: Mapped[date | None] = mapped_column(Date)
    six_months_on: Mapped[date | None] = mapped_column(Date)
    exempt_by_handover: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt_by_six_months: Mapped[bool] = mapped_column(Boolean, default=False)
    # the held interviews counted against those days (migration 0030), as Milestones counts them; a server
    # default only, so that migration 0027's rebuild, which writes the columns above, leaves them to the database
    akasse_held_in_time: Mapped[int] = mapped_column(Integer, server_default="0")
    akasse_held_late: Mapped[int] = mapped_column(Integer, server_default="0")
    r8_held_in_time: Mapped[int] = mapped_column(Integer, server_default="0")
    r8_held_late: Mapped[int] = mapped_column(Integer, server_default="0")
    r9_held_in_time: Mapped[int] = mapped_column(Integer, server_default="0")
    r9_held_late: Mapped[int] = mapped_column(Integer, server_default="0")


class CaseloadCaseworkerRow(Base):
    """Part of the caseload's read model: the caseworkers taking part in a course's interviews (not cancelled),
    for the caseworker's own list ("mine"). Kept with :class:`CaseloadStatusRow`, whose ``responsible_id`` each
    link repeats: the list reads only the links to the caseworker's own organisation's people (migration 0010);
    and whose default order (``urgency``, ``sort_due``, ``name``), so that a page of the list most urgent first
    reads only its own rows (migration 0015).
    """

    __tablename__ = "caseload_caseworkers"
    __table_args__ = (
        # "mine", most urgent first, walks this index in the page's order (migration 0015)
        Index("ix_caseload_caseworkers_mine", "caseworker_id", "responsible_id", "urgency", "sort_due", "name",
              "course_id"),
    )

    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"), primary_key=True)
    course_id: Mapped[int] = mapped_column(
        ForeignKey("caseload_status.course_id", ondelete="CASCADE"), primary_key=True, index=True
    )
    responsible_id: Mapped[int] = mapped_column(Integer)
    # the status row's default order, repeated (migration 0015): urgency, sort_due, name
    urgency: Mapped[int] = mapped_column(Integer)
    sort_due: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(200))


class SlotChangeRow(Base):
    """A change to an organisation's free times in a Danish week (``week`` its Monday; None: every week), written
    by PostgreSQL triggers on the tables the free times are made of (migration 0016). Only ever inserted: the
    number of rows of a week is its version, which the process-wide cache of free times asks for
    (:mod:`scheduling.services.slot_cache`)."""

    __tablename__ = "slot_changes"
    __table_args__ = (Index("ix_slot_changes_organisation_week", "organisation_id", "week"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(Integer)
    week: Mapped[date | None] = mapped_column(Date)


class PageVersionRow(Base):
    """One row (id 1): the version of what every person's pages show besides their own rows — the organisations,
    their closed days, the agreed timeslots, the caseworkers' names — moved by the database's triggers
    (migration 0031) and read with each person's ``page_version`` (:mod:`portal.page_cache`)."""

    __tablename__ = "page_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(Integer, server_default="0")


class CprLookUpsRow(Base):
    """How many times anyone has been shown the person's full CPR number: the sum of the person's rows is the
    number of their ``cpr_viewed`` audit lines, moved by a trigger on ``audit_log`` in the transaction that writes
    each (migration 0032; the app never writes it). The person page reads it in one probe instead of counting the
    lines. On PostgreSQL each connection counts in its own ``shard`` of the person's count (migration 0033), so
    that two views of the person at once do not queue on one row."""

    __tablename__ = "cpr_look_ups"

    citizen_id: Mapped[int] = mapped_column(
        ForeignKey("citizens.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    shard: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False, server_default="0")
    views: Mapped[int] = mapped_column(Integer, server_default="0")


class NoticeRow(Base):
    """A notice in the outbox (migration 0019): something to tell a person outside the portal, written in the same
    transaction as the change it tells of and delivered by the worker (``flask --app portal notices send``).

    It holds no free text and no personal data beyond ids: ``topic`` names what happened (a
    :class:`~scheduling.vocabulary.MessageKind` for news in the inbox) and ``params`` the interview's time and
    format; the address is the recipient's at sending time. ``key`` is unique and stable: the e-mail's
    Message-ID, so a receiver can drop the second copy of the at-least-once delivery."""

    __tablename__ = "notices"
    __table_args__ = (
        Index("ix_notices_due", "status", "next_attempt_at"),
        Index("ix_notices_recipient", "recipient_kind", "recipient_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    recipient_kind: Mapped[ActorKind] = mapped_column(StrEnumType(ActorKind))
    recipient_id: Mapped[int] = mapped_column(Integer)
    channel: Mapped[NoticeChannel] = mapped_column(StrEnumType(NoticeChannel))
    kind: Mapped[NoticeKind] = mapped_column(StrEnumType(NoticeKind))
    topic: Mapped[str] = mapped_column(String(60))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    address: Mapped[str | None] = mapped_column(String(254))  # only a confirmation: the new, unconfirmed address
    locale: Mapped[str] = mapped_column(String(8))
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id"))
    interview_uid: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[NoticeStatus] = mapped_column(StrEnumType(NoticeStatus))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class NoticeAttemptRow(Base):
    """One attempt to deliver a notice: when, which worker, and what went wrong (None: delivered)."""

    __tablename__ = "notice_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id"), index=True)
    at: Mapped[datetime]
    worker: Mapped[str] = mapped_column(String(120))
    error: Mapped[str | None] = mapped_column(String(500))


class WebhookSubscriptionRow(Base):
    """An organisation's webhook (issue 16, migration 0024): a URL that receives the events it chose, signed with
    its secret (HMAC-SHA256). The secret is kept as it is because signing needs it (unlike an API token, which is
    kept as a hash); the page shows it once. Deactivated, never deleted: its deliveries in the outbox refer to it.
    The events themselves are notices in the outbox (``recipient_kind`` "webhook", ``recipient_id`` this id)."""

    __tablename__ = "webhook_subscriptions"
    __table_args__ = (Index("ix_webhook_subscriptions_organisation", "organisation_id", "active"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(100))
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"))
    deactivated_at: Mapped[datetime | None]


class ApiTokenRow(Base):
    """An organisation's API token (issue 16, migration 0023): a case system's key to ``/api/v1``. Only the SHA-256
    of the secret is kept (``token_hash``); ``prefix`` (its first 8 characters) names it in lists. It acts as
    ``caseworker_id`` (an active caseworker of the organisation, chosen when it was made), so the audit log says
    who; ``scope`` is "read" or "write"."""

    __tablename__ = "api_tokens"
    __table_args__ = (CheckConstraint("scope IN ('read', 'write')", name="scope_read_or_write"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    caseworker_id: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"))
    name: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(String(10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("caseworkers.id"))
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]


class ApiIdempotencyRow(Base):
    """The first answer to a request with an ``Idempotency-Key`` (issue 16, migration 0023), replayed for the same
    key and body. ``status`` is None while the first request is still running; the unique (token, key) makes a
    second one wait or fail instead of running the same change twice."""

    __tablename__ = "api_idempotency"
    __table_args__ = (UniqueConstraint("token_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("api_tokens.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]
