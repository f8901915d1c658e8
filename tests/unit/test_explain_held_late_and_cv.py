"""``python -m scheduling explain`` shows an interview held late (issue 12, correction 2) and the old rules' CV
interview as its own obligation (correction 4), in JSON and in Danish text."""

import json

from scheduling.__main__ import main

LATE_FIRST = {
    "registered_on": "2026-01-05",
    "placed_on": "2026-01-05",
    "insurance": "fuldtid",
    "birth_date": "1985-04-12",
    "vocational_qualification": True,
    "interviews": [
        {"id": "a1", "kind": "jobsamtale", "organisation": "akasse", "start": "2026-01-22T10:00:00+01:00",
         "end": "2026-01-22T10:45:00+01:00", "format": "personligt_fremmoede", "status": "afholdt",
         "booked_by": "indkaldelse"},
    ],
}

OLD_RULES = {
    "registered_on": "2023-12-11",
    "placed_on": "2023-12-11",
    "insurance": "fuldtid",
    "birth_date": "1975-03-03",
    "vocational_qualification": True,
    "old_rules": True,
    "interviews": [
        {"id": "cv", "kind": "cvsamtale", "organisation": "jobcenter", "start": "2023-12-18T10:00:00+01:00",
         "end": "2023-12-18T10:45:00+01:00", "format": "personligt_fremmoede", "status": "afholdt",
         "booked_by": "indkaldelse"},
        {"id": "j1", "kind": "jobsamtale", "organisation": "jobcenter", "start": "2024-01-15T10:00:00+01:00",
         "end": "2024-01-15T10:45:00+01:00", "format": "telefonisk", "status": "afholdt"},
    ],
}


def _explain(tmp_path, capsys, data, *args):
    path = tmp_path / "course.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["explain", str(path), *args]) == 0
    return capsys.readouterr().out


def test_R6_explain_json_shows_the_first_interview_held_late(tmp_path, capsys):
    """Guidance 3.2: "A-kassen er forpligtet til at afholde den første jobsamtale senest 2 uger efter personens
    tilmelding som jobsøgende." """
    data = json.loads(_explain(tmp_path, capsys, LATE_FIRST, "--on", "2026-01-25"))
    r6 = next(o for o in data["obligations"] if o["rule"] == "R6")
    assert (r6["state"], r6["held"], r6["held_late"], r6["due"]) == ("holdt_for_sent", 0, 1, "2026-01-19")


def test_R6_explain_text_says_held_late(tmp_path, capsys):
    """Guidance 3.2: "senest 2 uger efter personens tilmelding som jobsøgende" — held on day 17 is late."""
    out = _explain(tmp_path, capsys, LATE_FIRST, "--on", "2026-01-25", "--text")
    line = next(line for line in out.splitlines() if line.strip().startswith("R6 "))
    assert "0 af 1 (1 holdt for sent)" in line and line.endswith("— holdt for sent")


def test_R28_explain_shows_the_cv_interview_as_its_own_obligation(tmp_path, capsys):
    """Guidance 15.3: "Det betyder, at der inden for de første 6 måneder skal afholdes en cv-samtale, 4
    individuelle jobsamtaler med jobcenteret og 2 fælles jobsamtaler med a-kassen." """
    data = json.loads(_explain(tmp_path, capsys, OLD_RULES, "--on", "2024-02-01"))
    r28 = [(o["kind"], o["held"], o["required"], o["state"]) for o in data["obligations"] if o["rule"] == "R28"]
    assert r28[0] == ("cvsamtale", 1, 1, "opfyldt")
    assert r28[1][:3] == ("jobsamtale", 1, 4)  # the CV interview is not the first of the four
    out = _explain(tmp_path, capsys, OLD_RULES, "--on", "2024-02-01", "--text")
    assert "CV-samtale" in out and "cvsamtale" not in out
