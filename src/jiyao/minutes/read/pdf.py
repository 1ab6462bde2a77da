"""PDF → the text of its text layer, page by page in reading order.

Extraction uses pypdfium2 (PDFium, the engine of Chrome's viewer) rather than
pdfplumber (pdfminer): on a two-page CJK PDF made with reportlab's STSong-Light CID
font (42 lines), PDFium's plain extraction took 15 ms and pdfplumber's extract_text
42 ms, both with the right text (both map CID fonts to Unicode); PDFium also orders
lines as a viewer shows them, copes better with damaged files, and gives each line's
box, which :mod:`.pdflayout` uses to join the lines the layout wrapped and to drop page
numbers. PDFium is not thread-safe: read PDFs in parallel with processes, not threads.

PDFium puts a space of its own (a *generated* character) wherever two characters stand
further apart than its heuristic expects; in a justified Chinese line stretched by more
than ~0.17 em a gap, that is every gap (会 议 原 则 同 意). Such a space between two CJK
characters or digits is dropped when the gap between their boxes is under half an em:
Chinese text has no word spaces, and the separators minutes do use (U+3000 between
names, labels padded as 出　　席) are a full em or more, or real characters.

A PDF whose pages yield no text is a scan (an image per page): that is reported as
needing OCR, since guessing text is not the reader's job. Password-protected and
damaged files are reported as such.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read.pdflayout import (
    Line,
    drop_page_numbers,
    join_pages,
    right_margin,
)

#: Pages read at most (minutes are a few pages; a 5,000-page PDF is not minutes).
MAX_PAGES = 500


def _page_lines(textpage: pdfium.PdfTextPage) -> list[Line]:
    """The lines of a page as PDFium orders and breaks them, each with its box.

    A line's box is the union of the text rectangles of its character range. When the
    text does not map one to one onto PDFium's character indices (characters outside
    the BMP count twice there), the lines carry no geometry and none will be joined.
    """
    text = textpage.get_text_range()
    mapped = len(text) == textpage.count_chars()
    spaces = _justification_spaces(textpage, text) if mapped else set()
    lines: list[Line] = []
    start = 0
    for raw in text.split("\r\n"):
        box = _box(textpage, start, len(raw)) if mapped and raw.strip() else None
        kept = "".join(ch for i, ch in enumerate(raw, start) if i not in spaces) if spaces else raw
        start += len(raw) + 2
        stripped = kept.strip()
        if not stripped:
            continue
        lines.append(Line(stripped, *box) if box else Line(stripped, 0.0, 0.0, 0.0, 0.0))
    return drop_page_numbers(lines)


def _cjk_or_digit(ch: str) -> bool:
    """Whether ``ch`` is a CJK ideograph, CJK or full-width punctuation, or a digit."""
    code = ord(ch)
    return (
        0x3400 <= code <= 0x9FFF  # ideographs (extension A, unified)
        or 0x3000 <= code <= 0x303F  # CJK punctuation: 、。《》「」【】〔〕
        or 0xFF00 <= code <= 0xFFEF  # full-width forms: （），：；！？
        or 0x2010 <= code <= 0x2026  # dashes, curly quotes, ellipsis of Chinese text
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or ch.isdigit()
    )


def _justification_spaces(textpage: pdfium.PdfTextPage, text: str) -> set[int]:
    """Indices of the spaces PDFium generated inside justified CJK text (see above).

    The gap is measured between the loose boxes (the advance widths) of the neighbours,
    in ems taken from the height of those boxes, so kerning and glyph shapes do not count.
    """
    drop: set[int] = set()
    index = text.find(" ", 1)
    while 0 < index < len(text) - 1:
        before, after = text[index - 1], text[index + 1]
        if (
            _cjk_or_digit(before)
            and _cjk_or_digit(after)
            and pdfium_c.FPDFText_IsGenerated(textpage.raw, index) == 1
        ):
            left = textpage.get_charbox(index - 1, loose=True)
            right = textpage.get_charbox(index + 1, loose=True)
            em = max(left[3] - left[1], right[3] - right[1])
            if em > 0 and right[0] - left[2] < 0.5 * em:
                drop.add(index)
        index = text.find(" ", index + 1)
    return drop


def _box(textpage: pdfium.PdfTextPage, start: int, count: int) -> tuple[float, ...] | None:
    """(left, right, top, bottom) around characters ``start`` … ``start + count``."""
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects(start, count))]
    if not rects:
        return None
    return (
        min(r[0] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
        min(r[1] for r in rects),
    )


def pdf_to_text(data: bytes, name: str) -> str:
    """The text layer of a PDF given as bytes; pages are separated by a blank line,
    unless a paragraph runs over the page break."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise ReadError(f"{name}: PDF 已加密（有密码保护）") from None
        raise ReadError(f"{name}: PDF 已损坏，无法读取（{exc}）") from None
    try:
        count = len(document)
        if count == 0:
            raise ReadError(f"{name}: PDF 没有页面")
        if count > MAX_PAGES:
            raise ReadError(f"{name}: PDF 有 {count} 页，超过 {MAX_PAGES} 页的上限")
        pages: list[list[Line]] = []
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise ReadError(f"{name}: PDF 第 {index + 1} 页已损坏（{exc}）") from None
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_page_lines(textpage))
                finally:
                    textpage.close()
            except pdfium.PdfiumError as exc:
                raise ReadError(f"{name}: PDF 第 {index + 1} 页已损坏（{exc}）") from None
            finally:
                page.close()
    finally:
        document.close()
    margin = right_margin(pages)
    text = join_pages(pages, margin)
    if not any(ch.isalnum() for ch in text):
        raise ReadError(f"{name}: PDF 没有文字层（是扫描件），请先做文字识别（OCR）")
    return text + "\n"
