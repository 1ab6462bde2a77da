"""Plain-text minutes: a record laid out like the printed 纪要.

The layout follows the example minutes (shared/examples/xiangshan-2021-53.txt): the
issuer and date on one header line, the title, the opening paragraph ("2021年6月8日下午，
包朝阳主持召开县政府第五十三次常务会议。现将会议讨论研究的有关事项纪要如下："), the items as
"一、heading" followed by their paragraphs, the attendance blocks with labels padded to
four characters and names in aligned columns, and the 分送 block. Parts the record does
not have are left out: no empty label, no empty line pairs.

An item is printed from its ``text`` when that text is consistent with the item (its
first line is the heading and every document title appears in it); otherwise it is
built from the fields: requirements as one 会议要求 paragraph, then a decision sentence
("会议原则同意《…》（送审稿），要求根据审议意见作进一步修改完善后印发实施。").

:class:`Layout` holds the few choices real minutes vary in (spaced or plain labels,
Chinese-numeral dates, 1. instead of 一、 …); :func:`compose_text` with no layout gives
the canonical form.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from jiyao.minutes.errors import ComposeError
from jiyao.minutes.record import ATTENDANCE_FIELDS, ATTENDANCE_LABELS, Item, Record

_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """0 ≤ n < 10000 in Chinese numerals as minutes write them (53 → 五十三, 102 → 一百零二)."""
    if not 0 <= n < 10000:
        raise ComposeError(f"数字 {n} 超出 0–9999，无法写成中文数字")
    if n == 0:
        return "零"
    out: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(("" if unit == "十" and not out and digit == 1 else _DIGITS[digit]) + unit)
    return "".join(out)


def chinese_date(day: dt.date) -> str:
    """二〇二一年六月二十一日 (the year digit by digit, with 〇)."""
    year = "".join(_DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{chinese_numeral(day.month)}月{chinese_numeral(day.day)}日"


def arabic_date(day: dt.date) -> str:
    """2021年6月8日 (no leading zeros, as GB/T 9704 writes dates)."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Layout:
    """How a record is laid out; the defaults are the canonical form."""

    #: Between issuer and date on the header line.
    header_gap: str = " " * 17
    #: "arabic" (2021年6月21日) or "chinese" (二〇二一年六月二十一日) for the issue date.
    issued_numerals: str = "arabic"
    #: Item markers: "一、", "1.", "1．" or "1、" (the first item's form).
    item_marker: str = "一、"
    #: A blank line between paragraphs.
    blank_lines: bool = True
    #: Attendance labels: "padded" (出    席), "ideographic" (出　　席) or "plain" (出席).
    labels: str = "padded"
    #: Attendance names: "columns" (aligned, 5 a line), "、" (one run) or "ideographic".
    names: str = "columns"
    distribution_label: str = "分送"
    opening_tail: str = "现将会议讨论研究的有关事项纪要如下："
    #: Put before the chair's name in the opening (县长包朝阳主持召开…); empty: the
    #: record's ``meeting.chair_post``.
    chair_title: str = ""
    #: Reasons printed after the absent names, in order: 钮晶莹（出差）.
    leave_reasons: tuple[str, ...] = ()


CANONICAL = Layout()
_LABELS = {ATTENDANCE_FIELDS[code]: label for code, label in ATTENDANCE_LABELS.items()}


def compose_text(record: Record, layout: Layout | None = None) -> str:
    """The record as plain-text minutes (see the module docstring); ends with one newline."""
    lay = layout or CANONICAL
    blocks: list[list[str]] = []
    header = _header(record, lay)
    if header:
        blocks.append([header])
    title = [t for t in (record.title, record.number) if t]
    if title:
        blocks.append(title)
    opening = opening_paragraph(record, lay)
    if opening:
        blocks.append([opening])
    for index, item in enumerate(record.items):
        paragraphs = item_paragraphs(item)
        marker = _marker(lay.item_marker, index + 1)
        lines = [marker + paragraphs[0], *paragraphs[1:]]
        blocks.extend([[line] for line in lines] if lay.blank_lines else [lines])
    attendance = _attendance(record, lay)
    if attendance:
        blocks.append(attendance)
    if record.distribution:
        blocks.append(_distribution(record, lay))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _header(record: Record, lay: Layout) -> str:
    date = ""
    if record.issued_on is not None:
        date = (chinese_date if lay.issued_numerals == "chinese" else arabic_date)(record.issued_on)
    if record.issuer and date:
        return record.issuer + lay.header_gap + date
    return record.issuer or date


def meeting_phrase(record: Record) -> str:
    """县政府第五十三次常务会议: from the title when it names this meeting, else the fields."""
    m = record.meeting
    title = record.title or ""
    if title.endswith("纪要") and m.kind and m.kind in title:
        named = m.session is None or any(
            f"第{n}次" in title for n in (str(m.session), chinese_numeral(m.session))
        )
        if named:
            return title.removesuffix("纪要")
    number = f"第{chinese_numeral(m.session)}次" if m.session is not None else ""
    return f"{m.body or ''}{number}{m.kind or '会议'}"


def opening_paragraph(record: Record, lay: Layout = CANONICAL) -> str:
    """The opening paragraph (date, chair, meeting, closing formula); empty if nothing to say."""
    m = record.meeting
    if m.date is None and m.chair is None and m.kind is None and not record.title:
        return ""
    when = (arabic_date(m.date) if m.date else "") + (m.time_of_day or "")
    who = ((lay.chair_title or m.chair_post or "") + m.chair) if m.chair else ""
    where = f"在{m.location}" if m.location else ""
    verb = "主持召开" if who else "召开"
    head = f"{when}，" if when else ""
    return f"{head}{who}{where}{verb}{meeting_phrase(record)}。{lay.opening_tail}"


def _marker(form: str, n: int) -> str:
    if form == "一、":
        return chinese_numeral(n) + "、"
    return f"{n}{form[1:]}"


_CLOSERS = ("。", "！", "？", "；", "：", "”", "）")
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.．、])")


def _text_paragraphs(item: Item) -> list[str] | None:
    """The item's paragraphs from its ``text``, heading first; None if the text does not fit.

    ``text`` may hold the heading line (with or without its 一、 marker) or only what
    follows it; either way, with the heading, it must say what the fields say: every
    document, requirement, the decision and its follow-up.
    """
    lines = [line.strip() for line in item.text.split("\n") if line.strip()]
    if not lines:
        return None
    first = _MARKER.sub("", lines[0], count=1)
    if first == item.heading:
        paragraphs = [item.heading, *lines[1:]]
    elif item.heading and not item.heading.startswith(first):
        paragraphs = [item.heading, *lines]
    else:
        return None
    # A text cut before its final 。 (as parsers may cut a report's sentence) gets it back.
    paragraphs[1:] = [p if p.endswith(_CLOSERS) else p + "。" for p in paragraphs[1:]]
    whole = "".join(paragraphs)
    needed = [f"《{d}》" for d in item.documents]
    needed += [r.rstrip("。") for r in item.requirements]
    needed += [x for x in (item.decision, item.follow_up) if x]
    return paragraphs if all(x in whole for x in needed) else None


_VERB_DONE = re.compile(r"^(?:会议)?(?:还)?(传达学习|学习|传达|审议|审定|研究|听取)了?")
_CLAUSE = re.compile(r"[。；，]")


def _heading_from_text(item: Item) -> str | None:
    """A heading for an item that has none (a matter of a report), from its text.

    The text's first clause names the matter with its verb (会议审议了X提交的《A》 →
    审议X提交的《A》; 关于…的汇报 → 听取X关于…的汇报); submitters it leaves out are put
    after the verb, so that the heading says what the fields say. None when the first
    clause does not name the matter.
    """
    clause = _CLAUSE.split(item.text.strip(), maxsplit=1)[0]
    subs = "、".join(item.submitters)
    if clause.startswith("关于") and clause.endswith("汇报") and item.action == "听取汇报":
        return f"听取{subs}{clause}"
    m = _VERB_DONE.match(clause)
    if m is None:
        return None
    verb, rest = m.group(1), clause[m.end() :]
    # Exactly this item's documents: a report's clause may list other items' ones too.
    if rest.count("《") != len(item.documents) or not all(
        f"《{d}》" in rest for d in item.documents
    ):
        return None
    if subs and not all(s in rest for s in item.submitters):
        if verb == "听取" or rest.startswith("关于"):
            rest = subs + rest
        else:
            rest = f"{subs}{'提出' if verb == '研究' else '提交'}的{rest}"
    return verb + rest


def item_paragraphs(item: Item) -> list[str]:
    """The item's paragraphs, heading first: from its text when consistent, else its fields.

    An item without a heading (a report's matter) gets one from its text
    (:func:`_heading_from_text`) and its paragraphs from its fields: a report's sentences
    run on from one matter to the next, so its text is not printed under the heading.
    """
    if not item.heading:
        derived = _heading_from_text(item) if item.text else None
        return item_paragraphs(replace(item, heading=derived or _heading(item), text=""))
    if item.heading.startswith("会议") and _VERB_DONE.match(item.heading):
        # A report's sentence as the heading (会议审议了X的《A》): headed as minutes head it.
        heading = _VERB_DONE.sub(r"\1", item.heading, count=1)
        return item_paragraphs(replace(item, heading=heading))
    from_text = _text_paragraphs(item) if item.text else None
    if from_text is not None:
        return from_text
    paragraphs = [item.heading or _heading(item)]
    if item.requirements:
        paragraphs.append(
            "会议要求，" + "。".join(r.rstrip("。") for r in item.requirements) + "。"
        )
    decision = _decision_sentence(item)
    heading = paragraphs[0]
    carried = item.decision is not None and item.decision in heading
    if decision and not (carried and (item.follow_up or "") in heading):
        paragraphs.append(decision)
    return paragraphs


def _documents(item: Item) -> str:
    stages = item.document_stages or (None,) * len(item.documents)
    return "、".join(
        f"《{d}》" + (f"（{s}）" if s else "") for d, s in zip(item.documents, stages, strict=False)
    )


def _heading(item: Item) -> str:
    subs = "、".join(item.submitters)
    docs = _documents(item)
    if item.action == "审议":
        return f"审议{subs}提交的{docs}" if subs else f"审议{docs or '有关事项'}"
    if item.action == "听取汇报":
        return f"听取{subs or '有关部门'}关于有关工作情况的汇报"
    if item.action == "研究":
        return f"研究{subs}{docs or '有关事项'}"
    if item.action == "传达学习":
        return f"传达学习{docs}" if docs else "传达学习有关会议精神"
    return "其他事项"


def _decision_sentence(item: Item) -> str:
    if item.decision is None:
        return ""
    docs = _documents(item) or (
        f"{item.submitters[0]}提出的有关意见建议" if item.submitters else "有关事项"
    )
    follow = f"，要求{item.follow_up}" if item.follow_up else ""
    if item.decision == "暂缓":
        verb = "审议" if item.action == "审议" else "研究"
        return f"会议决定暂缓{verb}{docs}{follow}。"
    return f"会议{item.decision}{docs}{follow}。"


def _label(role: str, style: str) -> str:
    label = _LABELS[role]
    if len(label) == 2 and style == "padded":
        return f"{label[0]}    {label[1]}"
    if len(label) == 2 and style == "ideographic":
        return f"{label[0]}\u3000\u3000{label[1]}"
    return label


def _attendance(record: Record, lay: Layout) -> list[str]:
    lines: list[str] = []
    for role in _LABELS:
        names: tuple[str, ...] = getattr(record.attendance, role)
        if not names:
            continue
        if role == "absent" and lay.leave_reasons:
            reasons = lay.leave_reasons
            names = tuple(
                f"{n}（{reasons[i]}）" if i < len(reasons) else n for i, n in enumerate(names)
            )
        label = _label(role, lay.labels) + "："
        if lay.names == "、":
            lines.append(label + "、".join(names))
        elif lay.names == "ideographic":
            lines.append(label + "\u3000".join(names))
        else:
            indent = " " * _width(label)
            cells = [_cell(n) for n in names]
            for start in range(0, len(cells), 5):
                lead = label if start == 0 else indent
                lines.append(lead + "   ".join(cells[start : start + 5]).rstrip())
    return lines


def _cell(name: str) -> str:
    """Two-character names are spread to three columns (干  焊), as printed minutes do."""
    bare = name.split("（", 1)[0]
    return f"{name[0]}  {name[1:]}" if len(bare) == 2 else name


def _width(text: str) -> int:
    """Display width in half-width columns (CJK and full-width forms count two)."""
    return sum(1 if ord(c) < 0x1100 else 2 for c in text)


def _distribution(record: Record, lay: Layout) -> list[str]:
    label = lay.distribution_label + "："
    indent = " " * _width(label)
    lines: list[str] = []
    current = label
    for i, recipient in enumerate(record.distribution):
        piece = recipient + ("。" if i == len(record.distribution) - 1 else "，")
        if _width(current) + _width(piece) > 64 and current.strip() not in ("", label):
            lines.append(current)
            current = indent
        current += piece
    lines.append(current)
    return lines
