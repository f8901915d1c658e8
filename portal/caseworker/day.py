"""I dag: the caseworker's first page after logging in. My interviews today and tomorrow in time order, each
with its time, format, place (address, the person's phone number or the video link), the person and the kind of
interview, and, for one begun and not yet recorded, the way to record it held or missed: the action page
:mod:`portal.caseworker.actions` serves (with the checklist of R12–R14), which comes back here when done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import render_template

from portal import now, today
from portal.caseworker.views import bp, me
from portal.database import reads
from scheduling.services import agenda

#: The action pages' way back to I dag (``?tilbage=i-dag``): a fixed word, never a URL, so nothing redirects away.
BACK_TO_TODAY = "i-dag"


@dataclass(frozen=True)
class Day:
    day: date
    entries: list[agenda.AgendaEntry]


@bp.get("/i-dag", endpoint="today")
def today_page() -> str:
    """My interviews today and tomorrow (Danish days), read in one statement."""
    on = today()
    tomorrow = on + timedelta(days=1)
    entries = agenda.caseworker_agenda(reads(), me().id, on, tomorrow, now())
    days = [Day(day, [e for e in entries if e.day == day]) for day in (on, tomorrow)]
    return render_template("caseworker/today.html", days=days, any_interviews=bool(entries), back=BACK_TO_TODAY)
