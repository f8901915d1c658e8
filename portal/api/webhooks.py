"""Webhook subscriptions in the integration API (issue 16): what an administrator does on the page "Webhooks"
(``/sagsbehandler/webhooks``) — list the organisation's subscriptions, subscribe a URL (its secret in the answer,
once), send a test event, deactivate one — over the same services (:mod:`scheduling.services.webhooks`).

Administrators only, as the page: the acting caseworker (the token's, or ``caseworker_id``) must administer the
organisation, else a 403 problem (:func:`portal.api.auth.administrator`). A URL is checked as on the page: https
and the public internet only (``WEBHOOK_ALLOW_LOOPBACK_HTTP`` allows loopback in development and tests), else a
422 problem on ``url``.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from spectree import Response

from portal import now
from portal.api import bp, spec
from portal.api.auth import administrator, token_required
from portal.api.idempotency import idempotent
from portal.api.problems import Problem
from portal.api.schemas import webhooks as s
from portal.api.schemas.settings import Acting, ActingBody
from portal.database import unit_of_work
from scheduling.services import webhooks

TAGS = ["Webhooks"]
SUBSCRIPTION_ID = {"subscription_id": "Abonnementets id."}


def _answers(ok: int, model: type) -> Response:
    return Response(**{f"HTTP_{ok}": model}, HTTP_403=Problem, HTTP_404=Problem, HTTP_422=Problem)


def _out(found: webhooks.Subscription) -> s.SubscriptionOut:
    return s.SubscriptionOut(id=found.id, url=found.url, events=list(found.events), active=found.active,
                             created_at=found.created_at, deactivated_at=found.deactivated_at,
                             last_delivery_at=found.last_delivery_at, failed=found.failed)


def _subscription(admin_id: int, subscription_id: int) -> s.SubscriptionOut:
    return _out(next(w for w in webhooks.subscriptions(unit_of_work(), admin_id) if w.id == subscription_id))


@bp.get("/webhooks")
@token_required("read")
@spec.validate(query=Acting, resp=Response(HTTP_200=s.SubscriptionList, HTTP_403=Problem, HTTP_422=Problem), tags=TAGS)
def list_subscriptions(query: Acting) -> s.SubscriptionList:
    """Webhook-abonnementer

    Organisationens abonnementer med seneste levering og antallet af hændelser, der ikke kunne leveres, som på
    siden "Webhooks" (aldrig den hemmelige nøgle). Kun en administrator (403 ellers)."""
    found = webhooks.subscriptions(unit_of_work(), administrator(query.caseworker_id))
    return s.SubscriptionList(items=[_out(w) for w in found])


@bp.post("/webhooks")
@token_required("write")
@idempotent
@spec.validate(json=s.SubscriptionIn, resp=_answers(201, s.SubscriptionCreated), tags=TAGS)
def subscribe(json: s.SubscriptionIn) -> Any:
    """Abonnér på hændelser

    Adressen får de valgte hændelser, signeret med abonnementets hemmelige nøgle, som kun står i dette svar (format
    og signatur: docs/api.md, "Webhooks"). Adressen skal begynde med https:// og være en offentlig adresse på
    internettet. Kun en administrator (403 ellers)."""
    created = webhooks.subscribe(
        unit_of_work(), now(), administrator(json.caseworker_id), json.url, [str(e) for e in json.events],
        allow_loopback_http=bool(current_app.config["WEBHOOK_ALLOW_LOOPBACK_HTTP"]),
    )
    return s.SubscriptionCreated(id=created.id, secret=created.secret), 201, {"Cache-Control": "no-store"}


@bp.post("/webhooks/<int:subscription_id>/ping")
@token_required("write")
@idempotent
@spec.validate(json=ActingBody, resp=_answers(202, s.Pinged), tags=TAGS, path_parameter_descriptions=SUBSCRIPTION_ID)
def ping(subscription_id: int, json: ActingBody) -> tuple[s.Pinged, int]:
    """Send en testhændelse

    En ping-hændelse til et aktivt abonnement, gennem udbakken som alle hændelser: den sendes om lidt. Kun en
    administrator (403 ellers)."""
    delivery = webhooks.ping(unit_of_work(), now(), administrator(json.caseworker_id), subscription_id)
    return s.Pinged(delivery=delivery), 202


@bp.post("/webhooks/<int:subscription_id>/deactivate")
@token_required("write")
@idempotent
@spec.validate(json=ActingBody, resp=_answers(200, s.SubscriptionOut), tags=TAGS,
               path_parameter_descriptions=SUBSCRIPTION_ID)
def deactivate(subscription_id: int, json: ActingBody) -> s.SubscriptionOut:
    """Deaktivér et abonnement

    Der sendes ikke flere hændelser til adressen, og dem, der endnu ikke er leveret, opgives. Kun en administrator
    (403 ellers)."""
    admin = administrator(json.caseworker_id)
    webhooks.deactivate(unit_of_work(), now(), admin, subscription_id)
    return _subscription(admin, subscription_id)
