"""The administrator's webhook form: the URL and the events, as checkboxes."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.caseworker.forms import MultiCheckboxField
from portal.forms import Form
from scheduling.services.webhooks import URL_LENGTH
from scheduling.vocabulary import SUBSCRIBABLE_EVENTS, WebhookEvent

#: What each event is, on the page (the event's name is what the receiver sees).
EVENT_LABELS = {
    WebhookEvent.INTERVIEW_BOOKED: _l("En samtale er booket eller indkaldt"),
    WebhookEvent.INTERVIEW_MOVED: _l("En samtale er flyttet"),
    WebhookEvent.INTERVIEW_CANCELLED: _l("En samtale er aflyst"),
    WebhookEvent.INTERVIEW_HELD: _l("En samtale er registreret som afholdt"),
    WebhookEvent.INTERVIEW_MISSED: _l("En samtale er registreret som udeblevet"),
    WebhookEvent.DECISION_MADE: _l("En afgørelse eller beslutning er truffet"),
    WebhookEvent.PING: _l("Testhændelse"),
}


class SubscriptionForm(Form):
    url = StringField(
        _l("Adresse (URL)"),
        description=_l("Jeres systems adresse, der modtager hændelserne. Den skal begynde med https:// og være en "
                        "offentlig adresse på internettet."),
        validators=[InputRequired(_l("Skriv adressen, der skal modtage hændelserne")),
                    Length(max=URL_LENGTH, message=_l("Skriv højst %(max)d tegn"))],
    )
    events = MultiCheckboxField(
        _l("Hændelser"),
        choices=[(e.value, EVENT_LABELS[e]) for e in SUBSCRIBABLE_EVENTS],  # named in the reader's language by the view
        validators=[DataRequired(_l("Vælg mindst én hændelse."))],
    )


def subscription_form(**kwargs: object) -> SubscriptionForm:
    """The form, its checkboxes labelled in the reader's language with the event's name beside (what the receiver
    sees in ``Selvbooking-Event``)."""
    form = SubscriptionForm(**kwargs)  # type: ignore[arg-type]
    form.events.choices = [(e.value, f"{EVENT_LABELS[e]} ({e.value})") for e in SUBSCRIBABLE_EVENTS]
    return form
