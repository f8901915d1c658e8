"""Cursor paging for the API's lists: ``?limit=50`` and, for the next page, ``?cursor=`` the ``next_cursor`` of
the page before; ``changed_since`` (an instant with its offset) keeps only what changed at or after it, so a case
system can sync incrementally (remember when the sync began, page through, next time ask for what changed since).

A cursor is opaque to the client: the list's position as a small JSON object, signed with the application's
secret (itsdangerous), so a forged or altered cursor is a 422 problem on the ``cursor`` field, not a query of
the attacker's choosing. The page's shape is ``{"items": [...], "next_cursor": "…" | null}``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer
from pydantic import AwareDatetime, BaseModel, Field

from scheduling.reasons import N_
from scheduling.services.errors import InvalidInput

T = TypeVar("T")
MAX_LIMIT = 200
_SALT = "selvbooking-api-cursor"


class Paged(BaseModel):
    """Sideinddeling af en liste: markøren og sidens størrelse."""

    cursor: str | None = Field(default=None, max_length=1000, pattern=r"^[A-Za-z0-9_.-]+$",
                               description="next_cursor fra den forrige side; udelades for den første side.")
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT, description="Hvor mange elementer siden højst har (1–200).")


class PageQuery(Paged):
    """Sideinddeling af en liste."""

    changed_since: AwareDatetime | None = Field(
        default=None, description="Kun det, der er ændret på eller efter dette tidspunkt (ISO 8601 med tidszone).")


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key or "", salt=_SALT)  # type: ignore[arg-type]


def encode_cursor(position: dict[str, Any]) -> str:
    """A signed, opaque cursor for ``position`` (JSON-ready values)."""
    return str(_serializer().dumps(position))


def decode_cursor(cursor: str) -> dict[str, Any]:
    """The position in a cursor this API made; a forged, altered or foreign one is InvalidInput on ``cursor``."""
    try:
        position = _serializer().loads(cursor)
    except BadData:
        position = None
    if not isinstance(position, dict):
        raise InvalidInput.because(N_("Markøren (cursor) er ugyldig. Brug next_cursor fra den forrige side.")).on(
            "cursor")
    return position


def after_id(query: Paged) -> int:
    """The last id of the page before (0 for the first page), from a cursor made by :func:`next_cursor`."""
    if query.cursor is None:
        return 0
    value = decode_cursor(query.cursor).get("after")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidInput.because(N_("Markøren (cursor) er ugyldig. Brug next_cursor fra den forrige side.")).on(
            "cursor")
    return value


def offset_of(query: Paged) -> int:
    """The position in a list paged by offset (a person's messages and history, which are short)."""
    if query.cursor is None:
        return 0
    value = decode_cursor(query.cursor).get("offset")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidInput.because(N_("Markøren (cursor) er ugyldig. Brug next_cursor fra den forrige side.")).on(
            "cursor")
    return value


def page_by_id(rows: Sequence[T], limit: int, id_of: Any) -> tuple[list[T], str | None]:
    """A page of ``rows`` (fetched with ``limit + 1``) and the cursor to the next one, or None at the end."""
    items = list(rows[:limit])
    more = len(rows) > limit
    return items, encode_cursor({"after": id_of(items[-1])}) if more and items else None


def page_by_key(rows: Sequence[T], query: Paged, key_of: Callable[[T], tuple[str, ...]]) -> tuple[list[T], str | None]:
    """A page of a list computed whole for each request (free slots), ordered by ``key_of`` (a tuple of strings
    that orders the rows): the rows after the key of the page before's last row, so a row that comes or goes
    between two requests neither repeats one nor skips one."""
    ordered = sorted(rows, key=key_of)
    if query.cursor is not None:
        last = decode_cursor(query.cursor).get("key")
        if not isinstance(last, list) or not all(isinstance(part, str) for part in last):
            raise InvalidInput.because(N_("Markøren (cursor) er ugyldig. Brug next_cursor fra den forrige side.")).on(
                "cursor")
        after = tuple(last)
        ordered = [row for row in ordered if key_of(row) > after]
    items = ordered[: query.limit]
    more = len(ordered) > query.limit
    return items, encode_cursor({"key": list(key_of(items[-1]))}) if more and items else None


def page_by_offset(rows: Sequence[T], query: Paged) -> tuple[list[T], str | None]:
    """A page of a whole (short) list, by offset."""
    start = offset_of(query)
    items = list(rows[start:start + query.limit])
    end = start + len(items)
    return items, encode_cursor({"offset": end}) if end < len(rows) else None


__all__ = ["PageQuery", "Paged", "after_id", "decode_cursor", "encode_cursor", "page_by_id", "page_by_key",
           "page_by_offset"]
