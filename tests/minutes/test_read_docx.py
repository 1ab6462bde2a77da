"""read_path on .docx: paragraphs and tables in document order; broken and hostile zips."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import docx
import pytest

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read import read_bytes, read_path


def build_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("县政府专题会议纪要")
    document.add_paragraph("测试县人民政府办公室\t2024年5月6日")
    document.add_paragraph("一、研究标准厂房建设问题")
    document.add_paragraph("会议原则同意开发区管委会提出的建设方案。")
    table = document.add_table(rows=4, cols=3)
    rows = [
        ("出席", "县政府", "王明、李华"),
        ("列席", "县财政局", "张强"),
        ("", "县发改局", "赵敏"),
        ("请假", "县教育局", "孙丽（出差）"),
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # 列席 spans two rows
    spanning = table.cell(3, 1).merge(table.cell(3, 2))  # one cell over two columns
    spanning.text = "县教育局孙丽（出差）"
    cell = table.cell(0, 2)
    cell.add_paragraph("周平")  # a second paragraph in a cell
    document.add_paragraph("分送：县委办、县人大办。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_and_table_rows_come_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "zhuanti.docx"
    path.write_bytes(build_docx())
    source = read_path(path)
    assert source.kind == "docx"
    assert source.encoding is None
    assert source.original.splitlines() == [
        "县政府专题会议纪要",
        "测试县人民政府办公室\t2024年5月6日",
        "一、研究标准厂房建设问题",
        "会议原则同意开发区管委会提出的建设方案。",
        "出席\t县政府\t王明、李华 周平",
        "列席\t县财政局\t张强",
        "县发改局\t赵敏",  # the merged 列席 cell is not repeated
        "请假\t县教育局孙丽（出差）",  # the merged cell appears once
        "分送：县委办、县人大办。",
    ]
    assert source.text.splitlines()[4] == "出席 县政府 王明、李华 周平"


def test_a_docx_is_recognised_by_its_bytes_whatever_its_name() -> None:
    assert read_bytes(build_docx(), "upload.bin").kind == "docx"


def error(data: bytes, name: str = "x.docx") -> str:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, name)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_zip_bomb_is_refused_from_its_declared_sizes() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            zeros = b"\0" * 2**20
            for _ in range(16):
                member.write(zeros)
    data = buffer.getvalue()
    assert len(data) < 200_000
    assert re.fullmatch(
        r"x\.docx: \.docx 解压后膨胀 \d+ 倍（可能是压缩炸弹），拒绝读取", error(data)
    )


def test_a_zip_declaring_more_than_the_limit_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
    data = bytearray(buffer.getvalue())
    # Patch the central directory's uncompressed size to 300 MB: only the declared
    # sizes are looked at before anything is decompressed.
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = (300 * 2**20).to_bytes(4, "little")
    assert error(bytes(data)) == "x.docx: .docx 解压后将有 300 MB，超过 200 MB 的上限，拒绝读取"


def test_a_truncated_zip_is_a_broken_docx() -> None:
    message = error(build_docx()[:3000])
    assert message.startswith("x.docx: 不是有效的 .docx（zip 已损坏：")


def test_a_zip_without_a_word_document_is_not_a_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/readme.txt", "hello")
    assert error(buffer.getvalue()) == "x.docx: 这个文件是 zip 压缩包，不是 Word .docx 文档"


def test_a_docx_name_on_random_bytes_is_binary_data() -> None:
    message = error(random.Random(3).randbytes(4096))
    assert message.startswith("x.docx: 文件")
    assert "二进制数据" in message


def test_a_docx_with_broken_xml_is_damaged() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>")
    assert error(buffer.getvalue()).startswith("x.docx: .docx 已损坏（document.xml 有误：")


def test_an_empty_docx_has_no_text() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert error(buffer.getvalue()) == "x.docx: 文件中没有文字"


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def docx_from_body(body: str, parts: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml", f"<w:document {W} {MC}><w:body>{body}</w:body></w:document>"
        )
        for path, xml in (parts or {}).items():
            archive.writestr(path, xml)
    return buffer.getvalue()


def run(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def test_revisions_text_boxes_content_controls_and_breaks_are_read_once() -> None:
    body = (
        f"<w:p>{run('会议')}<w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>"
        f"<w:ins>{run('纪要')}</w:ins></w:p>"
        f"<w:p>{run('正文')}<w:r><mc:AlternateContent><mc:Choice Requires='wps'>"
        f"<w:txbxContent><w:p>{run('文本框')}</w:p></w:txbxContent></mc:Choice>"
        f"<mc:Fallback><w:txbxContent><w:p>{run('文本框')}</w:p></w:txbxContent></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
        f"<w:sdt><w:sdtContent><w:p>{run('控件里的段落')}</w:p></w:sdtContent></w:sdt>"
        "<w:tbl><w:sdt><w:sdtContent><w:tr>"
        f"<w:tc><w:p>{run('出席')}</w:p></w:tc>"
        f"<w:tc><w:p>{run('王明')}<w:r><w:br/></w:r>{run('李华')}</w:p></w:tc>"
        "</w:tr></w:sdtContent></w:sdt></w:tbl>"
    )
    assert read_bytes(docx_from_body(body)).original.splitlines() == [
        "会议纪要",
        "正文",
        "文本框",
        "",
        "控件里的段落",
        "出席\t王明 李华",
    ]


def test_an_ofd_document_is_named() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
    assert error(buffer.getvalue()) == (
        "x.docx: 这个文件是 OFD 文档，不是 .docx；请先导出为 PDF 或 .docx"
    )


NUMBERING = f"""<w:numbering {W}>
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="8"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>
</w:numbering>"""
STYLES = f"""<w:styles {W}>
<w:style w:type="paragraph" w:styleId="ItemHeading"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ItemHeadingRed"><w:basedOn w:val="ItemHeading"/></w:style>
</w:styles>"""


def numbered(text: str, num_id: int, level: int = 0) -> str:
    return (
        f"<w:p><w:pPr><w:numPr><w:ilvl w:val='{level}'/><w:numId w:val='{num_id}'/></w:numPr></w:pPr>"
        f"{run(text)}</w:p>"
    )


def styled(text: str, style: str) -> str:
    return f"<w:p><w:pPr><w:pStyle w:val='{style}'/></w:pPr>{run(text)}</w:p>"


def test_word_list_numbers_are_written_out_as_word_shows_them() -> None:
    body = (
        numbered("审议县财政局提交的两个文件", 3)
        + numbered("《测试县预算绩效管理办法》", 3, level=1)
        + numbered("《测试县政府投资项目管理办法》", 3, level=1)
        + f"<w:p>{run('会议原则同意上述两个文件。')}</w:p>"
        + styled("听取县教育局关于开学准备工作的汇报", "ItemHeading")
        + numbered("会前学法", 3, level=1)  # the deeper level restarts
        + styled("研究其他事项", "ItemHeadingRed")  # numbered through basedOn
        + numbered("第九项起编", 4)
        + numbered("不编号", 0)
    )
    parts = {"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES}
    assert read_bytes(docx_from_body(body, parts)).original.splitlines() == [
        "一、审议县财政局提交的两个文件",
        "（一）《测试县预算绩效管理办法》",
        "（二）《测试县政府投资项目管理办法》",
        "会议原则同意上述两个文件。",
        "二、听取县教育局关于开学准备工作的汇报",
        "（一）会前学法",
        "三、研究其他事项",
        "9.第九项起编",
        "不编号",
    ]


def test_broken_numbering_parts_do_not_stop_the_text() -> None:
    body = numbered("审议事项", 3)
    data = docx_from_body(body, {"word/numbering.xml": "<w:numbering", "word/styles.xml": "junk"})
    assert read_bytes(data).original == "审议事项\n"


def test_a_docx_body_over_the_xml_limit_is_refused_before_parsing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")  # declare 40 MB of body XML (ratio rules aside)
    data[central + 20 : central + 24] = (40 * 2**20).to_bytes(4, "little")  # compressed
    data[central + 24 : central + 28] = (40 * 2**20).to_bytes(4, "little")  # uncompressed
    assert error(bytes(data)) == "x.docx: .docx 正文 XML 有 40 MB，超过 30 MB 的上限，拒绝读取"
