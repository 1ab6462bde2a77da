"""The DOCX's pages: the 版记 closes an even last page (GB/T 9704-2012 §7.4, §7.5).

A .docx has no pages until Word lays it out, so the composer models Word's grid
(compose/docx_pages.py) and writes the even-page rule into the file: the 版记 floats at the
foot of the page where the body ends when that is an even page with room, else it opens a
section that Word starts on an even page; after a blank page, the blank page and the 版记
page are sections without page numbers. Checked here in the document's structure with
python-docx, the model against the typeset PDF, and — when LibreOffice is installed — on
the pages LibreOffice lays out.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest
from compose_records import several_lengths
from docx.enum.section import WD_SECTION_START
from docx.oxml.ns import qn

from jiyao.minutes.compose import Letterhead, build, compose_docx, compose_pdf
from jiyao.minutes.compose.docx import end_placement
from jiyao.minutes.compose.docx_pages import (
    LINE_TWIPS,
    PAGE_TWIPS,
    body_end,
    end_block_height,
)
from jiyao.minutes.compose.fonts import font_dirs
from jiyao.minutes.compose.grid import body_line_count
from jiyao.minutes.compose.layout import Document, Para, Run
from jiyao.minutes.record import Record

CASES = several_lengths()
PLACEMENTS = {"here", "next even page", "after a blank page"}


def _letterhead(record: Record, series: bool) -> Letterhead | None:
    return Letterhead.for_series(record) if series else None


def _sections(document: Any) -> list[list[Any]]:
    """The body's block elements (paragraphs and tables) cut into sections."""
    sections: list[list[Any]] = [[]]
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:sectPr"):
            continue
        sections[-1].append(element)
        ppr = element.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            sections.append([])
    return sections


def _text(elements: list[Any]) -> str:
    return "".join(t.text or "" for e in elements for t in e.iter(qn("w:t")))


def _numbered(section: Any) -> bool:
    footers = [section.footer, section.even_page_footer]
    return all("PAGE" in f._element.xml for f in footers)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_the_end_block_is_placed_where_the_even_page_rule_puts_it(case: Any) -> None:
    _, record, series = case
    letterhead = _letterhead(record, series)
    placement = end_placement(build(record, letterhead))
    document = docx.Document(io.BytesIO(compose_docx(record, letterhead=letterhead)))
    parts = _sections(document)
    sections = document.sections
    assert len(parts) == len(sections)
    table = document.tables[-1]._tbl
    # The 版记 floats at the foot of the text block, in the last section, after all text.
    position = table.tblPr.find(qn("w:tblpPr"))
    assert (position.get(qn("w:vertAnchor")), position.get(qn("w:tblpYSpec"))) == (
        "margin",
        "bottom",
    )
    assert table in parts[-1]
    assert _text(parts[-1][parts[-1].index(table) + 1 :]) == ""
    assert all(_numbered(s) for s in sections[:1])
    if placement == "here":
        assert len(sections) == 1
    elif placement == "next even page":
        # The body's section, then the 版记's, which Word starts on an even page; the 版记
        # page follows the body's last page and is numbered like it.
        assert len(sections) == 2
        assert sections[1].start_type == WD_SECTION_START.EVEN_PAGE
        assert _numbered(sections[1])
        assert parts[1] == [table, *parts[1][1:]]
    else:
        # A blank section started on an odd page, then the 版记's on the even page after
        # it; neither page carries a number (§7.5).
        assert len(sections) == 3
        assert sections[1].start_type == WD_SECTION_START.ODD_PAGE
        assert _text(parts[1]) == "" and len(parts[1]) == 1
        assert sections[2].start_type == WD_SECTION_START.EVEN_PAGE
        assert not _numbered(sections[1]) and not _numbered(sections[2])
        assert sections[1].footer.paragraphs[0].text == ""


def test_the_records_of_several_lengths_place_the_docx_end_block_in_each_of_the_three_ways() -> (
    None
):
    placements = {end_placement(build(r, _letterhead(r, s))) for _, r, s in CASES}
    assert placements == PLACEMENTS


def _doc(paras: list[Para]) -> Document:
    return Document(None, None, tuple(paras), (), "县委。", ("县政府办公室", "2021年6月21日印发"))


ONE_LINE = Para((Run("会议要求抓好落实。"),))
HEADING = Para((Run("一、审议事项", "hei"),), "heading1")
TWO_LINE_HEADING = Para((Run("一、" + "审议" * 14, "hei"),), "heading1")


def test_a_full_page_of_the_model_holds_22_lines() -> None:
    full, over = body_end(_doc([ONE_LINE] * 22)), body_end(_doc([ONE_LINE] * 23))
    assert (full.page, full.used, over.page, over.used) == (1, PAGE_TWIPS, 2, LINE_TWIPS)


def test_a_heading_kept_with_the_next_line_pushes_one_line_at_most() -> None:
    # A one-line heading on the last line of a page goes to the next page with the line
    # after it: the page holds 21 lines.
    end = body_end(_doc([ONE_LINE] * 21 + [HEADING, ONE_LINE]))
    assert (end.page, end.used) == (2, 2 * LINE_TWIPS)
    # A two-line heading after 20 lines keeps its first line there: 21 lines, not 20.
    assert body_line_count(TWO_LINE_HEADING.text) == 2
    end = body_end(_doc([ONE_LINE] * 20 + [TWO_LINE_HEADING, ONE_LINE]))
    assert (end.page, end.used) == (2, 2 * LINE_TWIPS)


def test_the_end_block_stays_on_an_even_page_with_room_and_moves_otherwise() -> None:
    height_lines = -(-end_block_height(_doc([])) // LINE_TWIPS)
    assert end_placement(_doc([ONE_LINE] * 5)) == "next even page"  # page 1
    assert end_placement(_doc([ONE_LINE] * 27)) == "here"  # page 2, 17 lines free
    assert end_placement(_doc([ONE_LINE] * (44 - height_lines))) == "after a blank page"
    assert end_placement(_doc([ONE_LINE] * 44)) == "after a blank page"  # page 2 full
    assert end_placement(_doc([ONE_LINE] * 45)) == "next even page"  # page 3


@pytest.mark.skipif(not font_dirs(), reason="fonts not installed (scripts/setup installs them)")
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_the_model_sets_every_body_paragraph_in_as_many_lines_as_the_typeset_pdf(
    case: Any,
) -> None:
    # The PDF and the DOCX share the grid: 28 cells a line, the same clusters unbroken.
    # A paragraph's lines in the PDF run from its first line (2 cells in) to the next
    # line that starts 2 cells in (the next paragraph, or the attendance after the body).
    _, record, _ = case
    mm = 72 / 25.4
    indent = (28 + 2 * 156 / 28) * mm
    starts: list[bool] = []
    with pdfplumber.open(io.BytesIO(compose_pdf(record))) as pdf:
        for page in pdf.pages:
            lines: dict[float, float] = {}
            for char in page.chars:
                if round(char["size"]) == 16 and char["top"] < 262 * mm:
                    top = round(char["top"])
                    lines[top] = min(lines.get(top, char["x0"]), char["x0"])
            starts.extend(abs(lines[top] - indent) < 1.5 for top in sorted(lines))
    first = [i for i, start in enumerate(starts) if start]
    counts = [b - a for a, b in itertools.pairwise(first)]
    expected = [body_line_count(p.text) for p in build(record).body]
    assert record.attendance.present and len(counts) >= len(expected)
    assert counts[: len(expected)] == expected


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_puts_the_end_block_on_an_even_last_page(tmp_path: Path) -> None:
    # LibreOffice lays Word's character grid out with two cells per character, so its
    # pages are not Word's; but the section starts hold in any layout: where the 版记
    # opens a section, it is alone on an even last page (blank pages exported), and after
    # a blank page neither page is numbered.
    placed = {}
    for name, record, series in CASES:
        letterhead = _letterhead(record, series)
        placement = end_placement(build(record, letterhead))
        if placement != "here":
            stem = re.sub(r"\W", "_", name)
            (tmp_path / f"{stem}.docx").write_bytes(compose_docx(record, letterhead=letterhead))
            placed[stem] = placement
    assert set(placed.values()) == {"next even page", "after a blank page"}
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            str(_soffice()),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
            "--outdir",
            str(tmp_path),
            *sorted(str(p) for p in tmp_path.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for stem, placement in placed.items():
        with pdfplumber.open(tmp_path / f"{stem}.pdf") as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
        assert len(pages) % 2 == 0, (stem, len(pages))
        assert "分送：" in pages[-1] and not any("分送：" in p for p in pages[:-1])
        # Alone on its page: the 版记 lines and at most a page number.
        end_lines = [
            line for line in pages[-1].splitlines() if not re.fullmatch(r"—\s*\d+\s*—", line)
        ]
        assert end_lines[0].startswith("分送：") and end_lines[-1].endswith("印发"), stem
        if placement == "after a blank page":
            assert pages[-2].strip() == "", stem
            assert not re.search(r"—\s*\d+\s*—", pages[-1]), stem


def test_a_docx_heading_keeps_with_the_next_paragraph_but_may_split_its_lines() -> None:
    # Word keeps the heading's last line with the next paragraph's first line; with widow
    # control off and its lines not kept together, a heading pushes one line at most —
    # the model's rule (test above) and the PDF's.
    record = several_lengths()[0][1]
    document = docx.Document(io.BytesIO(compose_docx(record)))
    styles = document.styles.element
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    heading = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Heading1']")
    assert normal.find(f"{qn('w:pPr')}/{qn('w:widowControl')}").get(qn("w:val")) == "0"
    assert heading.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    assert heading.find(f"{qn('w:pPr')}/{qn('w:keepLines')}") is None
    headings = [p for p in document.paragraphs if p.style.style_id == "Heading1"]
    assert headings
    for p in headings:
        assert p._p.pPr.find(qn("w:keepLines")) is None
