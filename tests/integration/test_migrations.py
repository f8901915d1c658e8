"""Migrations: upgrade from empty on both databases, the models match them, the audit log is append-only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

from scheduling.adapters import db
from scheduling.adapters.orm import ActorKind, AuditRow, metadata


def test_upgrade_from_empty_reaches_head_with_every_table(empty_url):
    engine = db.make_engine(empty_url)
    assert db.current_revision(engine) is None
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_upgrade_accepts_a_url_and_is_idempotent(empty_url):
    db.upgrade(empty_url)
    db.upgrade(empty_url)  # the app calls it on every start
    engine = db.make_engine(empty_url)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()


def test_models_match_the_migrations(engine):
    """Alembic autogenerate finds nothing to change: every model change has its migration."""
    assert db.schema_differences(engine) == []


def test_downgrade_to_base_and_up_again(empty_url):
    from alembic import command

    engine = db.make_engine(empty_url)
    db.upgrade(engine)
    with engine.begin() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert "interviews" not in inspect(engine).get_table_names()
    db.upgrade(engine)
    assert db.schema_differences(engine) == []
    engine.dispose()


def test_the_audit_log_is_append_only(engine, uow):
    with uow() as u:
        u.session.add(AuditRow(at=datetime(2026, 2, 2, tzinfo=UTC), actor_kind=ActorKind.SYSTEM, action="test",
                               object_type="nothing", details={}))
        u.commit()
    for statement in ("UPDATE audit_log SET action = 'changed'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError), engine.begin() as connection:
            connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT action FROM audit_log")) == "test"


def test_instants_come_back_aware_utc(engine, uow):
    from zoneinfo import ZoneInfo

    copenhagen = datetime(2026, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    with uow() as u:
        row = AuditRow(at=copenhagen, actor_kind=ActorKind.SYSTEM, action="t", object_type="t", details={})
        u.session.add(row)
        u.commit()
        row_id = row.id
    with uow(read_only=True) as u:
        at = u.session.get(AuditRow, row_id).at
    assert at == copenhagen and at.tzinfo is not None and at.utcoffset().total_seconds() == 0


def test_a_naive_instant_is_refused(engine, uow):
    with pytest.raises(Exception, match="naive"), uow() as u:
        u.session.add(AuditRow(at=datetime(2026, 7, 1, 10), actor_kind=ActorKind.SYSTEM, action="t",
                               object_type="t", details={}))
        u.flush()


def test_0002_keeps_the_R10_choice_and_gives_existing_jobcenters_a_self_booked_R12_choice(empty_url):
    """R21 per kind: the one choice of 0001 becomes the R10 choice; the new R12 choice defaults to self-booked."""
    from alembic import command

    engine = db.make_engine(empty_url)
    db.upgrade(engine, "0001")
    with engine.begin() as connection:
        for name, self_booked in (("Jobcenter Indkald", False), ("Jobcenter Selv", True)):
            connection.execute(
                text(
                    "INSERT INTO organisations (kind, name, book_by_days, change_deadline_hours, "
                    "faellessamtaler_selvbooking, slot_minutes) VALUES ('jobcenter', :name, 8, 24, :choice, 30)"
                ),
                {"name": name, "choice": self_booked},
            )
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    query = "SELECT name, faellessamtale_r10_selvbooking, faellessamtale_r12_selvbooking FROM organisations ORDER BY name"
    with engine.connect() as connection:
        rows = [(name, bool(r10), bool(r12)) for name, r10, r12 in connection.execute(text(query))]
    assert rows == [("Jobcenter Indkald", False, True), ("Jobcenter Selv", True, True)]
    with engine.begin() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    columns = {c["name"] for c in inspect(engine).get_columns("organisations")}
    assert "faellessamtaler_selvbooking" in columns and not columns & {
        "faellessamtale_r10_selvbooking", "faellessamtale_r12_selvbooking"
    }
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT faellessamtaler_selvbooking FROM organisations ORDER BY name")).all()
    assert [bool(choice) for (choice,) in kept] == [False, True]
    engine.dispose()


def test_0004_renames_the_demos_own_audit_words_to_the_services_and_keeps_the_log_append_only(empty_url):
    """One vocabulary: lines the old demo wrote (referred_r4, record_interview, timeslot_*) read as the services'."""
    import json

    engine = db.make_engine(empty_url)
    db.upgrade(engine, "0003")
    old = [
        ("referred_r4", "course", {}),
        ("record_interview", "interview", {"status": "afholdt"}),
        ("record_interview", "interview", {"status": "udeblevet"}),
        ("timeslot_proposed", "agreed_timeslot", {}),
        ("timeslot_accepted", "agreed_timeslot", {}),
        ("self_book", "interview", {}),
    ]
    with engine.begin() as connection:
        for action, object_type, details in old:
            connection.execute(
                text(
                    "INSERT INTO audit_log (at, actor_kind, action, object_type, details) "
                    "VALUES (:at, 'system', :action, :object_type, :details)"
                ),
                {"at": datetime(2026, 7, 1, 10, tzinfo=UTC), "action": action, "object_type": object_type,
                 "details": json.dumps(details)},
            )
    db.upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT action, object_type FROM audit_log ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [
        ("refer_r4", "course"),
        ("record_afholdt", "interview"),
        ("record_udeblevet", "interview"),
        ("propose_timeslot", "timeslot"),
        ("timeslot_accepteret", "timeslot"),
        ("self_book", "interview"),
    ]
    with pytest.raises(DatabaseError), engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET action = 'x'"))
    with pytest.raises(DatabaseError), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
    engine.dispose()


def test_0027_fills_the_supervision_milestones_of_the_courses_already_there_and_goes_down_and_up(empty_url):
    """R27 (issue 17): the upgrade computes each existing course's milestones (open and closed: the registered
    hand-over, R2, and 6-month day, R3); the downgrade drops the table; up again fills it again."""
    from datetime import date
    from decimal import Decimal

    from alembic import command
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from scheduling.adapters.orm import (
        CitizenRow,
        CourseMilestonesRow,
        CourseRow,
        HourEntryRow,
        OrganisationRow,
    )
    from scheduling.course import HourKind, Insurance, Organisation

    engine = db.make_engine(empty_url)
    db.upgrade(engine, "0022")
    with Session(engine) as session:  # a plain session: written as before 0027, without the milestones' hook
        akasse = OrganisationRow(kind=Organisation.AKASSE, name="Kassen", slot_minutes=30)
        jobcenter = OrganisationRow(kind=Organisation.JOBCENTER, name="Jobcentret", slot_minutes=30)
        session.add_all([akasse, jobcenter])
        session.flush()
        registered = date(2026, 1, 5)
        for n, (hours, ended_on) in enumerate([("420", None), ("1000", date(2026, 9, 1)), ("100", None)]):
            citizen = CitizenRow(cpr=f"010180{n:04d}", name=f"Person {n}", birth_date=date(1980, 1, 1),
                                 akasse_id=akasse.id, jobcenter_id=jobcenter.id, calendar_feed_token=f"token{n}")
            session.add(citizen)
            session.flush()
            course = CourseRow(citizen_id=citizen.id, registered_on=registered, placed_on=registered,
                               insurance=Insurance.FULLTIME, ended_on=ended_on)
            session.add(course)
            session.flush()
            session.add(HourEntryRow(course_id=course.id, registered_on=date(2026, 7, 10), period_start=registered,
                                     period_end=date(2026, 7, 5), hours=Decimal(hours), kind=HourKind.DAGPENGE,
                                     registered_at=datetime(2026, 7, 10, tzinfo=UTC)))
        session.commit()
    m = CourseMilestonesRow
    query = (select(CitizenRow.cpr, m.handover_on, m.six_months_on).join(CourseRow, CourseRow.id == m.course_id)
             .join(CitizenRow, CitizenRow.id == CourseRow.citizen_id).order_by(CitizenRow.cpr))
    expected = [
        ("0101800000", date(2026, 7, 31), None),  # 420 of 410 hours registered in July; not 6 × 160.33
        ("0101800001", date(2026, 7, 31), date(2026, 6, 29)),  # closed, still counted; 961.98/1000 of 182 days
        ("0101800002", None, None),  # only projected
    ]
    db.upgrade(engine)
    with engine.connect() as connection:
        assert [tuple(r) for r in connection.execute(query)] == expected
    with engine.begin() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0022")
    assert "course_milestones" not in inspect(engine).get_table_names()
    db.upgrade(engine)
    with engine.connect() as connection:
        assert [tuple(r) for r in connection.execute(query)] == expected
    assert db.schema_differences(engine) == []
    engine.dispose()


def test_0030_fills_the_held_counts_of_the_courses_already_there_and_goes_down_and_up(empty_url):
    """R27, R7 (issue 17): the upgrade stores each existing course's held job interviews by the registered hand-over
    (R2) and those the a-kasse held after it (held late), as the rules core counts them; a missed one counts for
    nothing; the downgrade drops the counts and keeps the days; up again fills them again."""
    from datetime import date, timedelta
    from decimal import Decimal

    from alembic import command
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from scheduling.adapters.orm import (
        CitizenRow,
        CourseMilestonesRow,
        CourseRow,
        HourEntryRow,
        InterviewRow,
        OrganisationRow,
    )
    from scheduling.course import (
        BookedBy,
        Format,
        HourKind,
        Insurance,
        InterviewKind,
        InterviewStatus,
        Organisation,
    )

    engine = db.make_engine(empty_url)
    db.upgrade(engine, "0028")
    with Session(engine) as session:  # a plain session: written as before 0030, without the milestones' hook
        akasse = OrganisationRow(kind=Organisation.AKASSE, name="Kassen", slot_minutes=30)
        jobcenter = OrganisationRow(kind=Organisation.JOBCENTER, name="Jobcentret", slot_minutes=30)
        session.add_all([akasse, jobcenter])
        session.flush()
        citizen = CitizenRow(cpr="0101801234", name="Person", birth_date=date(1980, 1, 1), akasse_id=akasse.id,
                             jobcenter_id=jobcenter.id, calendar_feed_token="token")
        session.add(citizen)
        session.flush()
        registered = date(2026, 1, 5)
        course = CourseRow(citizen_id=citizen.id, registered_on=registered, placed_on=registered,
                           insurance=Insurance.FULLTIME)
        session.add(course)
        session.flush()
        # 420 of 410 hours registered in July: the hand-over is 31 July (R2)
        session.add(HourEntryRow(course_id=course.id, registered_on=date(2026, 7, 10), period_start=registered,
                                 period_end=date(2026, 7, 5), hours=Decimal("420"), kind=HourKind.DAGPENGE,
                                 registered_at=datetime(2026, 7, 10, tzinfo=UTC)))
        # held on 31 July at 23:30 Danish time (in time), held, missed, and held on 1 August (late)
        for n, (at, status) in enumerate([
            (datetime(2026, 7, 31, 21, 30, tzinfo=UTC), InterviewStatus.HELD),
            (datetime(2026, 3, 2, 9, 0, tzinfo=UTC), InterviewStatus.HELD),
            (datetime(2026, 4, 2, 9, 0, tzinfo=UTC), InterviewStatus.MISSED),
            (datetime(2026, 7, 31, 22, 30, tzinfo=UTC), InterviewStatus.HELD),
        ]):
            session.add(InterviewRow(
                uid=f"i{n}@test", sequence=0, course_id=course.id, citizen_id=citizen.id,
                kind=InterviewKind.JOBSAMTALE, organisation=Organisation.AKASSE, organisation_id=akasse.id,
                start_at=at, end_at=at + timedelta(minutes=30), format=Format.PERSONLIGT, status=status,
                booked_by=BookedBy.CALLED_IN, booked_at=at - timedelta(days=5),
            ))
        session.commit()
    m = CourseMilestonesRow
    query = select(m.handover_on, m.akasse_held_in_time, m.akasse_held_late)
    db.upgrade(engine)
    with engine.connect() as connection:
        assert [tuple(r) for r in connection.execute(query)] == [(date(2026, 7, 31), 2, 1)]
    with engine.begin() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0028")
    columns = {c["name"] for c in inspect(engine).get_columns("course_milestones")}
    assert "handover_on" in columns and "akasse_held_in_time" not in columns
    db.upgrade(engine)
    with engine.connect() as connection:
        assert [tuple(r) for r in connection.execute(query)] == [(date(2026, 7, 31), 2, 1)]
    assert db.schema_differences(engine) == []
    engine.dispose()


AUDIT_LINE = ("INSERT INTO audit_log (at, actor_kind, actor_id, action, object_type, object_id, citizen_id, details) "
              "VALUES ('2026-11-25 11:00:00', 'system', NULL, :action, 'citizen', :id, :id, '{}')")


def _two_people_with_look_ups(url: str, revision: str):
    """A database at ``revision`` with an a-kasse, a jobcenter and persons 1 and 2; person 1 has two ``cpr_viewed``
    audit lines and one other."""
    from datetime import date

    from sqlalchemy import text

    engine = db.make_engine(url)
    db.upgrade(engine, revision)
    with engine.begin() as connection:
        for kind, name in (("akasse", "Kassen"), ("jobcenter", "Jobcentret")):
            connection.execute(text("INSERT INTO organisations (kind, name, book_by_days, change_deadline_hours, "
                                    "faellessamtale_r10_selvbooking, slot_minutes) VALUES (:kind, :name, 8, 24, "
                                    ":yes, 30)"), {"kind": kind, "name": name, "yes": True})
        for n in (1, 2):
            connection.execute(text("INSERT INTO citizens (id, cpr, name, birth_date, akasse_id, jobcenter_id, locale, "
                                    "calendar_feed_token) VALUES (:n, :cpr, 'Person', :born, 1, 2, 'da', :token)"),
                               {"n": n, "cpr": f"010180123{n}", "born": date(1980, 1, 1), "token": f"token{n}"})
        for action in ("cpr_viewed", "cpr_viewed", "refer_r4"):
            connection.execute(text(AUDIT_LINE), {"action": action, "id": 1})
    return engine


def _look_up_counts(engine) -> dict[int, int]:
    """Each person's count of CPR look-ups: their rows added up (one a person before 0033, a shard each since)."""
    from sqlalchemy import text

    with engine.connect() as connection:
        return {citizen: int(views) for citizen, views in connection.execute(
            text("SELECT citizen_id, sum(views) FROM cpr_look_ups GROUP BY citizen_id"))}


def test_0032_counts_the_cpr_look_ups_already_there_and_each_new_one_and_goes_down_and_up(empty_url):
    """Issue 9/11: the person page's count of full-CPR look-ups is the number of the person's ``cpr_viewed`` audit
    lines — filled from those already there, moved by every new one (whatever writes it), not by other lines."""

    from alembic import command
    from sqlalchemy import text

    engine = _two_people_with_look_ups(empty_url, "0031")
    line = AUDIT_LINE

    def counts() -> dict[int, int]:
        return _look_up_counts(engine)

    db.upgrade(engine, "0032")
    assert counts() == {1: 2}
    with engine.begin() as connection:
        connection.execute(text(line), {"action": "cpr_viewed", "id": 1})
        connection.execute(text(line), {"action": "cpr_viewed", "id": 2})
        connection.execute(text(line), {"action": "refer_r4", "id": 2})
    assert counts() == {1: 3, 2: 1}
    with engine.begin() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0031")
    db.upgrade(engine)
    assert counts() == {1: 3, 2: 1}
    assert db.schema_differences(engine) == []
    engine.dispose()


def test_0033_keeps_the_cpr_look_up_counts_in_shards_counts_each_new_one_and_adds_them_up_going_down(empty_url):
    """Issue 11: the count of a person's full-CPR look-ups is kept in one row per connection's shard on PostgreSQL
    (one, shard 0, on SQLite); it is still exactly the number of the person's ``cpr_viewed`` lines — those counted
    before, and each new one, whichever connection writes it — and down again each person's shards become one
    row with their sum, which the old trigger goes on counting."""

    from alembic import command
    from sqlalchemy import text

    engine = _two_people_with_look_ups(empty_url, "0032")
    line = AUDIT_LINE

    def rows() -> list[tuple[int, int, int]]:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(
                text("SELECT citizen_id, shard, views FROM cpr_look_ups ORDER BY citizen_id, shard"))]

    def counts() -> dict[int, int]:
        return _look_up_counts(engine)

    db.upgrade(engine, "0033")
    assert rows() == [(1, 0, 2)]  # the count so far, in shard 0
    postgresql = engine.dialect.name == "postgresql"
    shards = set()
    for _ in range(3):  # each a new connection: on PostgreSQL a new backend, whose shard is its process id's
        with engine.begin() as connection:
            connection.execute(text(line), {"action": "cpr_viewed", "id": 1})
            connection.execute(text(line), {"action": "refer_r4", "id": 2})
            shards.add(connection.execute(text("SELECT pg_backend_pid() % 16")).scalar() if postgresql else 0)
        engine.dispose()
    assert counts() == {1: 5}
    assert {shard for citizen, shard, views in rows() if citizen == 1} == shards | {0}
    with engine.begin() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0032")
    with engine.connect() as connection:
        assert [tuple(r) for r in connection.execute(text("SELECT citizen_id, views FROM cpr_look_ups"))] == [(1, 5)]
    with engine.begin() as connection:
        connection.execute(text(line), {"action": "cpr_viewed", "id": 1})
        connection.execute(text(line), {"action": "cpr_viewed", "id": 2})
    assert counts() == {1: 6, 2: 1}
    db.upgrade(engine)
    assert counts() == {1: 6, 2: 1}
    assert db.schema_differences(engine) == []
    engine.dispose()
