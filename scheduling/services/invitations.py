"""Calendar invitations by e-mail (iMIP, RFC 6047) to the caseworkers taking part in an interview (issue 15).

Every change of an interview that tells the person in their inbox (booked, called in, rebooked or moved, also to a
colleague for an absence, format raised, cancelled: the :data:`~scheduling.vocabulary.CALENDAR_MESSAGE_KINDS`)
calls :func:`invite_caseworkers` from :func:`scheduling.services.messages.send`, in the same transaction: an
``invitation`` notice to each caseworker taking part, with an e-mail address, and one to each caseworker last sent
a REQUEST who no longer takes part (moved away), and to the person if they asked for invitations on Kontaktoplysninger and have a confirmed
address. A standing interview sends REQUEST with its SEQUENCE, a cancelled
one CANCEL, and a caseworker who left it gets CANCEL — never a REQUEST then. The notice stores the METHOD and
SEQUENCE it was written for (``params``), so that a CANCEL stays a CANCEL whenever the worker sends it; the rest
of the mail (time, format, video link) is read from the interview at sending time
(:mod:`portal.notices.invitations`). The UID is the interview's, the same as its ``.ics`` file and feeds.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from scheduling.adapters.orm import InterviewRow, NoticeRow
from scheduling.adapters.unit_of_work import AbstractUnitOfWork
from scheduling.course import InterviewStatus
from scheduling.services.notices import new_key
from scheduling.vocabulary import ActorKind, NoticeChannel, NoticeKind, NoticeStatus

#: The invitation notice's topic.
TOPIC = "invitation"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def invite_caseworkers(
    uow: AbstractUnitOfWork, interview_id: int, now: datetime, *, claimed: Collection[int] | None = None
) -> list[NoticeRow]:
    """Write the invitation notices for the interview's change (see the module): REQUEST (or CANCEL, once it is
    cancelled) to each caseworker taking part, CANCEL to those invited before who no longer take part.
    ``claimed``: see :func:`invitation_rows`."""
    rows = invitation_rows(uow, interview_id, now, claimed=claimed)
    uow.repo.append_all(rows)
    return rows


def invitation_rows(
    uow: AbstractUnitOfWork, interview_id: int, now: datetime, *, claimed: Collection[int] | None = None
) -> list[NoticeRow]:
    """The notices :func:`invite_caseworkers` writes, not yet written. ``claimed``: the interview is new and these
    are the caseworkers the caller has just claimed for it — the only ones taking part, and nobody was invited
    before — so neither is read from the database."""
    row = uow.repo.interview(interview_id)
    if row is None:
        return []
    method = CANCEL if row.status == InterviewStatus.CANCELLED else REQUEST
    if claimed is not None:
        taking_part, left = set(claimed), set()
    else:
        taking_part = {p.caseworker_id for p in row.participants}
        left = uow.repo.invited_caseworkers(interview_id) - taking_part
    chosen = [(caseworker_id, method) for caseworker_id in sorted(taking_part)]
    chosen += [(caseworker_id, CANCEL) for caseworker_id in sorted(left)]
    addresses = uow.repo.caseworker_addresses(taking_part | left) if chosen else {}  # one read for all of them
    written = [
        _invitation(row, ActorKind.CASEWORKER, caseworker_id, "da", how, now)
        for caseworker_id, how in chosen
        if addresses.get(caseworker_id)
    ]
    written.extend(_citizen_notice(uow, row, method, now))
    return written


def _citizen_notice(uow: AbstractUnitOfWork, row: InterviewRow, method: str, now: datetime) -> list[NoticeRow]:
    """The person's own invitation, if they asked for them and have a confirmed address."""
    citizen = uow.repo.citizen(row.citizen_id)
    if citizen is None or not citizen.calendar_invitations or not citizen.email:
        return []
    return [_invitation(row, ActorKind.CITIZEN, citizen.id, citizen.locale or "da", method, now)]


def _invitation(row: InterviewRow, kind: ActorKind, recipient_id: int, locale: str, method: str, now: datetime) -> NoticeRow:
    return NoticeRow.appended(
        key=new_key(), recipient_kind=kind, recipient_id=recipient_id, channel=NoticeChannel.EMAIL,
        kind=NoticeKind.INVITATION, topic=TOPIC, address=None, locale=locale,
        params={
            "method": method, "sequence": row.sequence, "interview_id": row.id,
            "start": row.start_at.isoformat(), "format": str(row.format),
        },
        interview_id=row.id, interview_uid=row.uid, status=NoticeStatus.PENDING, attempts=0, next_attempt_at=now,
        created_at=now,
    )
