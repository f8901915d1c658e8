"""`flask --app portal tilsyn` (R27, issue 17): the supervision's figures as a table or CSV, Danish errors."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from portal import create_app
from scheduling.adapters.unit_of_work import SqlAlchemyUnitOfWork
from tests.integration.supervision_helpers import Held, Person, benefit_to, local, write_world

REG = date(2026, 1, 5)


@pytest.fixture
def app(tmp_path):
    app = create_app("testing", {"DATABASE_URL": f"sqlite:///{tmp_path / 'tilsyn.sqlite3'}", "TODAY": "2026-11-25"})
    yield app
    app.extensions["selvbooking_engine"].dispose()


def _world(app):
    engine = app.extensions["selvbooking_engine"]
    three = tuple(Held(local(d)) for d in (date(2026, 1, 12), date(2026, 2, 9), date(2026, 3, 9)))
    return write_world(lambda: SqlAlchemyUnitOfWork(engine), [
        Person("Med tre", REG, (benefit_to(REG, date(2026, 3, 10)),), three),
        Person("Uden", REG, (benefit_to(REG, date(2026, 3, 10)),)),
        Person("Også uden", REG, (benefit_to(REG, date(2026, 3, 10)),)),
    ])


def _run(app, *args: str):
    return app.test_cli_runner().invoke(args=["tilsyn", *args])


def test_R27_the_table_of_one_akasse_month_by_month_with_how_it_is_counted(app):
    ids = _world(app)
    result = _run(app, "--fra", "2026-02", "--til", "2026-03", "--organisation", str(ids.akasse_id))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["organisation", "type", "måned"]
    february, march = lines[1].split(), lines[2].split()
    assert february[-7:] == ["2026-02", "0", "0", "0,0", "nej", "0", "nej"]
    assert march[-7:] == ["2026-03", "3", "2", "66,7", "ja", "1", "nej"]
    assert "Sådan er tallet opgjort:" in result.output and "timerne til overgangen" in result.output


def test_R27_csv_by_name_every_organisation_of_that_kind(app):
    ids = _world(app)
    with SqlAlchemyUnitOfWork(app.extensions["selvbooking_engine"]) as uow:
        name = uow.repo.organisation(ids.jobcenter_id).name
    result = _run(app, "--fra", "2026-06", "--til", "2026-06", "--organisation", f"  {name.upper()} ", "--csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "organisation;type;måned;talt med;uden samtalerne;andel;over 20 %;måneder i træk;STAR kontakter",
        f"{name};jobcenter;2026-06;0;0;0,0;nej;0;nej",
    ]
    everyone = _run(app, "--fra", "2026-03", "--til", "2026-03", "--csv")
    assert everyone.exit_code == 0, everyone.output
    assert "a-kasse;2026-03;3;2;66,7;ja;1;nej" in everyone.output and ";jobcenter;2026-03;" in everyone.output


@pytest.mark.parametrize(("args", "says"), [
    (("--fra", "2026-13", "--til", "2026-12"), "--fra skal være en måned skrevet som ÅÅÅÅ-MM"),
    (("--fra", "januar", "--til", "2026-12"), "ikke »januar«"),
    (("--fra", "2026-05", "--til", "2026-04"), "--fra skal være før eller den samme måned som --til"),
    (("--til", "2026-12"), "Skriv --fra som en måned ÅÅÅÅ-MM"),
    (("--fra", "2026-01", "--til", "2026-02", "--organisation", "Ingen Kasse"),
     "Der er ingen a-kasse eller intet jobcenter med navnet eller nummeret Ingen Kasse"),
])
def test_R27_bad_months_and_organisations_are_refused_in_danish(app, args, says):
    _world(app)
    result = _run(app, *args)
    assert result.exit_code != 0
    assert says in result.output


def test_R27_tilsyn_opdater_computes_every_courses_milestones_again(app):
    ids = _world(app)
    engine = app.extensions["selvbooking_engine"]
    with engine.begin() as connection:  # as after a COPY around the portal: no milestones
        connection.execute(text("DELETE FROM course_milestones"))
    assert "2026-03;0;0" in _run(app, "--fra", "2026-03", "--til", "2026-03", "--organisation",
                                 str(ids.akasse_id), "--csv").output
    result = _run(app, "opdater", "--parti", "2")
    assert result.exit_code == 0, result.output
    assert "Tilsynets milepæle er beregnet for 3 forløb" in result.output
    assert "2026-03;3;2;66,7;ja" in _run(app, "--fra", "2026-03", "--til", "2026-03", "--organisation",
                                         str(ids.akasse_id), "--csv").output
