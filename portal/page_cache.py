"""Rendered pages kept between requests (issue 11): a person's page is the same HTML until their data, what
everyone's pages show, or the clock says otherwise.

A page that uses it (:func:`kept_page`) names the versions it depends on, and its renderer returns, with the
HTML, the moment its page stops being true by the clock alone (the next midnight in Denmark, an interview's change
deadline, start or end, a free time's last moment on offer; :func:`next_moment`). The versions: each person's
``page_version`` and everyone's, moved by the database's triggers in the transaction of every change to the
person's rows and to the organisations, closed days, timeslots and caseworkers' names (migration 0031); a
citizen's come with the log-in check (``CitizenAccount.page_versions``, no statement of their own), the person
page reads them with its CPR look-up's audit line, which is the caseworker's log-in check too
(``audit.record_person_page_view``, ``identity.confirms_log_in``), a week of free times adds
its free-times version (migration 0016). The page is kept under the versions, the logged-in person as the header
and menu show them, their session's CSRF token, the address with its query, the language and the script root,
and used again only

* while the versions are unchanged: a change written by any process moves them in the transaction that writes
  it, and they are read before the page would be (so what is kept is never older than its versions);
* from the moment it was rendered until the moment it names, and for at most :data:`MAX_AGE`;
* for a GET with no message waiting to be flashed and a CSRF token already in the session (the page's forms
  carry a token signed from it).

A page is then the log-in check, a dictionary look-up and the response: on the national world "Mine samtaler"
read again is 1 statement and 2,982 Python calls instead of 4 and 14,186 (benchmarks/README.md, round 8). At
most :data:`MAX_BYTES` of HTML are kept per app process (the least recently used go first). ``PAGE_CACHE =
False`` in the configuration (``SELVBOOKING_PAGE_CACHE=0``) turns it off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, g, request, session

from portal import now
from portal.i18n import locale_key
from scheduling.slots import COPENHAGEN

MAX_AGE = timedelta(minutes=10)  # a safety net: no kept page is older than this
MAX_BYTES = 32 * 1024 * 1024  # of HTML per app process (a "Mine samtaler" is 30–60 kB: ~700 people's pages)

# the page (HTML, or any other answer a view gives, which is never kept), and until when it is true by the clock
# alone (None: keep it not)
Rendered = tuple[Any, datetime | None]


@dataclass(frozen=True)
class _Entry:
    body: bytes  # the HTML as the response sends it (UTF-8): encoded once, when it is rendered
    rendered: datetime
    until: datetime


class _Store:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self.size = 0

    def get(self, key: Hashable, moment: datetime) -> bytes | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if not entry.rendered <= moment < entry.until:
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry.body

    def put(self, key: Hashable, entry: _Entry) -> None:
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = entry
            self.size += len(entry.body)
            while self.size > MAX_BYTES and self.entries:
                self._drop(next(iter(self.entries)))

    def _drop(self, key: Hashable) -> None:
        self.size -= len(self.entries.pop(key).body)


def kept_page(versions: Hashable, render: Callable[[], Rendered]) -> Any:
    """The page ``render()`` gives for this request, kept under ``versions`` (which, with the request's person,
    address and language, must name everything the page shows) until the moment ``render`` returned with it.

    A kept page is UTF-8 bytes, which Flask sends as they are (the HTML page it would make of the text): the page
    is encoded once, when it is rendered, not on every request (issue 11, round 10: the encoding of a 20 kB person
    page was 5 % of its request's instructions). A page not kept is what ``render()`` gave."""
    app = current_app
    token = session.get(app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if not app.config.get("PAGE_CACHE", True) or request.method != "GET" or "_flashes" in session or not token:
        return render()[0]
    key = (request.endpoint, versions, g.current_user, token, request.full_path, request.script_root, locale_key())
    store: _Store = app.extensions.setdefault("selvbooking_pages", _Store())
    moment = now()
    body = store.get(key, moment)
    if body is not None:
        return body
    page, until = render()
    if isinstance(page, str) and until is not None and until > moment:
        body = page.encode()
        store.put(key, _Entry(body, moment, min(until, moment + MAX_AGE)))
        return body
    return page


def next_moment(moment: datetime, moments: Iterable[datetime]) -> datetime:
    """The first of ``moments`` after ``moment``, or the next midnight in Denmark if that comes first (every
    page that shows a date-dependent answer of the rules core changes then)."""
    local = moment.astimezone(COPENHAGEN)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), COPENHAGEN)
    return min([midnight, *(m for m in moments if m > moment)])

