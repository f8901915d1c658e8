"""R4: the education-injunction group before the a-kasse's referral (issue 12, correction 1).

Guidance (VEJ nr 10044 af 14/12/2023), section 2.1: "A-kassen skal visitere dagpengemodtagere i målgruppen for
uddannelsespålæg til kontaktforløb i jobcentret senest 2 uger efter personens tilmelding som jobsøgende." and
"Jobcentret skal efter visiteringen tilrettelægge og gennemføre det fleksible kontaktforløb for personer, som
potentielt er i målgruppen for uddannelsespålæg." Section 4.2: "Bestemmelsen omfatter ikke dagpengemodtagere i
målgruppen for uddannelsespålæg, som skal visiteret til kontaktforløb i jobcentret, da der ikke er krav om, at
a-kassen holder en jobsamtale senest 2 uger efter personens tilmelding som jobsøgende med disse."
"""

from dataclasses import replace

from scheduling.course import InterviewKind, Organisation
from scheduling.coursejson import evaluation_to_text
from scheduling.evaluation import evaluate

from .factories import a_course, d

# 21 on registration, no vocational qualification, no children: the R4 group; referral due 19 January 2026
PENDING = a_course(registered="2026-01-05", born="2004-09-01", vocational_qualification=False)


def _texts(course, on):
    evaluation = evaluate(course, on)
    reasons = [evaluation.responsibility.reason, *evaluation.notices, *(o.reason for o in evaluation.obligations)]
    reasons += [r.reason for r in evaluation.citizen.refusals] + [o.reason for o in evaluation.citizen.options]
    return [r.render() for r in reasons]


def test_R4_pending_referral_is_the_projected_change_of_responsibility():
    result = evaluate(PENDING, d("2026-01-08")).responsibility
    assert result.organisation is Organisation.AKASSE
    assert result.reason.rule == "R4"
    assert result.projected
    # the jobcenter takes over from the referral, due 14 days after registration (not the 410-hour month end)
    assert result.akasse_until == d("2026-01-18")
    assert "sender dig videre til jobcentret senest 19. januar 2026" in result.reason.render()


def test_R4_pending_person_is_not_told_the_akasse_calls_them_in_R19():
    texts = _texts(PENDING, d("2026-01-08"))
    assert not any("indkalder dig til din første jobsamtale" in t for t in texts)
    assert not any("Vi forventer, at jobcentret overtager" in t for t in texts)
    refusals = evaluate(PENDING, d("2026-01-08")).citizen.refusals
    assert {r.reason.rule for r in refusals if r.organisation is Organisation.AKASSE} == {"R4"}


def test_R4_referral_is_not_an_interview_the_person_must_attend():
    evaluation = evaluate(PENDING, d("2026-01-08"))
    referral = next(o for o in evaluation.obligations if o.rule == "R4")
    assert referral.kind is None  # a step of the a-kasse's, not an interview
    assert all(o.kind in (InterviewKind.JOBSAMTALE, InterviewKind.FAELLESSAMTALE) for o in evaluation.obligations if o.rule != "R4")
    text = evaluation_to_text(evaluation)
    interviews = text.split("Samtaler, der skal holdes:")[1].split("\n\n")[0]
    assert "R4" not in interviews
    assert "R4 a-kassen: visitering til jobcentret, senest 19. januar 2026" in text


def test_R4_after_turning_25_no_text_says_under_25():
    # 24 on registration (5 January 2026), 25 from 10 January
    course = a_course(registered="2026-01-05", born="2001-01-10", vocational_qualification=False)
    for c in (course, replace(course, referred_r4_on=d("2026-01-12"))):
        for on in ("2026-01-12", "2026-06-01"):
            assert not any("Du er under 25" in t for t in _texts(c, d(on)))
