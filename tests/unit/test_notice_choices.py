"""Which notices reach a person by which channel (issue 15): their choice per kind of notice, of the channels they
have an address for; none only for a kind that is not binding (a call-in, R19; a raised format, R17; a decision,
R23 can't be switched off); without a choice what the portal did before: e-mail if confirmed, else SMS."""

from __future__ import annotations

import pytest

from scheduling import notice_choices as nc
from scheduling.services import reminders
from scheduling.vocabulary import MessageKind, NoticeCategory, NoticeChannel, NoticeChoice

EMAIL, SMS = NoticeChannel.EMAIL, NoticeChannel.SMS
ADDRESS, MOBILE = "a@example.dk", "20123456"
BOOKINGS_BY_SMS_REMINDERS_BY_EMAIL = {"bookinger": "sms", "paamindelser": "email"}


def test_every_topic_the_outbox_writes_has_a_kind_to_choose_for():
    assert {str(kind) for kind in MessageKind} | {reminders.INTERVIEW_TOPIC, reminders.BOOK_BY_TOPIC} == set(nc.TOPICS)
    assert set(nc.TOPICS.values()) == set(NoticeCategory)
    assert nc.category_of("confirm_email") is None  # the confirmation link: to the new address, always


@pytest.mark.parametrize(
    ("topic", "expected"),
    [
        (MessageKind.BOOKING, (SMS,)),
        (MessageKind.REBOOKING, (SMS,)),
        (MessageKind.CANCELLATION, (SMS,)),
        (reminders.INTERVIEW_TOPIC, (EMAIL,)),
        (MessageKind.CALL_IN, (EMAIL,)),  # no choice for call-ins: the default
        (reminders.BOOK_BY_TOPIC, (EMAIL,)),
    ],
)
def test_each_kind_goes_by_the_channel_chosen_for_it(topic, expected):
    assert nc.channels_for(topic, BOOKINGS_BY_SMS_REMINDERS_BY_EMAIL, ADDRESS, MOBILE) == expected


def test_both_gives_one_notice_per_channel_email_first():
    assert nc.channels_for(MessageKind.DECISION, {"afgoerelser": "both"}, ADDRESS, MOBILE) == (EMAIL, SMS)


@pytest.mark.parametrize("topic", [MessageKind.BOOKING, MessageKind.SELF_BOOKING, reminders.INTERVIEW_TOPIC, reminders.BOOK_BY_TOPIC])
def test_a_kind_that_is_not_binding_can_be_switched_off(topic):
    everything_off = dict.fromkeys(map(str, NoticeCategory), "none")
    assert nc.channels_for(topic, everything_off, ADDRESS, MOBILE) == ()


@pytest.mark.parametrize(
    ("topic", "rule"),
    [(MessageKind.CALL_IN, "R19"), (MessageKind.FORMAT_RAISED, "R17"), (MessageKind.DECISION, "R23")],
)
def test_R17_R19_R23_a_binding_kind_reaches_the_person_even_if_none_was_stored(topic, rule):
    category = nc.category_of(topic)
    assert nc.BINDING[category].rule == rule
    assert nc.channels_for(topic, {str(category): "none"}, ADDRESS, MOBILE) == (EMAIL,)
    assert nc.channels_for(topic, {str(category): "none"}, None, MOBILE) == (SMS,)


def test_a_chosen_channel_without_an_address_falls_back_to_the_one_they_have():
    assert nc.channels_for(MessageKind.CALL_IN, {"indkaldelser": "sms"}, ADDRESS, None) == (EMAIL,)
    assert nc.channels_for(MessageKind.BOOKING, {"bookinger": "both"}, None, MOBILE) == (SMS,)
    assert nc.channels_for(MessageKind.BOOKING, {"bookinger": "email"}, None, None) == ()


def test_without_choices_the_old_default_e_mail_if_confirmed_else_sms():
    for topic in nc.TOPICS:
        assert nc.channels_for(topic, None, ADDRESS, MOBILE) == (EMAIL,)
        assert nc.channels_for(topic, {}, None, MOBILE) == (SMS,)


def test_the_old_one_choice_for_all_gives_the_same_as_before_for_every_kind():
    for choice, expected in (("email", (EMAIL,)), ("sms", (SMS,)), ("both", (EMAIL, SMS))):
        for topic in nc.TOPICS:
            assert nc.channels_for(topic, nc.same_for_all(choice), ADDRESS, MOBILE) == expected


def test_only_the_channels_the_person_has_are_offered_and_none_only_where_allowed():
    assert nc.offered(NoticeCategory.BOOKINGS, ADDRESS, MOBILE) == ("email", "sms", "both", "none")
    assert nc.offered(NoticeCategory.CALL_INS, ADDRESS, MOBILE) == ("email", "sms", "both")
    assert nc.offered(NoticeCategory.REMINDERS, None, MOBILE) == ("sms", "none")
    assert nc.offered(NoticeCategory.DECISIONS, ADDRESS, None) == ("email",)
    assert nc.offered(NoticeCategory.FORMAT, None, None) == ()


@pytest.mark.parametrize(
    ("category", "choice", "email", "mobile", "expected"),
    [
        (NoticeCategory.BOOKINGS, "none", ADDRESS, MOBILE, None),
        (NoticeCategory.CALL_INS, "both", ADDRESS, MOBILE, None),
        (NoticeCategory.CALL_INS, "none", ADDRESS, MOBILE, "R19"),
        (NoticeCategory.FORMAT, "none", ADDRESS, MOBILE, "R17"),
        (NoticeCategory.DECISIONS, "none", ADDRESS, MOBILE, "R23"),
        (NoticeCategory.REMINDERS, "sms", ADDRESS, None, nc.NO_MOBILE.message),
        (NoticeCategory.REMINDERS, "both", None, MOBILE, nc.NO_EMAIL.message),
        (NoticeCategory.REMINDERS, "fax", ADDRESS, MOBILE, nc.NOT_A_CHOICE.message),
        (NoticeCategory.REMINDERS, "", ADDRESS, MOBILE, nc.NOT_A_CHOICE.message),
    ],
)
def test_a_choice_that_can_not_be_made_is_refused_with_why(category, choice, email, mobile, expected):
    refused = nc.refusal(category, choice, email, mobile)
    if expected is None:
        assert refused is None
    elif expected.startswith("R"):
        assert refused.rule == expected and refused.basis and "kan ikke fravælges" in refused.message
    else:
        assert refused.message == expected


def test_the_settings_show_what_each_kind_goes_by_now():
    choices = {"bookinger": "sms", "paamindelser": "none", "indkaldelser": "none"}
    assert nc.current(NoticeCategory.BOOKINGS, choices, ADDRESS, MOBILE) == NoticeChoice.SMS
    assert nc.current(NoticeCategory.REMINDERS, choices, ADDRESS, MOBILE) == NoticeChoice.NONE
    assert nc.current(NoticeCategory.CALL_INS, choices, ADDRESS, MOBILE) == NoticeChoice.EMAIL  # binding: the default
    assert nc.current(NoticeCategory.BOOKINGS, {"bookinger": "both"}, ADDRESS, MOBILE) == NoticeChoice.BOTH
    assert nc.current(NoticeCategory.BOOKINGS, None, None, None) is None
