"""The citizen's pages say the right thing for the case they show (issue 13, "The Danish is reviewed line by
line"): a phone interview never asks the person to meet up, a call-in never says "booke om", the two choices of
the first jobcenter interview say how they differ (R10), and rule ids and paragraphs stand only inside the
"Lovgrundlag" detail, which links to the law's text at retsinformation.dk. (A decision letter is the exception
the law makes: its "Regler" and "Klagevejledning" must name the paragraphs, so the message pages are not checked.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from scheduling import demo
from tests.web.booking_helpers import NEXT_WEEK, as_citizen, choose_format, choose_slot, main, offered_slots
from tests.web.helpers import open_message

# A rule id (R6, R23 …) or a paragraph sign: legal references a person reads only when they open "Lovgrundlag".
LEGAL_REFERENCE = re.compile(r"\bR\d{1,2}\b|§")


class _OutsideDetails(HTMLParser):
    """The text of <main> that stands outside every "Lovgrundlag" <details> (class "basis"; another <details>, such
    as the list of what cannot be booked, does not count) and outside scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = self.hidden = 0
        self.open_details: list[bool] = []  # for each open <details>: is it a Lovgrundlag detail
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.in_main += tag == "main"
        self.hidden += tag in ("script", "style")
        if tag == "details":
            self.open_details.append("basis" in (dict(attrs).get("class") or "").split())

    def handle_endtag(self, tag):
        self.in_main -= tag == "main"
        self.hidden -= tag in ("script", "style")
        if tag == "details" and self.open_details:
            self.open_details.pop()

    @property
    def details(self) -> bool:
        return any(self.open_details)

    def handle_data(self, data):
        if self.in_main and not self.details and not self.hidden:
            self.text.append(data)


def outside_details(html: str) -> str:
    parser = _OutsideDetails()
    parser.feed(html)
    return " ".join(parser.text)


def details_of(html: str) -> list[str]:
    return re.findall(r"<details class=\"details basis\">(.*?)</details>", html, re.S)


def _hint(html: str, value: str) -> str:
    """The help text under the radio button with this value (radio_group's ``<id>-hint``)."""
    radio = re.search(rf'<input type="radio" id="([^"]+)" name="kind" class="form-radio" value="{value}"', html)
    assert radio, value
    return re.search(rf'<span class="form-hint" id="{radio.group(1)}-hint">([^<]+)</span>', html).group(1)


def test_R10_the_two_first_jobcenter_interview_choices_say_how_they_differ(app, client):
    as_citizen(app, client, demo.MIKKEL)
    html = client.get("/borger/book").get_data(as_text=True)
    alone, joint = _hint(html, "jobsamtale"), _hint(html, "faellessamtale")
    assert alone != joint
    assert "Din a-kasse deltager ikke" in alone and "kun med jobcentret" in alone
    assert "Din a-kasse deltager også" in joint and "video" in joint


def test_a_phone_interview_never_asks_the_person_to_meet_up(app, client):
    as_citizen(app, client, demo.SOFIE)  # her coming interview is by phone, self-booked
    overview = main(client.get("/borger/").get_data(as_text=True))
    assert "Telefonsamtale" in overview and "Vi ringer til dig" in overview
    assert not re.search(r"[Mm]ød(?:e)? op", overview), "a phone interview asks the person to meet up"
    assert "du skal deltage i den eller flytte den i god tid" in overview
    # … and the receipt of a new phone interview and its message say it the same way
    client.get("/borger/book")
    assert choose_slot(client, offered_slots(client, NEXT_WEEK)[0]).status_code == 302
    assert choose_format(client, "telefonisk").status_code == 302
    check = main(client.get("/borger/book/tjek").get_data(as_text=True))
    assert "deltage i den" in check and "møde op" not in check


def test_only_self_booked_interviews_get_the_binding_note_on_the_overview(app, client):
    as_citizen(app, client, demo.JONAS)  # called in to his first interview: nothing he booked himself
    overview = main(client.get("/borger/").get_data(as_text=True))
    assert "Du er indkaldt" in overview and "En samtale, du selv har booket" not in overview


def test_a_call_in_message_never_says_booke_om_and_says_take_part(app, client):
    as_citizen(app, client, demo.JONAS)
    inbox = client.get("/borger/beskeder").get_data(as_text=True)
    message = re.search(r'action="/borger/beskeder/(\d+)"', inbox).group(1)
    page = main(open_message(client, message).get_data(as_text=True))
    assert "Indkaldelse til jobsamtale" in page and "har indkaldt dig" in page
    assert "booke om" not in page and "bindende som en indkaldelse" not in page
    assert "Du skal deltage i samtalen" in page


CITIZENS = [demo.METTE, demo.JONAS, demo.SOFIE, demo.MIKKEL, demo.EMIL, demo.LARS, demo.CAMILLA, demo.PETER,
            demo.HANNE, demo.OKSANA]


@pytest.mark.parametrize("person", CITIZENS, ids=lambda p: p.name.split()[0])
def test_rule_ids_and_paragraphs_stand_only_inside_the_lovgrundlag_detail(app, client, person):
    as_citizen(app, client, person)
    pages = {path: client.get(path, follow_redirects=True).get_data(as_text=True)
             for path in ("/borger/", "/borger/book", "/borger/book/tid", "/borger/beskeder")}
    for path, html in pages.items():
        outside = outside_details(html)
        assert not LEGAL_REFERENCE.search(outside), (path, LEGAL_REFERENCE.findall(outside), outside[:3000])
    # the details hold them, each with the rule's name and, where the statute's address is known, its text
    overview = pages["/borger/"]
    assert details_of(overview) and all("Lovgrundlag" in d and LEGAL_REFERENCE.search(d) for d in details_of(overview))


def test_the_lovgrundlag_detail_links_to_the_law_text_at_retsinformation(app, client):
    as_citizen(app, client, demo.MIKKEL)  # R1: LOB § 18 b; LAB § 27
    overview = client.get("/borger/").get_data(as_text=True)
    responsible = details_of(overview)[0]
    assert "R1 · LOB § 18 b; LAB § 27, stk. 1 og 2" in responsible
    assert 'href="https://www.retsinformation.dk/eli/lta/2019/548"' in responsible  # LAB
    assert 'href="https://www.retsinformation.dk/eli/lta/2014/1482"' in responsible  # LOB
    assert "Læs LAB på retsinformation.dk" in responsible


def test_a_reason_that_refuses_several_kinds_is_said_once(app, client):
    as_citizen(app, client, demo.METTE)  # R19 for the a-kasse; R1 for both the jobcenter's kinds
    alert = main(client.get("/borger/").get_data(as_text=True)).split('id="no-self-booking"', 1)[1].split("</section>")[0]
    assert alert.count("Jobcentret holder ikke jobsamtaler med dig") == 1 and "indkalder dig til din første" in alert


def test_R4_the_joint_interview_refusal_does_not_offer_a_joint_first_jobcenter_interview(app, client):
    as_citizen(app, client, demo.EMIL)  # referred under R4: his first jobcenter interview is never joint (R10)
    overview = main(client.get("/borger/").get_data(as_text=True))
    assert "Du kan først booke en fælles jobsamtale som samtalen efter 16 måneders ledighed." in overview
    assert "som din første samtale i jobcentret" not in overview

