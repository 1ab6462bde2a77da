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
    assert error(data) == "scan.pdf: the PDF has no text layer (a scanned document); run OCR first"


def test_a_password_protected_pdf_is_refused() -> None:
    data = make_pdf([PAGE_ONE], encrypt="secret")
    assert error(data, "locked.pdf") == "locked.pdf: the PDF is encrypted (password-protected)"


def test_a_damaged_pdf_is_refused() -> None:
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF garbage"
    assert error(data, "broken.pdf").startswith(
        "broken.pdf: the PDF is damaged and cannot be read ("
    )


def test_a_truncated_pdf_is_refused_or_read_but_never_crashes() -> None:
    data = make_pdf([PAGE_ONE, PAGE_TWO])
    for cut in (len(data) // 4, len(data) // 2, len(data) - 40):
        try:
            source = read_bytes(data[:cut], "cut.pdf")
        except ReadError as exc:
            assert str(exc).startswith("cut.pdf: the PDF ")
        else:
            assert source.kind == "pdf"
