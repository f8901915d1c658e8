"""The person's contact settings form: the e-mail address notices go to and a Danish mobile number."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, StringField
from wtforms.validators import Optional, ValidationError

from portal.forms import Form
from portal.i18n import gettext
from scheduling.services import contact
from scheduling.services.errors import InvalidInput


def _checked_by(normal: Any) -> Any:
    """A validator from the service's own check, so the form and the service agree."""

    def check(_form: Form, field: Any) -> None:
        try:
            normal(field.data or "")
        except InvalidInput as error:
            raise ValidationError(gettext(error.reason.message)) from error

    return check


class ContactForm(Form):
    email = StringField(_l("E-mailadresse"), validators=[_checked_by(contact.normal_email)],
                        render_kw={"autocomplete": "email", "type": "email", "spellcheck": "false"})
    mobile = StringField(_l("Mobilnummer"), validators=[_checked_by(contact.normal_mobile)],
                         render_kw={"autocomplete": "tel", "type": "tel"})
    #: offered only when the person has both a confirmed address and a number (the view removes it otherwise)
    channels = RadioField(_l("Hvordan vil du have besked?"), choices=[
        ("email", _l("På e-mail")), ("sms", _l("På SMS")), ("both", _l("På både e-mail og SMS")),
    ], validators=[Optional()])  # not sent: the choice stays as it was


    #: offered only when the person has a confirmed address (the view removes it otherwise)
    invitations = BooleanField(_l("Send mig også kalenderinvitationer til mine samtaler på e-mail"))


class ConfirmLinkForm(Form):
    """The confirmation page's one button (a CSRF token, nothing else)."""
