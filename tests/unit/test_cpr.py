"""CPR numbers: their form and the birth date they carry, with the century of the 7th digit."""

from __future__ import annotations

from datetime import date

import pytest

from scheduling import cpr


@pytest.mark.parametrize(
    ("number", "born"),
    [
        ("0101851234", date(1985, 1, 1)),  # 7th digit 0–3: the 1900s
        ("010185-1234", date(1985, 1, 1)),  # written with the hyphen
        (" 3112993999 ", date(1999, 12, 31)),
        ("0101364000", date(2036, 1, 1)),  # 4: up to 36 in the 2000s …
        ("0101374000", date(1937, 1, 1)),  # … from 37 in the 1900s
        ("0101369000", date(2036, 1, 1)),  # 9 as 4: up to 36 in the 2000s …
        ("0101579000", date(1957, 1, 1)),  # … from 37 in the 1900s
        ("0101205000", date(2020, 1, 1)),  # 5–8: up to 57 in the 2000s …
        ("0101585000", date(1858, 1, 1)),  # … from 58 in the 1800s
        ("2902004123", date(2000, 2, 29)),  # a leap day
    ],
)
def test_birth_date_from_the_cpr_number(number, born):
    assert cpr.birth_date(number) == born


@pytest.mark.parametrize("number", ["", "123", "١٥٠٦٩٠١٢٣٤", "01018512345", "0101851a34", "010185--1234", "3102851234", "2902014123"])
def test_not_a_cpr_number(number):
    assert cpr.birth_date(number) is None


def test_normalised_drops_the_hyphen():
    assert cpr.normalised("010185-1234") == "0101851234"
    assert cpr.normalised("01-01851234") is None
