"""Language and formats: Danish by default, English on request (remembered), dates through Babel.

Dates and times are always shown in Europe/Copenhagen, written the Danish way: "mandag den 3. marts 2025
kl. 10.00"; English: "Monday 3 March 2025 at 10:00".
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask, current_app, request, session
from flask_babel import format_date, format_datetime, get_locale, gettext

from scheduling.parameters import Parameter
from scheduling.reasons import Reason, format_param
from scheduling.rules.catalogue import CATALOGUE, basis

LANG_COOKIE = "selvbooking_sprog"
ONE_YEAR = 60 * 60 * 24 * 365


def select_locale() -> str:
    """The person's choice (session, then a long-lived cookie), else Danish."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang") or request.cookies.get(LANG_COOKIE)
    return str(chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"])


def locale_code() -> str:
    return str(get_locale() or "da")


def date_long(value: date | datetime | None) -> str:
    """"3. marts 2025" / "3 March 2025"."""
    if value is None:
        return ""
    return format_date(value, "d. MMMM y" if locale_code() == "da" else "d MMMM y")


def weekday_date(value: date | datetime) -> str:
    """"mandag den 3. marts 2025" / "Monday 3 March 2025"."""
    return format_date(value, "EEEE 'den' d. MMMM y" if locale_code() == "da" else "EEEE d MMMM y")


def datetime_long(value: datetime | None) -> str:
    """"mandag den 3. marts 2025 kl. 10.00" / "Monday 3 March 2025 at 10:00"."""
    if value is None:
        return ""
    if locale_code() == "da":
        return format_datetime(value, "EEEE 'den' d. MMMM y 'kl.' HH.mm")
    return format_datetime(value, "EEEE d MMMM y 'at' HH:mm")


def time_short(value: datetime) -> str:
    """"10.00" / "10:00"."""
    return format_datetime(value, "HH.mm" if locale_code() == "da" else "HH:mm")


def _format_value(value: Any, locale: str) -> str:
    if isinstance(value, datetime):
        return datetime_long(value)
    if isinstance(value, date):
        return date_long(value)
    if isinstance(value, str):
        # Words the rules put into a sentence ("a-kassen", "jobcentret") are messages too (marked with N_).
        return gettext(value)
    return format_param(value, locale)


class LawNumber:
    """A number of the law from :mod:`scheduling.parameters` in a sentence (``%(weeks)s``), read on today's date
    when the sentence is rendered, in the reader's locale: ``_l("… inden for %(weeks)s uger", weeks=LawNumber(P.APPEAL_WEEKS))``.
    No text in the portal writes such a number itself (tests/unit/test_law_numbers.py)."""

    __slots__ = ("parameter",)

    def __init__(self, parameter: Parameter[Any]) -> None:
        self.parameter = parameter

    def __str__(self) -> str:
        from portal import today

        return format_param(self.parameter.on(today()), locale_code())


def law(name: str) -> LawNumber:
    """For templates: ``_("… %(months)s måneder", months=law("INTENSIFIED_INTERVIEW_MONTHS"))``."""
    from scheduling import parameters

    parameter = getattr(parameters, name)
    assert isinstance(parameter, Parameter), name
    return LawNumber(parameter)


def explain(reason: Reason | None) -> str:
    """A reason from the rules core in the reader's language."""
    if reason is None:
        return ""
    return reason.render(gettext=gettext, locale=locale_code(), format_value=_format_value)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        date_long=date_long,
        weekday_date=weekday_date,
        datetime_long=datetime_long,
        time_short=time_short,
        explain=explain,
    )
    app.jinja_env.globals.update(locale_code=locale_code, law=law, rule_basis=basis, rule_catalogue=CATALOGUE)
