"""One name for one thing: the citizen's and the caseworker's pages label kinds, formats and states alike."""

from __future__ import annotations

import pytest

from portal import labels
from scheduling import demo
from scheduling.adapters.orm import RecordKind, TimeslotStatus
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import ObligationState
from tests.web.booking_helpers import as_citizen, main
from tests.web.caseworker_helpers import as_caseworker, html, person


@pytest.mark.parametrize(
    ("table", "enum"),
    [
        (labels.KIND_LABELS, InterviewKind),
        (labels.FORMAT_LABELS, Format),
        (labels.STATUS_LABELS, InterviewStatus),
        (labels.STATE_LABELS, ObligationState),
        (labels.STATE_BADGES, ObligationState),
        (labels.ORGANISATION_LABELS, Organisation),
        (labels.PARTICIPATION_LABELS, AkasseParticipation),
        (labels.BOOKED_BY_LABELS, BookedBy),
        (labels.DECISION_LABELS, RecordKind),
        (labels.TIMESLOT_STATUS_LABELS, TimeslotStatus),
        (labels.CITIZEN_PARTICIPATION_LABELS, AkasseParticipation),
        (labels.CITIZEN_PARTICIPATION_CHOICES, AkasseParticipation),
        (labels.CITIZEN_BOOKED_BY_LABELS, BookedBy),
    ],
)
def test_every_value_of_the_domain_has_a_label(table, enum):
    assert set(table) == set(enum)


def test_every_label_table_is_known_to_the_templates(app):
    tables = {name for name in vars(labels) if name.endswith(("_LABELS", "_BADGES", "_CHOICES"))}
    assert tables <= set(app.jinja_env.globals)


def test_the_citizen_and_the_caseworker_call_a_phone_interview_the_same(app, client):
    as_citizen(app, client, demo.SOFIE)
    assert "Telefonsamtale" in main(client.get("/borger/").get_data(as_text=True))
    as_caseworker(client, app, "Birgitte Holm")
    page = html(client.get(person(app, "Sofie Lund Andersen")))
    assert "Telefonsamtale" in page and "Telefonisk" not in page
    assert "Selvbooket" in page  # her own booking, named by BOOKED_BY_LABELS


def test_a_suspended_obligation_reads_the_same_on_both_sides_r26(app, client):
    as_citizen(app, client, demo.CAMILLA)
    assert "Sat i bero" in main(client.get("/borger/").get_data(as_text=True))
    as_caseworker(client, app, "Louise Kjær")
    page = html(client.get(person(app, "Camilla Frost Nielsen")))
    assert "Sat i bero" in page and "Suspenderet" not in page


def test_the_timeslot_page_says_how_the_akasse_takes_part(app, client):
    as_caseworker(client, app, "Pernille Vind")
    page = html(client.get("/sagsbehandler/tidsrum"))
    assert "A-kassen deltager ved " in page and "A-kassen deltager deltager" not in page
