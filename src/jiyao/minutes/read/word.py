"""Word .docx → text: body paragraphs and tables in document order.

A .docx is a zip; before anything is decompressed the zip's directory is checked: the
declared uncompressed sizes must stay under :data:`MAX_UNZIPPED_BYTES` and the
compression ratio must be one a document can have (a zip bomb is a small file that
declares gigabytes). Python's zipfile stops each member at its declared size, so the
declared sizes bound memory.

word/document.xml is then walked directly with ElementTree (python-docx's object model
costs more and duplicates merged cells): each paragraph is a line (w:tab → tab, w:br →
line break, deleted revisions skipped, the Fallback copy of alternate content skipped);
each table row is one line, its cells separated by a tab, a cell's paragraphs joined by
a space. A cell continuing a vertical merge is left empty, and a horizontally merged
cell is a single w:tc, so merged text is never repeated. Content controls (w:sdt) and
text boxes are read where they stand. Automatic list numbers (一、 （二） 3.), which Word
draws from numbering.xml rather than storing in the text, are written out (see
:mod:`.wordnum`). Headers, footers and notes are not read: minutes
keep their content in the body.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree import ElementTree as ET

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read.source import MAX_UNZIPPED_BYTES
from jiyao.minutes.read.wordnum import Numbering, load_numbering, used_styles

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
_TEXTBOX = f"{_W}txbxContent"
_SKIP = frozenset(
    {
        f"{_W}del",
        f"{_W}delText",
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}tblPr",
        f"{_W}trPr",
        f"{_W}tcPr",
        f"{_W}sectPr",
        f"{_W}instrText",
        f"{_MC}Fallback",
        f"{_W}footnoteReference",
    }
)
# A member over 10 MB that compresses more than 100-fold is a bomb: document XML
# compresses about 10-fold, images not at all.
_BIG_MEMBER = 10 * 2**20
# Only these parts are decompressed and parsed (images never are): their sizes bound
# the reader's time and memory (ElementTree takes ~1 s and ~10× the size for 30 MB).
_MAX_BODY_XML = 30 * 2**20
_MAX_PART_XML = 10 * 2**20
_MAX_RATIO = 100


def _what_zip(archive: zipfile.ZipFile) -> str:
    """What a zip without word/document.xml is, for the error message."""
    names = set(archive.namelist())
    if "OFD.xml" in names:
        return "是 OFD 文档，不是 .docx；请先导出为 PDF 或 .docx"
    if "xl/workbook.xml" in names:
        return "是 Excel 工作簿，不是 Word .docx 文档"
    if "ppt/presentation.xml" in names:
        return "是 PowerPoint 文件，不是 Word .docx 文档"
    if "content.xml" in names:
        return "是 OpenDocument 文件，不是 .docx；请先另存为 .docx"
    return "是 zip 压缩包，不是 Word .docx 文档"


def _check_zip(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNZIPPED_BYTES:
        raise ReadError(
            f"{name}: .docx 解压后将有 {declared // 2**20} MB，超过 "
            f"{MAX_UNZIPPED_BYTES // 2**20} MB 的上限，拒绝读取"
        )
    for info in infos:
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > _BIG_MEMBER and ratio > _MAX_RATIO:
            raise ReadError(f"{name}: .docx 解压后膨胀 {ratio} 倍（可能是压缩炸弹），拒绝读取")


def _inline_text(elem: ET.Element, numbering: Numbering) -> str:
    """Text of the runs under ``elem`` (a paragraph), in order."""
    out: list[str] = []
    stack = [elem]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag in _SKIP:
            continue
        if tag == _T:
            out.append(node.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}sym":
            out.append(_symbol(node.get(f"{_W}char") or ""))
        elif tag == _TEXTBOX:  # a text box anchored here: its paragraphs on their own lines
            lines: list[str] = []
            _blocks(node, lines, numbering)
            out.append("\n" + "\n".join(lines) + "\n")
            continue
        stack.extend(reversed(list(node)))
    return "".join(out)


def _symbol(code: str) -> str:
    """The character of a w:sym (symbol fonts put theirs at U+F000 + the code)."""
    try:
        value = int(code, 16)
        return chr(value - 0xF000 if value >= 0xF000 else value)
    except (ValueError, OverflowError):
        return ""


def _wrapped(parent: ET.Element, tag: str) -> list[ET.Element]:
    """Children of ``parent`` with ``tag``, looking through wrappers (w:sdt, w:customXml …)."""
    found: list[ET.Element] = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag not in _SKIP and child.tag not in (_P, _TBL, _TR, _TC):
            found.extend(_wrapped(child, tag))
    return found


def _cell_text(cell: ET.Element, numbering: Numbering) -> str:
    props = cell.find(f"{_W}tcPr")
    if props is not None:
        merge = props.find(f"{_W}vMerge")
        if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
            return ""
    lines: list[str] = []
    _blocks(cell, lines, numbering)
    text = " ".join(" ".join(lines).split("\n"))
    return " ".join(part for part in text.split("\t") if part.strip()).strip()


def _blocks(container: ET.Element, lines: list[str], numbering: Numbering) -> None:
    """Append the lines of the paragraphs and tables directly in ``container``."""
    for child in container:
        tag = child.tag
        if tag == _P:
            text = _inline_text(child, numbering)
            lines.append(numbering.prefix(child.find(f"{_W}pPr")) + text if text.strip() else text)
        elif tag == _TBL:
            for row in _wrapped(child, _TR):
                cells = [_cell_text(c, numbering) for c in _wrapped(row, _TC)]
                line = "\t".join(c for c in cells if c)
                if line:
                    lines.append(line)
        elif tag in _SKIP:
            continue
        else:  # w:sdt, w:sdtContent, w:customXml, w:ins … wrap blocks
            _blocks(child, lines, numbering)


def _numbering(archive: zipfile.ZipFile, document_xml: bytes) -> Numbering:
    """The document's list numbering; nothing is loaded for a document without lists."""
    numbering_xml = _part(archive, "word/numbering.xml")
    if not numbering_xml:
        return Numbering()
    styles = used_styles(document_xml)
    if b"numPr" not in document_xml and not styles:
        return Numbering()
    return load_numbering(numbering_xml, _part(archive, "word/styles.xml"), styles)


def _part(archive: zipfile.ZipFile, path: str) -> bytes | None:
    """An optional part of the package (None when absent, damaged or oversized)."""
    try:
        if archive.getinfo(path).file_size > _MAX_PART_XML:
            return None
        return archive.read(path)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError):  # fmt: skip
        return None


def docx_to_text(data: bytes, name: str) -> str:
    """The text of a .docx given as bytes (see the module docstring)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise ReadError(f"{name}: 不是有效的 .docx（zip 已损坏：{exc}）") from None
    with archive:
        _check_zip(archive, name)
        try:
            size = archive.getinfo("word/document.xml").file_size
            if size > _MAX_BODY_XML:
                raise ReadError(
                    f"{name}: .docx 正文 XML 有 {size // 2**20} MB，超过 "
                    f"{_MAX_BODY_XML // 2**20} MB 的上限，拒绝读取"
                )
            xml = archive.read("word/document.xml")
            numbering = _numbering(archive, xml)
        except KeyError:
            raise ReadError(f"{name}: 这个文件{_what_zip(archive)}") from None
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            ValueError,
            EOFError,
            NotImplementedError,
            RuntimeError,  # an encrypted member
        ) as exc:
            raise ReadError(f"{name}: .docx 已损坏（{exc}）") from None
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise ReadError(f"{name}: .docx 已损坏（document.xml 有误：{exc}）") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise ReadError(f"{name}: .docx 没有正文")
    lines: list[str] = []
    try:
        _blocks(body, lines, numbering)
    except RecursionError:
        raise ReadError(f"{name}: .docx 嵌套过深，无法读取") from None
    return "\n".join(lines) + "\n"
