"""The administration page's forms for API tokens."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.forms import Form
from scheduling.services.api_tokens import MAX_NAME_LENGTH


class CreateTokenForm(Form):
    name = StringField(
        _l("Navn"),
        description=_l("Hvilket system bruger nøglen, f.eks. \"Sagssystem, produktion\"."),
        validators=[DataRequired(_l("Giv nøglen et navn, så I kan kende den igen.")),
                    Length(max=MAX_NAME_LENGTH, message=_l("Skriv højst 100 tegn"))],
    )
    scope = RadioField(
        _l("Adgang"),
        choices=[("read", _l("Kun læse")), ("write", _l("Læse og ændre (registrere, booke, flytte, aflyse)"))],
        validators=[InputRequired(_l("Vælg, om nøglen kun må læse, eller også må ændre."))],
    )
    caseworker_id = SelectField(
        _l("Handler som"),
        description=_l("Sagsbehandleren, hvis navn står i historikken ved det, systemet gør."),
        coerce=int,
        validators=[InputRequired(_l("Vælg en sagsbehandler."))],
    )


class ConfirmRevokeForm(Form):
    """Only the CSRF token: the revocation, confirmed with a button."""
