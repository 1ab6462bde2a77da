"""Chinese and Arabic numerals and dates as minutes print them.

``cn_int`` reads 五十三, 二十, 十七, 一百零五, 二〇二一 (digit by digit) and plain
digits; ``find_dates`` finds 2021年6月8日, 二〇二一年六月二十一日 (〇 ○ O look-alikes),
2022-05-11 and month-day forms, each with its span, without raising on impossible
dates (they are skipped).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from jiyao.minutes.parse.phrases import CN_DIGITS

_DIGIT = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "O": 0,
    "Ο": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNIT = {"十": 10, "百": 100}

N = rf"[{CN_DIGITS}\d]+"


def cn_int(text: str) -> int | None:
    """The value of a numeral (53, 五十三, 二〇二一, 十七); None when it is not one."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text) if text.isascii() else None
    if _UNIT.keys().isdisjoint(text):
        # digit by digit (二〇二一)
        value = 0
        for ch in text:
            digit = _DIGIT.get(ch)
            if digit is None:
                return None
            value = value * 10 + digit
        return value
    total = 0
    digit = None
    for ch in text:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            total += (1 if digit is None else digit) * _UNIT[ch]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return total


class FoundDate(NamedTuple):
    """A date found in the text; ``year`` is None for month-day forms."""

    year: int | None
    month: int
    day: int
    start: int
    end: int

    def complete(self, year: int | None) -> dt.date | None:
        y = self.year if self.year is not None else year
        if y is None:
            return None
        try:
            return dt.date(y, self.month, self.day)
        except ValueError:
            return None


_CN = rf"[{CN_DIGITS}]"
DATE_RE = re.compile(
    rf"(?=[\d{CN_DIGITS}])(?:(\d{{4}}|{_CN}{{4}}) ?年 ?)?(\d{{1,2}}|{_CN}{{1,3}}) ?月 ?(\d{{1,2}}|{_CN}{{1,3}}) ?日"
    rf"|(?<!\d)(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}})(?!\d)"
    # 202291日, 2022年33日: a page that lost its 月 (and 年); read only where one reading is
    # a date
    rf"|(?<!\d)((?:19|20)\d\d)年?(\d{{2,4}})日"
)


def _compact_month_day(digits: str) -> tuple[int, int] | None:
    """Month and day of 91 (9-1) or 1015 (10-15); 121 (1-21 or 12-1) has no one reading."""
    readings = [
        (int(digits[:cut]), int(digits[cut:])) for cut in (1, 2) if 1 <= len(digits) - cut <= 2
    ]
    valid = [(mo, d) for mo, d in readings if 1 <= mo <= 12 and 1 <= d <= 31]
    return valid[0] if len(valid) == 1 else None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Every well-formed date in ``text[start:end]``, in order, with absolute spans."""
    return list(iter_dates(text, start, end))


def iter_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[FoundDate]:
    """The dates of :func:`find_dates`, read lazily (the first one is often all that is
    wanted, and the scan for the others costs more than it)."""
    for m in DATE_RE.finditer(text, start, len(text) if end is None else end):
        if m.group(2) is not None:
            year = cn_int(m.group(1)) if m.group(1) else None
            month, day = cn_int(m.group(2)), cn_int(m.group(3))
        elif m.group(7) is not None:
            year = int(m.group(7))
            split = _compact_month_day(m.group(8))
            if split is None:
                continue
            month, day = split
        else:
            year, month, day = int(m.group(4)), int(m.group(5)), int(m.group(6))
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if year is not None and not 1949 <= year <= 2100:
            continue
        yield FoundDate(year, month, day, m.start(), m.end())


def full_date(text: str, start: int = 0, end: int | None = None) -> FoundDate | None:
    """The first date with a year in the range, or None."""
    for found in iter_dates(text, start, end):
        if found.year is not None and found.complete(None) is not None:
            return found
    return None
