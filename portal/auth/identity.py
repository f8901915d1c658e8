"""Who is logged in: a citizen or a caseworker, loaded from the session at the start of every request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import Flask, abort, g, redirect, request, session, url_for
from flask_babel import gettext as _

CITIZEN = "citizen"
CASEWORKER = "caseworker"


@dataclass(frozen=True)
class NavLink:
    href: str
    text: str
    current: bool


@dataclass(frozen=True)
class CurrentUser:
    kind: str  # CITIZEN or CASEWORKER
    id: int
    name: str
    info: str  # shown after the name in the header
    organisation: str | None  # the caseworker's organisation
    organisation_id: int | None = None
    is_admin: bool = False

    @property
    def is_citizen(self) -> bool:
        return self.kind == CITIZEN

    @property
    def home_url(self) -> str:
        endpoint = "citizen.overview" if self.is_citizen else "caseworker.caseload"
        try:
            return url_for(endpoint)
        except Exception:  # the area is not registered (yet)
            return "/"

    def nav_links(self) -> list[NavLink]:
        if self.is_citizen:
            items = [
                ("citizen.overview", _("Mine samtaler")),
                ("citizen.messages", _("Beskeder")),
                ("calendar.subscription", _("Min kalender")),
            ]
        else:
            items = [
                ("caseworker.caseload", _("Mine borgere")),
                ("caseworker.availability", _("Tilgængelighed")),
                ("caseworker.timeslots", _("Aftalte tidsrum")),
                ("calendar.subscription", _("Min kalender")),
            ]
            if self.is_admin:
                items += [("caseworker.settings", _("Indstillinger")), ("caseworker.accounts", _("Brugere"))]
        links = []
        for endpoint, text in items:
            try:
                href = url_for(endpoint)
            except Exception:  # nosec B112  # an optional area that is not registered has no link
                continue
            links.append(NavLink(href, text, request.endpoint == endpoint))
        return links


def load_user() -> CurrentUser | None:
    """The logged-in person from the session; a stale session (deleted or disabled account) is cleared."""
    from portal.database import session as db_session
    from scheduling.adapters.orm import CaseworkerRow, CitizenRow

    who = session.get("user")
    if not who:
        return None
    kind, user_id = who.get("kind"), who.get("id")
    if kind == CITIZEN:
        citizen = db_session().get(CitizenRow, user_id)
        if citizen is not None:
            # The header names the person's own a-kasse and jobcenter: the organisations they deal with here.
            return CurrentUser(CITIZEN, citizen.id, citizen.name, "", f"{citizen.akasse.name} · {citizen.jobcenter.name}")
    elif kind == CASEWORKER:
        worker = db_session().get(CaseworkerRow, user_id)
        if worker is not None and not worker.disabled:
            return CurrentUser(
                CASEWORKER,
                worker.id,
                worker.name,
                worker.organisation.name,
                worker.organisation.name,
                worker.organisation_id,
                worker.is_admin,
            )
    session.pop("user", None)
    return None


def log_in(kind: str, user_id: int) -> None:
    """Start a fresh session for the person (the old one's contents are dropped, the language kept)."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session["user"] = {"kind": kind, "id": user_id}
    session.permanent = True


def log_out() -> None:
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def login_required(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Only for a logged-in citizen or caseworker; others are sent to log in, the wrong kind gets 403."""

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
        g.current_user = load_user()
        if g.current_user and g.current_user.is_citizen and "lang" not in session:
            from portal.database import session as db_session
            from scheduling.adapters.orm import CitizenRow

            citizen = db_session().get(CitizenRow, g.current_user.id)
            if citizen is not None and citizen.locale in app.config["LANGUAGES"]:
                session["lang"] = citizen.locale
