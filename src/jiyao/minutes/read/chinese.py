"""Traditional → simplified conversion, done only for texts written in traditional script.

opencc's conversion is slow next to everything else the parser does, and simplified
texts are the vast majority, so a text is converted only when characters that exist
only in traditional script (the keys of opencc's t2s character table whose simplified
forms do not include themselves: 縣 會 議 後, not 乾 著) are a real part of it: at
least :data:`MIN_TRADITIONAL` of them, making at least :data:`MIN_SHARE` of its Chinese
characters. In a real traditional text about a third of the characters are
traditional-only; a simplified text with a stray 後 or 裏 in a name or a quoted title
stays as it is.

Finding them costs one regex scan over a character class (compiled once from opencc's
table; ``re`` keeps a BMP-only class as a 64K bitmap, ~3 ns a character), which
normalize merges with its own scan for rare characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc

MIN_TRADITIONAL = 3
MIN_SHARE = 0.10


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """Characters whose simplified form differs (the keys of opencc's t2s table).

    Only BMP characters: the few hundred CJK Extension B keys are too rare to help tell
    a script, and one non-BMP character in a class makes ``re`` fall back from a bitmap
    to a linear list of ranges (100 times slower). They are still converted.
    """
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    chars = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            trad, _, simp = line.rstrip("\n").partition("\t")
            if len(trad) == 1 and ord(trad) <= 0xFFFF and simp and trad not in simp.split(" "):
                chars.add(trad)
    return frozenset(chars)


def char_class(chars: frozenset[str] | set[str]) -> str:
    """A regex character-class body matching ``chars``, written as compact ranges."""
    points = sorted(ord(c) for c in chars)
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = chr(points[i]), chr(points[j])
        parts.append(re.escape(first) if i == j else f"{re.escape(first)}-{re.escape(last)}")
        i = j + 1
    return "".join(parts)


@lru_cache(maxsize=1)
def traditional_class() -> str:
    """The regex class body of :func:`traditional_only`."""
    return char_class(traditional_only())


@lru_cache(maxsize=1)
def _traditional_re() -> re.Pattern[str]:
    return re.compile(f"[{traditional_class()}]")


def traditional_count(text: str) -> int:
    """How many characters of ``text`` exist only in traditional script."""
    return len(_traditional_re().findall(text))


_HAN_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def is_traditional(text: str, count: int | None = None) -> bool:
    """True when ``text`` is written in traditional script (``count``: known count)."""
    if count is None:
        count = traditional_count(text)
    if count < MIN_TRADITIONAL:
        return False
    han = sum(map(len, _HAN_RUNS.findall(text)))  # runs: no list item per character
    return count >= MIN_SHARE * han


def convert(text: str) -> str:
    """``text`` converted to simplified characters (unconditionally)."""
    result: str = _converter().convert(text)
    return result


def to_simplified(text: str) -> str:
    """``text`` in simplified characters when it is written in traditional ones."""
    return convert(text) if is_traditional(text) else text
