"""A course as JSON and an evaluation as JSON or Danish text (for ``python -m scheduling explain``).

The JSON is validated against ``schema/course.schema.json`` first, so an error names the field's path; only
then is the :class:`~scheduling.course.Course` built.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from scheduling import datebounds, labels
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    ControlAction,
    Course,
    Decision,
    DecisionKind,
    Exemption,
    ExemptionGround,
    Format,
    HourEntry,
    HourKind,
    Insurance,
    Interview,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import CaseworkerAction, Evaluation, ObligationState
from scheduling.reasons import Reason


class CourseError(ValueError):
    """Invalid course JSON; ``path`` names the field (e.g. ``interviews[0].start``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a course."""
    text = resources.files("scheduling").joinpath("schema/course.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _danish(error: jsonschema.ValidationError) -> str:
    if error.validator in ("anyOf", "oneOf") and error.context:
        # a field that may be null: say what is wrong with the value given, not that no alternative fits
        given = [e for e in error.context if e.validator != "type"]
        if given:
            return _danish(given[0])
    if error.validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else error.message
        return f"feltet '{missing}' mangler"
    if error.validator == "additionalProperties":
        return f"ukendt felt: {error.message}"
    if error.validator == "enum":
        return f"ugyldig værdi {error.instance!r}; tilladt: {', '.join(map(str, error.validator_value))}"
    if error.validator == "pattern" and _year_out_of_range(error.instance):
        return f"{error.instance} ligger uden for det tilladte. {datebounds.out_of_range_text()}"
    if error.validator in ("pattern", "format"):
        return f"ugyldig dato/tid {error.instance!r} (forventet ISO 8601, fx 2026-01-05 eller 2026-01-05T10:00+01:00)"
    if error.validator == "type":
        return f"forkert type: {error.instance!r} skal være {error.validator_value}"
    return f"ugyldig værdi: {error.message}"


def _year_out_of_range(value: Any) -> bool:
    """A date or instant written as ISO whose year the schema's pattern refuses (outside 1900–2100)."""
    if not isinstance(value, str) or not value[:4].isdigit() or value[4:5] != "-":
        return False
    return not datebounds.EARLIEST.year <= int(value[:4]) <= datebounds.LATEST.year


def validate(data: Any) -> None:
    """Raise :class:`CourseError` naming the first invalid field."""
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        error = errors[0]
        path = _path(error.absolute_path)
        if error.validator == "required" and "'" in error.message:
            path = _path([*error.absolute_path, error.message.split("'")[1]])
        raise CourseError(path, _danish(error))


def _date(value: str | None, path: str) -> date | None:
    if value is None:
        return None
    try:
        result = date.fromisoformat(value)
    except ValueError as exc:
        raise CourseError(path, f"ugyldig dato {value!r}") from exc
    return _in_range(result, path)


def _in_range(value: Any, path: str) -> Any:
    """``value`` (a date or an instant) if it lies within :mod:`scheduling.datebounds`' range, else CourseError."""
    if not datebounds.in_range(value):
        raise CourseError(path, f"{value.isoformat()} ligger uden for det tilladte. {datebounds.out_of_range_text()}")
    return value


def _d(value: str, path: str) -> date:
    result = _date(value, path)
    assert result is not None
    return result


def _instant(value: str | None, path: str) -> datetime | None:
    if value is None:
        return None
    try:
        result = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CourseError(path, f"ugyldigt tidspunkt {value!r}") from exc
    if result.tzinfo is None:
        raise CourseError(path, "tidspunktet skal have en tidszone, fx +01:00")
    return _in_range(result, path)


def day_on(data: Any) -> date | None:
    """The course file's own ``on`` (the day to evaluate on), if it has one; CourseError when it is out of range."""
    if not isinstance(data, dict) or "on" not in data:
        return None
    return _date(data["on"], "on")


def course_from_json(data: Any) -> Course:
    """Validate ``data`` against the schema and build a :class:`Course`; :class:`CourseError` names the field."""
    validate(data)
    interviews = []
    for n, i in enumerate(data.get("interviews", [])):
        p = f"interviews[{n}]"
        start, end = _instant(i["start"], f"{p}.start"), _instant(i["end"], f"{p}.end")
        assert start is not None and end is not None
        if end <= start:
            raise CourseError(f"{p}.end", "samtalen skal slutte efter den begynder")
        interviews.append(
            Interview(
                id=i["id"],
                kind=InterviewKind(i["kind"]),
                organisation=Organisation(i["organisation"]),
                start=start,
                end=end,
                format=Format(i["format"]),
                status=InterviewStatus(i.get("status", InterviewStatus.BOOKED.value)),
                booked_by=BookedBy(i.get("booked_by", BookedBy.SELF.value)),
                akasse_participation=AkasseParticipation(i["akasse_participation"]) if i.get("akasse_participation") else None,
                format_raised=i.get("format_raised", False),
                control_action_id=i.get("control_action_id"),
                booked_on=_instant(i.get("booked_on"), f"{p}.booked_on"),
                rebooked_count=i.get("rebooked_count", 0),
            )
        )
    hours = []
    for n, h in enumerate(data.get("hours", [])):
        p = f"hours[{n}]"
        entry = HourEntry(
            _d(h["registered_on"], f"{p}.registered_on"),
            _d(h["period_start"], f"{p}.period_start"),
            _d(h["period_end"], f"{p}.period_end"),
            Decimal(str(h["hours"])),
            HourKind(h.get("kind", HourKind.DAGPENGE.value)),
        )
        if entry.period_end < entry.period_start:
            raise CourseError(f"{p}.period_end", "perioden slutter før den begynder")
        hours.append(entry)
    course = Course(
        registered_on=_d(data["registered_on"], "registered_on"),
        placed_on=_d(data["placed_on"], "placed_on"),
        insurance=Insurance(data["insurance"]),
        birth_date=_d(data["birth_date"], "birth_date"),
        vocational_qualification=data.get("vocational_qualification", False),
        custody_of_children_at_home=data.get("custody_of_children_at_home", False),
        hours=tuple(hours),
        referred_r4_on=_date(data.get("referred_r4_on"), "referred_r4_on"),
        exemptions=tuple(
            Exemption(
                e["id"],
                ExemptionGround(e["ground"]),
                _d(e["starts_on"], f"exemptions[{n}].starts_on"),
                _date(e.get("ends_on"), f"exemptions[{n}].ends_on"),
                _date(e.get("event_on"), f"exemptions[{n}].event_on"),
                _date(e.get("not_covered_on"), f"exemptions[{n}].not_covered_on"),
            )
            for n, e in enumerate(data.get("exemptions", []))
        ),
        control_actions=tuple(
            ControlAction(c["id"], _d(c["received_on"], f"control_actions[{n}].received_on"), c.get("stay_abroad", False))
            for n, c in enumerate(data.get("control_actions", []))
        ),
        repatriation=data.get("repatriation", False),
        old_rules=data.get("old_rules", False),
        interviews=tuple(interviews),
        decisions=tuple(
            Decision(DecisionKind(x["kind"]), _d(x["made_on"], f"decisions[{n}].made_on"), Organisation(x["organisation"]), x.get("reason", ""))
            for n, x in enumerate(data.get("decisions", []))
        ),
        faellessamtale_r10_selvbooking=data.get("faellessamtale_r10_selvbooking", True),
        faellessamtale_r12_selvbooking=data.get("faellessamtale_r12_selvbooking", True),
    )
    if course.birth_date > course.registered_on:
        raise CourseError("birth_date", "fødselsdatoen ligger efter tilmeldingen")
    return course


def _value(value: Any) -> Any:
    if isinstance(value, Reason):
        return value.to_json()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (frozenset, set)):
        return sorted(_value(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: _value(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, Decimal):
        return float(value)
    return value.value if hasattr(value, "value") else value


def evaluation_to_json(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as JSON-ready data; every Reason as rule, basis, message, params and rendered text."""
    data: dict[str, Any] = _value(evaluation)
    for permissions in data["caseworkers"]:
        permissions["refusals"] = [{"action": action, "reason": reason} for action, reason in permissions["refusals"]]
    return data


def _line(reason: Reason) -> str:
    return f"{reason.render()} [{reason.rule}; {reason.basis}]"


def _or(words: list[str]) -> str:
    """"a, b eller c"."""
    return f"{', '.join(words[:-1])} eller {words[-1]}" if len(words) > 1 else "".join(words)


def evaluation_to_text(evaluation: Evaluation) -> str:
    """The evaluation as readable Danish for caseworkers and reviewers: kinds, organisations, formats and
    actions by their Danish names (:mod:`scheduling.labels`), every reason with its rule and basis."""
    from scheduling.reasons import format_param

    org = labels.ORGANISATION
    r = evaluation.responsibility
    out = [f"Kontaktforløbet {format_param(evaluation.on)}", "", f"Ansvar: {org[r.organisation]}", f"  {_line(r.reason)}", "", "Samtaler, der skal holdes:"]
    for o in evaluation.obligations:
        due = format_param(o.due) + (" (forventet)" if o.due_projected else "") if o.due else "-"
        late = f" ({o.held_late} {labels.OBLIGATION_STATE[ObligationState.HELD_LATE]})" if o.held_late else ""
        out.append(f"  {o.rule} {org[o.organisation]}: {o.held} af {o.required}{late}, senest {due} — {labels.OBLIGATION_STATE[o.state]}")
        out.append(f"     {_line(o.reason)}")
    out += ["", "Det kan du selv booke:" if evaluation.citizen.may_self_book else "Du kan ikke selv booke samtaler lige nu."]
    for opt in evaluation.citizen.options:
        formats = _or([labels.FORMAT[f] for f in opt.formats])
        out.append(f"  {labels.KIND[opt.kind]} hos {org[opt.organisation]}: {formats}")
        out.append(f"     {_line(opt.reason)}")
    for ref in evaluation.citizen.refusals:
        if ref.kind and ref.organisation:
            out.append(f"  Ikke muligt: {labels.KIND[ref.kind]} hos {org[ref.organisation]}")
            out.append(f"     {_line(ref.reason)}")
        else:
            out.append(f"  Ikke muligt: {_line(ref.reason)}")
    out += ["", "Sagsbehandlere:"]
    for p in evaluation.caseworkers:
        actions = [labels.CASEWORKER_ACTION[a] for a in CaseworkerAction if a in p.allowed]
        out.append(f"  {org[p.organisation]} må:" if actions else f"  {org[p.organisation]} må ikke gøre noget lige nu.")
        out += [f"     - {action}" for action in actions]
    if evaluation.signals:
        out += ["", "Mønstre til konkret vurdering (ikke en afgørelse):"]
        out += [f"  {_line(s.reason)}" for s in evaluation.signals]
    if evaluation.notices:
        out += ["", "Bemærk:"]
        out += [f"  {_line(n)}" for n in evaluation.notices]
    return "\n".join(out) + "\n"
