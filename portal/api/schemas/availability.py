"""The JSON of the availability and agreed-timeslot endpoints (issue 16): the organisation's caseworkers, their
weekly working hours and absences, the choices for booked interviews an absence or new hours hit (issue 14), and
the timeslots agreed between a jobcenter and an a-kasse (R22). Danish descriptions, which the OpenAPI document
shows."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal

from flask_babel import gettext as _
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from scheduling.course import AkasseParticipation, Format, InterviewKind
from scheduling.vocabulary import TimeslotStatus

MAX_ID = 2**31 - 1
"""The largest id the databases hold: a larger one is bad input (422), not a failed query."""

CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
"""A time of day as the API writes and reads it: TT:MM, Danish time (JSON Schema's "time" format wants an offset)."""


def clock(value: time) -> str:
    return value.strftime("%H:%M")


_ACTING = Field(
    default=None,
    gt=0, le=MAX_ID,
    description=(
        "Den sagsbehandler i organisationen, der handler. Uden feltet handler tokenets sagsbehandler. En "
        "sagsbehandler fra en anden organisation giver 422."
    ),
)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseworkerOut(BaseModel):
    """En aktiv sagsbehandler i organisationen."""

    id: int = Field(description="Sagsbehandlerens id i Selvbooking.")
    name: str = Field(description="Navnet.")


class CaseworkerList(BaseModel):
    items: list[CaseworkerOut] = Field(description="Organisationens aktive sagsbehandlere, efter navn.")


class WorkingHoursEntry(BaseModel):
    """En arbejdstid i ugen, i dansk tid."""

    model_config = ConfigDict(extra="forbid")

    weekday: int = Field(ge=0, le=6, description="Ugedagen: 0 = mandag … 6 = søndag.")
    start: str = Field(pattern=CLOCK, description="Starttid (TT:MM), dansk tid.")
    end: str = Field(pattern=CLOCK, description="Sluttid (TT:MM), dansk tid; efter starttiden.")


class AbsenceOut(BaseModel):
    """Et fravær, der ikke er slut."""

    id: int = Field(description="Fraværets id.")
    start: datetime = Field(description="Fra (med tidszone).")
    end: datetime = Field(description="Til (med tidszone).")
    note: str | None = Field(default=None, description="Sagsbehandlerens note.")


class AvailabilityOut(BaseModel):
    """En sagsbehandlers tilgængelighed, som på siden "Tilgængelighed"."""

    caseworker_id: int = Field(description="Sagsbehandlerens id.")
    working_hours: list[WorkingHoursEntry] = Field(description="Arbejdstiderne i ugen, efter ugedag og start.")
    absences: list[AbsenceOut] = Field(description="Fravær, der ikke er slut endnu, efter start.")
    offered_kinds: list[InterviewKind] = Field(description="De samtaletyper, sagsbehandleren holder (tom: alle).")
    offered_formats: list[Format] = Field(description="De samtaleformer, sagsbehandleren tilbyder.")
    video_link: str | None = Field(default=None, description="Sagsbehandlerens eget faste mødelink (null: intet).")


class Choice(BaseModel):
    """Hvad der skal ske med én booket samtale, som ændringen rammer (som på bekræftelsessiden)."""

    model_config = ConfigDict(extra="forbid")

    interview_id: int = Field(gt=0, le=MAX_ID, description="Samtalens id (fra 409-svarets interviews).")
    action: Literal["move", "cancel", "keep"] = Field(
        description="move: en ledig kollega overtager samtalen på samme tid (colleague_id). cancel: samtalen "
                    "aflyses, og personen får begrundelsen (reason). keep: samtalen holdes alligevel (kun ved ny "
                    "arbejdstid)."
    )
    colleague_id: int | None = Field(default=None, gt=0, le=MAX_ID, description="Kollegaen, der overtager (action=move).")
    reason: str | None = Field(default=None, max_length=1000, description="Begrundelsen til personen (action=cancel).")

    @model_validator(mode="after")
    def _complete(self) -> Choice:
        if self.action == "move" and self.colleague_id is None:
            raise ValueError(_("Vælg kollegaen (colleague_id), der overtager samtalen."))
        if self.action == "cancel" and not (self.reason or "").strip():
            raise ValueError(_("Skriv en begrundelse (reason) til personen."))
        return self


class WorkingHoursIn(_Body):
    """Den nye arbejdstid i ugen; erstatter den hidtidige."""

    hours: list[WorkingHoursEntry] = Field(max_length=50, description="Arbejdstiderne; ikke overlappende samme dag.")
    choices: list[Choice] = Field(
        default_factory=list, max_length=500,
        description="Et valg for hver booket samtale, den nye arbejdstid lader ligge uden for (se 409-svaret).",
    )


class AbsenceIn(_Body):
    """Et nyt fravær."""

    start: AwareDatetime = Field(description="Fra (med tidszone), f.eks. 2026-12-07T08:00:00+01:00.")
    end: AwareDatetime = Field(description="Til (med tidszone); efter start.")
    note: str | None = Field(default=None, max_length=500, description="En note (kun til organisationen).")
    choices: list[Choice] = Field(
        default_factory=list, max_length=500,
        description="Et valg (move eller cancel) for hver booket samtale i fraværet (se 409-svaret).",
    )


class AbsenceCreated(BaseModel):
    id: int = Field(description="Det nye fraværs id.")
    availability: AvailabilityOut = Field(description="Sagsbehandlerens tilgængelighed nu.")


class TimeslotOut(BaseModel):
    """Et aftalt tidsrum til fælles jobsamtaler (R22), som organisationen ser det."""

    id: int = Field(description="Tidsrummets id.")
    other: str = Field(description="Den anden organisations navn (a-kassen eller jobcentret).")
    weekday: int = Field(description="Ugedagen: 0 = mandag … 6 = søndag.")
    start: str = Field(pattern=CLOCK, description="Starttid (TT:MM), dansk tid.")
    end: str = Field(pattern=CLOCK, description="Sluttid (TT:MM), dansk tid.")
    valid_from: date = Field(description="Gælder fra.")
    valid_to: date | None = Field(default=None, description="Gælder til (tom: indtil videre).")
    akasse_participation: AkasseParticipation = Field(description="Hvordan a-kassen deltager.")
    status: TimeslotStatus = Field(description="foreslaaet, accepteret eller afvist.")
    ended_from: date | None = Field(default=None, description="Afsluttet fra denne dag: ingen nye fælles samtaler.")
    booked: int = Field(description="Antal bookede fælles jobsamtaler i tidsrummet.")


class TimeslotList(BaseModel):
    items: list[TimeslotOut] = Field(description="Organisationens aftalte og foreslåede tidsrum.")


class ProposeTimeslot(_Body):
    """Et jobcenter foreslår en a-kasse et ugentligt tidsrum til fælles jobsamtaler (R22)."""

    akasse_id: int = Field(gt=0, le=MAX_ID, description="A-kassens id (organisationens id i Selvbooking).")
    weekday: int = Field(ge=0, le=6, description="Ugedagen: 0 = mandag … 6 = søndag.")
    start: str = Field(pattern=CLOCK, description="Starttid (TT:MM), dansk tid.")
    end: str = Field(pattern=CLOCK, description="Sluttid (TT:MM), dansk tid.")
    valid_from: date = Field(description="Gælder fra (ÅÅÅÅ-MM-DD).")
    valid_to: date | None = Field(default=None, description="Gælder til (tom: indtil videre).")
    akasse_participation: Literal["video", "fremmoede"] = Field(
        description="Hvordan a-kassen deltager: ved video eller ved fremmøde."
    )
    caseworker_id: int | None = _ACTING


class Decide(_Body):
    """Acceptér eller afvis et foreslået tidsrum (a-kassen)."""

    caseworker_id: int | None = _ACTING


class EndTimeslot(_Body):
    """Afslut et accepteret tidsrum fra en dag (i dag eller senere)."""

    ended_from: date = Field(description="Første dag uden nye fælles jobsamtaler (ÅÅÅÅ-MM-DD).")
    caseworker_id: int | None = _ACTING
