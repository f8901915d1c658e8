"""Course JSON that contradicts itself is refused (issue 12, correction 6).

``python -m scheduling explain`` exits with status 2 and a Danish message that names the field (a JSON path
like ``interviews[1].id``); JSON Schema's own English wording never reaches the reader, and an unknown field
name gets the closest known one as a suggestion.
"""

import json
from pathlib import Path

import pytest

from scheduling.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "scheduling" / "examples"
ENGLISH = ("is not", "allowed", "greater than", "less than", "required property", "valid under", "should be", "too short")


def _example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def _explain(tmp_path, capsys, data: dict) -> tuple[int, str]:
    path = tmp_path / "course.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code = main(["explain", str(path), "--on", "2026-06-01"])
    return code, capsys.readouterr().err


def _refused(tmp_path, capsys, data: dict, field: str, *words: str) -> str:
    code, err = _explain(tmp_path, capsys, data)
    assert code == 2, err
    assert f"felt {field}:" in err
    assert all(word in err for word in words), err
    assert not [english for english in ENGLISH if english in err], err
    assert "Traceback" not in err
    return err


# ---- ids and references -----------------------------------------------------------------------------------------


def test_duplicate_interview_ids_are_refused_naming_the_second(tmp_path, capsys):
    """Two interviews with one id: which one a caseworker or a control action means is unclear."""
    data = _example("02-mid-akasse-period")
    data["interviews"][1]["id"] = data["interviews"][0]["id"]
    _refused(tmp_path, capsys, data, "interviews[1].id", "'a1'", "interviews[0]")


@pytest.mark.parametrize("collection", ["exemptions", "control_actions"])
def test_duplicate_exemption_and_control_action_ids_are_refused(collection, tmp_path, capsys):
    data = _example("01-new-registration")
    if collection == "exemptions":
        data[collection] = [{"id": "x", "ground": "nr1", "starts_on": "2026-02-01"}, {"id": "x", "ground": "nr2", "starts_on": "2026-03-01"}]
    else:
        data[collection] = [{"id": "x", "received_on": "2026-02-01"}, {"id": "x", "received_on": "2026-03-01"}]
    _refused(tmp_path, capsys, data, f"{collection}[1].id", "'x'")


def test_R25_an_interview_answering_a_control_action_that_does_not_exist_is_refused(tmp_path, capsys):
    """Guidance 6: "Jobsamtalen skal holdes inden for en uge fra det tidspunkt, hvor meddelelsen fra en anden
    offentlig myndighed er modtaget." An interview is counted for the control action it names; one that names an
    action the course does not have answers none."""
    data = _example("07-control-action-abroad")
    data["interviews"][1]["control_action_id"] = "k9"
    _refused(tmp_path, capsys, data, "interviews[1].control_action_id", "'k9'", "control_actions")


def test_R26_a_reference_to_an_exemption_that_does_not_exist_is_refused():
    """No field of today's format refers to an exemption; the reference check is table-driven, so a field
    ``exemption_id`` (anywhere) is checked against ``exemptions`` as soon as the schema has one."""
    from scheduling.coursejson import CourseError, check_contradictions

    data = {"exemptions": [{"id": "f1"}], "decisions": [{"exemption_id": "f2"}]}
    with pytest.raises(CourseError) as error:
        check_contradictions(data)
    assert error.value.path == "decisions[0].exemption_id" and "'f2'" in error.value.message


# ---- who decides ------------------------------------------------------------------------------------------------


def test_R23_a_decision_by_the_jobcenter_in_the_akasse_period_is_refused(tmp_path, capsys):
    """Guidance 4.2: "A-kassen og jobcentret beslutter dette i forbindelse med de jobsamtaler, de hver især er
    ansvarlig for under kontaktforløbet. Det betyder, at a-kassen kan fratage personen retten til selvbooking i
    de første 3 måneder for de personer, som a-kassen varetager kontaktforløbet for, mens jobcentret kan fratage
    personen retten til selvbooking efter de første 3 måneder for de personer, jobcentret varetager
    kontaktforløbet for." """
    data = _example("05-revoked-self-booking")
    data["decisions"][0]["organisation"] = "jobcenter"
    _refused(tmp_path, capsys, data, "decisions[0].organisation", "jobcentret", "a-kassen", "1. marts 2026")


def test_R23_a_decision_by_the_akasse_after_the_handover_is_refused(tmp_path, capsys):
    """Guidance 4.2 (as above): after the first 3 months it is the jobcenter that decides."""
    data = _example("08-past-16-months")
    data["decisions"] = [{"kind": "fratagelse_selvbooking", "made_on": "2027-06-01", "organisation": "akasse"}]
    _refused(tmp_path, capsys, data, "decisions[0].organisation", "a-kassen", "jobcentret")


def test_R4_a_decision_by_the_akasse_after_the_referral_is_refused(tmp_path, capsys):
    """Guidance 2.1: "A-kassen skal visitere dagpengemodtagere i målgruppen for uddannelsespålæg til
    kontaktforløb i jobcentret senest 2 uger efter personens tilmelding som jobsøgende." From the referral the
    jobcenter runs the course, so it is the one that decides about self-booking (guidance 4.2)."""
    data = _example("04-r4-group")
    data["decisions"] = [{"kind": "fritagelse_selvbooking", "made_on": "2026-01-15", "organisation": "akasse"}]
    _refused(tmp_path, capsys, data, "decisions[0].organisation", "jobcentret")


def test_R23_a_decision_by_the_responsible_organisation_is_accepted(tmp_path, capsys):
    data = _example("08-past-16-months")
    data["decisions"] = [{"kind": "fratagelse_selvbooking", "made_on": "2027-06-01", "organisation": "jobcenter"}]
    code, err = _explain(tmp_path, capsys, data)
    assert code == 0, err


# ---- placement and registration --------------------------------------------------------------------------------


@pytest.mark.parametrize("placed_on", ["2022-12-31", "2026-02-20"], ids=["placed-over-3-years-before", "placed-weeks-after"])
def test_a_placement_far_from_the_registration_is_refused(placed_on, tmp_path, capsys):
    """Guidance 3.2: "Bestemmelsens ordlyd omfatter personens første tilmelding som jobsøgende i
    dagpengeperioden." The registration lies in the benefit period that begins with the placement, which the
    person uses within 3 years; a placement weeks after the registration, or more than 3 years before it, is a
    typing error (the limits are in ``scheduling/parameters.py``)."""
    data = _example("01-new-registration")
    data["placed_on"] = placed_on
    _refused(tmp_path, capsys, data, "placed_on", "tilmelding")


@pytest.mark.parametrize("placed_on", ["2025-01-01", "2023-01-06", "2026-01-05", "2026-01-19"])
def test_a_placement_in_the_same_benefit_period_as_the_registration_is_accepted(placed_on, tmp_path, capsys):
    """Guidance 8.1 on re-registration: "Ved gentilmelding forstås, at personen har været tilmeldt som ledig,
    hvorefter den ledige kommer i ordinær beskæftigelse og herefter gentilmelder sig som ledig på ny, uden
    personen har genoptjent ret til en ny dagpengeperiode." """
    data = _example("01-new-registration")
    data["placed_on"] = placed_on
    code, err = _explain(tmp_path, capsys, data)
    assert code == 0, err


# ---- status ----------------------------------------------------------------------------------------------------


def test_R6_an_interview_without_a_status_is_refused(tmp_path, capsys):
    """An interview in the past that silently counted as "booket" would leave R6 unmet for a held interview; the
    status is a fact the file must state (docs/course-json.md)."""
    data = _example("02-mid-akasse-period")
    del data["interviews"][0]["status"]
    _refused(tmp_path, capsys, data, "interviews[0].status", "mangler")


# ---- JSON Schema's messages in Danish, with the closest known field ------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d.update(registred_on=d.pop("registered_on")), "registred_on", ["Ukendt felt 'registred_on' — mente du 'registered_on'?"]),
        (lambda d: d["interviews"][0].update(statu="afholdt"), "interviews[0].statu", ["Ukendt felt 'statu' — mente du 'status'?"]),
        (lambda d: d.update(zzz=1), "zzz", ["Ukendt felt 'zzz'"]),
        (lambda d: d.update(hours=[{"registered_on": "2026-02-02", "period_start": "2026-01-05", "period_end": "2026-01-31", "hours": 100001}]), "hours[0].hours", ["må højst være 100000"]),
        (lambda d: d.update(hours=[{"registered_on": "2026-02-02", "period_start": "2026-01-05", "period_end": "2026-01-31", "hours": -1}]), "hours[0].hours", ["mindst 0"]),
        (lambda d: d.update(vocational_qualification="ja"), "vocational_qualification", ["true eller false"]),
        (lambda d: d["interviews"][0].update(rebooked_count=1.5), "interviews[0].rebooked_count", ["helt tal"]),
        (lambda d: d["interviews"][0].update(id=""), "interviews[0].id", ["tom"]),
        (lambda d: d.update(referred_r4_on=5), "referred_r4_on", ["tekst", "null"]),
        (lambda d: d.update(insurance="fuldtids"), "insurance", ["mente du 'fuldtid'?"]),
        (lambda d: d.update(interviews={}), "interviews", ["liste"]),
    ],
    ids=["unknown-root", "unknown-in-interview", "unknown-no-match", "maximum", "minimum", "boolean", "integer", "empty-id", "date-or-null", "enum", "array"],
)
def test_schema_errors_are_danish_and_suggest_the_closest_field(change, field, words, tmp_path, capsys):
    data = _example("02-mid-akasse-period")
    change(data)
    _refused(tmp_path, capsys, data, field, *words)
