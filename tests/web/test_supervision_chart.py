"""The supervision chart's geometry (R27, issue 17): the 20 % line where 20 % is on the scale, a bar a month as
high as its share, no bar for a month with nobody counted, and a mark on each month where STAR gets in touch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from portal.supervision.chart import PLOT_HEIGHT, TOP, chart


@dataclass(frozen=True)
class _Figure:
    month: date
    counted: int
    share: Decimal
    above: bool
    in_a_row: int
    star_contacts: bool


def _figures(shares: list[str | None]) -> list[_Figure]:
    result, row = [], 0
    for index, raw in enumerate(shares):
        share = Decimal(raw or 0)
        above = share > Decimal("0.20")
        row = row + 1 if above else 0
        result.append(
            _Figure(date(2026, 1 + index % 12, 1), 0 if raw is None else 10, share, above, row, row >= 6)
        )
    return result


def test_R27_the_line_is_at_20_percent_of_a_scale_to_40_percent():
    c = chart(_figures(["0.1", "0.3", "0.2"]), Decimal("0.20"))
    assert c.top_percent == 40
    assert c.line_y == TOP + PLOT_HEIGHT / 2  # 20 of 40
    assert [p for p, _y in c.ticks] == [0, 10, 20, 30, 40]
    assert c.bars[2].y == c.line_y  # exactly 20 %: on the line, not over it
    assert not c.bars[2].above and c.bars[1].above


def test_R27_a_higher_share_raises_the_scale_and_the_line_moves_down_with_it():
    c = chart(_figures(["0.55", "0.1"]), Decimal("0.20"))
    assert c.top_percent == 60
    assert c.line_y == round(TOP + PLOT_HEIGHT * (1 - 20 / 60), 2)
    assert c.bars[0].height == round(PLOT_HEIGHT * 55 / 60, 2)


def test_R27_six_in_a_row_are_marked_from_the_sixth_month_and_a_break_starts_again():
    shares = ["0.3"] * 7 + ["0.1"] + ["0.3"] * 6
    c = chart(_figures(shares), Decimal("0.20"))
    marked = [i for i, b in enumerate(c.bars) if b.marked]
    assert marked == [5, 6, 13]


def test_a_month_with_nobody_counted_has_no_bar_and_the_last_month_is_named():
    c = chart(_figures([None, "0.25", None, "0.1"]), Decimal("0.20"))
    assert [b.empty for b in c.bars] == [True, False, True, False]
    assert c.bars[-1].label and c.bars[0].label and not c.bars[1].label
