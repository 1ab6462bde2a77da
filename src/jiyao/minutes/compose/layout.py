"""The minutes as a typeset document, before any file format: blocks in reading order.

Every output (HTML, DOCX, PDF) renders the same :class:`Document`, built once from a record
by :func:`build`; so the three agree on what is printed and differ only in how. The
document follows the example minutes and GB/T 9704-2012 §10.3 (docs/domain.md §2):

- the letterhead (版头): the red 纪要标志 (masthead), the number line, the issuer left and
  the issue date right, a red rule — configurable per government as a :class:`Letterhead`
  (by default the masthead is the record's title; ``Letterhead.for_series`` gives the
  government's series masthead, 象山县人民政府常务会议纪要);
- the title (when it is not the masthead), the opening sentence, then per item a level-1 heading (一、…, 黑体) and its
  paragraphs; a paragraph opening with （一） gets its lead sentence in 楷体;
- the attendance blocks (出席 / 请假 / 应邀出席 / 列席);
- the end block (版记) at the foot of the last page: 分送 and the 印发 line.

A record that lacks parts yields a document without those blocks; nothing is invented
except the connecting sentences the example minutes use (the opening sentence, and
"会议要求，…" / "会议原则同意《…》…" when an item has requirements or a decision but no text);
those, and the cut of each item into paragraphs, are the plain-text composer's
(compose/text.py), so the text taken back out of a DOCX or PDF is the text of the record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from jiyao.minutes.compose.text import (  # one wording for all formats
    arabic_date,
    chinese_numeral,
    opening_paragraph,
)
from jiyao.minutes.compose.text import item_paragraphs as text_item_paragraphs
from jiyao.minutes.errors import ComposeError
from jiyao.minutes.record import ATTENDANCE_FIELDS, Item, Record
from jiyao.minutes.record import ATTENDANCE_LABELS as _LABELS

#: Grid of GB/T 9704-2012 §5.2: a 156 × 225 mm text block, 22 lines of 28 characters.
PAGE_MM = (210.0, 297.0)
MARGIN_TOP_MM = 37.0
MARGIN_LEFT_MM = 28.0
BLOCK_MM = (156.0, 225.0)
MARGIN_RIGHT_MM = PAGE_MM[0] - MARGIN_LEFT_MM - BLOCK_MM[0]  # 26 mm
MARGIN_BOTTOM_MM = PAGE_MM[1] - MARGIN_TOP_MM - BLOCK_MM[1]  # 35 mm
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
PT_PER_MM = 72 / 25.4
#: Width of one character cell and the line pitch, in points.
CELL_PT = BLOCK_MM[0] * PT_PER_MM / CHARS_PER_LINE  # ≈ 15.79 pt
LINE_PITCH_PT = 28.95  # 579 twips: 22 pitches fit the 225 mm block, a 23rd does not
#: Font sizes (号 → pt).
TITLE_PT = 22.0  # 2号
BODY_PT = 16.0  # 3号
PAGE_NUMBER_PT = 14.0  # 4号
END_BLOCK_PT = 14.0  # 4号, the 版记
#: The masthead's top edge sits 35 mm below the top of the text block (§10.3).
MASTHEAD_OFFSET_MM = 35.0
RED = (1.0, 0.0, 0.0)

FULL_SPACE = "\u3000"

#: What no document format can hold: C0 controls, lone surrogates, non-characters.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` without characters that cannot be printed (tabs and line ends become spaces)."""
    return _UNPRINTABLE.sub("", text.replace("\t", " ").replace("\r", " ").replace("\n", " "))


def chinese_date(day: dt.date) -> str:
    """GB/T 9704 §7.3.5.4: Arabic numerals, full year, no leading zeros."""
    return arabic_date(day)


_OFFICE = re.compile(r"(办公室|办公厅|秘书处|秘书科)$")


@dataclass(frozen=True)
class Letterhead:
    """The 纪要 header (版头), which GB/T 9704 leaves to local practice.

    ``masthead`` is the red 纪要标志; ``number`` the line under it (第53期, 〔2021〕53号);
    ``issuer`` and ``date`` the line above the red rule, issuer left and date right. Empty
    strings and None leave a part out. ``masthead_pt`` None means the largest size up to
    小初 (36 pt) that fits the masthead on one line. A record title that differs from the
    masthead is printed under the header in 2号 小标宋.
    """

    masthead: str = "会议纪要"
    number: str | None = None
    issuer: str | None = None
    date: str | None = None
    rule: bool = True
    masthead_pt: float | None = None

    @classmethod
    def for_record(cls, record: Record) -> Letterhead:
        """The default: the record's own title as the 纪要标志 (县政府第五十三次常务会议纪要).

        GB/T 9704 §10.3 makes the 纪要标志 "××××纪要" — the title of the minutes — and
        readers of minutes (jiyao's parser among them, after the practice of published
        纪要) take the masthead for the title and the government named in it for the
        meeting's body; so a document whose masthead is its title says what its record
        says. Without a title, the series masthead of :meth:`for_series`.
        """
        series = cls.for_series(record)
        if record.title:
            return replace(series, masthead=record.title)
        return series

    @classmethod
    def for_series(cls, record: Record) -> Letterhead:
        """A government's series masthead: 象山县人民政府办公室 + 常务会议 → 象山县人民政府常务会议纪要.

        The government is the issuer without its office (办公室, 办公厅 …), else the
        meeting's body; the title, when the record has one, then prints under the header.
        """
        government = _OFFICE.sub("", record.issuer or "") or (record.meeting.body or "")
        kind = record.meeting.kind or "会议"
        return cls(
            masthead=f"{government}{kind}纪要",
            number=record.number,
            issuer=record.issuer,
            date=chinese_date(record.issued_on) if record.issued_on else None,
        )

    def fitted_masthead_pt(self) -> float:
        if self.masthead_pt is not None:
            return self.masthead_pt
        width_pt = BLOCK_MM[0] * PT_PER_MM
        size = min(36.0, width_pt * 0.98 / max(len(self.masthead), 1))
        return float(int(size * 2) / 2)


@dataclass(frozen=True)
class Run:
    """A stretch of text in one face: ``body`` 仿宋, ``hei`` 黑体, ``kai`` 楷体."""

    text: str
    face: str = "body"


@dataclass(frozen=True)
class Para:
    """A body paragraph; ``kind`` is ``text``, ``heading1`` (一、) or ``heading2`` (（一）)."""

    runs: tuple[Run, ...]
    kind: str = "text"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class AttendanceBlock:
    """One attendance block: the label as printed (出　　席) and the names."""

    label: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    """Everything a rendering prints, in order; absent parts are None or empty."""

    letterhead: Letterhead | None
    title: str | None
    body: tuple[Para, ...]
    attendance: tuple[AttendanceBlock, ...]
    #: 分送：… text after the label, ending with 。; None when there is no distribution.
    distribution: str | None
    #: The 印发 line: (issuer, "2021年6月21日印发"), either part may be empty.
    imprint: tuple[str, str] | None


ATTENDANCE_LABELS = tuple((ATTENDANCE_FIELDS[code], label) for code, label in _LABELS.items())

#: Size limits of a record that can be typeset (``build`` refuses larger ones, naming the
#: field). Real minutes name a few dozen people and recipients and run to a few pages;
#: the limits are far above that and keep every renderer's time and memory bounded (a
#: PDF of 200,000 characters typesets in 2 s, so the largest record allowed in ~10 s).
MAX_NAMES = 500
#: Characters in any one text field, and in the whole record.
MAX_FIELD_CHARS = 200_000
MAX_RECORD_CHARS = 1_000_000


def check_size(record: Record) -> None:
    """Raise ComposeError naming the first field of ``record`` over a size limit."""
    lists: list[tuple[str, tuple[str, ...]]] = [("distribution", record.distribution)]
    lists.extend(
        (f"attendance.{role}", getattr(record.attendance, role)) for role, _ in ATTENDANCE_LABELS
    )
    for name, values in lists:
        if len(values) > MAX_NAMES:
            raise ComposeError(
                f"{name}: 有 {len(values):,} 个名字，超过一份文件可列的 {MAX_NAMES:,} 个"
            )
    total = 0
    for name, text in _texts(record, lists):
        total += len(text)
        if len(text) > MAX_FIELD_CHARS:
            raise ComposeError(
                f"{name}: 有 {len(text):,} 个字，超过一个字段允许的 {MAX_FIELD_CHARS:,} 个"
            )
        if total > MAX_RECORD_CHARS:
            raise ComposeError(
                f"{name}: 纪要记录到此已有 {total:,} 个字，超过一份文件可容纳的"
                f" {MAX_RECORD_CHARS:,} 个"
            )


def _texts(record: Record, lists: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, str]]:
    """Every text of the record that a document prints, with its field path."""
    out: list[tuple[str, str]] = [
        ("title", record.title or ""),
        ("issuer", record.issuer or ""),
        ("number", record.number or ""),
    ]
    meeting = record.meeting
    for name in ("body", "kind", "chair", "chair_post", "location", "time_of_day"):
        out.append((f"meeting.{name}", getattr(meeting, name) or ""))
    for i, item in enumerate(record.items):
        out.append((f"items[{i}].heading", item.heading))
        out.append((f"items[{i}].text", item.text))
        out.append((f"items[{i}].follow_up", item.follow_up or ""))
        for field_name in ("submitters", "documents", "requirements"):
            for j, value in enumerate(getattr(item, field_name)):
                out.append((f"items[{i}].{field_name}[{j}]", value))
    for name, values in lists:
        out.extend((f"{name}[{j}]", value) for j, value in enumerate(values))
    return out


def build(record: Record, letterhead: Letterhead | None = None) -> Document:
    """The document of ``record``; ``letterhead`` None derives one from the record.

    Raises ComposeError (naming the field) for a record over the size limits.
    """
    check_size(record)
    lh = letterhead if letterhead is not None else Letterhead.for_record(record)
    body: list[Para] = []
    opening = opening_sentence(record)
    if opening:
        body.append(Para((Run(opening),)))
    for item in record.items:
        body.extend(item_paragraphs(item))
    blocks = [
        (label, tuple(getattr(record.attendance, role)))
        for role, label in ATTENDANCE_LABELS
        if getattr(record.attendance, role)
    ]
    # Labels share one width so the names line up: pad 出席 to 出　　席 beside 应邀出席.
    width = max((len(label) for label, _ in blocks), default=0)
    attendance = tuple(AttendanceBlock(_pad_label(label, width), names) for label, names in blocks)
    distribution = None
    if record.distribution:
        distribution = "，".join(d.strip("，、。 ") for d in record.distribution) + "。"
    imprint = None
    if record.issuer or record.issued_on:
        date = f"{chinese_date(record.issued_on)}印发" if record.issued_on else ""
        imprint = (record.issuer or "", date)
    return Document(
        letterhead=lh if lh.masthead else None,
        # A title that is the masthead itself (常务会议纪要 documents) is printed once.
        title=record.title if record.title and record.title != lh.masthead else None,
        body=tuple(body),
        attendance=attendance,
        distribution=distribution,
        imprint=imprint,
    )


def spread_name(name: str) -> str:
    """Two-character names take three cells (干　焊), so that columns of names line up."""
    return name[0] + FULL_SPACE + name[1] if len(name) == 2 else name


def _pad_label(label: str, width: int) -> str:
    if len(label) == 2 and width == 4:
        return label[0] + FULL_SPACE * 2 + label[1]
    return label


def opening_sentence(record: Record) -> str:
    """2021年6月8日下午，包朝阳主持召开县政府第五十三次常务会议。现将…纪要如下：

    The plain-text composer's sentence, so that every format says the same words.
    """
    return opening_paragraph(record)


_SUB_HEAD = re.compile(r"^（[一二三四五六七八九十]+）")


def item_paragraphs(item: Item) -> list[Para]:
    """一、heading (黑体), then the item's paragraphs — the plain-text composer's cut."""
    heading, *rest = text_item_paragraphs(item)
    head = f"{chinese_numeral(item.number)}、{heading}"
    # A heading that runs on into body text (GB/T 9704 §7.3.3): its first sentence in 黑体,
    # the rest of the paragraph in 仿宋.
    end = head.find("。")
    runs: tuple[Run, ...]
    if 0 < end < len(head) - 1:
        runs = (Run(head[: end + 1], "hei"), Run(head[end + 1 :]))
    else:
        runs = (Run(head, "hei"),)
    paras = [Para(runs, "heading1")]
    paras.extend(_paragraph(line) for line in rest)
    return paras


def _paragraph(line: str) -> Para:
    m = _SUB_HEAD.match(line)
    if m is None:
        return Para((Run(line),))
    # （一）lead sentence in 楷体; the rest of the paragraph, if any, in 仿宋.
    end = line.find("。", m.end())
    if end == -1 or end == len(line) - 1:
        return Para((Run(line, "kai"),), "heading2")
    return Para((Run(line[: end + 1], "kai"), Run(line[end + 1 :])), "heading2")
