"""The catalogue of rules: the one place that says what each rule R1–R28 is called and where it stands in the law.

Each :class:`Rule` has its Danish title, its legal basis, the section of STAR's guidance that explains it
(VEJ nr 10044 af 14/12/2023, ``../shared/sources/VEJ-10044-2023-forenklet-kontaktforloeb.txt``) and the module
that decides it. A reason is made by rule id — ``reason("R6", N_("…"), day=due)`` — and takes its basis from
here, so a paragraph is written once: change it here and every refusal, deadline, notice, parameter and page
follows.

A few rules rest on more than one paragraph, and an answer may need the precise one (an afgørelse under LAB
§ 106, stk. 3 is not the exemption of stk. 1). Those paragraphs are the rule's named ``parts``
(``reason("R26", N_("…"), part="stk3")``). An answer that rests on two rules at once names the other in
``also`` (``reason("R10", N_("…"), also=("R18",))``: "LAB § 31, stk. 2; LAB § 33, stk. 4").

Reasons that are not rules of the law — a wrong log-in, invalid input, a slot just taken, something not found,
an organisation's own rebooking deadline (``LOGIN``, ``INPUT``, ``SLOT``, ``NOT_FOUND``, ``FRIST``) — are made
with :class:`~scheduling.reasons.Reason` directly, with no legal basis; they are not in this catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from urllib.parse import quote

from scheduling.reasons import N_, ParamValue, Reason

GUIDANCE = "Vejledning nr. 10044 af 14/12/2023"
"""STAR's guidance on the simplified contact course; :attr:`Rule.guidance` is a section of it."""


@dataclass(frozen=True)
class Rule:
    """One rule of the law: id, Danish title (a message id), legal basis, guidance section, deciding module."""

    id: str
    title: str
    basis: str
    guidance: str
    module: str
    parts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "parts", MappingProxyType(dict(self.parts)))

    @property
    def guidance_reference(self) -> str:
        """"Vejledning nr. 10044 af 14/12/2023, afsnit 4.2"."""
        return f"{GUIDANCE}, afsnit {self.guidance}"


_R = "scheduling.rules."

RULES: tuple[Rule, ...] = (
    Rule("R1", N_("Ansvaret for kontaktforløbet: først a-kassen, så jobcentret"), "LOB § 18 b; LAB § 27, stk. 1 og 2", "2.1", _R + "responsibility"),
    Rule("R2", N_("Hvornår a-kassens periode slutter"), "BAB § 7, stk. 2", "2.2", _R + "responsibility"),
    Rule(
        "R3", N_("Sammenlagt ledighed opgjort i timer"), "LAB § 9, stk. 1, nr. 1; BAB § 7, stk. 1 og 3", "2.2", _R + "responsibility",
        {"timer": "BAB § 7, stk. 3"},
    ),
    Rule("R4", N_("Målgruppen for uddannelsespålæg visiteres til jobcentret"), "LAB § 27, stk. 3", "2.1", _R + "responsibility"),
    Rule(
        "R5", N_("Ét kontaktforløb for hver dagpengeperiode"), "LAB § 31, stk. 4", "3.2", _R + "responsibility",
        {"periode": "Lov om arbejdsløshedsforsikring m.v. § 55; LAB § 31, stk. 4", "tilmelding": "LAB § 31, stk. 4"},
    ),
    Rule("R6", N_("A-kassens første jobsamtale"), "LAB § 31, stk. 4", "3.2", _R + "obligations"),
    Rule("R7", N_("A-kassens jobsamtaler før jobcentret overtager"), "LAB § 31, stk. 1, 1. pkt.", "3.2", _R + "obligations"),
    Rule("R8", N_("Jobcentrets jobsamtaler i den første periode"), "LAB § 31, stk. 1, 2. pkt.", "3.2", _R + "obligations"),
    Rule("R9", N_("Målgruppen for uddannelsespålæg: jobsamtaler med jobcentret"), "LAB § 31, stk. 1, 3. pkt.", "3.2", _R + "obligations"),
    Rule("R10", N_("Den første jobsamtale i jobcentret kan være fælles"), "LAB § 31, stk. 2", "3.2", _R + "booking"),
    Rule("R11", N_("Det individuelle forløb og retten til en jobsamtale"), "LAB § 32, stk. 1", "3.3", _R + "notices"),
    Rule("R12", N_("Den fælles jobsamtale om en intensiveret indsats"), "LAB § 32, stk. 2; BAB § 47", "3.3", _R + "obligations"),
    Rule("R13", N_("Vejledning om repatriering"), "BAB § 43", "3.1", _R + "checklist"),
    Rule(
        "R14", N_("Indholdet af den første jobsamtale i a-kassen"),
        "Bekendtgørelse om en a-kasses pligt til at vejlede mv. §§ 11-14; LAB § 23, stk. 4", "3.1", _R + "checklist",
        {"plan": "Bekendtgørelse om en a-kasses pligt til at vejlede mv. §§ 11-14", "cv": "LAB § 23, stk. 4"},
    ),
    Rule("R15", N_("Den første jobsamtale holdes ved personligt fremmøde"), "LAB § 33, stk. 1, 1. pkt.", "4.1", _R + "booking"),
    Rule("R16", N_("Derefter vælger personen samtaleformen"), "LAB § 33, stk. 1, 2. pkt.", "4.1", _R + "booking"),
    Rule("R17", N_("Samtaleformen kan kun ændres til personligt fremmøde"), "LAB § 33, stk. 2", "4.1", _R + "caseworker"),
    Rule("R18", N_("A-kassens deltagelse i fælles jobsamtaler"), "LAB § 33, stk. 4", "3.2", _R + "booking"),
    Rule("R19", N_("A-kassen indkalder til den første jobsamtale"), "LAB § 34, stk. 2, 1. pkt.", "4.2", _R + "booking"),
    Rule("R20", N_("Personen booker selv sine øvrige jobsamtaler"), "LAB § 34, stk. 1, 1. pkt.", "4.2", _R + "booking"),
    Rule("R21", N_("Jobcentret vælger selvbooking eller indkaldelse til fælles jobsamtaler"), "LAB § 34, stk. 1, 2. pkt.", "4.2", _R + "booking"),
    Rule("R22", N_("Fælles jobsamtaler kun i aftalte tidsrum"), f"{GUIDANCE}, afsnit 4.2", "4.2", "scheduling.slots"),
    Rule(
        "R23", N_("Fratagelse af retten til selvbooking"), "LAB § 35", "4.2", _R + "caseworker",
        {
            "afgoerelse": "LAB § 35; retssikkerhedsloven § 59 b",
            "nr1": "LAB § 35, nr. 1",
            "nr2": "LAB § 35, nr. 2",
            "genindsat": "LAB §§ 34 og 35",
            "klage": "retssikkerhedsloven § 59 b; LAB § 207, stk. 2 og 3",
        },
    ),
    Rule("R24", N_("Rådighedssamtaler hører ikke til kontaktforløbet"), "Rådighedsbekendtgørelsen § 10", "5", _R + "booking"),
    Rule(
        "R25", N_("Samtaler efter en kontrolaktion"), "LAB § 38, stk. 1 og 2", "6", _R + "control",
        {"stk1": "LAB § 38, stk. 1", "stk2": "LAB § 38, stk. 2"},
    ),
    Rule(
        "R26", N_("Mindre intensiv indsats"), "LAB § 106, stk. 1", "7.1", _R + "facts",
        {"stk2": "LAB § 106, stk. 2", "stk3": "LAB § 106, stk. 3"},
    ),
    Rule("R27", N_("Tilsynet med a-kasserne"), "Lov om arbejdsløshedsforsikring § 88", "13.1", _R + "supervision"),
    Rule("R28", N_("Forløb, der begyndte efter de gamle regler"), "Lov nr. 727/2023 § 5", "15.3", _R + "obligations"),
)

CATALOGUE: Mapping[str, Rule] = MappingProxyType({r.id: r for r in RULES})


def rule(rule_id: str) -> Rule:
    """The catalogued rule; a ``KeyError`` naming the id for one that is not catalogued."""
    try:
        return CATALOGUE[rule_id]
    except KeyError:
        raise KeyError(f"{rule_id} er ikke en regel i kataloget (scheduling/rules/catalogue.py)") from None


@cache
def basis(rule_id: str, part: str | None = None, also: tuple[str, ...] = ()) -> str:
    """The legal basis of ``rule_id`` (or of its named ``part``), followed by that of each rule in ``also``."""
    first = rule(rule_id)
    if part is not None and part not in first.parts:
        raise KeyError(f"{rule_id} har ingen del {part!r} i kataloget")
    texts = [first.parts[part] if part is not None else first.basis]
    texts += [rule(other).basis for other in also if rule(other).basis not in texts]
    return "; ".join(texts)


# Where the text of each statute a basis names stands at retsinformation.dk, by the name the basis uses: the act as
# passed (retsinformation links on to the version in force). A statute whose number is not checked here (the
# executive orders and the insurance act, consolidated anew every year or two) links to retsinformation's search for
# its full title, which lists the version in force first: never a guessed number.
_SEARCH = "https://www.retsinformation.dk/documents?t="
_BY_TITLE = {
    "BAB": "bekendtgørelse om en aktiv beskæftigelsesindsats",
    "Rådighedsbekendtgørelsen": "bekendtgørelse om rådighed",
    "Lov om arbejdsløshedsforsikring": "lov om arbejdsløshedsforsikring",
    "Bekendtgørelse om en a-kasses pligt til at vejlede mv.": "bekendtgørelse om en arbejdsløshedskasses pligt til at vejlede",
}
LAW_TEXTS: Mapping[str, str] = MappingProxyType(
    {
        "LAB": "https://www.retsinformation.dk/eli/lta/2019/548",
        "LOB": "https://www.retsinformation.dk/eli/lta/2014/1482",
        "Lov nr. 727/2023": "https://www.retsinformation.dk/eli/lta/2023/727",
        "retssikkerhedsloven": "https://www.retsinformation.dk/eli/lta/1997/453",
        GUIDANCE: "https://www.retsinformation.dk/eli/retsinfo/2023/10044",
        **{name: _SEARCH + quote(title) for name, title in _BY_TITLE.items()},
    }
)


@cache
def law_links(basis_text: str) -> tuple[tuple[str, str], ...]:
    """The statutes ``basis_text`` names that have a known text, once each and in order, with its address:
    "LOB § 18 b; LAB § 27, stk. 1 og 2" gives (("LOB", …), ("LAB", …))."""
    found: dict[str, str] = {}
    for part in basis_text.split("; "):
        name = next((law for law in LAW_TEXTS if part == law or part.startswith(law + " ") or part.startswith(law + ",")), None)
        if name is not None:
            found.setdefault(name, LAW_TEXTS[name])
    return tuple(found.items())


# The statutes' names written out, for a letter: "LAB § 35" is "lov om en aktiv beskæftigelsesindsats § 35".
WRITTEN_OUT = (
    ("LAB §", N_("lov om en aktiv beskæftigelsesindsats §")),
    ("BAB §", N_("bekendtgørelse om en aktiv beskæftigelsesindsats §")),
    ("LOB §", N_("lov om organisering og understøttelse af beskæftigelsesindsatsen §")),
    ("retssikkerhedsloven §", N_("retssikkerhedslovens §")),
)
AND_IN = N_("og i")


def in_full(rule_id: str, part: str | None = None, gettext: Callable[[str], str] | None = None) -> str:
    """The basis as a letter writes it: "lov om en aktiv beskæftigelsesindsats § 35", several joined by "og i";
    in the reader's language with ``gettext`` (Danish without)."""
    text = basis(rule_id, part)
    for short, long in WRITTEN_OUT:
        text = text.replace(short, gettext(long) if gettext else long)
    return f" {gettext(AND_IN) if gettext else AND_IN} ".join(text.split("; "))


def reason(
    rule_id: str,
    message: str,
    params: Mapping[str, ParamValue] | None = None,
    /,
    *,
    part: str | None = None,
    also: tuple[str, ...] = (),
    **named: ParamValue,
) -> Reason:
    """A :class:`Reason` for ``rule_id`` with its basis from the catalogue and the sentence's parameters.

    Reasons are immutable, so one without parameters is made once and shared (:func:`_fixed`); one with them
    gets its own read-only copy of them (:meth:`Reason.owning`, no second copy).
    """
    if params:
        values = {**params, **named}
    elif named:
        values = named  # the keyword dict is this call's own
    else:
        return _fixed(rule_id, message, part, also)
    return Reason.owning(rule_id, basis(rule_id, part, also), message, values)


@cache
def _fixed(rule_id: str, message: str, part: str | None, also: tuple[str, ...]) -> Reason:
    """The reason for ``rule_id`` with a sentence without parameters (a few dozen; made once each)."""
    return Reason(rule_id, basis(rule_id, part, also), message)
