"""I dag's read model (issue 14) on SQLite and PostgreSQL: a caseworker's own interviews in a window of Danish days,
in time order, cancelled ones left out, each saying whether it is begun and still to record, and whether the
caseworker's organisation records it (R1)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from scheduling.adapters import db
from scheduling.adapters.orm import CaseworkerRow, CitizenRow, InterviewParticipantRow, InterviewRow
from scheduling.course import Format, InterviewKind
from scheduling.demo import seed_demo
from scheduling.services import agenda, booking
from scheduling.slots import COPENHAGEN

TODAY = date(2026, 11, 25)


def _at(offset: int, hhmm: str) -> datetime:
    return datetime.combine(TODAY + timedelta(days=offset), time.fromisoformat(hhmm), COPENHAGEN)


def _booked_with_birgitte(uow, birgitte: int, citizen: int) -> int:
    """The id of the demo's one booked interview of the person with Birgitte."""
    with uow() as w:
        (interview_id,) = w.session.scalars(
            select(InterviewRow.id)
            .join(InterviewParticipantRow, InterviewParticipantRow.interview_id == InterviewRow.id)
            .where(InterviewRow.citizen_id == citizen, InterviewRow.status == "booket",
                   InterviewParticipantRow.caseworker_id == birgitte)
        )
    return interview_id


def test_R1_a_caseworkers_day_in_time_order_only_theirs_only_the_window_without_cancelled_ones(engine, uow):
    with db.session_factory(engine)() as session:
        seed_demo(session, TODAY)
    with uow() as w:
        worker = {r.name: r.id for r in w.session.scalars(select(CaseworkerRow))}
        person = {r.name: r.id for r in w.session.scalars(select(CitizenRow))}
    birgitte, nadia = worker["Birgitte Holm"], worker["Nadia El-Sayed"]

    def call(who: int, name: str, offset: int, hhmm: str) -> int:
        return booking.call_in(uow(), who, person[name], InterviewKind.JOBSAMTALE, _at(offset, hhmm),
                               Format.PERSONLIGT, _at(offset - 1, "07:00"))

    # the demo's own: Birgitte called Oksana in to late this morning and Lars to tomorrow, both at 10.45
    demo_oksana, demo_lars = (_booked_with_birgitte(uow, birgitte, person[name]) for name in ("Oksana Kovalenko", "Lars Mikkelsen"))
    tomorrow = call(birgitte, "Lars Mikkelsen", 1, "10:00")
    later = call(birgitte, "Sofie Lund Andersen", 0, "14:00")
    begun = call(birgitte, "Mette Nørgaard Jensen", 0, "09:00")
    cancelled = call(birgitte, "Oksana Kovalenko", 0, "13:00")
    booking.cancel_by_caseworker(uow(), birgitte, cancelled, "Sygdom", _at(0, "07:30"))
    call(birgitte, "Sofie Lund Andersen", 2, "10:00")  # after the window
    call(nadia, "Lars Mikkelsen", 0, "11:00")  # a colleague's

    day = agenda.caseworker_agenda(uow(read_only=True), birgitte, TODAY, TODAY + timedelta(days=1), _at(0, "12:00"))

    assert [e.interview_id for e in day] == [begun, demo_oksana, later, tomorrow, demo_lars]
    assert [e.to_record for e in day] == [True, True, False, False, False]
    assert all(e.may_record and e.record_reason is None for e in day)
    assert day[0].citizen_name == "Mette Nørgaard Jensen" and day[0].address == "Fremadvej 12, 8000 Aarhus C"
    assert [e.day for e in day] == [TODAY, TODAY, TODAY, TODAY + timedelta(days=1), TODAY + timedelta(days=1)]
