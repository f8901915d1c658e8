"""Which notices reach a person by which channel (issue 15), as plain rules over plain values: no database.

The person chooses, for each :class:`~scheduling.vocabulary.NoticeCategory` (bookings, call-ins, a raised
format, decisions, their course, reminders, book-by reminders), e-mail, SMS, both, or none. The choices are a
mapping from category to :class:`~scheduling.vocabulary.NoticeChoice` value (``citizens.notice_choices``); a
category without one follows the default, which is what the portal did before there was a choice: e-mail if the
person has a confirmed address, else SMS if they gave a mobile number.

**Binding notices can't be switched off** (:data:`BINDING`): a call-in (they must attend), a raised format (R17:
they must be told) and a decision (an afgørelse takes effect when it is made known, and the 4 weeks to complain
run from then). Those always go by at least one channel the person has: a choice of "none" for them is refused
(:func:`refusal`) and, stored by any other way, read as the default. A chosen channel the person has no address for
any more (the number removed) falls back the same way, so a binding notice reaches every person who can be reached.
"""

from __future__ import annotations

from collections.abc import Mapping

from scheduling.reasons import N_, Reason
from scheduling.rules.catalogue import reason
from scheduling.vocabulary import MessageKind, NoticeCategory, NoticeChannel, NoticeChoice

#: The topics of the reminders (:mod:`scheduling.services.reminders` writes them; a test keeps the two equal).
REMINDER_TOPIC = "reminder"
BOOK_BY_TOPIC = "book_by"

#: The categories in the order the person's settings show them.
CATEGORIES: tuple[NoticeCategory, ...] = tuple(NoticeCategory)

#: Which category each topic the outbox writes belongs to (the message's kind, or the reminder's topic).
TOPICS: Mapping[str, NoticeCategory] = {
    MessageKind.BOOKING: NoticeCategory.BOOKINGS,
    MessageKind.REBOOKING: NoticeCategory.BOOKINGS,
    MessageKind.CANCELLATION: NoticeCategory.BOOKINGS,
    MessageKind.CALL_IN: NoticeCategory.CALL_INS,
    MessageKind.FORMAT_RAISED: NoticeCategory.FORMAT,
    MessageKind.DECISION: NoticeCategory.DECISIONS,
    MessageKind.SELF_BOOKING: NoticeCategory.COURSE,
    MessageKind.REFERRAL: NoticeCategory.COURSE,
    REMINDER_TOPIC: NoticeCategory.REMINDERS,
    BOOK_BY_TOPIC: NoticeCategory.BOOK_BY,
}

#: The categories a person can't switch off, and why (the rule and its basis).
BINDING: Mapping[NoticeCategory, Reason] = {
    NoticeCategory.CALL_INS: reason("R19", N_("Besked om indkaldelser kan ikke fravælges, fordi du skal møde op til de samtaler, du bliver indkaldt til.")),
    NoticeCategory.FORMAT: reason("R17", N_("Besked om ændret samtaleform kan ikke fravælges, fordi du skal have besked om ændringen og om, hvorfor den er besluttet.")),
    NoticeCategory.DECISIONS: reason("R23", N_("Besked om afgørelser kan ikke fravælges, fordi en afgørelse gælder for dig, og fristen for at klage løber fra, du har fået den.")),
}

_CHANNELS: Mapping[str, tuple[NoticeChannel, ...]] = {
    NoticeChoice.EMAIL: (NoticeChannel.EMAIL,),
    NoticeChoice.SMS: (NoticeChannel.SMS,),
    NoticeChoice.BOTH: (NoticeChannel.EMAIL, NoticeChannel.SMS),
}
NOT_A_CHOICE = Reason("INPUT", "", N_("Vælg en af mulighederne."))
NO_EMAIL = Reason("INPUT", "", N_("Du kan først vælge e-mail, når du har skrevet og bekræftet din e-mailadresse."))
NO_MOBILE = Reason("INPUT", "", N_("Du kan først vælge SMS, når du har skrevet dit mobilnummer."))


def usable(email: str | None, mobile: str | None) -> tuple[NoticeChannel, ...]:
    """The channels the person has an address for: a confirmed e-mail address, a mobile number."""
    return tuple(channel for channel, address in ((NoticeChannel.EMAIL, email), (NoticeChannel.SMS, mobile)) if address)


def channels(choice: str | None, email: str | None, mobile: str | None) -> tuple[NoticeChannel, ...]:
    """The channels of one ``choice`` (``"email"``, ``"sms"``, ``"both"``) the person has an address for; without a
    choice, or when none of it can be used, e-mail if they have a confirmed address, else SMS if they have a
    mobile number, else none."""
    have = usable(email, mobile)
    chosen = tuple(channel for channel in _CHANNELS.get(choice or "", ()) if channel in have)
    return chosen or have[:1]


def category_of(topic: str) -> NoticeCategory | None:
    """The category a notice's topic belongs to (None: one the person has no choice for, e.g. a confirmation link)."""
    return TOPICS.get(str(topic))


def channels_for(
    topic: str, choices: Mapping[str, str] | None, email: str | None, mobile: str | None
) -> tuple[NoticeChannel, ...]:
    """The channels a notice of ``topic`` goes by, after the person's ``choices``: none for a category they switched
    off (never a binding one), else :func:`channels` of their choice for its category (the default without one)."""
    category = category_of(topic)
    choice = (choices or {}).get(category) if category is not None else None
    if choice == NoticeChoice.NONE:
        if category not in BINDING:
            return ()
        choice = None  # stored against the rules: the default, so a binding notice still reaches them
    return channels(choice, email, mobile)


def offered(category: NoticeCategory, email: str | None, mobile: str | None) -> tuple[NoticeChoice, ...]:
    """What the person can choose for ``category``: the channels they have an address for (both, when they have
    two), and none unless the category is binding."""
    have = usable(email, mobile)
    choices = [choice for choice, wanted in _CHANNELS.items() if all(channel in have for channel in wanted)]
    if category not in BINDING:
        choices.append(NoticeChoice.NONE)
    return tuple(NoticeChoice(choice) for choice in choices)


def refusal(category: NoticeCategory, choice: str, email: str | None, mobile: str | None) -> Reason | None:
    """Why ``choice`` can't be made for ``category`` (None: it can): none for a binding category, a channel the
    person has no address for, or no choice at all."""
    if choice in offered(category, email, mobile):
        return None
    if choice == NoticeChoice.NONE and category in BINDING:
        return BINDING[category]
    wanted = _CHANNELS.get(choice)
    if wanted is None:
        return NOT_A_CHOICE
    return NO_EMAIL if NoticeChannel.EMAIL in wanted and not email else NO_MOBILE


def current(category: NoticeCategory, choices: Mapping[str, str] | None, email: str | None, mobile: str | None) -> NoticeChoice | None:
    """What the person's settings show as chosen for ``category``: what its notices go by now (none if switched
    off; None when they have no channel at all)."""
    now = channels_for(topic_of(category), choices, email, mobile)
    if not now:
        return NoticeChoice.NONE if usable(email, mobile) else None
    return NoticeChoice.BOTH if len(now) == 2 else NoticeChoice(str(now[0]))


def topic_of(category: NoticeCategory) -> str:
    """A topic of ``category`` (the first in :data:`TOPICS`): what its notices go by is the same for each."""
    return next(topic for topic, of in TOPICS.items() if of is category)


def same_for_all(choice: str) -> dict[str, str]:
    """The choices of a person who wants every notice by ``choice`` (the settings' one choice for all)."""
    return {str(category): str(choice) for category in CATEGORIES}
