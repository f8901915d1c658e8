"""The organisation's contact details (issue 13) are checked by the service too, behind the settings form: a
contact form only over https (it becomes a link), phone numbers of digits, an e-mail or a contact form."""

from __future__ import annotations

import pytest

from scheduling.services.availability import ContactSettings

GOOD = ContactSettings(phone="70 10 20 30", email="kontakt@eksempel.dk")


def test_good_contact_details_can_be_saved():
    assert GOOD.problem() is None
    assert ContactSettings(phone="+4570102030", contact_url="https://eksempel.dk/kontakt").problem() is None


@pytest.mark.parametrize(
    "details, message",
    [
        (ContactSettings(phone="70 10", email="a@b.dk"), "Skriv telefonnummeret med cifre"),
        (ContactSettings(phone="7010203040506070", email="a@b.dk"), "Skriv telefonnummeret med cifre"),  # 16 digits
        (ContactSettings(phone="70 10 20 30", email="a@b.dk", calls_from="ring"), "Skriv telefonnummeret med cifre"),
        (ContactSettings(phone="70 10 20 30", email="a@b"), "Skriv en e-mailadresse"),
        (ContactSettings(phone="70 10 20 30", contact_url="javascript:alert(1)"), "begynder med https://"),
        (ContactSettings(phone="70 10 20 30", contact_url="http://eksempel.dk/kontakt"), "begynder med https://"),
        (ContactSettings(phone="70 10 20 30", contact_url="https://eksempel.dk/a b"), "begynder med https://"),
        (ContactSettings(phone="70 10 20 30"), "e-mailadresse eller adressen på en kontaktformular"),
        (ContactSettings(phone="70 10 20 30", email="a@b.dk", reception="x" * 501), "Skriv højst %(count)s tegn"),
    ],
)
def test_bad_contact_details_are_refused_with_what_to_write(details, message):
    problem = details.problem()
    assert problem is not None and message in problem.reason.message
