"""The meeting notice (会议通知): plain text, DOCX and PDF from one :class:`Notice`.

A notice is a short official document (GB/T 9704 通知): the office's letterhead, the
title 关于召开县政府第十二次常务会议的通知, the addressees, the time and place, the
agenda items with their departments, who attends and observes, and the practical
requirements (leave goes through the office, papers are brought). It reuses the
minutes' typesetting: :func:`build_notice` makes a layout :class:`Document`, which the
same DOCX and PDF writers render, so a notice looks like the minutes it precedes.

Plain Python (no Django); the meetings app fills a :class:`Notice` from its rows.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from jiyao.minutes.compose.docx import _STATIC, _core_xml, _entry, document_xml
from jiyao.minutes.compose.layout import Document, Letterhead, Para, Run
from jiyao.minutes.compose.pdf import _get_compiler, _lock, typst_source
from jiyao.minutes.compose.text import arabic_date, chinese_numeral
from jiyao.minutes.errors import ComposeError

_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class NoticeItem:
    """One agenda item: its heading (审议县发改局提交的《…》), who reports, who observes."""

    heading: str
    reporter: str = ""
    observers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    issuer: str
    #: 县政府第十二次常务会议
    meeting: str
    date: dt.date
    issued_on: dt.date
    time_of_day: str | None = None
    location: str | None = None
    addressees: str = "县政府各组成人员，各有关单位："
    items: tuple[NoticeItem, ...] = ()
    members: tuple[str, ...] = ()
    invited: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"关于召开{self.meeting}的通知"


def weekday(day: dt.date) -> str:
    return "星期" + _WEEKDAYS[day.weekday()]


def notice_paragraphs(notice: Notice) -> list[tuple[str, str]]:
    """(kind, text) paragraphs of the body: ``text`` or ``heading1`` (一、…)."""
    when = f"{arabic_date(notice.date)}（{weekday(notice.date)}）{notice.time_of_day or ''}"
    where = f"在{notice.location}" if notice.location else ""
    out: list[tuple[str, str]] = [("plain", notice.addressees)]
    out.append(("text", f"经研究，定于{when}{where}召开{notice.meeting}。现将有关事项通知如下："))
    sections: list[tuple[str, list[str]]] = []
    items = []
    for i, item in enumerate(notice.items, 1):
        line = f"{i}. {item.heading}"
        if item.reporter:
            line += f"（{item.reporter}汇报）"
        if item.observers:
            line += f"。列席：{'、'.join(item.observers)}"
        items.append(line if line.endswith("。") else line + "。")
    sections.append(("会议议题", items or ["议题另行通知。"]))
    attend = []
    if notice.members:
        attend.append("县政府组成人员：" + "、".join(notice.members) + "。")
    if notice.invited:
        attend.append("应邀出席：" + "、".join(notice.invited) + "。")
    if notice.observers:
        attend.append("列席：" + "、".join(notice.observers) + "。")
    if attend:
        sections.append(("参会人员", attend))
    if notice.requirements:
        sections.append(
            ("有关要求", [r if r.endswith("。") else r + "。" for r in notice.requirements])
        )
    for n, (heading, lines) in enumerate(sections, 1):
        out.append(("heading1", f"{chinese_numeral(n)}、{heading}"))
        out.extend(("text", line) for line in lines)
    return out


def compose_notice_text(notice: Notice) -> str:
    """The notice as plain text (the e-mail body); ends with one newline."""
    lines = [notice.title, ""]
    for kind, text in notice_paragraphs(notice):
        lines.append(text if kind == "plain" else "　　" + text)
    lines += ["", notice.issuer, arabic_date(notice.issued_on)]
    return "\n".join(lines) + "\n"


def build_notice(notice: Notice) -> Document:
    """The notice as a layout Document: letterhead, title, body, the 印发 line."""
    body = tuple(
        Para((Run(text, "hei"),), "heading1") if kind == "heading1" else Para((Run(text),))
        for kind, text in notice_paragraphs(notice)
    )
    letterhead = Letterhead(
        masthead=f"{notice.issuer}文件" if not notice.issuer.endswith("文件") else notice.issuer,
        issuer=None,
        date=None,
    )
    return Document(
        letterhead=letterhead,
        title=notice.title,
        body=body,
        attendance=(),
        distribution=None,
        imprint=(notice.issuer, f"{arabic_date(notice.issued_on)}印发"),
    )


def compose_notice_docx(notice: Notice) -> bytes:
    """The notice as a .docx in the minutes' GB/T 9704 layout."""
    doc = build_notice(notice)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in _STATIC.items():
            zf.writestr(_entry(name), data)
        zf.writestr(_entry("word/document.xml"), document_xml(doc))
        zf.writestr(_entry("docProps/core.xml"), _core_xml(notice.title))
    return buffer.getvalue()


def compose_notice_pdf(notice: Notice) -> bytes:
    """The notice as a PDF (A4, GB/T 9704 layout). ComposeError when Typst fails."""
    source = typst_source(build_notice(notice))
    with _lock:
        compiler = _get_compiler()
        try:
            pdf = compiler.compile(input=source.encode("utf-8"), format="pdf", timestamp=0)
        except Exception as exc:  # typst.TypstError
            raise ComposeError(f"PDF：排版失败：{exc}") from exc
    if not isinstance(pdf, bytes):
        raise ComposeError("PDF：排版没有产生文件")
    return pdf


__all__ = [
    "Notice",
    "NoticeItem",
    "build_notice",
    "compose_notice_docx",
    "compose_notice_pdf",
    "compose_notice_text",
    "notice_paragraphs",
]
