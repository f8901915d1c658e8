"""Which notices by which channel (issue 15) on SQLite and PostgreSQL: the outbox writes each notice, in the
change's own transaction, by the channel(s) the person chose for its kind; a kind switched off gets none, a
binding one (R19, a call-in) always one; and migration 0026 carries the old one choice over to every kind."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, text

from scheduling.adapters import db
from scheduling.adapters.orm import CitizenRow
from scheduling.course import Format, InterviewKind
from scheduling.services import booking, contact, reminders
from scheduling.services.errors import InvalidInput
from scheduling.vocabulary import NoticeChannel, NoticeKind
from tests.integration.outbox_helpers import give_email, person_notices
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

JOB = InterviewKind.JOBSAMTALE
DAY_BEFORE_9 = local(SLOT_DAY - timedelta(days=1), "09:00")


def _person_with_both(uow, choices):
    world = a_world(uow)
    person = world.citizens[0]
    give_email(uow, person, "borger@example.dk")  # the world gave them the mobile number 12345678
    contact.change_notice_choices(uow(), person, choices)
    return world, person


def _written(uow):
    return [(row.topic, row.kind, row.channel) for row in person_notices(uow)]


def test_a_booking_by_sms_only_and_its_reminder_by_e_mail_only(engine, uow):
    _world, person = _person_with_both(uow, {"bookinger": "sms", "paamindelser": "email"})
    booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert _written(uow) == [("booking", NoticeKind.NOTICE, NoticeChannel.SMS)]
    assert reminders.remind(uow, DAY_BEFORE_9).interviews == 1
    assert _written(uow) == [
        ("booking", NoticeKind.NOTICE, NoticeChannel.SMS),
        (reminders.INTERVIEW_TOPIC, NoticeKind.REMINDER, NoticeChannel.EMAIL),
    ]


def test_reminders_switched_off_are_not_written_and_a_move_still_comes_by_both(engine, uow):
    _world, person = _person_with_both(uow, {"bookinger": "both", "paamindelser": "none"})
    interview = booking.self_book(uow(), person, JOB, SLOT, Format.TELEFONISK, NOW)
    booking.rebook(uow(), person, interview, SLOT + timedelta(hours=1), NOW)
    assert reminders.remind(uow, DAY_BEFORE_9).interviews == 0
    assert _written(uow) == [
        ("booking", NoticeKind.NOTICE, NoticeChannel.EMAIL), ("booking", NoticeKind.NOTICE, NoticeChannel.SMS),
        ("ombooking", NoticeKind.NOTICE, NoticeChannel.EMAIL), ("ombooking", NoticeKind.NOTICE, NoticeChannel.SMS),
    ]


def test_R19_a_call_in_reaches_the_person_who_switched_everything_else_off(engine, uow):
    world, person = _person_with_both(uow, {"bookinger": "none", "indkaldelser": "sms"})
    booking.call_in(uow(), world.akasse_caseworkers[0], person, JOB, SLOT, Format.TELEFONISK, NOW)
    assert ("indkaldelse", NoticeKind.NOTICE, NoticeChannel.SMS) in _written(uow)


def test_R19_call_ins_can_not_be_switched_off_and_nothing_is_saved(engine, uow):
    _world, person = _person_with_both(uow, {"bookinger": "sms"})
    with pytest.raises(InvalidInput) as refused:
        contact.change_notice_choices(uow(), person, {"paamindelser": "none", "indkaldelser": "none"})
    assert refused.value.rule == "R19"
    assert contact.contact(uow(read_only=True), person).choices == {"bookinger": "sms"}


def test_a_channel_without_an_address_or_an_unknown_kind_is_refused(engine, uow):
    world = a_world(uow)
    person = world.citizens[0]  # a mobile number, no e-mail address
    for choices in ({"bookinger": "email"}, {"fax": "sms"}, {"bookinger": "brevdue"}):
        with pytest.raises(InvalidInput):
            contact.change_notice_choices(uow(), person, choices)
    assert contact.contact(uow(read_only=True), person).choices == {}


# ---- migration 0026 ----------------------------------------------------------------------------------------------


def _people_at_0022(engine) -> None:
    with engine.begin() as connection:
        for kind in ("akasse", "jobcenter"):
            connection.execute(
                text(
                    "INSERT INTO organisations (kind, name, book_by_days, change_deadline_hours, "
                    "faellessamtale_r10_selvbooking, slot_minutes) VALUES (:kind, :kind, 8, 24, true, 30)"
                ),
                {"kind": kind},
            )
        ids = [row[0] for row in connection.execute(text("SELECT id FROM organisations ORDER BY id"))]
        for number, choice in enumerate(("sms", "both", None)):
            connection.execute(
                text(
                    "INSERT INTO citizens (cpr, name, birth_date, akasse_id, jobcenter_id, locale, notice_channels, "
                    "calendar_feed_token) VALUES (:cpr, :name, :born, :akasse, :jobcenter, 'da', :choice, :token)"
                ),
                {"cpr": f"010185{4000 + number}", "name": f"Borger {number}", "born": date(1985, 1, 1),
                 "akasse": ids[0], "jobcenter": ids[1], "choice": choice, "token": secrets.token_hex(16)},
            )


def test_0026_gives_every_kind_the_person_s_one_choice_and_downgrades_back(empty_url):
    from alembic import command
    from sqlalchemy.orm import Session

    engine = db.make_engine(empty_url)
    db.upgrade(engine, "0022")
    _people_at_0022(engine)
    db.upgrade(engine)
    with Session(engine) as session:
        choices = [row.notice_choices for row in session.query(CitizenRow).order_by(CitizenRow.name)]
    kinds = ("bookinger", "indkaldelser", "samtaleform", "afgoerelser", "forloeb", "paamindelser", "bookingfrist")
    assert choices == [dict.fromkeys(kinds, "sms"), dict.fromkeys(kinds, "both"), None]
    assert "notice_channels" not in {c["name"] for c in inspect(engine).get_columns("citizens")}
    with engine.begin() as connection:
        config = db.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0022")
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT notice_channels FROM citizens ORDER BY name")).scalars().all()
    assert kept == ["sms", "both", None]
    engine.dispose()
