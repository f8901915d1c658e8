"""Registering a new person's contact course (R1, R5) on the fake unit of work: the rows and the audit line, the
facts checked as the course JSON's are, and each refusal by its rule id or the field it names."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from scheduling.adapters.orm import AuditRow, CitizenRow, CourseRow
from scheduling.course import ExemptionGround, Insurance
from scheduling.services import decisions, registrations
from scheduling.services.errors import InvalidInput, NotFound, Refused
from scheduling.services.registrations import AlreadyRegistered, NewCourse
from scheduling.vocabulary import AuditAction, AuditObject
from tests.integration.world import NOW

A_COURSE = NewCourse(
    cpr="150690-1234", name="  Ny   Person ", kommune="testrup", registered_on=date(2026, 1, 26),
    placed_on=date(2026, 1, 26), insurance=Insurance.PARTTIME, vocational_qualification=True,
)


def test_R1_the_akasse_registers_the_person_and_the_course_with_the_kommunes_jobcenter(uow, world):
    w = world()
    done = registrations.register_course(uow, w.akasse_caseworkers[0], A_COURSE, NOW)
    citizen = uow.repo.citizen(done.citizen_id)
    assert citizen is not None
    assert (citizen.cpr, citizen.name, citizen.birth_date) == ("1506901234", "Ny Person", date(1990, 6, 15))
    assert (citizen.akasse_id, citizen.jobcenter_id) == (w.akasse_id, w.jobcenter_id)
    course = uow.repo.active_course(done.citizen_id)
    assert course is not None and course.id == done.course_id
    assert (course.registered_on, course.placed_on, course.insurance) == (date(2026, 1, 26), date(2026, 1, 26), Insurance.PARTTIME)
    assert course.vocational_qualification and not course.custody_of_children_at_home
    line = uow.audit()[-1]
    assert (line.action, line.object_type, line.object_id, line.citizen_id) == (
        AuditAction.COURSE_CREATED, AuditObject.COURSE, done.course_id, done.citizen_id
    )
    assert line.actor_id == w.akasse_caseworkers[0] and "1506901234" not in str(line.details)


def test_R5_the_same_cpr_again_is_refused_and_names_the_person_to_their_own_akasse(uow, world):
    w = world()
    done = registrations.register_course(uow, w.akasse_caseworkers[0], A_COURSE, NOW)
    with pytest.raises(AlreadyRegistered) as again:
        registrations.register_course(uow, w.akasse_caseworkers[0], replace(A_COURSE, cpr="1506901234"), NOW)
    assert again.value.rule == "R5" and again.value.citizen_id == done.citizen_id
    with pytest.raises(AlreadyRegistered) as other:  # another a-kasse is not told whose it is
        registrations.register_course(uow, w.other_akasse_caseworker, A_COURSE, NOW)
    assert other.value.rule == "R5" and other.value.citizen_id is None
    assert len(uow.repo.all(CitizenRow)) == 2 and len(uow.repo.all(CourseRow)) == 2  # the world's person and ours


def test_R1_a_jobcenter_does_not_register_a_course(uow, world):
    w = world()
    with pytest.raises(Refused) as refused:
        registrations.register_course(uow, w.jobcenter_caseworkers[0], A_COURSE, NOW)
    assert refused.value.rule == "R1" and not isinstance(refused.value, AlreadyRegistered)
    assert len(uow.repo.all(CitizenRow)) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"cpr": "15069012"}, "cpr"),
        ({"cpr": "3102901234"}, "cpr"),  # no 31 February
        ({"cpr": "0101585000"}, "cpr"),  # born 1858: outside the dates Selvbooking accepts
        ({"birth_date": date(1990, 6, 16)}, "birth_date"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"kommune": ""}, "kommune"),
        ({"kommune": "Andeby"}, "kommune"),
        ({"registered_on": NOW.date() + timedelta(days=1)}, "registered_on"),
        ({"registered_on": date(1899, 12, 31)}, "registered_on"),
        ({"placed_on": date(2026, 2, 20)}, "placed_on"),  # more than 14 days after the registration (course JSON)
        ({"placed_on": date(2022, 1, 1)}, "placed_on"),  # more than 36 months before it
        ({"cpr": "1506264234"}, "birth_date"),  # born in June 2026: after it
    ],
)
def test_bad_facts_are_invalid_input_naming_the_field_and_write_nothing(uow, world, change, field):
    w = world()
    rows = len(uow.repo.all(AuditRow))
    with pytest.raises(InvalidInput) as invalid:
        registrations.register_course(uow, w.akasse_caseworkers[0], replace(A_COURSE, **change), NOW)
    assert invalid.value.field == field
    assert len(uow.repo.all(CitizenRow)) == 1 and len(uow.repo.all(AuditRow)) == rows


def test_the_registration_race_lost_is_already_registered_r5(uow, world):
    w = world()
    registrations.register_course(uow, w.akasse_caseworkers[0], A_COURSE, NOW)
    uow.repo.citizen_by_cpr = lambda cpr: None  # as if the other transaction committed after we looked
    with pytest.raises(AlreadyRegistered) as lost:
        registrations.register_course(uow, w.akasse_caseworkers[0], A_COURSE, NOW)
    assert lost.value.rule == "R5" and lost.value.citizen_id is None


def test_hours_refusals_name_their_field_r2(uow, world):
    w = world()
    person, worker = w.citizens[0], w.akasse_caseworkers[0]
    with pytest.raises(InvalidInput) as invalid:
        registrations.register_hours(uow, worker, person, NOW.date(), date(2026, 1, 1), date(2026, 1, 31), "mange", NOW)
    assert invalid.value.field == "hours"
    with pytest.raises(InvalidInput) as invalid:
        registrations.register_hours(uow, worker, person, NOW.date(), date(2026, 1, 31), date(2026, 1, 1), "10", NOW)
    assert invalid.value.field == "period_end"


def test_R26_not_covered_named_with_another_persons_id_is_not_found(uow, world):
    w = world(citizens=2)
    worker = w.akasse_caseworkers[0]
    exemption_id = registrations.register_exemption(
        uow, worker, w.citizens[0], ExemptionGround.NR1_JOB_LEAVE_OR_PENSION, NOW.date(), NOW, event_on=NOW.date() + timedelta(days=20)
    )
    with pytest.raises(NotFound):
        decisions.decide_not_covered(uow, worker, exemption_id, "Ikke fuld tid.", NOW, citizen_id=w.citizens[1])
    assert decisions.decide_not_covered(uow, worker, exemption_id, "Ikke fuld tid.", NOW, citizen_id=w.citizens[0])
