"""The share over the months as a bar chart in SVG, drawn on the server (issue 17): readable without JavaScript,
one ``<rect>`` a month, the 20 % line, and the months where STAR contacts the organisation (six in a row) marked.

Geometry only: the template (``supervision/_chart.html``) writes the SVG with the words; nothing here decides a
figure, it draws what :mod:`scheduling.services.supervision` computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 20, 52
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


class Figure(Protocol):
    @property
    def month(self) -> date: ...
    @property
    def counted(self) -> int: ...
    @property
    def share(self) -> Decimal: ...
    @property
    def above(self) -> bool: ...
    @property
    def in_a_row(self) -> int: ...
    @property
    def star_contacts(self) -> bool: ...


@dataclass(frozen=True)
class Bar:
    month: date
    x: float
    y: float
    width: float
    height: float
    above: bool
    marked: bool  # six months in a row above the line end here (R27: STAR contacts the organisation)
    empty: bool  # nobody was counted this month: no bar
    label: bool  # the month is named under the axis (every third, and the last)


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    line_y: float  # the 20 % line
    ticks: tuple[tuple[int, float], ...]  # (percent, y) of the horizontal grid lines
    top_percent: int
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: float = WIDTH - RIGHT
    bottom: float = TOP + PLOT_HEIGHT


def _y(percent: Decimal, top_percent: int) -> float:
    return round(TOP + PLOT_HEIGHT * float(1 - percent / top_percent), 2)


def chart(figures: Sequence[Figure], limit: Decimal) -> Chart:
    """The chart of ``figures`` (one organisation's, by month) with the line at ``limit`` (a fraction, 0.2): the
    scale goes to 40 % or the next ten above the highest share, at most 100 %."""
    highest = max((f.share for f in figures), default=Decimal(0)) * 100
    top_percent = min(100, max(40, int((highest + 9) // 10 * 10)))
    slot = PLOT_WIDTH / max(len(figures), 1)
    bars = []
    for index, f in enumerate(figures):
        y = _y(f.share * 100, top_percent)
        bars.append(
            Bar(
                f.month,
                round(LEFT + index * slot + slot * 0.15, 2),
                y,
                round(slot * 0.7, 2),
                round(TOP + PLOT_HEIGHT - y, 2),
                f.above,
                f.star_contacts,
                f.counted == 0,
                (len(figures) - 1 - index) % 3 == 0,
            )
        )
    ticks = tuple((p, _y(Decimal(p), top_percent)) for p in range(0, top_percent + 1, 10))
    return Chart(tuple(bars), _y(limit * 100, top_percent), ticks, top_percent)
