"""Video meeting links (issue 15): unguessable, unique room names; which settings are usable; which link an
interview gets when it is booked, moved or changed."""

from __future__ import annotations

import re

import pytest

from scheduling.calendar.video import (
    TOO_LONG_LINK,
    WRONG_LINK,
    WRONG_TEMPLATE,
    choose_link,
    is_room_of,
    link_problem,
    new_room,
    room_link,
    template_problem,
)
from scheduling.course import Format

JITSI = "https://meet.example.dk/{room}"


def test_a_room_name_carries_at_least_128_random_bits_in_url_safe_characters():
    room = new_room()
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}", room)
    assert len(room) * 6 >= 128  # 6 bits per URL-safe base64 character


def test_room_names_are_never_the_same_twice():
    rooms = {new_room() for _ in range(10_000)}
    assert len(rooms) == 10_000


def test_a_room_link_is_the_template_with_the_room_in_place():
    assert room_link("https://meet.jit.si/selvbooking-{room}", "abc") == "https://meet.jit.si/selvbooking-abc"


@pytest.mark.parametrize("template", [
    JITSI,
    "https://meet.jit.si/selvbooking-{room}",
    "https://video.kommune.dk/rooms/{room}?lang=da",
    "https://video.kommune.dk:8443/m/{room}",
])
def test_an_https_template_with_one_room_after_the_host_is_accepted(template):
    assert template_problem(template) is None


@pytest.mark.parametrize("template", [
    "http://meet.example.dk/{room}",  # not encrypted
    "https://meet.example.dk/moede",  # every interview in the same room
    "https://meet.example.dk/{room}/{room}",
    "https://{room}.example.dk/",  # a server of anyone's choosing
    "https://{room}",
    "javascript:alert(1)//{room}",
    "https://meet.example.dk/{room} x",
    'https://meet.example.dk/"><script>{room}',
    "https://user:secret@meet.example.dk/{room}",
    "meet.example.dk/{room}",
    "",
])
def test_a_template_that_is_not_https_or_lacks_one_room_is_refused(template):
    assert template_problem(template) == WRONG_TEMPLATE


def test_a_too_long_template_is_refused():
    assert template_problem("https://meet.example.dk/" + "a" * 300 + "{room}") == TOO_LONG_LINK


@pytest.mark.parametrize("link", ["https://teams.example.dk/l/meetup/abc", "https://zoom.example.dk/j/123?pwd=x"])
def test_a_caseworker_s_own_https_link_is_accepted(link):
    assert link_problem(link) is None


@pytest.mark.parametrize("link", ["http://zoom.example.dk/j/1", "zoom.example.dk/j/1", "https://", "javascript:x", "https://a b.dk"])
def test_a_caseworker_s_own_link_must_be_https(link):
    assert link_problem(link) == WRONG_LINK


def test_a_booked_video_interview_gets_a_new_room_from_the_organisation_s_template():
    link = choose_link(Format.VIDEO, None, caseworker_link=None, template=JITSI, new_room=lambda: "R" * 24)
    assert link == "https://meet.example.dk/" + "R" * 24


def test_the_caseworker_s_own_link_comes_before_the_organisation_s_template():
    link = choose_link(Format.VIDEO, None, caseworker_link="https://teams.example.dk/me", template=JITSI)
    assert link == "https://teams.example.dk/me"


def test_a_moved_video_interview_keeps_its_room():
    room = room_link(JITSI, new_room())
    assert choose_link(Format.VIDEO, room, caseworker_link=None, template=JITSI) == room


def test_a_link_from_another_caseworker_s_fixed_link_is_not_kept_when_someone_else_holds_it():
    link = choose_link(Format.VIDEO, "https://teams.example.dk/other", caseworker_link=None, template=JITSI,
                       new_room=lambda: "S" * 24)
    assert link == "https://meet.example.dk/" + "S" * 24
    assert not is_room_of(JITSI, "https://teams.example.dk/other")


@pytest.mark.parametrize("format", [Format.PERSONLIGT, Format.TELEFONISK])
def test_an_interview_that_is_not_by_video_has_no_link(format):
    assert choose_link(format, room_link(JITSI, new_room()), caseworker_link="https://x.dk/me", template=JITSI) is None


def test_without_a_template_or_an_own_link_there_is_no_link_yet():
    assert choose_link(Format.VIDEO, None, caseworker_link=None, template=None) is None
