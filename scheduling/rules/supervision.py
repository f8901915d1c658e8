"""STAR's supervision of a-kasser (R27): the share of members without 3 a-kasse interviews at 3 months.

Pure arithmetic over facts the a-kasse's statistics supply; the portal only shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from scheduling import parameters as P
from scheduling.evaluation import Evaluation


@dataclass(frozen=True)
class MemberFacts:
    """One member on benefit who has reached 3 months of unemployment, and their a-kasse job interviews held by
    then; ``held_late`` are those held after the 3 months, which never count (issue 12: *holdt for sent*)."""

    akasse_interviews_held: int
    held_late: int = 0


def member_facts(evaluation: Evaluation) -> MemberFacts | None:
    """A course's facts for the supervision, from its R7 obligation (the a-kasse's 3 interviews in the first 3
    months): only the interviews held by the hand-over count. None for a course the a-kasse does not run (the
    R4 group, the old rules)."""
    r7 = next((o for o in evaluation.obligations if o.rule == "R7"), None)
    if r7 is None:
        return None
    return MemberFacts(r7.held, r7.held_late)


@dataclass(frozen=True)
class SupervisionResult:
    members: int
    without_three: int
    share: Decimal
    deficient: bool  # over 20 %


def supervise(members: Sequence[MemberFacts], on: date) -> SupervisionResult:
    """The share of members without at least 3 a-kasse job interviews held by the 3 months (one held late does
    not count), and whether it exceeds 20 %."""
    required = P.SUPERVISION_INTERVIEWS.on(on)
    without = sum(1 for m in members if m.akasse_interviews_held < required)
    share = Decimal(without) / Decimal(len(members)) if members else Decimal(0)
    return SupervisionResult(len(members), without, share, share > P.SUPERVISION_SHARE_LIMIT.on(on))


def star_contacts(monthly: Sequence[SupervisionResult], on: date) -> bool:
    """STAR contacts the a-kasse when the latest 6 months in a row were all deficient (over 20 %)."""
    months = P.SUPERVISION_MONTHS_IN_A_ROW.on(on)
    return len(monthly) >= months and all(r.deficient for r in monthly[-months:])
