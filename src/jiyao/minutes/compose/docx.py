"""Record → DOCX per GB/T 9704-2012, written as WordprocessingML directly.

The package is a handful of XML parts built from strings (no template file, no python-docx
object model), which keeps a document at about a millisecond — the archive renders on
demand — and puts every prescribed setting where Word and WPS read it:

- section: A4, margins 37 / 28 / 26 / 35 mm, a ``linesAndChars`` document grid of 22 lines
  × 28 characters (linePitch 579 twips; charSpace so that 28 cells fill 156 mm);
- fonts by their official names in ``w:rFonts`` (ascii, hAnsi and eastAsia) on every run
  and in the styles: 方正小标宋简体 (masthead, title), 仿宋_GB2312 (body), 黑体 (一、 headings,
  attendance labels), 楷体_GB2312 (（一） lead sentences), 宋体 (page numbers);
- odd and even footers (``w:evenAndOddHeaders``) with a PAGE field as "— 1 —" in 4号 宋体,
  right on odd pages and left on even ones, one character in from the edge;
- the attendance blocks with a hanging indent that aligns wrapped names after the colon;
- the end block (版记) in a table floating at the bottom margin of the last page, an even
  page: where the body ends when that is an even page with room (by the line model of
  docx_pages.py), else in a section Word starts on an even page — after a blank section
  when the body ends on an even page without room, the two pages then without page
  numbers (GB/T 9704-2012 §7.5).
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from jiyao.minutes.compose.docx_pages import body_end, end_block_height, name_lines
from jiyao.minutes.compose.fonts import OFFICIAL
from jiyao.minutes.compose.layout import (
    BLOCK_MM,
    BODY_PT,
    CELL_PT,
    CHARS_PER_LINE,
    END_BLOCK_PT,
    FULL_SPACE,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MASTHEAD_OFFSET_MM,
    PAGE_MM,
    PAGE_NUMBER_PT,
    TITLE_PT,
    Document,
    Letterhead,
    Para,
    build,
    printable,
)
from jiyao.minutes.record import Record

TWIPS_PER_MM = 1440 / 25.4
LINE_PITCH_TWIPS = 579
#: Word's charSpace: the grid cell minus the default font size, in 1/4096 pt.
CHAR_SPACE = round((CELL_PT - BODY_PT) * 4096)
CELL_TWIPS = round(CELL_PT * 20)
RED = "FF0000"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _tw(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _esc(text: str) -> str:
    return escape(printable(text))


def _rpr(face: str, size_pt: float, *, color: str | None = None, bold: bool = False) -> str:
    name = OFFICIAL[face]
    parts = [f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>']
    if bold:
        parts.append("<w:b/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    half = round(size_pt * 2)
    parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _run(text: str, face: str = "body", size_pt: float = BODY_PT, **kw: object) -> str:
    return (
        f"<w:r>{_rpr(face, size_pt, **kw)}"  # type: ignore[arg-type]
        f'<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'
    )


def _special(element: str, size_pt: float = BODY_PT) -> str:
    """A run holding a tab or a line break, in the body face like the text around it."""
    return f"<w:r>{_rpr('body', size_pt)}{element}</w:r>"


def _p(ppr: str, runs: str) -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


NO_INDENT = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'


def _letterhead(lh: Letterhead) -> list[str]:
    size = lh.fitted_masthead_pt()
    out = [
        _p(
            # Off the grid: the masthead's top edge 35 mm below the top of the text block
            # (an exact line 1.2 × the size does not clip the glyphs; LibreOffice puts the
            # top edge at 35.0 ± 0.3 mm with it).
            f'<w:pStyle w:val="Masthead"/><w:snapToGrid w:val="0"/>'
            f'<w:spacing w:before="{_tw(MASTHEAD_OFFSET_MM)}" w:after="0"'
            f' w:line="{round(size * 1.2 * 20)}" w:lineRule="exact"/>{NO_INDENT}'
            '<w:jc w:val="center"/>',
            _run(lh.masthead, "title", size, color=RED),
        )
    ]
    if lh.number:
        out.append(_p(f'{NO_INDENT}<w:jc w:val="center"/>', _run(lh.number)))
    right_tab = _tw(BLOCK_MM[0]) - CELL_TWIPS
    border = (
        f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{RED}"/></w:pBdr>'
        if lh.rule
        else ""
    )
    runs = ""
    if lh.issuer:
        runs += _run(lh.issuer)
    if lh.date:
        runs += _special("<w:tab/>") + _run(lh.date)
    out.append(
        _p(
            f'{border}<w:tabs><w:tab w:val="right" w:pos="{right_tab}"/></w:tabs>'
            f'<w:ind w:left="{CELL_TWIPS}" w:firstLine="0" w:firstLineChars="0"/>',
            runs,
        )
    )
    out.append(_p(NO_INDENT, ""))
    return out


def _body_para(p: Para) -> str:
    style = {"heading1": "Heading1", "heading2": "Heading2"}.get(p.kind)
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if p.kind == "heading1":
        ppr += "<w:keepNext/>"
    return _p(ppr, "".join(_run(r.text, r.face) for r in p.runs))


def _attendance(doc: Document) -> list[str]:
    if not doc.attendance:
        return []
    label_cells = max(len(b.label) for b in doc.attendance) + 1
    out = [_p(NO_INDENT, "")]
    left = 2 + label_cells
    for block in doc.attendance:
        lines = name_lines(block.names, CHARS_PER_LINE - left)
        runs = _run(f"{block.label}：", "hei")
        runs += _special("<w:br/>").join(_run(FULL_SPACE.join(line)) for line in lines)
        out.append(
            _p(
                f'<w:pStyle w:val="Attendance"/><w:ind w:left="{left * CELL_TWIPS}"'
                f' w:leftChars="{left * 100}" w:hanging="{label_cells * CELL_TWIPS}"'
                f' w:hangingChars="{label_cells * 100}" w:firstLineChars="0"/>'
                '<w:jc w:val="left"/>',
                runs,
            )
        )
    return out


def _end_block(doc: Document) -> list[str]:
    """版记 at the foot of the last page: a one-column table floating at the bottom margin.

    Its top and bottom borders are the thick rules (0.35 mm), the rule between 分送 and the
    印发 line the thin one (0.25 mm); text in 4号 仿宋, one character in from each side.
    """
    size = END_BLOCK_PT
    one = round(size * 20)
    width = _tw(BLOCK_MM[0])
    cells: list[str] = []
    if doc.distribution:
        cells.append(
            _p(
                f'<w:pStyle w:val="EndBlock"/><w:ind w:left="{4 * one}" w:right="{one}"'
                f' w:hanging="{3 * one}" w:firstLineChars="0"/><w:jc w:val="both"/>',
                _run("分送：", "body", size) + _run(doc.distribution, "body", size),
            )
        )
    if doc.imprint:
        issuer, date = doc.imprint
        cells.append(
            _p(
                f'<w:pStyle w:val="EndBlock"/><w:tabs><w:tab w:val="right" w:pos="{width - one}"/>'
                f'</w:tabs><w:ind w:left="{one}" w:firstLine="0" w:firstLineChars="0"/>',
                _run(issuer, "body", size) + _special("<w:tab/>", size) + _run(date, "body", size),
            )
        )
    if not cells:
        return []
    rows = "".join(
        f'<w:tr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{cell}</w:tc></w:tr>'
        for cell in cells
    )
    thick = 'w:val="single" w:sz="8" w:space="0" w:color="000000"'
    thin = 'w:val="single" w:sz="6" w:space="0" w:color="000000"'
    table = (
        "<w:tbl><w:tblPr>"
        '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0"'
        ' w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="margin"'
        ' w:tblpXSpec="center" w:tblpYSpec="bottom"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/>'
        f'<w:tblBorders><w:top {thick}/><w:left w:val="nil"/><w:bottom {thick}/>'
        f'<w:right w:val="nil"/><w:insideH {thin}/><w:insideV w:val="nil"/></w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="60" w:type="dxa"/>'
        '<w:left w:w="0" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/>'
        '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>'
        f"{rows}</w:tbl>"
    )
    # The body must end with a paragraph; keep it tiny so it never makes a page of its own.
    tail = _p(
        '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20"'
        f' w:lineRule="exact"/>{NO_INDENT}',
        "",
    )
    return [table, tail]


#: Footers of a section: numbered ("— N —", odd pages right, even pages left) or blank.
NUMBERED = (
    '<w:footerReference w:type="default" r:id="rIdFooterOdd"/>'
    '<w:footerReference w:type="even" r:id="rIdFooterEven"/>'
)
UNNUMBERED = (
    '<w:footerReference w:type="default" r:id="rIdFooterBlank"/>'
    '<w:footerReference w:type="even" r:id="rIdFooterBlank"/>'
)
#: Lines of room the line model must leave beyond the 版记 before the 版记 stays on the
#: page where the body ends (Word may set a line or two more than the model).
END_MARGIN_LINES = 2


def _section(footers: str, start: str | None = None) -> str:
    """A section's properties; ``start`` evenPage / oddPage makes Word begin it on such a
    page, inserting a blank page when needed."""
    kind = f'<w:type w:val="{start}"/>' if start else ""
    return (
        f"<w:sectPr>{footers}{kind}"
        f'<w:pgSz w:w="{_tw(PAGE_MM[0])}" w:h="{_tw(PAGE_MM[1])}"/>'
        f'<w:pgMar w:top="{_tw(MARGIN_TOP_MM)}" w:right="{_tw(MARGIN_RIGHT_MM)}"'
        f' w:bottom="{_tw(MARGIN_BOTTOM_MM)}" w:left="{_tw(MARGIN_LEFT_MM)}"'
        f' w:header="851" w:footer="{_tw(MARGIN_BOTTOM_MM - 7 - 6.5)}" w:gutter="0"/>'
        f'<w:cols w:space="425"/>'
        f'<w:docGrid w:type="linesAndChars" w:linePitch="{LINE_PITCH_TWIPS}"'
        f' w:charSpace="{CHAR_SPACE}"/></w:sectPr>'
    )


def _ending_section(paragraph: str, sect: str) -> str:
    """``paragraph`` made the last of a section: the section's properties in its pPr."""
    return paragraph.replace("</w:pPr>", sect + "</w:pPr>", 1)


def end_placement(doc: Document) -> str:
    """Where the 版记 goes (GB/T 9704 §7.4, §7.5): ``here`` at the foot of the page where
    the body ends, when that is an even page with room; ``next even page`` when the body
    ends on an odd page; ``after a blank page`` when it ends on an even page without room."""
    end = body_end(doc)
    if end.page % 2:
        return "next even page"
    if end.room >= end_block_height(doc) + END_MARGIN_LINES * LINE_PITCH_TWIPS:
        return "here"
    return "after a blank page"


def document_xml(doc: Document) -> str:
    parts: list[str] = []
    if doc.letterhead is not None:
        parts.extend(_letterhead(doc.letterhead))
    if doc.title:
        parts.append(
            _p(
                f'<w:pStyle w:val="Title"/>{NO_INDENT}<w:jc w:val="center"/>',
                _run(doc.title, "title", TITLE_PT),
            )
        )
        parts.append(_p(NO_INDENT, ""))
    parts.extend(_body_para(p) for p in doc.body)
    parts.extend(_attendance(doc))
    end_block = _end_block(doc)
    last = _section(NUMBERED)
    placement = end_placement(doc) if end_block else "here"
    if placement != "here":
        # The body's section closes with its last paragraph; the 版记 opens a section that
        # Word starts on an even page. After a blank page, the blank page and the 版记
        # page are sections without page numbers (§7.5).
        if not parts:
            parts.append(_p(NO_INDENT, ""))
        parts[-1] = _ending_section(parts[-1], _section(NUMBERED))
        if placement == "after a blank page":
            parts.append(_ending_section(_p(NO_INDENT, ""), _section(UNNUMBERED, "oddPage")))
            last = _section(UNNUMBERED, "evenPage")
        else:
            last = _section(NUMBERED, "evenPage")
    parts.extend(end_block)
    if not parts:
        parts.append(_p("", ""))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        + "".join(parts)
        + last
        + "</w:body></w:document>"
    )


def _footer(odd: bool) -> str:
    one = round(PAGE_NUMBER_PT * 20)
    ind = f'<w:ind w:right="{one}"/>' if odd else f'<w:ind w:left="{one}"/>'
    rpr = _rpr("song", PAGE_NUMBER_PT)
    field = (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>1</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    dash = f'<w:r>{rpr}<w:t xml:space="preserve">{{}}</w:t></w:r>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'{ind}<w:jc w:val="{"right" if odd else "left"}"/></w:pPr>'
        + dash.format("— ")
        + field
        + dash.format(" —")
        + "</w:p></w:ftr>"
    )


#: The footer of pages without a number: the blank page before the 版记 page, and that page.
BLANK_FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
    "</w:p></w:ftr>"
)


def _style(style_id: str, name: str, ppr: str, rpr: str, *, outline: int | None = None) -> str:
    level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{ppr}{level}</w:pPr>{rpr}</w:style>"
    )


def _styles_xml() -> str:
    body = _rpr("body", BODY_PT)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault>'
        + body.replace("<w:sz ", '<w:kern w:val="2"/><w:sz ').replace(
            "</w:rPr>", '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
        )
        + "</w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:widowControl w:val="0"/></w:pPr>'
        f"{body}</w:style>"
        + _style(
            "Masthead",
            "纪要标志",
            NO_INDENT + '<w:jc w:val="center"/>',
            _rpr("title", 36, color=RED),
        )
        + _style("Title", "标题", NO_INDENT + '<w:jc w:val="center"/>', _rpr("title", TITLE_PT))
        + _style("Heading1", "一级标题", "<w:keepNext/>", _rpr("hei", BODY_PT), outline=0)
        + _style("Heading2", "二级标题", "", _rpr("kai", BODY_PT), outline=1)
        + _style("Attendance", "出席", "", body)
        + _style(
            "EndBlock",
            "版记",
            '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0"'
            f' w:line="{round(END_BLOCK_PT * 20 * 1.5)}" w:lineRule="exact"/>' + NO_INDENT,
            _rpr("body", END_BLOCK_PT),
        )
        + _style("Footer", "页脚", NO_INDENT, _rpr("song", PAGE_NUMBER_PT))
        + "</w:styles>"
    )


SETTINGS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="420"/>'
    '<w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode"'
    ' w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    "</w:settings>"
)

#: Font table: the official names with the generic family Word falls back to.
FONT_TABLE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:fonts xmlns:w="{W_NS}">'
    + "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="fixed"/></w:font>'
        for name, alt, family in (
            ("方正小标宋简体", "宋体", "script"),
            ("仿宋_GB2312", "仿宋", "modern"),
            ("楷体_GB2312", "楷体", "modern"),
            ("黑体", "SimHei", "modern"),
            ("宋体", "SimSun", "roman"),
        )
    )
    + "</w:fonts>"
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{_REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFonts" Type="{_REL}fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rIdFooterOdd" Type="{_REL}footer" Target="footer1.xml"/>'
    f'<Relationship Id="rIdFooterEven" Type="{_REL}footer" Target="footer2.xml"/>'
    f'<Relationship Id="rIdFooterBlank" Type="{_REL}footer" Target="footer3.xml"/>'
    "</Relationships>"
)


def _core_xml(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{_esc(title)}</dc:title><dc:creator>jiyao</dc:creator>"
        "</cp:coreProperties>"
    )


#: Parts that do not depend on the record, built once.
_STATIC = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "word/_rels/document.xml.rels": DOCUMENT_RELS,
    "word/styles.xml": _styles_xml(),
    "word/settings.xml": SETTINGS_XML,
    "word/fontTable.xml": FONT_TABLE_XML,
    "word/footer1.xml": _footer(odd=True),
    "word/footer2.xml": _footer(odd=False),
    "word/footer3.xml": BLANK_FOOTER,
}


def compose_docx(record: Record, *, letterhead: Letterhead | None = None) -> bytes:
    """The minutes as a .docx (GB/T 9704 layout, official font names)."""
    doc = build(record, letterhead)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in _STATIC.items():
            zf.writestr(_entry(name), data)
        zf.writestr(_entry("word/document.xml"), document_xml(doc))
        zf.writestr(_entry("docProps/core.xml"), _core_xml(doc.title or ""))
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    # A fixed timestamp: the same record gives the same bytes.
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


__all__ = ["compose_docx", "document_xml"]
