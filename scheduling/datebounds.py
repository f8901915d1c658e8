"""The dates Selvbooking accepts from outside: one range, checked where people and systems enter dates.

A caseworker once typed 0001-01-01 as the documented day of an exemption; the rules overflowed and a person's
pages, the booking pages and two caseloads answered 500 until the database was edited by hand (issue 9). The
rules now cope with any stored date (:mod:`scheduling.evaluation`), and no far-off date gets in any more: the
portal's date fields, the services that take dates, and the course JSON of ``python -m scheduling explain``
all refuse a date outside [:data:`EARLIEST`, :data:`LATEST`] with :data:`OUT_OF_RANGE`.

Why these bounds: every date of a contact course lies within a lifetime of today. The oldest person who can
be on unemployment benefit was born after 1900, and no course, exemption or timeslot is planned past 2100.
Both lie far from ``date.min``/``date.max``, so that months and weeks added by the rules and the pages stay
in range, and a mistyped year (0202, 20266) is caught where it is typed.
"""

from __future__ import annotations

from datetime import date, datetime

from scheduling.reasons import N_, format_param

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

OUT_OF_RANGE = N_("Skriv en dato mellem %(earliest)s og %(latest)s.")


def in_range(value: date | datetime) -> bool:
    """Is the day (of an instant: its own calendar day) within [EARLIEST, LATEST]?"""
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST <= day <= LATEST


def all_in_range(*values: date | datetime | None) -> bool:
    """Every given day in range (``None`` for a date left out is fine)."""
    return all(value is None or in_range(value) for value in values)


def out_of_range_params() -> dict[str, date]:
    """The parameters of :data:`OUT_OF_RANGE`, formatted by whoever renders it in the reader's language."""
    return {"earliest": EARLIEST, "latest": LATEST}


def out_of_range_text(locale: str = "da") -> str:
    """:data:`OUT_OF_RANGE` filled in, in Danish (or ``locale``'s date format), for the command line."""
    return OUT_OF_RANGE % {key: format_param(day, locale) for key, day in out_of_range_params().items()}
