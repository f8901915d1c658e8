"""A small JSON Schema validator for the course schema, with Danish messages and no jsonschema import.

``python -m scheduling explain`` is a short-lived process, and importing jsonschema (with attrs, referencing and
rpds) cost it about 45 ms, more than reading and evaluating a course. The schema file
(``schema/course.schema.json``) stays the documented contract: this module reads that file and interprets it
keyword by keyword, so a field another engineer adds to the schema is checked without touching this code.

It knows the draft 2020-12 keywords in :data:`ASSERTIONS`, :data:`APPLICATORS` and :data:`ANNOTATIONS`. A schema
using any other keyword is refused when the :class:`Validator` is built, so a new keyword is added here (with a
Danish message) instead of being ignored silently. ``tests/unit/test_schemacheck.py`` proves that it accepts and
refuses the same documents as jsonschema, at the same places.

Formats: ``date`` is asserted the way jsonschema's format checker does (``YYYY-MM-DD`` of a real day);
``date-time`` is an annotation here as in jsonschema without ``rfc3339-validator``: the schema's pattern fixes the
shape and :mod:`scheduling.coursejson` reads each instant itself, naming the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

Path = tuple[str | int, ...]

ASSERTIONS = frozenset(
    {"type", "enum", "const", "required", "additionalProperties", "pattern", "format", "minimum", "maximum",
     "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems"}
)
APPLICATORS = frozenset({"properties", "items", "oneOf", "anyOf", "allOf", "not", "if", "then", "else", "$ref", "$defs"})
ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated"})
KEYWORDS = ASSERTIONS | APPLICATORS | ANNOTATIONS

TYPE_NAMES = {
    "string": "tekst",
    "number": "et tal",
    "integer": "et helt tal",
    "boolean": "true eller false",
    "array": "en liste [...]",
    "object": "et objekt {...}",
    "null": "null",
}

# Unknown fields first: the suggestion ("mente du …?") explains the field that is then missing as well.
_ORDER = {"additionalProperties": 0, "required": 1}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Problem:
    """One way the document breaks the schema: ``at`` is the instance's location (as jsonschema's
    ``absolute_path``), ``field`` the field to name (for a missing or unknown field: that field), ``keyword`` the
    schema keyword, ``message`` the Danish sentence. (A plain class: a NamedTuple costs start-up time.)"""

    __slots__ = ("at", "field", "keyword", "message", "value")

    def __init__(self, at: Path, field: Path, keyword: str, message: str, value: Any = None) -> None:
        self.at, self.field, self.keyword, self.message, self.value = at, field, keyword, message, value

    def __repr__(self) -> str:
        return f"Problem({self.at!r}, {self.field!r}, {self.keyword!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Problem) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key()[:3])

    def _key(self) -> tuple[Any, ...]:
        return (self.at, self.field, self.keyword, self.message, self.value)

    def moved_to(self, at: Path) -> Problem:
        """The same problem reported at ``at`` (an alternative's problem, at the alternatives' place)."""
        return Problem(at, self.field, self.keyword, self.message, self.value)


class SchemaKeywordError(ValueError):
    """The schema uses a keyword this validator does not know."""


def shown(value: Any) -> str:
    """A value as the reader wrote it in JSON, shortened."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _or(words: list[str]) -> str:
    return f"{', '.join(words[:-1])} eller {words[-1]}" if len(words) > 1 else "".join(words)


def suggestion(word: Any, known: Any) -> str:
    """" — mente du 'x'?" for the closest of ``known`` (difflib), or ""."""
    import difflib  # only when there is something to suggest

    close = difflib.get_close_matches(word, [str(k) for k in known], n=1, cutoff=0.6) if isinstance(word, str) else []
    return f" — mente du '{close[0]}'?" if close else ""


def _is_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float))
    raise SchemaKeywordError(f"unknown type {name!r}")


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return bool(a == b) and (isinstance(a, (int, float)) == isinstance(b, (int, float)))


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _keywords_of(schema: Any, where: str = "#") -> Iterator[str]:
    """Every keyword used anywhere in ``schema`` that this validator does not know, with where it is."""
    if not isinstance(schema, dict):
        return
    for key, sub in schema.items():
        if key not in KEYWORDS:
            yield f"{where}/{key}"
        elif key in ("properties", "$defs"):
            for name, child in sub.items():
                yield from _keywords_of(child, f"{where}/{key}/{name}")
        elif key in ("oneOf", "anyOf", "allOf"):
            for n, child in enumerate(sub):
                yield from _keywords_of(child, f"{where}/{key}/{n}")
        elif key in ("items", "not", "if", "then", "else", "additionalProperties"):
            yield from _keywords_of(sub, f"{where}/{key}")


class Validator:
    """Checks documents against one schema (the subset of draft 2020-12 in :data:`KEYWORDS`)."""

    def __init__(self, schema: dict[str, Any]) -> None:
        unknown = list(_keywords_of(schema))
        if unknown:
            raise SchemaKeywordError(f"schemacheck does not know these schema keywords: {', '.join(unknown)}")
        self.root = schema
        self._patterns: dict[str, re.Pattern[str]] = {}

    def problems(self, value: Any) -> list[Problem]:
        """Every problem, the one to report first first (the shallowest, then by path, unknown fields first)."""
        found = list(self._check(value, self.root, ()))
        return sorted(found, key=lambda p: (len(p.at), [str(part) for part in p.at], _ORDER.get(p.keyword, 2)))

    def is_valid(self, value: Any) -> bool:
        """No problem at all."""
        return next(iter(self._check(value, self.root, ())), None) is None

    # ---- the keywords ----------------------------------------------------------------------------------------

    def _check(self, value: Any, schema: Any, at: Path) -> Iterator[Problem]:
        if schema is True or schema is None:
            return
        if schema is False:
            yield Problem(at, at, "false", "her må der ikke stå noget", value)
            return
        for keyword, argument in schema.items():
            check = _CHECKS.get(keyword)
            if check is not None:
                yield from check(self, value, argument, schema, at)

    def _type(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        names = argument if isinstance(argument, list) else [argument]
        if not any(_is_type(value, name) for name in names):
            yield Problem(at, at, "type", f"forkert type: {shown(value)} skal være {_or([TYPE_NAMES[n] for n in names])}", value)

    def _enum(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if not any(_equal(value, option) for option in argument):
            allowed = ", ".join(shown(option) for option in argument)
            yield Problem(at, at, "enum", f"ugyldig værdi {shown(value)}{suggestion(value, argument)} (tilladt: {allowed})", value)

    def _const(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if not _equal(value, argument):
            yield Problem(at, at, "const", f"skal være {shown(argument)}, ikke {shown(value)}", value)

    def _required(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if isinstance(value, dict):
            for name in argument:
                if name not in value:
                    yield Problem(at, (*at, name), "required", f"feltet '{name}' mangler", value)

    def _properties(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if isinstance(value, dict):
            for name, sub in argument.items():
                if name in value:
                    yield from self._check(value[name], sub, (*at, name))

    def _additional(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if not isinstance(value, dict):
            return
        known = schema.get("properties", {})
        for name in value:
            if name in known:
                continue
            if argument is False:
                yield Problem(at, (*at, name), "additionalProperties", f"Ukendt felt '{name}'{suggestion(name, known)}", value)
            else:
                yield from self._check(value[name], argument, (*at, name))

    def _items(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if isinstance(value, list):
            for n, item in enumerate(value):
                yield from self._check(item, argument, (*at, n))

    def _one_of(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        results = [list(self._check(value, sub, at)) for sub in argument]
        fitting = sum(1 for problems in results if not problems)
        if fitting == 1:
            return
        if fitting > 1:
            yield Problem(at, at, "oneOf", f"{shown(value)} passer på flere af de tilladte former", value)
        else:
            yield self._best(value, argument, results, at, "oneOf")

    def _any_of(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        results = [list(self._check(value, sub, at)) for sub in argument]
        if all(results):
            yield self._best(value, argument, results, at, "anyOf")

    def _best(self, value: Any, alternatives: list[Any], results: list[list[Problem]], at: Path, keyword: str) -> Problem:
        """None of the alternatives fits: say what is wrong with the value given, not that no alternative fits."""
        given = [p for problems in results for p in problems if p.keyword != "type"]
        if given:
            return given[0].moved_to(at)
        types = [t for sub in alternatives if isinstance(sub, dict) for t in _as_list(sub.get("type"))]
        if types:
            names = list(dict.fromkeys(TYPE_NAMES[t] for t in types))
            return Problem(at, at, keyword, f"forkert type: {shown(value)} skal være {_or(names)}", value)
        return Problem(at, at, keyword, f"ugyldig værdi {shown(value)}", value)

    def _all_of(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        for sub in argument:
            yield from self._check(value, sub, at)

    def _not(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if not list(self._check(value, argument, at)):
            yield Problem(at, at, "not", f"{shown(value)} er ikke tilladt her", value)

    def _if(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        branch = "then" if not list(self._check(value, argument, at)) else "else"
        if branch in schema:
            yield from self._check(value, schema[branch], at)

    def _ref(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        yield from self._check(value, self._resolve(argument), at)

    def _resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            raise SchemaKeywordError(f"only local $ref is supported, not {ref!r}")
        target: Any = self.root
        for part in filter(None, ref[1:].split("/")):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return target

    def _pattern(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if isinstance(value, str):
            pattern = self._patterns.get(argument)
            if pattern is None:
                pattern = self._patterns[argument] = re.compile(argument)
            if not pattern.search(value):
                yield Problem(at, at, "pattern", f"ugyldig værdi {shown(value)}: den har ikke den form, feltet skal have", value)

    def _format(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if argument == "date" and isinstance(value, str) and not _is_date(value):
            yield Problem(at, at, "format", f"ugyldig dato {shown(value)} (forventet ÅÅÅÅ-MM-DD, fx 2026-01-05)", value)

    def _minimum(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if _is_type(value, "number") and value < argument:
            yield Problem(at, at, "minimum", f"{shown(value)} er for lille: skal være mindst {shown(argument)}", value)

    def _maximum(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if _is_type(value, "number") and value > argument:
            yield Problem(at, at, "maximum", f"{shown(value)} er for stor: må højst være {shown(argument)}", value)

    def _exclusive_minimum(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if _is_type(value, "number") and value <= argument:
            yield Problem(at, at, "exclusiveMinimum", f"{shown(value)} er for lille: skal være større end {shown(argument)}", value)

    def _exclusive_maximum(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if _is_type(value, "number") and value >= argument:
            yield Problem(at, at, "exclusiveMaximum", f"{shown(value)} er for stor: skal være mindre end {shown(argument)}", value)

    def _min_length(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if isinstance(value, str) and len(value) < argument:
            message = "må ikke være tom" if argument == 1 else f"skal have mindst {argument} tegn"
            yield Problem(at, at, "minLength", message, value)

    def _max_length(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if isinstance(value, str) and len(value) > argument:
            yield Problem(at, at, "maxLength", f"må højst have {argument} tegn", value)

    def _min_items(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if isinstance(value, list) and len(value) < argument:
            yield Problem(at, at, "minItems", f"listen skal have mindst {argument} elementer", value)

    def _max_items(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if isinstance(value, list) and len(value) > argument:
            yield Problem(at, at, "maxItems", f"listen må højst have {argument} elementer", value)

    def _unique_items(self, value: Any, argument: Any, schema: dict[str, Any], at: Path) -> Iterator[Problem]:
        if argument and isinstance(value, list):
            for n, item in enumerate(value):
                if any(_equal(item, earlier) for earlier in value[:n]):
                    yield Problem(at, (*at, n), "uniqueItems", f"{shown(item)} står der allerede", value)
                    return


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


_CHECKS = {
    "type": Validator._type,
    "enum": Validator._enum,
    "const": Validator._const,
    "required": Validator._required,
    "properties": Validator._properties,
    "additionalProperties": Validator._additional,
    "items": Validator._items,
    "oneOf": Validator._one_of,
    "anyOf": Validator._any_of,
    "allOf": Validator._all_of,
    "not": Validator._not,
    "if": Validator._if,
    "$ref": Validator._ref,
    "pattern": Validator._pattern,
    "format": Validator._format,
    "minimum": Validator._minimum,
    "maximum": Validator._maximum,
    "exclusiveMinimum": Validator._exclusive_minimum,
    "exclusiveMaximum": Validator._exclusive_maximum,
    "minLength": Validator._min_length,
    "maxLength": Validator._max_length,
    "minItems": Validator._min_items,
    "maxItems": Validator._max_items,
    "uniqueItems": Validator._unique_items,
}
