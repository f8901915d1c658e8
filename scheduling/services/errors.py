"""Domain errors: why a service refused, as a :class:`~scheduling.reasons.Reason` the web layer can show.

* :class:`Refused` — a rule of the law said no; the reason is the rules core's own (rule id, basis, sentence),
  or, for an organisation's own booking deadline, a reason naming that deadline.
* :class:`SlotTaken` — someone else got the time first (or the time is not free any more).
* :class:`NotFound` — the id does not exist *or* is not the caller's to see; the two are never told apart.
* :class:`InvalidInput` — a value the forms should not have let through (blank reason, end before start …).
* :class:`TryAgain` — not a refusal: the database broke off the transaction twice (serialization failure or
  deadlock, :mod:`scheduling.services.retry`); nothing was written, the same request may simply be sent again.
"""

from __future__ import annotations

from datetime import date, datetime

from scheduling import datebounds
from scheduling.reasons import N_, Reason


class DomainError(Exception):
    """Base of every refusal a service raises; ``reason`` says why in Danish, with the legal basis if any."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.render())
        self.reason = reason

    @property
    def rule(self) -> str:
        return self.reason.rule


class Refused(DomainError):
    """A rule (or the organisation's booking deadline) does not allow this."""


class SlotTaken(DomainError):
    """The time was just taken by someone else: choose another."""

    def __init__(self, reason: Reason | None = None) -> None:
        super().__init__(reason or SLOT_TAKEN)


class NotFound(DomainError):
    """Nothing the caller may see has this id (a forged id and a foreign one look the same)."""

    def __init__(self, reason: Reason | None = None) -> None:
        super().__init__(reason or NOT_FOUND)


class InvalidInput(DomainError):
    """A value that cannot be used; the message says what to do instead. ``field``: the name of the field it
    came in, when the service knows it (the API's problem names it)."""

    field: str | None = None

    def on(self, field: str) -> InvalidInput:
        """The same error, naming the field it is about."""
        self.field = field
        return self

    @classmethod
    def because(cls, message: str, **params: object) -> InvalidInput:
        return cls(Reason("INPUT", "", message, params))  # type: ignore[arg-type]


def require_dates_in_range(*values: date | datetime | None) -> None:
    """:class:`InvalidInput` unless every given date lies in :mod:`scheduling.datebounds`' range (``None`` is
    fine): the services' own check on dates from outside, behind the forms'."""
    if not datebounds.all_in_range(*values):
        raise InvalidInput.because(datebounds.OUT_OF_RANGE, **datebounds.out_of_range_params())


class TryAgain(Exception):
    """The database broke off the transaction twice in a row; nothing is written. Not a DomainError: no rule
    refused anything, so the web layer answers it as a temporary fault (503, "Prøv igen")."""


SLOT_TAKEN = Reason("SLOT", "", N_("Tiden er netop blevet booket af en anden. Vælg en anden tid."))
NOT_FOUND = Reason("NOT_FOUND", "", N_("Vi kunne ikke finde det, du leder efter."))
