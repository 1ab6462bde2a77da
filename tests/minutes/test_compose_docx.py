"""The DOCX, opened with python-docx and read at the XML level: geometry, grid, fonts, footers."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest
from compose_records import xiangshan, xiangshan_with_rare_names
from docx.oxml.ns import qn
from docx.shared import Emu

from jiyao.minutes.compose import Letterhead, compose_docx
from jiyao.minutes.record import Item, Record


@pytest.fixture(scope="module")
def data() -> bytes:
    record = xiangshan_with_rare_names()
    return compose_docx(record, letterhead=Letterhead.for_series(record))


@pytest.fixture(scope="module")
def document(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def mm(length: Emu | None) -> float:
    assert length is not None
    return float(length) / 36000


def paragraph(document: Any, start: str) -> Any:
    return next(p for p in document.paragraphs if p.text.startswith(start))


def east_asia(run: Any) -> str:
    return str(run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")))


def test_the_section_is_a4_with_the_standard_margins(document: Any) -> None:
    section = document.sections[0]
    assert mm(section.page_width) == pytest.approx(210, abs=0.1)
    assert mm(section.page_height) == pytest.approx(297, abs=0.1)
    assert mm(section.top_margin) == pytest.approx(37, abs=0.1)
    assert mm(section.left_margin) == pytest.approx(28, abs=0.1)
    assert mm(section.right_margin) == pytest.approx(26, abs=0.1)
    assert mm(section.bottom_margin) == pytest.approx(35, abs=0.1)
    width = mm(section.page_width) - mm(section.left_margin) - mm(section.right_margin)
    height = mm(section.page_height) - mm(section.top_margin) - mm(section.bottom_margin)
    assert (width, height) == (pytest.approx(156, abs=0.1), pytest.approx(225, abs=0.1))


def test_the_document_grid_is_22_lines_of_28_characters(document: Any) -> None:
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    assert int(225 / 25.4 * 72 / pitch_pt) == 22
    # charSpace: the cell minus the 16 pt default size, in 1/4096 pt.
    cell_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert int(156 / 25.4 * 72 / cell_pt + 1e-6) == 28
    defaults = document.styles.element.find(qn("w:docDefaults"))
    size = defaults.find(".//" + qn("w:sz"))
    assert size.get(qn("w:val")) == "32"


def test_fonts_are_named_with_their_official_names(document: Any) -> None:
    title = paragraph(document, "县政府第五十三次常务会议纪要")
    assert [east_asia(r) for r in title.runs] == ["方正小标宋简体"]
    assert title.runs[0].font.size.pt == 22
    body = paragraph(document, "2021年6月8日下午")
    assert {east_asia(r) for r in body.runs} == {"仿宋_GB2312"}
    assert body.runs[0].font.size.pt == 16
    rfonts = body.runs[0]._r.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:ascii")) == rfonts.get(qn("w:hAnsi")) == "仿宋_GB2312"
    heading = paragraph(document, "一、传达学习")
    assert {east_asia(r) for r in heading.runs} == {"黑体"}
    masthead = paragraph(document, "象山县人民政府常务会议纪要")
    assert east_asia(masthead.runs[0]) == "方正小标宋简体"
    assert str(masthead.runs[0].font.color.rgb) == "FF0000"


def test_body_paragraphs_are_indented_two_characters(document: Any) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    ind = defaults.find(".//" + qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_sub_item_lead_sentences_are_kaiti() -> None:
    item = Item(
        number=1,
        heading="研究县财政局提交的有关事项",
        action="研究",
        text="（一）关于预算调整。会议同意调整方案。\n（二）关于债务管理",
    )
    document = docx.Document(io.BytesIO(compose_docx(Record(title="纪要", items=(item,)))))
    first = paragraph(document, "（一）")
    assert [(r.text, east_asia(r)) for r in first.runs] == [
        ("（一）关于预算调整。", "楷体_GB2312"),
        ("会议同意调整方案。", "仿宋_GB2312"),
    ]
    assert {east_asia(r) for r in paragraph(document, "（二）").runs} == {"楷体_GB2312"}


def test_odd_and_even_pages_have_their_own_page_number_footer(data: bytes, document: Any) -> None:
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()
    assert "<w:evenAndOddHeaders/>" in settings
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert "PAGE" in xml and "fldChar" in xml
        assert p.text.replace("1", "{n}") == "— {n} —"
        assert p._p.pPr.find(qn("w:jc")).get(qn("w:val")) == side
        ind = p._p.pPr.find(qn("w:ind"))
        assert ind.get(qn(f"w:{side}")) == "280"  # one 14 pt character in from the edge
        assert {east_asia(r) for r in p.runs} == {"宋体"}
        assert {r.font.size.pt for r in p.runs} == {14}


def test_attendance_labels_are_heiti_and_names_hang_after_the_colon(document: Any) -> None:
    present = paragraph(document, "出")
    label = present.runs[0]
    assert label.text == "出\u3000\u3000席："  # padded to the width of 应邀出席
    assert east_asia(label) == "黑体"
    assert {east_asia(r) for r in present.runs[1:]} == {"仿宋_GB2312"}
    ind = present._p.pPr.find(qn("w:ind"))
    # First line at 2 characters, wrapped lines after the 5-cell label: left 7, hanging 5.
    assert ind.get(qn("w:leftChars")) == "700"
    assert ind.get(qn("w:hangingChars")) == "500"
    observers = paragraph(document, "列")
    lines = observers.text.split("\n")
    assert lines[0].startswith("列\u3000\u3000席：李达飞")
    assert "干\u3000焊" in observers.text
    assert all(len(line) <= 28 - 2 for line in lines)


def test_the_header_has_the_number_issuer_date_and_a_red_rule(document: Any) -> None:
    assert any(p.text == "第53期" for p in document.paragraphs)
    issued = paragraph(document, "象山县人民政府办公室")
    assert issued.text == "象山县人民政府办公室\t2021年6月21日"
    border = issued._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert border.get(qn("w:color")) == "FF0000"


def test_distribution_and_imprint_are_in_the_end_block_at_the_foot(document: Any) -> None:
    table = document.tables[-1]
    texts = [cell.text for row in table.rows for cell in row.cells]
    assert texts[0].startswith("分送：县委各部门，县人大办，")
    assert texts[0].endswith("县政府各部门。")
    assert texts[1] == "象山县人民政府办公室\t2021年6月21日印发"
    position = table._tbl.tblPr.find(qn("w:tblpPr"))
    assert position.get(qn("w:tblpYSpec")) == "bottom"
    assert position.get(qn("w:vertAnchor")) == "margin"
    assert {r.font.size.pt for c in table._cells for p in c.paragraphs for r in p.runs} == {14}


def test_a_record_without_parts_leaves_their_blocks_out() -> None:
    document = docx.Document(io.BytesIO(compose_docx(Record(title="县政府第一次常务会议纪要"))))
    texts = [p.text for p in document.paragraphs]
    assert "县政府第一次常务会议纪要" in texts
    assert not document.tables
    assert not any(t.startswith(("出", "列", "请")) for t in texts)


def test_letterhead_is_configurable() -> None:
    letterhead = Letterhead(masthead="宁海县人民政府常务会议纪要", number="〔2024〕7号", rule=False)
    document = docx.Document(io.BytesIO(compose_docx(xiangshan(), letterhead=letterhead)))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["宁海县人民政府常务会议纪要", "〔2024〕7号"]
    assert (
        "FF0000"
        not in document.element.xml.split("宁海县人民政府常务会议纪要")[1].split("</w:p>")[2]
    )


def test_the_default_letterhead_comes_from_the_record() -> None:
    letterhead = Letterhead.for_record(xiangshan())
    assert letterhead.masthead == "县政府第五十三次常务会议纪要"
    assert letterhead.number == "第53期"
    assert (letterhead.issuer, letterhead.date) == ("象山县人民政府办公室", "2021年6月21日")
    series = Letterhead.for_series(xiangshan())
    assert series.masthead == "象山县人民政府常务会议纪要"
    assert series.number == "第53期"
    untitled = Letterhead.for_record(xiangshan().replace(title=None))
    assert untitled.masthead == "象山县人民政府常务会议纪要"


def test_a_title_that_is_the_masthead_is_printed_once() -> None:
    texts = [p.text for p in docx.Document(io.BytesIO(compose_docx(xiangshan()))).paragraphs]
    assert texts.count("县政府第五十三次常务会议纪要") == 1
    assert texts[0] == "县政府第五十三次常务会议纪要"


def test_the_same_record_gives_the_same_bytes(data: bytes) -> None:
    record = xiangshan_with_rare_names()
    assert compose_docx(record, letterhead=Letterhead.for_series(record)) == data


def test_markup_in_the_record_stays_text() -> None:
    record = Record(title="<w:p>纪要\x0b&amp;</w:p>")
    document = docx.Document(io.BytesIO(compose_docx(record)))
    assert "<w:p>纪要&amp;</w:p>" in [p.text for p in document.paragraphs]


def test_unprintable_characters_are_dropped_in_every_format() -> None:
    from jiyao.minutes.compose import compose_html, compose_pdf

    record = Record(title="纪\x00要\ud800\x1b", items=(Item(number=1, heading="审\x0c议"),))
    texts = [p.text for p in docx.Document(io.BytesIO(compose_docx(record))).paragraphs]
    assert "纪要" in texts and "一、审议" in texts
    assert 'pt">纪要</p>' in compose_html(record)
    assert compose_pdf(record).startswith(b"%PDF-")


#: Child order that WordprocessingML's schema prescribes (ECMA-376 Part 1, §17): Word
#: refuses a document whose properties come in another order. Only the children jiyao
#: writes are listed.
SCHEMA_ORDER = {
    "pPr": [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "pBdr",
        "shd",
        "tabs",
        "snapToGrid",
        "spacing",
        "ind",
        "jc",
        "outlineLvl",
        "rPr",
        "sectPr",
    ],
    "rPr": ["rFonts", "b", "bCs", "i", "color", "spacing", "kern", "sz", "szCs", "lang"],
    "sectPr": [
        "headerReference",
        "footerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "cols",
        "docGrid",
    ],
    "tblPr": [
        "tblpPr",
        "tblW",
        "jc",
        "tblInd",
        "tblBorders",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ],
    "settings": ["defaultTabStop", "evenAndOddHeaders", "characterSpacingControl", "compat"],
    "style": ["name", "basedOn", "next", "qFormat", "pPr", "rPr"],
    "font": ["altName", "panose1", "charset", "family", "pitch"],
}


def test_every_part_follows_the_schema_order(data: bytes) -> None:
    from lxml import etree

    archive = zipfile.ZipFile(io.BytesIO(data))
    checked = 0
    for name in archive.namelist():
        if not name.startswith("word/") or not name.endswith(".xml"):
            continue
        root = etree.fromstring(archive.read(name))
        for element in root.iter():
            local = etree.QName(element).localname
            order = SCHEMA_ORDER.get(local)
            if order is None:
                continue
            children = [etree.QName(c).localname for c in element]
            assert all(c in order for c in children), (name, local, children)
            positions = [order.index(c) for c in children]
            assert positions == sorted(positions), (name, local, children)
            checked += 1
    assert checked > 100


def test_a_heading_that_runs_on_into_text_has_only_its_first_sentence_in_heiti() -> None:
    item = Item(number=1, heading="传达学习全省大会精神。会议强调，要抓好落实。", action="传达学习")
    document = docx.Document(io.BytesIO(compose_docx(Record(title="纪要", items=(item,)))))
    heading = paragraph(document, "一、")
    assert [(r.text, east_asia(r)) for r in heading.runs] == [
        ("一、传达学习全省大会精神。", "黑体"),
        ("会议强调，要抓好落实。", "仿宋_GB2312"),
    ]
