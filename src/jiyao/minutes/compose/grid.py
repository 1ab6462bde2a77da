"""The GB/T 9704 character grid as a line model: where a paragraph's lines break.

Lines are filled greedily, one cell per full-width character, half a cell per half-width
one; a run of Latin letters or digits is never split, and a closing mark never starts a
line nor an opening mark ends one (the clusters the PDF boxes with the character next to
them, pdf._BOXED). Word fills its grid this way; the PDF's Typst sets the same number of
lines per paragraph (tests/minutes/test_compose_docx_pages.py measures it).
"""

from __future__ import annotations

import functools
import re

from jiyao.minutes.compose.layout import CHARS_PER_LINE, printable

_OPENING = "（《“‘「『【〔"
_CLOSING = "，。、；：！？）》”’」』】〕"
#: The units a line break never splits: a closing mark with the character before it, an
#: opening mark with the one after it, a run of half-width letters and digits.
_UNIT = re.compile(
    f"[^\\s{_CLOSING}{_OPENING}]?[{_CLOSING}]+"
    f"|[{_OPENING}]+[^\\s{_CLOSING}{_OPENING}]?"
    "|[0-9A-Za-z.%]+"
    "|."
)


@functools.lru_cache(maxsize=8192)
def _cells(unit: str) -> float:
    """Grid cells of ``unit``: one per full-width character, half per half-width one."""
    return sum(0.5 if ord(c) < 0x2E80 and c not in _OPENING + _CLOSING else 1.0 for c in unit)


def line_starts(text: str, *, first: float, rest: float) -> list[int]:
    """Where each line of ``text`` starts when filled greedily into ``first`` cells, then
    ``rest`` cells a line (offsets into ``text``; the first is 0)."""
    starts, used, width, at = [0], 0.0, first, 0
    for unit in _UNIT.findall(text):
        need = _cells(unit)
        if used and used + need > width + 1e-6:
            starts.append(at)
            used, width = 0.0, rest
        used += need
        at += len(unit)
    return starts


def line_count(text: str, *, first: float, rest: float) -> int:
    """Lines of ``text`` filled greedily into ``first`` cells, then ``rest`` cells a line."""
    return len(line_starts(printable(text), first=first, rest=rest))


def body_line_starts(text: str) -> list[int]:
    """Where the lines of a body paragraph start: 28 cells a line, the first 2 cells in."""
    return line_starts(text, first=CHARS_PER_LINE - 2, rest=CHARS_PER_LINE)


def body_line_count(text: str) -> int:
    """Lines of a body paragraph: 28 cells a line, the first 2 cells in."""
    return line_count(text, first=CHARS_PER_LINE - 2, rest=CHARS_PER_LINE)
