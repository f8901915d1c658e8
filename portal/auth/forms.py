"""Log-in forms. Messages are instructions: they say what to do, not only what is wrong."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from portal.forms import Form


class CaseworkerLoginForm(Form):
    email = StringField(
        _l("E-mail"),
        validators=[
            DataRequired(_l("Skriv din e-mailadresse")),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Skriv en e-mailadresse som navn@eksempel.dk")),
            Length(max=254, message=_l("Skriv en e-mailadresse på højst 254 tegn")),
        ],
    )
    password = PasswordField(_l("Adgangskode"), validators=[DataRequired(_l("Skriv din adgangskode"))])
    next = HiddenField()


class DemoLoginForm(Form):
    """Pick a demo person (development and demo only). The id is checked against the database on the server."""

    who = HiddenField(validators=[DataRequired(_l("Vælg den person, du vil logge ind som"))])
