"""Which channel(s) a person's notices go by (issue 15): their setting, of the channels they have an address for;
by default e-mail if they have a confirmed address, else SMS if they have a mobile number."""

from __future__ import annotations

import pytest

from scheduling.services.notices import channels
from scheduling.vocabulary import NoticeChannel

EMAIL, SMS = NoticeChannel.EMAIL, NoticeChannel.SMS


@pytest.mark.parametrize(
    ("preference", "email", "mobile", "expected"),
    [
        (None, "a@example.dk", "20123456", (EMAIL,)),  # the default: e-mail when confirmed …
        (None, None, "20123456", (SMS,)),  # … else SMS when there is a number
        (None, None, None, ()),  # nowhere to send
        ("sms", "a@example.dk", "20123456", (SMS,)),
        ("both", "a@example.dk", "20123456", (EMAIL, SMS)),
        ("email", "a@example.dk", None, (EMAIL,)),
        ("both", "a@example.dk", None, (EMAIL,)),  # the number was removed: what is left of the choice
        ("sms", "a@example.dk", None, (EMAIL,)),  # nothing of the choice is left: the default
        ("email", None, "20123456", (SMS,)),
        ("nonsense", None, "20123456", (SMS,)),
    ],
)
def test_a_person_gets_notices_by_their_chosen_channels_that_they_have_an_address_for(preference, email, mobile, expected):
    assert channels(preference, email, mobile) == expected
