"""The subscription feed: one PUBLISH calendar of a person's interviews, and validators that change exactly when
an interview does."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
import vobject
from icalendar import Calendar

from scheduling.calendar.feeds import content_etag, feed_ics, feed_validators, validators_for
from scheduling.calendar.invitations import invitation_ics
from scheduling.course import InterviewStatus
from tests.unit.calendar.factories import an_invite, local


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
