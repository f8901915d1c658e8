"""The course facts a case system registers (issue 16): a new person's course, hours, control actions,
exemptions, the decision that a person is not covered, the R4 referral.

Field names are the course JSON's (``docs/course-json.md``); the descriptions are Danish, as the portal is. The
models check the form of a value (a date, a number, one of the words); what a value means for the course (a
placement far from the registration, hours in a period that cannot hold them, a CPR number with no birth date)
is the services' to check, so the answer is the same here as in the caseworker's pages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from scheduling.course import ExemptionGround, HourKind, Insurance

# No control characters in a line of text, no NUL in a longer text (PostgreSQL stores no NUL in text).
ONE_LINE = r"^[^\x00-\x1f\x7f]*$"
NO_NUL = r"^[^\x00]*$"


class _Body(BaseModel):
    """A request body: unknown fields are refused (a misspelt optional field must not pass silently)."""

    model_config = ConfigDict(extra="forbid")

    caseworker_id: int | None = Field(
        None,
        ge=1,
        le=2**31 - 1,  # an id the databases can hold (a larger one is no caseworker: 422, not a failed query)
        description="Sagsbehandleren, der handler (en aktiv sagsbehandler i tokenets organisation). Udeladt: tokenets egen sagsbehandler.",
    )


class CourseRegistration(_Body):
    """En ny person og personens kontaktforløb, som a-kassen tilmelder (R1, R5)."""

    cpr: str = Field(
        pattern=r"^ *[0-9]{6}-?[0-9]{4} *$",
        description="Personens CPR-nummer, 10 cifre med eller uden bindestreg. Fødselsdatoen læses af det.",
        examples=["150690-1234"],
    )
    name: str = Field(min_length=1, max_length=200, pattern=ONE_LINE, description="Personens navn.", examples=["Ida Holm"])
    kommune: str = Field(
        min_length=1,
        max_length=100,
        pattern=ONE_LINE,
        description="Kommunen, personen bor i. Dens jobcenter er personens jobcenter.",
        examples=["Aarhus"],
    )
    registered_on: date = Field(description="Tilmeldingen som jobsøgende: dagen, fristerne i R4 og R6 regnes fra.")
    placed_on: date = Field(description="Indplaceringen i dagpengeperioden: begyndelsen på sammenlagt ledighed (R3, R5).")
    insurance: Insurance = Field(description="Fuldtids- eller deltidsforsikret: afgør timegrænsen for overgangen til jobcentret (R2, R3).")
    birth_date: date | None = Field(None, description="Fødselsdatoen. Kan udelades; angives den, skal den passe med CPR-nummeret.")
    vocational_qualification: bool = Field(False, description="Personen har en erhvervskompetencegivende uddannelse (R4).")
    custody_of_children_at_home: bool = Field(False, description="Personen har forældremyndighed over hjemmeboende børn (R4).")
    repatriation: bool = Field(False, description="Personen er omfattet af repatrieringsloven (R13).")
    old_rules: bool = Field(False, description="Forløbet begyndte under reglerne før 1. januar 2024 (R28).")


class CourseRegistered(BaseModel):
    """Personen og kontaktforløbet, der blev oprettet."""

    id: int = Field(description="Personens id: /api/v1/persons/{id}.")
    course_id: int = Field(description="Kontaktforløbets id.")


class HourRegistration(_Body):
    """En registrering i timeregnskabet (R2, R3): så mange timer i en periode, registreret på en dag."""

    registered_on: date = Field(description="Dagen, timerne blev registreret. Tidligst periodens sidste dag, senest i dag.")
    period_start: date = Field(description="Periodens første dag. Ikke før indplaceringen.")
    period_end: date = Field(description="Periodens sidste dag.")
    hours: Decimal = Field(
        gt=0, max_digits=9, decimal_places=2, description="Antal timer, over 0 og højst 24 for hver dag i perioden.", examples=["148.00"]
    )
    kind: HourKind = Field(HourKind.DAGPENGE, description="Timer med dagpenge eller i løntilskud (R3).")


class ControlActionRegistration(_Body):
    """En anden myndigheds kontrolaktion (R25): personen skal straks indkaldes."""

    received_on: date = Field(description="Dagen, kontrolaktionen blev modtaget. Ikke i fremtiden.")
    stay_abroad: bool = Field(False, description="Kontrolaktionen handler om et udlandsophold: jobcentret fortsætter kontrollen, som R25 siger.")
    authority: str | None = Field(None, max_length=200, pattern=ONE_LINE, description="Myndigheden, der foretog kontrolaktionen.")


class ExemptionRegistration(_Body):
    """En mindre intensiv indsats (R26, LAB § 106, stk. 1, nr. 1–4) fra en dag."""

    ground: ExemptionGround = Field(description="Grunden: nr1 (job, orlov, pension), nr2 (vejrlig, materialemangel), nr3 (arbejdsfordeling), nr4 (uddannelse).")
    starts_on: date = Field(description="Fritagelsens første dag.")
    ends_on: date | None = Field(None, description="Fritagelsens sidste dag, hvis den kendes.")
    event_on: date | None = Field(
        None, description="Den dokumenterede dag, job, orlov, pension eller uddannelse begynder; for nr3 dagen, personen kom på arbejdsfordeling (krævet)."
    )
    documentation: str | None = Field(None, max_length=2000, pattern=NO_NUL, description="Dokumentationen, fx en kontrakt eller en bekræftelse.")


class NotCovered(_Body):
    """Afgørelsen om, at personen alligevel ikke er omfattet af fritagelsen (R26, LAB § 106, stk. 3)."""

    assessment: str = Field(min_length=1, max_length=2000, pattern=NO_NUL, description="Begrundelsen: den konkrete vurdering, som står i afgørelsen.")


class R4Referral(_Body):
    """A-kassens visitering af en person i målgruppen for uddannelsespålæg til jobcentret (R4, årsagskode 45)."""


class Created(BaseModel):
    """Det, der blev registreret."""

    id: int = Field(description="Registreringens id.")
    person_id: int = Field(description="Personens id.")


class Decided(BaseModel):
    """Afgørelsen, der blev truffet."""

    decision_id: int = Field(description="Afgørelsens id: den står i personens beskeder med klagevejledning.")
    person_id: int = Field(description="Personens id.")


class Referred(BaseModel):
    """Visiteringen til jobcentret (R4)."""

    person_id: int = Field(description="Personens id.")
    referred_r4_on: date = Field(description="Dagen, personen blev visiteret.")
