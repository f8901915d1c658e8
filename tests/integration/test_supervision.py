"""R27 (issue 17): the supervision's figures by hand, on SQLite and PostgreSQL.

Every person registers on Monday 5 January 2026, full-time insured, with a vocational qualification (not the R4
group) unless the test says otherwise. 420 benefit hours registered in a month make the hand-over (R2) the end
of that month: the a-kasse counts the person in it (R7: 3 individual job interviews held by then). A period whose
hours exactly make 6 × 160.33 = 961.98 ends on the 6-month day (R3): the jobcenter counts the person in its month
(R8: 3 jobcenter interviews after the hand-over; R9, the R4 group: 6).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from scheduling.course import ExemptionGround, InterviewKind, InterviewStatus, Organisation
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.services.supervision import COUNTING, CountedPerson, monthly_figures, people_behind
from tests.integration.supervision_helpers import Exempt, Held, Hours, Person, benefit_to, local, write_world

REG = date(2026, 1, 5)
A, J = Organisation.AKASSE, Organisation.JOBCENTER
HELD, BOOKED, MISSED = InterviewStatus.HELD, InterviewStatus.BOOKED, InterviewStatus.MISSED


def akasse_person(name: str, reached_registered_on: date, *interviews: Held, **facts) -> Person:
    return Person(name, REG, (benefit_to(REG, reached_registered_on),), interviews, **facts)


def held(*days: date, organisation: Organisation = A, status: InterviewStatus = HELD,
         kind: InterviewKind = InterviewKind.JOBSAMTALE) -> tuple[Held, ...]:
    return tuple(Held(local(d), organisation, kind, status) for d in days)


THREE = (date(2026, 1, 12), date(2026, 2, 9), date(2026, 3, 9))


def behind(uow, organisation: int, month: date) -> list[tuple]:
    return [(p.name, p.reached_on, p.held_in_time, p.held_late, p.met)
            for p in people_behind(uow(), organisation_id=organisation, month=month)]


def test_R27_R7_the_hand_over_month_counts_whoever_reaches_it_on_its_first_or_last_day(uow):
    ids = write_world(uow, [
        akasse_person("Første", date(2026, 3, 1), *held(*THREE)),
        akasse_person("Sidste", date(2026, 3, 31)),
        akasse_person("April", date(2026, 4, 1), *held(*THREE)),
        Person("Skøn", REG, (Hours(date(2026, 3, 2), REG, date(2026, 2, 28), Decimal("300")),)),  # projected
    ])
    assert behind(uow, ids.akasse_id, date(2026, 3, 1)) == [
        ("Sidste", date(2026, 3, 31), 0, 0, False),
        ("Første", date(2026, 3, 31), 3, 0, True),
    ]
    assert behind(uow, ids.akasse_id, date(2026, 4, 1)) == [("April", date(2026, 4, 30), 3, 0, True)]
    figures = monthly_figures(uow(), kind=A, first=date(2026, 2, 1), last=date(2026, 5, 1),
                              organisation_id=ids.akasse_id)
    assert [(f.month, f.counted, f.without, f.share, f.above) for f in figures] == [
        (date(2026, 2, 1), 0, 0, Decimal(0), False),
        (date(2026, 3, 1), 2, 1, Decimal("0.5"), True),
        (date(2026, 4, 1), 1, 0, Decimal(0), False),
        (date(2026, 5, 1), 0, 0, Decimal(0), False),  # the projected hand-over is not counted yet
    ]


def test_R27_R7_only_held_interviews_count_booked_missed_and_held_late_do_not(uow):
    march = date(2026, 3, 10)
    ids = write_world(uow, [
        akasse_person("Holdt", march, *held(*THREE)),
        akasse_person("Booket", march, *held(*THREE[:2]), *held(THREE[2], status=BOOKED)),
        akasse_person("Udeblevet", march, *held(*THREE[:2]), *held(THREE[2], status=MISSED)),
        akasse_person("For sent", march, *held(*THREE[:2], date(2026, 4, 7))),
        akasse_person("Aflyst", march, *held(*THREE[:2]), *held(THREE[2], status=InterviewStatus.CANCELLED)),
    ])
    assert behind(uow, ids.akasse_id, date(2026, 3, 1)) == [
        ("Aflyst", date(2026, 3, 31), 2, 0, False),
        ("Booket", date(2026, 3, 31), 2, 0, False),
        ("For sent", date(2026, 3, 31), 2, 1, False),  # held late (issue 12): shown, never met
        ("Udeblevet", date(2026, 3, 31), 2, 0, False),
        ("Holdt", date(2026, 3, 31), 3, 0, True),
    ]
    (figure,) = monthly_figures(uow(), kind=A, first=date(2026, 3, 1), last=date(2026, 3, 1),
                                organisation_id=ids.akasse_id)
    assert (figure.counted, figure.without, figure.share, figure.above) == (5, 4, Decimal("0.8"), True)


def test_R27_R7_the_jobcenters_individual_interviews_count_towards_the_akasses_three_its_joint_ones_do_not(uow):
    march = date(2026, 3, 10)
    ids = write_world(uow, [
        akasse_person("Jobcenter med", march, *held(*THREE[:2]), *held(THREE[2], organisation=J)),
        akasse_person("Fælles", march, *held(*THREE[:2]),
                      *held(THREE[2], organisation=J, kind=InterviewKind.FAELLESSAMTALE)),
        akasse_person("Rådighed", march, *held(*THREE[:2]), *held(THREE[2], kind=InterviewKind.RAADIGHEDSSAMTALE)),
        # after the hand-over only the a-kasse's own are held late; the jobcenter's then count for R8
        akasse_person("Jobcenter efter", march, *held(*THREE[:2]), *held(date(2026, 4, 7), organisation=J)),
    ])
    assert behind(uow, ids.akasse_id, date(2026, 3, 1)) == [
        ("Fælles", date(2026, 3, 31), 2, 0, False),
        ("Jobcenter efter", date(2026, 3, 31), 2, 0, False),
        ("Rådighed", date(2026, 3, 31), 2, 0, False),
        ("Jobcenter med", date(2026, 3, 31), 3, 0, True),
    ]


def test_R27_R7_the_danish_day_decides_in_time_not_the_utc_one(uow):
    # 31 March 2026 is in summer time (from 29 March): 23:30 Danish is 21:30 UTC, 00:30 on 1 April is 22:30 UTC
    ids = write_world(uow, [
        akasse_person("Sidste aften", date(2026, 3, 10), *held(*THREE[:2]),
                      Held(local(date(2026, 3, 31), "23:30"))),
        akasse_person("Efter midnat", date(2026, 3, 10), *held(*THREE[:2]),
                      Held(local(date(2026, 4, 1), "00:30"))),
    ])
    assert behind(uow, ids.akasse_id, date(2026, 3, 1)) == [
        ("Efter midnat", date(2026, 3, 31), 2, 1, False),
        ("Sidste aften", date(2026, 3, 31), 3, 0, True),
    ]


def test_R27_R26_a_person_exempt_for_a_whole_calendar_month_is_left_out(uow):
    march = date(2026, 3, 10)
    ids = write_world(uow, [
        akasse_person("Hel februar", march, exemptions=(
            Exempt(ExemptionGround.NR2_WEATHER_OR_MATERIALS, date(2026, 2, 1), date(2026, 2, 28)),)),
        akasse_person("Næsten februar", march, exemptions=(
            Exempt(ExemptionGround.NR2_WEATHER_OR_MATERIALS, date(2026, 2, 2), date(2026, 2, 28)),)),
        akasse_person("Åben fra marts", march, exemptions=(
            Exempt(ExemptionGround.NR2_WEATHER_OR_MATERIALS, date(2026, 3, 1)),)),  # whole March, to the hand-over
        akasse_person("Januar fra tilmelding", march, exemptions=(  # before the registration is not the course's
            Exempt(ExemptionGround.NR2_WEATHER_OR_MATERIALS, date(2025, 12, 1), date(2026, 1, 31)),)),
        # nr. 4: exempt only from 6 weeks before the documented start (1 May): 20 March on, no whole month
        akasse_person("Uddannelse", march, exemptions=(
            Exempt(ExemptionGround.NR4_EDUCATION, date(2026, 1, 10), event_on=date(2026, 5, 1)),)),
        # decided not covered from 28 February: exempt 20 January to 27 February, no whole month
        akasse_person("Ikke omfattet", march, exemptions=(
            Exempt(ExemptionGround.NR2_WEATHER_OR_MATERIALS, date(2026, 1, 20), not_covered_on=date(2026, 2, 28)),)),
    ])
    assert [p[0] for p in behind(uow, ids.akasse_id, date(2026, 3, 1))] == [
        "Ikke omfattet", "Januar fra tilmelding", "Næsten februar", "Uddannelse",
    ]


def test_R27_R4_the_r4_group_is_not_counted_for_the_akasse_and_needs_six_jobcenter_interviews(uow):
    young = date(2003, 6, 1)  # 22 on registration, no vocational qualification: R4
    six_months = Hours(date(2026, 7, 5), REG, date(2026, 7, 3), Decimal("961.98"))  # 6 months on 3 July
    jobcenter = [date(2026, 1, 26) + timedelta(weeks=3 * n) for n in range(6)]
    ids = write_world(uow, [
        Person("Ung seks", REG, (six_months,), held(*jobcenter, organisation=J), birth_date=young,
               vocational_qualification=False),
        Person("Ung fem", REG, (six_months,), held(*jobcenter[:5], organisation=J), birth_date=young,
               vocational_qualification=False),
        Person("Ung med uddannelse", REG, (six_months,), held(*jobcenter[:5], organisation=J), birth_date=young),
        Person("Ung med børn", REG, (six_months,), held(*jobcenter[:5], organisation=J), birth_date=young,
               vocational_qualification=False, custody_of_children_at_home=True),
    ])
    # the a-kasse counts the two who are not in the R4 group (hand-over: the end of July, when 961.98 registered)
    assert [p[0] for p in behind(uow, ids.akasse_id, date(2026, 7, 1))] == ["Ung med børn", "Ung med uddannelse"]
    # the jobcenter: R9 for the R4 group (6 from the start); R8 for the others, after the hand-over 31 July: none
    assert behind(uow, ids.jobcenter_id, date(2026, 7, 1)) == [
        ("Ung fem", date(2026, 7, 3), 5, 0, False),
        ("Ung med børn", date(2026, 7, 3), 0, 0, False),
        ("Ung med uddannelse", date(2026, 7, 3), 0, 0, False),
        ("Ung seks", date(2026, 7, 3), 6, 0, True),
    ]


def test_R27_R8_the_jobcenter_counts_its_own_interviews_after_the_hand_over_by_6_months(uow):
    first_period = Hours(date(2026, 2, 10), REG, date(2026, 2, 10), Decimal("420"))  # hand-over 28 February

    def six_on(day: date) -> tuple[Hours, Hours]:
        return first_period, Hours(day + timedelta(days=3), date(2026, 2, 11), day, Decimal("541.98"))

    jc = (date(2026, 3, 16), date(2026, 4, 13), date(2026, 5, 11))
    ids = write_world(uow, [
        Person("Første juni", REG, six_on(date(2026, 6, 1)), held(*jc, organisation=J)),
        Person("Sidste juni", REG, six_on(date(2026, 6, 30)),
               held(date(2026, 2, 16), *jc[:2], organisation=J) + held(date(2026, 7, 2), organisation=J)),
        Person("Første juli", REG, six_on(date(2026, 7, 1)), held(*jc, organisation=J)),
        Person("A-kassens", REG, six_on(date(2026, 6, 15)), held(*jc)),  # the a-kasse's own do not count for R8
        Person("Gamle regler", date(2023, 12, 4), (Hours(date(2024, 6, 5), date(2023, 12, 4), date(2024, 6, 3),
                                                          Decimal("961.98")),), old_rules=True),
    ])
    assert behind(uow, ids.jobcenter_id, date(2026, 6, 1)) == [
        ("A-kassens", date(2026, 6, 15), 0, 0, False),
        ("Sidste juni", date(2026, 6, 30), 2, 1, False),  # 16 February is before the hand-over; 2 July late
        ("Første juni", date(2026, 6, 1), 3, 0, True),
    ]
    assert behind(uow, ids.jobcenter_id, date(2026, 7, 1)) == [("Første juli", date(2026, 7, 1), 3, 0, True)]
    assert behind(uow, ids.jobcenter_id, date(2024, 6, 1)) == []  # R28: the old rules are not counted


def test_R27_six_months_in_a_row_starting_breaking_and_starting_again(uow):
    # one person a month from March 2026 to March 2027, each without interviews, except September's, who has 3
    people = []
    for n in range(13):
        registered = date(2026, 1, 5) + timedelta(days=31 * n)
        month = date(2026 + (2 + n) // 12, (2 + n) % 12 + 1, 10)
        interviews = held(*(registered + timedelta(days=7 + 14 * k) for k in range(3))) if n == 6 else ()
        people.append(Person(f"Person {n:02d}", registered, (benefit_to(registered, month),), interviews))
    ids = write_world(uow, people)
    figures = monthly_figures(uow(), kind=A, first=date(2026, 2, 1), last=date(2027, 3, 1),
                              organisation_id=ids.akasse_id)
    assert [(f.month.strftime("%Y-%m"), f.counted, f.above, f.in_a_row, f.star_contacts) for f in figures] == [
        ("2026-02", 0, False, 0, False),
        ("2026-03", 1, True, 1, False),
        ("2026-04", 1, True, 2, False),
        ("2026-05", 1, True, 3, False),
        ("2026-06", 1, True, 4, False),
        ("2026-07", 1, True, 5, False),
        ("2026-08", 1, True, 6, True),  # the sixth month in a row: STAR contacts the a-kasse
        ("2026-09", 1, False, 0, False),  # broken
        ("2026-10", 1, True, 1, False),
        ("2026-11", 1, True, 2, False),
        ("2026-12", 1, True, 3, False),
        ("2027-01", 1, True, 4, False),
        ("2027-02", 1, True, 5, False),
        ("2027-03", 1, True, 6, True),
    ]
    # a report that begins inside a row counts the months before it
    later = monthly_figures(uow(), kind=A, first=date(2026, 8, 1), last=date(2026, 8, 1),
                            organisation_id=ids.akasse_id)
    assert [(f.in_a_row, f.star_contacts) for f in later] == [(6, True)]


def test_R27_every_organisation_of_the_kind_every_month_by_name_and_a_month_with_nobody_is_zero(uow):
    first = write_world(uow, [akasse_person("Én", date(2026, 3, 10))], prefix="B")
    second = write_world(uow, [akasse_person("To", date(2026, 4, 10), *held(*THREE))], prefix="A")
    figures = [f for f in monthly_figures(uow(), kind=A, first=date(2026, 3, 1), last=date(2026, 4, 30))
               if f.organisation_id in (first.akasse_id, second.akasse_id)]
    assert [(f.organisation_id, f.month, f.counted, f.without, f.kind) for f in figures] == [
        (second.akasse_id, date(2026, 3, 1), 0, 0, A),
        (second.akasse_id, date(2026, 4, 1), 1, 0, A),
        (first.akasse_id, date(2026, 3, 1), 1, 1, A),
        (first.akasse_id, date(2026, 4, 1), 0, 0, A),
    ]
    assert all(f.kind is A for f in monthly_figures(uow(), kind=A, first=date(2026, 3, 1), last=date(2026, 3, 1)))


def test_R27_bad_months_and_unknown_organisations_are_refused_in_danish(uow):
    ids = write_world(uow, [])
    with pytest.raises(InvalidInput, match="Den første måned"):
        monthly_figures(uow(), kind=A, first=date(2026, 5, 1), last=date(2026, 4, 1))
    with pytest.raises(NotFound):
        monthly_figures(uow(), kind=J, first=date(2026, 5, 1), last=date(2026, 5, 1), organisation_id=ids.akasse_id)
    with pytest.raises(NotFound):
        people_behind(uow(), organisation_id=ids.akasse_id + 1000, month=date(2026, 5, 1))
    assert set(COUNTING) == {A, J} and all(COUNTING[k] for k in COUNTING)
    assert CountedPerson(1, "x", date(2026, 1, 1), 3, 0, True).met
