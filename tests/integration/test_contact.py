"""The person's contact settings (issue 15) on SQLite and PostgreSQL: a new e-mail address is used only after the
link sent to it is opened; a Danish mobile number; nothing half-saved on bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduling.course import Format, InterviewKind
from scheduling.services import booking, contact, notices
from scheduling.services.errors import InvalidInput
from scheduling.vocabulary import ActorKind, NoticeChannel
from tests.integration.outbox_helpers import Recorder, give_email, notice_rows, person_notices
from tests.integration.world import NOW, SLOT, a_world

POLICY = notices.Policy()


def _token(uow):
    confirmations = [r for r in notice_rows(uow) if r.topic == contact.CONFIRM_TOPIC]
    return confirmations[-1].params["token"], confirmations[-1]


def test_a_new_address_gets_only_the_confirmation_link_until_it_is_confirmed(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    assert contact.change_contact(uow(), person, " Borger@Example.DK ", "+45 20 12 34 56", NOW) is True
    token, row = _token(uow)
    assert row.address == "Borger@example.dk" and row.params == {"token": token}
    mine = contact.contact(uow(read_only=True), person)
    assert (mine.email, mine.email_pending, mine.mobile) == (None, "Borger@example.dk", "20123456")
    booking.self_book(uow(), person, InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW)
    # not yet confirmed: no booking notice by e-mail (by SMS to the number instead)
    assert [(r.topic, r.channel) for r in person_notices(uow)] == [
        (contact.CONFIRM_TOPIC, NoticeChannel.EMAIL), ("booking", NoticeChannel.SMS),
    ]
    sent = Recorder()
    notices.deliver_due(uow, sent, lambda: NOW, worker="w", policy=POLICY)
    assert sorted(j.address for j in sent.sent if j.recipient_kind == ActorKind.CITIZEN) == ["20123456", "Borger@example.dk"]
    assert contact.confirm_email(uow(), person, token, NOW + timedelta(hours=1)) == "Borger@example.dk"
    assert contact.contact(uow(read_only=True), person).email == "Borger@example.dk"
    with pytest.raises(InvalidInput):
        contact.confirm_email(uow(), person, token, NOW + timedelta(hours=1))  # used once


def test_the_confirmed_address_keeps_getting_notices_while_a_new_one_waits(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    give_email(uow, person, "gammel@example.dk")
    contact.change_contact(uow(), person, "ny@example.dk", "", NOW)
    booking.self_book(uow(), person, InterviewKind.JOBSAMTALE, SLOT, Format.TELEFONISK, NOW)
    sent = Recorder()
    notices.deliver_due(uow, sent, lambda: NOW, worker="w", policy=POLICY)
    assert sorted(j.address for j in sent.sent if j.recipient_kind == ActorKind.CITIZEN) == ["gammel@example.dk", "ny@example.dk"]


def test_a_wrong_or_expired_link_confirms_nothing(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    contact.change_contact(uow(), person, "ny@example.dk", "", NOW)
    token, _ = _token(uow)
    with pytest.raises(InvalidInput):
        contact.confirm_email(uow(), person, token + "x", NOW)
    with pytest.raises(InvalidInput):
        contact.confirm_email(uow(), person, token, NOW + contact.CONFIRMATION_VALID + timedelta(seconds=1))
    with pytest.raises(InvalidInput):
        contact.confirm_email(uow(), person, "", NOW)
    assert contact.contact(uow(read_only=True), person).email is None


@pytest.mark.parametrize("email, mobile", [("ikke-en-adresse", ""), ("a@b.dk", "1234"), ("a@b.dk", "+46 20123456")])
def test_bad_input_is_refused_and_nothing_is_saved(engine, uow, email, mobile):
    world = a_world(uow)
    person = world.citizens[0]
    with pytest.raises(InvalidInput):
        contact.change_contact(uow(), person, email, mobile, NOW)
    assert notice_rows(uow) == []
    assert contact.contact(uow(read_only=True), person).mobile == "12345678"  # as the world made it


def test_an_empty_address_stops_the_mail(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]
    give_email(uow, person, "gammel@example.dk")
    assert contact.change_contact(uow(), person, "", "", NOW) is False
    mine = contact.contact(uow(read_only=True), person)
    assert (mine.email, mine.mobile) == (None, None)
