"""Traditional → simplified conversion, done only for texts written in traditional script.

opencc's conversion is slow next to everything else the parser does, and simplified
texts are the vast majority, so the text is first tested against the set of characters
that exist only in traditional script; only a text with enough of them is converted.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import opencc

# A simplified text may carry a stray traditional form (a name, a quoted title); only a
# text where such characters are common is treated as written in traditional script.
_MIN_TRADITIONAL = 5


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_only() -> frozenset[str]:
    """Characters whose simplified form differs (the keys of opencc's t2s table)."""
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            trad, _, simp = line.rstrip("\n").partition("\t")
            if trad and simp and trad not in simp.split(" "):
                chars.add(trad)
    return frozenset(chars)


def traditional_count(text: str) -> int:
    table = _traditional_only()
    return sum(1 for ch in text if ch in table)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters when it is written in traditional ones."""
    table = _traditional_only()
    if table.isdisjoint(text):
        return text
    if traditional_count(text) < _MIN_TRADITIONAL:
        return text
    result: str = _converter().convert(text)
    return result
