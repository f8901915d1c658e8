"""The person's contact settings forms: the e-mail address notices go to and a Danish mobile number; and by which
channel(s) each kind of notice reaches them (:func:`notice_choices_form`)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, StringField
from wtforms.validators import InputRequired, Optional, ValidationError

from portal.forms import Form
from portal.i18n import gettext
from portal.labels import CITIZEN_NOTICE_CATEGORY_LABELS, NOTICE_CHOICE_LABELS
from scheduling import notice_choices
from scheduling.services import contact
from scheduling.services.errors import InvalidInput
from scheduling.vocabulary import NoticeCategory


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
    ], validators=[Optional()])  # not sent: the choices stay as they were

    #: offered only when the person has a confirmed address (the view removes it otherwise)
    invitations = BooleanField(_l("Send mig også kalenderinvitationer til mine samtaler på e-mail"))


class ConfirmLinkForm(Form):
    """The confirmation page's one button (a CSRF token, nothing else)."""


def _allowed(category: NoticeCategory, mine: contact.Contact) -> Any:
    """A validator from the rules' own check (:func:`scheduling.notice_choices.refusal`): the same words as the
    service's refusal, e.g. why a binding kind can't be switched off."""

    def check(_form: Form, field: Any) -> None:
        refused = notice_choices.refusal(category, field.data or "", mine.email, mine.mobile)
        if refused is not None:
            raise ValidationError(gettext(refused.message))

    return check


def choosable(mine: contact.Contact) -> tuple[NoticeCategory, ...]:
    """The kinds of notice the person has a choice for: two or more options (a binding kind with one channel
    has none: it always goes by that channel)."""
    return tuple(c for c in notice_choices.CATEGORIES if len(notice_choices.offered(c, mine.email, mine.mobile)) > 1)


def notice_choices_form(mine: contact.Contact, *, shown: bool = False) -> Form:
    """One group of radio buttons per kind of notice the person has a choice for, offering only the channels they
    have an address for (and none, where the kind is not binding), set to what its notices go by now. Each field is
    named by its :class:`~scheduling.vocabulary.NoticeCategory`. ``shown``: only to show (not the request's form)."""

    class NoticeChoicesForm(Form):
        pass

    for category in choosable(mine):
        options = notice_choices.offered(category, mine.email, mine.mobile)
        setattr(NoticeChoicesForm, str(category), RadioField(
            CITIZEN_NOTICE_CATEGORY_LABELS[category], choices=[(str(o), NOTICE_CHOICE_LABELS[o]) for o in options],
            validators=[InputRequired(message=_l("Vælg, hvordan du vil have besked.")), _allowed(category, mine)],
            validate_choice=False,  # the rules' own check says why (_allowed)
        ))
    data = {str(category): mine.current(category) for category in choosable(mine)}
    return NoticeChoicesForm(formdata=None, data=data) if shown else NoticeChoicesForm(data=data)
