"""R26 nr. 3: work-sharing exempts only in the first 6 weeks of the scheme (issue 12, correction 3).

Guidance (VEJ nr 10044 af 14/12/2023), section 7.1: "For personer omfattet af arbejdsfordelingsordningen gælder
fritagelsen for pligten til ikke at være jobsøgende i de første 6 uger af arbejdsfordelingsordningen. [...] De 6
uger regnes fra det tidspunkt, hvor personen omfattes af arbejdsfordelingsordningen."
"""

from scheduling.course import ExemptionGround
from scheduling.evaluation import ObligationState, evaluate
from scheduling.rules.booking import blocking_reason
from scheduling.rules.facts import exemption_window

from .factories import a_course, d, exemption

NR3 = ExemptionGround.NR3_WORK_SHARING


def test_R26_work_sharing_ends_6_weeks_after_joining_the_scheme():
    e = exemption("2026-02-02", ground=NR3, event="2026-01-26")
    assert exemption_window(e) == (d("2026-02-02"), d("2026-03-08"))


def test_R26_work_sharing_stored_without_joined_date_ends_6_weeks_after_registered_start():
    # stored before the date was required: the registered start stands in for the day the scheme began
    e = exemption("2026-02-02", ground=NR3)
    assert exemption_window(e) == (d("2026-02-02"), d("2026-03-15"))
    course = a_course(exemptions=[e])
    obligations = evaluate(course, d("2026-04-01")).obligations
    assert not any(o.state is ObligationState.SUSPENDED for o in obligations)
    notes = [n.render() for n in evaluate(course, d("2026-02-10")).notices if n.rule == "R26"]
    assert any("15. marts 2026" in n for n in notes)


def test_R26_every_exemption_notice_names_its_end():
    weather = a_course(exemptions=[exemption("2026-02-02", ground=ExemptionGround.NR2_WEATHER_OR_MATERIALS)])
    notes = [n.render() for n in evaluate(weather, d("2026-02-10")).notices if n.rule == "R26"]
    assert notes and "ingen slutdato" in notes[0]


def test_R26_the_booking_refusal_of_an_exemption_names_its_end():
    """Issue 12, correction 3: "show every exemption's end date where the exemption is shown" — the person who
    tries to book while exempt reads until when (or that there is no end date), not just "i en periode"."""
    ending = a_course(exemptions=[exemption("2026-02-02", ground=NR3, event="2026-01-26")])
    refusal = blocking_reason(ending, d("2026-02-10"))
    assert refusal is not None and refusal.rule == "R26" and "8. marts 2026" in refusal.render()
    open_ended = a_course(exemptions=[exemption("2026-02-02", ground=ExemptionGround.NR2_WEATHER_OR_MATERIALS)])
    refusal = blocking_reason(open_ended, d("2026-02-10"))
    assert refusal is not None and "ingen slutdato" in refusal.render()
