"""The caseload's search (issue 14) in SQL on SQLite and PostgreSQL: parts of a name in any case, Danish letters,
a whole CPR number or its birth date, with the filters, sorts and pages of the read model's one query
(:func:`scheduling.services.caseload.caseload_page`); on PostgreSQL a name is found through the trigram index
(migration 0017), and the migration gives the rows already there their new ``name_key``."""

from __future__ import annotations

import secrets
from datetime import date

import pytest
from sqlalchemy import select, text, update

from scheduling.adapters import db
from scheduling.adapters.db import session_factory
from scheduling.adapters.orm import CaseloadStatusRow, CitizenRow, CourseRow
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from scheduling.course import Insurance
from scheduling.services.caseload import CaseloadFilter, CaseloadQuery, CaseloadSort, caseload_page
from tests.integration.world import a_world

ON = date(2026, 2, 2)
NAMES = ("Mikkel Hansen", "Hans Mikkelsen", "Søren Ørsted", "Åse Æbelø-Holm", "Soren Orsted", "Mikala Jensen")


def _world(engine, names=NAMES):
    factory = session_factory(engine)

    def new():
        return SqlAlchemyUnitOfWork(factory)

    world = a_world(new, citizens=len(names))
    with new() as uow:
        for citizen, name in zip(world.citizens, names, strict=True):
            uow.repo.citizen(citizen).name = name
        uow.commit()
    return world, lambda: SqlAlchemyUnitOfWork(factory, read_only=True)


def _found(reads, world, search: str, **kw) -> list[str]:
    page = caseload_page(reads(), CaseloadQuery(world.akasse_id, ON, search=search, **kw))
    return sorted(line.name for line in page.lines)


@pytest.mark.parametrize("mine", [False, True], ids=["organisation", "mine"])
def test_a_name_is_found_by_the_beginnings_of_its_words_in_any_case(engine, mine):
    world, reads = _world(engine)
    kw = {"caseworker_id": world.akasse_caseworkers[0]} if mine else {}
    assert _found(reads, world, "mik han", **kw) == ["Hans Mikkelsen", "Mikkel Hansen"]
    assert _found(reads, world, "MIKKEL hansen", **kw) == ["Mikkel Hansen"]
    assert _found(reads, world, "holm", **kw) == ["Åse Æbelø-Holm"]
    assert _found(reads, world, "kkel", **kw) == []


def test_danish_letters_match_in_either_case_and_only_themselves(engine):
    world, reads = _world(engine)
    assert _found(reads, world, "SØR ør") == ["Søren Ørsted"]
    assert _found(reads, world, "æbelø") == ["Åse Æbelø-Holm"]
    assert _found(reads, world, "ÅSE") == ["Åse Æbelø-Holm"]
    assert _found(reads, world, "sor") == ["Soren Orsted"]


def test_a_cpr_number_whole_or_its_birth_date_and_nothing_for_other_digits(engine):
    world, reads = _world(engine)
    assert _found(reads, world, "010685-4002") == ["Søren Ørsted"]
    assert _found(reads, world, "0106854002") == ["Søren Ørsted"]
    assert _found(reads, world, "010685") == sorted(NAMES)
    assert _found(reads, world, "01068540021") == [] and _found(reads, world, "0106") == []
    page = caseload_page(reads(), CaseloadQuery(world.akasse_id, ON, search="010685-4002"))
    assert [line.cpr_masked for line in page.lines] == ["010685-xxxx"]


def test_the_search_pages_and_sorts_with_ties_broken_by_the_course(engine):
    world, reads = _world(engine, ["Ens Navnesen"] * 55 + ["Anden Person"])
    for sort in CaseloadSort:
        seen = []
        for number in (1, 2):
            page = caseload_page(reads(), CaseloadQuery(world.akasse_id, ON, search="ens", sort=sort, page=number))
            assert page.total == 55 and page.pages == 2
            seen += [line.citizen_id for line in page.lines]
        assert seen == sorted(world.citizens[:55]), sort


def test_the_search_with_a_filter_finds_people_matching_both(engine):
    world, reads = _world(engine)
    factory = session_factory(engine)
    with SqlAlchemyUnitOfWork(factory) as uow:  # the read model's own column, as a decision would set it
        uow.session.execute(update(CaseloadStatusRow).where(CaseloadStatusRow.citizen_id == world.citizens[1])
                            .values(revoked=True))
        uow.commit()
    assert _found(reads, world, "mik", filter=CaseloadFilter.REVOKED) == ["Hans Mikkelsen"]
    assert _found(reads, world, "søren", filter=CaseloadFilter.REVOKED) == []


@pytest.mark.postgres
def test_on_postgresql_a_name_is_found_through_the_trigram_index_and_a_cpr_number_through_its_own(postgres_engine):
    """5,000 people with many different names: PostgreSQL's planner, with the statistics of the table, reads the
    few rows a rare name matches from the GIN index of ``name_key`` (and a CPR number from ``ix_caseload_status_cpr``)
    instead of every row of the organisation. (Timings are in benchmarks/, not here: this proves the plan.)"""
    world, reads = _world(postgres_engine, ["Ens Navnesen"])
    factory = session_factory(postgres_engine)
    with SqlAlchemyUnitOfWork(factory) as uow:
        template = uow.session.execute(select(CaseloadStatusRow.__table__).where(
            CaseloadStatusRow.citizen_id == world.citizens[0])).one()._asdict()
        citizen = uow.session.get(CitizenRow, world.citizens[0])
        people = [
            {"cpr": f"{1 + i % 28:02d}{1 + i % 12:02d}{50 + i % 40:02d}{i:04d}", "name": f"{_letters(i)} {_letters(i % 300)}sen",
             "birth_date": citizen.birth_date, "akasse_id": citizen.akasse_id, "jobcenter_id": citizen.jobcenter_id,
             "calendar_feed_token": secrets.token_hex(16)}
            for i in range(5000)
        ]
        connection = uow.session.connection()
        ids = connection.execute(CitizenRow.__table__.insert().returning(CitizenRow.id, sort_by_parameter_order=True),
                                 people).scalars().all()
        courses = connection.execute(
            CourseRow.__table__.insert().returning(CourseRow.id, CourseRow.citizen_id, sort_by_parameter_order=True),
            [{"citizen_id": i, "registered_on": date(2026, 1, 5), "placed_on": date(2026, 1, 5),
              "insurance": Insurance.FULLTIME} for i in ids],
        ).all()
        by_citizen = {p_id: person for p_id, person in zip(ids, people, strict=True)}
        rows = [{**template, "course_id": course, "citizen_id": cit, "name": by_citizen[cit]["name"],
                 "name_key": " " + by_citizen[cit]["name"].lower(), "cpr": by_citizen[cit]["cpr"]}
                for course, cit in courses]
        connection.execute(CaseloadStatusRow.__table__.insert(), rows)
        uow.commit()
    with postgres_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE caseload_status"))  # as autovacuum would, after a bulk load
    plans = {}
    rare = _letters(4711).lower()  # one person's first name
    for search in (rare, f"{rare} {_letters(211)[:2]}", "0108854711", "010885"):
        statements = _captured(postgres_engine, lambda s=search: caseload_page(
            reads(), CaseloadQuery(world.akasse_id, ON, search=s, filter=None)))
        page_query = next(s for s in statements if "LIMIT" in s[0] and "count" not in s[0].split("FROM")[0])
        with postgres_engine.connect() as connection:
            plans[search] = "\n".join(connection.exec_driver_sql(f"EXPLAIN {page_query[0]}", page_query[1]).scalars())
    assert "ix_caseload_status_name_trgm" in plans[rare], plans[rare]
    assert "ix_caseload_status_name_trgm" in plans[f"{rare} {_letters(211)[:2]}"]
    assert "ix_caseload_status_cpr" in plans["0108854711"], plans["0108854711"]
    assert "ix_caseload_status_cpr" in plans["010885"], plans["010885"]
    assert _found(reads, world, f"{rare} {_letters(211)}") == [f"{_letters(4711)} {_letters(211)}sen"]


def _letters(number: int) -> str:
    """A name of four letters for ``number`` (names have no digits), different names for different numbers, their
    first letters spread over the alphabet."""
    number = number * 7919 % 26**4
    word = ""
    for _ in range(4):
        number, letter = divmod(number, 26)
        word += "abcdefghijklmnopqrstuvwxyz"[letter]
    return word.capitalize()


def _captured(engine, call) -> list[tuple[str, object]]:
    from sqlalchemy import event

    seen: list[tuple[str, object]] = []

    def on_statement(_conn, _cursor, statement, parameters, *_args) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", on_statement)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
    return seen


def test_migration_0017_gives_the_rows_there_their_words_and_takes_them_back(empty_url):
    from alembic import command

    engine = db.make_engine(empty_url)
    db.upgrade(engine)
    world, _ = _world(engine, ["Åse Æbelø-Holm", "Mikkel  Hansen"])

    def keys() -> list[str]:
        with engine.connect() as connection:
            return list(connection.scalars(text("SELECT name_key FROM caseload_status ORDER BY course_id")))

    assert keys() == [" åse æbelø holm", " mikkel hansen"]
    with engine.begin() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0017-1")
    assert keys() == ["åse æbelø-holm", "mikkel  hansen"]  # the name in lower case, as before
    db.upgrade(engine)
    assert keys() == [" åse æbelø holm", " mikkel hansen"]
    assert db.schema_differences(engine) == []
    engine.dispose()
