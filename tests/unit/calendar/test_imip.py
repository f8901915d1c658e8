"""Calendar invitations by e-mail (iMIP, RFC 6047, issue 15): the text/calendar part parses as REQUEST, then
CANCEL, with the interview's UID (the same as the .ics download) and a rising SEQUENCE; the e-mail to one
caseworker has the parts and headers Outlook and Google Calendar act on."""

from __future__ import annotations

from dataclasses import replace

import pytest
from icalendar import Calendar

from scheduling.calendar.imip import Attendee, imip_calendar, imip_email, message_id
from scheduling.calendar.invitations import InterviewInvite, Recipient, invitation_ics
from scheduling.course import Format, InterviewStatus

from .factories import an_invite

CASEWORKER = Attendee("louise@jobcenter.example.dk", "Louise Kjær")
LINK = "https://meet.example.dk/kT3vQ9xZ2mW8pL5nR7sY4bCd"


def video_invite(**overrides: object) -> InterviewInvite:
    values: dict[str, object] = {
        "format": Format.VIDEO, "phone": None, "video_link": LINK, "recipient": Recipient.CASEWORKER,
    }
    values.update(overrides)
    return an_invite(**values)


def parsed(data: bytes) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_a_standing_interview_is_a_request_naming_the_caseworker_as_attendee():
    calendar, event = parsed(imip_calendar(video_invite(), CASEWORKER))
    assert calendar["METHOD"] == "REQUEST"
    assert event["STATUS"] == "CONFIRMED"
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:louise@jobcenter.example.dk"
    assert attendee.params["PARTSTAT"] == "ACCEPTED" and attendee.params["RSVP"] == "FALSE"
    assert attendee.params["CN"] == "Louise Kjær"
    assert str(event["ORGANIZER"]).startswith("mailto:") and "DTSTAMP" in event


def test_the_invitation_has_the_same_uid_as_the_ics_download():
    invite = video_invite()
    _, mailed = parsed(imip_calendar(invite, CASEWORKER))
    _, downloaded = parsed(invitation_ics(invite))
    assert mailed["UID"] == downloaded["UID"] == invite.uid


def test_each_change_is_a_new_request_with_a_higher_sequence_then_a_cancel():
    booked = video_invite(sequence=0)
    moved = replace(booked, sequence=1)
    cancelled = replace(booked, sequence=2, status=InterviewStatus.CANCELLED, video_link="linket kommer")
    versions = [parsed(imip_calendar(i, CASEWORKER)) for i in (booked, moved, cancelled)]
    assert [c["METHOD"] for c, _ in versions] == ["REQUEST", "REQUEST", "CANCEL"]
    assert [e["SEQUENCE"] for _, e in versions] == [0, 1, 2]
    assert len({e["UID"] for _, e in versions}) == 1
    cancel_calendar, cancel_event = versions[-1]
    assert cancel_event["STATUS"] == "CANCELLED" and "ATTENDEE" in cancel_event


def test_a_cancelled_interview_is_never_a_request_and_carries_no_meeting_link():
    data = imip_calendar(video_invite(status=InterviewStatus.CANCELLED, sequence=3), CASEWORKER)
    calendar, event = parsed(data)
    assert calendar["METHOD"] == "CANCEL"
    assert b"REQUEST" not in data and LINK.encode() not in data
    assert "VALARM" not in data.decode()


def test_the_video_link_is_the_event_s_url_location_and_in_its_description():
    _, event = parsed(imip_calendar(video_invite(), CASEWORKER))
    assert str(event["URL"]) == LINK and str(event["LOCATION"]) == LINK
    assert LINK in str(event["DESCRIPTION"])


def test_the_e_mail_to_a_caseworker_has_a_plain_text_and_a_calendar_alternative_and_an_ics_attachment():
    message = imip_email(video_invite(), CASEWORKER, sender="noreply@selvbooking.dk")
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    text, calendar_part = alternative.iter_parts()
    assert text.get_content_type() == "text/plain" and LINK in text.get_content()
    assert calendar_part.get_content_type() == "text/calendar"
    assert calendar_part.get_param("method") == "REQUEST"
    assert calendar_part.get_content_charset() == "utf-8"
    assert Calendar.from_ical(calendar_part.get_content())["METHOD"] == "REQUEST"
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_filename() == "invitation.ics"
    assert Calendar.from_ical(attachment.get_content())["METHOD"] == "REQUEST"


def test_the_e_mail_s_headers_name_the_recipient_and_the_event():
    message = imip_email(video_invite(), CASEWORKER, sender="noreply@selvbooking.dk")
    assert message["To"] == "Louise Kjær <louise@jobcenter.example.dk>"
    assert "noreply@selvbooking.dk" in message["From"]
    assert message["Subject"].startswith("Jobsamtale med borger: tirsdag den 10. marts 2026 kl. 10.00")
    assert message["Message-ID"] == message_id(video_invite(), CASEWORKER)
    bytes(message)  # serialisable as it would be sent


def test_a_cancellation_e_mail_has_method_cancel_on_the_part_and_in_the_body():
    message = imip_email(video_invite(status=InterviewStatus.CANCELLED, sequence=1), CASEWORKER, sender="noreply@selvbooking.dk")
    _, calendar_part = next(message.iter_parts()).iter_parts()
    assert calendar_part.get_param("method") == "CANCEL"
    assert Calendar.from_ical(calendar_part.get_content())["METHOD"] == "CANCEL"
    assert message["Subject"].startswith("Aflyst: ")


def test_the_same_version_to_the_same_recipient_has_the_same_message_id_and_a_new_version_another():
    invite = video_invite()
    assert message_id(invite, CASEWORKER) == message_id(invite, CASEWORKER)
    assert message_id(replace(invite, sequence=1), CASEWORKER) != message_id(invite, CASEWORKER)
    assert message_id(invite, Attendee("ole@x.dk")) != message_id(invite, CASEWORKER)


@pytest.mark.parametrize("email", ["", "two@a.dk, three@b.dk", "no-at-sign", "a b@c.dk"])
def test_an_attendee_is_one_address(email):
    with pytest.raises(ValueError):
        Attendee(email)


def test_a_joint_interview_names_every_caseworker_taking_part_once():
    other = Attendee("rikke@akasse.example.dk", "Rikke Dahl")
    _, event = parsed(imip_calendar(video_invite(), CASEWORKER, others=[other, CASEWORKER]))
    attendees = [str(a) for a in event["ATTENDEE"]]
    assert attendees == ["mailto:louise@jobcenter.example.dk", "mailto:rikke@akasse.example.dk"]
