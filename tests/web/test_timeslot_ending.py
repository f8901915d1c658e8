"""Ending an agreed timeslot from a day on the timeslots page (R22, issue 14): either side ends it, the joint
interviews booked in it stay listed, the other side sees who ended it and from when, and the person is offered
no joint times in it from that day. The demo day is 2026-11-25 (a Wednesday)."""

from __future__ import annotations

import re
from datetime import datetime

from scheduling import demo
from scheduling.slots import COPENHAGEN
from tests.web.booking_helpers import as_citizen, choose_kind, offered_slots
from tests.web.caseworker_helpers import as_caseworker, html
from tests.web.helpers import csrf_token

PAGE = "/sagsbehandler/tidsrum"


def timeslot_ids(page: str) -> dict[str, int]:
    """The timeslots that may be ended, by their heading (``Jobcenter Aarhus: tirsdag 09.00–12.00``)."""
    found = re.findall(r'<h3 class="h4" id="ts-(\d+)">([^<]+)</h3>', page)
    return {title.strip(): int(i) for i, title in found}


def end(client, timeslot_id: int, day: str):
    token = csrf_token(client, PAGE)
    return client.post(
        f"{PAGE}/{timeslot_id}/afslut", data={f"afslut-{timeslot_id}-csrf_token": token, f"afslut-{timeslot_id}-ended_from": day}
    )


def test_R22_the_jobcenter_ends_a_timeslot_the_akasse_sees_it_and_the_booked_joint_interviews_stay(app, client):
    as_caseworker(client, app, "Pernille Vind")  # Jobcenter Roskilde
    page = html(client.get(PAGE))
    timeslot = timeslot_ids(page)["Lønmodtagernes A-kasse Nord: onsdag 09.00–12.00"]
    assert "Hanne Sørensen" in page
    response = end(client, timeslot, "2026-11-25")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{PAGE}#kvittering")
    page = html(client.get(PAGE))
    assert 'id="kvittering"' in page and "Tidsrummet er afsluttet" in page
    assert "Afsluttet fra 25. november 2026" in page and "Hanne Sørensen" in page  # kept, and listed
    assert f"/tidsrum/{timeslot}/afslut" not in page  # ended once
    as_caseworker(client, app, "Rikke Dahl")  # the a-kasse's side
    page = html(client.get(PAGE))
    assert "Afsluttet fra 25. november 2026" in page
    assert "Jobcenter Roskilde (Pernille Vind) afsluttede tidsrummet den 25. november 2026." in page
    assert "Hanne Sørensen" in page


def test_R22_after_the_end_day_the_person_is_offered_no_joint_times_in_the_timeslot(app, client):
    as_caseworker(client, app, "Birgitte Holm")  # A-kassen Fremad: the a-kasse may end it too
    timeslot = timeslot_ids(html(client.get(PAGE)))["Jobcenter Aarhus: tirsdag 09.00–12.00"]
    assert end(client, timeslot, "2026-12-01").status_code == 302
    as_citizen(app, client, demo.MIKKEL)
    choose_kind(client, "faellessamtale")
    weekdays = {datetime.fromisoformat(s).astimezone(COPENHAGEN).weekday() for s in offered_slots(client)}
    assert weekdays == {3}  # Thursday's timeslot only; Tuesday 1 December is after the end


def test_an_end_date_before_today_is_refused_in_danish_and_the_date_kept(app, client):
    as_caseworker(client, app, "Louise Kjær")
    timeslot = timeslot_ids(html(client.get(PAGE)))["A-kassen Fremad: tirsdag 09.00–12.00"]
    response = end(client, timeslot, "2026-11-24")
    page = html(response)
    assert response.status_code == 422 and "Et tidsrum kan ikke afsluttes bagud i tiden" in page
    assert 'value="2026-11-24"' in page
    response = end(client, timeslot, "24/11")
    assert response.status_code == 422 and "Skriv en dato som åååå-mm-dd" in html(response)
    assert 'value="24/11"' in html(response)


def test_a_timeslot_of_other_organisations_cannot_be_ended(app, client):
    as_caseworker(client, app, "Louise Kjær")  # Jobcenter Aarhus
    as_caseworker(client, app, "Pernille Vind")
    roskilde = timeslot_ids(html(client.get(PAGE)))["Lønmodtagernes A-kasse Nord: onsdag 09.00–12.00"]
    as_caseworker(client, app, "Louise Kjær")
    assert end(client, roskilde, "2026-12-01").status_code == 404
    assert end(client, 999_999, "2026-12-01").status_code == 404


def test_the_timeslots_are_listed_by_weekday_and_start(app, client):
    as_caseworker(client, app, "Louise Kjær")
    titles = list(timeslot_ids(html(client.get(PAGE))))
    assert titles == ["Lønmodtagernes A-kasse Nord: mandag 10.00–12.00", "A-kassen Fremad: tirsdag 09.00–12.00",
                      "A-kassen Fremad: torsdag 12.30–14.30"]


def test_a_bad_date_for_a_timeslot_that_cannot_be_ended_still_says_what_is_wrong(app, client):
    as_caseworker(client, app, "Louise Kjær")
    timeslot = timeslot_ids(html(client.get(PAGE)))["A-kassen Fremad: tirsdag 09.00–12.00"]
    assert end(client, timeslot, "2026-12-01").status_code == 302
    response = end(client, timeslot, "")  # ended already: its form is gone, the error is still told
    assert response.status_code == 422 and "Skriv datoen, tidsrummet skal afsluttes fra" in html(response)
    response = end(client, timeslot, "2026-12-08")
    assert response.status_code == 422 and "Tidsrummet er allerede afsluttet" in html(response)
