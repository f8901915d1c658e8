"""Calendars: iCalendar invitations and feeds, and busy times imported from caseworkers' calendars."""
