"""Who is logged in: a citizen or a caseworker, loaded from the session at the start of every request.

The session is Flask's signed cookie. It holds the person, their ``session_version`` at log-in (compared with
the database on every request, so log-out, a password change or disabling the account ends every copy of the
cookie) and the time of the last request (a copied cookie left idle for PERMANENT_SESSION_LIFETIME is refused,
whatever its own expiry says).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import Flask, abort, current_app, flash, g, redirect, request, session, url_for

from portal.database import once
from portal.i18n import gettext as _
from portal.i18n import locale_key
from portal.urls import fixed_url
from scheduling.services import read_model

CITIZEN = "citizen"
CASEWORKER = "caseworker"
#: How many menus an app remembers before it starts again (roles × flags × unread counts × languages × pages).
MENUS_LIMIT = 10_000
SUPERVISOR = "supervisor"  # the agency's (STAR's) supervisor: every organisation's figures, no person (issue 17)


@dataclass(frozen=True)
class NavLink:
    href: str
    text: str
    current: bool
    unread: int = 0  # "Beskeder (2)": how many messages the person has not opened


@dataclass(frozen=True)
class CurrentUser:
    kind: str  # CITIZEN, CASEWORKER or SUPERVISOR
    id: int
    name: str
    info: str  # shown after the name in the header
    organisation: str | None  # the caseworker's organisation
    organisation_id: int | None = None
    is_admin: bool = False
    is_leader: bool = False  # one of the organisation's leaders: its supervision figures (issue 17)
    unread_messages: int = 0  # a citizen's unopened messages, shown in the menu

    @property
    def is_citizen(self) -> bool:
        return self.kind == CITIZEN

    @property
    def is_supervisor(self) -> bool:
        return self.kind == SUPERVISOR

    @property
    def home_url(self) -> str:
        if self.is_supervisor:
            return fixed_url("supervision.overview")
        return fixed_url("citizen.overview" if self.is_citizen else "caseworker.today")

    def nav_links(self) -> list[NavLink]:
        """The menu's links, made once per app for each role, its flags, unread count, language, script root and
        current page (issue 11, round 7: ~200 Python calls a page)."""
        key = (self.kind, self.is_leader, self.is_admin, self.unread_messages, locale_key(), request.script_root,
               request.endpoint)
        kept: dict[tuple[Any, ...], tuple[NavLink, ...]] = current_app.extensions.setdefault("selvbooking_menus", {})
        found = kept.get(key)
        if found is None:
            if len(kept) >= MENUS_LIMIT:
                kept.clear()
            found = kept[key] = tuple(self._nav_links())
        return list(found)

    def _nav_links(self) -> list[NavLink]:
        if self.is_supervisor:
            items = [("supervision.overview", _("Tilsyn"))]
        elif self.is_citizen:
            items = [
                ("citizen.overview", _("Mine samtaler")),
                ("citizen.messages", _("Beskeder")),
                ("calendar.subscription", _("Min kalender")),
                ("contact.settings", _("Kontaktoplysninger")),  # e-mail for notices (the outbox, issue 15)
            ]
        else:
            items = [
                ("caseworker.today", _("I dag")),
                ("caseworker.caseload", _("Mine borgere")),
                ("caseworker.availability", _("Tilgængelighed")),
                ("caseworker.timeslots", _("Aftalte tidsrum")),
                ("calendar.subscription", _("Min kalender")),
                ("caseworker.password", _("Adgangskode")),
            ]
            if self.is_leader:
                items.append(("supervision.overview", _("Tilsyn")))
            if self.is_admin:
                items += [("caseworker.settings", _("Indstillinger")), ("caseworker.accounts", _("Brugere")),
                          ("api_admin.tokens", _("API-nøgler"))]
        return [
            NavLink(
                fixed_url(endpoint),
                text,
                request.endpoint == endpoint,
                self.unread_messages if endpoint == "citizen.messages" else 0,
            )
            for endpoint, text in items
        ]


def load_user() -> CurrentUser | None:
    """The logged-in person from the session; a stale session (deleted or disabled account, or a session version
    that log-out, a password change or disabling has moved on from) is cleared."""
    who = session.get("user")
    if not who:
        return None
    kind, user_id, version = who.get("kind"), who.get("id"), who.get("v")
    user = None
    if isinstance(user_id, int):
        if kind == CITIZEN:
            user = _citizen(user_id, version)
        elif kind == CASEWORKER:
            user = _caseworker(user_id, version)
        elif kind == SUPERVISOR:
            user = _supervisor(user_id, version)
    if user is None:
        _clear_session()
    return user


def _citizen(citizen_id: int, version: object) -> CurrentUser | None:
    """The citizen, if the session is still theirs; without a language chosen in the session, they get the one
    kept on their record."""
    citizen = citizen_account(citizen_id)
    if citizen is None or citizen.session_version != version:
        return None
    if "lang" not in session and citizen.locale in current_app.config["LANGUAGES"]:
        session["lang"] = citizen.locale
    # The header names the person's own a-kasse and jobcenter: the organisations they deal with here.
    return CurrentUser(
        CITIZEN,
        citizen.id,
        citizen.name,
        "",
        f"{citizen.akasse_name} · {citizen.jobcenter_name}",
        unread_messages=citizen.unread_messages,
    )


def citizen_account(citizen_id: int) -> read_model.CitizenAccount | None:
    """The citizen's account, read once per read transaction of the request (the header and the pages share
    it: one statement). Their a-kasse's and jobcenter's views are kept by the app under everyone's page version,
    as a caseworker's organisation's (read again after a change to an organisation: a second statement)."""
    kept = current_app.extensions.setdefault("selvbooking_organisations", {})
    return once(f"citizen_account:{citizen_id}", lambda uow: read_model.citizen_account(uow, citizen_id, kept))


def caseworker_account(caseworker_id: int) -> read_model.CaseworkerView | None:
    """The caseworker's account (also a disabled one), read once per read transaction of the request: the log-in
    check and the caseworker pages' ``me()`` share it (one statement). Their organisation's view is kept by the app
    under everyone's page version, which every change to an organisation moves (read again after one: a second
    statement). On a page that checks the log-in in its own statement (:func:`confirms_log_in`), the account as the
    caseworker's last request read it, not read again."""
    pending: read_model.CaseworkerView | None = g.get("log_in_to_confirm")
    if pending is not None and pending.id == caseworker_id:
        return pending
    kept = current_app.extensions.setdefault("selvbooking_organisations", {})

    def read(uow: Any) -> read_model.CaseworkerView | None:
        account = read_model.caseworker_account(uow, caseworker_id, kept)
        last: dict[int, read_model.CaseworkerView] = current_app.extensions.setdefault(_LAST_READ, {})
        if account is None:
            last.pop(caseworker_id, None)
        else:
            if len(last) >= LAST_READ_LIMIT:
                last.clear()
            last[caseworker_id] = account
        return account

    return once(f"caseworker_account:{caseworker_id}", read)


#: the caseworkers' accounts as their last log-in check read them (by id, at most this many; then it starts again)
_LAST_READ = "selvbooking_caseworkers_last_read"
LAST_READ_LIMIT = 10_000


def confirms_log_in(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a caseworker's page whose first statement is itself the log-in check: it acts only for an active
    caseworker whose session version is the session's, and reads their name, roles and organisation (the person
    page's audit line, ``audit.record_person_page_view``). Its request starts from the account as the caseworker's
    last request read it, without a statement of its own (issue 11, round 11: the log-in check's statement was a
    fifth of the person page read again); the page then calls :func:`log_in_confirmed` with what its statement
    found, or :func:`check_log_in_again` when it found nothing. A caseworker not read before is read as always."""
    view.confirms_log_in = True  # type: ignore[attr-defined]
    return view


def _account_to_confirm(caseworker_id: int, version: object) -> read_model.CaseworkerView | None:
    if not getattr(current_app.view_functions.get(request.endpoint or ""), "confirms_log_in", False):
        return None
    last: dict[int, read_model.CaseworkerView] = current_app.extensions.get(_LAST_READ, {})
    account = last.get(caseworker_id)
    if account is None or account.disabled or account.session_version != version:
        return None
    g.log_in_to_confirm = account
    return account


def log_in_confirmed(caseworker: tuple[str, bool, bool, int], shared_version: int) -> bool:
    """After a :func:`confirms_log_in` page's statement found the caseworker (name, administrator, leader,
    organisation) and everyone's page version: True when the request began with them as they are, their
    organisation's view unchanged since (or read them afresh); otherwise the log-in check is done again
    (:func:`check_log_in_again`: the page must ask for ``me()`` anew) and False."""
    pending: read_model.CaseworkerView | None = g.get("log_in_to_confirm")
    if pending is None or (
        (pending.name, pending.is_admin, pending.is_leader, pending.organisation.id) == caseworker
        and pending.shared_version == shared_version
    ):
        g.pop("log_in_to_confirm", None)
        return True
    check_log_in_again()
    return False


def check_log_in_again() -> CurrentUser | None:
    """The log-in check read afresh, for a :func:`confirms_log_in` page whose statement did not find the caseworker
    as the request began with them (disabled, logged out elsewhere, changed): a stale session is cleared as by
    :func:`load_user`. None: no one is logged in any more."""
    pending: read_model.CaseworkerView | None = g.pop("log_in_to_confirm", None)
    if pending is not None:
        current_app.extensions.get(_LAST_READ, {}).pop(pending.id, None)
    g.pop("caseworker", None)
    g.current_user = load_user()
    return g.current_user


def _caseworker(caseworker_id: int, version: object) -> CurrentUser | None:
    """The caseworker, if the account is active and the session is still theirs."""
    worker = _account_to_confirm(caseworker_id, version) or caseworker_account(caseworker_id)
    if worker is None or worker.disabled or worker.session_version != version:
        return None
    organisation = worker.organisation
    return CurrentUser(
        CASEWORKER, worker.id, worker.name, organisation.name, organisation.name, organisation.id, worker.is_admin,
        worker.is_leader,
    )


def _supervisor(supervisor_id: int, version: object) -> CurrentUser | None:
    """The agency's supervisor, if the account is active and the session is still theirs."""
    account = once(f"supervisor_account:{supervisor_id}", lambda uow: read_model.supervisor_account(uow, supervisor_id))
    if account is None or account.disabled or account.session_version != version:
        return None
    agency = _("Styrelsen for Arbejdsmarked og Rekruttering")
    return CurrentUser(SUPERVISOR, account.id, account.name, agency, agency)


def _seconds() -> float:
    """The clock of the idle limit (a function, so tests can move it)."""
    return time.time()


def _ids(kind: str, user_id: int) -> dict[str, int]:
    return {f"{kind}_id": user_id}


def log_in(kind: str, user_id: int, version: int | None = None) -> None:
    """Start a fresh session for the person (the old one's contents are dropped, the language kept).

    ``version`` is the person's session version when the caller has just changed it; otherwise it is read.
    """
    from portal.database import unit_of_work
    from scheduling.services.accounts import session_version

    if version is None:
        version = session_version(unit_of_work(), **_ids(kind, user_id))
    _clear_session()
    session["user"] = {"kind": kind, "id": user_id, "v": version}
    session["seen"] = int(_seconds())
    session.permanent = True


def log_out() -> None:
    """End the session here and every copy of it (the person's session version moves on)."""
    from portal.database import unit_of_work
    from scheduling.services.accounts import end_sessions

    who = session.get("user") or {}
    if who.get("kind") in (CITIZEN, CASEWORKER, SUPERVISOR) and isinstance(who.get("id"), int):
        end_sessions(unit_of_work(), **_ids(who["kind"], who["id"]))
    _clear_session()


def _clear_session() -> None:
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


#: The last activity is noted in the session at most this often (seconds): a request within a minute of the last
#: note changes nothing, so its answer does not rewrite the cookie (``portal.sessions``). A session may therefore
#: end up to this much before the idle limit, counted from the person's very last request.
SEEN_STEP = 60


def _idle_too_long() -> bool:
    """Whether the logged-in session has been idle longer than the limit; notes the time of this activity when the
    last note is a minute old or more."""
    if "user" not in session:
        return False
    seen, now = session.get("seen"), int(_seconds())
    limit = current_app.permanent_session_lifetime.total_seconds()
    if not isinstance(seen, int) or now - seen > limit:
        return True
    if now - seen >= SEEN_STEP:
        session["seen"] = now
    return False


def login_required(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only for a logged-in citizen, caseworker or supervisor; others are sent to log in, the wrong kind gets 403."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = g.get("current_user")
            if user is None:
                return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
            if user.kind != kind:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _remember_locale(user: CurrentUser, code: str) -> None:
    """A citizen's language choice is kept on their record, so it follows them to another device."""
    if user.is_citizen:
        from portal.database import unit_of_work
        from scheduling.services.accounts import set_citizen_locale

        set_citizen_locale(unit_of_work(), user.id, code)


def init_app(app: Flask) -> None:
    app.extensions["selvbooking_remember_locale"] = _remember_locale

    @app.before_request
    def attach_user() -> None:
        if request.endpoint == "static":
            return
        if _idle_too_long():
            _clear_session()
            flash(_("Du er blevet logget af, fordi du ikke har været aktiv i 30 minutter. Log ind igen."), "info")
        g.current_user = load_user()
