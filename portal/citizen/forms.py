"""The citizen's forms. Choices are filled in by the view from what the services offer; the messages are
instructions. Nothing a form holds is trusted at the end: the booking service checks every value again."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField
from wtforms.validators import StopValidation

from portal.forms import Form


class OfferedChoice(RadioField):
    """A radio group whose value must be one of the offered choices; a missing or tampered value gets the
    field's own instruction (not WTForms' English "Not a valid choice")."""

    def __init__(self, label: Any = None, *, instruction: Any, **kwargs: Any) -> None:
        super().__init__(label, validate_choice=False, **kwargs)
        self.instruction = instruction

    def pre_validate(self, form: Any) -> None:
        offered = {str(value) for value, *_rest in (self.choices or [])}
        if not self.data or str(self.data) not in offered:
            raise StopValidation(str(self.instruction))


class KindForm(Form):
    kind = OfferedChoice(_l("Hvilken samtale vil du booke?"), instruction=_l("Vælg den samtale, du vil booke"))


class SlotForm(Form):
    start = OfferedChoice(_l("Vælg en tid"), instruction=_l("Vælg en af de ledige tider"))


class FormatForm(Form):
    format = OfferedChoice(
        _l("Hvordan vil du deltage i samtalen?"), instruction=_l("Vælg, hvordan du vil deltage i samtalen")
    )
    participation = OfferedChoice(
        _l("Skal din a-kasse deltage i samtalen?"),
        instruction=_l("Vælg, om din a-kasse skal deltage, og om den deltager på video eller møder op sammen med dig"),
    )


class ConfirmForm(Form):
    """The final "Book samtalen": the token is the booking's one-time key, checked against the session."""

    token = HiddenField()


class ActionForm(Form):
    """A confirmation button (rebook, cancel): only the CSRF token."""
