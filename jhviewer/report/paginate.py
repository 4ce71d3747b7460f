"""Pagination: place unbreakable blocks (flowables) on pages. No Qt, no painting.

A flowable is an unbreakable block of known height: a heading, a paragraph, one table
row, one row of headline cards (`report.flowables`). The paginator never splits one,
carries a heading (and anything else marked keep-with-next) over to the next page together
with what follows it, and repeats a table's header row on each page the table continues on.
It works on heights alone, so it is tested with plain blocks (tests/test_report.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter


class Flowable:
    """An unbreakable block of known height."""

    height = 0.0
    space_before = 0.0
    keep_with_next = False
    may_end_page = True  # False for headings: never the last thing on a page
    repeat: Flowable | None = None  # drawn first when this block opens a new page

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        raise NotImplementedError


class PageBreakMark(Flowable):
    def draw(self, painter: QPainter, x: float, y: float) -> None:
        return None



@dataclass(frozen=True, slots=True)
class Placed:
    flow: Flowable
    y: float




def paginate(flows: Sequence[Flowable], body_height: float) -> list[list[Placed]]:
    """Place flowables on pages: never split one, keep chains of keep-with-next together.

    A chain taller than a page is broken, preferably not after a flowable that may not end
    a page (a heading, a table header). Time is linear in the number of flowables: a chain
    is followed no further than a page's height, and its fitting part found in one pass."""
    pages: list[list[Placed]] = [[]]
    y = 0.0
    index = 0
    while index < len(flows):
        flow = flows[index]
        if isinstance(flow, PageBreakMark):
            if pages[-1]:
                pages.append([])
                y = 0.0
            index += 1
            continue
        group = _keep_group(flows, index, body_height)
        if y + _group_height(group, y) > body_height:
            fresh = _repeat_height(flow)
            if y > 0 and fresh + _group_height(group, fresh) <= body_height:
                y = _new_page(pages, flow)
            else:
                part = _fitting_part(group, y, body_height)
                if not part and y > 0:
                    y = _new_page(pages, flow)
                    part = _fitting_part(group, y, body_height)
                group = part or group[:1]
        for member in group:
            y = _place(pages[-1], member, y)
        index += len(group)
    return pages


def bottom_of(pages: list[list[Placed]]) -> float:
    """How far down the last page is filled."""
    return max((placed.y + placed.flow.height for placed in pages[-1]), default=0.0)


def chain_height(flows: list[Flowable]) -> float:
    """The height of the keep-with-next flowables at the end of `flows` (a heading)."""
    chain: list[Flowable] = []
    for flow in reversed(flows):
        if not flow.keep_with_next:
            break
        chain.insert(0, flow)
    return _group_height(chain, 0.0)


def _repeat_height(flow: Flowable) -> float:
    return flow.repeat.height if flow.repeat is not None else 0.0


def _new_page(pages: list[list[Placed]], flow: Flowable) -> float:
    """Start a page; a table row's header goes first. Returns the height used."""
    pages.append([])
    return _place(pages[-1], flow.repeat, 0.0) if flow.repeat is not None else 0.0


def _fitting_part(group: list[Flowable], y: float, body_height: float) -> list[Flowable]:
    """The longest start of `group` that fits below `y` and may end a page; on a fresh page
    (`y` 0) where no such start fits, the longest start that fits at all (or [])."""
    total = 0.0
    best = fitting = 0
    for size, member in enumerate(group[:-1], start=1):
        total += (member.space_before if y + total > 0 else 0.0) + member.height
        if y + total > body_height:
            break
        fitting = size
        if member.may_end_page:
            best = size
    if not best and y == 0:
        best = fitting
    return group[:best]


def _keep_group(flows: Sequence[Flowable], start: int, limit: float) -> list[Flowable]:
    """The chain of keep-with-next flowables from `start`, followed no further than
    `limit` high (a longer one is broken anyway: sections without facts make one chain)."""
    group = [flows[start]]
    index = start
    height = group[0].height
    while (group[-1].keep_with_next and index + 1 < len(flows)
           and not isinstance(flows[index + 1], PageBreakMark) and height <= limit):
        index += 1
        group.append(flows[index])
        height += flows[index].space_before + flows[index].height
    return group


def _group_height(group: Sequence[Flowable], y: float) -> float:
    total = 0.0
    for member in group:
        total += (member.space_before if y + total > 0 else 0.0) + member.height
    return total


def _place(page: list[Placed], flow: Flowable, y: float) -> float:
    top = y + flow.space_before if y > 0 else y
    page.append(Placed(flow, top))
    return top + flow.height


