"""CPR numbers: their form, and the birth date they carry (pure).

A CPR number is 10 digits, ``DDMMYY`` and a serial of 4 (``DDMMYY-SSSS`` as it is often written). The 7th digit
says the century of the birth year (CPR-kontoret's table below). The modulus-11 check is *not* applied: numbers
without it have been issued since 2007 (and the demo's numbers fail it on purpose, :mod:`scheduling.demo`).
"""

from __future__ import annotations

import re
from datetime import date

_FORM = re.compile(r"([0-9]{6})-?([0-9]{4})")  # ASCII digits only (\d would take any script's digits)


def normalised(text: str) -> str | None:
    """The 10 digits of a CPR number written with or without the hyphen (spaces around are dropped); None if
    ``text`` is not of that form."""
    match = _FORM.fullmatch(text.strip())
    return match.group(1) + match.group(2) if match else None


def _century(seventh: int, yy: int) -> int:
    """The century of the birth year from the 7th digit and the 2-digit year (CPR-kontoret's table)."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800  # 5–8


def birth_date(cpr: str) -> date | None:
    """The birth date a CPR number carries, or None if it is not a CPR number (wrong form, no such day)."""
    digits = normalised(cpr)
    if digits is None:
        return None
    day, month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    try:
        return date(_century(int(digits[6]), yy) + yy, month, day)
    except ValueError:
        return None
