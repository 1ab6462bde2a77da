"""Lines → classified tokens that keep their position.

The normalized text is cut at ``\\n``; each non-blank line becomes a :class:`Token`
(kind, text, start, end) whose ``start``/``end`` index the normalized text, so every value
later taken from a token can carry its span. Kinds are decided by the line's opening
alone (a label, a numbering mark, a date line), never by where the line stands: the
state machine in :mod:`jiyao.minutes.parse` decides what a token means in its region.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jiyao.minutes.parse import phrases as P
from jiyao.minutes.parse.numerals import N

# Token kinds.
CHROME = "chrome"  # website / e-paper chrome, never content
OFFICE_DATE = "office_date"  # 象山县人民政府办公室   2021年6月21日
IMPRINT = "imprint"  # 象山县人民政府办公室   2021年6月21日印发
NUMBER = "number"  # 〔2023〕5号, 第7期, （2023年第15次）, 第21次
HEADING = "heading"  # 一、…
NUMBERED = "numbered"  # 1. / 1． / 1、 …
SUB = "sub"  # （一）/(一)
ATTEND = "attend"  # 出    席：…
DIST = "dist"  # 分送：…
FIELD = "field"  # 主 持 人：…, 会议议题：
TEXT = "text"  # anything else


class Token(NamedTuple):
    """One line of the normalized text: ``text == source[start:end]`` (stripped).

    Immutable like a frozen dataclass, but a named tuple: tokens are made for every
    line of every document, and a tuple is built several times faster."""

    kind: str
    text: str
    start: int
    end: int
    #: For ATTEND/DIST/FIELD: the label without spaces; for HEADING/NUMBERED/SUB: the ordinal.
    label: str = ""
    #: Where the line's content starts after its label or numbering mark.
    body_start: int = 0


def _spaced(word: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in word)


def _alternatives(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(_spaced(w) for w in sorted(words, key=len, reverse=True))


_ATTEND_RE = re.compile(rf"({_alternatives(list(P.ATTENDANCE_LABELS))})\s*(?:[：:]\s*|\s+)")
_FIELD_RE = re.compile(rf"({_alternatives(P.FIELD_LABELS)})\s*[：:]\s*")
_DIST_RE = re.compile(rf"({_alternatives(P.DISTRIBUTION_LABELS)})\s*[：:]\s*")
_HEADING_RE = re.compile(r"([一二三四五六七八九十]{1,3})\s*[、.．]\s*")
_NUMBERED_RE = re.compile(r"(\d{1,2})\s*(?:[.．、](?!\d)|\s)\s*")
_SUB_RE = re.compile(r"[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*")
_ORG = rf"[{P.HAN}]{{2,30}}?(?:办公室|办公厅|人民政府|政府办|办)"
_DATE = (
    rf"(?:(?:\d{{4}}|[{P.CN_DIGITS}]{{4}}|{N}) ?年[^\n]{{1,12}}?日"
    # 2016-4-13 (H1: an office line's date without its 年月日)
    rf"|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}})"
)
# The date may be missing (an issuer line of a record whose date is unknown).
_OFFICE_DATE_RE = re.compile(rf"({_ORG})(?:\s+({_DATE}))?$")
_OFFICE_ONLY_RE = re.compile(rf"[{P.HAN}]{{2,20}}?(?:办公室|办公厅)")
_IMPRINT_RE = re.compile(rf"({_ORG})\s+({_DATE})\s*印发?$")
_NUMBER_RE = re.compile(
    rf"[（(]?\s*(?:[〔\[［(（]\d{{4}}[〕\]］)）]\s*(?:第\s*)?\d+\s*号|第\s*{N}\s*[号期]"
    rf"|(?:\d{{4}}年)?第\s*{N}\s*次)\s*[)）]?$"
)
_TABLE_HEAD_RE = re.compile(r"(?:类\s*别|序\s*号)\s+(?:单\s*位|职\s*务)?.*姓\s*名$")
#: A bar of links: names with wide gaps and no punctuation (四川省人民政府     眉山市委市政府).
_NAV_BAR_RE = re.compile(rf"[{P.HAN}]{{5,16}}(?:\s{{3,}}[{P.HAN}]{{5,16}})+")
#: A line of markup alone (<legend id="x"></legend>, • <input id="x">): a damaged copy's tags.
_TAG_ONLY_RE = re.compile(r"(?:\s*(?:<[^<>]*>|[•·\-*]|\d{1,2}\.))+\s*")
_CHROME_LINE_RE = re.compile("|".join(f"(?:{p})" for p in P.CHROME_LINE_PATTERNS))
#: A 时间 line that is the page's publication stamp (H2): a clock time right after the
#: date, or the source named on the same line.
_STAMP_RE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}|来源|浏览|发布")


_BARE_LABEL_RE = re.compile(
    rf"(?:{_alternatives([*P.ATTENDANCE_LABELS, *P.FIELD_LABELS])})\s*[：:]"
)
_AGENDA_LABELS = ("会议议题", "议题")


def tokenize(text: str) -> list[Token]:
    """The non-blank lines of ``text`` as tokens, in order. A label alone on its line
    takes the next line as its value (H4: 会议时间：⏎2023年5月16日…); the lines under a
    会议议题： label are the agenda's entries (numbered tokens without a number)."""
    tokens: list[Token] = []
    pos = 0
    pending: tuple[str, int] | None = None  # a bare label waiting for its value
    agenda = False
    chrome_label = False  # the line before was a chrome label without its value
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.find(stripped[0])
            if pending is None and stripped[-1] in "：:" and _BARE_LABEL_RE.fullmatch(stripped):
                pending = (stripped, start)
                pos += len(line) + 1
                continue
            if pending is not None:
                label, l_start = pending
                pending = None
                chrome_label = False
                tok = classify(label + stripped, l_start)
                # the value's span is its own line; the token runs from the label
                shift = start - (l_start + len(label))
                tok = tok._replace(
                    text=text[l_start : start + len(stripped)], end=start + len(stripped)
                )
                if tok.body_start:
                    tok = tok._replace(body_start=tok.body_start + shift)
                agenda = tok.kind == FIELD and tok.label in _AGENDA_LABELS
                if agenda and tok.label in _AGENDA_LABELS:
                    tokens.append(
                        _new(
                            Token,
                            (
                                FIELD,
                                label,
                                l_start,
                                l_start + len(label),
                                tok.label,
                                l_start + len(label),
                            ),
                        )
                    )
                    tok = _new(Token, (NUMBERED, stripped, start, start + len(stripped), "", start))
                tokens.append(tok)
            else:
                tok = classify(stripped, start)
                if chrome_label and tok.kind in (TEXT, OFFICE_DATE) and len(stripped) <= 30:
                    # 来源：⏎县人民政府办公室: a chrome label's value on the next line
                    tok = _new(Token, (CHROME, stripped, start, start + len(stripped), "", 0))
                chrome_label = tok.kind == CHROME and stripped[-1] in "：:"
                if agenda and tok.kind == TEXT and not stripped.endswith("。"):
                    tok = _new(Token, (NUMBERED, stripped, start, start + len(stripped), "", start))
                elif tok.kind != TEXT or stripped.endswith("。"):
                    agenda = tok.kind == FIELD and tok.label in _AGENDA_LABELS
                tokens.append(tok)
        pos += len(line) + 1
    if pending is not None:
        tokens.append(classify(*pending))
    return tokens


_ATTEND_FIRST = frozenset(label[0] for label in P.ATTENDANCE_LABELS)
_FIELD_FIRST = frozenset(label[0] for label in P.FIELD_LABELS)
_DIST_FIRST = frozenset(label[0] for label in P.DISTRIBUTION_LABELS)
_CHROME_OPENINGS = tuple(P.CHROME_OPENINGS)
_CHROME_FIRST = frozenset(opening[0] for opening in _CHROME_OPENINGS)
_NUMERAL_FIRST = frozenset("一二三四五六七八九十")
_CHROME_WORDS_RE = re.compile("|".join(P.CHROME_WORDS))
_BULLETS = "•●·▪◆■ "
#: A line without a Chinese character (2022, 13:31, ![]()) is page chrome, never content.
_HAN_RE = re.compile(rf"[{P.HAN}]")
_NOT_NUMBERED_RE = re.compile(r"\d{1,2}\s*[月日时:：]")
#: Builds a Token without the named tuple's Python-level ``__new__`` (a third of the cost
#: of classifying a line); every field is given, defaults included.
_new = tuple.__new__


def classify(line: str, start: int) -> Token:
    """The token for one stripped line beginning at ``start``. Each test is guarded by a
    cheap look at the line's first or last character (this runs once per line)."""
    end = start + len(line)
    first = line[0]
    if first in _ATTEND_FIRST:
        m = _ATTEND_RE.match(line)
        if m and len(line) > m.end() and not line.startswith("会议", m.end()):
            label = "".join(m.group(1).split())  # (the label without its spaces)
            return _new(Token, (ATTEND, line, start, end, label, start + m.end()))
    # field and distribution labels end with a colon (most lines open with 会议…)
    colon = "：" in line or ":" in line
    if colon and first in _FIELD_FIRST:
        m = _FIELD_RE.match(line)
        if m:
            label = "".join(m.group(1).split())
            if label in ("时间", "日期") and _STAMP_RE.search(line):
                return _new(Token, (CHROME, line, start, end, "", 0))
            return _new(Token, (FIELD, line, start, end, label, start + m.end()))
    if colon and first in _DIST_FIRST:
        m = _DIST_RE.match(line)
        if m:
            return _new(Token, (DIST, line, start, end, m.group(1), start + m.end()))
    last = line[-1]
    if last in "|｜":
        # a page's title or paragraph with the table bar it was printed in (…会议 |)
        line = line.rstrip("|｜ ")
        if not line:
            return _new(Token, (CHROME, line, start, end, "", 0))
        end = start + len(line)
        last = line[-1]
    if last in "发印" and _IMPRINT_RE.search(line):
        return _new(Token, (IMPRINT, line, start, end, "", 0))
    if (last == "日" or last in "室厅" or "0" <= last <= "9") and (
        _OFFICE_DATE_RE.fullmatch(line) if last not in "室厅" else _OFFICE_ONLY_RE.fullmatch(line)
    ):
        return _new(Token, (OFFICE_DATE, line, start, end, "", 0))
    if last in "号期次)）" and len(line) <= 20 and _NUMBER_RE.fullmatch(line):
        return _new(Token, (NUMBER, line, start, end, "", 0))
    if first in _BULLETS:
        # a portal's metadata list (• 索 引 号：…): the label without bullet and spaces
        bare = "".join(line.lstrip(_BULLETS).split())
        if bare.startswith(_CHROME_OPENINGS):
            return _new(Token, (CHROME, line, start, end, "", 0))
    if (
        (first in _CHROME_FIRST and line.startswith(_CHROME_OPENINGS))
        or _HAN_RE.search(line) is None
        or _CHROME_WORDS_RE.search(line) is not None
        or "|" in line
        or "｜" in line
        or (first in "类序" and _TABLE_HEAD_RE.match(line))
        or (len(line) <= 30 and _CHROME_LINE_RE.fullmatch(line))
        or "http" in line
        or ("<" in line and _TAG_ONLY_RE.fullmatch(line))
        or ".htm" in line
        or ("   " in line and "会" not in line and _NAV_BAR_RE.fullmatch(line))
    ):
        return _new(Token, (CHROME, line, start, end, "", 0))
    if first in _NUMERAL_FIRST:
        m = _HEADING_RE.match(line)
        if m:
            return _new(Token, (HEADING, line, start, end, m.group(1), start + m.end()))
    elif first in "（(":
        m = _SUB_RE.match(line)
        if m:
            return _new(Token, (SUB, line, start, end, m.group(1), start + m.end()))
    elif first.isdigit():
        m = _NUMBERED_RE.match(line)
        if m and not _NOT_NUMBERED_RE.match(line):
            return _new(Token, (NUMBERED, line, start, end, m.group(1), start + m.end()))
    return _new(Token, (TEXT, line, start, end, "", start))


OFFICE_DATE_RE = _OFFICE_DATE_RE
IMPRINT_RE = _IMPRINT_RE
