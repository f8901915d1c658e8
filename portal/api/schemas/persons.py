"""The persons' read endpoints' models (GET /persons …)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class PersonPath(BaseModel):
    person_id: int = Field(description="Personens id i Selvbooking.")


class PersonOut(BaseModel):
    """En person, organisationen har eller har haft ansvar for."""

    id: int = Field(description="Personens id i Selvbooking.")
    cpr: str = Field(description="CPR-nummer: det fulde (DDMMÅÅ-NNNN) på den enkelte person, hvor opslaget skrives "
                                 "i revisionsloggen; i listen kun fødselsdatodelen (DDMMÅÅ-xxxx).")
    name: str = Field(description="Navn.")
    birth_date: date = Field(description="Fødselsdato.")
    akasse_id: int = Field(description="Id på personens a-kasse.")
    jobcenter_id: int = Field(description="Id på jobcentret i personens kommune.")
    has_open_course: bool = Field(description="Om personen har et åbent kontaktforløb.")
    changed_at: datetime | None = Field(
        description="Seneste ændring i personens historik (revisionsloggen); null hvis ingen.")


class PersonPage(BaseModel):
    """En side af personlisten."""

    items: list[PersonOut] = Field(description="Personerne på siden, efter id.")
    next_cursor: str | None = Field(description="Markøren til næste side; null på sidste side.")


class EvaluationOut(BaseModel):
    """Kontaktforløbets vurdering på en dag: det samme dokument som `python -m scheduling explain` skriver
    (ansvar, forpligtelser med frister og lovgrundlag, hvad personen og hver sagsbehandler må, signaler og
    meddelelser; hver begrundelse med regel, lovgrundlag og dansk tekst)."""

    model_config = ConfigDict(extra="allow")

    on: date = Field(description="Dagen, forløbet er vurderet på.")
    responsibility: dict[str, Any] = Field(description="Hvem har ansvaret (a-kasse eller jobcenter), og hvorfor.")
    obligations: list[dict[str, Any]] = Field(description="De samtaler, der skal holdes, med frister og tilstand.")
    citizen: dict[str, Any] = Field(description="Hvad personen selv må booke.")
    caseworkers: list[dict[str, Any]] = Field(description="Hvad a-kassens og jobcentrets sagsbehandlere må.")
    signals: list[dict[str, Any]] = Field(description="Signaler om bookingmønstre (R23).")
    notices: list[dict[str, Any]] = Field(description="Meddelelser (R13, R26, R28 …).")


class EvaluationQuery(BaseModel):
    on: date | None = Field(default=None, description="Dagen, forløbet vurderes på (ÅÅÅÅ-MM-DD); udelades: i dag.")


class MessageOut(BaseModel):
    """En besked sendt til personen (indbakken i Selvbooking), på dansk som sendt."""

    id: int = Field(description="Beskedens id.")
    kind: str = Field(description="Beskedens art (f.eks. booking, aflysning, afgørelse).")
    subject: str = Field(description="Emne, som sendt.")
    body: str = Field(description="Tekst, som sendt.")
    created_at: datetime = Field(description="Sendt.")
    read_at: datetime | None = Field(description="Læst af personen; null hvis ikke læst.")
    interview_id: int | None = Field(description="Samtalen, beskeden handler om.")
    decision_id: int | None = Field(description="Afgørelsen, beskeden handler om.")


class MessagePage(BaseModel):
    """En side af personens beskeder, nyeste først."""

    items: list[MessageOut] = Field(description="Beskederne på siden.")
    next_cursor: str | None = Field(description="Markøren til næste side; null på sidste side.")


class AuditEntryOut(BaseModel):
    """En linje i personens historik: hvem gjorde hvad, hvornår og hvorfor."""

    at: datetime = Field(description="Tidspunktet.")
    actor_kind: str = Field(description="Hvem handlede: borger, sagsbehandler eller system.")
    actor_id: int | None = Field(description="Borgerens eller sagsbehandlerens id.")
    actor_name: str | None = Field(description="Sagsbehandlerens navn.")
    action: str = Field(description="Handlingen (f.eks. call_in, register_hours, fratagelse_selvbooking).")
    object_type: str = Field(description="Hvad handlingen gjaldt (interview, course, decision …).")
    object_id: int | None = Field(description="Dets id.")
    why: str | None = Field(description="Begrundelsen, hvis der blev givet en.")
    details: dict[str, Any] = Field(description="Yderligere oplysninger om handlingen.")


class AuditPage(BaseModel):
    """En side af personens historik, ældste først."""

    items: list[AuditEntryOut] = Field(description="Linjerne på siden.")
    next_cursor: str | None = Field(description="Markøren til næste side; null på sidste side.")
