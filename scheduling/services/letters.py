"""The Danish texts the services send to a person: messages and decision letters, in one place.

The appeal instructions (*klagevejledning*) for every afgørelse — revocation of self-booking (R23, LAB § 35)
and "not covered" by reduced effort (R26, LAB § 106, stk. 3) — are :data:`KLAGEVEJLEDNING`; change them here
only. Texts are Danish: Digital Post letters are Danish, and the stored letter is what was sent. The paragraphs
come from the catalogue of rules (:func:`scheduling.rules.catalogue.in_full`), the numbers of the law from
:mod:`scheduling.parameters`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from scheduling import labels
from scheduling import parameters as P
from scheduling.course import Format, InterviewKind
from scheduling.reasons import format_param
from scheduling.rules.catalogue import basis, in_full
from scheduling.slots import COPENHAGEN

KLAGEVEJLEDNING = (
    "Klagevejledning\n"
    "Du kan klage over denne afgørelse til Ankestyrelsens Beskæftigelsesudvalg. Klagen skal være modtaget "
    "senest {weeks} uger efter, at du har fået afgørelsen. Du sender klagen til {organisation}, som vurderer "
    "sagen igen. Fastholder vi afgørelsen, sender vi din klage videre til Ankestyrelsen.\n"
    "Reglerne om klage står i {rules}."
)


def appeal_instructions(organisation: str, on: date) -> str:
    """:data:`KLAGEVEJLEDNING` for a decision of ``organisation`` made on ``on``."""
    return KLAGEVEJLEDNING.format(organisation=organisation, weeks=P.APPEAL_WEEKS.on(on), rules=in_full("R23", "klage"))



REVOCATION_GROUNDS = {
    "booket_anderledes": f"du har booket dine samtaler på en anden måde end aftalt ({basis('R23', 'nr1')})",
    "forhindrer_forloeb": (
        "du har booket samtaler på en måde, der forhindrer, at dit kontaktforløb kan gennemføres "
        f"som tilsigtet ({basis('R23', 'nr2')})"
    ),
}


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


def when(instant: datetime) -> str:
    """"mandag den 3. marts 2025 kl. 10.00" in Danish time: :func:`~scheduling.reasons.format_param`'s text, put
    together from Babel's Danish day and month names (read once) instead of a pattern parsed per call."""
    local = instant.astimezone(COPENHAGEN)
    weekdays, months = _danish_names()
    return f"{weekdays[local.weekday()]} den {local.day}. {months[local.month - 1]} {local.year} kl. {local:%H.%M}"


@cache
def _danish_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Babel's Danish names of the weekdays (Monday first) and the months, as they stand in a sentence."""
    from babel import Locale

    locale = Locale.parse("da")
    return (
        tuple(locale.days["format"]["wide"][n] for n in range(7)),
        tuple(locale.months["format"]["wide"][n] for n in range(1, 13)),
    )


def day(on: date) -> str:
    """"3. marts 2025"."""
    return format_param(on, "da")


def _where(format: Format, address: str | None, phone: str | None) -> str:
    if format == Format.PERSONLIGT:
        return f"Mød op på adressen: {address}." if address else "Mød op hos os."
    if format == Format.TELEFONISK:
        return f"Vi ringer til dig på {phone}." if phone else "Vi ringer til dig."
    return "Du får et link til videosamtalen."


def interview_booked(
    kind: InterviewKind, organisation_name: str, start: datetime, format: Format, address: str | None,
    phone: str | None, *, called_in: bool,
) -> Text:
    what, at = labels.KIND[kind], when(start)
    if called_in:
        subject = f"Indkaldelse til {what} {at}"
        lead = f"{organisation_name} har indkaldt dig til en {what} {at}."
    else:
        subject = f"Din {what} er booket {at}"
        lead = f"Du har booket en {what} med {organisation_name} {at}."
    binding = (
        f"Du skal deltage i samtalen. Kan du ikke deltage, så kontakt {organisation_name} hurtigst muligt."
        if called_in
        else "En samtale, du selv har booket, er lige så bindende som en indkaldelse: du skal deltage i den "
        "eller flytte den i god tid under Mine samtaler."
    )
    body = f"{lead}\nSamtaleform: {labels.FORMAT[format]}. {_where(format, address, phone)}\n{binding}"
    return Text(subject, body)


def interview_rebooked(kind: InterviewKind, old: datetime, new: datetime, format: Format) -> Text:
    what = labels.KIND[kind]
    return Text(
        f"Din {what} er flyttet til {when(new)}",
        f"Din {what} {when(old)} er flyttet til {when(new)}. Samtaleform: {labels.FORMAT[format]}.",
    )


def interview_cancelled(kind: InterviewKind, start: datetime, by_citizen: bool, reason: str | None = None) -> Text:
    """The message that an interview is cancelled; when the organisation cancels, it says why."""
    what = labels.KIND[kind]
    who = "Du har aflyst" if by_citizen else "Vi har aflyst"
    body = f"{who} din {what} {when(start)}."
    if reason:
        body += f"\nBegrundelse: {reason}\nBook en ny samtale, eller vent på en ny indkaldelse."
    return Text(f"Din {what} {when(start)} er aflyst", body)


def format_raised(kind: InterviewKind, start: datetime, reason: str, address: str | None) -> Text:
    what = labels.KIND[kind]
    return Text(
        f"Din {what} {when(start)} holdes ved personligt fremmøde",
        f"Vi har besluttet, at din {what} {when(start)} skal holdes ved personligt fremmøde. "
        f"{_where(Format.PERSONLIGT, address, None)}\n"
        f"Begrundelse: {reason}\n"
        f"Det følger af {in_full('R17')}. Beslutningen er ikke en afgørelse, "
        "og du kan derfor ikke klage over den.",
    )


def revocation_letter(organisation_name: str, ground: str, assessment: str, on: date) -> Text:
    return Text(
        "Afgørelse: Du kan ikke længere selv booke dine jobsamtaler",
        f"Afgørelse af {day(on)} fra {organisation_name}\n\n"
        "Vi har besluttet, at du ikke længere selv kan booke dine jobsamtaler. Fremover indkalder vi dig "
        "til samtalerne.\n\n"
        f"Begrundelse\nVi har truffet afgørelsen, fordi {REVOCATION_GROUNDS[ground]}.\n"
        f"Vores konkrete vurdering: {assessment}\n\n"
        f"Regler\nAfgørelsen er truffet efter {in_full('R23')}.\n\n"
        + appeal_instructions(organisation_name, on),
    )


def restoration_letter(organisation_name: str, assessment: str, on: date) -> Text:
    return Text(
        "Du kan igen selv booke dine jobsamtaler",
        f"Besked af {day(on)} fra {organisation_name}\n\n"
        "Vi har besluttet, at du igen selv kan booke dine jobsamtaler digitalt.\n"
        f"Begrundelse: {assessment}\n"
        f"Reglerne står i {in_full('R23', 'genindsat')}.",
    )


def self_booking_exemption(organisation_name: str, reason: str, on: date, lifted: bool) -> Text:
    if lifted:
        return Text(
            "Du skal igen selv booke dine jobsamtaler",
            f"Besked af {day(on)} fra {organisation_name}\n\nFremover booker du selv dine jobsamtaler digitalt.\n"
            f"Begrundelse: {reason}",
        )
    return Text(
        "Vi booker dine jobsamtaler for dig",
        f"Besked af {day(on)} fra {organisation_name}\n\n"
        "Du skal ikke selv booke dine jobsamtaler. Vi indkalder dig i stedet. Det er ikke en sanktion.\n"
        f"Begrundelse: {reason}",
    )


def not_covered_letter(organisation_name: str, assessment: str, on: date) -> Text:
    return Text(
        "Afgørelse: Du er ikke fritaget for jobsamtaler",
        f"Afgørelse af {day(on)} fra {organisation_name}\n\n"
        "Vi har besluttet, at du ikke er omfattet af reglerne om mindre intensiv indsats. Du skal derfor fortsat "
        "deltage i jobsamtaler og søge job.\n\n"
        f"Begrundelse\n{assessment}\n\n"
        f"Regler\nAfgørelsen er truffet efter {in_full('R26', 'stk3')}.\n\n"
        + appeal_instructions(organisation_name, on),
    )


def referred_r4(on: date) -> Text:
    return Text(
        "Dit kontaktforløb er flyttet til jobcentret",
        f"Din a-kasse har {day(on)} henvist dig til jobcentret, fordi du var under {P.R4_AGE_LIMIT.on(on)} år, da du meldte dig "
        "ledig, og ikke har en erhvervskompetencegivende uddannelse eller forældremyndighed over hjemmeboende "
        f"børn. Jobcentret holder dine jobsamtaler fremover ({in_full('R4')}).",
    )
