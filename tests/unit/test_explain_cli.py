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


# ---- extreme values (issue 9): exit 2 with a Danish message, never a traceback ---------------------------------

OUT_OF_RANGE = "Skriv en dato mellem 1. januar 1900 og 31. december 2100"


def _explain_with(tmp_path, capsys, text: str, *args: str) -> tuple[int, str]:
    path = tmp_path / "course.json"
    path.write_text(text, encoding="utf-8")
    code = main(["explain", str(path), *args])
    return code, capsys.readouterr().err


def _course(**changes) -> str:
    data = json.loads((ROOT / "scheduling/examples/01-new-registration.json").read_text(encoding="utf-8"))
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize("on", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_day_outside_the_range_on_the_command_line_exits_2_in_danish(on, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["explain", str(EXAMPLES[0]), "--on", on])
    assert exit_.value.code == 2
    assert OUT_OF_RANGE in capsys.readouterr().err


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"registered_on": "0001-01-01"}, "registered_on"),
        ({"birth_date": "1899-12-31"}, "birth_date"),
        ({"on": "9999-12-31"}, "on"),
        ({"exemptions": [{"id": "e1", "ground": "nr1", "starts_on": "2026-01-06", "event_on": "0001-01-01"}]}, "exemptions[0].event_on"),
        ({"exemptions": [{"id": "e1", "ground": "nr3", "starts_on": "2026-01-06", "event_on": "2026-01-06", "ends_on": "9999-12-31"}]}, "exemptions[0].ends_on"),
        ({"control_actions": [{"id": "c1", "received_on": "9999-12-31"}]}, "control_actions[0].received_on"),
        ({"referred_r4_on": "0001-01-01"}, "referred_r4_on"),
        ({"decisions": [{"kind": "fratagelse_selvbooking", "made_on": "0001-01-01", "organisation": "akasse"}]}, "decisions[0].made_on"),
        ({"hours": [{"registered_on": "9999-12-31", "period_start": "2026-01-05", "period_end": "2026-01-31", "hours": 10}]}, "hours[0].registered_on"),
        (
            {"interviews": [{"id": "i1", "kind": "jobsamtale", "organisation": "akasse", "format": "telefonisk", "status": "booket",
                             "start": "9999-12-31T23:00:00-05:00", "end": "9999-12-31T23:30:00-05:00"}]},
            "interviews[0].",
        ),
        (
            {"interviews": [{"id": "i1", "kind": "jobsamtale", "organisation": "akasse", "format": "telefonisk", "status": "booket",
                             "start": "0001-01-01T00:00:00+05:00", "end": "0001-01-01T01:00:00+05:00"}]},
            "interviews[0].",
        ),
    ],
)
def test_a_date_outside_the_range_in_the_course_exits_2_naming_the_field(changes, field, tmp_path, capsys):
    code, err = _explain_with(tmp_path, capsys, _course(**changes), "--on", "2026-02-01")
    assert code == 2 and field in err and OUT_OF_RANGE in err and "Traceback" not in err


@pytest.mark.parametrize(
    "text",
    [
        _course(hours=[{"registered_on": "2026-02-01", "period_start": "2026-01-05", "period_end": "2026-01-31", "hours": 7}])
        .replace('"hours": 7', '"hours": 1e400'),
        _course(hours=[{"registered_on": "2026-02-01", "period_start": "2026-01-05", "period_end": "2026-01-31", "hours": 10**400}]),
        _course().replace('"insurance"', '"hours": [{"registered_on": "2026-02-01", "period_start": "2026-01-05", "period_end": "2026-01-31", "hours": NaN}], "insurance"'),
        _course(interviews=[{"id": "9" * 5000, "kind": "jobsamtale", "organisation": "akasse", "format": "telefonisk",
                             "start": "2026-01-10T10:00:00+01:00", "end": "2026-01-10T11:00:00+01:00", "rebooked_count": 7}])
        .replace('"rebooked_count": 7', '"rebooked_count": 1' + "0" * 5000),
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=["infinite-hours", "huge-hours", "nan-hours", "huge-id-and-count", "deep-nesting"],
)
def test_huge_or_endless_values_exit_2_with_a_danish_message(text, tmp_path, capsys):
    code, err = _explain_with(tmp_path, capsys, text, "--on", "2026-02-01")
    assert code == 2 and err.startswith("Fejl") and "Traceback" not in err


def test_extreme_values_never_show_a_traceback_from_the_command(tmp_path):
    path = tmp_path / "course.json"
    path.write_text(_course(exemptions=[{"id": "e1", "ground": "nr1", "starts_on": "2026-01-06", "event_on": "0001-01-01"}]))
    for args in (["--on", "9999-12-31"], ["--on", "2026-02-01"]):
        result = subprocess.run(
            [sys.executable, "-m", "scheduling", "explain", str(path), *args], capture_output=True, text=True, cwd=ROOT
        )
        assert result.returncode == 2 and "Traceback" not in result.stderr and "Skriv en dato mellem" in result.stderr


# Issue 11: explain as a whole process is mostly imports; it imports only what it uses.
NOT_FOR_EXPLAIN = (
    "holidays", "sqlalchemy", "flask", "portal", "scheduling.slots", "scheduling.services", "icalendar", "jsonschema", "babel",
)


def test_explain_imports_only_what_it_uses():
    """Not the slot finder (and its holiday calendars), not the database, not the web layer; not jsonschema
    (scheduling.schemacheck reads the schema) and not babel (Danish dates and numbers are written directly)."""
    script = (
        "import sys, io, contextlib\n"
        "from scheduling.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    for example in {[str(e) for e in EXAMPLES]!r}:\n"
        "        main(['explain', example, '--text'])\n"
        "        main(['explain', example])\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split()
    assert [m for m in loaded if m.startswith(NOT_FOR_EXPLAIN)] == []
