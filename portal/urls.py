"""Small URL helpers shared by the blueprints."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app, request, url_for
from werkzeug.routing import IntegerConverter, Map, ValidationError

# Every id in the database is an INTEGER (PostgreSQL: 4 bytes) counted from 1. A number outside that range
# cannot name a row: answering 404 at the routing keeps it from reaching the driver, where PostgreSQL refuses
# 2147483648 ("integer out of range") and SQLite 20 digits (OverflowError), both as a 500.
MAX_ID = 2**31 - 1


def parse_id(raw: str) -> int | None:
    """An id written in ASCII decimal digits within 1..:data:`MAX_ID`, else None (without reading thousands of
    digits: Python refuses more than 4,300). ``str.isdecimal`` alone admits other scripts' digits, which
    ``int`` reads: "١٢" was person 12 once the demo had that many people."""
    if not (raw.isascii() and raw.isdecimal()) or len(raw) > len(str(MAX_ID)):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def _up_to(limit: str) -> str:
    """A regular expression for the decimal numbers from 1 to ``limit`` (no leading zeros)."""
    shorter = f"[1-9][0-9]{{0,{len(limit) - 2}}}" if len(limit) > 1 else ""
    same_length = []
    for i, digit in enumerate(limit):
        rest = len(limit) - i - 1
        low = "1" if i == 0 else "0"
        if int(digit) > int(low):
            same_length.append(f"{limit[:i]}[{low}-{int(digit) - 1}][0-9]{{{rest}}}")
    same_length.append(limit)
    return "|".join(part for part in [shorter, *same_length] if part)


class IdConverter(IntegerConverter):
    """Flask's ``int`` for ids: 1 ≤ id ≤ :data:`MAX_ID`, anything else does not match the route (404).

    The range is in the regular expression, not only in ``to_python``: Werkzeug notes a path's other methods
    before it converts, so a refusal there would answer 405 where a GET and a POST rule share the path.
    """

    regex = f"(?:{_up_to(str(MAX_ID))})"

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = 1,
        max: int | None = MAX_ID,
        signed: bool = False,
    ) -> None:  # noqa: A002 - Werkzeug's names
        super().__init__(map, fixed_digits, min, max, signed)

    def to_python(self, value: str) -> Any:
        if len(value) > len(str(MAX_ID)):  # before int(): Python refuses to read more than 4,300 digits
            raise ValidationError()
        return super().to_python(value)


def init_app(app: Flask) -> None:
    """Make ``<int:…>`` in every route an :class:`IdConverter`; call before the blueprints are registered."""
    app.url_map.converters["int"] = IdConverter
    app.jinja_env.globals["CONFIRMATION"] = CONFIRMATION
    app.extensions["selvbooking_fixed_urls"] = {}
    app.jinja_env.globals["fixed_url"] = fixed_url


def fixed_url(endpoint: str, **values: Any) -> str:
    """``url_for(endpoint, **values)`` remembered per app and script root: for the links every page repeats (the
    layout's style sheets, icons, menu, footer and language forms), whose address depends on nothing else — the
    portal has no URL defaults or value preprocessors, and ``endpoint`` is a full name. Werkzeug's URL building
    costs ~30 µs a call, and a page made ~35 of them (issue 11, round 4)."""
    key = (request.script_root, endpoint, *sorted(values.items()))
    kept: dict[tuple[Any, ...], str] = current_app.extensions["selvbooking_fixed_urls"]
    found = kept.get(key)
    if found is None:
        found = kept[key] = url_for(endpoint, **values)
    return found


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None: never an open redirect to another site."""
    if not target:
        return None
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
    ):
        return None
    return target


#: The id of the confirmation after an action: the first success alert at the top of ``main`` (layout.html).
CONFIRMATION = "kvittering"


def confirmed(target: str) -> str:
    """Where an action sends the browser when it is done: its page, at the confirmation (``#kvittering``), so the
    alert is in view without scrolling, with or without JavaScript (selvbooking.js moves the focus there too).
    One fragment for every action: a section's anchor would scroll the confirmation out of view."""
    return f"{target.split('#', 1)[0]}#{CONFIRMATION}"
