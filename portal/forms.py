"""The base of every form in the portal: Flask-WTF (CSRF on every POST) with WTForms' own messages in Danish.

WTForms ships no Danish catalogue, so its built-in messages ("Not a valid date value.") are mapped here to
Danish instructions, which the portal's catalogues translate like any other message. Forms inherit from
:class:`Form` instead of ``FlaskForm``.
"""

from __future__ import annotations

from typing import Any

from flask_babel import format_date, gettext, ngettext
from flask_wtf import FlaskForm
from wtforms import DateField as _WTFormsDateField

from scheduling import datebounds
from scheduling.reasons import N_

#: WTForms' English message -> a Danish instruction (a message id of our own catalogues).
BUILT_IN: dict[str, str] = {
    "This field is required.": N_("Udfyld feltet."),
    "Invalid input.": N_("Ret det, du har skrevet."),
    "Not a valid choice.": N_("Vælg en af mulighederne."),
    "Invalid Choice: could not coerce.": N_("Vælg en af mulighederne."),
    "Not a valid date value.": N_("Skriv en dato som åååå-mm-dd, fx 2026-12-24."),
    "Not a valid datetime value.": N_("Skriv en dato og et klokkeslæt som åååå-mm-dd tt:mm."),
    "Not a valid time value.": N_("Skriv et klokkeslæt som tt:mm, fx 09:30."),
    "Not a valid integer value.": N_("Skriv et helt tal."),
    "Not a valid decimal value.": N_("Skriv et tal, fx 37 eller 37,5."),
    "Not a valid float value.": N_("Skriv et tal, fx 37 eller 37,5."),
    "Number must be at least %(min)s.": N_("Skriv et tal, der er mindst %(min)s."),
    "Number must be at most %(max)s.": N_("Skriv et tal, der højst er %(max)s."),
    "Number must be between %(min)s and %(max)s.": N_("Skriv et tal mellem %(min)s og %(max)s."),
    "Field must be between %(min)d and %(max)d characters long.": N_("Skriv mellem %(min)d og %(max)d tegn."),
    "Invalid email address.": N_("Skriv en e-mailadresse som navn@eksempel.dk."),
    "Invalid URL.": N_("Skriv en webadresse, der begynder med https://."),
    "Invalid CSRF Token.": N_("Siden er udløbet. Genindlæs siden, og prøv igen."),
    "CSRF token missing.": N_("Siden er udløbet. Genindlæs siden, og prøv igen."),
    "CSRF token expired.": N_("Siden er udløbet. Genindlæs siden, og prøv igen."),
    "CSRF failed.": N_("Siden er udløbet. Genindlæs siden, og prøv igen."),
}
PLURAL: dict[str, tuple[str, str]] = {
    "Field must be at least %(min)d character long.": (N_("Skriv mindst %(min)d tegn."), N_("Skriv mindst %(min)d tegn.")),
    "Field cannot be longer than %(max)d character.": (N_("Skriv højst %(max)d tegn."), N_("Skriv højst %(max)d tegn.")),
}


class DanishMessages:
    """WTForms' translations interface, answering in the reader's language through the portal's catalogues."""

    def gettext(self, string: str) -> str:
        return gettext(BUILT_IN[string]) if string in BUILT_IN else string

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if singular in PLURAL:
            one, many = PLURAL[singular]
            return ngettext(one, many, n) if one != many else gettext(one)
        return singular if n == 1 else plural


MESSAGES = DanishMessages()


class Form(FlaskForm):
    """A Flask-WTF form whose built-in validation messages are Danish instructions."""

    class Meta:
        def get_translations(self, form: Any) -> DanishMessages:
            return MESSAGES


class DateField(_WTFormsDateField):
    """WTForms' date field that also refuses a day outside :mod:`scheduling.datebounds`' range (1900–2100).

    Every date field of the portal is this one (``tests/web/test_date_bounds.py`` checks it), so a far-off year
    typed by mistake (0001, 20266) is an error on the field, in the reader's language, before any service or
    rule sees it.
    """

    def post_validate(self, form: Any, validation_stopped: bool) -> None:
        if not validation_stopped and self.data is not None and not datebounds.in_range(self.data):
            params = {key: format_date(day, "long") for key, day in datebounds.out_of_range_params().items()}
            self.errors.append(gettext(datebounds.OUT_OF_RANGE, **params))
