"""Calendars: an interview's .ics, the personal subscription feed ("Min kalender"), and caseworkers' busy times
from their own calendars."""

from portal.calendar.views import bp

__all__ = ["bp"]
