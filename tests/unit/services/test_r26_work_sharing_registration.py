"""R26 nr. 3 in the service layer: a work-sharing exemption is registered only with the day the person joined.

Guidance (VEJ nr 10044 af 14/12/2023), section 7.1: "De 6 uger regnes fra det tidspunkt, hvor personen omfattes af
arbejdsfordelingsordningen."
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduling.adapters.orm import ExemptionRow
from scheduling.course import ExemptionGround
from scheduling.services import registrations
from scheduling.services.errors import InvalidInput
from tests.integration.world import NOW

NR3 = ExemptionGround.NR3_WORK_SHARING


def test_R26_work_sharing_without_the_joined_day_is_refused_and_nothing_is_written(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    with pytest.raises(InvalidInput) as invalid:
        registrations.register_exemption(uow, worker, person, NR3, NOW.date(), NOW)
    assert "arbejdsfordeling" in invalid.value.reason.render()
    assert not uow.repo.all(ExemptionRow)


def test_R26_work_sharing_with_the_joined_day_is_registered(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    joined = NOW.date() - timedelta(days=3)
    registrations.register_exemption(uow, worker, person, NR3, NOW.date(), NOW, event_on=joined)
    (row,) = uow.repo.all(ExemptionRow)
    assert row.event_on == joined
