"""The administration page for API tokens (issue 16), at ``/sagsbehandler/api-noegler``: an organisation's
administrator makes a token (name, read or write, the caseworker it acts as) and sees its secret once, on the
confirmation page; lists the tokens (prefix, scope, made, last used) and revokes one after a confirmation. Forms
only, no JavaScript; the services (:mod:`scheduling.services.api_tokens`) decide and audit."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal import now
from portal.api.forms import ConfirmRevokeForm, CreateTokenForm
from portal.auth.identity import CASEWORKER, login_required
from portal.database import reads, unit_of_work
from portal.errors import status_of
from portal.urls import confirmed
from scheduling.services import api_tokens, read_model
from scheduling.services.errors import DomainError, NotFound

admin_bp = Blueprint("api_admin", __name__, template_folder="templates", url_prefix="/sagsbehandler/api-noegler")

Page = str | Response | tuple[str, int]


@admin_bp.before_request
def only_administrators() -> Any:
    """Logged-in caseworkers who administer their organisation; others are sent to log in, or get 403."""
    refused = login_required(CASEWORKER)(lambda: None)()
    if refused is not None:
        return refused
    if not _admin().is_admin:
        abort(403)
    return None


def _admin() -> read_model.CaseworkerView:
    from flask import g

    if "caseworker" not in g:
        g.caseworker = read_model.caseworker(reads(), g.current_user.id)
    return g.caseworker  # type: ignore[no-any-return]


def _form(blank: bool = False) -> CreateTokenForm:
    """The form to make a token, with the organisation's active caseworkers to act as (blank: not from the
    request)."""
    admin = _admin()
    form = CreateTokenForm(formdata=None) if blank else CreateTokenForm()
    workers = [w for w in read_model.organisation_caseworkers(reads(), admin.organisation_id) if not w.disabled]
    form.caseworker_id.choices = [(w.id, w.name) for w in workers]
    if form.caseworker_id.data is None:
        form.caseworker_id.data = admin.id
    return form


def _tokens_page(form: CreateTokenForm | None = None, refusal: Any = None) -> str:
    admin = _admin()
    return render_template(
        "api/tokens.html", admin=admin, tokens=api_tokens.list_tokens(unit_of_work(), admin.id),
        form=form or _form(blank=True), refusal=refusal,
    )


@admin_bp.get("", endpoint="tokens")
def tokens_page() -> str:
    """My organisation's API tokens, and the form to make one."""
    return _tokens_page()


@admin_bp.post("")
def create_token() -> Page:
    """Make a token; the confirmation page shows its secret, once (never stored, never cached)."""
    admin = _admin()
    form = _form()
    if not form.validate_on_submit():
        return _tokens_page(form=form), 422
    try:
        _token_id, secret = api_tokens.create_token(
            unit_of_work(), now(), admin.id, form.name.data or "", form.scope.data or "", form.caseworker_id.data)
    except NotFound:
        raise
    except DomainError as error:
        return _tokens_page(form=form, refusal=error.reason), status_of(error)
    response = make_response(render_template(
        "api/token_created.html", secret=secret, name=(form.name.data or "").strip(), scope=form.scope.data))
    response.headers["Cache-Control"] = "no-store"
    return response


@admin_bp.get("/<int:token_id>/tilbagekald", endpoint="confirm_revoke")
def confirm_revoke(token_id: int) -> str:
    """Are you sure? The token stops working at once."""
    token = _token(token_id)
    return render_template("api/token_revoke.html", token=token, form=ConfirmRevokeForm(formdata=None))


@admin_bp.post("/<int:token_id>/tilbagekald")
def revoke(token_id: int) -> Page:
    admin = _admin()
    token = _token(token_id)
    if not ConfirmRevokeForm().validate_on_submit():
        abort(400)
    api_tokens.revoke_token(unit_of_work(), now(), admin.id, token.id)
    flash(_("Nøglen %(name)s er tilbagekaldt. Den virker ikke længere.", name=token.name), "success")
    return redirect(confirmed(url_for(".tokens")))


def _token(token_id: int) -> api_tokens.TokenView:
    found = [t for t in api_tokens.list_tokens(unit_of_work(), _admin().id) if t.id == token_id]
    if not found:
        raise NotFound()
    return found[0]


__all__ = ["admin_bp"]
