"""The JSON of the webhook endpoints (issue 16): an organisation's subscriptions, as on the administrator's page
"Webhooks". Danish descriptions, which the OpenAPI document shows."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from portal.api.schemas.availability import _ACTING, _Body
from scheduling.services.webhooks import URL_LENGTH
from scheduling.vocabulary import SUBSCRIBABLE_EVENTS, WebhookEvent


class SubscriptionIn(_Body):
    """Et nyt abonnement: adressen, der modtager hændelserne, og hvilke hændelser."""

    url: str = Field(min_length=1, max_length=URL_LENGTH,
                     description="Jeres systems adresse. Den skal begynde med https:// og være en offentlig adresse på "
                                 "internettet (en adresse på et internt netværk giver 422).")
    events: list[WebhookEvent] = Field(
        min_length=1, max_length=len(SUBSCRIBABLE_EVENTS),
        description="Hændelserne, der skal sendes (mindst én): " + ", ".join(str(e) for e in SUBSCRIBABLE_EVENTS) + ".",
    )
    caseworker_id: int | None = _ACTING


class SubscriptionOut(BaseModel):
    """Et abonnement, som siden "Webhooks" viser det (aldrig den hemmelige nøgle)."""

    id: int = Field(description="Abonnementets id.")
    url: str = Field(description="Adressen.")
    events: list[WebhookEvent] = Field(description="Hændelserne.")
    active: bool = Field(description="Om der sendes hændelser til adressen.")
    created_at: datetime = Field(description="Oprettet.")
    deactivated_at: datetime | None = Field(default=None, description="Deaktiveret (null: aktivt).")
    last_delivery_at: datetime | None = Field(default=None, description="Sidst leveret.")
    failed: int = Field(description="Antal hændelser, der ikke kunne leveres.")


class SubscriptionList(BaseModel):
    items: list[SubscriptionOut] = Field(description="Organisationens abonnementer, de aktive først.")


class SubscriptionCreated(BaseModel):
    """Det nye abonnement med dets hemmelige nøgle: den vises kun her, én gang."""

    id: int = Field(description="Abonnementets id.")
    secret: str = Field(description="Den hemmelige nøgle (whsec_…), som hver hændelses signatur laves med. Gem den; "
                                    "den vises ikke igen.")


class Pinged(BaseModel):
    delivery: str = Field(description="Testhændelsens leverings-id (headeren Selvbooking-Delivery).")
