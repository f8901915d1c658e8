"""Video meeting links (issue 15): which link a video interview gets, and whether a setting is a usable one.

Pure: plain strings in, a link (or a Danish message id for what is wrong) out; the room name's randomness is
the only thing drawn from outside, and a caller may pass its own ``new_room``.

Where a link comes from
=======================
1. The caseworker holding the interview has their own fixed meeting link (e.g. a personal Teams or Zoom room):
   that one, since that is where they will be.
2. Otherwise the organisation's room template, e.g. a Jitsi Meet server ``https://meet.example.dk/{room}``:
   ``{room}`` becomes a new unguessable room name (:func:`new_room`, 144 random bits) for each interview, so
   nobody finds a meeting by trying names and no two interviews share a room.
3. Otherwise none yet: the person reads who sends it (never a dead end).

A moved video interview keeps its link (the person may have saved it) unless the caseworker now holding it has
a fixed link of their own; a link given from someone else's fixed link is replaced (or dropped) when the
holding caseworker changes. An interview that is no longer a video interview, or is cancelled, has no link.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from scheduling.course import Format
from scheduling.reasons import N_

ROOM = "{room}"
# 18 random bytes = 144 bits, written as 24 URL-safe characters: more than the 128 bits nobody can guess.
ROOM_BYTES = 18
TEMPLATE_MAX = 300
LINK_MAX = 500  # interviews.video_link is String(500)

WRONG_TEMPLATE = N_(
    "Skriv adressen som en https-adresse med {room} der, hvor mødets navn skal stå, fx https://meet.eksempel.dk/{room}"
)
WRONG_LINK = N_("Skriv dit mødelink som en fuld https-adresse, fx https://meet.eksempel.dk/mit-moede")
TOO_LONG_LINK = N_("Skriv højst %(count)s tegn")


def new_room() -> str:
    """A fresh, unguessable room name: 144 random bits as 24 URL-safe characters (letters, digits, - and _)."""
    return secrets.token_urlsafe(ROOM_BYTES)


def _is_https(value: str) -> bool:
    parts = urlsplit(value)
    return (
        parts.scheme == "https" and bool(parts.hostname) and parts.username is None and parts.password is None
        and not any(c.isspace() or ord(c) < 32 for c in value) and not any(c in value for c in "<>\"'`")
    )


def template_problem(template: str) -> str | None:
    """What is wrong with an organisation's room template (a Danish message id), or None when it can be used:
    an https address, ``{room}`` exactly once and after the host (so every room is on the same server)."""
    if len(template) > TEMPLATE_MAX:
        return TOO_LONG_LINK
    if template.count(ROOM) != 1:
        return WRONG_TEMPLATE
    example = room_link(template, "r" * 24)
    if not _is_https(example) or ROOM in urlsplit(template.replace(ROOM, "", 1)).netloc:
        return WRONG_TEMPLATE
    host_of_template = urlsplit(template.split(ROOM, 1)[0]).netloc
    if not host_of_template or host_of_template != urlsplit(example).netloc:
        return WRONG_TEMPLATE  # {room} inside the host name: rooms would be on servers of anyone's choosing
    return None


def link_problem(link: str) -> str | None:
    """What is wrong with a caseworker's fixed meeting link (a Danish message id), or None: a full https address."""
    if len(link) > LINK_MAX:
        return TOO_LONG_LINK
    return None if _is_https(link) else WRONG_LINK


def room_link(template: str, room: str) -> str:
    """The meeting address for ``room`` on the organisation's server."""
    return template.replace(ROOM, room, 1)


def is_room_of(template: str | None, link: str | None) -> bool:
    """Is ``link`` a room made from ``template`` (and not, e.g., a caseworker's fixed link)?"""
    if not template or not link or ROOM not in template:
        return False
    before, after = template.split(ROOM, 1)
    room = link[len(before): len(link) - len(after) if after else None]
    return link.startswith(before) and link.endswith(after) and len(room) >= 16 and room.replace("-", "").replace("_", "").isalnum()


def choose_link(
    format: Format,
    current: str | None,
    *,
    caseworker_link: str | None,
    template: str | None,
    new_room: Callable[[], str] = new_room,
) -> str | None:
    """The link an interview of ``format`` has after it is booked, called in or moved (see the module docstring):
    the holding caseworker's own link, else the room it already has, else a new room, else None."""
    if format is not Format.VIDEO:
        return None
    if caseworker_link:
        return caseworker_link
    if current and is_room_of(template, current):
        return current
    return room_link(template, new_room()) if template else None
