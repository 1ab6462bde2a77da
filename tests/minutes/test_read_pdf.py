"""read_path / read_bytes on PDF: the text layer in reading order; scans, locks, damage."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read import read_bytes, read_path

PAGE_ONE = [
    "测试县人民政府办公室 2024年3月5日",
    "县政府第十二次常务会议纪要",
    "2024年3月1日上午，县长王明主持召开县政府第十二次常务会议。",
    "一、审议县财政局提交的《测试县预算绩效管理办法（送审稿）》",
    "会议原则同意该办法。",
]
PAGE_TWO = ["出席：王明、李华、张强", "列席：县发改局、县财政局"]


def make_pdf(pages: list[list[str]], *, encrypt: str | None = None, text: bool = True) -> bytes:
    """A PDF with ``pages`` of lines in the built-in CID font (no font file needed)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    for lines in pages:
        if text:
            pdf.setFont("STSong-Light", 14)
            for row, line in enumerate(lines):
                pdf.drawString(60, 780 - 24 * row, line)
        else:  # a "scan": only drawn shapes, no text layer
            for row in range(len(lines)):
                pdf.rect(60, 780 - 24 * row, 400, 12, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_the_text_layer_is_read_in_reading_order(tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(make_pdf([PAGE_ONE, PAGE_TWO]))
    source = read_path(path)
    assert source.kind == "pdf"
    assert source.encoding is None
    assert source.text.splitlines() == [*PAGE_ONE, "", *PAGE_TWO]


BODY = (
    "2024年3月1日上午，县长王明主持召开县政府第十二次常务会议，审议了县财政局提交的"
    "《测试县预算绩效管理办法（送审稿）》等三个文件，听取了县教育局关于秋季学期开学准备"
    "工作情况的汇报。"
)
LINE_CHARS = 28  # GB/T 9704: 28 characters a line, the first indented by two


def make_laid_out_pdf() -> bytes:
    """Two pages of justified minutes: wrapped paragraphs, a heading, an attendance list
    that does not reach the margin, and a page number at the foot of each page."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size, left = 16, 60
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    y = 780.0

    def line(text: str, indent: int = 0, justify: bool = False) -> None:
        nonlocal y
        spacing = 0.0
        if justify and len(text) > 1:  # stretch to the right margin, as Word does
            width = pdfmetrics.stringWidth(text, "STSong-Light", size)
            spacing = (LINE_CHARS * size - indent * size - width) / (len(text) - 1)
        obj = pdf.beginText(left + indent * size, y)
        obj.setFont("STSong-Light", size)
        obj.setCharSpace(spacing)
        obj.textOut(text)
        pdf.drawText(obj)
        y -= 28

    def paragraph(text: str) -> None:
        indent = 2
        while text:
            room = (LINE_CHARS - indent) * size
            cut = 1
            while (
                cut < len(text)
                and pdfmetrics.stringWidth(text[: cut + 1], "STSong-Light", size) <= room
            ):
                cut += 1
            line(text[:cut], indent, justify=cut < len(text))
            text, indent = text[cut:], 0

    pdf.setFont("STSong-Light", size)
    line("县政府第十二次常务会议纪要", indent=7)
    paragraph(BODY)
    line("一、审议县财政局提交的预算绩效管理办法", indent=2)
    paragraph(
        "会议原则同意该办法，要求县财政局根据会议意见修改完善后印发实施，并做好政策解读工作。"
    )
    pdf.drawString(270, 60, "— 1 —")
    pdf.showPage()
    pdf.setFont("STSong-Light", size)
    y = 780.0
    line("出席：王明、李华、张强")
    line("列席：县发改局、县财政局")
    pdf.drawString(270, 60, "— 2 —")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_wrapped_lines_are_joined_into_paragraphs_and_page_numbers_dropped() -> None:
    source = read_bytes(make_laid_out_pdf(), "minutes.pdf")
    assert source.text.splitlines() == [
        "县政府第十二次常务会议纪要",
        BODY,
        "一、审议县财政局提交的预算绩效管理办法",
        "会议原则同意该办法，要求县财政局根据会议意见修改完善后印发实施，并做好政策解读工作。",
        "",
        "出席：王明、李华、张强",
        "列席：县发改局、县财政局",
    ]


def test_a_pdf_is_recognised_by_its_bytes_whatever_its_name() -> None:
    assert read_bytes(make_pdf([PAGE_TWO]), "minutes.txt").kind == "pdf"


def error(data: bytes, name: str = "scan.pdf") -> str:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, name)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_pdf_without_a_text_layer_asks_for_ocr() -> None:
    data = make_pdf([PAGE_ONE, PAGE_TWO], text=False)
    assert error(data) == "scan.pdf: PDF 没有文字层（是扫描件），请先做文字识别（OCR）"


def test_a_password_protected_pdf_is_refused() -> None:
    data = make_pdf([PAGE_ONE], encrypt="secret")
    assert error(data, "locked.pdf") == "locked.pdf: PDF 已加密（有密码保护）"


def test_a_damaged_pdf_is_refused() -> None:
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF garbage"
    assert error(data, "broken.pdf").startswith("broken.pdf: PDF 已损坏，无法读取（")


def test_a_truncated_pdf_is_refused_or_read_but_never_crashes() -> None:
    data = make_pdf([PAGE_ONE, PAGE_TWO])
    for cut in (len(data) // 4, len(data) // 2, len(data) - 40):
        try:
            source = read_bytes(data[:cut], "cut.pdf")
        except ReadError as exc:
            assert str(exc).startswith("cut.pdf: PDF ")
        else:
            assert source.kind == "pdf"


Row = tuple[int, list[str], float]


def make_positioned_pdf(*pages: list[Row]) -> bytes:
    """Pages whose rows are drawn one cell at a time, as Word places justified text.

    Each row is (indent in ems, cells, extra space in ems after every cell but the last):
    a row whose cells plus gaps make 28 ems reaches the right margin like a justified line.
    """
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size, left = 16, 60
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for rows in pages:
        pdf.setFont("STSong-Light", size)
        y = 780.0
        for indent, cells, gap in rows:
            x = left + indent * size
            for cell in cells:
                pdf.drawString(x, y, cell)
                x += pdfmetrics.stringWidth(cell, "STSong-Light", size) + gap * size
            y -= 28
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def full_line(text: str, indent: int = 0) -> Row:
    """``text`` as a row stretched to the right margin (28 ems) by even gaps."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width = sum(pdfmetrics.stringWidth(ch, "STSong-Light", 16) for ch in text) / 16
    return indent, list(text), (LINE_CHARS - indent - width) / (len(text) - 1)


def test_a_full_line_ending_in_a_closing_mark_is_joined_to_the_next() -> None:
    heading = "一、审议县金融办提交的《测试县企业上市培育行动计划》"
    rest = "（草案）和《测试县防范和处置非法集资工作方案》"
    quoted = "会议要求，县经信局要在全县开展“专精特新”企业培育工作，打造“"
    closing = "链主型”企业。"
    ended = "会议指出，要坚持“项目为王”理念，招引大项目、做大产业链。”"
    data = make_positioned_pdf(
        [
            full_line(heading, indent=2),
            (0, list(rest), 0.0),
            full_line(quoted, indent=2),
            (0, list(closing), 0.0),
            full_line(ended),  # a full line that ends a sentence keeps its break
            (0, list("会议原则同意该方案。"), 0.0),
        ]
    )
    assert read_bytes(data, "heading.pdf").text.splitlines() == [
        heading + rest,
        quoted + closing,
        ended,
        "会议原则同意该方案。",
    ]


def test_spaces_pdfium_puts_into_loose_justified_lines_are_dropped() -> None:
    loose = "会议原则同意《测试县中小学布局规划（2023—2030年）》，"
    data = make_positioned_pdf(
        [
            (0, list(loose), 0.3),  # 0.3 em a gap: PDFium generates a space at each
            (0, ["出", "席：王明", "李华", "张强"], 1.0),  # positioned separators: an em
            (0, ["列", "席：县发改局"], 2.0),
        ]
    )
    lines = read_bytes(data, "loose.pdf").text.splitlines()
    assert lines[0] == loose
    assert [line.split() for line in lines[1:]] == [
        ["出", "席：王明", "李华", "张强"],
        ["列", "席：县发改局"],
    ]


def test_a_paragraph_running_over_a_page_break_is_joined() -> None:
    opening = "2024年3月1日上午，县长王明主持召开县政府第十二次常务会议，审议了"
    wrapped = "县财政局提交的预算绩效管理办法等三个文件。"
    heading = "（一）审议县经信局提交的《测试县制造业高质量发展行动"
    rest = "方案》。会议原则同意该方案，要求县经信局抓好落实。"
    ended = "会议要求，县经信局要在全县开展“专精特新”企业培育工作。"
    data = make_positioned_pdf(
        [full_line(opening, indent=2), (0, list(wrapped), 0.0), full_line(heading, indent=2)],
        [(0, list(rest), 0.0), full_line(ended, indent=2)],
        [(0, list("出席：王明、李华、张强"), 0.0)],
    )
    assert read_bytes(data, "pages.pdf").text.splitlines() == [
        opening + wrapped,
        heading + rest,
        ended,
        "",
        "出席：王明、李华、张强",
    ]
