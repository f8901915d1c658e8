"""Log-in pages. The demo log-in exists only where the configuration allows it, never in production."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal import now
from portal.auth import oidc
from portal.auth.forms import CaseworkerLoginForm, DemoLoginForm
from portal.auth.identity import CASEWORKER, CITIZEN, SUPERVISOR, log_in, log_out
from portal.database import reads, unit_of_work
from portal.urls import local_path, parse_id
from scheduling.demo import DEMO_HISTORY, DEMO_PASSWORD, DEMO_PEOPLE, DemoPerson
from scheduling.services import read_model

bp = Blueprint("auth", __name__, template_folder="templates", url_prefix="/log-ind")


def _demo_people() -> tuple[list[tuple[read_model.PersonEntry, DemoPerson | None]], list[read_model.CaseworkerView]]:
    """The citizens (each with their demo situation, if described) and the active caseworkers to log in as; not
    the people of the supervision's history (issue 17), whose courses have ended."""
    described = {p.cpr: p for p in DEMO_PEOPLE if p.cpr}
    history = {past.person.cpr for past in DEMO_HISTORY}
    citizens, workers = read_model.log_in_directory(reads())
    return [(c, described.get(c.cpr)) for c in citizens if c.cpr not in history], workers


def _render_login(form: CaseworkerLoginForm, status: int = 200) -> tuple[str, int]:
    demo = current_app.config["DEMO_LOGIN"]
    citizens, workers = _demo_people() if demo else ([], [])
    supervisors = read_model.supervisors_to_log_in(reads()) if demo else []
    page = render_template(
        "auth/login.html",
        form=form,
        demo=demo,
        citizens=citizens,
        workers=workers,
        supervisors=supervisors,
        oidc_enabled=oidc.enabled(),
        demo_password=DEMO_PASSWORD if demo else "",
    )
    return page, status


@bp.get("/")
def login() -> tuple[str, int]:
    """Choose how to log in: MitID/organisation log-in when configured, a caseworker password, the demo."""
    return _render_login(CaseworkerLoginForm(next=local_path(request.args.get("next")) or ""))


@bp.post("/demo")
def demo_login() -> Response:
    """Log in as a demo person: only with DEMO_LOGIN on (never in production), only ids that exist."""
    if not current_app.config["DEMO_LOGIN"]:
        abort(404)
    form = DemoLoginForm()
    if not form.validate_on_submit():
        abort(400)
    kind, _sep, raw_id = (form.who.data or "").partition(":")
    row_id = parse_id(raw_id)
    if kind not in (CITIZEN, CASEWORKER, SUPERVISOR) or row_id is None:
        abort(400)
    if kind == CITIZEN:
        exists = read_model.citizen_account(reads(), row_id) is not None
    elif kind == SUPERVISOR:
        supervisor = read_model.supervisor_account(reads(), row_id)
        exists = supervisor is not None and not supervisor.disabled
    else:
        worker = read_model.caseworker_account(reads(), row_id)
        exists = worker is not None and not worker.disabled
    if not exists:
        abort(400)
    log_in(kind, row_id)
    return redirect(url_for("public.index"))


@bp.post("/sagsbehandler")
def caseworker_login() -> Response | tuple[str, int]:
    """E-mail and password (Argon2) of a caseworker, or of the agency's supervisor (issue 17); failed attempts are
    slowed per IP and per account (portal.auth.limits)."""
    from scheduling.services.accounts import SUPERVISOR_ACCOUNT, AuthenticationFailed, authenticate

    form = CaseworkerLoginForm()
    if form.validate_on_submit():
        try:
            kind, account_id = authenticate(unit_of_work(), form.email.data, form.password.data, now())
        except AuthenticationFailed as failure:
            form.password.errors = [failure.message(_)]
        else:
            log_in(SUPERVISOR if kind == SUPERVISOR_ACCOUNT else CASEWORKER, account_id)
            return redirect(local_path(form.next.data) or url_for("public.index"))
    return _render_login(form, 422)


@bp.get("/oidc")
def oidc_start() -> Response:
    if not oidc.enabled():
        abort(404)
    return oidc.authorize_redirect(url_for("auth.oidc_callback", _external=True))


@bp.get("/oidc/callback")
def oidc_callback() -> Response:
    if not oidc.enabled():
        abort(404)
    who = oidc.identify()
    if who is None:
        flash(_("Vi kunne ikke finde dig i Selvbooking. Kontakt din a-kasse eller dit jobcenter."), "error")
        return redirect(url_for("auth.login"))
    log_in(*who)
    return redirect(url_for("public.index"))


@bp.post("/log-af")
def logout() -> Response:
    log_out()
    g.current_user = None
    flash(_("Du er nu logget af."), "success")
    return redirect(url_for("public.index"))
