"""Text normalization: the one form of text that the parser reads and spans point into.

Contract: ``normalize`` is idempotent (``normalize(normalize(t)) == normalize(t)``) and
only ever maps the forms that carry no meaning for minutes:

- every line break (CRLF, CR, U+2028/2029, VT, FF) becomes ``\\n``;
- every kind of space (ideographic U+3000, no-break, thin, tab …) becomes one ASCII
  space; zero-width characters and the BOM are dropped; spaces at line ends go;
- full-width ASCII letters and digits become half-width (２０２４ → 2024); full-width
  punctuation (，。（）：《》) is kept, since it is what the documents print;
- traditional characters become simplified when the text is written in traditional
  characters (a few stray variants in a simplified text are left alone).
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_TRAILING = re.compile(r"[ ]+$", re.MULTILINE)

_TABLE: dict[int, str | None] = {}
for _cp in range(0xFF10, 0xFF1A):  # ０-９
    _TABLE[_cp] = chr(_cp - 0xFEE0)
for _cp in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # Ａ-Ｚ ａ-ｚ
    _TABLE[_cp] = chr(_cp - 0xFEE0)
for _cp in (
    0x3000,
    0x00A0,
    0x2002,
    0x2003,
    0x2004,
    0x2005,
    0x2006,
    0x2007,
    0x2008,
    0x2009,
    0x200A,
    0x202F,
    0x205F,
    0x09,
    0x1680,
):
    _TABLE[_cp] = " "
for _cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
    _TABLE[_cp] = None


def normalize(text: str) -> str:
    """Return the normalized form of ``text`` (see the module docstring)."""
    text = _LINE_BREAKS.sub("\n", text)
    text = text.translate(_TABLE)
    text = _TRAILING.sub("", text)
    from jiyao.minutes.read.chinese import to_simplified

    return to_simplified(text)
