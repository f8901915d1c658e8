"""R26 nr. 3 in the course JSON: a work-sharing exemption needs the day the person joined the scheme.

Guidance (VEJ nr 10044 af 14/12/2023), section 7.1: "De 6 uger regnes fra det tidspunkt, hvor personen omfattes af
arbejdsfordelingsordningen."
"""

import json

import pytest

from scheduling.__main__ import main

COURSE = {
    "registered_on": "2026-01-05", "placed_on": "2026-01-05", "insurance": "fuldtid", "birth_date": "1985-04-12",
    "vocational_qualification": True,
}


@pytest.mark.parametrize("exemption", [
    {"id": "f1", "ground": "nr3", "starts_on": "2026-02-02"},
    {"id": "f1", "ground": "nr3", "starts_on": "2026-02-02", "event_on": None},
])
def test_R26_work_sharing_without_joined_date_exits_2_naming_the_field(exemption, tmp_path, capsys):
    path = tmp_path / "course.json"
    path.write_text(json.dumps({**COURSE, "exemptions": [exemption]}), encoding="utf-8")
    assert main(["explain", str(path), "--on", "2026-02-10"]) == 2
    err = capsys.readouterr().err
    assert "exemptions[0].event_on" in err and "arbejdsfordeling" in err


def test_R26_work_sharing_explained_with_its_end_date(tmp_path, capsys):
    path = tmp_path / "course.json"
    exemption = {"id": "f1", "ground": "nr3", "starts_on": "2026-02-02", "event_on": "2026-01-26"}
    path.write_text(json.dumps({**COURSE, "exemptions": [exemption]}), encoding="utf-8")
    assert main(["explain", str(path), "--on", "2026-02-10", "--text"]) == 0
    assert "til og med 8. marts 2026" in capsys.readouterr().out
