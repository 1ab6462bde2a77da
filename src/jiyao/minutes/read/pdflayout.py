"""PDF lines → paragraphs: undo the line wrapping of a PDF's layout.

A PDF has no paragraphs, only positioned lines: a paragraph of minutes comes out of the
text layer broken every 28 characters, often inside a document title (《…办法\\n（送审稿）》),
and page numbers (— 2 —) sit between the pages. The parser reads lines, so the reader
joins a line to the next one only when the page's geometry says it was wrapped:

- the line is full: it reaches the right margin of the body text (the margin is taken
  from the document: the third-rightmost line end, when the three rightmost agree
  within one character — justified text — else nothing is joined);
- the next line starts at the left margin (a first line of a paragraph is indented)
  and directly below it, at the page's usual line spacing (not after a paragraph gap);
- the line does not end a sentence or a clause (。！？；：，、…, also when a closing mark
  follows, as in 。” or 。）), and the next line does not start like a heading, a list
  entry or an attendance label (一、（二）3. 出席 …). A full line ending in a closing
  mark alone (》 ” ） 」) was wrapped like any other: headings wrap as
  ``…提交的《…行动计划》`` / ``（草案）和《…》``.

A paragraph running over a page break is joined the same way, without the test of
line spacing. Anything uncertain stays a line break: a wrongly kept break costs the
parser little, a wrongly joined paragraph can hide an item. Page-number lines at the
top or bottom of a page are dropped.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

#: Sentence and clause ends, possibly followed by closing marks (。” ；） ，》).
_ENDS = re.compile(r"[。！？；：，、…!?;:][”’」』）)》\]】〕]*$")
_STARTS = re.compile(
    r"(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[①-⑳]"
    r"|(?:出|列|缺|请|参)\s*(?:席|假|加)|应邀|抄\s*送|分\s*送|主\s*送|附\s*件|会议(?:要求|强调|指出|认为|决定))"
)
_PAGE_NUMBER = re.compile(
    r"^[\s\-—－–~·]*(?:第\s*)?\d+\s*(?:页)?(?:\s*[/／共]\s*\d+\s*页?)?[\s\-—－–~·]*$"
)


@dataclass
class Line:
    """One visual line of a page: its text and box (PDF points, y grows upwards)."""

    text: str
    left: float
    right: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def drop_page_numbers(lines: list[Line]) -> list[Line]:
    """``lines`` of one page without a page-number line at its top or bottom."""
    if lines and _PAGE_NUMBER.match(lines[-1].text):
        lines = lines[:-1]
    if lines and _PAGE_NUMBER.match(lines[0].text):
        lines = lines[1:]
    return lines


def right_margin(pages: list[list[Line]]) -> float | None:
    """The right edge of full lines in the document, or None when lines are ragged."""
    body = [ln for page in pages for ln in page if len(ln.text) >= 8 and ln.height > 0]
    if len(body) < 3:
        return None
    em = statistics.median(ln.height for ln in body)
    rights = sorted((ln.right for ln in body), reverse=True)
    if rights[0] - rights[2] > em:
        return None
    return rights[2]


def _metrics(lines: list[Line]) -> tuple[float, float] | None:
    """(em, left margin) of a page's body lines, or None for lines without geometry."""
    if not lines:
        return None
    body = [ln for ln in lines if len(ln.text) >= 8] or lines
    em = statistics.median(ln.height for ln in body)
    if em <= 0:  # lines without geometry (PDFium's plain text): keep every break
        return None
    return em, min(ln.left for ln in body)


def _runs_on(line: Line, following: Line, margin: float, em: float, left: float) -> bool:
    """Whether ``line`` is full and open and ``following`` continues its paragraph,
    geometry between the two lines aside."""
    return (
        line.right >= margin - 0.8 * em
        and following.left <= left + 1.0 * em  # glyph boxes of （ start late
        and not _ENDS.search(line.text)
        and not _STARTS.match(following.text)
    )


def unwrap(lines: list[Line], margin: float | None) -> list[str]:
    """The page's lines with wrapped ones joined (see the module docstring)."""
    metrics = _metrics(lines)
    if margin is None or len(lines) < 2 or metrics is None:
        return [ln.text for ln in lines]
    em, left = metrics
    gaps = [a.bottom - b.top for a, b in itertools.pairwise(lines) if a.bottom > b.top]
    leading = statistics.median(gaps) if gaps else em  # the usual space between lines
    out: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        current += line.text
        following = lines[i + 1] if i + 1 < len(lines) else None
        wrapped = (
            following is not None
            and following.top <= line.bottom + 0.2 * em
            and line.bottom - following.top <= leading + 0.3 * em
            and _runs_on(line, following, margin, em, left)
        )
        if not wrapped:
            out.append(current)
            current = ""
    return out


def join_pages(pages: list[list[Line]], margin: float | None) -> str:
    """The document's text: each page unwrapped, pages separated by a blank line.

    A paragraph that runs over a page break is joined as one wrapped inside a page is
    (a full, open last line; a first line of the next page at its left margin), so a
    heading wrapped at the foot of a page stays one line.
    """
    paragraphs: list[list[str]] = []  # a group per page, or per run of joined pages
    for index, lines in enumerate(pages):
        texts = unwrap(lines, margin)
        previous = pages[index - 1] if index else []
        metrics = _metrics(previous)
        if (
            texts
            and paragraphs
            and paragraphs[-1]
            and margin is not None
            and metrics is not None
            and (here := _metrics(lines)) is not None
            and _runs_on(previous[-1], lines[0], margin, metrics[0], here[1])
        ):
            # the page break falls inside a paragraph: no blank line for it
            paragraphs[-1][-1] += texts[0]
            paragraphs[-1] += texts[1:]
        else:
            paragraphs.append(texts)
    return "\n\n".join("\n".join(texts) for texts in paragraphs if texts)
