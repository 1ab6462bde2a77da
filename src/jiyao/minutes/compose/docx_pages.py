"""Where Word's pages break in a composed DOCX: a line model of the GB/T 9704 grid.

A .docx carries no pages: Word lays them out when it opens the file. But the 版记 must
close an even last page (GB/T 9704-2012 §7.4, §7.5), and whether it can stay on the page
where the body ends, or goes to the next even page (after a blank page when the body ends
on an even page it does not fit), depends on where that is. So the DOCX composer asks this
model, which lays the document out the way Word does on the section's grid:

- 22 lines of 579 twips a page; every paragraph on the grid takes whole lines, the
  masthead (off the grid, an exact line below 35 mm of space) its own height;
- lines filled greedily on the character grid (grid.py);
- the last line of a 一、 heading kept with the first line of the paragraph after it
  (keep with next, lines not kept together, no widow control: one line pushed at most);
- the 版记 table's height from its rows (4号, an exact line of 1.5 × 14 pt, cell margins).

The composer uses the answer with a margin (a line model is not Word), and puts the
even-page rule into the file itself with section breaks, so a misjudged page parity still
puts the 版记 on an even page (docx.end_placement and docx.document_xml). The model is
checked against the PDF, which sets every body paragraph in the same number of lines; it
is not checked against Word itself, and its header heights (the masthead's exact line,
the 2号 title taking two cells a character) are Word's documented rules, not measurements.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jiyao.minutes.compose.grid import body_line_count, line_count
from jiyao.minutes.compose.layout import (
    BLOCK_MM,
    CELL_PT,
    CHARS_PER_LINE,
    END_BLOCK_PT,
    LINES_PER_PAGE,
    MASTHEAD_OFFSET_MM,
    TITLE_PT,
    Document,
    spread_name,
)

TWIPS_PER_MM = 1440 / 25.4
LINE_TWIPS = 579
PAGE_TWIPS = LINES_PER_PAGE * LINE_TWIPS
#: The 版记's rows: an exact line of 1.5 × 4号, 3 pt cell margins above and below.
END_LINE_TWIPS = round(END_BLOCK_PT * 20 * 1.5)
END_CELL_MARGINS_TWIPS = 2 * 60
#: The red rule under the header line: 4 pt of space and the 1 pt rule.
RULE_TWIPS = 100


def name_lines(names: tuple[str, ...], cells: int) -> list[list[str]]:
    """Names filled into lines of ``cells`` grid cells, never split (Word would split them);
    the DOCX writes these lines with explicit breaks."""
    lines: list[list[str]] = [[]]
    used = 0
    for raw in names:
        name = spread_name(raw)
        need = len(name) + (1 if lines[-1] else 0)
        if lines[-1] and used + need > cells:
            lines.append([])
            used, need = 0, len(name)
        lines[-1].append(name)
        used += need
    return lines


@dataclass(frozen=True)
class BodyEnd:
    """Where the body (attendance included) ends: the page (from 1) and the twips used on it."""

    page: int
    used: int

    @property
    def room(self) -> int:
        return PAGE_TWIPS - self.used


def _blocks(doc: Document) -> list[tuple[int, bool]]:
    """The flow as (height in twips, kept with the next block), a block per line or paragraph."""
    blocks: list[tuple[int, bool]] = []
    lh = doc.letterhead
    if lh is not None:
        size = lh.fitted_masthead_pt()
        masthead = round(MASTHEAD_OFFSET_MM * TWIPS_PER_MM) + round(size * 1.2 * 20)
        blocks.append((masthead, True))
        if lh.number:
            blocks.append((LINE_TWIPS, True))
        blocks.append((LINE_TWIPS + (RULE_TWIPS if lh.rule else 0), True))
        blocks.append((LINE_TWIPS, True))
    if doc.title:
        # 2号 characters take two cells of the grid (14 a line), each line one grid line.
        cells = CHARS_PER_LINE / math.ceil(TITLE_PT / CELL_PT)
        title_lines = line_count(doc.title, first=cells, rest=cells)
        blocks.extend((LINE_TWIPS, True) for _ in range(title_lines))
        blocks.append((LINE_TWIPS, True))
    for para in doc.body:
        lines = body_line_count(para.text)
        # Lines split across pages freely (no widow control), but the last line of a
        # 一、 heading stays with the first line of the paragraph after it.
        blocks.extend((LINE_TWIPS, False) for _ in range(lines - 1))
        blocks.append((LINE_TWIPS, para.kind == "heading1"))
    if doc.attendance:
        blocks.append((LINE_TWIPS, False))
        label_cells = max(len(b.label) for b in doc.attendance) + 1
        for block in doc.attendance:
            lines = len(name_lines(block.names, CHARS_PER_LINE - 2 - label_cells))
            blocks.extend((LINE_TWIPS, False) for _ in range(lines))
    return blocks


def body_end(doc: Document) -> BodyEnd:
    """Where Word ends the body of ``doc`` (everything before the 版记)."""
    page, used = 1, 0
    blocks = _blocks(doc)
    i = 0
    while i < len(blocks):
        # A block kept with the next moves with it: take the run up to the first free block.
        j = i
        while j < len(blocks) - 1 and blocks[j][1]:
            j += 1
        group = [h for h, _ in blocks[i : j + 1]]
        if used and used + sum(group) > PAGE_TWIPS >= sum(group):
            page, used = page + 1, 0
        for height in group:
            if used and used + height > PAGE_TWIPS:
                page, used = page + 1, 0
            used += height
        i = j + 1
    return BodyEnd(page, used)


def end_block_height(doc: Document) -> int:
    """Twips of the 版记 table: its rows, cell margins and the three rules."""
    one = END_BLOCK_PT * 20
    width = BLOCK_MM[0] * TWIPS_PER_MM
    height = 3 * 20
    if doc.distribution:
        # First line from 1 character in, wrapped lines after 分送： (4 in), 1 in on the right.
        lines = line_count(
            "分送：" + doc.distribution,
            first=(width - 2 * one) / one,
            rest=(width - 5 * one) / one,
        )
        height += lines * END_LINE_TWIPS + END_CELL_MARGINS_TWIPS
    if doc.imprint:
        height += END_LINE_TWIPS + END_CELL_MARGINS_TWIPS
    return height
