"""The JSON of the interview and decision endpoints (issue 16): free slots, call-ins, interviews, moves,
cancellations, raised formats, records and the self-booking decisions. English field names as in the course JSON
(docs/course-json.md: ``kind``, ``format``, ``status``, ``booked_by`` … with the same Danish values); Danish
descriptions, which the generated OpenAPI document shows."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from flask_babel import gettext as _
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from portal.api.paging import Paged
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.services.decisions import REVOCATION_GROUNDS
from scheduling.vocabulary import RecordKind

MAX_SLOT_DAYS = 31
"""The longest span of days one free-slot request may ask for."""

CHECKLIST_ITEMS = ("repatriation_guidance", "min_plan", "joblog", "cv", "intensified_effort_offered")

_ACTING = Field(
    default=None,
    gt=0,
    description=(
        "Den sagsbehandler i organisationen, der handler (og fx holder samtalen). Uden feltet handler tokenets "
        "sagsbehandler. En sagsbehandler fra en anden organisation giver 422."
    ),
)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FreeSlotsQuery(Paged):
    """Hvilke ledige tider: til en indkaldelse (sagsbehandlerens egne) eller dem, personen selv kan booke; delt i
    sider efter begyndelse."""

    first_day: date | None = Field(default=None, description="Første dag (ÅÅÅÅ-MM-DD, dansk dato). Standard: i dag.")
    last_day: date | None = Field(
        default=None, description=f"Sidste dag (højst {MAX_SLOT_DAYS} dage efter den første). Standard: ugen ud (den første dag og de seks følgende)."
    )
    purpose: Literal["call_in", "self_booking"] = Field(
        default="call_in",
        description=(
            "call_in: sagsbehandlerens egne ledige tider at indkalde til. self_booking: de tider, personen selv kan "
            "booke af samtaletypen kind, som personen ser dem (reglerne spørges for hver tid)."
        ),
    )
    kind: InterviewKind = Field(default=InterviewKind.JOBSAMTALE, description="Samtaletypen (self_booking).")
    akasse_participation: AkasseParticipation | None = Field(
        default=None, description="A-kassens deltagelse i en fælles jobsamtale (self_booking, R22)."
    )
    caseworker_id: int | None = Field(
        default=None, gt=0, description="Hvis ledige tider (call_in). Uden feltet tokenets sagsbehandler."
    )

    @field_validator("last_day")
    @classmethod
    def _span(cls, last: date | None, info: ValidationInfo) -> date | None:
        first = info.data.get("first_day")
        if first is not None and last is not None:
            if last < first:
                raise ValueError(_("Den sidste dag ligger før den første."))
            if last - first > timedelta(days=MAX_SLOT_DAYS):
                raise ValueError(_("Vælg højst %(days)s dage ad gangen.", days=MAX_SLOT_DAYS))
        return last


class FreeSlot(BaseModel):
    """En ledig tid."""

    start: datetime = Field(description="Begyndelse (ISO 8601 med tidszone, UTC).")
    end: datetime = Field(description="Slutning.")
    caseworker_ids: list[int] = Field(description="De sagsbehandlere i organisationen, der er ledige hele tiden.")
    akasse_participation: AkasseParticipation | None = Field(
        default=None, description="For en fælles jobsamtale: a-kassens deltagelse i det aftalte tidsrum (R22)."
    )


class FreeSlotList(BaseModel):
    items: list[FreeSlot] = Field(description="De ledige tider på siden, efter begyndelse.")
    next_cursor: str | None = Field(default=None, description="Næste side: send den som cursor (med de samme "
                                                              "filtre). null: ikke flere.")


class CallIn(_Body):
    """Indkald personen til en samtale (R19, R23, R25)."""

    kind: InterviewKind = Field(default=InterviewKind.JOBSAMTALE, description="Samtaletypen.")
    start: AwareDatetime = Field(description="Begyndelse, med tidszone. En af sagsbehandlerens ledige tider.")
    format: Format = Field(description="Samtaleformen (R15–R18).")
    akasse_participation: AkasseParticipation | None = Field(
        default=None, description="A-kassens deltagelse i en fælles jobsamtale (R10, R12)."
    )
    control_action_id: int | None = Field(
        default=None, gt=0, description="Den kontrolaktion (R25), samtalen er svar på."
    )
    message: str | None = Field(default=None, max_length=2000, description="Sagsbehandlerens besked i indkaldelsen.")
    caseworker_id: int | None = _ACTING


class Move(_Body):
    """Flyt samtalen til en anden tid eller en anden sagsbehandler i organisationen."""

    start: AwareDatetime = Field(description="Den nye begyndelse, med tidszone.")
    caseworker_id: int | None = _ACTING


class Cancel(_Body):
    """Aflys samtalen; personen får besked med begrundelsen."""

    reason: str = Field(min_length=1, max_length=2000, description="Hvorfor samtalen aflyses (vises for personen).")
    caseworker_id: int | None = _ACTING


class RaiseFormat(_Body):
    """Samtalen holdes ved personligt fremmøde efter en konkret vurdering (R17)."""

    reason: str = Field(min_length=1, max_length=2000, description="Den konkrete begrundelse (vises for personen).")
    caseworker_id: int | None = _ACTING


class Record(_Body):
    """Registrér samtalen som holdt eller udeblevet, med den tjekliste, der gælder (R12, R13, R14)."""

    outcome: Literal["held", "missed"] = Field(description="held: holdt. missed: personen udeblev.")
    checklist: dict[Literal[CHECKLIST_ITEMS], bool] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description=(
            "Tjeklisten: de punkter, reglerne siger gælder for samtalen, med true for de gennemførte; et punkt, der "
            "ikke gælder, ignoreres."
        ),
    )
    note: str | None = Field(default=None, max_length=4000, description="Sagsbehandlerens egen note.")
    caseworker_id: int | None = _ACTING


class Revoke(_Body):
    """Fratag retten til selvbooking (R23, LAB § 35): en afgørelse med begrundelse og klagevejledning."""

    ground: Literal[REVOCATION_GROUNDS] = Field(  # type: ignore[valid-type]
        description="Grundlaget efter R23: booket_anderledes (den første grund) eller forhindrer_forloeb (den anden)."
    )
    assessment: str = Field(
        min_length=1, max_length=4000, description="Den konkrete vurdering: afgørelsens begrundelse."
    )
    caseworker_id: int | None = _ACTING


class Restore(_Body):
    """Giv retten til selvbooking tilbage (R23)."""

    assessment: str = Field(min_length=1, max_length=4000, description="Vurderingen bag beslutningen.")
    caseworker_id: int | None = _ACTING


class Exempt(_Body):
    """Fritag personen for selvbooking (R23): organisationen indkalder i stedet (sprog, it-færdigheder, et handicap,
    en tolk); ikke personens skyld og ingen afgørelse imod dem."""

    reason: str = Field(min_length=1, max_length=4000, description="Hvorfor personen ikke selv skal booke.")
    caseworker_id: int | None = _ACTING


class LiftExemption(_Body):
    """Ophæv fritagelsen for selvbooking (R23): personen booker selv igen."""

    reason: str = Field(min_length=1, max_length=4000, description="Hvorfor personen igen selv skal booke.")
    caseworker_id: int | None = _ACTING


class InterviewOut(BaseModel):
    """En samtale."""

    id: int
    person_id: int = Field(description="Personen, samtalen er med.")
    kind: InterviewKind
    organisation: Organisation = Field(description="Den organisation, der holder samtalen.")
    organisation_id: int
    start: datetime
    end: datetime
    format: Format
    status: InterviewStatus
    booked_by: BookedBy
    akasse_participation: AkasseParticipation | None
    format_raised: bool = Field(description="Samtaleformen er hævet til personligt fremmøde (R17).")
    format_raised_reason: str | None
    caseworker_ids: list[int] = Field(description="De sagsbehandlere, der deltager.")
    timeslot_id: int | None = Field(description="Det aftalte tidsrum (R22), en fælles jobsamtale ligger i.")
    booked_at: datetime = Field(description="Hvornår tiden blev booket.")
    rebooked_count: int = Field(description="Hvor mange gange personen selv har flyttet samtalen.")
    cancelled_at: datetime | None
    checklist: dict[str, bool] = Field(description="Tjeklisten, som samtalen blev registreret med.")
    video_link: str | None = Field(description="Mødelinket til en videosamtale.")
    sequence: int = Field(description="Stiger ved hver ændring (iCalendar SEQUENCE).")
    uid: str = Field(description="Samtalens iCalendar UID.")
    changed_at: datetime | None = Field(description="Sidste ændring (det, changed_since og listen sorterer efter).")


class InterviewPage(BaseModel):
    items: list[InterviewOut]
    next_cursor: str | None = Field(description="Næste side: send den som cursor. null: ikke flere.")


class DecisionOut(BaseModel):
    """En afgørelse eller beslutning om personen, med brevet, personen har fået."""

    id: int
    person_id: int
    kind: RecordKind
    organisation: Organisation
    made_at: datetime
    ground: str | None
    assessment: str = Field(description="Begrundelsen (den konkrete vurdering).")
    is_afgoerelse: bool = Field(description="En afgørelse med klagevejledning (R23, R26).")
    letter: str | None = Field(description="Brevet på dansk: begrundelse og, for en afgørelse, klagevejledning.")
