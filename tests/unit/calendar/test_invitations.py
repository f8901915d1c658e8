"""The .ics for one interview: valid for two independent parsers, updating and cancelling in place, right
across daylight saving time, and telling the recipient what they need and nothing more personal."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from babel.messages.pofile import read_po
from icalendar import Calendar, Event

from scheduling.calendar.invitations import InterviewInvite, Recipient, invitation_ics, placeholder_attendee
from scheduling.course import AkasseParticipation, BookedBy, Format, InterviewKind, InterviewStatus
from tests.unit.calendar.factories import JOBCENTER, an_invite, local

CPH = ZoneInfo("Europe/Copenhagen")
ROOT = Path(__file__).resolve().parents[3]


def parse(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    assert isinstance(calendar, Calendar)
    (event,) = calendar.events
    return calendar, event


def assert_rfc5545_required(calendar: Calendar, event: Event) -> None:
    """RFC 5545 § 3.6 / 3.6.1: PRODID and VERSION on the calendar; UID, DTSTAMP, DTSTART on the event
    (DTSTART is required when METHOD is present); every TZID used has its VTIMEZONE."""
    for name in ("PRODID", "VERSION", "METHOD"):
        assert name in calendar, name
    assert calendar["VERSION"] == "2.0"
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "ORGANIZER", "SUMMARY", "STATUS"):
        assert name in event, name
    assert calendar.get_missing_tzids() == set()
    assert [timezone.tz_name for timezone in calendar.timezones] == ["Europe/Copenhagen"]


# --- Valid for two parsers -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [InterviewStatus.BOOKED, InterviewStatus.CANCELLED])
def test_invitation_has_rfc5545_required_properties_and_parses_with_icalendar(status):
    calendar, event = parse(invitation_ics(an_invite(status=status)))
    assert_rfc5545_required(calendar, event)
    assert event.errors == []


@pytest.mark.parametrize(
    ("status", "method", "event_status"),
    [(InterviewStatus.BOOKED, "REQUEST", "CONFIRMED"), (InterviewStatus.CANCELLED, "CANCEL", "CANCELLED")],
)
def test_invitation_parses_with_vobject_as_an_independent_reader(status, method, event_status):
    parsed = vobject.readOne(invitation_ics(an_invite(status=status)).decode("utf-8"))
    assert parsed.prodid.value and parsed.version.value == "2.0"
    assert parsed.method.value == method
    event = parsed.vevent
    assert event.uid.value == "interview-1@selvbooking.dk"
    assert event.status.value == event_status
    assert event.dtstamp.value == datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    assert event.dtstart.value == local("2026-03-10 10:00")
    assert event.dtend.value == local("2026-03-10 10:45")
    assert event.organizer.value == "mailto:noreply@faglig-akasse.dk"
    assert event.organizer.params["CN"] == ["Faglig A-kasse"]


def test_same_invite_gives_the_same_bytes(invite):
    """Repeatable output: the feed's ETag and e-mail attachments depend on it (no random UID, no clock)."""
    assert invitation_ics(invite) == invitation_ics(dataclasses.replace(invite))


# --- Create, change, cancel ------------------------------------------------------------------------------


def test_round_trip_create_change_cancel_keeps_uid_and_raises_sequence():
    booked = an_invite()
    moved = dataclasses.replace(
        booked,
        sequence=1,
        start=local("2026-03-12 13:00"),
        end=local("2026-03-12 13:45"),
        updated_at=local("2026-03-05 11:00"),
    )
    raised_to_in_person = dataclasses.replace(
        moved,
        sequence=2,
        format=Format.PERSONLIGT,
        address="Nørregade 7, 1165 København K",
        phone=None,
        updated_at=local("2026-03-06 08:30"),
    )
    cancelled = dataclasses.replace(
        raised_to_in_person,
        sequence=3,
        status=InterviewStatus.CANCELLED,
        updated_at=local("2026-03-07 14:00"),
    )
    steps = [parse(invitation_ics(invite)) for invite in (booked, moved, raised_to_in_person, cancelled)]

    assert {str(event["UID"]) for _, event in steps} == {"interview-1@selvbooking.dk"}
    assert [event["SEQUENCE"] for _, event in steps] == [0, 1, 2, 3]
    assert [str(calendar["METHOD"]) for calendar, _ in steps] == ["REQUEST", "REQUEST", "REQUEST", "CANCEL"]
    assert [str(event["STATUS"]) for _, event in steps] == [
        "CONFIRMED",
        "CONFIRMED",
        "CONFIRMED",
        "CANCELLED",
    ]
    stamps = [event.stamp for _, event in steps]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4

    _, moved_event = steps[1]
    assert moved_event.start == local("2026-03-12 13:00")
    _, in_person = steps[2]
    assert str(in_person["LOCATION"]) == "Nørregade 7, 1165 København K"
    assert "Mød op på adressen" in str(in_person["DESCRIPTION"])
    _, cancelled_event = steps[3]
    assert str(cancelled_event["SUMMARY"]).startswith("Aflyst: ")
    assert not cancelled_event.walk("VALARM"), "no reminder for an interview that will not take place"


# --- Daylight saving time --------------------------------------------------------------------------------

# 2026: summer time begins Sunday 29 March, ends Sunday 25 October (last Sundays).
DST_DAYS = [
    ("2026-03-27 10:00", "+01:00"),
    ("2026-03-28 10:00", "+01:00"),
    ("2026-03-29 10:00", "+02:00"),
    ("2026-03-30 10:00", "+02:00"),
    ("2026-10-23 10:00", "+02:00"),
    ("2026-10-24 10:00", "+02:00"),
    ("2026-10-25 10:00", "+01:00"),
    ("2026-10-26 10:00", "+01:00"),
]


@pytest.mark.parametrize(("start", "offset"), DST_DAYS)
def test_times_are_right_around_both_dst_changes(start, offset):
    data = invitation_ics(an_invite(start=start))
    _, event = parse(data)
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert event.start.isoformat(sep=" ").startswith(f"{start}:00{offset}")

    by_vobject = vobject.readOne(data.decode("utf-8")).vevent.dtstart.value
    assert by_vobject.isoformat(sep=" ") == f"{start}:00{offset}"
    expected_utc = datetime.fromisoformat(f"{start}{offset}").astimezone(UTC)
    assert by_vobject.astimezone(UTC) == expected_utc


@pytest.mark.parametrize("start", ["2026-03-29 10:00", "2026-10-25 10:00"])
def test_vtimezone_onsets_are_the_real_transitions_read_as_rfc5545_says(start):
    """RFC 5545 § 3.6.5: an observance's DTSTART is local time in its TZOFFSETFROM. Read that way, every onset
    must be an instant where Europe/Copenhagen really changes offset, to the observance's TZOFFSETTO."""
    calendar, _ = parse(invitation_ics(an_invite(start=start)))
    (timezone,) = calendar.timezones
    changes = 0
    for observance in timezone.standard + timezone.daylight:
        offset_from, offset_to = observance.decoded("TZOFFSETFROM"), observance.decoded("TZOFFSETTO")
        if offset_from == offset_to:
            continue
        rdates = observance.get("RDATE", [])
        onsets = [observance.decoded("DTSTART")] + [
            value.dt for rdate in (rdates if isinstance(rdates, list) else [rdates]) for value in rdate.dts
        ]
        for onset in onsets:
            instant = (onset - offset_from).replace(tzinfo=UTC)
            assert (instant - timedelta(seconds=1)).astimezone(CPH).utcoffset() == offset_from, onset
            assert instant.astimezone(CPH).utcoffset() == offset_to, onset
            changes += 1
    assert changes >= 4
    assert {o.decoded("TZOFFSETTO") for o in timezone.daylight} == {timedelta(hours=2)}
    assert {o.decoded("TZOFFSETFROM") for o in timezone.daylight} == {timedelta(hours=1)}


@pytest.mark.parametrize("day", ["2026-03-29", "2026-10-25"])
def test_vobject_reads_our_vtimezone_with_the_right_offset_on_each_side_of_the_change(day):
    """dateutil (inside vobject) builds its time zone from our VTIMEZONE, not from its own database."""
    parsed = vobject.readOne(invitation_ics(an_invite(start=f"{day} 10:00")).decode("utf-8"))
    their_zone = parsed.vevent.dtstart.value.tzinfo
    midnight = datetime.fromisoformat(day).replace(tzinfo=UTC)
    for minutes in range(0, 4 * 60, 15):
        instant = midnight + timedelta(minutes=minutes)
        assert instant.astimezone(their_zone).utcoffset() == instant.astimezone(CPH).utcoffset(), instant


# --- What the recipient is told --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "organiser", "title"),
    [
        (InterviewKind.JOBSAMTALE, None, "Jobsamtale med din a-kasse"),
        (InterviewKind.JOBSAMTALE, JOBCENTER, "Jobsamtale med dit jobcenter"),
        (InterviewKind.FAELLESSAMTALE, JOBCENTER, "Fælles jobsamtale med jobcenter og a-kasse"),
    ],
)
def test_summary_names_the_interview_in_danish(kind, organiser, title):
    invite = an_invite(kind=kind, **({"organiser": organiser} if organiser else {}))
    _, event = parse(invitation_ics(invite))
    assert event["SUMMARY"] == title


def test_organiser_is_the_organisation_with_its_name():
    _, event = parse(invitation_ics(an_invite(organiser=JOBCENTER)))
    assert str(event["ORGANIZER"]) == "mailto:noreply@jobcenter.kk.dk"
    assert event["ORGANIZER"].params["CN"] == "Jobcenter København"


def test_phone_interview_says_we_call_you_and_has_no_location():
    _, event = parse(invitation_ics(an_invite(format=Format.TELEFONISK, phone="+45 12 34 56 78")))
    assert "Vi ringer til dig på +45 12 34 56 78." in event["DESCRIPTION"]
    assert "LOCATION" not in event


def test_video_interview_gives_the_link():
    invite = an_invite(format=Format.VIDEO, phone=None, video_link="https://video.example.dk/m/abc123")
    _, event = parse(invitation_ics(invite))
    assert "Deltag via linket: https://video.example.dk/m/abc123" in event["DESCRIPTION"]


def test_self_booked_interview_binds_like_a_call_in():
    _, event = parse(invitation_ics(an_invite(booked_by=BookedBy.SELF)))
    assert "lige så bindende som en indkaldelse" in event["DESCRIPTION"]


def test_joint_interview_says_how_the_akasse_takes_part():
    invite = an_invite(
        kind=InterviewKind.FAELLESSAMTALE, organiser=JOBCENTER, akasse_participation=AkasseParticipation.VIDEO
    )
    _, event = parse(invitation_ics(invite))
    assert "A-kassen deltager via video." in event["DESCRIPTION"]


def test_reminder_the_day_before():
    _, event = parse(invitation_ics(an_invite()))
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm["TRIGGER"].to_ical() == b"-P1D"
    (when,) = event.alarms.times
    assert when.trigger == local("2026-03-09 10:00")


def english() -> Callable[[str], str]:
    """The English catalogue the portal passes for an English reader (read from the .po, compiled or not)."""
    with (ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = {m.id: m.string for m in read_po(po) if m.id and m.string}
    return lambda message: catalogue.get(message, message)


def test_english_comes_from_the_portals_catalogue():
    _, event = parse(invitation_ics(an_invite(locale="en"), gettext=english()))
    assert event["SUMMARY"] == "Job interview with your unemployment insurance fund (a-kasse)"
    assert "We will call you on +45 12 34 56 78." in event["DESCRIPTION"]


def test_a_given_gettext_wins_over_the_builtin_texts():
    catalogue = {"Jobsamtale med din a-kasse": "Työhaastattelu"}
    _, event = parse(invitation_ics(an_invite(), gettext=lambda message: catalogue.get(message, message)))
    assert event["SUMMARY"] == "Työhaastattelu"


def test_caseworker_invite_is_worded_for_the_caseworker():
    invite = an_invite(recipient=Recipient.CASEWORKER, reference="SB-2026-0042")
    _, event = parse(invitation_ics(invite))
    assert event["SUMMARY"] == "Jobsamtale med borger"
    assert "ring til borgeren på +45 12 34 56 78" in event["DESCRIPTION"]
    assert "Bookingnummer: SB-2026-0042" in event["DESCRIPTION"]
    assert "dagpenge" not in event["DESCRIPTION"]


# --- Nothing more personal than needed -------------------------------------------------------------------


def test_citizen_invite_carries_no_cpr_number_and_no_notes():
    """InterviewInvite has no field for a CPR number or notes; nothing that looks like one gets in."""
    fields = {field.name for field in dataclasses.fields(InterviewInvite)}
    assert not {"cpr", "cpr_number", "notes", "note", "caseworker", "caseworker_name"} & fields
    text = invitation_ics(an_invite(reference="SB-2026-0042")).decode("utf-8")
    unfolded = text.replace("\r\n ", "")

    assert not re.search(r"\b\d{6}-?\d{4}\b", unfolded), "something shaped like a CPR number"
    assert "CLASS:PRIVATE" in unfolded, "shared calendars show busy, not the content"
    attendees = re.findall(r"^ATTENDEE[^:]*:(.*?)\r?$", unfolded, flags=re.MULTILINE)
    assert attendees == [f"mailto:{placeholder_attendee('interview-1@selvbooking.dk')}"], "no recipient data"


def test_attendee_is_the_given_address_and_already_accepted_when_self_booked():
    _, event = parse(invitation_ics(an_invite(attendee_email="borger@example.dk")))
    assert str(event["ATTENDEE"]) == "mailto:borger@example.dk"
    assert event["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"


@pytest.mark.parametrize("status", [InterviewStatus.BOOKED, InterviewStatus.CANCELLED])
def test_request_and_cancel_always_name_an_attendee_rfc5546(status):
    """RFC 5546 § 3.2.2/3.2.5: an iTIP REQUEST or CANCEL without ATTENDEE is invalid; without a known address the
    attendee is a per-interview placeholder that says nothing about the person and stays the same."""
    first = parse(invitation_ics(an_invite(status=status)))[1]
    later = parse(invitation_ics(an_invite(status=status, sequence=3, updated="2026-03-05 09:00")))[1]
    other = parse(invitation_ics(an_invite(status=status, uid="interview-2@selvbooking.dk")))[1]
    assert re.fullmatch(r"mailto:deltager-[0-9a-f]{20}@selvbooking\.dk", str(first["ATTENDEE"]))
    assert str(first["ATTENDEE"]) == str(later["ATTENDEE"]) != str(other["ATTENDEE"])
    assert vobject.readOne(invitation_ics(an_invite(status=status)).decode()).vevent.attendee.value


@pytest.mark.parametrize(
    ("change", "says", "never"),
    [
        ({"may_change": True}, "Du kan flytte eller aflyse samtalen i Selvbooking", "Se under"),
        ({"may_change": False, "change_note": "Din sagsbehandler har besluttet det."},
         "Din sagsbehandler har besluttet det.", "Du kan flytte"),
        ({"may_change": False}, "Du kan ikke selv flytte eller aflyse samtalen. Kontakt Faglig A-kasse", "Du kan flytte"),
        ({}, "Se under Mine samtaler i Selvbooking, om du kan flytte eller aflyse samtalen", "Du kan flytte"),
    ],
)
def test_the_citizen_is_told_they_can_move_it_only_when_the_caller_says_they_may(change, says, never):
    description = str(parse(invitation_ics(an_invite(**change)))[1]["DESCRIPTION"])
    assert says in description and never not in description


@pytest.mark.parametrize(
    "change",
    [
        {"start": datetime(2026, 3, 10, 10, 0)},
        {"end": local("2026-03-10 09:00")},
        {"sequence": -1},
        {"format": Format.PERSONLIGT},
        {"locale": "de"},
    ],
)
def test_invalid_invites_are_refused_early(change):
    with pytest.raises(ValueError):
        dataclasses.replace(an_invite(), **change)


@pytest.mark.parametrize("recipient, title", [(Recipient.CITIZEN, "CV-samtale med din a-kasse"),
                                              (Recipient.CASEWORKER, "CV-samtale med borger")])
def test_R28_the_old_rules_cv_interview_has_its_own_calendar_title(recipient, title):
    """Guidance 15.3: "en cv-samtale" beside the job interviews — its invitation says so (issue 12)."""
    _, event = parse(invitation_ics(an_invite(kind=InterviewKind.CVSAMTALE, recipient=recipient)))
    assert str(event["SUMMARY"]) == title
