"""``python -m scheduling explain``: the shipped examples run; broken files exit 2 naming the field."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scheduling.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "scheduling" / "examples").glob("*.json"))
BROKEN = ROOT / "tests" / "unit" / "fixtures" / "broken"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_explain_as_json_with_reasons(example, capsys):
    assert main(["explain", str(example)]) == 0
    data = json.loads(capsys.readouterr().out)
    reason = data["responsibility"]["reason"]
    assert {"rule", "basis", "message", "text"} <= reason.keys()
    assert all("%(" not in o["reason"]["text"] for o in data["obligations"])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_explain_as_danish_text(example, capsys):
    assert main(["explain", str(example), "--on", "2026-06-01", "--text"]) == 0
    assert "Ansvar:" in capsys.readouterr().out


def test_text_names_kinds_organisations_formats_and_actions_in_danish(capsys):
    handed_over = ROOT / "scheduling/examples/03-just-handed-over.json"
    assert main(["explain", str(handed_over), "--on", "2026-06-01", "--text"]) == 0
    out = capsys.readouterr().out
    assert "fælles jobsamtale hos jobcentret: personligt fremmøde, telefonisk eller personligt digitalt fremmøde (video)" in out
    assert "Ikke muligt: jobsamtale hos a-kassen" in out
    assert "  jobcentret må:\n     - indkalde til en samtale\n" in out
    assert "     - registrere en samtale som holdt eller udeblevet\n" in out


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_text_has_no_raw_enum_values(example, capsys):
    from scheduling.course import Format, InterviewKind
    from scheduling.evaluation import CaseworkerAction

    assert main(["explain", str(example), "--on", "2026-06-01", "--text"]) == 0
    out = capsys.readouterr().out
    raw = [*CaseworkerAction, Format.PERSONLIGT, Format.VIDEO, InterviewKind.FAELLESSAMTALE]
    assert not [value for value in raw if re.search(rf"\b{value.value}\b", out)]


@pytest.mark.parametrize(
    "name, field",
    [
        ("missing-registered.json", "registered_on"),
        ("bad-insurance.json", "insurance"),
        ("bad-interview-start.json", "interviews[0].start"),
        ("negative-hours.json", "hours[0].hours"),
        ("impossible-date.json", "registered_on"),
        ("not-json.json", "JSON"),
    ],
)
def test_broken_files_exit_2_naming_the_field(name, field, capsys):
    assert main(["explain", str(BROKEN / name), "--on", "2026-02-01"]) == 2
    assert field in capsys.readouterr().err


def test_unreadable_file_exits_2(capsys):
    assert main(["explain", str(BROKEN / "does-not-exist.json")]) == 2
    assert "kan ikke læses" in capsys.readouterr().err


def test_bad_on_date_exits_2():
    with pytest.raises(SystemExit) as exit_:
        main(["explain", str(EXAMPLES[0]), "--on", "2026-13-01"])
    assert exit_.value.code == 2


def test_module_runs_as_command():
    result = subprocess.run(
        [sys.executable, "-m", "scheduling", "explain", str(EXAMPLES[0]), "--text"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and "R19" in result.stdout


def test_R2_handover_example_says_jobcenter_from_may():
    from datetime import date

    from scheduling.coursejson import course_from_json
    from scheduling.evaluation import evaluate

    course = course_from_json(json.loads((ROOT / "scheduling/examples/03-just-handed-over.json").read_text()))
    assert evaluate(course, date(2026, 5, 1)).responsibility.akasse_until == date(2026, 4, 30)


def test_R11_R3_new_registration_explained_late_keeps_six_months_after_the_handover(capsys):
    new = ROOT / "scheduling/examples/01-new-registration.json"
    assert main(["explain", str(new), "--on", "2026-11-25"]) == 0
    data = json.loads(capsys.readouterr().out)
    handover = data["responsibility"]["akasse_until"]
    r8 = next(o for o in data["obligations"] if o["rule"] == "R8")
    assert data["responsibility"]["organisation"] == "akasse" and r8["due"] > handover
    assert not [n for n in data["notices"] if n["rule"] == "R11"]
