"""Danish dates and numbers are written without babel, exactly as babel writes them.

``format_param(value, "da")`` is what every reason of the command line and the letters shows; it no longer
imports babel (its locale data and local-time detection cost the command ~20 ms at start-up). Other locales still
go through babel. These tests compare the two for every kind of value.
"""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from scheduling.reasons import format_param

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
ZONES = st.sampled_from([COPENHAGEN, UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30))])


@given(st.dates())
def test_a_day_is_written_as_babel_writes_it(day):
    assert format_param(day) == format_date(day, "d. MMMM y", locale="da")


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30), timezones=ZONES))
def test_an_instant_is_written_as_babel_writes_it(instant):
    expected = format_datetime(instant, "EEEE 'den' d. MMMM y 'kl.' HH.mm", locale="da", tzinfo=instant.tzinfo)
    assert format_param(instant) == expected


@given(
    st.one_of(
        st.integers(min_value=-(10**15), max_value=10**15),
        st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=5),
        st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
    )
)
def test_a_number_is_written_as_babel_writes_it(number):
    assert format_param(number) == format_decimal(number, locale="da")


@pytest.mark.parametrize("number", [-0.0, Decimal("-0"), -0.0004, 0.0005, 0.0015, 1e-7, 999999999.9999, Decimal("1E+3"), 10**15, Decimal("NaN")])
def test_edge_numbers_are_written_as_babel_writes_them(number):
    assert format_param(number) == format_decimal(number, locale="da")


def test_examples_of_danish_forms():
    assert format_param(date(2026, 3, 1)) == "1. marts 2026"
    assert format_param(datetime(2026, 1, 12, 9, 5, tzinfo=COPENHAGEN)) == "mandag den 12. januar 2026 kl. 09.05"
    assert format_param(Decimal("1234.5")) == "1.234,5"
    assert format_param(410) == "410"


def test_other_locales_still_use_babel():
    assert format_param(date(2026, 3, 1), "en") == "1 March 2026"
    assert format_param(Decimal("1234.5"), "en") == "1,234.5"
