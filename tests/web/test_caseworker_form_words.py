"""A caseworker form's message for a field left empty names the field in the label's own words (issue 14, "Words
for caseworkers"): "Din vurdering" → "Skriv din vurdering", "Begrundelse" → "Skriv en begrundelse". Checked for
every required field (DataRequired, InputRequired, FileRequired) of every form a caseworker fills in: the
caseworker forms, each person action's form as the action shows it, log-in and the calendar upload.
"""

from __future__ import annotations

import inspect
import re

import pytest
from flask_wtf.file import FileRequired
from wtforms.validators import DataRequired, InputRequired

from portal.auth import forms as auth_forms
from portal.calendar import forms as calendar_forms
from portal.caseworker import actions
from portal.caseworker import forms as caseworker_forms
from portal.forms import Form

# Words that are not what a label is about ("Din vurdering", "Hvorfor aflyses samtalen?", "Fra dato").
NOT_KEY = {"din", "dine", "dit", "den", "det", "de", "en", "et", "hvorfor", "hvordan", "hvor", "hvornår", "blev", "skal", "fra", "til", "for", "at", "og", "i", "jeg"}


def _forms() -> dict[str, type[Form]]:
    found: dict[str, type[Form]] = {}
    for module in (caseworker_forms, auth_forms, calendar_forms):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Form) and cls is not Form and cls.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = cls
    for action in actions.ACTIONS:
        found[f"action {action.endpoint}"] = action.form
    return found


def key_word(label: str) -> str:
    """The word a label is about, as a stem: its first word that says something ("Din konkrete vurdering" →
    "konkr"), without a parenthesis ("Grundlag (LAB § 106, stk. 1)" → "grund")."""
    words = re.findall(r"[\wæøå-]+", re.sub(r"\(.*?\)", "", label).lower())
    word = next(w for w in words if w not in NOT_KEY)
    return word[: max(3, len(word) - 3)]


def _required(app) -> list[tuple[str, str, str]]:
    rows = []
    with app.test_request_context():
        for name, cls in _forms().items():
            form = cls(meta={"csrf": False})
            for field in form:
                for validator in field.validators:
                    if isinstance(validator, (DataRequired, InputRequired, FileRequired)) and field.type != "HiddenField":
                        rows.append((f"{name}.{field.name}", str(field.label.text), str(validator.message)))
    return rows


def test_the_forms_are_found(app):
    rows = _required(app)
    assert len(rows) > 30
    assert any(name.startswith("action restore.") for name, _, _ in rows)


def test_every_required_fields_message_names_the_field_as_its_label_does(app):
    wrong = [
        f"{name}: label {label!r}, message {message!r} (no {key_word(label)!r})"
        for name, label, message in _required(app)
        if key_word(label) not in message.lower()
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("endpoint", "label", "message"),
    [
        ("restore", "Din vurdering", "Skriv din vurdering"),
        ("not_covered", "Din konkrete vurdering", "Skriv din konkrete vurdering af sagen"),
        ("lift_exemption", "Begrundelse", "Skriv en begrundelse"),
    ],
)
def test_an_assessment_says_what_its_label_says(app, endpoint, label, message):
    action = next(a for a in actions.ACTIONS if a.endpoint == endpoint)
    with app.test_request_context():
        field = action.form(meta={"csrf": False}).assessment
        assert str(field.label.text) == label
        assert str(field.validators[0].message) == message


def test_key_word():
    assert key_word("Din konkrete vurdering") == "konkr" and key_word("Hvorfor aflyses samtalen?") == "afly"
    assert key_word("Grundlag (LAB § 106, stk. 1)") == "grund" and key_word("Tid") == "tid"
