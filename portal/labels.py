"""The domain's display labels, in one place: what every page calls a kind, a format, a status, a state.

The shared labels read the same to a citizen and to a caseworker, so the same thing has the same name on both
sides. The few that truly differ because they speak *to the person* ("Din a-kasse deltager på video", "Du er
indkaldt") are separate dicts named ``CITIZEN_*``. Templates see every dict here by its name (``init_app``).
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from portal.i18n import lazy_gettext as _l
from scheduling.course import (
    AkasseParticipation,
    BookedBy,
    DecisionKind,
    Format,
    InterviewKind,
    InterviewStatus,
    Organisation,
)
from scheduling.evaluation import ObligationState
from scheduling.vocabulary import (
    AuditAction,
    MessageKind,
    NoticeCategory,
    NoticeChoice,
    RecordKind,
    TimeslotStatus,
)

KIND_LABELS = {
    InterviewKind.JOBSAMTALE: _l("Jobsamtale"),
    InterviewKind.FAELLESSAMTALE: _l("Fælles jobsamtale"),
    InterviewKind.RAADIGHEDSSAMTALE: _l("Rådighedssamtale"),
    InterviewKind.CVSAMTALE: _l("CV-samtale"),
}
FORMAT_LABELS = {
    Format.PERSONLIGT: _l("Personligt fremmøde"),
    Format.TELEFONISK: _l("Telefonsamtale"),
    Format.VIDEO: _l("Videosamtale (personligt digitalt fremmøde)"),
}
STATUS_LABELS = {
    InterviewStatus.BOOKED: _l("Booket"),
    InterviewStatus.HELD: _l("Holdt"),
    InterviewStatus.MISSED: _l("Udeblevet"),
    InterviewStatus.CANCELLED: _l("Aflyst"),
}
STATE_LABELS = {
    ObligationState.MET: _l("Opfyldt"),
    ObligationState.OPEN: _l("Åben"),
    ObligationState.DUE_SOON: _l("Snart"),
    ObligationState.OVERDUE: _l("Overskredet"),
    ObligationState.SUSPENDED: _l("Sat i bero"),
    ObligationState.HELD_LATE: _l("Holdt for sent"),
}
# The DKFDS badge variant that goes with each state.
STATE_BADGES = {
    ObligationState.MET: "success",
    ObligationState.OPEN: "info",
    ObligationState.DUE_SOON: "warning",
    ObligationState.OVERDUE: "error",
    ObligationState.SUSPENDED: "info",
    ObligationState.HELD_LATE: "warning",
}
ORGANISATION_LABELS = {Organisation.AKASSE: _l("A-kassen"), Organisation.JOBCENTER: _l("Jobcentret")}
PARTICIPATION_LABELS = {
    AkasseParticipation.NONE: _l("A-kassen deltager ikke"),
    AkasseParticipation.VIDEO: _l("A-kassen deltager ved video"),
    AkasseParticipation.IN_PERSON: _l("A-kassen deltager ved fremmøde"),
}
BOOKED_BY_LABELS = {BookedBy.SELF: _l("Selvbooket"), BookedBy.CALLED_IN: _l("Indkaldt")}
DECISION_LABELS = {
    RecordKind.REVOKE_SELF_BOOKING: _l("Retten til selvbooking frataget (afgørelse)"),
    RecordKind.RESTORE_SELF_BOOKING: _l("Retten til selvbooking givet tilbage"),
    RecordKind.EXEMPT_FROM_SELF_BOOKING: _l("Fritaget for selvbooking"),
    RecordKind.LIFT_SELF_BOOKING_EXEMPTION: _l("Fritagelse for selvbooking ophævet"),
    RecordKind.NOT_COVERED: _l("Ikke omfattet af fritagelsen (afgørelse)"),
    RecordKind.FORMAT_RAISED: _l("Samtaleform skiftet til personligt fremmøde"),
}
TIMESLOT_STATUS_LABELS = {
    TimeslotStatus.PROPOSED: _l("Foreslået"),
    TimeslotStatus.ACCEPTED: _l("Accepteret"),
    TimeslotStatus.DECLINED: _l("Afvist"),
}
# Weekdays by number (0 = Monday), as a recurring timeslot names its day.
WEEKDAY_LABELS = (_l("mandag"), _l("tirsdag"), _l("onsdag"), _l("torsdag"), _l("fredag"), _l("lørdag"), _l("søndag"))

# ---- addressed to the person ------------------------------------------------------------------------------------

CITIZEN_PARTICIPATION_LABELS = {
    AkasseParticipation.NONE: _l("Din a-kasse deltager ikke"),
    AkasseParticipation.VIDEO: _l("Din a-kasse deltager på video"),
    AkasseParticipation.IN_PERSON: _l("Din a-kasse møder op sammen med dig"),
}
# The answers to "Skal a-kassen deltage?" in the booking step guide.
CITIZEN_PARTICIPATION_CHOICES = {
    AkasseParticipation.NONE: _l("Nej, a-kassen skal ikke deltage"),
    AkasseParticipation.VIDEO: _l("Ja, a-kassen deltager på video"),
    AkasseParticipation.IN_PERSON: _l("Ja, a-kassen skal møde op sammen med mig"),
}
CITIZEN_BOOKED_BY_LABELS = {
    BookedBy.SELF: _l("Du har selv booket samtalen"),
    BookedBy.CALLED_IN: _l("Du er indkaldt"),
}
# What the person chooses the channel(s) for, and the choices (Kontaktoplysninger, issue 15).
CITIZEN_NOTICE_CATEGORY_LABELS = {
    NoticeCategory.BOOKINGS: _l("Bookinger, flytninger og aflysninger"),
    NoticeCategory.CALL_INS: _l("Indkaldelser"),
    NoticeCategory.FORMAT: _l("Ændret samtaleform"),
    NoticeCategory.DECISIONS: _l("Afgørelser"),
    NoticeCategory.COURSE: _l("Selvbooking og visitering"),
    NoticeCategory.REMINDERS: _l("Påmindelser dagen før en samtale"),
    NoticeCategory.BOOK_BY: _l("Påmindelser om at booke en samtale"),
}
NOTICE_CHOICE_LABELS = {
    NoticeChoice.EMAIL: _l("E-mail"),
    NoticeChoice.SMS: _l("SMS"),
    NoticeChoice.BOTH: _l("Både e-mail og SMS"),
    NoticeChoice.NONE: _l("Ingen besked"),
}

TEMPLATE_GLOBALS: dict[str, Any] = {
    name: value for name, value in globals().items() if name.endswith(("_LABELS", "_BADGES", "_CHOICES"))
}
# The vocabulary itself, so a template compares against a member, never a string (``i.status == InterviewStatus.BOOKED``).
TEMPLATE_GLOBALS.update(
    {
        enum.__name__: enum
        for enum in (
            AkasseParticipation, AuditAction, BookedBy, DecisionKind, Format, InterviewKind, InterviewStatus,
            MessageKind, Organisation, RecordKind, TimeslotStatus,
        )
    }
)


def init_app(app: Flask) -> None:
    """Every template sees the labels by their names here (``KIND_LABELS[i.kind]``)."""
    app.jinja_env.globals.update(TEMPLATE_GLOBALS)
