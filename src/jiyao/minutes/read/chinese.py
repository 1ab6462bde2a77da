"""Traditional → simplified conversion, done only for texts written in traditional script.

opencc's conversion is slow next to everything else the parser does, and simplified
texts are the vast majority, so a text is converted only when characters that exist
only in traditional script (those the t2s conversion changes: 縣 會 議 後) are a real
part of it: at
least :data:`MIN_TRADITIONAL` of them, making at least :data:`MIN_SHARE` of its Chinese
characters. In a real traditional text about a third of the characters are
traditional-only; a simplified text with a stray 後 or 裏 in a name or a quoted title
stays as it is.

The converter is the ``opencc`` package (the compiled OpenCC library), ~0.02 µs a
character. Finding them costs one regex scan over a character class (compiled once from opencc's
table; ``re`` keeps a BMP-only class as a 64K bitmap, ~3 ns a character), which
normalize merges with its own scan for rare characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import opencc

MIN_TRADITIONAL = 3
MIN_SHARE = 0.10


@lru_cache(maxsize=1)
def _converter() -> Any:
    # opencc (the compiled library's binding): ~0.02 µs a character, a hundred times
    # faster than the pure-Python reimplementation used before (2.3 µs).
    return opencc.OpenCC("t2s")


#: The unified CJK blocks of the BMP (Extension A and the main block).
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@lru_cache(maxsize=1)
def traditional_only() -> frozenset[str]:
    """Characters that t2s conversion changes: 縣 會 議 後 (not 干 or 着).

    Found by converting every BMP unified ideograph once, one a line (so no two make a
    phrase), ~30 ms a process. Only BMP characters: the few hundred CJK Extension B ones
    are too rare to help tell a script, and one non-BMP character in a class makes ``re``
    fall back from a bitmap to a linear list of ranges (100 times slower). They are still
    converted.
    """
    chars = [chr(c) for first, end in _HAN_BLOCKS for c in range(first, end)]
    converted = str(_converter().convert("\n".join(chars))).split("\n")
    if len(converted) != len(chars):  # a conversion that joined lines: trust none of it
        return frozenset()
    return frozenset(c for c, s in zip(chars, converted, strict=True) if c != s)


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
