"""The person's contact settings (issue 15): the e-mail address notices go to and a mobile number.

A new e-mail address is not used until the person proves it is theirs: it waits as ``email_pending`` while a
link with a one-time token goes to it (a notice with its own ``address``, :func:`scheduling.services.notices.tell`);
opening the link while logged in (:func:`confirm_email`) makes it the address notices go to. Until then the
confirmed address, if any, keeps getting them. The database keeps only the token's SHA-256; the link lasts
:data:`CONFIRMATION_VALID`. A mobile number is a Danish one (eight digits, optionally after +45 or 0045).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from scheduling import notice_choices
from scheduling.adapters.orm import CitizenRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.reasons import N_
from scheduling.services import notices
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.vocabulary import NoticeCategory, NoticeChannel, NoticeChoice

CONFIRMATION_VALID = timedelta(hours=48)
CONFIRM_TOPIC = "confirm_email"
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")
DANISH_MOBILE = re.compile(r"^(?:\+45|0045)?(\d{8})$")
#: The one choice for all notices the settings' first page offers (``change_contact``'s ``preference``).
PREFERENCES = (NoticeChoice.EMAIL, NoticeChoice.SMS, NoticeChoice.BOTH)


@dataclass(frozen=True)
class Contact:
    """What the settings pages show."""

    email: str | None
    email_pending: str | None
    mobile: str | None
    choices: Mapping[str, str] = field(default_factory=dict)  # NoticeCategory -> NoticeChoice, as stored
    invitations: bool = False  # the interviews' calendar invitations by e-mail too (to a confirmed address)

    @property
    def offered(self) -> tuple[NoticeChannel, ...]:
        """The channels the person can choose between: those they have an address for."""
        return notice_choices.usable(self.email, self.mobile)

    def current(self, category: NoticeCategory) -> NoticeChoice | None:
        """What notices of ``category`` go by now (:func:`scheduling.notice_choices.current`)."""
        return notice_choices.current(category, self.choices, self.email, self.mobile)

    @property
    def preference(self) -> NoticeChoice | None:
        """The one choice every kind of notice goes by now (None: they differ, or some are switched off)."""
        now = {self.current(category) for category in notice_choices.CATEGORIES}
        only = now.pop() if len(now) == 1 else None
        return only if only in PREFERENCES else None

    @property
    def channels(self) -> tuple[NoticeChannel, ...]:
        """Every channel some kind of notice goes by now (e-mail first)."""
        used = {
            channel for category in notice_choices.CATEGORIES
            for channel in notice_choices.channels_for(notice_choices.topic_of(category), self.choices, self.email, self.mobile)
        }
        return tuple(channel for channel in NoticeChannel if channel in used)


def contact(uow: AbstractUnitOfWork, citizen_id: int) -> Contact:
    """The person's e-mail address, a new one awaiting confirmation, and mobile number (read side)."""
    with uow:
        citizen = _citizen(uow, citizen_id)
        return Contact(
            citizen.email, citizen.email_pending, citizen.phone, dict(citizen.notice_choices or {}),
            citizen.calendar_invitations,
        )


def normal_email(value: str) -> str | None:
    """The address as stored (trimmed, the domain in lower case), None for empty; InvalidInput if it is not one."""
    value = value.strip()
    if not value:
        return None
    if len(value) > 254 or not EMAIL.match(value):
        raise InvalidInput.because(N_("Skriv en e-mailadresse som navn@eksempel.dk."))
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def normal_mobile(value: str) -> str | None:
    """Eight digits (a Danish number; spaces, +45 and 0045 are dropped), None for empty; InvalidInput otherwise."""
    compact = re.sub(r"[\s-]", "", value)
    if not compact:
        return None
    match = DANISH_MOBILE.match(compact)
    if not match:
        raise InvalidInput.because(N_("Skriv et dansk mobilnummer med 8 cifre, fx 20 12 34 56."))
    return match.group(1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _citizen(uow: AbstractUnitOfWork, citizen_id: int) -> CitizenRow:
    citizen = uow.repo.citizen(citizen_id)
    if citizen is None:
        raise NotFound()
    return citizen


def change_contact(
    uow: AbstractUnitOfWork, citizen_id: int, email: str, mobile: str, now: datetime, preference: str | None = None,
    invitations: bool | None = None,
) -> bool:
    """Save the person's mobile number and, for a new e-mail address, send the link that confirms it. An empty
    address removes the address (no more e-mail). ``preference``: how they want every kind of notice (e-mail, SMS
    or both; None leaves the choices as they are). ``invitations``: calendar invitations by e-mail too (None leaves it as it is). Returns whether a confirmation link was sent."""
    address, number = normal_email(email), normal_mobile(mobile)
    if preference is not None and preference not in PREFERENCES:
        raise InvalidInput.because(N_("Vælg, hvordan du vil have besked."))
    with uow:
        citizen = _citizen(uow, citizen_id)
        citizen.phone = number
        if preference is not None:
            citizen.notice_choices = notice_choices.same_for_all(preference)
        if invitations is not None:
            citizen.calendar_invitations = invitations
        sent = False
        if address is None:
            citizen.email = citizen.email_pending = citizen.email_token_hash = citizen.email_token_expires = None
        elif address != citizen.email and address != citizen.email_pending:
            token = secrets.token_urlsafe(24)
            citizen.email_pending, citizen.email_token_hash = address, _hash(token)
            citizen.email_token_expires = now + CONFIRMATION_VALID
            notices.tell(uow, citizen.id, CONFIRM_TOPIC, now, address=address, params={"token": token})
            sent = True
        elif address == citizen.email:
            citizen.email_pending = citizen.email_token_hash = citizen.email_token_expires = None
        uow.commit()
        return sent


def confirm_email(uow: AbstractUnitOfWork, citizen_id: int, token: str, now: datetime) -> str:
    """The person opened the link sent to their new address: it becomes the address notices go to. A wrong,
    used or expired link is InvalidInput. Returns the address."""
    with uow:
        citizen = _citizen(uow, citizen_id)
        expected = citizen.email_token_hash
        if (
            not expected or not citizen.email_pending or citizen.email_token_expires is None
            or not hmac.compare_digest(expected, _hash(token)) or citizen.email_token_expires < now
        ):
            raise InvalidInput.because(N_("Linket virker ikke længere. Skriv din e-mailadresse igen, så sender vi et nyt."))
        citizen.email, address = citizen.email_pending, citizen.email_pending
        citizen.email_pending = citizen.email_token_hash = citizen.email_token_expires = None
        uow.commit()
        return address


def change_notice_choices(uow: AbstractUnitOfWork, citizen_id: int, choices: Mapping[str, str]) -> None:
    """Save by which channel(s) each kind of notice reaches the person: ``choices`` maps a
    :class:`~scheduling.vocabulary.NoticeCategory` to a :class:`~scheduling.vocabulary.NoticeChoice`. Kinds not in
    it keep their choice. InvalidInput, and nothing saved, for an unknown kind, a channel the person has no address
    for, or none for a binding kind (the reason says why, with its legal basis)."""
    with uow:
        citizen = _citizen(uow, citizen_id)
        merged = dict(citizen.notice_choices or {})
        for name, choice in choices.items():
            if name not in set(NoticeCategory):
                raise InvalidInput(notice_choices.NOT_A_CHOICE)
            refused = notice_choices.refusal(NoticeCategory(name), choice, citizen.email, citizen.phone)
            if refused is not None:
                raise InvalidInput(refused)
            merged[name] = str(choice)
        citizen.notice_choices = merged  # a new dict: the JSON column sees the change
        uow.commit()
