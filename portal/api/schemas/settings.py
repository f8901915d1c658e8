"""The JSON of the settings endpoints (issue 16): a caseworker's offer (which interview kinds and formats) and own
video meeting link, and the organisation's settings page: booking deadlines, address and contact details, R21's
choice for joint interviews, reminders, the video room address and the closed days. Field names as the course JSON
and the services use them; Danish descriptions, which the OpenAPI document shows."""

from __future__ import annotations

from datetime import date, time

from flask_babel import gettext as _
from pydantic import BaseModel, Field, field_validator

from portal.api.schemas.availability import _ACTING, CLOCK, _Body
from scheduling.calendar.video import LINK_MAX, TEMPLATE_MAX
from scheduling.course import Format, InterviewKind, Organisation
from scheduling.services.availability import CONTACT_LIMITS
from scheduling.services.reminders import BOOK_BY_REMINDER_DAYS, REMINDER_HOURS

ADDRESS_MAX = 300
"""The settings form's limit on the address (``organisations.address``)."""

PHONE_MAX = 20
"""A phone number as the service accepts it is at most 20 characters (:data:`availability.PHONE_PATTERN`)."""

NOTE_MAX = 200


# ---- a caseworker's offer and own meeting link ------------------------------------------------------------------


class OfferIn(_Body):
    """De samtaletyper og -former, sagsbehandleren tilbyder (som på siden "Tilgængelighed")."""

    kinds: list[InterviewKind] = Field(
        min_length=1, max_length=10,
        description="Samtaletyperne, sagsbehandleren holder (mindst én). cvsamtale kan ikke vælges: den "
                    "indkaldes der kun til (R28).",
    )
    formats: list[Format] = Field(min_length=1, max_length=10,
                                  description="Samtaleformerne, sagsbehandleren tilbyder (mindst én).")

    @field_validator("kinds")
    @classmethod
    def _offerable(cls, kinds: list[InterviewKind]) -> list[InterviewKind]:
        if InterviewKind.CVSAMTALE in kinds:
            raise ValueError(_("Cv-samtalen kan ikke tilbydes til selvbooking. Vælg blandt de andre samtaletyper."))
        return kinds


class VideoLinkIn(_Body):
    """Sagsbehandlerens eget faste mødelink."""

    video_link: str | None = Field(
        max_length=LINK_MAX,
        description="Et fast https-link til sagsbehandlerens eget videomøde; bruges ved de videosamtaler, "
                    "sagsbehandleren får fra nu af. null eller tom tekst: brug organisationens adresse til videomøder.",
    )


# ---- the organisation's settings ----------------------------------------------------------------------------------


class OrganisationSettingsIn(_Body):
    """Organisationens frister, adresse og kontaktoplysninger og, for et jobcenter, R21's valg for fællessamtaler
    (som formularen øverst på siden "Indstillinger"; erstatter de hidtidige)."""

    book_by_days: int = Field(ge=0, le=999, description="Fristen for at booke: dage før den dag, samtalen senest "
                                                        "skal holdes. Loven sætter et mindste antal dage (ellers 422).")
    change_deadline_hours: int = Field(ge=0, le=999, description="Timer før samtalen, personen senest selv kan flytte "
                                                                 "eller aflyse; 0: indtil samtalen begynder.")
    address: str = Field(min_length=1, max_length=ADDRESS_MAX, description="Adressen ved personligt fremmøde.")
    # issue 13: whom the person contacts, and what they need to know to attend
    phone: str = Field(min_length=1, max_length=PHONE_MAX, description="Telefonnummeret, personen kan ringe til.")
    email: str | None = Field(default=None, max_length=CONTACT_LIMITS["email"],
                              description="E-mailadressen (e-mail eller kontaktformular skal udfyldes).")
    contact_url: str | None = Field(default=None, max_length=CONTACT_LIMITS["contact_url"],
                                    description="Kontaktformularens fulde https-adresse.")
    opening_hours: str | None = Field(default=None, max_length=CONTACT_LIMITS["opening_hours"],
                                      description="Telefontiderne, fx Mandag-torsdag 9-15.")
    reception: str | None = Field(default=None, max_length=CONTACT_LIMITS["reception"],
                                  description="Hvor personen melder sig ved personligt fremmøde.")
    what_to_bring: str | None = Field(default=None, max_length=CONTACT_LIMITS["what_to_bring"],
                                      description="Hvad personen skal have med ved personligt fremmøde.")
    calls_from: str | None = Field(default=None, max_length=PHONE_MAX,
                                   description="Det nummer, telefonsamtaler ringes op fra.")
    show_caseworker_names: bool = Field(default=False,
                                        description="Om personen ser sagsbehandlerens navn ved sine samtaler.")
    faellessamtale_r10_selvbooking: bool | None = Field(
        default=None, description="Kun jobcentre (R21): true, personen booker selv den første samtale i jobcentret "
                                  "som fællessamtale (R10); false, I indkalder. Udelades: uændret.")
    faellessamtale_r12_selvbooking: bool | None = Field(
        default=None, description="Kun jobcentre (R21): true, personen booker selv fællessamtalen om en intensiveret "
                                  "indsats (R12); false, I indkalder. Udelades: uændret.")
    caseworker_id: int | None = _ACTING


class RemindersIn(_Body):
    """Påmindelserne (som på siden "Indstillinger")."""

    reminder_hour: int = Field(ge=min(REMINDER_HOURS), le=max(REMINDER_HOURS),
                               description="Klokkeslættet (dansk tid), påmindelserne sendes dagen før.")
    book_by_reminder_days: int = Field(ge=min(BOOK_BY_REMINDER_DAYS), le=max(BOOK_BY_REMINDER_DAYS),
                                       description="Hvor mange dage før fristen for at booke, en person, der ikke "
                                                   "har booket, får en påmindelse.")
    caseworker_id: int | None = _ACTING


class VideoRoomIn(_Body):
    """Organisationens adresse til videomøder."""

    video_room_template: str | None = Field(
        max_length=TEMPLATE_MAX,
        description="En https-adresse med {room} der, hvor mødets navn skal stå, fx https://meet.eksempel.dk/{room}. "
                    "null eller tom tekst: ingen adresse. Samtaler, der allerede er booket, beholder deres link.")
    caseworker_id: int | None = _ACTING


class OrganisationSettingsOut(BaseModel):
    """Organisationens indstillinger, som på siden "Indstillinger"."""

    id: int = Field(description="Organisationens id.")
    kind: Organisation = Field(description="akasse eller jobcenter.")
    name: str = Field(description="Navnet.")
    address: str | None = Field(default=None, description="Adressen ved personligt fremmøde.")
    book_by_days: int = Field(description="Fristen for at booke, i dage.")
    change_deadline_hours: int = Field(description="Fristen for at flytte eller aflyse, i timer.")
    phone: str | None = Field(default=None, description="Telefonnummeret.")
    email: str | None = Field(default=None, description="E-mailadressen.")
    contact_url: str | None = Field(default=None, description="Kontaktformularens adresse.")
    opening_hours: str | None = Field(default=None, description="Telefontiderne.")
    reception: str | None = Field(default=None, description="Hvor personen melder sig ved personligt fremmøde.")
    what_to_bring: str | None = Field(default=None, description="Hvad personen skal have med.")
    calls_from: str | None = Field(default=None, description="Det nummer, telefonsamtaler ringes op fra.")
    show_caseworker_names: bool = Field(description="Om personen ser sagsbehandlerens navn ved sine samtaler.")
    faellessamtale_r10_selvbooking: bool | None = Field(
        default=None, description="Jobcentre (R21, R10): selvbooking (true) eller indkaldelse (false); null for en "
                                  "a-kasse.")
    faellessamtale_r12_selvbooking: bool | None = Field(
        default=None, description="Jobcentre (R21, R12): selvbooking (true) eller indkaldelse (false); null for en "
                                  "a-kasse.")
    reminder_hour: int = Field(description="Klokkeslættet for påmindelser (dansk tid).")
    book_by_reminder_days: int = Field(description="Dage før fristen for at booke, påmindelsen kommer.")
    video_room_template: str | None = Field(default=None, description="Adressen til videomøder (null: ingen).")


# ---- closed days ---------------------------------------------------------------------------------------------------


class ClosureIn(_Body):
    """En dag (eller en del af en), organisationen har lukket ud over helligdagene."""

    day: date = Field(description="Dagen (ÅÅÅÅ-MM-DD), i dag eller senere.")
    from_time: str | None = Field(default=None, pattern=CLOCK, description="Lukket fra (TT:MM); udelades: hele dagen.")
    to_time: str | None = Field(default=None, pattern=CLOCK, description="Lukket til (TT:MM); udelades: dagen ud.")
    note: str | None = Field(default=None, max_length=NOTE_MAX, description="En note (kun til organisationen).")
    caseworker_id: int | None = _ACTING


class ClosureOut(BaseModel):
    id: int = Field(description="Lukkedagens id.")
    day: date = Field(description="Dagen.")
    from_time: str | None = Field(default=None, description="Lukket fra (TT:MM), null: fra dagens begyndelse.")
    to_time: str | None = Field(default=None, description="Lukket til (TT:MM), null: dagen ud.")
    note: str | None = Field(default=None, description="Noten.")


class ClosureList(BaseModel):
    items: list[ClosureOut] = Field(description="Organisationens lukkedage fra i dag, efter dag.")


class ClosureCreated(BaseModel):
    id: int = Field(description="Den nye lukkedags id.")
    closures: list[ClosureOut] = Field(description="Organisationens lukkedage fra i dag, efter dag.")


class Acting(BaseModel):
    """Den handlende sagsbehandler, når forespørgslen ikke har en krop."""

    caseworker_id: int | None = _ACTING


class ActingBody(_Body):
    """Den handlende sagsbehandler."""

    caseworker_id: int | None = _ACTING


def clock_or_none(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None
