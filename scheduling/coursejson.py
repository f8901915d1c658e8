"""A course as JSON and an evaluation as JSON or Danish text (for ``python -m scheduling explain``).

The JSON is validated against ``schema/course.schema.json`` first (by :mod:`scheduling.schemacheck`, so an error
names the field's path in Danish), then checked for facts that contradict each other
(:func:`check_contradictions`: duplicate ids, references to nothing); only then is the
:class:`~scheduling.course.Course` built, and checked once more for what needs the rules (a decision by an
organisation that was not responsible on its day, a placement far from the registration).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from scheduling import datebounds, labels
from scheduling import parameters as P
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
from scheduling.reasons import Reason, format_param
from scheduling.rules.facts import add_months, shift
from scheduling.rules.responsibility import responsible_on
from scheduling.schemacheck import Problem, Validator

SCHEMA = Path(__file__).with_name("schema") / "course.schema.json"

# A field holding another entry's id, and the list whose ``id`` it must name. Checked in every list of the
# course, so a field added to the schema under one of these names is checked wherever it appears.
REFERENCES = {"control_action_id": "control_actions", "exemption_id": "exemptions"}
REFERENCE_NAMES = {"control_actions": "kontrolhandling", "exemptions": "fritagelse"}


class CourseError(ValueError):
    """Invalid course JSON; ``path`` names the field (e.g. ``interviews[0].start``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a course."""
    return dict(json.loads(SCHEMA.read_text(encoding="utf-8")))


@cache
def validator() -> Validator:
    """The course schema's validator (built once per process)."""
    return Validator(schema())


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _danish(problem: Problem) -> str:
    """The problem's Danish message; every pattern and format of the schema is a date or an instant."""
    if problem.keyword in ("pattern", "format"):
        if _year_out_of_range(problem.value):
            return f"{problem.value} ligger uden for det tilladte. {datebounds.out_of_range_text()}"
        return f"ugyldig dato/tid {problem.value!r} (forventet ISO 8601, fx 2026-01-05 eller 2026-01-05T10:00+01:00)"
    return problem.message


def _year_out_of_range(value: Any) -> bool:
    """A date or instant written as ISO whose year the schema's pattern refuses (outside 1900–2100)."""
    if not isinstance(value, str) or not value[:4].isdigit() or value[4:5] != "-":
        return False
    return not datebounds.EARLIEST.year <= int(value[:4]) <= datebounds.LATEST.year


def validate(data: Any) -> None:
    """Raise :class:`CourseError` naming the first invalid field."""
    problems = validator().problems(data)
    if problems:
        problem = problems[0]
        path = _path(problem.field)
        if problem.keyword == "required" and path.startswith("exemptions[") and path.endswith(".event_on"):
            raise CourseError(path, WORK_SHARING_JOINED)  # the schema's one conditional field (nr3 needs it)
        raise CourseError(path, _danish(problem))


def check_contradictions(data: dict[str, Any]) -> None:
    """Raise :class:`CourseError` for facts of a schema-valid course that contradict each other: two entries of
    one list with the same ``id``, or a reference (:data:`REFERENCES`) to an id that no entry has."""
    ids: dict[str, dict[str, int]] = {}
    for name, entries in data.items():
        if not isinstance(entries, list):
            continue
        seen = ids.setdefault(name, {})
        for n, entry in enumerate(entries):
            if isinstance(entry, dict) and "id" in entry:
                if entry["id"] in seen:
                    raise CourseError(
                        f"{name}[{n}].id", f"id {entry['id']!r} er allerede brugt af {name}[{seen[entry['id']]}]; hvert id må kun bruges én gang"
                    )
                seen[entry["id"]] = n
    for name, entries in data.items():
        for n, entry in enumerate(entries if isinstance(entries, list) else []):
            for field, target in REFERENCES.items():
                wanted = entry.get(field) if isinstance(entry, dict) else None
                if wanted is not None and wanted not in ids.get(target, {}):
                    what = REFERENCE_NAMES.get(target, target)
                    raise CourseError(f"{name}[{n}].{field}", f"der er ingen {what} med id {wanted!r} i {target}")


def _check_decisions(course: Course) -> None:
    """Guidance 4.2: each organisation decides about self-booking for the interviews it is responsible for, so a
    decision by the other organisation on its day (as known that day) contradicts the course (R1, R2, R4)."""
    for n, decision in enumerate(course.decisions):
        responsible = responsible_on(course, decision.made_on)
        if decision.organisation is not responsible:
            org = labels.ORGANISATION
            raise CourseError(
                f"decisions[{n}].organisation",
                f"{org[decision.organisation]} havde ikke ansvaret for forløbet den {format_param(decision.made_on)}; "
                f"det havde {org[responsible]}, som derfor træffer afgørelsen",
            )


def _check_placement(course: Course) -> None:
    """The registration lies in the benefit period that starts with the placement (limits in :mod:`parameters`)."""
    before = P.PLACEMENT_BEFORE_REGISTRATION_MONTHS.on(course.registered_on)
    after = P.PLACEMENT_AFTER_REGISTRATION_DAYS.on(course.registered_on)
    if course.placed_on < add_months(course.registered_on, -before):
        raise CourseError(
            "placed_on",
            f"indplaceringen {format_param(course.placed_on)} ligger mere end {before} måneder før tilmeldingen "
            f"{format_param(course.registered_on)}; tilmeldingen hører da til en ny dagpengeperiode (en ny fil)",
        )
    if course.placed_on > shift(course.registered_on, after):
        raise CourseError(
            "placed_on",
            f"indplaceringen {format_param(course.placed_on)} ligger mere end {after} dage efter tilmeldingen "
            f"{format_param(course.registered_on)}; tilmeldingen skal ligge i dagpengeperioden, som begynder med indplaceringen",
        )


# R26 nr. 3: the 6 weeks run from the day the person is covered by the scheme (LAB § 106, stk. 2; guidance 7.1)
WORK_SHARING_JOINED = "arbejdsfordeling (nr3) kræver datoen, personen blev omfattet af ordningen (event_on)"


def _exemption(e: dict[str, Any], n: int) -> Exemption:
    p = f"exemptions[{n}]"
    exemption = Exemption(
        e["id"],
        ExemptionGround(e["ground"]),
        _d(e["starts_on"], f"{p}.starts_on"),
        _date(e.get("ends_on"), f"{p}.ends_on"),
        _date(e.get("event_on"), f"{p}.event_on"),
        _date(e.get("not_covered_on"), f"{p}.not_covered_on"),
    )
    if exemption.ground is ExemptionGround.NR3_WORK_SHARING and exemption.event_on is None:
        raise CourseError(f"{p}.event_on", WORK_SHARING_JOINED)
    return exemption


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
    check_contradictions(data)
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
                status=InterviewStatus(i["status"]),
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
        exemptions=tuple(_exemption(e, n) for n, e in enumerate(data.get("exemptions", []))),
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
    _check_placement(course)
    _check_decisions(course)
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
    steps = [o for o in evaluation.obligations if o.kind is None]
    for o in evaluation.obligations:
        if o.kind is None:
            continue
        due = format_param(o.due) + (" (forventet)" if o.due_projected else "") if o.due else "-"
        late = f" ({o.held_late} {labels.OBLIGATION_STATE[ObligationState.HELD_LATE]})" if o.held_late else ""
        out.append(f"  {o.rule} {org[o.organisation]}: {o.held} af {o.required}{late}, senest {due} — {labels.OBLIGATION_STATE[o.state]}")
        out.append(f"     {_line(o.reason)}")
    if steps:  # the R4 referral: the a-kasse's step, not an interview the person attends
        out += ["", "Andre frister (ikke samtaler):"]
        for o in steps:
            due = format_param(o.due) if o.due else "-"
            out.append(f"  {o.rule} {org[o.organisation]}: visitering til jobcentret, senest {due} — {labels.OBLIGATION_STATE[o.state]}")
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
        out += ["", "Signaler til sagsbehandlerens konkrete vurdering (ikke en afgørelse):"]
        out += [f"  {_line(s.reason)}" for s in evaluation.signals]
    if evaluation.notices:
        out += ["", "Bemærk:"]
        out += [f"  {_line(n)}" for n in evaluation.notices]
    return "\n".join(out) + "\n"
