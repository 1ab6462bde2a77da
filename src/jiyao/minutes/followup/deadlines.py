"""Deadlines from words: 年底前, 9月30日前, 10个工作日内, 春节前, 尽快 … → dates.

:func:`find_deadlines` finds every deadline phrase in a text and resolves it against the
meeting date; :func:`resolve_deadline` does the same for one phrase. Every result is a
:class:`Deadline` whose ``span`` indexes the text given (``text[start:end] == phrase``).

The rules, one per kind of phrase (table in ``_RULES``):

* Calendar points — 年底前/年内/今年底, 6月底前, 9月30日前, 9月中旬, 三季度末, 上半年,
  本月底, 下月底, 明年3月底前, 2022年6月底前 — give that day.
* "Before a period" without 底/末 — 9月前, 三季度前 — gives the day before the period
  starts (31 August), marked ``inferred`` with a note, because usage varies.
* Ranges — 6月至9月, 6-9月 — give the end of the range.
* Durations — 30日内, 两周内, 一个月内, 半年内, 10个工作日内, 限期15天 — count from the
  meeting date (working days: Monday–Friday, minus ``holidays``).
* 下次常务会议前 — the day before ``next_meeting``; ``unresolved`` without it.
* Festivals — 春节前 (the eve of the next Spring Festival, from the table in
  :mod:`.workdays`), 元旦前, 国庆节前, 五一前.
* 立即/立刻/马上/即刻 — the first working day after the meeting (``inferred``): the
  meeting day itself is gone by the time a task is registered.
* 尽快/抓紧/尽早/及早/从速/早日, and 限期 without a number — no date, ``certainty
  "none"``: flagged for the supervisor to fix a date.

A date without a written year that falls before the meeting rolls to the next year
(9月底前 said in November → next September, ``inferred``); a phrase that writes its year
(2020年底前, 今年5月底前, 去年底) and falls before the meeting is ``unresolved`` — never
guessed. So no resolved deadline ever precedes the meeting.

Matching runs on a copy of the text with full-width digits and the traditional forms of
the few characters these phrases use (兩週內, 個月, 節, 會議 …) mapped one character to
one character, so spans are the same in both.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from jiyao.minutes.followup.workdays import NO_HOLIDAYS, add_workdays, spring_festival
from jiyao.minutes.parse.numerals import cn_int

CERTAINTIES: tuple[str, ...] = ("exact", "inferred", "none", "unresolved")


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase and the date it stands for.

    ``span`` is ``(start, end)`` into the text that was searched, and
    ``text[start:end] == phrase``. ``certainty``: ``exact`` (the words fix the day),
    ``inferred`` (an assumption was needed — the note says which), ``none`` (urgent
    but no date: 尽快, 抓紧), ``unresolved`` (a date was meant but cannot be fixed: a past
    written year, 下次常务会议前 without the next meeting's date, 2月30日). ``date`` is
    None exactly when certainty is ``none`` or ``unresolved``. ``note`` is Chinese, for
    the supervisor; empty when there is nothing to add.
    """

    date: dt.date | None
    phrase: str
    span: tuple[int, int]
    certainty: str
    note: str = ""

    def shifted(self, offset: int) -> Deadline:
        """The same deadline with its span moved by ``offset`` characters."""
        start, end = self.span
        return Deadline(
            self.date, self.phrase, (start + offset, end + offset), self.certainty, self.note
        )

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "phrase": self.phrase,
            "span": list(self.span),
            "certainty": self.certainty,
            "note": self.note,
        }


# -- normalization ----------------------------------------------------------------------

_FOLD = str.maketrans(
    "０１２３４５６７８９兩週個內後節會議號盡緊於當慶勞動務國為遲間內－～",
    "0123456789两周个内后节会议号尽紧于当庆劳动务国为迟间内-~",
)


def fold(text: str) -> str:
    """Full-width digits and traditional characters → the forms the rules use (1:1)."""
    return text.translate(_FOLD)


# -- pieces of the patterns ---------------------------------------------------------------

_NUM = r"[0-9零〇○一二三四五六七八九十百两]{1,4}"
_YEAR4 = r"(?:[12][0-9]{3}|[〇○零一二][〇○零一二三四五六七八九]{3})"
#: A year prefix: written (2021年, 二〇二一年) or relative (今年, 明年 …).
_YP = rf"(?:(?P<y>{_YEAR4})年度?|(?P<rel>今年|明年|次年|翌年|来年|后年|本年度|本年|当年|去年|上年|前年))"
_SUF = r"(?:之前|以前|前|为止|止)"
_PART = r"(?P<p>底|末|上旬|中旬|下旬)"

_REL_YEARS = {
    "今年": 0,
    "本年": 0,
    "本年度": 0,
    "当年": 0,
    "明年": 1,
    "次年": 1,
    "翌年": 1,
    "来年": 1,
    "后年": 2,
    "去年": -1,
    "上年": -1,
    "前年": -2,
}
_PART_DAY = {"上旬": 10, "中旬": 20}


def _num(raw: str | None) -> int | None:
    if raw is None:
        return None
    if raw == "半":
        return None
    return int(raw) if raw.isascii() and raw.isdigit() else cn_int(raw)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _part_day(year: int, month: int, part: str | None) -> dt.date:
    if part in _PART_DAY:
        return dt.date(year, month, _PART_DAY[part])
    return _month_end(year, month)


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- resolution context -------------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    meeting: dt.date
    next_meeting: dt.date | None
    holidays: frozenset[dt.date]


#: What a rule gives: (date, certainty, note), or None when the match is not a deadline.
_Result = tuple[dt.date | None, str, str] | None


def _year_of(m: re.Match[str], ctx: _Ctx) -> tuple[int, bool]:
    """The year a match names (written or relative) and whether it was written at all."""
    if m.group("y"):
        year = _num(m.group("y"))
        if year is not None:
            return year, True
    if m.group("rel"):
        return ctx.meeting.year + _REL_YEARS[m.group("rel")], True
    return ctx.meeting.year, False


def _settle(
    phrase: str,
    ctx: _Ctx,
    year: int,
    written: bool,
    make: Callable[[int], dt.date | None],
    *,
    certainty: str = "exact",
    note: str = "",
) -> _Result:
    """The date ``make(year)``, rolled to later years when no year was written.

    ``make`` returns None for a day that does not exist (2月30日): unresolved.
    """
    try:
        day = make(year)
    except ValueError:
        day = None
    if day is None:
        return None, "unresolved", f"“{phrase}”不是有效日期"
    if day >= ctx.meeting:
        return day, certainty, note
    if written:
        return (
            None,
            "unresolved",
            f"“{phrase}”早于会议日期（{ctx.meeting.isoformat()}），年份已写明，未推算",
        )
    for later in (year + 1, year + 2):
        try:
            day = make(later)
        except ValueError:
            continue
        if day is not None and day >= ctx.meeting:
            return day, "inferred", f"“{phrase}”未写年份，当年已过，按{later}年计"
    return None, "unresolved", f"“{phrase}”无法推算日期"


# -- the rules ------------------------------------------------------------------------------


def _next_meeting(m: re.Match[str], ctx: _Ctx) -> _Result:
    if ctx.next_meeting is None:
        return None, "unresolved", "下次会议日期未定，待定后补填"
    if ctx.next_meeting <= ctx.meeting:
        return None, "unresolved", "下次会议日期不晚于本次会议，未推算"
    return ctx.next_meeting - dt.timedelta(days=1), "exact", "按下次会议前一日计"


def _range(m: re.Match[str], ctx: _Ctx) -> _Result:
    m1, m2 = _num(m.group("m1")), _num(m.group("m2"))
    if m1 is None or m2 is None or not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    year, written = _year_of(m, ctx)
    over = 1 if m.group("rel2") else 0
    if not over and m2 < m1:
        return None
    d2 = _num(m.group("d2"))
    part = m.group("p")

    def make(y: int) -> dt.date:
        y2 = y + over
        return dt.date(y2, m2, d2) if d2 is not None else _part_day(y2, m2, part)

    return _settle(m.group(0), ctx, year, written, make, note="按时间段的截止日计")


def _date(m: re.Match[str], ctx: _Ctx) -> _Result:
    month, day = _num(m.group("m")), _num(m.group("d"))
    if month is None or day is None or not 1 <= month <= 12:
        return None
    year, written = _year_of(m, ctx)
    return _settle(m.group(0), ctx, year, written, lambda y: dt.date(y, month, day))


def _month_part(m: re.Match[str], ctx: _Ctx) -> _Result:
    month = _num(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    year, written = _year_of(m, ctx)
    part = m.group("p")
    return _settle(m.group(0), ctx, year, written, lambda y: _part_day(y, month, part))


def _month(m: re.Match[str], ctx: _Ctx) -> _Result:
    month = _num(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    year, written = _year_of(m, ctx)
    phrase = m.group(0)
    if "内" in m.group("s"):
        return _settle(phrase, ctx, year, written, lambda y: _month_end(y, month))
    before = month - 1 or 12
    note = f"“{phrase}”按{month}月1日之前（{before}月底）计"

    def make(y: int) -> dt.date:
        return dt.date(y, month, 1) - dt.timedelta(days=1)

    return _settle(phrase, ctx, year, written, make, certainty="inferred", note=note)


def _rel_month(m: re.Match[str], ctx: _Ctx) -> _Result:
    rel = m.group("r") or "本"
    base = _add_months(ctx.meeting.replace(day=1), 0 if rel in ("本", "当", "这个") else 1)
    d = _num(m.group("d"))
    phrase = m.group(0)
    try:
        day = (
            base.replace(day=d) if d is not None else _part_day(base.year, base.month, m.group("p"))
        )
    except ValueError:
        return None, "unresolved", f"“{phrase}”不是有效日期"
    if day < ctx.meeting:
        return None, "unresolved", f"“{phrase}”早于会议日期（{ctx.meeting.isoformat()}），未推算"
    return day, "exact", ""


def _year_end(m: re.Match[str], ctx: _Ctx) -> _Result:
    year, written = _year_of(m, ctx)
    # 年底/年内 without a year is this year by definition: it never rolls.
    return (
        _settle(m.group(0), ctx, year, True, lambda y: dt.date(y, 12, 31))
        if written
        else (
            dt.date(ctx.meeting.year, 12, 31),
            "exact",
            "",
        )
    )


def _half_quarter(m: re.Match[str], ctx: _Ctx) -> _Result:
    year, written = _year_of(m, ctx)
    phrase = m.group(0)
    half = m.group("h")
    if half:
        last = 6 if half == "上" else 12
        return _settle(phrase, ctx, year, written, lambda y: _month_end(y, last))
    q = _num(m.group("q"))
    if q is None or not 1 <= q <= 4:
        return None
    if m.group("s") and not m.group("qp"):
        note = f"“{phrase}”按第{q}季度开始之前计"
        return _settle(
            phrase,
            ctx,
            year,
            written,
            lambda y: dt.date(y, 3 * q - 2, 1) - dt.timedelta(days=1),
            certainty="inferred",
            note=note,
        )
    return _settle(phrase, ctx, year, written, lambda y: _month_end(y, 3 * q))


_UNIT_DAYS = {"日": 1, "天": 1, "自然日": 1, "个自然日": 1, "周": 7, "星期": 7, "个星期": 7}


def _duration(m: re.Match[str], ctx: _Ctx) -> _Result:
    raw, unit = m.group("n"), m.group("u")
    n = _num(raw)
    half = raw == "半"
    if n is None and not half:
        return None
    if "工作日" in unit:
        if half or n is None:
            return None
        note = "自会议之日起算，按工作日（周一至周五）计"
        if ctx.holidays:
            note += "，已除去节假日"
        return add_workdays(ctx.meeting, n, ctx.holidays), "exact", note
    if unit in _UNIT_DAYS:
        days = (_UNIT_DAYS[unit] + 1) // 2 if n is None else _UNIT_DAYS[unit] * n
        return ctx.meeting + dt.timedelta(days=days), "exact", "自会议之日起算"
    months = {"个月": 1, "个季度": 3, "年": 12}[unit]
    if n is not None and n * months > 600:
        return None  # 2021年内 is a year, not 2,021 years
    if half:
        if months == 1:
            return ctx.meeting + dt.timedelta(days=15), "exact", "自会议之日起算"
        return _add_months(ctx.meeting, months // 2), "exact", "自会议之日起算"
    assert n is not None
    return _add_months(ctx.meeting, months * n), "exact", "自会议之日起算"


def _festival(m: re.Match[str], ctx: _Ctx) -> _Result:
    name = m.group("f")
    phrase = m.group(0)
    year, written = _year_of(m, ctx)
    if name == "春节":
        if written:
            sf = spring_festival(year)
            if sf is None:
                return None, "unresolved", "春节日期表只有2000–2050年"
            eve = sf - dt.timedelta(days=1)
            if eve < ctx.meeting:
                return None, "unresolved", f"“{phrase}”早于会议日期，年份已写明，未推算"
            return eve, "inferred", f"“春节前”按{year}年春节（{sf.month}月{sf.day}日）前一日计"
        for y in (ctx.meeting.year, ctx.meeting.year + 1):
            sf = spring_festival(y)
            if sf is not None and sf - dt.timedelta(days=1) >= ctx.meeting:
                return (
                    sf - dt.timedelta(days=1),
                    "inferred",
                    f"“春节前”按{y}年春节（{sf.month}月{sf.day}日）前一日计",
                )
        return None, "unresolved", "春节日期表只有2000–2050年"
    if name == "元旦":
        # 2022年元旦前 is 31 December 2021: a written year is the holiday's year; without
        # one, the coming 元旦 is meant (31 December of the meeting's year).
        if written:
            return _settle(phrase, ctx, year, True, lambda y: dt.date(y - 1, 12, 31))
        return dt.date(ctx.meeting.year, 12, 31), "exact", ""
    month_day = {"国庆": (9, 30), "国庆节": (9, 30), "五一": (4, 30), "劳动节": (4, 30)}[name]
    return _settle(phrase, ctx, year, written, lambda y: dt.date(y, *month_day))


def _immediate(m: re.Match[str], ctx: _Ctx) -> _Result:
    return (
        add_workdays(ctx.meeting, 1, ctx.holidays),
        "inferred",
        f"“{m.group(0)}”按会后第一个工作日计",
    )


def _asap(m: re.Match[str], ctx: _Ctx) -> _Result:
    word = m.group(0)
    if word.startswith("限期"):
        return None, "none", "“限期”未写明天数"
    return None, "none", f"“{word}”未写明期限"


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], _Ctx], _Result]]

_RULES: tuple[_Rule, ...] = (
    (
        re.compile(
            r"下一?次(?:县政府|市政府|区政府|政府)?(?:常务会议|常务会|会议)(?:召开)?(?:之前|以前|前)"
        ),
        _next_meeting,
    ),
    (
        re.compile(
            rf"{_YP}?(?P<m1>{_NUM})(?:月份?)?(?:{_NUM}[日号])?(?:至|到|-|~|—)"
            rf"(?P<rel2>次年|明年|翌年)?(?P<m2>{_NUM})月份?(?:(?P<d2>{_NUM})[日号]|{_PART})?{_SUF}?"
        ),
        _range,
    ),
    (re.compile(rf"{_YP}?(?P<m>{_NUM})月份?(?P<d>{_NUM})[日号](?:{_SUF}|内)"), _date),
    (re.compile(rf"(?:截至|截止|限于)(?:到|至)?{_YP}?(?P<m>{_NUM})月(?P<d>{_NUM})[日号]"), _date),
    (re.compile(rf"{_YP}?(?P<m>{_NUM})月份?{_PART}(?:{_SUF}|内)?"), _month_part),
    (re.compile(rf"{_YP}?(?P<m>{_NUM})月份?(?P<s>之前|以前|前|之内|以内|内)"), _month),
    (
        re.compile(
            rf"(?:(?P<r>本|当|这个|下个|下一个|下|次)月份?|月)"
            rf"(?:(?P<d>{_NUM})[日号]{_SUF}|{_PART}{_SUF}?|之内|以内|内)"
        ),
        _rel_month,
    ),
    (re.compile(rf"(?:{_YP}年?|年度?)(?:底|末|内)(?:{_SUF})?"), _year_end),
    (
        re.compile(
            rf"{_YP}?(?:(?P<h>上|下)半年|第?(?P<q>[一二三四1-4])季度(?P<qp>末|底|内)?)(?P<s>{_SUF})?"
        ),
        _half_quarter,
    ),
    (
        re.compile(
            rf"(?:限期)?(?P<n>{_NUM}|半)(?P<u>个工作日|工作日|个自然日|自然日|日|天|周|个星期|星期"
            rf"|个月|个季度|年)(?:之内|以内|内)"
        ),
        _duration,
    ),
    (
        re.compile(
            rf"限期(?P<n>{_NUM}|半)(?P<u>个工作日|工作日|个自然日|自然日|日|天|周|个星期|星期|个月|年)"
        ),
        _duration,
    ),
    (
        re.compile(rf"{_YP}?(?P<f>春节|元旦|国庆节|国庆|五一|劳动节)(?:假期|长假)?{_SUF}"),
        _festival,
    ),
    (re.compile(r"(?<![建设成确树独自创订孤挺起对])(?:立即|立刻|即刻)|马上"), _immediate),
    (
        re.compile(
            r"尽快|尽早|抓紧|及早|从速|尽速|早日|限期(?![0-9零〇○一二三四五六七八九十两半])(?:整改|完成|办结|落实|解决|销号)?"
        ),
        _asap,
    ),
)

#: A cheap test before the rules: every rule's match contains one of these characters.
_ANY_CUE = re.compile(r"[前内止底末旬年季月即刻马快早紧速期]")


def find_deadlines(
    text: str,
    meeting_date: dt.date,
    *,
    next_meeting: dt.date | None = None,
    holidays: frozenset[dt.date] = NO_HOLIDAYS,
) -> list[Deadline]:
    """Every deadline phrase in ``text``, in order, resolved against ``meeting_date``.

    Phrases do not overlap: where two rules match at one place, the earlier start wins,
    then the longer match. Spans index ``text`` itself.
    """
    folded = fold(text)
    if _ANY_CUE.search(folded) is None:
        return []
    ctx = _Ctx(meeting_date, next_meeting, holidays)
    found: list[tuple[int, int, int, re.Match[str]]] = []
    for index, (pattern, _handler) in enumerate(_RULES):
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                found.append((m.start(), -m.end(), index, m))
    found.sort(key=lambda f: (f[0], f[1], f[2]))
    out: list[Deadline] = []
    taken_until = -1
    for start, neg_end, index, m in found:
        end = -neg_end
        if start < taken_until:
            continue
        result = _RULES[index][1](m, ctx)
        if result is None:
            continue
        date, certainty, note = result
        out.append(Deadline(date, text[start:end], (start, end), certainty, note))
        taken_until = end
    return out


def resolve_deadline(
    phrase: str,
    meeting_date: dt.date,
    *,
    next_meeting: dt.date | None = None,
    holidays: frozenset[dt.date] = NO_HOLIDAYS,
) -> Deadline:
    """The first deadline in ``phrase`` (its span indexes ``phrase``), or an unresolved
    :class:`Deadline` spanning the whole phrase when it names none."""
    found = find_deadlines(phrase, meeting_date, next_meeting=next_meeting, holidays=holidays)
    if found:
        return found[0]
    return Deadline(None, phrase, (0, len(phrase)), "unresolved", f"未能识别期限“{phrase}”")
