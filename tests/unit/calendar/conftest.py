"""Calendar fixtures; the factories they use are in tests/unit/calendar/factories.py."""

from __future__ import annotations

import pytest

from scheduling.calendar.invitations import InterviewInvite
from tests.unit.calendar.factories import an_invite


@pytest.fixture
def invite() -> InterviewInvite:
    return an_invite()
