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

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read.encoding import decode
from jiyao.minutes.read.normalize import normalize
from jiyao.minutes.read.source import MAX_BYTES, Source

# Signatures of binary formats people may hand us by mistake → what to call them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a legacy Word .doc (Office 97–2003) or WPS file; save it as .docx",
    ),
    (b"{\\rtf", "an RTF file; save it as .docx or plain text"),
    (b"\x7fELF", "an executable (ELF), not a document"),
    (b"MZ\x90\x00", "an executable (Windows), not a document"),
    (b"\x89PNG", "a PNG image, not a document; run OCR first"),
    (b"\xff\xd8\xff", "a JPEG image, not a document; run OCR first"),
    (b"GIF8", "a GIF image, not a document"),
    (b"II*\x00", "a TIFF image, not a document; run OCR first"),
    (b"MM\x00*", "a TIFF image, not a document; run OCR first"),
    (b"\x1f\x8b", "a gzip archive, not a document; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive, not a document; unpack it first"),
    (b"Rar!", "a RAR archive, not a document; unpack it first"),
    *(
        (b"BZh%d1AY&SY" % level, "a bzip2 archive, not a document; unpack it first")
        for level in range(1, 10)
    ),
    (b"\xfd7zXZ", "an xz archive, not a document; unpack it first"),
    (b"%!PS", "a PostScript file; convert it to PDF first"),
    (b"MIME-Version:", "a saved web archive (.mht); save the page as HTML instead"),
    (b"From: <Saved by", "a saved web archive (.mht); save the page as HTML instead"),
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
        raise ReadError(f"{name}: no such file") from None
    except PermissionError:
        raise ReadError(f"{name}: permission denied") from None
    except (OSError, ValueError) as exc:
        raise ReadError(f"{name}: cannot open the file ({_reason(exc)})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{name}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        # Never opened: a named pipe blocks until something writes to it, a device may
        # never end. A stream is read from standard input (read_bytes).
        raise ReadError(
            f"{name}: {special_kind(info.st_mode)}, not a regular file; for a stream use -"
        )
    if info.st_size > MAX_BYTES:
        raise ReadError(
            f"{name}: the file is {_mb(info.st_size)}, over the {_mb(MAX_BYTES)} limit; refused"
        )
    try:
        # O_NONBLOCK: should the path have become a pipe since stat, open does not wait.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ReadError(f"{name}: not a regular file; for a stream use -")
            # Ask for the size stat gave plus one byte (asking for the limit would
            # allocate 20 MB per file); a file that grew meanwhile is read on up to one
            # byte past the limit.
            data = fh.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += fh.read(MAX_BYTES + 1 - len(data))
    except PermissionError:
        raise ReadError(f"{name}: permission denied") from None
    except OSError as exc:
        raise ReadError(f"{name}: cannot read the file ({_reason(exc)})") from None
    html_hint = os.path.splitext(name)[1].lower() in _HTML_SUFFIXES
    return _read(data, name, html_hint=html_hint)


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_kind(mode: int) -> str | None:
    """What a file of ``mode`` is when it is neither a regular file nor a directory."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((kind for test, kind in _SPECIAL if test(mode)), "a special file")


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _read(data: bytes, name: str, *, html_hint: bool) -> Source:
    label = _label(name)
    if len(data) > MAX_BYTES:
        raise ReadError(f"{label}: the input is over the {_mb(MAX_BYTES)} limit; refused")
    if not data:
        raise ReadError(f"{label}: the file is empty")
    kind, encoding, original = _extract(data, label, html_hint)
    text = normalize(original)
    if not any(ch.isalnum() for ch in text):
        raise ReadError(f"{label}: the file contains no text")
    return Source(name=name, kind=kind, encoding=encoding, original=original, text=text)


def _extract(data: bytes, label: str, html_hint: bool) -> tuple[str, str | None, str]:
    head = data[:1024]
    # Readers accept junk before the header (within the first KB); a text that merely
    # mentions "%PDF-" does not also end with a PDF trailer.
    if data.startswith(b"%PDF-") or (b"%PDF-" in head and b"%%EOF" in data[-2048:]):
        from jiyao.minutes.read.pdf import pdf_to_text

        return "pdf", None, pdf_to_text(data[head.index(b"%PDF-") :], label)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        from jiyao.minutes.read.word import docx_to_text

        return "docx", None, docx_to_text(data, label)
    if data.startswith(_OLE2) and _ENCRYPTED_PACKAGE in data:
        raise ReadError(f"{label}: a password-protected Office document; remove the password first")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ReadError(f"{label}: {what}")
    from jiyao.minutes.read.web import html_to_text, looks_like_html, sniff_charset

    markup = html_hint or data[:256].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    declared = sniff_charset(data) if markup else None
    text, encoding = decode(data, label, declared=declared)
    if looks_like_html(text) or (html_hint and "<" in text and _has_tags(text)):
        return "html", encoding, html_to_text(text, label)
    return "txt", encoding, text


def _has_tags(text: str) -> bool:
    lower = text[:65536].lower()
    return any(tag in lower for tag in ("<p>", "<p ", "<div", "<br", "<body", "<table"))
