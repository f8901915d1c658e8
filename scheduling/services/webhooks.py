"""Webhooks (issue 16): an organisation's system is told, at a URL it subscribed, when an interview of a person it
serves is booked, moved, cancelled, held or missed, and when a decision is made. Optional: an organisation without
a subscription gets nothing and costs one indexed look-up per change.

**Written with the change.** Every service that changes something writes its audit line in the change's
transaction (:func:`scheduling.services.audit.record`), and the audit line of a change an organisation may
subscribe to (:data:`EVENT_OF_ACTION`) calls :func:`announce`, which writes one notice per interested subscription
into the outbox (:mod:`scheduling.services.notices`) in that same transaction: an event is never sent for a change
that rolled back, and never lost for one that committed. Every path that books, moves (the person, or a caseworker
for an absence), cancels, records or decides writes its audit line, so every path is covered, including ones
added later (the API's).

**Who is told.** The organisations concerned by a change to a person's course: the person's a-kasse and their
jobcenter (the two that serve the person: :func:`scheduling.services.access.serves`, who sees the person in the
caseworker pages and through the API), and the organisation holding the interview if it is neither of them any
more (it was responsible). Each of their active subscriptions that chose the event gets its own delivery.

**Nothing personal.** An event holds ids, times, the format, the status, the kind and the rule: never a CPR
number, a name, an address, a video link, a caseworker's note or a decision's reasons (free text). The receiver
reads more through the API with its token, where visibility is checked.

**Delivery.** The outbox's worker (``flask --app portal notices send``) claims the events with the e-mails
(``FOR UPDATE SKIP LOCKED``), POSTs each as JSON (:mod:`portal.webhooks.sender`) signed with the subscription's
secret (:func:`signature`), and records it: a 2xx answer is delivered; anything else, or no answer in time, is
tried again after the outbox's back-off and failed after its limit (the administrator's list of failed notices
shows it). At least once: ``Selvbooking-Delivery`` (the notice's key) is the same on every attempt, so the receiver
drops a second copy; ``t`` in the signature lets it refuse a replay. The format: ``docs/api.md``, "Webhooks".
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import re
import secrets
import socket
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from scheduling.adapters.orm import InterviewRow, NoticeRow, WebhookSubscriptionRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.reasons import N_
from scheduling.services import audit
from scheduling.services.errors import InvalidInput, NotFound
from scheduling.vocabulary import (
    SUBSCRIBABLE_EVENTS,
    ActorKind,
    AuditAction,
    AuditObject,
    NoticeChannel,
    NoticeKind,
    NoticeStatus,
    RecordKind,
    WebhookEvent,
)

#: The audit action of each change an organisation may subscribe to, and its event.
EVENT_OF_ACTION: Mapping[AuditAction, WebhookEvent] = {
    AuditAction.SELF_BOOK: WebhookEvent.INTERVIEW_BOOKED,
    AuditAction.CALL_IN: WebhookEvent.INTERVIEW_BOOKED,
    AuditAction.REBOOK: WebhookEvent.INTERVIEW_MOVED,
    AuditAction.CANCEL: WebhookEvent.INTERVIEW_CANCELLED,
    AuditAction.RECORD_HELD: WebhookEvent.INTERVIEW_HELD,
    AuditAction.RECORD_MISSED: WebhookEvent.INTERVIEW_MISSED,
    AuditAction.RAISE_FORMAT: WebhookEvent.DECISION_MADE,  # R17: recorded as a decision on the interview
    AuditAction.REVOKE_SELF_BOOKING: WebhookEvent.DECISION_MADE,
    AuditAction.RESTORE_SELF_BOOKING: WebhookEvent.DECISION_MADE,
    AuditAction.EXEMPT_FROM_SELF_BOOKING: WebhookEvent.DECISION_MADE,
    AuditAction.LIFT_SELF_BOOKING_EXEMPTION: WebhookEvent.DECISION_MADE,
    AuditAction.NOT_COVERED: WebhookEvent.DECISION_MADE,
}

#: The rule each kind of decision is made under (its legal basis is in the rules catalogue, ``/regler``).
RULE_OF_DECISION: Mapping[RecordKind, str] = {
    RecordKind.REVOKE_SELF_BOOKING: "R23",
    RecordKind.RESTORE_SELF_BOOKING: "R23",
    RecordKind.EXEMPT_FROM_SELF_BOOKING: "R23",
    RecordKind.LIFT_SELF_BOOKING_EXEMPTION: "R23",
    RecordKind.NOT_COVERED: "R26",
    RecordKind.FORMAT_RAISED: "R17",
}

#: Header names (``docs/api.md``, "Webhooks").
EVENT_HEADER = "Selvbooking-Event"
DELIVERY_HEADER = "Selvbooking-Delivery"
SIGNATURE_HEADER = "Selvbooking-Signature"

#: How old a signature's ``t`` a receiver should accept (seconds): the documented window against replays.
TOLERANCE_SECONDS = 300

SECRET_PREFIX = "whsec_"  # nosec B105  # the prefix of a generated secret, not a secret
URL_LENGTH = 2000
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: Names that never lead to the internet: the loopback name and the suffixes of local networks (RFC 6761, 6762,
#: 8375) and the private-use top-level domain ``internal``.
LOCAL_NAMES = ("localhost", ".localhost", ".local", ".localdomain", ".internal", ".home.arpa")

DEACTIVATED_ERROR = "Abonnementet blev deaktiveret, før hændelsen blev sendt (subscription deactivated)."

BAD_URL = N_("Skriv en fuld adresse, der begynder med https://, fx https://sag.example.dk/selvbooking/webhook.")
HTTPS_ONLY = N_("Adressen skal begynde med https://. Hændelserne sendes kun krypteret.")
INTERNAL_ADDRESS = N_("Adressen peger på et internt netværk (lokal, privat eller reserveret adresse). Hændelserne sendes kun til en offentlig adresse på internettet.")
NO_CREDENTIALS = N_("Adressen må ikke indeholde brugernavn eller adgangskode. Brug den hemmelige nøgle til at kontrollere afsenderen.")
URL_TOO_LONG = N_("Adressen må højst være %(length)s tegn.")
NO_EVENTS = N_("Vælg mindst én hændelse.")
UNKNOWN_EVENT = N_("Vælg hændelserne fra listen.")


@dataclass(frozen=True)
class Subscription:
    """A subscription as the administration page shows it (never its secret)."""

    id: int
    url: str
    events: tuple[WebhookEvent, ...]
    active: bool
    created_at: datetime
    deactivated_at: datetime | None
    last_delivery_at: datetime | None
    failed: int


@dataclass(frozen=True)
class Created:
    """A new subscription and its secret: the only time the secret is shown."""

    id: int
    secret: str


@dataclass(frozen=True)
class Target:
    """Where and how the worker delivers a subscription's events."""

    url: str
    secret: str


# ---- pure: the URL, the body, the signature ---------------------------------------------------------------------


IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def literal_address(host: str) -> IpAddress | None:
    """The IP address a URL's host is when it is written as one, also in the old forms resolvers still accept
    (``127.1``, ``0x7f.0.0.1``, ``2130706433``), or None for a name."""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])  # an IPv6 zone ("%eth0") names no other address
    except ValueError:
        pass
    if re.fullmatch(r"[0-9a-fA-FxX.]+", host) and any(c.isdigit() for c in host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def is_public(address: IpAddress) -> bool:
    """Whether an address is on the public internet: not loopback, private, link-local, shared (CGNAT),
    documentation, reserved, multicast or unspecified; an IPv4 address inside IPv6 counts as itself."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
        if address.is_site_local:
            return False
    return address.is_global and not address.is_multicast and not address.is_reserved


# IPv6 prefixes whose addresses carry an IPv4 address that a gateway (NAT64, 6to4) or the stack reaches instead.
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64
    (64:ff9b::a.b.c.d) or 6to4 (2002:aabb:ccdd::) address, or None."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _IPV4_COMPATIBLE or any(address in network for network in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def deliverable(address: str, *, allow_loopback: bool = False) -> bool:
    """Whether the worker may connect to ``address`` (an IP address as the resolver or the socket gives it): a
    public one, or a loopback one when ``allow_loopback`` (development and tests)."""
    found = literal_address(address)
    return found is not None and (is_public(found) or (allow_loopback and found.is_loopback))


def _internal_host(host: str, allow_loopback: bool) -> bool:
    """Whether a URL's host is an address or a name of an internal network (loopback only when allowed)."""
    address = literal_address(host)
    if address is not None:
        return not deliverable(str(address), allow_loopback=allow_loopback)
    if allow_loopback and host == "localhost":
        return False
    return host == LOCAL_NAMES[0] or host.endswith(LOCAL_NAMES[1:])


def checked_url(url: str | None, *, allow_loopback_http: bool = False) -> str:
    """The URL to deliver to, or :class:`InvalidInput` saying why not: an absolute https URL with a host, no
    user name or password in it, at most :data:`URL_LENGTH` characters, whose host is not an address or a name
    of an internal network (loopback, private, link-local, reserved …: a subscription must not make the server
    call inside its own network). ``http://`` and loopback only to 127.0.0.1, ::1 or localhost, and only when
    ``allow_loopback_http`` (development and tests). The worker checks the address again when it connects
    (:func:`deliverable`), as a name may resolve to an internal address later."""
    text = (url or "").strip()
    if len(text) > URL_LENGTH:
        raise InvalidInput.because(URL_TOO_LONG, length=URL_LENGTH).on("url")
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        raise InvalidInput.because(BAD_URL).on("url") from None
    if parts.scheme not in ("https", "http") or not parts.hostname or not port_ok or any(c.isspace() for c in text):
        raise InvalidInput.because(BAD_URL).on("url")
    if parts.username is not None or parts.password is not None:
        raise InvalidInput.because(NO_CREDENTIALS).on("url")
    if parts.scheme == "http" and not (allow_loopback_http and parts.hostname in LOOPBACK_HOSTS):
        raise InvalidInput.because(HTTPS_ONLY).on("url")
    if _internal_host(parts.hostname.rstrip("."), allow_loopback_http):
        raise InvalidInput.because(INTERNAL_ADDRESS).on("url")
    return text


def checked_events(events: Collection[str]) -> list[str]:
    """The events chosen, in the vocabulary's order; :class:`InvalidInput` for none or an unknown one."""
    chosen = set(events)
    if not chosen:
        raise InvalidInput.because(NO_EVENTS).on("events")
    if chosen - {str(e) for e in SUBSCRIBABLE_EVENTS}:
        raise InvalidInput.because(UNKNOWN_EVENT).on("events")
    return [str(e) for e in SUBSCRIBABLE_EVENTS if e in chosen]


def body(params: Mapping[str, Any]) -> bytes:
    """The request body of an event stored with ``params`` (``id``, ``type``, ``created_at``, ``data``): compact
    JSON, keys sorted, UTF-8. The same bytes on every attempt."""
    return json.dumps(dict(params), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def signature(secret: str, timestamp: int, payload: bytes) -> str:
    """The ``Selvbooking-Signature`` header: ``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
    secret>``."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, header: str, payload: bytes, now: int, tolerance: int = TOLERANCE_SECONDS) -> bool:
    """What a receiver does (``docs/api.md`` shows the same in a few lines): the header's ``v1`` is the HMAC of
    ``t`` and the body, and ``t`` is within ``tolerance`` seconds of ``now``."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields.get("t", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, payload).split("v1=", 1)[1]
    return hmac.compare_digest(expected, fields.get("v1", ""))


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


# ---- writing events: in the change's transaction ------------------------------------------------------------------


def announce(
    uow: AbstractUnitOfWork,
    now: datetime,
    action: AuditAction,
    object_type: AuditObject,
    object_id: int | None,
    citizen_id: int | None,
    details: Mapping[str, Any],
) -> int:
    """Write the webhook event of the change an audit line records (:data:`EVENT_OF_ACTION`), one delivery per
    interested subscription, in the caller's transaction. Returns how many were written."""
    event = EVENT_OF_ACTION.get(action)
    citizen = uow.repo.citizen(citizen_id) if event is not None and citizen_id is not None else None
    if event is None or citizen is None or object_id is None:
        return 0
    interview = uow.repo.interview(object_id) if object_type == AuditObject.INTERVIEW else None
    organisations = {citizen.akasse_id, citizen.jobcenter_id} | ({interview.organisation_id} if interview else set())
    wanting = [sid for sid, events in uow.repo.webhook_subscribers(sorted(organisations)) if str(event) in events]
    if not wanting:
        return 0
    if event == WebhookEvent.DECISION_MADE:
        decision_id = object_id if object_type == AuditObject.DECISION else details.get("decision_id")
        data = _decision_data(uow, citizen.id, decision_id)
    else:
        data = _interview_data(interview, details) if interview is not None else None
    if data is None:
        return 0
    params = {"id": f"evt_{secrets.token_hex(12)}", "type": str(event), "created_at": now.isoformat(), "data": data}
    for subscription_id in wanting:
        uow.repo.append(_delivery(subscription_id, event, params, now, interview.id if interview else None))
    return len(wanting)


def _delivery(
    subscription_id: int, event: WebhookEvent, params: Mapping[str, Any], now: datetime, interview_id: int | None
) -> NoticeRow:
    """One subscription's delivery of an event: a notice in the outbox, due at once. Its key is the
    ``Selvbooking-Delivery`` header."""
    return NoticeRow(
        key=f"whd_{secrets.token_hex(16)}", recipient_kind=ActorKind.WEBHOOK, recipient_id=subscription_id,
        channel=NoticeChannel.WEBHOOK, kind=NoticeKind.WEBHOOK_EVENT, topic=str(event), params=dict(params),
        address=None, locale="da", interview_id=interview_id, interview_uid=None, status=NoticeStatus.PENDING,
        attempts=0, next_attempt_at=now, created_at=now,
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else (str(value) if value else None)


def _interview_data(row: InterviewRow, details: Mapping[str, Any]) -> dict[str, Any]:
    """An interview as an event carries it: ids, times, kind, format, status, who booked it. Nothing else."""
    data: dict[str, Any] = {
        "person_id": row.citizen_id,
        "interview_id": row.id,
        "course_id": row.course_id,
        "organisation_id": row.organisation_id,
        "organisation": str(row.organisation),
        "kind": str(row.kind),
        "start": row.start_at.isoformat(),
        "end": row.end_at.isoformat(),
        "format": str(row.format),
        "status": str(row.status),
        "booked_by": str(row.booked_by),
        "akasse_participation": str(row.akasse_participation) if row.akasse_participation else None,
        "sequence": row.sequence,
    }
    if details.get("old_start"):
        data["previous_start"] = _iso(details["old_start"])
    return data


def _decision_data(uow: AbstractUnitOfWork, citizen_id: int, decision_id: Any) -> dict[str, Any] | None:
    """A decision as an event carries it: ids, kind, rule, whether it is an afgørelse, when. Never its reasons."""
    decision = uow.repo.decision(int(decision_id)) if decision_id is not None else None
    if decision is None:
        return None
    return {
        "person_id": citizen_id,
        "decision_id": decision.id,
        "course_id": decision.course_id,
        "organisation_id": decision.organisation_id,
        "organisation": str(decision.organisation),
        "kind": str(decision.kind),
        "rule": RULE_OF_DECISION.get(decision.kind),
        "is_afgoerelse": bool(decision.is_afgoerelse),
        "made_at": decision.made_at.isoformat(),
        "interview_id": decision.interview_id,
    }


# ---- the administrator's use cases --------------------------------------------------------------------------------


def _admin(uow: AbstractUnitOfWork, admin_id: int) -> int:
    """The administrator's organisation; NotFound for anyone else."""
    admin = uow.repo.caseworker(admin_id)
    if admin is None or admin.disabled or not admin.is_admin:
        raise NotFound()
    return admin.organisation_id


def _own(uow: AbstractUnitOfWork, organisation_id: int, subscription_id: int, *, lock: bool = False) -> WebhookSubscriptionRow:
    row = uow.repo.webhook_subscription(subscription_id, lock=lock)
    if row is None or row.organisation_id != organisation_id:
        raise NotFound()
    return row


def subscribe(
    uow: AbstractUnitOfWork,
    now: datetime,
    admin_id: int,
    url: str,
    events: Collection[str],
    *,
    allow_loopback_http: bool = False,
) -> Created:
    """An administrator subscribes a URL of their organisation to ``events``; returns the id and the secret (shown
    once). :class:`InvalidInput` for a URL or events that cannot be used (nothing written)."""
    checked, chosen = checked_url(url, allow_loopback_http=allow_loopback_http), checked_events(events)
    with uow:
        organisation_id = _admin(uow, admin_id)
        secret = new_secret()
        row = WebhookSubscriptionRow(
            organisation_id=organisation_id, url=checked, secret=secret, events=chosen, active=True, created_at=now,
            created_by_id=admin_id,
        )
        uow.repo.add(row)
        uow.flush()
        audit.record(uow, now, audit.Actor.caseworker(admin_id), AuditAction.WEBHOOK_SUBSCRIBED, AuditObject.WEBHOOK,
                     row.id, url=checked, events=chosen)
        uow.commit()
        return Created(row.id, secret)


def deactivate(uow: AbstractUnitOfWork, now: datetime, admin_id: int, subscription_id: int) -> None:
    """The administrator stops a subscription: no new events, and its events not yet delivered are failed (with
    why). Deactivating one that is inactive already changes nothing."""
    with uow:
        organisation_id = _admin(uow, admin_id)
        row = _own(uow, organisation_id, subscription_id, lock=True)
        if not row.active:
            return
        row.active, row.deactivated_at = False, now
        uow.flush()
        uow.repo.fail_pending_webhook_notices(row.id, DEACTIVATED_ERROR)
        audit.record(uow, now, audit.Actor.caseworker(admin_id), AuditAction.WEBHOOK_DEACTIVATED, AuditObject.WEBHOOK,
                     row.id)
        uow.commit()


def ping(uow: AbstractUnitOfWork, now: datetime, admin_id: int, subscription_id: int) -> str:
    """A test event (``ping``) to one active subscription, through the outbox like any event; returns its delivery
    id. NotFound for another organisation's or an inactive subscription."""
    with uow:
        organisation_id = _admin(uow, admin_id)
        row = _own(uow, organisation_id, subscription_id)
        if not row.active:
            raise NotFound()
        params = {
            "id": f"evt_{secrets.token_hex(12)}", "type": str(WebhookEvent.PING), "created_at": now.isoformat(),
            "data": {"subscription_id": row.id, "organisation_id": organisation_id},
        }
        delivery = _delivery(row.id, WebhookEvent.PING, params, now, None)
        uow.repo.append(delivery)
        uow.commit()
        return delivery.key


def subscriptions(uow: AbstractUnitOfWork, admin_id: int) -> list[Subscription]:
    """The administrator's organisation's subscriptions, active first (read side)."""
    with uow:
        organisation_id = _admin(uow, admin_id)
        return [
            Subscription(row.id, row.url, events_of(row.events), row.active, row.created_at, row.deactivated_at, last, failed)
            for row, last, failed in uow.repo.organisation_webhooks(organisation_id)
        ]


def target(uow: AbstractUnitOfWork, subscription_id: int) -> Target | None:
    """Where the worker delivers the subscription's events now (None: it is gone or deactivated)."""
    with uow:
        row = uow.repo.webhook_subscription(subscription_id)
        return Target(row.url, row.secret) if row is not None and row.active else None


def events_of(values: Sequence[str]) -> tuple[WebhookEvent, ...]:
    """Stored event names as the vocabulary's members (unknown names left out)."""
    known = {str(e): e for e in WebhookEvent}
    return tuple(known[v] for v in values if v in known)
