"""The texts the services send to a person — messages and decision letters — as message ids with parameters.

Every text is a template registered under a message id (:data:`TEMPLATES`). A service calls e.g.
:func:`interview_booked`, which returns a :class:`Text`: the message id and its parameters (plain JSON values),
and the Danish rendering, which is stored as sent (the legal record: Digital Post letters are Danish). A page
renders the same id and parameters in the reader's language at read time (:func:`render` with the web layer's
``gettext``); the sentences are Danish message ids marked with :func:`~scheduling.reasons.N_`, translated in
``translations/`` like the rules' reasons. A caseworker's own words (an assessment, a reason, a note) are a
:class:`Paragraph`'s ``quote``: shown as written.

The appeal instructions (*klagevejledning*) of every afgørelse — revocation of self-booking (R23, LAB § 35) and
"not covered" by reduced effort (R26, LAB § 106, stk. 3) — are :func:`_appeal`; change them there only. The last
day to complain is :func:`scheduling.rules.caseworker.appeal_deadline` of the day the letter is available to the
person. The paragraphs come from the catalogue of rules (:func:`scheduling.rules.catalogue.in_full`), the numbers
of the law from :mod:`scheduling.parameters`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from types import MappingProxyType
from typing import Any

from scheduling import labels
from scheduling import parameters as P
from scheduling.course import Format, InterviewKind
from scheduling.reasons import N_, ParamValue, format_param
from scheduling.rules.caseworker import appeal_deadline
from scheduling.rules.catalogue import basis, in_full
from scheduling.slots import COPENHAGEN

Gettext = Callable[[str], str]
Params = Mapping[str, Any]
"""A text's parameters as stored (JSON): strings, numbers, booleans, None; days and instants as ISO strings."""

REVOCATION_GROUNDS = {
    "booket_anderledes": (N_("du har booket dine samtaler på en anden måde end aftalt (%(basis)s)"), "nr1"),
    "forhindrer_forloeb": (
        N_("du har booket samtaler på en måde, der forhindrer, at dit kontaktforløb kan gennemføres som tilsigtet (%(basis)s)"),
        "nr2",
    ),
}
"""The grounds of LAB § 35: the sentence (after "fordi") and the rule's part that holds its paragraph."""

# The headings of an afgørelse (issue 13): the page, the PDF and the stored Danish text share them.
DECISION = N_("Afgørelse")
GROUNDS = N_("Begrundelse")
RULES = N_("Regler")
HOW_TO_COMPLAIN = N_("Sådan klager du")
APPEAL_BODY = N_("Ankestyrelsens Beskæftigelsesudvalg")


@dataclass(frozen=True)
class Paragraph:
    """A sentence or a few; ``quote`` is a person's own words after it (a caseworker's assessment), as written."""

    text: str
    quote: str | None = None

    @property
    def plain(self) -> str:
        return " ".join(part for part in (self.text, self.quote) if part)


@dataclass(frozen=True)
class Section:
    heading: str | None
    paragraphs: tuple[Paragraph, ...]

    @property
    def plain(self) -> str:
        lines = [self.heading] if self.heading else []
        return "\n".join(lines + [p.plain for p in self.paragraphs])


@dataclass(frozen=True)
class Letter:
    """A text rendered in one language: the subject and the sections; for a letter, the sender and the day it is
    dated; for an afgørelse, the last day to complain. ``as_stored``: a stored Danish text from before message ids
    (shown as it was sent)."""

    subject: str
    sections: tuple[Section, ...]
    organisation: str | None = None
    dated: date | None = None
    appeal_by: date | None = None
    as_stored: bool = False

    @property
    def body(self) -> str:
        return "\n\n".join(section.plain for section in self.sections)

    @property
    def is_afgoerelse(self) -> bool:
        return self.appeal_by is not None


@dataclass(frozen=True)
class Text:
    """What a service sends: the Danish subject and body as sent, and the message id with its parameters."""

    subject: str
    body: str
    message_id: str | None = None
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Sender:
    """The organisation a text comes from, as the letter names it and says how to reach it."""

    name: str
    phone: str | None = None
    address: str | None = None


class _T:
    """The reader's language: ``t(N_("… %(x)s …"), x=value)`` translates, then fills in the values formatted for
    the locale (Danish without ``gettext``: the message id is the Danish text)."""

    def __init__(self, gettext: Gettext | None, locale: str) -> None:
        self.gettext, self.locale = gettext, locale

    def __call__(self, message: str, **params: ParamValue) -> str:
        template = self.gettext(message) if self.gettext else message
        if not params:
            return template
        return template % {key: self.value(value) for key, value in params.items()}

    def value(self, value: ParamValue) -> str:
        if isinstance(value, datetime):
            value = value.astimezone(COPENHAGEN)
        return format_param(value, self.locale)

    def basis(self, rule_id: str, part: str | None = None) -> str:
        return in_full(rule_id, part, self.gettext)


def _day(raw: str) -> date:
    return date.fromisoformat(raw)


def _instant(raw: str) -> datetime:
    return datetime.fromisoformat(raw)


def _section(heading: str | None, *paragraphs: Paragraph | str | None) -> Section:
    return Section(heading, tuple(p if isinstance(p, Paragraph) else Paragraph(p) for p in paragraphs if p))


# ---- the templates: (t, params) -> Letter ----------------------------------------------------------------------


def _where(t: _T, format: Format, address: str | None, phone: str | None) -> str:
    if format == Format.PERSONLIGT:
        return t(N_("Mød op på adressen: %(address)s."), address=address) if address else t(N_("Mød op hos os."))
    if format == Format.TELEFONISK:
        return t(N_("Vi ringer til dig på %(phone)s."), phone=phone) if phone else t(N_("Vi ringer til dig."))
    return t(N_("Du får et link til videosamtalen."))


def _interview_booked(t: _T, p: Params) -> Letter:
    kind, at, format = t(labels.KIND[InterviewKind(p["kind"])]), t.value(_instant(p["start"])), Format(p["format"])
    if p["called_in"]:
        subject = t(N_("Indkaldelse til %(kind)s %(when)s"), kind=kind, when=at)
        lead = t(N_("%(organisation)s har indkaldt dig til en %(kind)s %(when)s."), organisation=p["organisation"], kind=kind, when=at)
    else:
        subject = t(N_("Din %(kind)s er booket %(when)s"), kind=kind, when=at)
        lead = t(N_("Du har booket en %(kind)s med %(organisation)s %(when)s."), kind=kind, organisation=p["organisation"], when=at)
    how = t(N_("Samtaleform: %(format)s."), format=t(labels.FORMAT[format])) + " " + _where(t, format, p.get("address"), p.get("phone"))
    if p["called_in"]:
        binding = t(N_("Du skal deltage i samtalen. Kan du ikke deltage, så kontakt %(organisation)s hurtigst muligt."), organisation=p["organisation"])
    else:
        binding = t(N_("En samtale, du selv har booket, er lige så bindende som en indkaldelse: du skal deltage i den eller flytte den i god tid under Mine samtaler."))
    sections = [_section(None, lead, how, binding)]
    if p.get("note"):
        sections.append(_section(t(N_("Besked fra %(name)s:"), name=p["sender"]), Paragraph("", p["note"])))
    return Letter(subject, tuple(sections))


def _interview_rebooked(t: _T, p: Params) -> Letter:
    kind, old, new = t(labels.KIND[InterviewKind(p["kind"])]), t.value(_instant(p["old"])), t.value(_instant(p["new"]))
    return Letter(
        t(N_("Din %(kind)s er flyttet til %(when)s"), kind=kind, when=new),
        (_section(None, t(N_("Din %(kind)s %(old)s er flyttet til %(new)s."), kind=kind, old=old, new=new) + " "
                  + t(N_("Samtaleform: %(format)s."), format=t(labels.FORMAT[Format(p["format"])]))),),
    )


def _interview_cancelled(t: _T, p: Params) -> Letter:
    kind, at = t(labels.KIND[InterviewKind(p["kind"])]), t.value(_instant(p["start"]))
    if p["by_citizen"]:
        lead = t(N_("Du har aflyst din %(kind)s %(when)s."), kind=kind, when=at)
    else:
        lead = t(N_("Vi har aflyst din %(kind)s %(when)s."), kind=kind, when=at)
    paragraphs: list[Paragraph | str] = [lead]
    if p.get("reason"):
        paragraphs += [Paragraph(t(N_("Begrundelse:")), p["reason"]), t(NEXT_AFTER_CANCELLING[p.get("next")])]
    return Letter(t(N_("Din %(kind)s %(when)s er aflyst"), kind=kind, when=at), (_section(None, *paragraphs),))


NEXT_AFTER_CANCELLING = {
    None: N_("Book en ny samtale, eller vent på en ny indkaldelse."),  # messages sent before "next" was stored
    "self_book": N_("Du skal selv booke en ny samtale. Det kan du gøre under Mine samtaler."),
    "called_in": N_("Du skal ikke gøre noget nu. Vi indkalder dig til en ny samtale."),
}
"""What the person does after the organisation cancelled an interview (the ``next`` parameter)."""


def _interview_moved(t: _T, p: Params) -> Letter:
    kind, at = t(labels.KIND[InterviewKind(p["kind"])]), t.value(_instant(p["start"]))
    if p.get("caseworker"):
        lead = t(N_("Din %(kind)s %(when)s holdes nu af %(caseworker)s fra %(organisation)s."),
                 kind=kind, when=at, caseworker=p["caseworker"], organisation=p["organisation"])
    else:
        lead = t(N_("Din %(kind)s %(when)s holdes nu af en anden sagsbehandler fra %(organisation)s."),
                 kind=kind, when=at, organisation=p["organisation"])
    return Letter(
        t(N_("Din %(kind)s %(when)s holdes af en anden sagsbehandler"), kind=kind, when=at),
        (_section(None, lead, t(N_("Tidspunktet og samtaleformen er de samme, så du skal ikke gøre noget."))),),
    )


def _format_raised(t: _T, p: Params) -> Letter:
    kind, at = t(labels.KIND[InterviewKind(p["kind"])]), t.value(_instant(p["start"]))
    return Letter(
        t(N_("Din %(kind)s %(when)s holdes ved personligt fremmøde"), kind=kind, when=at),
        (_section(
            None,
            t(N_("Vi har besluttet, at din %(kind)s %(when)s skal holdes ved personligt fremmøde."), kind=kind, when=at)
            + " " + _where(t, Format.PERSONLIGT, p.get("address"), None),
            Paragraph(t(N_("Begrundelse:")), p["reason"]),
            t(N_("Det følger af %(rules)s. Beslutningen er ikke en afgørelse, og du kan derfor ikke klage over den."),
              rules=t.basis("R17")),
        ),),
    )


def _appeal(t: _T, p: Params) -> Section:
    """"Sådan klager du": to whom, by when (a date), how, and the rules about complaints (R23, part "klage")."""
    on, appeal_by = _day(p["on"]), _day(p["appeal_by"])
    organisation = p["organisation"]
    return _section(
        t(HOW_TO_COMPLAIN),
        t(N_("Du kan klage over afgørelsen til %(body)s."), body=t(APPEAL_BODY)),
        t(N_("Din klage skal være modtaget senest %(last_day)s. Fristen er %(weeks)s uger fra den dag, afgørelsen "
             "kom frem til dig (%(available)s)."),
          last_day=appeal_by, weeks=P.APPEAL_WEEKS.on(on), available=_day(p["available_on"])),
        t(N_("Send klagen til %(organisation)s, som vurderer sagen igen. Fastholder vi afgørelsen, sender vi din "
             "klage videre til Ankestyrelsen."), organisation=organisation),
        t(N_("Du kan sende klagen med Digital Post til %(organisation)s på borger.dk."), organisation=organisation),
        t(N_("Du kan også sende den med almindelig post til %(organisation)s, %(address)s."),
          organisation=organisation, address=p["address"]) if p.get("address") else None,
        t(N_("Har du brug for hjælp til at klage, kan du ringe til os på %(phone)s."), phone=p["phone"]) if p.get("phone") else None,
        t(N_("Reglerne om klage står i %(rules)s."), rules=t.basis("R23", "klage")),
    )


def _decision_letter(t: _T, p: Params, subject: str, decided: str, grounds: tuple[Paragraph | str, ...], rules: str) -> Letter:
    on = _day(p["on"])
    return Letter(
        subject,
        (
            _section(None, t(N_("Afgørelse af %(day)s fra %(organisation)s"), day=on, organisation=p["organisation"])),
            _section(t(DECISION), decided),
            _section(t(GROUNDS), *grounds),
            _section(t(RULES), t(N_("Afgørelsen er truffet efter %(rules)s."), rules=rules)),
            _appeal(t, p),
        ),
        organisation=p["organisation"], dated=on, appeal_by=_day(p["appeal_by"]),
    )


def _revocation(t: _T, p: Params) -> Letter:
    ground, part = REVOCATION_GROUNDS[p["ground"]]
    return _decision_letter(
        t, p,
        t(N_("Afgørelse: Du kan ikke længere selv booke dine jobsamtaler")),
        t(N_("Vi har besluttet, at du ikke længere selv kan booke dine jobsamtaler. Fremover indkalder vi dig til samtalerne.")),
        (
            t(N_("Vi har truffet afgørelsen, fordi %(ground)s."), ground=t(ground, basis=basis("R23", part))),
            Paragraph(t(N_("Vores konkrete vurdering:")), p["assessment"]),
        ),
        t.basis("R23"),
    )


def _not_covered(t: _T, p: Params) -> Letter:
    return _decision_letter(
        t, p,
        t(N_("Afgørelse: Du er ikke fritaget for jobsamtaler")),
        t(N_("Vi har besluttet, at du ikke er omfattet af reglerne om mindre intensiv indsats. Du skal derfor fortsat "
             "deltage i jobsamtaler og søge job.")),
        (Paragraph("", p["assessment"]),),
        t.basis("R26", "stk3"),
    )


def _notice(t: _T, p: Params, subject: str, *paragraphs: Paragraph | str) -> Letter:
    on = _day(p["on"])
    return Letter(
        subject,
        (_section(None, t(N_("Besked af %(day)s fra %(organisation)s"), day=on, organisation=p["organisation"])),
         _section(None, *paragraphs)),
        organisation=p["organisation"], dated=on,
    )


def _restoration(t: _T, p: Params) -> Letter:
    return _notice(
        t, p, t(N_("Du kan igen selv booke dine jobsamtaler")),
        t(N_("Vi har besluttet, at du igen selv kan booke dine jobsamtaler digitalt.")),
        Paragraph(t(N_("Begrundelse:")), p["assessment"]),
        t(N_("Reglerne står i %(rules)s."), rules=t.basis("R23", "genindsat")),
    )


def _exemption(t: _T, p: Params) -> Letter:
    return _notice(
        t, p, t(N_("Vi booker dine jobsamtaler for dig")),
        t(N_("Du skal ikke selv booke dine jobsamtaler. Vi indkalder dig i stedet. Det er ikke en sanktion.")),
        Paragraph(t(N_("Begrundelse:")), p["reason"]),
    )


def _exemption_lifted(t: _T, p: Params) -> Letter:
    return _notice(
        t, p, t(N_("Du skal igen selv booke dine jobsamtaler")),
        t(N_("Fremover booker du selv dine jobsamtaler digitalt.")),
        Paragraph(t(N_("Begrundelse:")), p["reason"]),
    )


def _referred_r4(t: _T, p: Params) -> Letter:
    on = _day(p["on"])
    return Letter(
        t(N_("Dit kontaktforløb er flyttet til jobcentret")),
        (_section(None, t(
            N_("Din a-kasse har %(day)s henvist dig til jobcentret, fordi du var under %(age)s år, da du meldte dig "
               "ledig, og ikke har en erhvervskompetencegivende uddannelse eller forældremyndighed over hjemmeboende "
               "børn. Jobcentret holder dine jobsamtaler fremover (%(rules)s)."),
            day=on, age=P.R4_AGE_LIMIT.on(on), rules=t.basis("R4"),
        )),),
    )


TEMPLATES: Mapping[str, Callable[[_T, Params], Letter]] = MappingProxyType({
    "interview_booked": _interview_booked,
    "interview_rebooked": _interview_rebooked,
    "interview_cancelled": _interview_cancelled,
    "interview_moved": _interview_moved,
    "format_raised": _format_raised,
    "revocation": _revocation,
    "restoration": _restoration,
    "self_booking_exemption": _exemption,
    "self_booking_exemption_lifted": _exemption_lifted,
    "not_covered": _not_covered,
    "referred_r4": _referred_r4,
})
"""Every message id a stored message or decision letter may carry; an id is never renamed (rows keep it)."""


def render(message_id: str, params: Params, gettext: Gettext | None = None, locale: str = "da") -> Letter:
    """The text ``message_id`` with ``params`` in the reader's language (Danish, as sent, without ``gettext``)."""
    return TEMPLATES[message_id](_T(gettext, locale), params)


def _text(message_id: str, **params: Any) -> Text:
    stored = {key: value.isoformat() if isinstance(value, (date, datetime)) else value for key, value in params.items()}
    letter = render(message_id, stored)
    return Text(letter.subject, letter.body, message_id, MappingProxyType(stored))


# ---- what the services call -------------------------------------------------------------------------------------


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


def interview_booked(
    kind: InterviewKind, organisation_name: str, start: datetime, format: Format, address: str | None,
    phone: str | None, *, called_in: bool, note: str | None = None, sender: str | None = None,
) -> Text:
    """A booking's receipt or a call-in; ``note`` is the caseworker's (``sender``'s) own message with a call-in."""
    return _text(
        "interview_booked", kind=kind.value, organisation=organisation_name, start=start, format=format.value,
        address=address, phone=phone, called_in=called_in, note=note.strip() if note and note.strip() else None,
        sender=sender,
    )


def interview_rebooked(kind: InterviewKind, old: datetime, new: datetime, format: Format) -> Text:
    return _text("interview_rebooked", kind=kind.value, old=old, new=new, format=format.value)


def interview_cancelled(
    kind: InterviewKind, start: datetime, by_citizen: bool, reason: str | None = None, next: str | None = None
) -> Text:
    """The message that an interview is cancelled; when the organisation cancels, it says why, and ``next``
    ("self_book" or "called_in", :data:`NEXT_AFTER_CANCELLING`) says what the person does then."""
    params: dict[str, Any] = {"next": next} if next else {}
    return _text("interview_cancelled", kind=kind.value, start=start, by_citizen=by_citizen, reason=reason or None, **params)


def interview_moved(kind: InterviewKind, start: datetime, organisation_name: str, caseworker: str | None) -> Text:
    """The message that another caseworker of the same organisation holds the interview, at the same time;
    ``caseworker`` is their name where the organisation shows caseworkers' names."""
    return _text("interview_moved", kind=kind.value, start=start, organisation=organisation_name, caseworker=caseworker)


def format_raised(kind: InterviewKind, start: datetime, reason: str, address: str | None) -> Text:
    return _text("format_raised", kind=kind.value, start=start, reason=reason, address=address)


def _afgoerelse(message_id: str, sender: Sender, on: date, **params: Any) -> Text:
    """An afgørelse dated ``on`` and available to the person the same day (it is sent to the inbox at once), so
    the last day to complain is :func:`appeal_deadline` of ``on``."""
    return _text(
        message_id, organisation=sender.name, address=sender.address, phone=sender.phone, on=on, available_on=on,
        appeal_by=appeal_deadline(on), **params,
    )


def revocation_letter(sender: Sender, ground: str, assessment: str, on: date) -> Text:
    return _afgoerelse("revocation", sender, on, ground=ground, assessment=assessment)


def not_covered_letter(sender: Sender, assessment: str, on: date) -> Text:
    return _afgoerelse("not_covered", sender, on, assessment=assessment)


def restoration_letter(sender: Sender, assessment: str, on: date) -> Text:
    return _text("restoration", organisation=sender.name, assessment=assessment, on=on)


def self_booking_exemption(sender: Sender, reason: str, on: date, lifted: bool) -> Text:
    return _text("self_booking_exemption_lifted" if lifted else "self_booking_exemption",
                 organisation=sender.name, reason=reason, on=on)


def referred_r4(on: date) -> Text:
    return _text("referred_r4", on=on)


def appeal_instructions(organisation: str, on: date) -> str:
    """The Danish "Sådan klager du" of an afgørelse from ``organisation`` made (and available) on ``on``."""
    params = {"organisation": organisation, "on": on.isoformat(), "available_on": on.isoformat(),
              "appeal_by": appeal_deadline(on).isoformat()}
    return _appeal(_T(None, "da"), params).plain
