"""The subscription feed: one PUBLISH calendar of a person's interviews, and validators that change exactly when
an interview does."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from scheduling.calendar.feeds import content_etag, feed_ics, feed_validators, validators_for
from scheduling.calendar.invitations import InterviewInvite, Organiser, Recipient, invitation_ics
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from tests.unit.calendar.factories import an_invite, icalendar_feed, local


def three_interviews():
    return [
        an_invite(uid="a@selvbooking.dk", start="2026-03-10 10:00", updated="2026-03-01 09:00"),
        an_invite(uid="b@selvbooking.dk", start="2026-03-29 13:00", updated="2026-03-02 09:00"),
        an_invite(
            uid="c@selvbooking.dk",
            start="2026-10-26 09:00",
            updated="2026-03-03 09:00",
            status=InterviewStatus.CANCELLED,
            sequence=1,
        ),
    ]


def test_feed_is_one_publish_calendar_with_a_name_and_all_interviews():
    calendar = Calendar.from_ical(feed_ics(three_interviews(), name="Mine samtaler"))
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Mine samtaler"
    assert calendar["PRODID"] and calendar["VERSION"] == "2.0"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT1H"
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert b"X-PUBLISHED-TTL:PT1H" in feed_ics(three_interviews())
    assert [str(event["UID"]) for event in calendar.events] == [
        "a@selvbooking.dk",
        "b@selvbooking.dk",
        "c@selvbooking.dk",
    ]
    assert [str(event["STATUS"]) for event in calendar.events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert calendar.get_missing_tzids() == set()
    for event in calendar.events:
        for name in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE"):
            assert name in event


def test_feed_parses_with_vobject_with_times_right_on_both_sides_of_summer_time():
    parsed = vobject.readOne(feed_ics(three_interviews()).decode("utf-8"))
    assert parsed.method.value == "PUBLISH"
    starts = [event.dtstart.value for event in parsed.vevent_list]
    assert [start.utcoffset().total_seconds() / 3600 for start in starts] == [1, 2, 1]
    assert starts[1].astimezone(UTC) == datetime(2026, 3, 29, 11, 0, tzinfo=UTC)


def test_feed_event_is_the_same_event_as_the_single_invitation():
    """Same UID, SEQUENCE and content: adding the e-mailed .ics and subscribing gives one event, not two. Only
    the iTIP invitation names its ATTENDEE (RFC 5546 requires one in REQUEST; PUBLISH has none)."""
    invite = three_interviews()[0]
    (from_feed,) = Calendar.from_ical(feed_ics([invite])).events
    (from_invitation,) = Calendar.from_ical(invitation_ics(invite)).events
    assert "ATTENDEE" in from_invitation and "ATTENDEE" not in from_feed
    from_invitation.pop("ATTENDEE")
    assert from_feed.to_ical() == from_invitation.to_ical()


def test_feed_order_does_not_depend_on_the_order_given():
    interviews = three_interviews()
    assert feed_ics(interviews) == feed_ics(list(reversed(interviews)))


def test_empty_feed_is_still_a_valid_calendar():
    calendar = Calendar.from_ical(feed_ics([]))
    assert str(calendar["METHOD"]) == "PUBLISH" and calendar.events == []
    assert validators_for([]).last_modified is None


# --- ETag and Last-Modified ------------------------------------------------------------------------------


def test_etag_is_strong_and_stable_for_an_unchanged_feed():
    first, again = validators_for(three_interviews()), validators_for(three_interviews())
    assert first == again
    assert first.etag.startswith('"') and first.etag.endswith('"') and not first.etag.startswith("W/")
    assert content_etag(feed_ics(three_interviews())) == content_etag(feed_ics(three_interviews()))


def changed(interviews, index, **change):
    result = list(interviews)
    result[index] = dataclasses.replace(result[index], **change)
    return result


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda xs: changed(
                xs,
                0,
                start=local("2026-03-11 10:00"),
                end=local("2026-03-11 10:45"),
                sequence=1,
                updated_at=local("2026-03-04 09:00"),
            ),
            id="moved",
        ),
        pytest.param(
            lambda xs: changed(
                xs, 1, status=InterviewStatus.CANCELLED, sequence=1, updated_at=local("2026-03-04 09:00")
            ),
            id="cancelled",
        ),
        pytest.param(lambda xs: xs[:2], id="one left the feed"),
        pytest.param(
            lambda xs: [
                *xs,
                an_invite(uid="d@selvbooking.dk", start="2026-11-02 09:00", updated="2026-03-04 09:00"),
            ],
            id="one booked",
        ),
    ],
)
def test_etag_changes_when_an_interview_changes(change):
    before, after = three_interviews(), change(three_interviews())
    assert validators_for(before).etag != validators_for(after).etag
    assert content_etag(feed_ics(before)) != content_etag(feed_ics(after))


def test_last_modified_is_the_newest_change_as_an_http_date():
    validators = validators_for(three_interviews())
    assert validators.last_modified == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    assert validators.last_modified_http == "Tue, 03 Mar 2026 08:00:00 GMT"


def test_validators_from_one_aggregate_query_match_those_from_the_invites():
    """The web layer can ask the database for max(updated_at) and count(*) instead of loading the feed."""
    assert feed_validators(local("2026-03-03 09:00"), 3) == validators_for(three_interviews())


def test_variant_such_as_the_owners_language_changes_the_etag():
    assert (
        feed_validators(local("2026-03-03 09:00"), 3, variant="en").etag
        != feed_validators(local("2026-03-03 09:00"), 3, variant="da").etag
    )


def test_naive_last_updated_is_refused():
    with pytest.raises(ValueError):
        feed_validators(datetime(2026, 3, 3, 9, 0), 3)


def test_the_feed_is_published_without_attendees_rfc5546():
    """PUBLISH has no ATTENDEE (RFC 5546 § 3.2.1), even for an invite that names one for the e-mailed file."""
    invites = [*three_interviews(), an_invite(uid="d@selvbooking.dk", attendee_email=None)]
    assert b"ATTENDEE" not in feed_ics(invites)


# ---- the feed's own event writer: the same bytes as icalendar's, whatever the texts ---------------------------

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(list("\\;,:^\"'’ \n\r\tæøåÆØÅ")),
    min_size=1,
    max_size=120,
)


@st.composite
def _invites(draw):
    start = draw(st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 12, 31))).replace(
        tzinfo=UTC, second=0, microsecond=0
    )
    organiser = Organiser(draw(_TEXT.filter(lambda t: "\r" not in t and "\n" not in t)), draw(st.sampled_from(list(Organisation))), draw(st.sampled_from(["noreply@a.dk", "MAILTO:x@y.dk"])))
    fmt = draw(st.sampled_from(list(Format)))
    kind = draw(st.sampled_from(list(InterviewKind)))
    return InterviewInvite(
        uid=draw(st.sampled_from(["1@selvbooking", "a,b;c@x", "x" * 90 + "@selvbooking"])),
        sequence=draw(st.integers(0, 30)),
        status=draw(st.sampled_from(list(InterviewStatus))),
        start=start,
        end=start + timedelta(minutes=draw(st.integers(15, 120))),
        kind=kind,
        organiser=organiser,
        format=fmt,
        updated_at=draw(st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 12, 31))).replace(
            tzinfo=UTC
        ),
        address=draw(_TEXT),
        phone=draw(_TEXT),
        video_link=draw(_TEXT),
        akasse_participation=draw(st.none() | st.sampled_from(list(AkasseParticipation))),
        booked_by=draw(st.sampled_from(list(BookedBy))),
        recipient=draw(st.sampled_from(list(Recipient))),
        locale=draw(st.sampled_from(["da", "en"])),
        reference=draw(st.none() | _TEXT),
        manage_url=draw(st.none() | st.sampled_from(["https://selvbooking.dk/borger/", "https://x.dk/" + "a" * 80])),
        may_change=draw(st.none() | st.booleans()),
        change_note=draw(st.none() | _TEXT),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(_invites(), max_size=4), _TEXT.filter(lambda t: "\r" not in t and "\n" not in t))
def test_the_feeds_event_writer_gives_exactly_the_bytes_icalendar_gives(invites, name):
    assert feed_ics(invites, name=name) == icalendar_feed(invites, name=name)


def test_the_feeds_event_writer_translates_like_icalendar():
    english = {"Jobsamtale med din a-kasse": "Job interview with your unemployment fund"}.get
    invites = [an_invite(uid=f"{n}@selvbooking", start=f"2026-0{n}-10 10:00") for n in range(1, 4)]

    def gettext(message):
        return english(message) or "[en] " + message

    assert feed_ics(invites, name="My interviews", gettext=gettext) == icalendar_feed(
        invites, name="My interviews", gettext=gettext
    )
