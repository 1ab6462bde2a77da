"""``read_path`` / ``read_bytes``: any supported input → :class:`Source`.

The kind of an input is told by its bytes, never trusted from its name: ``%PDF-`` is a
PDF, a zip is a .docx (checked to hold word/document.xml), known binary signatures
(images, executables, archives, legacy Office) are refused by name, and anything else
must decode as text (see :mod:`.encoding`); a text that is an HTML document is read as
a page (see :mod:`.web`). The file name only breaks a tie: a ``.html`` file whose start
is not recognisable markup is still read as a page if it holds tags.

Every failure is a :class:`ReadError` whose message is one line naming the input and
the reason. Size is bounded before reading (:data:`MAX_BYTES`, from ``stat`` for files,
from ``len`` for bytes), so a huge input is refused without being loaded. Only regular
files are opened: a named pipe, socket or device given by name is refused (opening a
pipe blocks until something writes to it); streams come in as bytes (``-``).
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read.encoding import decode
from jiyao.minutes.read.normalize import normalize
from jiyao.minutes.read.source import MAX_BYTES, Source

if TYPE_CHECKING:
    from jiyao.minutes.read.web import WebPage

# Signatures of binary formats people may hand us by mistake → what to call them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "是旧版 Word .doc（Office 97–2003）或 WPS 文件，请另存为 .docx",
    ),
    (b"{\\rtf", "是 RTF 文件，请另存为 .docx 或纯文本"),
    (b"\x7fELF", "是可执行程序（ELF），不是文档"),
    (b"MZ\x90\x00", "是可执行程序（Windows），不是文档"),
    (b"\x89PNG", "是 PNG 图片，不是文档；请先做文字识别（OCR）"),
    (b"\xff\xd8\xff", "是 JPEG 图片，不是文档；请先做文字识别（OCR）"),
    (b"GIF8", "是 GIF 图片，不是文档"),
    (b"II*\x00", "是 TIFF 图片，不是文档；请先做文字识别（OCR）"),
    (b"MM\x00*", "是 TIFF 图片，不是文档；请先做文字识别（OCR）"),
    (b"\x1f\x8b", "是 gzip 压缩包，不是文档；请先解压"),
    (b"7z\xbc\xaf\x27\x1c", "是 7z 压缩包，不是文档；请先解压"),
    (b"Rar!", "是 RAR 压缩包，不是文档；请先解压"),
    *((b"BZh%d1AY&SY" % level, "是 bzip2 压缩包，不是文档；请先解压") for level in range(1, 10)),
    (b"\xfd7zXZ", "是 xz 压缩包，不是文档；请先解压"),
    (b"%!PS", "是 PostScript 文件，请先转换为 PDF"),
    (b"MIME-Version:", "是网页存档（.mht），请将网页另存为 HTML"),
    (b"From: <Saved by", "是网页存档（.mht），请将网页另存为 HTML"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx is an OLE2 container holding a stream of this (UTF-16) name.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def _label(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def read_bytes(data: bytes, name: str = "-") -> Source:
    """Read an input given as bytes; the kind is detected from the bytes, not the name."""
    return _read(data, name, html_hint=False)


def read_path(path: str | os.PathLike[str]) -> Source:
    """Read the file at ``path`` (txt, docx, html or pdf; kind from the bytes)."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise ReadError(f"{name}: 找不到该文件") from None
    except PermissionError:
        raise ReadError(f"{name}: 没有读取权限") from None
    except (OSError, ValueError) as exc:
        raise ReadError(f"{name}: 无法打开该文件（{_reason(exc)}）") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{name}: 是文件夹，不是文件")
    if not stat.S_ISREG(info.st_mode):
        # Never opened: a named pipe blocks until something writes to it, a device may
        # never end. A stream is read from standard input (read_bytes).
        raise ReadError(
            f"{name}: {special_kind(info.st_mode)}，不是普通文件；数据流请用 - 从标准输入读取"
        )
    if info.st_size > MAX_BYTES:
        raise ReadError(
            f"{name}: 文件大小 {_mb(info.st_size)}，超过 {_mb(MAX_BYTES)} 的上限，拒绝读取"
        )
    try:
        # O_NONBLOCK: should the path have become a pipe since stat, open does not wait.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ReadError(f"{name}: 不是普通文件；数据流请用 - 从标准输入读取")
            # Ask for the size stat gave plus one byte (asking for the limit would
            # allocate 20 MB per file); a file that grew meanwhile is read on up to one
            # byte past the limit.
            data = fh.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += fh.read(MAX_BYTES + 1 - len(data))
    except PermissionError:
        raise ReadError(f"{name}: 没有读取权限") from None
    except OSError as exc:
        raise ReadError(f"{name}: 无法读取该文件（{_reason(exc)}）") from None
    html_hint = os.path.splitext(name)[1].lower() in _HTML_SUFFIXES
    return _read(data, name, html_hint=html_hint)


_SPECIAL = (
    (stat.S_ISFIFO, "命名管道（FIFO）"),
    (stat.S_ISSOCK, "套接字（socket）"),
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
)


def special_kind(mode: int) -> str | None:
    """What a file of ``mode`` is when it is neither a regular file nor a directory."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((kind for test, kind in _SPECIAL if test(mode)), "特殊文件")


def _reason(exc: BaseException) -> str:
    from jiyao.minutes.errors import os_reason

    return os_reason(exc)


def _read(data: bytes, name: str, *, html_hint: bool) -> Source:
    label = _label(name)
    if len(data) > MAX_BYTES:
        raise ReadError(f"{label}: 输入超过 {_mb(MAX_BYTES)} 的上限，拒绝读取")
    if not data:
        raise ReadError(f"{label}: 文件是空的")
    kind, encoding, original, page = _extract(data, label, html_hint)
    text = normalize(original)
    if not any(ch.isalnum() for ch in text):
        raise ReadError(f"{label}: 文件中没有文字")
    return Source(
        name=name,
        kind=kind,
        encoding=encoding,
        original=original,
        text=text,
        page_title=page.title if page else None,
        site_name=page.site_name if page else None,
    )


def _extract(
    data: bytes, label: str, html_hint: bool
) -> tuple[str, str | None, str, WebPage | None]:
    head = data[:1024]
    # Readers accept junk before the header (within the first KB); a text that merely
    # mentions "%PDF-" does not also end with a PDF trailer.
    if data.startswith(b"%PDF-") or (b"%PDF-" in head and b"%%EOF" in data[-2048:]):
        from jiyao.minutes.read.pdf import pdf_to_text

        return "pdf", None, pdf_to_text(data[head.index(b"%PDF-") :], label), None
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        from jiyao.minutes.read.word import docx_to_text

        return "docx", None, docx_to_text(data, label), None
    if data.startswith(_OLE2) and _ENCRYPTED_PACKAGE in data:
        raise ReadError(f"{label}: 是加了密码的 Office 文档，请先去掉密码")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ReadError(f"{label}: 这个文件{what}")
    from jiyao.minutes.read.web import looks_like_html, read_page, sniff_charset

    markup = html_hint or data[:256].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    declared = sniff_charset(data) if markup else None
    text, encoding = decode(data, label, declared=declared)
    if looks_like_html(text) or (html_hint and "<" in text and _has_tags(text)):
        page = read_page(text, label)
        return "html", encoding, page.text, page
    return "txt", encoding, text, None


def _has_tags(text: str) -> bool:
    lower = text[:65536].lower()
    return any(tag in lower for tag in ("<p>", "<p ", "<div", "<br", "<body", "<table"))
