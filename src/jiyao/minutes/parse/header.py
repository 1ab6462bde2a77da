"""The document's header and the meeting it records.

From the tokens before the first item: the title (first line that is not chrome, an
office/date line or an issue number), the issuer and issue date (an office/date line or
the imprint — never website metadata), and the issue number. From the title, those
lines and the opening sentence: the meeting's kind, session, date (a missing year is
taken from a date printed in the document: header, imprint, publication line), time of
day, chair and room.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from jiyao.minutes.parse import phrases as P
from jiyao.minutes.parse import tokens as T
from jiyao.minutes.parse.fields import Found, clause_tail, clean_name, last_match
from jiyao.minutes.parse.numerals import FoundDate, N, cn_int, full_date, iter_dates


@dataclass
class Header:
    """What the header and opening say; spans in ``spans``."""

    title: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    number: str | None = None
    body: str | None = None
    kind: str | None = None
    session: int | None = None
    date: dt.date | None = None
    time_of_day: str | None = None
    chair: str | None = None
    chair_post: str | None = None
    location: str | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


_KIND_RE = re.compile(
    # 全体（扩大）会议 is a 全体会议
    "|".join(
        re.escape(k[:2]) + r"(?:[（(]扩大[)）])?" + re.escape(k[2:])
        for k in sorted(P.MEETING_KINDS, key=len, reverse=True)
    )
)
_EXPANDED_RE = re.compile(r"[（(]扩大[)）]")
_SESSION_RE = re.compile(rf"第\s*({N})\s*次|届\s*({N})\s*次")
_BODY_RE = re.compile(
    # 县政府召开第N次常务会议 (the government as the subject of 召开, headline style)
    rf"([{P.HAN}]{{0,16}}?政府)?(?:召开)?(?:党组(?:（扩大）)?会议(?:和|暨)[{P.HAN}]*?)?"
    rf"(?:\d{{4}}年)?(?:第?\s*(?:{N}|[{P.PLACEHOLDER}]+)\s*次)?\s*(?:常务|全体|专题|办公)会(?!议室)"
)
_KIND_ANCHOR_RE = re.compile(r"(?:常务|全体|专题|办公)会(?!议室)")
_NOT_SESSION_RE = re.compile(r"\s*次?\s*(?:[号期])")
_BODY_CUT_RE = re.compile(r"召开|主持|在|[，,、。暨]")
_TERM_RE = re.compile(rf"第?[{P.CN_DIGITS}\d]+届")
_CHAIR_RE = re.compile(
    r"([^，。；\n]{2,40}?)(?:同志)?(?:在[^，。；\n]{2,40}?)?主持(?:召开|会议|了)?"
)
_CHAIR_PASSIVE_RE = re.compile(r"会议由([^，。；\n]{2,30}?)主持")
_LOCATION_RE = re.compile(
    rf"在([{P.HAN}\d０-９]{{2,30}}?(?:会议室|会议中心|会场|礼堂|大厅|厅|中心))(?:主持|召开|举行)"
)
_BLANK_DATE_RE = re.compile(
    rf"[\d{P.PLACEHOLDER}]*年?[\d{P.PLACEHOLDER}]+月[\d{P.PLACEHOLDER}]+日(上午|下午|晚上|中午|晚)"
)
_TIME_RE = re.compile(r"\s*(?:[（(][^）)]{1,6}[)）])?\s*(上午|下午|晚上|中午|晚)")
_CHAIR_BREAK_RE = re.compile("[，。；\n]")
_CLAUSE_BREAK_RE = re.compile("[，,。；;\n]")
_COLUMN_RE = re.compile(rf"【[^】]{{0,8}}(?:{'|'.join(P.COLUMN_WORDS)})[^】]{{0,4}}】\s*")
_TITLE_LABEL_RE = re.compile(r"[•●·▪◆■\s]*标\s*题\s*[：:]\s*")
_MANNER_RE = re.compile(rf"(?:以|通过)[^，,]{{0,12}}?(?:{'|'.join(P.MANNER_ENDINGS)})$")
_start = attrgetter("start")


def read_header(source: str, tokens: list[T.Token], opening: T.Token | None) -> Header:
    """The header fields from the tokens up to and including the opening sentence."""
    h = Header()
    # the tokens before the opening sentence (tokens are in text order)
    head_tokens = (
        tokens if opening is None else tokens[: bisect_left(tokens, opening.start, key=_start)]
    )
    title = _title_token(head_tokens)
    if title is not None:
        column = _COLUMN_RE.match(title.text)  # 【时政新闻】县政府召开常务会议 (H3)
        if column is None:
            column = _TITLE_LABEL_RE.match(title.text)  # • 标    题：X (a portal's field)
        cut = column.end() if column and column.end() < len(title.text) else 0
        h.title = title.text[cut:]
        h.spans["title"] = (title.start + cut, title.end)
    for tok in head_tokens:
        if tok.kind == T.NUMBER and h.number is None:
            h.number = tok.text.strip("（）() ")
            h.spans["number"] = (tok.start, tok.end)
    for tok in tokens:
        if tok.kind in (T.OFFICE_DATE, T.IMPRINT) and h.issuer is None:
            m = (T.OFFICE_DATE_RE if tok.kind == T.OFFICE_DATE else T.IMPRINT_RE).search(tok.text)
            if m is None:
                continue
            h.issuer = m.group(1)
            h.spans["issuer"] = (tok.start + m.start(1), tok.start + m.end(1))
            found = (
                full_date(source, tok.start + m.start(2), tok.start + m.end(2))
                if m.group(2)
                else None
            )
            if found is not None:
                h.issued_on = found.complete(None)
                h.spans["issued_on"] = (found.start, found.end)
            break  # the first issuer line wins
    _meeting(source, tokens, head_tokens, opening, h)
    return h


#: A title names its meeting (召开…会议, …纪要); a line before it that does not is the
#: page's site, portal or column name (人民网, 政府信息公开, 今日X, H3).
_TITLE_CUE_RE = re.compile("|".join(P.TITLE_CUES))
_HAN_RE = re.compile(f"[{P.HAN}]")
#: Lines looked at for a title that names the meeting (a page's chrome is a few lines).
_TITLE_LOOKAHEAD = 6


def _title_token(head: list[T.Token]) -> T.Token | None:
    """The title: the first of the first few text lines that names the meeting, else the
    first line with a Han character (a line of digits, 2022 or 09/01, is never a title)."""
    lines = [
        t
        for t in head
        if t.kind in (T.TEXT, T.HEADING, T.NUMBERED)
        and not t.text.startswith("——")
        and _HAN_RE.search(t.text)
    ]
    for tok in lines[:_TITLE_LOOKAHEAD]:
        if tok.kind != T.TEXT:
            break
        if "。" not in tok.text and len(tok.text) <= 80 and _TITLE_CUE_RE.search(tok.text):
            return tok
    return lines[0] if lines else None


#: The session's number belongs to the government's meeting: its kind follows within a few
#: characters (第9次政府常务会议, 第36次县长办公会议), and no committee's name precedes it
#: (安全生产委员会2025年第四次会议 is another body's meeting).
_SESSION_KIND_RE = re.compile(r"[^，。；\n]{0,10}?(?:常务|全体|办公|专题)(?:[（(]扩大[)）])?会")
_OTHER_BODY_RE = re.compile(r"(?:委员会|委会|党组|人大|政协)(?:\d{4}年度?)?$")


def _session_match(source: str, s: int, e: int) -> re.Match[str] | None:
    for m in _SESSION_RE.finditer(source, s, e):
        if _SESSION_KIND_RE.match(
            source, m.end(), min(e, m.end() + 14)
        ) is None and not source.startswith(("）", ")", "\n"), m.end()):
            continue  # (a label line （2024年第8次） is the session's own)
        if _OTHER_BODY_RE.search(source, max(s, m.start() - 12), m.start()):
            continue
        return m
    return None


#: A year printed in the session's label (2018年第9次常务会议, 2025年度第八次常务会议, H1).
_LABEL_YEAR_RE = re.compile(
    rf"((?:19|20)\d\d)\s*年度?\s*(?:第|[{P.HAN}]{{1,12}}?第"
    # a month's meeting named by its year and month (2026年2月县人民政府抓落实专题会议)
    rf"|\d{{1,2}}\s*月(?!\s*\d{{1,2}}\s*日)"
    rf"(?=[^，,。\d日]{{0,16}}?(?:常务|全体|专题|办公)会|[{P.HAN}]{{1,16}}?会议))"
)
#: An opening that starts with the month and day written 3-24 or the day alone (25日, H1).
_SHORT_DATE_RE = re.compile(r"(?:(\d{1,2})-(\d{1,2})|(\d{1,2})\s*日)(?=\s*[，,上下晚中（(])")


def _label_year(source: str, tokens: list[T.Token], opening: T.Token | None) -> int | None:
    """The year of a 2018年第N次 label in the lines up to the opening sentence."""
    end = opening.end if opening is not None else (tokens[0].end if tokens else 0)
    for tok in tokens:
        if tok.start > end:
            break
        if tok.kind in (T.TEXT, T.NUMBER, T.HEADING):
            m = _LABEL_YEAR_RE.search(source, tok.start, min(tok.end, tok.start + 200))
            if m:
                return int(m.group(1))
    return None


def _short_date(
    source: str, s: int, e: int, h: Header, tokens: list[T.Token], opening: T.Token
) -> None:
    """3-24，… or 25日，… at the start of the opening: month and year from the printed
    dates (the page's or the header's)."""
    lead = len(source[s:e]) - len(source[s:e].lstrip("本报讯（）()记者 　"))
    m = _SHORT_DATE_RE.match(source, s + lead, e) if lead < 40 else None
    if m is None:
        m = _SHORT_DATE_RE.search(source, s, min(e, s + 40))
        if m is None or source[m.start() - 1] not in "，, 讯)）":
            return
    ref = h.issued_on or _reference_year(source, tokens, opening)
    if m.group(1):
        month, day = int(m.group(1)), int(m.group(2))
        year = ref.year if ref else _label_year(source, tokens, opening)
        if ref is not None and month > ref.month + 1:
            year = ref.year - 1
    else:
        if ref is None:
            _time_after(source, m.end(), h)  # 21日下午 without a page date: the time alone
            return
        day = int(m.group(3))
        if day > 31:
            lost = _lost_month(m.group(3), ref)
            if lost is None:
                _time_after(source, m.end(), h)
                return
            year, month, day = lost.year, lost.month, lost.day
        else:
            year, month = ref.year, ref.month
            if day > ref.day:
                year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        label = _label_year(source, tokens, opening)
        if label is not None and label != year:
            _time_after(source, m.end(), h)
            return  # the page's date and the session's year disagree: no date
    if year is None:
        _time_after(source, m.end(), h)
        return
    try:
        h.date = dt.date(year, month, day)
    except ValueError:
        return
    h.spans["meeting.date"] = (m.start(), m.end())
    _time_after(source, m.end(), h)


def _lost_month(digits: str, ref: dt.date) -> dt.date | None:
    """33日 beside a page date of 2025-03-04: 3月3日 with its 月 lost, read only when that
    day is the page's date or falls in the month before it (131日 beside 06-13 is none)."""
    for year in (ref.year, ref.year - 1):
        try:
            day = dt.date(year, int(digits[0]), int(digits[1:]))
        except ValueError:
            return None
        if day <= ref:
            return day if (ref - day).days <= 31 else None
    return None


def _time_after(source: str, pos: int, h: Header) -> None:
    """The time of day written right after a date (25日下午, 3-24（周五）上午)."""
    t = _TIME_RE.match(source, pos)
    if t and h.time_of_day is None:
        h.time_of_day = "晚上" if t.group(1) == "晚" else t.group(1)
        h.spans["meeting.time_of_day"] = (t.start(1), t.end(1))


def _reference_year(
    source: str, tokens: list[T.Token], opening: T.Token | None = None
) -> dt.date | None:
    """A full date printed outside the body (header, imprint, publication line, any line
    above the opening sentence)."""
    before = opening.start if opening is not None else -1
    last: dt.date | None = None
    for tok in tokens:
        if tok.kind in (T.OFFICE_DATE, T.IMPRINT, T.CHROME) or tok.end < before:
            found = full_date(source, tok.start, tok.end)
            if found is not None:
                if tok.end >= before:
                    return last or found.complete(None)
                # above the opening, the date nearest it is the page's (a masthead's
                # 2021年10月10日前数字报 higher up is not)
                last = found.complete(None)
    return last


def _meeting(
    source: str, tokens: list[T.Token], head: list[T.Token], opening: T.Token | None, h: Header
) -> None:
    windows = [
        (t.start, min(t.end, t.start + 400))
        for t in head
        if t.kind in (T.TEXT, T.NUMBER, T.HEADING, T.FIELD)
    ]
    if opening is not None:
        windows.append((opening.start, min(opening.end, opening.start + 400)))
    for s, e in windows:
        # (each field is searched for until found)
        m = _KIND_RE.search(source, s, e) if h.kind is None else None
        if m:
            h.kind = P.MEETING_KINDS[_EXPANDED_RE.sub("", m.group())]
            h.spans["meeting.kind"] = (m.start(), m.end())
        m = _session_match(source, s, e) if h.session is None else None
        if m and not _NOT_SESSION_RE.match(source[m.end() : m.end() + 2]):
            value = cn_int(m.group(1) or m.group(2))
            if value is not None and 0 < value < 1000:
                h.session = value
                g = 1 if m.group(1) else 2
                h.spans["meeting.session"] = (m.start(g), m.end(g))
        anchor = _KIND_ANCHOR_RE.search(source, s, e) if h.body is None else None
        # the body is written just before the kind: search only there (the pattern's
        # optional lead would otherwise be tried at every position of the line), and
        # only if a 政府 is there for it to end with
        lo = max(s, anchor.start() - 60) if anchor else s
        m = (
            _BODY_RE.search(source, lo, anchor.end())
            if anchor and source.find("政府", lo, anchor.end()) >= 0
            else None
        )
        if m and m.group(1) and h.body is None:
            raw = m.group(1)
            cut = last_match(_BODY_CUT_RE, raw, 0, len(raw))
            b_start = m.start(1) + (cut.end() if cut else 0)
            body = _TERM_RE.sub("", source[b_start : m.end(1)])
            if len(body) >= 2:
                h.body = body
                h.spans["meeting.body"] = (b_start, m.end(1))
    fields = [t for t in tokens if t.kind == T.FIELD]
    for tok in fields:
        if tok.label in ("会议时间", "时间"):
            found = next(iter_dates(source, tok.body_start, tok.end), None)
            if found is not None:
                _date(source, tokens, found, h)
    if opening is None:
        _chair(source, 0, 0, h, tokens, fields)
        return
    # the opening sentence's facts sit in its first few hundred characters; a bound
    # keeps pathological one-line inputs linear
    s, e = opening.start, min(opening.end, opening.start + 400)
    # the meeting date leads the opening sentence
    first_date = next(iter_dates(source, s, min(e, s + 80)), None)
    if first_date is not None and h.date is None:
        _date(source, tokens, first_date, h, opening)
    elif h.date is None:
        _short_date(source, s, e, h, tokens, opening)
    if h.date is None and h.time_of_day is None:
        m = _BLANK_DATE_RE.search(source, s, min(e, s + 80))
        if m:
            h.time_of_day = "晚上" if m.group(1) == "晚" else m.group(1)
            h.spans["meeting.time_of_day"] = (m.start(1), m.end(1))
    _chair(source, s, e, h, tokens, fields)
    m = _LOCATION_RE.search(source, s, e)
    if m and not any(ch in P.PLACEHOLDER for ch in m.group(1)):
        h.location = m.group(1)
        h.spans["meeting.location"] = (m.start(1), m.end(1))
    for tok in fields:
        if tok.label in ("会议地点", "地点") and h.location is None:
            h.location = source[tok.body_start : tok.end].strip() or None
            h.spans["meeting.location"] = (tok.body_start, tok.end)


def _date(
    source: str,
    tokens: list[T.Token],
    found: FoundDate,
    h: Header,
    opening: T.Token | None = None,
) -> None:
    year = found.year
    ref = h.issued_on or _reference_year(source, tokens, opening)
    if year is None and ref is not None:
        year = ref.year if found.month <= ref.month + 1 else ref.year - 1
    if year is None:
        year = _label_year(source, tokens, opening)
    h.date = found.complete(year)
    if h.date is not None:
        h.spans["meeting.date"] = (found.start, found.end)
    m = _TIME_RE.match(source, found.end)
    if m:
        word = m.group(1)
        h.time_of_day = "晚上" if word == "晚" else word
        h.spans["meeting.time_of_day"] = (m.start(1), m.end(1))


def _chair(
    source: str, s: int, e: int, h: Header, tokens: list[T.Token], fields: list[T.Token]
) -> None:
    for found in _chair_candidates(source, s, e, tokens, fields):
        if found is not None:
            h.chair = found.value
            h.spans["meeting.chair"] = (found.start, found.end)
            _chair_post(source, found.start, found.end, h)
            return


#: One post word of a chair (县长, 副县长, 常务副县长, 代县长, 县委副书记, 县委常委 …).
_POST = (
    r"(?:[县市区州旗省]委)?(?:常委|(?:常务)?副?书记)"
    r"|(?:常务)?副?代?[县市区州旗省镇乡]长"
)
#: Posts joined by 、 written before the name (县委副书记、县长周胜霆) …
_POST_BEFORE_RE = re.compile(rf"(?:{_POST})(?:、(?:{_POST}))*(?:同志)?\s*$")
#: … or after it (周胜霆县长主持).
_POST_AFTER_RE = re.compile(rf"\s*((?:{_POST})(?:、(?:{_POST}))*)")


def _chair_post(source: str, start: int, end: int, h: Header) -> None:
    """The chair's post as written right before or after the name at [start, end)."""
    lo = max(0, start - 30)
    m = _POST_BEFORE_RE.search(source, lo, start)
    if m:
        post = m.group(0).removesuffix("同志").rstrip()
        h.chair_post = post
        h.spans["meeting.chair_post"] = (m.start(), m.start() + len(post))
        return
    m = _POST_AFTER_RE.match(source, end, min(len(source), end + 30))
    if m:
        h.chair_post = m.group(1)
        h.spans["meeting.chair_post"] = (m.start(1), m.end(1))


def _chair_candidates(
    source: str, s: int, e: int, tokens: list[T.Token], fields: list[T.Token]
) -> Iterator[Found | None]:
    """Where a chair is named, best first: a 主持人 field, 会议由X主持, X主持召开 in the
    opening, an e-paper subtitle (——县长X主持召开…), the short line after the opening
    (州长X主持会议。), a later X主持会议并讲话. Read lazily: the first name wins."""
    for tok in fields:
        if tok.label in ("主持人", "主持", "会议主持人", "会议主持"):
            yield clean_name(source[tok.body_start : tok.end], tok.body_start)
    m = _CHAIR_PASSIVE_RE.search(source, s, e)
    if m:
        yield clean_name(m.group(1), m.start(1))
    first = source.find("主持", s, e)
    # a match holds no ，。；\n before its 主持, and no 主持 comes before ``first``: no
    # match starts at or before the last such break before ``first``
    if first >= 0:
        lo = first - len(clause_tail(source, max(s, first - 90), first, _CHAIR_BREAK_RE))
        for m in _CHAIR_RE.finditer(source, lo, e):
            run = m.group(1)
            cut = max(run.rfind(","), run.rfind("—"))  # (the run holds no ，。；)
            run = run[cut + 1 :]
            manner = _MANNER_RE.search(run)  # 以视频方式主持 (A5)
            yield clean_name(run[: manner.start()] if manner else run, m.start(1) + cut + 1)
    yield from _subtitle_chairs(source, s, tokens)
    # the opening says the meeting took place, the next short line who chaired it
    # (11月29日下午，州政府第33次常务会议召开。⏎州长X主持会议。)
    after = next((tok for tok in tokens if tok.start >= e), None)
    if after is not None and after.kind == T.TEXT and len(after.text) <= 40:
        m = _CHAIR_RE.match(source, after.start, after.end)
        if m:
            run = m.group(1)
            cut = max(run.rfind("、"), run.rfind(","), run.rfind("，"))
            yield clean_name(run[cut + 1 :], m.start(1) + cut + 1)
    # a report that names its chair later: 副市长X主持会议并讲话 (not 主持召开, which
    # may be another meeting held before or after)
    for tok in tokens:
        if tok.start >= e and tok.kind == T.TEXT and "主持会议" in tok.text:
            at = source.find("主持会议", tok.start, tok.end)
            lo = at - len(clause_tail(source, max(tok.start, at - 60), at, _CLAUSE_BREAK_RE))
            yield clean_name(source[lo:at], lo)


def _subtitle_chairs(source: str, s: int, tokens: list[T.Token]) -> Iterator[Found | None]:
    """The chair of an e-paper subtitle above the opening (——县长X主持召开…)."""
    for tok in tokens:
        if tok.end > s:
            break
        if tok.kind == T.TEXT and tok.text.startswith("——"):
            for m in _CHAIR_RE.finditer(source, tok.start, min(tok.end, tok.start + 400)):
                run = m.group(1).lstrip("—")
                yield clean_name(run, m.end(1) - len(run))
