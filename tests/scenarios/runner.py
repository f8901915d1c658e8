"""Scenario files a caseworker or a lawyer can read (issue 12): course facts, a day, the expected answer.

Each ``tests/scenarios/*.yaml`` is one scenario in the style of OpenFisca's YAML tests: the facts (the course
JSON of ``docs/course-json.md``), the day, and what the rules core must answer on that day, in Danish words.
Only what a scenario states is compared (partial expectations). A mismatch is reported as one line per field,
naming the file and the field: ``forventet.forpligtelser[0] (R7).tilstand: forventet 'opfyldt', fik 'åben'``.

The format is described in ``docs/scenarios.md``. This module loads a file (:func:`load`), checks it against
the rules core (:func:`mismatches`) and checks its quotes against the guidance (:func:`quote_problems`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from scheduling import labels
from scheduling.course import AkasseParticipation, Course, Format, Interview, InterviewKind, Organisation
from scheduling.coursejson import CourseError, course_from_json
from scheduling.evaluation import (
    BookingOption,
    CaseworkerAction,
    Evaluation,
    ObligationState,
    check_caseworker_action,
    check_citizen_change,
    check_self_booking,
    evaluate,
)

SCENARIOS = Path(__file__).resolve().parent
REPOSITORY = SCENARIOS.parents[1]
GUIDANCE_NAME = "VEJ-10044-2023-forenklet-kontaktforloeb.txt"
RULE_IDS = tuple(f"R{n}" for n in range(1, 29))


class ScenarioError(ValueError):
    """A scenario file that is not in the format (names the file and the key)."""


# ---- reading YAML: ISO dates and instants as values, "ja"/"nej"/"on"/"no" as plain words --------------------


class _Loader(yaml.SafeLoader):
    """YAML 1.1's safe loader without its yes/no/on/off booleans: ``on`` stays a word (the course JSON has an
    ``on`` field) and Danish ``ja``/``nej`` are read by the runner; only ``true``/``false`` are booleans."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


# ---- Danish words for the core's values ------------------------------------------------------------------------


def fold(text: Any) -> str:
    """A word as compared: lower case, æ/ø/å spelt ae/oe/aa, no hyphens, underscores as spaces."""
    s = str(text).strip().lower()
    for letter, spelt in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        s = s.replace(letter, spelt)
    return " ".join(s.replace("-", "").replace("_", " ").split())


class Words:
    """The Danish words for the values of one kind (organisations, formats …): the first word of each value is
    how the runner shows it; any of its words, its code (``akasse``) or its label in :mod:`scheduling.labels`
    is accepted in a scenario."""

    def __init__(
        self,
        what: str,
        words: Mapping[Any, Iterable[str]],
        label: Mapping[Any, str] | None = None,
        every: Iterable[Any] = (),
    ):
        self.what = what
        self.shown: dict[Any, str] = {}
        self.names: dict[str, Any] = {}
        # a value added to the core later (``every``: the whole enum) is known by its label or its code at once
        words = {**{v: [(label or {}).get(v, v.value.replace("_", " "))] for v in every}, **words}
        for value, names in words.items():
            names = list(names)
            self.shown[value] = names[0]
            code = value.value if isinstance(value, Enum) else value
            for name in [*names, code, *([label[value]] if label and value in label else [])]:
                self.names.setdefault(fold(name), value)

    def show(self, value: Any) -> str:
        return self.shown.get(value, str(value.value if isinstance(value, Enum) else value))

    def parse(self, word: Any, where: str) -> Any:
        value = self.names.get(fold(word))
        if value is None:
            allowed = ", ".join(dict.fromkeys(self.shown.values()))
            raise ScenarioError(f"{where}: ukendt {self.what} {word!r}; brug: {allowed}")
        return value


ORGANISATION = Words(
    "organisation",
    {Organisation.AKASSE: ["a-kasse"], Organisation.JOBCENTER: ["jobcenter"]},
    labels.ORGANISATION,
    Organisation,
)
KIND = Words(
    "samtaletype",
    {
        InterviewKind.JOBSAMTALE: ["jobsamtale"],
        InterviewKind.FAELLESSAMTALE: ["fælles jobsamtale", "fællessamtale"],
        InterviewKind.RAADIGHEDSSAMTALE: ["rådighedssamtale"],
    },
    labels.KIND,
    InterviewKind,
)
FORMAT = Words(
    "samtaleform",
    {
        Format.PERSONLIGT: ["personligt fremmøde"],
        Format.TELEFONISK: ["telefonisk"],
        Format.VIDEO: ["personligt digitalt fremmøde", "video"],
    },
    labels.FORMAT,
    Format,
)
PARTICIPATION = Words(
    "a-kasse-deltagelse",
    {
        AkasseParticipation.NONE: ["deltager ikke"],
        AkasseParticipation.VIDEO: ["video"],
        AkasseParticipation.IN_PERSON: ["fremmøde", "personligt fremmøde"],
    },
    every=AkasseParticipation,
)
# every state the core knows, by its Danish label (a state added later is known by its label at once)
STATE = Words(
    "tilstand",
    {s: [labels.OBLIGATION_STATE.get(s, s.value.replace("_", " "))] for s in ObligationState},
)
ACTION = Words(
    "handling",
    {a: [a.value.replace("_", " ").replace("ae", "æ")] for a in CaseworkerAction},
    labels.CASEWORKER_ACTION,
)
SIGNAL = Words(
    "mønster",
    {
        "beyond_agreed": ["ud over det aftalte"],
        "close_together": ["tæt på hinanden"],
        "frequent_rebooking": ["hyppig ombooking"],
        "earlier_revocation": ["tidligere fratagelse"],
    },
)
CHECKLIST = Words(
    "punkt",
    {
        "repatriation_guidance": ["repatriering"],
        "min_plan": ["Min Plan"],
        "joblog": ["joblog"],
        "cv": ["CV"],
        "intensified_effort_offered": ["intensiveret indsats"],
    },
)


# ---- the file ------------------------------------------------------------------------------------------------

TOP_KEYS = ("navn", "regler", "kilde", "beskrivelse", "dag", "forløb", "tilsyn", "forventet", "kendt afvigelse")
EXPECTED_KEYS = (
    "afvist",
    "ansvarlig",
    "a-kassens sidste dag",
    "sidste dag er et skøn",
    "ansvar efter regel",
    "forpligtelser",
    "ingen forpligtelse efter",
    "må selv booke",
    "kan booke",
    "kan kun booke",
    "kan ikke booke",
    "sagsbehandlere",
    "signaler",
    "ingen signaler",
    "bemærkninger",
    "ingen bemærkning efter",
    "bookingforsøg",
    "ændringsforsøg",
    "sagsbehandlerforsøg",
    "tjekliste",
    "tidsrum",
    "måneder",
    "STAR kontakter a-kassen",
)


@dataclass(frozen=True)
class Scenario:
    path: Path
    name: str
    rules: tuple[str, ...]
    sources: tuple[tuple[str, str], ...]  # (section, quote)
    day: date
    facts: Mapping[str, Any] | None  # the course JSON
    supervision: tuple[Mapping[str, Any], ...] | None  # R27: months of members' held a-kasse interviews
    expected: Mapping[str, Any]
    known_disagreement: str | None

    @property
    def label(self) -> str:
        return f"{self.path.relative_to(REPOSITORY) if self.path.is_relative_to(REPOSITORY) else self.path} — «{self.name}»"


def _unknown(keys: Iterable[Any], known: Iterable[str], where: str) -> None:
    known = list(known)
    for key in keys:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"; mente du '{close[0]}'?" if close else f"; kendte nøgler: {', '.join(known)}"
            raise ScenarioError(f"{where}: ukendt nøgle '{key}'{hint}")


def paths() -> list[Path]:
    """Every scenario file, in name order."""
    return sorted(SCENARIOS.glob("*.yaml"))


def load(path: Path) -> Scenario:
    """Read and check a scenario file's shape; :class:`ScenarioError` names the file and the key."""
    where = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{where}: ikke gyldig YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ScenarioError(f"{where}: filen skal være en YAML-mapping med navn, regler, kilde, dag, forløb, forventet")
    _unknown(data, TOP_KEYS, where)
    for key in ("navn", "regler", "kilde", "dag", "forventet"):
        if key not in data:
            raise ScenarioError(f"{where}: nøglen '{key}' mangler")
    if ("forløb" in data) == ("tilsyn" in data):
        raise ScenarioError(f"{where}: skriv enten 'forløb' (et kontaktforløb) eller 'tilsyn' (R27), ikke begge/ingen")
    rules = tuple(str(r).upper() for r in data["regler"])
    unknown = [r for r in rules if r not in RULE_IDS]
    if not rules or unknown:
        raise ScenarioError(f"{where}: regler skal være regel-id'er R1–R28, fik {data['regler']!r}")
    sources = []
    for n, source in enumerate(data["kilde"] or []):
        if not isinstance(source, dict) or set(source) != {"afsnit", "citat"}:
            raise ScenarioError(f"{where}: kilde[{n}] skal have 'afsnit' og 'citat'")
        sources.append((str(source["afsnit"]).rstrip("."), " ".join(str(source["citat"]).split())))
    if not sources:
        raise ScenarioError(f"{where}: kilde skal nævne mindst ét afsnit i vejledningen med et citat")
    if not isinstance(data["dag"], date) or isinstance(data["dag"], datetime):
        raise ScenarioError(f"{where}: dag skal være en dato som 2026-05-01, fik {data['dag']!r}")
    expected = data["forventet"] or {}
    if not isinstance(expected, dict):
        raise ScenarioError(f"{where}: forventet skal være en mapping")
    _unknown(expected, EXPECTED_KEYS, f"{where}: forventet")
    if "afvist" in expected:
        _check_refusal(expected, where)
    return Scenario(
        path=path,
        name=str(data["navn"]),
        rules=rules,
        sources=tuple(sources),
        day=data["dag"],
        facts=_json(data["forløb"]) if "forløb" in data else None,
        supervision=tuple(data["tilsyn"]) if "tilsyn" in data else None,
        expected=expected,
        known_disagreement=data.get("kendt afvigelse"),
    )


def _json(value: Any) -> Any:
    """The facts as the course JSON has them: dates and instants as ISO strings."""
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _check_refusal(expected: Mapping[str, Any], where: str) -> None:
    """``afvist: {felt: "interviews[1].id"}``: the facts are refused, naming that field; nothing else is expected
    (a refused course has no answer to compare)."""
    refusal = expected["afvist"]
    if not isinstance(refusal, dict) or not isinstance(refusal.get("felt"), str) or not refusal["felt"]:
        raise ScenarioError(f"{where}: forventet.afvist skal have 'felt', fx afvist: {{felt: \"interviews[1].id\"}}")
    _unknown(refusal, ("felt",), f"{where}: forventet.afvist")
    others = [key for key in expected if key != "afvist"]
    if others:
        raise ScenarioError(f"{where}: et afvist forløb har intet svar at sammenligne; fjern {', '.join(others)} under forventet")


def course_of(scenario: Scenario) -> Course:
    """The course of the facts; :class:`CourseError` if the course JSON reader refuses them."""
    assert scenario.facts is not None
    return course_from_json(dict(scenario.facts))


def _refusal(c: Comparison, x: Mapping[str, Any], refused: CourseError | None) -> None:
    """Compare the reading of the facts: refused naming ``afvist.felt``, or (without ``afvist``) accepted."""
    field = x["afvist"]["felt"] if "afvist" in x else None
    if refused is None:
        if field is not None:
            c.note("forventet.afvist", f"forventet afvist i feltet '{field}', men forløbet blev læst uden fejl")
        return
    said = f"felt {refused.path or '(roden)'}: {refused.message}"
    if field is None:
        c.note("forløb", f"forventet et gyldigt forløb, men det blev afvist ({said}); skriv forventet: {{afvist: {{felt: \"{refused.path}\"}}}}, hvis det er meningen")
    elif refused.path != field:
        c.note("forventet.afvist.felt", f"forventet {field!r}, fik {refused.path!r} ({said})")
    elif field not in str(refused):
        c.note("forventet.afvist.felt", f"beskeden nævner ikke feltet {field!r}: {str(refused)!r}")


# ---- comparing ---------------------------------------------------------------------------------------------


def _yes_no(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if fold(value) in ("ja", "nej"):
        return fold(value) == "ja"
    raise ScenarioError(f"{where}: skriv ja eller nej, fik {value!r}")


def _day_or_none(value: Any, where: str) -> date | None:
    if isinstance(value, str) and fold(value) == "ingen":
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise ScenarioError(f"{where}: skriv en dato som 2026-04-30 eller 'ingen', fik {value!r}")


def _instant(value: Any, where: str) -> datetime:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    raise ScenarioError(f"{where}: skriv et tidspunkt med tidszone, fx 2026-05-11T10:00:00+02:00, fik {value!r}")


def _show(value: Any) -> str:
    if value is None:
        return "'ingen'"
    if isinstance(value, bool):
        return "'ja'" if value else "'nej'"
    if isinstance(value, (date, datetime)):
        return f"'{value.isoformat()}'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return repr(value)


class Comparison:
    """Collects one line per field that differs."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def differ(self, where: str, expected: Any, actual: Any) -> None:
        self.lines.append(f"{where}: forventet {_show(expected)}, fik {_show(actual)}")

    def note(self, where: str, text: str) -> None:
        self.lines.append(f"{where}: {text}")

    def equal(self, where: str, expected: Any, actual: Any) -> None:
        if expected != actual:
            self.differ(where, expected, actual)

    def word(self, where: str, words: Words, expected: Any, actual: Any) -> None:
        if words.parse(expected, where) != actual:
            self.differ(where, words.show(words.parse(expected, where)), words.show(actual))

    def words(self, where: str, words: Words, expected: Iterable[Any], actual: Iterable[Any]) -> None:
        want = {words.parse(w, where) for w in expected}
        have = set(actual)
        if want != have:
            self.differ(where, sorted(words.show(v) for v in want), sorted(words.show(v) for v in have))


def _rule(value: Any) -> str:
    return str(value).strip().upper()


def mismatches(scenario: Scenario) -> list[str]:
    """Every difference between what the scenario expects and what the rules core answers."""
    c = Comparison()
    x = scenario.expected
    if scenario.supervision is not None:
        _supervision(c, scenario)
        return c.lines
    try:
        course = course_of(scenario)
    except CourseError as exc:
        _refusal(c, x, exc)
        return c.lines
    _refusal(c, x, None)
    if "afvist" in x:
        return c.lines
    ev = evaluate(course, scenario.day)
    _responsibility(c, x, ev)
    _obligations(c, x, ev)
    _citizen(c, x, ev)
    _caseworkers(c, x, ev)
    _signals_and_notices(c, x, ev)
    _questions(c, x, course, scenario.day, ev)
    return c.lines


def _responsibility(c: Comparison, x: Mapping[str, Any], ev: Evaluation) -> None:
    r = ev.responsibility
    if "ansvarlig" in x:
        c.word("forventet.ansvarlig", ORGANISATION, x["ansvarlig"], r.organisation)
    if "a-kassens sidste dag" in x:
        c.equal("forventet.a-kassens sidste dag", _day_or_none(x["a-kassens sidste dag"], "forventet.a-kassens sidste dag"), r.akasse_until)
    if "sidste dag er et skøn" in x:
        c.equal("forventet.sidste dag er et skøn", _yes_no(x["sidste dag er et skøn"], "sidste dag er et skøn"), r.projected)
    if "ansvar efter regel" in x:
        c.equal("forventet.ansvar efter regel", _rule(x["ansvar efter regel"]), r.reason.rule)


OBLIGATION_KEYS = ("regel", "samtale", "hos", "krævet", "holdt", "frist", "frist er et skøn", "tilstand")


def _obligations(c: Comparison, x: Mapping[str, Any], ev: Evaluation) -> None:
    for n, item in enumerate(x.get("forpligtelser", [])):
        where = f"forventet.forpligtelser[{n}] ({_rule(item.get('regel'))})"
        _unknown(item, OBLIGATION_KEYS, where)
        if "regel" not in item:
            raise ScenarioError(f"{where}: hver forpligtelse skal have en 'regel'")
        candidates = [
            o
            for o in ev.obligations
            if o.rule == _rule(item["regel"])
            and ("samtale" not in item or KIND.parse(item["samtale"], where) is o.kind)
            and ("hos" not in item or ORGANISATION.parse(item["hos"], where) is o.organisation)
        ]
        if not candidates:
            have = ", ".join(f"{o.rule} {KIND.show(o.kind)} hos {ORGANISATION.show(o.organisation)}" for o in ev.obligations)
            c.note(where, f"ingen sådan forpligtelse; der er: {have or 'ingen'}")
            continue
        tries = []
        for o in candidates:
            t = Comparison()
            if "krævet" in item:
                t.equal(f"{where}.krævet", item["krævet"], o.required)
            if "holdt" in item:
                t.equal(f"{where}.holdt", item["holdt"], o.held)
            if "frist" in item:
                t.equal(f"{where}.frist", _day_or_none(item["frist"], f"{where}.frist"), o.due)
            if "frist er et skøn" in item:
                t.equal(f"{where}.frist er et skøn", _yes_no(item["frist er et skøn"], where), o.due_projected)
            if "tilstand" in item:
                t.word(f"{where}.tilstand", STATE, item["tilstand"], o.state)
            if not t.lines:
                break
            tries.append(t.lines)
        else:
            c.lines += tries[0] if len(tries) == 1 else [f"{where}: ingen af de {len(tries)} passer", *(f"  {line}" for t in tries for line in t)]
    for rule in x.get("ingen forpligtelse efter", []):
        found = [o for o in ev.obligations if o.rule == _rule(rule)]
        if found:
            c.note(f"forventet.ingen forpligtelse efter ({_rule(rule)})", f"der er {len(found)} forpligtelse(r) efter {_rule(rule)}")


OPTION_KEYS = ("samtale", "hos", "samtaleformer", "første samtale", "vælger a-kassens deltagelse", "a-kassens deltagelse", "regel")


def _option_key(item: Mapping[str, Any], where: str) -> tuple[InterviewKind, Organisation]:
    if "samtale" not in item or "hos" not in item:
        raise ScenarioError(f"{where}: skriv 'samtale' og 'hos'")
    return KIND.parse(item["samtale"], where), ORGANISATION.parse(item["hos"], where)


def _citizen(c: Comparison, x: Mapping[str, Any], ev: Evaluation) -> None:
    p = ev.citizen
    if "må selv booke" in x:
        c.equal("forventet.må selv booke", _yes_no(x["må selv booke"], "må selv booke"), p.may_self_book)
    options = {(o.kind, o.organisation): o for o in p.options}
    for key in ("kan booke", "kan kun booke"):
        wanted = set()
        for n, item in enumerate(x.get(key, [])):
            where = f"forventet.{key}[{n}]"
            _unknown(item, OPTION_KEYS, where)
            kind, org = _option_key(item, where)
            wanted.add((kind, org))
            where += f" ({KIND.show(kind)} hos {ORGANISATION.show(org)})"
            option = options.get((kind, org))
            if option is None:
                refusal = next((r for r in p.refusals if (r.kind, r.organisation) == (kind, org) or r.kind is None), None)
                why = f" (afvist efter {refusal.reason.rule}: {refusal.reason.render()})" if refusal else ""
                c.note(where, f"kan ikke bookes{why}")
                continue
            _option(c, where, item, option)
        if key == "kan kun booke" and key in x:
            extra = [k for k in options if k not in wanted]
            for kind, org in extra:
                c.note(f"forventet.{key}", f"kan også booke {KIND.show(kind)} hos {ORGANISATION.show(org)}")
    for n, item in enumerate(x.get("kan ikke booke", [])):
        where = f"forventet.kan ikke booke[{n}]"
        _unknown(item, ("samtale", "hos", "regel"), where)
        if "samtale" in item or "hos" in item:
            kind, org = _option_key(item, where)
            where += f" ({KIND.show(kind)} hos {ORGANISATION.show(org)})"
            if (kind, org) in options:
                c.note(where, "kan bookes")
                continue
            refusal = next((r for r in p.refusals if (r.kind, r.organisation) in ((kind, org), (None, None))), None)
        else:
            refusal = next((r for r in p.refusals if r.kind is None), None)
            if refusal is None:
                c.note(where, "selvbooking er ikke afvist som helhed")
                continue
        if "regel" in item and refusal is not None:
            c.equal(f"{where}.regel", _rule(item["regel"]), refusal.reason.rule)


def _option(c: Comparison, where: str, item: Mapping[str, Any], option: BookingOption) -> None:
    if "samtaleformer" in item:
        c.words(f"{where}.samtaleformer", FORMAT, item["samtaleformer"], option.formats)
    if "første samtale" in item:
        c.equal(f"{where}.første samtale", _yes_no(item["første samtale"], where), option.first_interview)
    if "vælger a-kassens deltagelse" in item:
        c.equal(f"{where}.vælger a-kassens deltagelse", _yes_no(item["vælger a-kassens deltagelse"], where), option.must_choose_akasse_participation)
    if "a-kassens deltagelse" in item:
        c.words(f"{where}.a-kassens deltagelse", PARTICIPATION, item["a-kassens deltagelse"], option.akasse_participation_choices)
    if "regel" in item:
        c.equal(f"{where}.regel", _rule(item["regel"]), option.reason.rule)


def _action_item(item: Any, where: str) -> tuple[CaseworkerAction, str | None]:
    if isinstance(item, dict):
        _unknown(item, ("handling", "regel"), where)
        return ACTION.parse(item.get("handling"), where), _rule(item["regel"]) if "regel" in item else None
    return ACTION.parse(item, where), None


def _caseworkers(c: Comparison, x: Mapping[str, Any], ev: Evaluation) -> None:
    for org_word, wants in (x.get("sagsbehandlere") or {}).items():
        org = ORGANISATION.parse(org_word, "forventet.sagsbehandlere")
        where = f"forventet.sagsbehandlere.{ORGANISATION.show(org)}"
        _unknown(wants, ("må", "må ikke"), where)
        perms = next(p for p in ev.caseworkers if p.organisation is org)
        refusals = dict(perms.refusals)
        for item in wants.get("må", []):
            action, rule = _action_item(item, f"{where}.må")
            if action not in perms.allowed:
                why = refusals.get(action)
                c.note(f"{where}.må ({ACTION.show(action)})", "må ikke" + (f" (efter {why.rule}: {why.render()})" if why else ""))
        for item in wants.get("må ikke", []):
            action, rule = _action_item(item, f"{where}.må ikke")
            if action in perms.allowed:
                c.note(f"{where}.må ikke ({ACTION.show(action)})", "må")
            elif rule is not None:
                c.equal(f"{where}.må ikke ({ACTION.show(action)}).regel", rule, refusals[action].rule)


def _signals_and_notices(c: Comparison, x: Mapping[str, Any], ev: Evaluation) -> None:
    for n, item in enumerate(x.get("signaler", [])):
        where = f"forventet.signaler[{n}]"
        _unknown(item, ("mønster", "antal"), where)
        # a signal kind not listed in SIGNAL (added to the core later) is written by its code
        kind = SIGNAL.names.get(fold(item.get("mønster")), fold(item.get("mønster")))
        signal = next((s for s in ev.signals if fold(s.kind) == fold(kind)), None)
        if signal is None:
            c.note(f"{where} ({SIGNAL.show(kind)})", f"intet sådant signal; der er: {[SIGNAL.show(s.kind) for s in ev.signals] or 'ingen'}")
        elif "antal" in item:
            c.equal(f"{where} ({SIGNAL.show(kind)}).antal", item["antal"], signal.count)
    if "ingen signaler" in x and _yes_no(x["ingen signaler"], "ingen signaler") and ev.signals:
        c.differ("forventet.ingen signaler", [], [SIGNAL.show(s.kind) for s in ev.signals])
    notices = [n.rule for n in ev.notices]
    for rule in x.get("bemærkninger", []):
        if _rule(rule) not in notices:
            c.note(f"forventet.bemærkninger ({_rule(rule)})", f"ingen bemærkning efter {_rule(rule)}; der er: {notices or 'ingen'}")
    for rule in x.get("ingen bemærkning efter", []):
        if _rule(rule) in notices:
            found = next(n for n in ev.notices if n.rule == _rule(rule))
            c.note(f"forventet.ingen bemærkning efter ({_rule(rule)})", f"der er en: {found.render()}")


# ---- questions asked of the core -----------------------------------------------------------------------------


def _interview(course: Course, item: Mapping[str, Any], where: str) -> Interview:
    wanted = str(item.get("samtale-id"))
    found = next((i for i in course.interviews if i.id == wanted), None)
    if found is None:
        raise ScenarioError(f"{where}: forløbet har ingen samtale med id {wanted!r}")
    return found


def _verdict(c: Comparison, where: str, item: Mapping[str, Any], allowed: bool, rule: str, text: Callable[[], str]) -> None:
    if "svar" not in item:
        raise ScenarioError(f"{where}: skriv 'svar: ja' eller 'svar: nej'")
    want = _yes_no(item["svar"], where)
    if want != allowed:
        c.note(f"{where}.svar", f"forventet {_show(want)}, fik {_show(allowed)} (efter {rule}: {text()})")
    elif "regel" in item:
        c.equal(f"{where}.regel", _rule(item["regel"]), rule)


def _questions(c: Comparison, x: Mapping[str, Any], course: Course, on: date, ev: Evaluation) -> None:
    for n, item in enumerate(x.get("bookingforsøg", [])):
        where = f"forventet.bookingforsøg[{n}]"
        _unknown(item, ("samtale", "hos", "samtaleform", "start", "a-kassens deltagelse", "svar", "regel"), where)
        kind, org = _option_key(item, where)
        participation = PARTICIPATION.parse(item["a-kassens deltagelse"], where) if "a-kassens deltagelse" in item else None
        verdict = check_self_booking(
            course, on, kind, org, FORMAT.parse(item.get("samtaleform"), where), _instant(item.get("start"), where), participation
        )
        _verdict(c, where, item, verdict.allowed, verdict.reason.rule, verdict.reason.render)
    for n, item in enumerate(x.get("ændringsforsøg", [])):
        where = f"forventet.ændringsforsøg[{n}]"
        _unknown(item, ("samtale-id", "tidspunkt", "svar", "regel"), where)
        verdict = check_citizen_change(course, on, _interview(course, item, where), _instant(item.get("tidspunkt"), where))
        _verdict(c, where, item, verdict.allowed, verdict.reason.rule, verdict.reason.render)
    for n, item in enumerate(x.get("sagsbehandlerforsøg", [])):
        where = f"forventet.sagsbehandlerforsøg[{n}]"
        _unknown(item, ("organisation", "handling", "samtale-id", "ny samtaleform", "svar", "regel"), where)
        verdict = check_caseworker_action(
            course,
            on,
            ORGANISATION.parse(item.get("organisation"), where),
            ACTION.parse(item.get("handling"), where),
            _interview(course, item, where) if "samtale-id" in item else None,
            FORMAT.parse(item["ny samtaleform"], where) if "ny samtaleform" in item else None,
        )
        _verdict(c, where, item, verdict.allowed, verdict.reason.rule, verdict.reason.render)
    for n, item in enumerate(x.get("tjekliste", [])):
        from scheduling.rules.checklist import interview_checklist

        where = f"forventet.tjekliste[{n}]"
        _unknown(item, ("samtale-id", "punkter"), where)
        items = interview_checklist(course, _interview(course, item, where), on)
        c.words(f"{where}.punkter", CHECKLIST, item.get("punkter") or [], [i.key for i in items])
    for n, item in enumerate(x.get("tidsrum", [])):
        from scheduling.rules.booking import format_choices

        where = f"forventet.tidsrum[{n}]"
        _unknown(item, ("samtale", "hos", "aftalt deltagelse", "samtaleformer", "a-kassens deltagelse", "ikke på dette tidspunkt"), where)
        kind, org = _option_key(item, where)
        option = next((o for o in ev.citizen.options if (o.kind, o.organisation) == (kind, org)), None)
        if option is None:
            c.note(where, f"{KIND.show(kind)} hos {ORGANISATION.show(org)} kan ikke bookes")
            continue
        choices = format_choices(option, PARTICIPATION.parse(item.get("aftalt deltagelse"), where))
        if "samtaleformer" in item:
            c.words(f"{where}.samtaleformer", FORMAT, item["samtaleformer"], choices.formats)
        if "a-kassens deltagelse" in item:
            c.words(f"{where}.a-kassens deltagelse", PARTICIPATION, item["a-kassens deltagelse"], choices.participations)
        if "ikke på dette tidspunkt" in item:
            c.words(f"{where}.ikke på dette tidspunkt", PARTICIPATION, item["ikke på dette tidspunkt"], choices.not_at_this_time)


# ---- R27: supervision ----------------------------------------------------------------------------------------


def _supervision(c: Comparison, scenario: Scenario) -> None:
    from scheduling.rules.supervision import MemberFacts, star_contacts, supervise

    assert scenario.supervision is not None
    results = []
    for n, month in enumerate(scenario.supervision):
        _unknown(month, ("måned", "samtaler pr. medlem"), f"tilsyn[{n}]")
        members = [MemberFacts(int(k)) for k in month["samtaler pr. medlem"]]
        results.append((str(month["måned"]), supervise(members, scenario.day)))
    by_month = dict(results)
    for n, item in enumerate(scenario.expected.get("måneder", [])):
        where = f"forventet.måneder[{n}] ({item.get('måned')})"
        _unknown(item, ("måned", "medlemmer", "uden 3 samtaler", "andel i procent", "mangelfuld"), where)
        result = by_month.get(str(item.get("måned")))
        if result is None:
            raise ScenarioError(f"{where}: måneden står ikke under tilsyn")
        if "medlemmer" in item:
            c.equal(f"{where}.medlemmer", item["medlemmer"], result.members)
        if "uden 3 samtaler" in item:
            c.equal(f"{where}.uden 3 samtaler", item["uden 3 samtaler"], result.without_three)
        if "andel i procent" in item and abs(Decimal(str(item["andel i procent"])) - result.share * 100) > Decimal("0.05"):
            c.differ(f"{where}.andel i procent", item["andel i procent"], float(round(result.share * 100, 1)))
        if "mangelfuld" in item:
            c.equal(f"{where}.mangelfuld", _yes_no(item["mangelfuld"], where), result.deficient)
    if "STAR kontakter a-kassen" in scenario.expected:
        contacts = star_contacts([r for _, r in results], scenario.day)
        c.equal("forventet.STAR kontakter a-kassen", _yes_no(scenario.expected["STAR kontakter a-kassen"], "STAR kontakter a-kassen"), contacts)


# ---- the guidance the scenarios quote ------------------------------------------------------------------------


def guidance_path() -> Path | None:
    """``../shared/sources/VEJ-10044-…txt`` beside the repository (or beside a folder above it), if present."""
    for folder in (REPOSITORY, *REPOSITORY.parents):
        candidate = folder.parent / "shared" / "sources" / GUIDANCE_NAME
        if candidate.is_file():
            return candidate
    return None


_HEADING = re.compile(r"^\s*(\d+(?:\.\d+)*)(\.?)\s+[A-ZÆØÅ]")


def _squash(text: str) -> str:
    """Text as compared for a quote: no whitespace, no hyphens (line-end hyphenation), straight quotes."""
    text = text.replace("»", '"').replace("«", '"').replace("”", '"').replace("“", '"').replace("’", "'")
    return re.sub(r"[\s\-–]+", "", text).lower()


@cache
def guidance_sections(path: Path) -> dict[str, str]:
    """Section number -> its text (up to the next heading), from the guidance's numbered headings.

    A heading is a line that starts with a section number that comes after the previous heading's number, so a
    numbered list item inside a section ("3. Det gælder …") is not taken for one.
    """
    sections: dict[str, list[str]] = {}
    current: str | None = None
    last: tuple[int, ...] = ()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADING.match(line)
        if match and len(line) < 110 and (match.group(2) or "." in match.group(1)):
            number = tuple(int(p) for p in match.group(1).split("."))
            if number > last and (not last or number[0] <= last[0] + 1):
                current, last = match.group(1), number
                sections[current] = []
        if current is not None:
            sections[current].append(line)
    return {number: "\n".join(lines) for number, lines in sections.items()}


def quote_problems(scenario: Scenario, path: Path) -> list[str]:
    """The scenario's sources whose section does not exist or does not hold the quote."""
    sections = guidance_sections(path)
    problems = []
    for section, quote in scenario.sources:
        # a section's text includes its subsections ("3" holds 3.1, 3.2 …)
        text = "\n".join(t for number, t in sections.items() if number == section or number.startswith(section + "."))
        if not text:
            problems.append(f"kilde afsnit {section}: intet sådant afsnit i {path.name}")
        elif _squash(quote) not in _squash(text):
            problems.append(f"kilde afsnit {section}: citatet står ikke i afsnittet: «{quote}»")
    return problems


def report(scenario: Scenario, lines: list[str]) -> str:
    """The failure message: the file and the scenario's name, then one line per differing field."""
    return "\n".join([scenario.label, *(f"  {line}" for line in lines)])
