"""One vocabulary: every stored word the services, the demo, the pages and the templates share.

Each is a ``StrEnum`` whose value is what the database stores, so ``AuditAction.REFER_R4 == "refer_r4"`` and a
row read back compares equal to its member. The services write only these members; the demo writes through the
services; the portal's labels and templates compare against them (they are Jinja globals). A new word is a new
member here, never a string literal at the place that writes it.

Plain Python, like the rules core: no SQLAlchemy, no Flask. The database adapter (:mod:`scheduling.adapters.orm`)
stores these values; it does not define them.
"""

from __future__ import annotations

from enum import StrEnum


class ActorKind(StrEnum):
    """Who did something, for the audit log."""

    CITIZEN = "borger"
    CASEWORKER = "sagsbehandler"
    SUPERVISOR = "tilsyn"  # the agency's supervisor (issue 17)
    SYSTEM = "system"
    WEBHOOK = "webhook"  # never an actor: the recipient of a webhook event in the outbox (a subscription's id)


class AuditAction(StrEnum):
    """What an audit line records: one member per use case that changes something (and the CPR view)."""

    # the person's own booking (scheduling.services.booking)
    SELF_BOOK = "self_book"
    REBOOK = "rebook"
    CANCEL = "cancel"
    # the caseworker's booking use cases
    CALL_IN = "call_in"
    RAISE_FORMAT = "raise_format"
    RECORD_HELD = "record_afholdt"
    RECORD_MISSED = "record_udeblevet"
    # registrations on a course (scheduling.services.registrations)
    COURSE_CREATED = "course_created"
    REFER_R4 = "refer_r4"
    REGISTER_CONTROL_ACTION = "register_control_action"
    REGISTER_EXEMPTION = "register_exemption"
    REGISTER_HOURS = "register_hours"
    # decisions (scheduling.services.decisions): the value of the decision's RecordKind
    REVOKE_SELF_BOOKING = "fratagelse_selvbooking"
    RESTORE_SELF_BOOKING = "genoptagelse_selvbooking"
    EXEMPT_FROM_SELF_BOOKING = "fritagelse_selvbooking"
    LIFT_SELF_BOOKING_EXEMPTION = "ophaev_fritagelse_selvbooking"
    NOT_COVERED = "ikke_omfattet"
    # availability and the organisations' agreements (scheduling.services.availability)
    SET_WORKING_HOURS = "set_working_hours"
    SET_OFFER = "set_offer"
    ADD_ABSENCE = "add_absence"
    REMOVE_ABSENCE = "remove_absence"
    UPDATE_SETTINGS = "update_settings"
    PROPOSE_TIMESLOT = "propose_timeslot"
    TIMESLOT_ACCEPTED = "timeslot_accepteret"
    TIMESLOT_DECLINED = "timeslot_afvist"
    END_TIMESLOT = "timeslot_afsluttet"
    # calendars (scheduling.services.calendars)
    RENEW_CALENDAR_FEED = "renew_calendar_feed"
    IMPORT_BUSY_TIMES = "import_busy_times"
    # accounts (scheduling.services.accounts)
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    PASSWORD_CHANGED = "password_changed"  # nosec B105  # the name of an audit action, not a password
    PASSWORD_RESET = "password_reset"  # nosec B105  # the name of an audit action, not a password
    CASEWORKER_CREATED = "caseworker_created"
    CASEWORKER_DISABLED = "caseworker_disabled"
    CASEWORKER_ENABLED = "caseworker_enabled"
    LEADER_GRANTED = "leader_granted"  # an administrator made a caseworker one of the leaders (issue 17)
    LEADER_WITHDRAWN = "leader_withdrawn"
    SUPERVISOR_CREATED = "supervisor_created"  # the operator's command (flask tilsyn opret-tilsynsfoerende)
    SUPERVISOR_DISABLED = "supervisor_disabled"
    # an organisation's webhooks (scheduling.services.webhooks)
    WEBHOOK_SUBSCRIBED = "webhook_subscribed"
    WEBHOOK_DEACTIVATED = "webhook_deactivated"
    # the integration API's tokens (scheduling.services.api_tokens)
    API_TOKEN_CREATED = "api_token_created"  # nosec B105  # the name of an audit action, not a token
    API_TOKEN_REVOKED = "api_token_revoked"  # nosec B105  # the name of an audit action, not a token
    # access, not a change: left out of the person's history (scheduling.services.audit.record_person_page_view)
    CPR_VIEWED = "cpr_viewed"


class AuditObject(StrEnum):
    """What kind of thing an audit line is about (with its id)."""

    INTERVIEW = "interview"
    COURSE = "course"
    CITIZEN = "citizen"
    CASEWORKER = "caseworker"
    SUPERVISOR = "supervisor"
    ORGANISATION = "organisation"
    API_TOKEN = "api_token"  # nosec B105  # the kind of object, not a token
    DECISION = "decision"
    EXEMPTION = "exemption"
    CONTROL_ACTION = "control_action"
    HOUR_ENTRY = "hour_entry"
    ABSENCE = "absence"
    TIMESLOT = "timeslot"
    WEBHOOK = "webhook"


class MessageKind(StrEnum):
    """What a message in the person's inbox is about."""

    BOOKING = "booking"  # they booked an interview themselves
    CALL_IN = "indkaldelse"  # they were called in
    REBOOKING = "ombooking"
    CANCELLATION = "aflysning"
    FORMAT_RAISED = "samtaleform"  # R17
    DECISION = "afgoerelse"  # an afgørelse with appeal instructions (R23, R26)
    SELF_BOOKING = "selvbooking"  # self-booking given back, or an exemption from it (no afgørelse)
    REFERRAL = "visitering"  # R4: referred to the jobcenter


#: Messages that book, change or cancel an interview; their page offers the interview's .ics.
CALENDAR_MESSAGE_KINDS = frozenset(
    {MessageKind.BOOKING, MessageKind.CALL_IN, MessageKind.REBOOKING, MessageKind.CANCELLATION, MessageKind.FORMAT_RAISED}
)


class RecordKind(StrEnum):
    """Every kind of decision the portal records. The first four are :class:`scheduling.course.DecisionKind`."""

    REVOKE_SELF_BOOKING = "fratagelse_selvbooking"  # R23, an afgørelse
    RESTORE_SELF_BOOKING = "genoptagelse_selvbooking"  # R23
    EXEMPT_FROM_SELF_BOOKING = "fritagelse_selvbooking"  # not the person's fault; no afgørelse against them
    LIFT_SELF_BOOKING_EXEMPTION = "ophaev_fritagelse_selvbooking"
    NOT_COVERED = "ikke_omfattet"  # R26, LAB § 106, stk. 3: an afgørelse
    FORMAT_RAISED = "samtaleform_haevet"  # R17: not an afgørelse, but recorded with its reason


class TimeslotStatus(StrEnum):
    """An agreed timeslot for joint interviews (R22): proposed by a jobcenter, accepted or declined by an a-kasse."""

    PROPOSED = "foreslaaet"
    ACCEPTED = "accepteret"
    DECLINED = "afvist"


class BusySource(StrEnum):
    """Where a caseworker's busy time came from (issue 6)."""

    ICS_UPLOAD = "ics-upload"
    ICS_URL = "ics-url"


def decision_action(kind: RecordKind) -> AuditAction:
    """The audit action of a decision of ``kind`` (a raised format is audited on its interview instead)."""
    return AuditAction(kind.value)


def record_action(held: bool) -> AuditAction:
    """The audit action of recording an interview held or missed."""
    return AuditAction.RECORD_HELD if held else AuditAction.RECORD_MISSED


def timeslot_action(status: TimeslotStatus) -> AuditAction:
    """The audit action of an a-kasse answering a proposed timeslot."""
    return {TimeslotStatus.ACCEPTED: AuditAction.TIMESLOT_ACCEPTED, TimeslotStatus.DECLINED: AuditAction.TIMESLOT_DECLINED}[status]


class NoticeChannel(StrEnum):
    """How a notice reaches a person outside the portal (the outbox, :mod:`scheduling.services.notices`), or an
    organisation's system (a webhook event, :mod:`scheduling.services.webhooks`)."""

    EMAIL = "email"
    SMS = "sms"
    WEBHOOK = "webhook"


class NoticeCategory(StrEnum):
    """What a notice is about, as the person chooses its channel(s) on their settings (issue 15,
    :mod:`scheduling.notice_choices`); stored as the keys of ``citizens.notice_choices``."""

    BOOKINGS = "bookinger"  # a booking, a move, a cancellation
    CALL_INS = "indkaldelser"  # binding: they must attend
    FORMAT = "samtaleform"  # binding: R17, the interview is raised to in person
    DECISIONS = "afgoerelser"  # binding: an afgørelse (R23, R26)
    COURSE = "forloeb"  # self-booking given back or exempted, a referral to the jobcenter (R4)
    REMINDERS = "paamindelser"  # the day before an interview
    BOOK_BY = "bookingfrist"  # a few days before the book-by date


class NoticeChoice(StrEnum):
    """The person's choice for a :class:`NoticeCategory`: by e-mail, SMS, both, or none (only where allowed)."""

    EMAIL = "email"
    SMS = "sms"
    BOTH = "both"
    NONE = "none"


class NoticeKind(StrEnum):
    """What a notice is: news in the inbox, a reminder of an interview, a calendar invitation (iMIP)."""

    NOTICE = "notice"
    REMINDER = "reminder"
    INVITATION = "invitation"
    WEBHOOK_EVENT = "webhook_event"  # an event to an organisation's subscribed URL (issue 16)


class NoticeStatus(StrEnum):
    """Where a notice is in the outbox: waiting (or waiting again after a failed attempt), delivered, given up."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class WebhookEvent(StrEnum):
    """What an organisation's system may subscribe to (issue 16; the payloads: ``docs/api.md``, "Webhooks").
    ``ping`` is the administrator's test event, sent to one subscription whatever it subscribes to."""

    INTERVIEW_BOOKED = "interview.booked"
    INTERVIEW_MOVED = "interview.moved"
    INTERVIEW_CANCELLED = "interview.cancelled"
    INTERVIEW_HELD = "interview.held"
    INTERVIEW_MISSED = "interview.missed"
    DECISION_MADE = "decision.made"
    PING = "ping"


#: The events a subscription may choose (all but the test event).
SUBSCRIBABLE_EVENTS = tuple(event for event in WebhookEvent if event != WebhookEvent.PING)
