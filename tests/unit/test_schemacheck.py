"""``scheduling.schemacheck`` judges course JSON exactly as jsonschema does with the same schema file.

``python -m scheduling explain`` validates with the small validator (jsonschema costs start-up time); the schema
file stays the contract, so every document is accepted or refused by both alike, with problems at the same
places: the examples, hand-made broken documents and documents changed at random (hypothesis).
"""

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduling.coursejson import schema
from scheduling.schemacheck import SchemaKeywordError, Validator

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "scheduling" / "examples").glob("*.json"))}

REFERENCE = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
OURS = Validator(schema())


def _reference_places(document) -> set[tuple]:
    """Where jsonschema finds problems: each error's instance location."""
    return {tuple(error.absolute_path) for error in REFERENCE.iter_errors(document)}


def _our_places(document) -> set[tuple]:
    return {problem.at for problem in OURS.problems(document)}


def _same_judgement(document) -> None:
    assert OURS.is_valid(document) == REFERENCE.is_valid(document)
    assert _our_places(document) == _reference_places(document)


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_is_valid_for_both(name):
    assert REFERENCE.is_valid(EXAMPLES[name])
    assert OURS.problems(EXAMPLES[name]) == []


def _changed(name: str, change) -> dict:
    document = copy.deepcopy(EXAMPLES[name])
    change(document)
    return document


BROKEN = {
    "not-an-object": lambda d: d.clear() or d.update(x=[1]),
    "missing-required": lambda d: d.pop("insurance"),
    "unknown-field": lambda d: d.update(registred_on="2026-01-05"),
    "bad-enum": lambda d: d.update(insurance="halvtid"),
    "bool-as-number": lambda d: d.update(hours=[{"registered_on": "2026-02-02", "period_start": "2026-01-05", "period_end": "2026-01-31", "hours": True}]),
    "fraction-integer": lambda d: d["interviews"][0].update(rebooked_count=2.5),
    "too-many": lambda d: d["interviews"][0].update(rebooked_count=1001),
    "negative": lambda d: d["interviews"][0].update(rebooked_count=-1),
    "empty-id": lambda d: d["interviews"][0].update(id=""),
    "impossible-date": lambda d: d.update(registered_on="2026-02-30"),
    "date-with-newline": lambda d: d.update(registered_on="2026-02-03\n"),
    "unicode-digits": lambda d: d.update(registered_on="２０２６-01-05"),
    "year-0001": lambda d: d.update(birth_date="0001-01-01"),
    "instant-without-offset": lambda d: d["interviews"][0].update(start="2026-01-12T09:00:00"),
    "null-or-date-wrong": lambda d: d.update(referred_r4_on=20260105),
    "null-or-enum-wrong": lambda d: d["interviews"][0].update(akasse_participation="lyd"),
    "string-or-null-wrong": lambda d: d["interviews"][0].update(control_action_id=7),
    "array-as-object": lambda d: d.update(interviews={"0": {}}),
    "item-not-object": lambda d: d.update(decisions=["fratagelse_selvbooking"]),
    "nested-unknown-and-missing": lambda d: d["interviews"].append({"id": "x", "kid": "jobsamtale"}),
    "status-missing": lambda d: d["interviews"][0].pop("status"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_documents_are_refused_by_both_at_the_same_places(name):
    document = _changed("02-mid-akasse-period", BROKEN[name])
    assert not REFERENCE.is_valid(document)
    _same_judgement(document)


def test_a_whole_float_is_an_integer_for_both():
    document = _changed("02-mid-akasse-period", lambda d: d["interviews"][0].update(rebooked_count=2.0))
    assert REFERENCE.is_valid(document) and OURS.is_valid(document)


def test_a_keyword_the_validator_does_not_know_is_refused_when_it_is_built():
    with pytest.raises(SchemaKeywordError, match="patternProperties"):
        Validator({"type": "object", "properties": {"a": {"patternProperties": {}}}})


def test_conditional_and_referenced_schemas_are_checked_like_jsonschema():
    """Keywords the course schema may grow (a required field for one ground, shared definitions)."""
    conditional = {
        "$defs": {"day": {"type": "string", "format": "date"}},
        "type": "object",
        "properties": {"ground": {"enum": ["nr1", "nr3"]}, "event_on": {"$ref": "#/$defs/day"}},
        "if": {"properties": {"ground": {"const": "nr3"}}},
        "then": {"required": ["event_on"]},
        "allOf": [{"not": {"required": ["forbidden"]}}],
    }
    ours, reference = Validator(conditional), jsonschema.Draft202012Validator(conditional, format_checker=jsonschema.FormatChecker())
    for document in ({"ground": "nr3"}, {"ground": "nr1"}, {"ground": "nr3", "event_on": "2026-02-30"}, {"ground": "nr3", "event_on": "2026-02-03"}, {"forbidden": 1}):
        assert ours.is_valid(document) == reference.is_valid(document), document
        assert {p.at for p in ours.problems(document)} == {tuple(e.absolute_path) for e in reference.iter_errors(document)}


# ---- random changes ------------------------------------------------------------------------------------------

JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=200_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(
        ["", "a1", "k1", "2026-01-05", "2026-02-30", "1899-12-31", "2026-01-12T09:00:00+01:00", "2026-01-12T09:00", "fuldtid",
         "jobsamtale", "akasse", "jobcenter", "afholdt", "booket", "telefonisk", "video", "nr3", "fratagelse_selvbooking"]
    ),
    st.lists(st.integers(0, 3), max_size=2),
    st.just({}),
)


def _places(document, prefix=()):
    """Every (container, key) in the document that a change can target."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield document, key
            yield from _places(value)
    elif isinstance(document, list):
        for n, value in enumerate(document):
            yield document, n
            yield from _places(value)


@st.composite
def changed_documents(draw):
    document = copy.deepcopy(draw(st.sampled_from(list(EXAMPLES.values()))))
    for _ in range(draw(st.integers(1, 3))):
        places = list(_places(document))
        container, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "set":
            container[key] = draw(JSON_VALUES)
        elif action == "delete" and isinstance(container, dict):
            del container[key]
        elif isinstance(container, dict):
            container[draw(st.sampled_from(["status", "kind", "registred_on", "id", "made_on", "ends_on", "x"]))] = draw(JSON_VALUES)
    return document


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changed_documents())
def test_randomly_changed_documents_are_judged_alike(document):
    _same_judgement(document)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changed_documents())
def test_a_changed_document_is_a_course_or_a_course_error_never_a_crash(document):
    from scheduling.coursejson import CourseError, course_from_json

    try:
        course_from_json(document)
    except CourseError as error:
        assert error.message and "Traceback" not in error.message
