"""Calendar services on SQLite and PostgreSQL: an interview's .ics through its life, the subscription feed and
its validators, renewing the feed's secret address, and busy times from caseworkers' own calendars keeping
slots from being offered."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import vobject
from icalendar import Calendar
from sqlalchemy import event, func, select

from scheduling.adapters.orm import AuditRow, BusySource, BusyTimeRow, CaseworkerRow, CitizenRow, InterviewRow
from scheduling.calendar.busy import CalendarImportError
from scheduling.calendar.invitations import Recipient
from scheduling.course import Format, InterviewKind
from scheduling.services import booking, calendars
from scheduling.services.errors import NotFound
from scheduling.slots import danish_holidays
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

JOB = InterviewKind.JOBSAMTALE


def busy_ics(*events: tuple[str, str]) -> bytes:
    """A calendar export with busy events given as ('YYYYMMDDTHHMMSS', 'YYYYMMDDTHHMMSS') Copenhagen time."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//Export//EN"]
    for number, (start, end) in enumerate(events):
        lines += [
            "BEGIN:VEVENT",
            f"UID:busy-{number}@example.com",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART;TZID=Europe/Copenhagen:{start}",
            f"DTEND;TZID=Europe/Copenhagen:{end}",
            "SUMMARY:Privat tandlæge",
            "END:VEVENT",
        ]
    lines += ["END:VCALENDAR", ""]
    return "\r\n".join(lines).encode()


def parse(data: bytes):
    calendar = Calendar.from_ical(data)
    (ics_event,) = calendar.events
    return calendar, ics_event


@pytest.fixture
def world(uow):
    return a_world(uow, citizens=2)


def booked(uow, world, start=SLOT):
    return booking.self_book(uow(), world.citizens[0], JOB, start, Format.TELEFONISK, NOW)


# ---- one interview's .ics --------------------------------------------------------------------------------------


def test_citizen_gets_own_interview_with_phone_organisation_and_nothing_personal_beyond(uow, world):
    interview_id = booked(uow, world)
    with uow() as u:
        row = u.session.get(InterviewRow, interview_id)
        row.caseworker_note = "Hemmelig note om borgeren"
        u.commit()
    file = calendars.interview_ics(uow(read_only=True), interview_id, citizen_id=world.citizens[0])
    calendar, ics_event = parse(file.data)
    assert file.method == "REQUEST" and calendar["METHOD"] == "REQUEST"
    assert file.filename == f"jobsamtale-{SLOT_DAY.isoformat()}.ics"
    assert ics_event.decoded("DTSTART") == SLOT
    assert str(ics_event["SUMMARY"]) == "Jobsamtale med din a-kasse"
    assert "Vi ringer til dig på 12345678" in str(ics_event["DESCRIPTION"])
    assert ics_event["ORGANIZER"].params["CN"] == "Testkassen"
    text = file.data.decode()
    assert "Hemmelig note" not in text
    assert "010685" not in text  # the CPR number's birth date part
    assert "A-kasse-rådgiver" not in text  # no caseworker's name


def _description(uow, interview_id, person, now=NOW):
    data = calendars.interview_ics(uow(read_only=True), interview_id, citizen_id=person, now=now).data
    return str(parse(data)[1]["DESCRIPTION"])


def test_the_ics_offers_to_move_a_self_booked_interview_but_not_one_whose_format_was_raised_r17(uow, world):
    person = world.citizens[0]
    interview_id = booked(uow, world)
    assert "Du kan flytte eller aflyse samtalen i Selvbooking" in _description(uow, interview_id, person)
    booking.raise_format_to_in_person(uow(), world.akasse_caseworkers[0], interview_id, "Vi skal se dit CV.", NOW)
    after = _description(uow, interview_id, person)
    assert "Du kan flytte" not in after
    assert "Din sagsbehandler har besluttet, at samtalen skal holdes ved personligt fremmøde" in after


def test_the_ics_of_a_called_in_interview_does_not_offer_to_move_it(uow, world):
    person = world.citizens[0]
    called = booking.call_in(uow(), world.akasse_caseworkers[0], person, JOB, SLOT, Format.PERSONLIGT, NOW)
    text = _description(uow, called, person)
    assert "Du kan flytte" not in text and "Du er indkaldt til denne samtale" in text


def test_the_ics_says_when_the_change_deadline_has_passed(uow, world):
    person = world.citizens[0]
    interview_id = booked(uow, world)
    text = _description(uow, interview_id, person, now=SLOT - timedelta(hours=2))
    assert "Du kan flytte" not in text and "Du kan kun flytte eller aflyse samtalen indtil" in text


def test_the_ics_names_the_citizen_by_their_own_email_or_a_placeholder_never_the_caseworker(uow, world):
    person = world.citizens[0]
    interview_id = booked(uow, world)

    def attendee(**who):
        return str(parse(calendars.interview_ics(uow(read_only=True), interview_id, **who).data)[1]["ATTENDEE"])

    placeholder = attendee(citizen_id=person)
    assert placeholder.startswith("mailto:deltager-") and placeholder.endswith("@selvbooking.dk")
    with uow() as u:
        u.session.get(CitizenRow, person).email = "borger@example.dk"
        u.commit()
    assert attendee(citizen_id=person) == "mailto:borger@example.dk"
    worker = world.akasse_caseworkers[0]
    with uow(read_only=True) as u:
        worker_email = u.session.get(CaseworkerRow, worker).email
    assert attendee(caseworker_id=worker) == placeholder != f"mailto:{worker_email}"


def test_uid_stays_and_sequence_rises_from_booking_over_rebooking_to_cancelling(uow, world):
    person = world.citizens[0]
    interview_id = booked(uow, world)
    seen = []
    seen.append(calendars.interview_ics(uow(read_only=True), interview_id, citizen_id=person).data)
    booking.rebook(uow(), person, interview_id, SLOT + timedelta(hours=1), NOW + timedelta(minutes=5))
    seen.append(calendars.interview_ics(uow(read_only=True), interview_id, citizen_id=person).data)
    booking.cancel(uow(), person, interview_id, NOW + timedelta(minutes=10))
    seen.append(calendars.interview_ics(uow(read_only=True), interview_id, citizen_id=person).data)

    parsed = [parse(data) for data in seen]
    assert len({str(e["UID"]) for _, e in parsed}) == 1
    assert [int(e["SEQUENCE"]) for _, e in parsed] == [0, 1, 2]
    assert [str(c["METHOD"]) for c, _ in parsed] == ["REQUEST", "REQUEST", "CANCEL"]
    assert [str(e["STATUS"]) for _, e in parsed] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    assert parsed[1][1].decoded("DTSTART") == SLOT + timedelta(hours=1)
    # DTSTAMP follows the changes, so a calendar takes the newer file as the newer one.
    stamps = [e.decoded("DTSTAMP") for _, e in parsed]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    for data in seen:  # and an independent reader agrees
        assert vobject.readOne(data.decode()).vevent.uid.value == str(parsed[0][1]["UID"])


def test_another_citizen_and_a_caseworker_of_an_organisation_not_taking_part_get_not_found(uow, world):
    interview_id = booked(uow, world)
    with pytest.raises(NotFound):
        calendars.interview_ics(uow(read_only=True), interview_id, citizen_id=world.citizens[1])
    with pytest.raises(NotFound):
        calendars.interview_ics(
            uow(read_only=True), interview_id, caseworker_id=world.other_akasse_caseworker
        )
    with pytest.raises(NotFound):  # the jobcenter serves the person but does not take part
        calendars.interview_ics(
            uow(read_only=True), interview_id, caseworker_id=world.jobcenter_caseworkers[0]
        )
    with pytest.raises(NotFound):
        calendars.interview_ics(uow(read_only=True), 999_999, citizen_id=world.citizens[0])


def test_caseworker_taking_part_gets_the_caseworker_wording(uow, world):
    interview_id = booked(uow, world)
    invite = calendars.invite_for(
        uow(read_only=True), interview_id, caseworker_id=world.akasse_caseworkers[0]
    )
    assert invite.recipient is Recipient.CASEWORKER
    _, ics_event = parse(
        calendars.interview_ics(
            uow(read_only=True), interview_id, caseworker_id=world.akasse_caseworkers[0]
        ).data
    )
    assert str(ics_event["SUMMARY"]) == "Jobsamtale med borger"
    assert "ring til borgeren på 12345678" in str(ics_event["DESCRIPTION"])


def test_messages_that_book_change_or_cancel_offer_the_calendar_file():
    assert calendars.carries_calendar("booking", 7)
    assert calendars.carries_calendar("aflysning", 7)
    assert not calendars.carries_calendar("booking", None)
    assert not calendars.carries_calendar("afgoerelse", 7)


# ---- the subscription feed -------------------------------------------------------------------------------------


def token_of(uow, world, person=0):
    return calendars.feed_token(uow(read_only=True), Recipient.CITIZEN, world.citizens[person])


def test_feed_holds_the_persons_recent_and_future_interviews_and_nothing_of_anyone_else(uow, world):
    mine = booked(uow, world)
    state = calendars.feed_state(uow(read_only=True), token_of(uow, world), NOW)
    body = calendars.feed_body(uow(read_only=True), state.owner, NOW)
    calendar = Calendar.from_ical(body)
    assert calendar["METHOD"] == "PUBLISH"
    with uow(read_only=True) as u:
        uids = {u.session.get(InterviewRow, mine).uid, f"first-{world.citizens[0]}@test"}
    assert {str(e["UID"]) for e in calendar.events} == uids

    other = calendars.feed_state(uow(read_only=True), token_of(uow, world, 1), NOW)
    other_body = calendars.feed_body(uow(read_only=True), other.owner, NOW)
    assert not uids & {str(e["UID"]) for e in Calendar.from_ical(other_body).events}
    assert other.validators.etag != state.validators.etag


def feed_uids(uow, token, now) -> set[str]:
    state = calendars.feed_state(uow(read_only=True), token, now)
    return {str(e["UID"]) for e in Calendar.from_ical(calendars.feed_body(uow(read_only=True), state.owner, now)).events}


def test_the_feed_window_is_four_weeks_back_and_the_booking_horizon_ahead(uow, world):
    """The feed holds the interviews starting from four weeks before now to 27 weeks after: every time a citizen
    can book (the free-times page reaches the week 26 weeks after this one) is inside it."""
    from portal.citizen.views import WEEKS_AHEAD

    assert timedelta(weeks=4) == calendars.FEED_HISTORY
    assert timedelta(weeks=WEEKS_AHEAD + 1) <= calendars.FEED_AHEAD
    token, first = token_of(uow, world), f"first-{world.citizens[0]}@test"
    with uow(read_only=True) as u:
        held = u.session.scalar(select(InterviewRow.start_at).where(InterviewRow.uid == first))
    minute = timedelta(minutes=1)
    assert first in feed_uids(uow, token, held + calendars.FEED_HISTORY - minute)
    assert first not in feed_uids(uow, token, held + calendars.FEED_HISTORY + minute)
    assert first not in feed_uids(uow, token, held - calendars.FEED_AHEAD - minute)
    assert first in feed_uids(uow, token, held - calendars.FEED_AHEAD + minute)


def test_feed_leaves_out_interviews_that_started_more_than_four_weeks_ago(uow, world):
    later = NOW + timedelta(days=30)
    state = calendars.feed_state(uow(read_only=True), token_of(uow, world), later)
    assert Calendar.from_ical(calendars.feed_body(uow(read_only=True), state.owner, later)).events == []


def test_the_validators_move_when_an_interview_leaves_or_enters_the_window(uow, world):
    """A client that only sends If-Modified-Since must get the new feed when the window alone changed it."""
    token, first = token_of(uow, world), f"first-{world.citizens[0]}@test"
    with uow(read_only=True) as u:
        held = u.session.scalar(select(InterviewRow.start_at).where(InterviewRow.uid == first))

    def validators(now):
        return calendars.feed_state(uow(read_only=True), token, now).validators

    hour = timedelta(hours=1)
    inside, gone = validators(held + calendars.FEED_HISTORY - hour), validators(held + calendars.FEED_HISTORY + hour)
    assert gone.etag != inside.etag
    assert gone.last_modified is not None and inside.last_modified < gone.last_modified
    assert gone.last_modified <= held + calendars.FEED_HISTORY + hour
    ahead, entered = validators(held - calendars.FEED_AHEAD - hour), validators(held - calendars.FEED_AHEAD + hour)
    assert ahead.etag != entered.etag and ahead.last_modified is None
    assert entered.last_modified is not None
    assert validators(held + calendars.FEED_HISTORY + 2 * hour) == gone  # nothing moved since


def test_feed_validators_stay_while_nothing_changes_and_change_with_every_change(uow, world):
    token = token_of(uow, world)

    def etag():
        return calendars.feed_state(uow(read_only=True), token, NOW).validators

    before = etag()
    assert etag() == before
    interview_id = booked(uow, world)
    after_booking = etag()
    assert after_booking.etag != before.etag
    assert after_booking.last_modified > before.last_modified
    booking.rebook(
        uow(), world.citizens[0], interview_id, SLOT + timedelta(hours=1), NOW + timedelta(minutes=5)
    )
    assert etag().etag != after_booking.etag


def test_feed_validators_come_from_one_aggregate_query_and_the_feed_from_one_more(uow, world, engine):
    booked(uow, world)
    token = token_of(uow, world)
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        state = calendars.feed_state(uow(read_only=True), token, NOW)
        assert len(statements) == 2  # the token, then the aggregate
        statements.clear()
        calendars.feed_body(uow(read_only=True), state.owner, NOW)
        assert len(statements) == 1
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_unknown_token_is_not_found(uow, world):
    for token in ("", "x", "a" * 200, "not-a-token"):
        with pytest.raises(NotFound):
            calendars.feed_state(uow(read_only=True), token, NOW)


def test_renewing_the_feed_address_invalidates_the_old_one_and_is_audited(uow, world):
    old = token_of(uow, world)
    new = calendars.renew_feed_token(uow(), Recipient.CITIZEN, world.citizens[0], NOW)
    assert new != old and len(new) >= 43
    with pytest.raises(NotFound):
        calendars.feed_state(uow(read_only=True), old, NOW)
    assert calendars.feed_state(uow(read_only=True), new, NOW).owner.id == world.citizens[0]
    with uow(read_only=True) as u:
        line = u.session.scalars(select(AuditRow).where(AuditRow.action == "renew_calendar_feed")).one()
        assert (line.object_type, line.object_id, line.citizen_id) == (
            "citizen",
            world.citizens[0],
            world.citizens[0],
        )
        assert old not in str(line.details) and new not in str(line.details)


def test_caseworker_feed_holds_the_interviews_they_take_part_in(uow, world):
    interview_id = booked(uow, world)
    worker = world.akasse_caseworkers[0]
    token = calendars.feed_token(uow(read_only=True), Recipient.CASEWORKER, worker)
    state = calendars.feed_state(uow(read_only=True), token, NOW)
    assert state.owner.recipient is Recipient.CASEWORKER
    body = calendars.feed_body(uow(read_only=True), state.owner, NOW)
    with uow(read_only=True) as u:
        uid = u.session.get(InterviewRow, interview_id).uid
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in Calendar.from_ical(body).events}
    assert summaries[uid] == "Jobsamtale med borger"


def test_a_disabled_caseworkers_feed_is_gone(uow, world):
    worker = world.akasse_caseworkers[0]
    token = calendars.feed_token(uow(read_only=True), Recipient.CASEWORKER, worker)
    with uow() as u:
        u.session.get(CaseworkerRow, worker).disabled = True
        u.commit()
    with pytest.raises(NotFound):
        calendars.feed_state(uow(read_only=True), token, NOW)


# ---- busy times ------------------------------------------------------------------------------------------------


def stored_busy(uow, worker, source=None):
    with uow(read_only=True) as u:
        query = select(BusyTimeRow.start_at, BusyTimeRow.end_at, BusyTimeRow.source).where(
            BusyTimeRow.caseworker_id == worker
        )
        if source is not None:
            query = query.where(BusyTimeRow.source == source)
        return sorted(u.session.execute(query).all())


def test_uploaded_busy_times_keep_slots_from_being_offered(uow, world):
    worker = world.akasse_caseworkers[0]
    free_before = booking.find_free_slots(
        uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW
    )
    assert any(s.start == SLOT for s in free_before)
    calendars.import_busy_times(uow(), worker, busy_ics(("20260210T100000", "20260210T113000")), NOW)
    free = booking.find_free_slots(uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)
    busy_start, busy_end = local(SLOT_DAY, "10:00"), local(SLOT_DAY, "11:30")
    assert free and not [s for s in free if s.start < busy_end and busy_start < s.end]
    assert len(free) == len(free_before) - 3


def test_a_new_upload_replaces_the_old_one_and_leaves_url_busy_times_alone(uow, world):
    worker = world.akasse_caseworkers[0]
    with uow() as u:
        u.session.add(
            BusyTimeRow(
                caseworker_id=worker,
                start_at=local(SLOT_DAY, "13:00"),
                end_at=local(SLOT_DAY, "14:00"),
                source=BusySource.ICS_URL,
                imported_at=NOW,
            )
        )
        u.commit()
    calendars.import_busy_times(uow(), worker, busy_ics(("20260210T090000", "20260210T100000")), NOW)
    calendars.import_busy_times(uow(), worker, busy_ics(("20260211T090000", "20260211T100000")), NOW)
    assert stored_busy(uow, worker, BusySource.ICS_UPLOAD) == [
        (local(date(2026, 2, 11), "09:00"), local(date(2026, 2, 11), "10:00"), BusySource.ICS_UPLOAD)
    ]
    assert len(stored_busy(uow, worker, BusySource.ICS_URL)) == 1
    with uow(read_only=True) as u:
        assert (
            u.session.scalar(
                select(func.count()).select_from(AuditRow).where(AuditRow.action == "import_busy_times")
            )
            == 2
        )


@pytest.mark.parametrize("broken", [b"", b"not a calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"])
def test_a_broken_file_changes_nothing(uow, world, broken):
    worker = world.akasse_caseworkers[0]
    calendars.import_busy_times(uow(), worker, busy_ics(("20260210T090000", "20260210T100000")), NOW)
    before = stored_busy(uow, worker)
    with pytest.raises(CalendarImportError) as raised:
        calendars.import_busy_times(uow(), worker, broken, NOW)
    assert raised.value.render()  # a Danish sentence for the page
    assert stored_busy(uow, worker) == before


def public(host):
    return ["93.184.216.34"]


def test_busy_times_from_the_organisations_url_are_fetched_through_the_guard(uow, world):
    worker = world.akasse_caseworkers[0]
    with uow() as u:
        u.session.get(CaseworkerRow, worker).busy_ics_url = "webcal://calendar.example.com/busy.ics"
        u.commit()
    fetched = []

    def fetch(url, timeout, max_bytes):
        fetched.append(url)
        return busy_ics(("20260210T090000", "20260210T100000"))

    calendars.refresh_busy_times_from_url(uow(), worker, NOW, fetch=fetch, resolve=public)
    assert fetched == ["https://calendar.example.com/busy.ics"]
    assert [source for *_, source in stored_busy(uow, worker)] == [BusySource.ICS_URL]


@pytest.mark.parametrize(
    ("url", "addresses"),
    [
        ("https://intern.example.com/cal.ics", ["10.1.2.3"]),
        ("https://localhost/cal.ics", ["127.0.0.1"]),
        ("https://metadata.example.com/latest", ["169.254.169.254"]),
        ("https://v6.example.com/cal.ics", ["::1"]),
        ("https://mapped.example.com/cal.ics", ["::ffff:192.168.0.1"]),
        ("https://mixed.example.com/cal.ics", ["93.184.216.34", "172.16.0.1"]),
        ("http://calendar.example.com/cal.ics", ["93.184.216.34"]),
        ("https://user:secret@calendar.example.com/cal.ics", ["93.184.216.34"]),
        ("file:///etc/passwd", ["93.184.216.34"]),
    ],
)
def test_url_refresh_refuses_the_portals_own_network_and_changes_nothing(uow, world, url, addresses):
    worker = world.akasse_caseworkers[0]
    calendars.import_busy_times(uow(), worker, busy_ics(("20260210T090000", "20260210T100000")), NOW)
    with uow() as u:
        u.session.get(CaseworkerRow, worker).busy_ics_url = url
        u.commit()
    before = stored_busy(uow, worker)

    def fetch(url, timeout, max_bytes):  # pragma: no cover - must never be reached
        raise AssertionError(f"fetched {url}")

    with pytest.raises(CalendarImportError):
        calendars.refresh_busy_times_from_url(uow(), worker, NOW, fetch=fetch, resolve=lambda host: addresses)
    assert stored_busy(uow, worker) == before


def test_public_holidays_are_never_offered(uow, world):
    easter_week = (date(2026, 3, 30), date(2026, 4, 10))
    holidays = {day for day in danish_holidays([2026]) if easter_week[0] <= day <= easter_week[1]}
    assert holidays == {date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 5), date(2026, 4, 6)}
    slots = booking.find_free_slots(uow(read_only=True), world.citizens[0], JOB, *easter_week, NOW)
    offered = {s.local_date for s in slots}
    assert offered and not offered & holidays
