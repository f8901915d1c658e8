"""Closed days (issue 13): an organisation closed on a day, or part of one, beyond the public holidays is never
offered, and a booking's final check refuses a time in it — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from scheduling.adapters.orm import OrganisationClosureRow
from scheduling.course import Format, InterviewKind
from scheduling.services import booking
from scheduling.services.errors import InvalidInput
from tests.integration.world import NOW, SLOT, SLOT_DAY, a_world, local

JOB = InterviewKind.JOBSAMTALE
JOINT = InterviewKind.FAELLESSAMTALE


def _close(uow, organisation_id, day, from_time=None, to_time=None) -> None:
    with uow() as u:
        u.repo.add(OrganisationClosureRow(organisation_id=organisation_id, day=day, from_time=from_time, to_time=to_time))
        u.commit()


def test_a_closed_part_of_a_day_is_not_offered_and_the_final_check_refuses_it(engine, uow):
    world = a_world(uow)  # the a-kasse holds the person's job interviews on NOW
    _close(uow, world.akasse_id, SLOT_DAY, time(10), time(12))
    starts = [s.start for s in booking.find_free_slots(uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)]
    assert local(SLOT_DAY, "09:30") in starts and local(SLOT_DAY, "12:00") in starts
    assert not [s for s in starts if local(SLOT_DAY, "10:00") <= s < local(SLOT_DAY, "12:00")]
    with pytest.raises(InvalidInput) as refused:
        booking.self_book(uow(), world.citizens[0], JOB, SLOT, Format.TELEFONISK, NOW)
    assert "lukket" in refused.value.reason.message


def test_a_whole_closed_day_of_either_organisation_offers_no_joint_interview(engine, uow):
    world = a_world(uow, timeslot=True, handed_over=True)
    next_week = SLOT_DAY + timedelta(days=7)
    before = booking.find_free_slots(uow(read_only=True), world.citizens[0], JOINT, SLOT_DAY, next_week, NOW)
    assert {s.local_date for s in before} == {SLOT_DAY, next_week}
    _close(uow, world.akasse_id, SLOT_DAY)  # the a-kasse's closure counts for a joint interview too
    after = booking.find_free_slots(uow(read_only=True), world.citizens[0], JOINT, SLOT_DAY, next_week, NOW)
    assert {s.local_date for s in after} == {next_week}
    assert [s.timeslot_id for s in after] == [s.timeslot_id for s in before if s.local_date == next_week]


def test_another_organisations_closure_changes_nothing(engine, uow):
    world = a_world(uow)
    _close(uow, world.jobcenter_id, SLOT_DAY)  # the a-kasse holds the individual interview
    assert len(booking.find_free_slots(uow(read_only=True), world.citizens[0], JOB, SLOT_DAY, SLOT_DAY, NOW)) == 12
