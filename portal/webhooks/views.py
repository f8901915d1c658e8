"""The administrator's webhook page (``/sagsbehandler/webhooks``, administrators only): add a subscription (the
secret shown once, on the answer to the POST), list them with their last delivery, deactivate one, send a test
event. Works without JavaScript: plain forms, each action a POST."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from portal import now
from portal.auth.identity import CASEWORKER, login_required
from portal.caseworker.forms import ConfirmForm
from portal.database import reads, unit_of_work
from portal.errors import status_of
from portal.i18n import gettext
from portal.urls import confirmed
from portal.webhooks.forms import EVENT_LABELS, SubscriptionForm, subscription_form
from scheduling.services import read_model, webhooks
from scheduling.services.errors import DomainError, NotFound

bp = Blueprint("webhooks", __name__, template_folder="templates", url_prefix="/sagsbehandler/webhooks")


@bp.before_request
def only_administrators() -> Any:
    refused = login_required(CASEWORKER)(lambda: None)()
    if refused is not None:
        return refused
    if not read_model.caseworker(reads(), g.current_user.id).is_admin:
        abort(403)
    return None


def _page(form: SubscriptionForm | None = None, created: webhooks.Created | None = None) -> str:
    return render_template(
        "webhooks/webhooks.html",
        subscriptions=webhooks.subscriptions(reads(), g.current_user.id),
        form=form or subscription_form(formdata=None),
        confirm_form=ConfirmForm(formdata=None),
        created=created,
        labels=EVENT_LABELS,
    )


@bp.get("")
def page() -> str:
    """My organisation's webhooks."""
    return _page()


@bp.post("")
def subscribe() -> Any:
    """Add a subscription; the answer shows its secret, once (not kept anywhere the page could show it again)."""
    form = subscription_form()
    if not form.validate_on_submit():
        return _page(form), 422
    try:
        created = webhooks.subscribe(
            unit_of_work(), now(), g.current_user.id, form.url.data or "", form.events.data or [],
            allow_loopback_http=bool(current_app.config["WEBHOOK_ALLOW_LOOPBACK_HTTP"]),
        )
    except NotFound:
        raise
    except DomainError as error:
        form.url.errors = [gettext(error.reason.message, **error.reason.params)]
        return _page(form), status_of(error)
    response = current_app.make_response(_page(created=created))
    response.headers["Cache-Control"] = "no-store"  # the secret is on this page only
    return response


@bp.post("/<int:subscription_id>/deaktiver")
def deactivate(subscription_id: int) -> Any:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    webhooks.deactivate(unit_of_work(), now(), g.current_user.id, subscription_id)
    flash(_("Abonnementet er deaktiveret. Der sendes ikke flere hændelser til adressen."), "success")
    return redirect(confirmed(url_for(".page")))


@bp.post("/<int:subscription_id>/test")
def ping(subscription_id: int) -> Any:
    if not ConfirmForm().validate_on_submit():
        abort(400)
    webhooks.ping(unit_of_work(), now(), g.current_user.id, subscription_id)
    flash(_("Testhændelsen (ping) er lagt i udbakken og sendes om lidt. Se tidspunktet under Sidst leveret."), "success")
    return redirect(confirmed(url_for(".page")))
