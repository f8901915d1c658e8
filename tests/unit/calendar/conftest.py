"""Factories for calendar tests: an interview invite with sensible defaults, overridden where a test cares."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from scheduling.calendar.invitations import InterviewInvite, Organiser, Recipient
from scheduling.course import Format, InterviewKind, InterviewStatus, Organisation

CPH = ZoneInfo("Europe/Copenhagen")

A_KASSE = Organiser("Faglig A-kasse", Organisation.AKASSE, "noreply@faglig-akasse.dk")
JOBCENTER = Organiser("Jobcenter København", Organisation.JOBCENTER, "noreply@jobcenter.kk.dk")


def local(text: str) -> datetime:
    """'2026-03-10 10:00' as Copenhagen wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=CPH)


def an_invite(
    start: str = "2026-03-10 10:00",
    end: str | None = None,
    updated: str = "2026-03-01 09:00",
    **overrides: Any,
) -> InterviewInvite:
    """A booked phone interview with the a-kasse, for the citizen, in Danish."""
    begins = local(start)
    values: dict[str, Any] = {
        "uid": "interview-1@selvbooking.dk",
        "sequence": 0,
        "status": InterviewStatus.BOOKED,
        "start": begins,
        "end": local(end) if end else begins + timedelta(minutes=45),
        "kind": InterviewKind.JOBSAMTALE,
        "organiser": A_KASSE,
        "format": Format.TELEFONISK,
        "phone": "+45 12 34 56 78",
        "updated_at": local(updated),
        "recipient": Recipient.CITIZEN,
    }
    values.update(overrides)
    return InterviewInvite(**values)


@pytest.fixture
def invite() -> InterviewInvite:
    return an_invite()
