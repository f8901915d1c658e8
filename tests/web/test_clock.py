"""The configured day (TODAY, the demo and the tests) and the clock agree in Denmark at every time of day.

At 23:30 UTC it is already the next day in Copenhagen; ``now()`` took the UTC time of day onto TODAY, so after
23:00 UTC (22:00 in summer) every booking, decision and restored right fell on the day after ``today()`` and the
rules, evaluated on ``today()``, did not see them yet (a restored right still showed as revoked, R23).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

import portal

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


class _LateEvening(datetime):
    """The real clock at a given UTC instant."""

    instant = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)

    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return cls.instant if tz is None else cls.instant.astimezone(tz)


@pytest.mark.parametrize(
    "instant",
    [
        datetime(2026, 11, 29, 23, 30, tzinfo=UTC),  # winter: 00:30 the next day in Copenhagen
        datetime(2026, 6, 10, 22, 15, tzinfo=UTC),  # summer: 00:15 the next day
        datetime(2026, 11, 29, 0, 10, tzinfo=UTC),  # just after midnight UTC: 01:10 the same day
        datetime(2026, 11, 29, 12, 0, tzinfo=UTC),
    ],
)
def test_now_falls_on_the_configured_day_in_denmark_at_any_time_of_day(app, monkeypatch, instant):
    monkeypatch.setattr(_LateEvening, "instant", instant)
    monkeypatch.setattr(portal, "datetime", _LateEvening)
    app.config["TIME_OF_DAY"] = None  # the demo's clock: the real time of day
    with app.app_context():
        moment = portal.now()
        assert moment.tzinfo is not None
        assert moment.astimezone(COPENHAGEN).date() == portal.today()
        # the time of day in Denmark is the real one
        assert moment.astimezone(COPENHAGEN).time() == instant.astimezone(COPENHAGEN).time()


def test_the_tests_clock_is_noon_on_the_configured_day_whenever_they_run(app, monkeypatch):
    """The testing configuration fixes the time of day (TIME_OF_DAY): the demo world is written at 08:00, and a
    test run before that saw its own messages and decisions listed before the demo's."""
    monkeypatch.setattr(_LateEvening, "instant", datetime(2026, 11, 29, 4, 45, tzinfo=UTC))
    monkeypatch.setattr(portal, "datetime", _LateEvening)
    with app.app_context():
        local = portal.now().astimezone(COPENHAGEN)
        assert (local.date(), local.hour, local.minute) == (portal.today(), 12, 0)
