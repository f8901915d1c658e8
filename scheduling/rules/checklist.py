"""What must be covered at an interview, as a checklist for recording it (R12, R13, R14).

* R13 — repatriation guidance at every job interview of a person covered by the repatriation act (BAB § 43);
* R14 — Min Plan, the joblog and the CV at the first a-kasse interview (bekendtgørelse om en a-kasses pligt til
  at vejlede §§ 11-14; LAB § 23, stk. 4);
* R12 — the offer of an obligatory intensified effort at the joint interview after 6 months' unemployment
  (the "16-month interview", LAB § 32, stk. 2) — not at the first jobcenter interview that R10 lets the person
  hold jointly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from scheduling import parameters as P
from scheduling.course import Course, Interview, InterviewKind, Organisation
from scheduling.reasons import N_, Reason
from scheduling.rules.catalogue import reason
from scheduling.rules.facts import is_first_interview, is_job_interview, local_date
from scheduling.rules.responsibility import unemployed_months_on


@dataclass(frozen=True)
class ChecklistItem:
    key: str  # stored with the recorded interview: repatriation_guidance, min_plan, joblog, cv, intensified_effort_offered
    reason: Reason


R13 = reason("R13", N_("Giv vejledning om muligheden for repatriering."))
R14_MIN_PLAN = reason("R14", N_("Introducér og udarbejd Min Plan sammen med personen."), part="plan")
R14_JOBLOG = reason("R14", N_("Gennemgå ansøgningerne i joblogen."), part="plan")
R14_CV = reason("R14", N_("Sørg for, at CV'et er fuldt udfyldt."), part="cv")
R12 = reason("R12", N_("Tilbyd den obligatoriske intensiverede indsats."))


def interview_checklist(course: Course, interview: Interview, on: date) -> tuple[ChecklistItem, ...]:
    """The items to confirm when recording ``interview`` (evaluated with what is known on ``on``)."""
    if not is_job_interview(interview):
        return ()  # availability interviews are not job interviews (R24): nothing of the contact course applies
    items: list[ChecklistItem] = []
    if course.repatriation:
        items.append(ChecklistItem("repatriation_guidance", R13))
    if interview.organisation is Organisation.AKASSE and is_first_interview(course, interview):
        items += [
            ChecklistItem("min_plan", R14_MIN_PLAN),
            ChecklistItem("joblog", R14_JOBLOG),
            ChecklistItem("cv", R14_CV),
        ]
    if interview.kind is InterviewKind.FAELLESSAMTALE and interview.organisation is Organisation.JOBCENTER:
        six_months = unemployed_months_on(course, on, P.FIRST_PERIOD_MONTHS.on(on)).day
        if local_date(interview.start) > six_months:
            items.append(ChecklistItem("intensified_effort_offered", R12))
    return tuple(items)
