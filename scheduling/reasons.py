"""Explanations that travel with every refusal, deadline and decision.

A :class:`Reason` names the rule (``R6``), the legal basis (``LAB § 31, stk. 4``) and a sentence a citizen
understands. The sentence is a Danish message id, marked with :func:`N_` so that ``pybabel extract`` finds it;
the web layer translates it with its own ``gettext`` and the command line prints it as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from types import MappingProxyType
from typing import Any


def N_(message: str) -> str:
    """Mark a Danish message for extraction; translation happens later, where the reader's language is known."""
    return message


def first_name(name: str) -> str:
    """"Mikkel" of "Mikkel Holm": the name a caseworker wording calls the person by."""
    return name.split()[0] if name.strip() else name


ParamValue = str | int | float | Decimal | date | datetime
_new = object.__new__


@dataclass(frozen=True)
class Reason:
    """Why: the rule id, its legal basis and a translatable Danish sentence with named parameters."""

    rule: str
    basis: str
    message: str
    params: Mapping[str, ParamValue] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    @classmethod
    def owning(cls, rule: str, basis: str, message: str, params: dict[str, ParamValue]) -> Reason:
        """The same as ``Reason(rule, basis, message, params)`` for a ``params`` dict nobody else holds: it is
        wrapped read-only as it is, without the copy (the rules make a few reasons per evaluation)."""
        made = _new(cls)
        made.__dict__.update(rule=rule, basis=basis, message=message, params=MappingProxyType(params))
        return made

    def render(
        self,
        gettext: Callable[[str], str] | None = None,
        locale: str = "da",
        format_value: Callable[[ParamValue, str], str] | None = None,
        about: str | None = None,
    ) -> str:
        """The sentence in the reader's language, with dates and numbers in that locale's formats: to the person,
        or with ``about`` (the person's first name) in the caseworker's wording about them."""
        if about is None:
            message = self.message
        else:
            from scheduling.wording import caseworker_wording  # the table imports N_ from here

            message = caseworker_wording(self.message)
        template = gettext(message) if gettext else message
        fmt = format_value or format_param
        values = {key: fmt(value, locale) for key, value in self.params.items()}
        if about is not None:
            values["name"] = about
        return template % values

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: rule, basis, message (Danish), params as ISO strings, text (rendered Danish)."""
        return {
            "rule": self.rule,
            "basis": self.basis,
            "message": self.message,
            "params": {k: _json_value(v) for k, v in self.params.items()},
            "text": self.render(),
        }


# Danish (CLDR "da", format width wide) month and weekday names: written here so that the Danish text, which the
# command line and the letters write, needs no babel (its import, local-time detection and locale data cost the
# short-lived ``python -m scheduling explain`` ~20 ms). tests/unit/test_danish_format.py compares with babel.
_DA_MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
_DA_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_THOUSANDTHS = Decimal("0.001")


def _danish(value: ParamValue) -> str | None:
    """``value`` as babel writes it for "da" (the patterns of :func:`format_param`), or None to ask babel."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return None  # babel reads a naive instant as UTC and shows it in the machine's zone
        day = f"{value.day}. {_DA_MONTHS[value.month - 1]} {value.year}"
        return f"{_DA_WEEKDAYS[value.weekday()]} den {day} kl. {value.hour:02d}.{value.minute:02d}"
    if isinstance(value, date):
        return f"{value.day}. {_DA_MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or abs(number) >= 10**15:
        return None
    rounded = number.quantize(_THOUSANDTHS, rounding=ROUND_HALF_EVEN)  # "#,##0.###"
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    sign = "-" if rounded.is_signed() else ""  # babel too writes -0
    return sign + f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")


def format_param(value: ParamValue, locale: str = "da") -> str:
    """Dates as "3. marts 2025" (Danish long form), numbers with the locale's decimal sign."""
    if locale == "da":
        danish = _danish(value)
        if danish is not None:
            return danish
    from babel.dates import format_date, format_datetime
    from babel.numbers import format_decimal

    if isinstance(value, datetime):
        return format_datetime(value, "EEEE 'den' d. MMMM y 'kl.' HH.mm" if locale == "da" else "EEEE d MMMM y 'at' HH:mm", locale=locale, tzinfo=value.tzinfo)
    if isinstance(value, date):
        return format_date(value, "d. MMMM y" if locale == "da" else "d MMMM y", locale=locale)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        return format_decimal(value, locale=locale)
    return str(value)


def _json_value(value: ParamValue) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value
