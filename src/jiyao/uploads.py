"""Uploaded files checked for what they really are, shared by every app that takes files.

Theory of operation: a browser's claim (the file name's extension, the content type)
is not trusted. :func:`validate_upload` reads the bytes and accepts a file only when

- its name has no directory part (``../../x.docx`` is refused), is not empty and has
  no control characters;
- its size is within ``max_bytes`` (default: the setting or environment variable
  ``JIYAO_UPLOAD_MAX_BYTES``, else 20 MB);
  with :class:`LimitedUploadHandler` installed the limit is enforced *while the request
  streams in*: bytes past the limit are counted, never stored;
- its content matches its extension: a .docx is a zip archive holding
  ``word/document.xml``; a .pdf starts with ``%PDF-`` and opens in pdfium.

Every refusal is a :class:`django.core.exceptions.ValidationError` whose Chinese
message names the file and the reason. A :class:`ValidatedFile` carries the clean
name, the sha256 and a Django ``File`` ready for a ``FileField``; callers store it
inside their transaction so that a later refusal stores nothing (see
:func:`validate_all`).

:func:`upload_storage` is the storage of every uploaded file (``$JIYAO_DATA_DIR/uploads``
unless ``MEDIA_ROOT`` is set), so uploads live with the rest of the data.
"""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadhandler import FileUploadHandler, TemporaryFileUploadHandler
from django.utils.functional import cached_property

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: Extension → the Chinese name used in messages.
KINDS: dict[str, str] = {"docx": "Word 文档（.docx）", "pdf": "PDF 文件"}


def max_upload_bytes() -> int:
    """The configured size limit of one uploaded file (bytes)."""
    configured = getattr(settings, "JIYAO_UPLOAD_MAX_BYTES", None)
    if configured is None:
        configured = os.environ.get("JIYAO_UPLOAD_MAX_BYTES", "").strip() or DEFAULT_MAX_BYTES
    return int(configured)


class UploadStorage(FileSystemStorage):
    """The file system under MEDIA_ROOT when set, else ``$JIYAO_DATA_DIR/uploads``.

    Looked up when first used (and again when a test overrides MEDIA_ROOT), not when the
    models load, so a data directory chosen at run time (``jiyao demo --data-dir``) counts.
    """

    @cached_property
    def base_location(self) -> str:
        root = getattr(settings, "MEDIA_ROOT", "") or os.path.join(
            str(getattr(settings, "DATA_DIR", "data")), "uploads"
        )
        return str(root)


_STORAGE = UploadStorage()


def upload_storage() -> FileSystemStorage:
    """The storage of every uploaded file (a ``FileField``'s ``storage`` callable)."""
    return _STORAGE


def _size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} 字节"


@dataclass(frozen=True)
class ValidatedFile:
    """A checked upload: clean ``name``, its ``extension``, ``size``, ``sha256``, ``content``."""

    name: str
    extension: str
    size: int
    sha256: str
    content: File[Any]


def clean_name(raw: str) -> str:
    """The file name, checked: ValidationError when it carries a directory part (``/`` or
    ``\\``, e.g. ``../../x.docx`` or ``C:\\Users\\x.docx``), control characters, or
    nothing usable.

    Refused rather than silently trimmed: a name with a path is not one a person chose
    for a document. (Over HTTP Django already keeps only the last part of a sent name,
    so there the check guards every other caller — imports, the command line, tests.)
    """
    shown = raw.replace("\n", "␊").replace("\r", "␍")[:120] or "（无名文件）"
    if any(unicodedata.category(ch) == "Cc" for ch in raw):
        raise ValidationError(f"文件“{shown}”被拒绝：文件名含有控制字符。")
    if "/" in raw or "\\" in raw:
        raise ValidationError(f"文件“{shown}”被拒绝：文件名含有路径分隔符（/ 或 \\）。")
    name = raw.strip()
    if name in {"", ".", ".."}:
        raise ValidationError(f"文件“{shown}”被拒绝：文件名为空。")
    if len(name) > 200:
        raise ValidationError(f"文件“{name[:60]}…”被拒绝：文件名过长（超过200个字符）。")
    return name


def _read_all(uploaded: Any, limit: int, name: str) -> bytes:
    """The file's bytes, refusing as soon as more than ``limit`` have been read."""
    if getattr(uploaded, "jiyao_too_large", False):
        size = int(getattr(uploaded, "jiyao_seen_bytes", 0))
        raise ValidationError(
            f"文件“{name}”被拒绝：大小 {_size_text(size)}，超过上限 {_size_text(limit)}。"
        )
    declared = getattr(uploaded, "size", None)
    if declared is not None and declared > limit:
        raise ValidationError(
            f"文件“{name}”被拒绝：大小 {_size_text(declared)}，超过上限 {_size_text(limit)}。"
        )
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    chunks: list[bytes] = []
    total = 0
    reader = (
        uploaded.chunks()
        if hasattr(uploaded, "chunks")
        else iter(lambda: uploaded.read(65536), b"")
    )
    for chunk in reader:
        total += len(chunk)
        if total > limit:
            raise ValidationError(f"文件“{name}”被拒绝：大小超过上限 {_size_text(limit)}。")
        chunks.append(chunk)
    if total == 0:
        raise ValidationError(f"文件“{name}”被拒绝：文件是空的。")
    return b"".join(chunks)


def _check_docx(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise ValidationError(
                    f"文件“{name}”被拒绝：扩展名是 .docx，但内容不是 Word 文档"
                    "（压缩包中没有 word/document.xml）。"
                )
            info = archive.getinfo("word/document.xml")
            if info.file_size > 200 * 1024 * 1024:
                raise ValidationError(
                    f"文件“{name}”被拒绝：Word 正文解压后过大，疑似损坏或恶意文件。"
                )
            head = archive.open(info).read(512)
    except zipfile.BadZipFile:
        raise ValidationError(
            f"文件“{name}”被拒绝：扩展名是 .docx，但内容不是 Word 文档（不是有效的压缩包）。"
        ) from None
    except (OSError, RuntimeError, NotImplementedError):
        raise ValidationError(f"文件“{name}”被拒绝：Word 文档已损坏，无法读取。") from None
    if b"<" not in head:
        raise ValidationError(f"文件“{name}”被拒绝：Word 文档正文不是有效的 XML。")


def _check_pdf(data: bytes, name: str) -> None:
    if not data.startswith(b"%PDF-"):
        raise ValidationError(
            f"文件“{name}”被拒绝：扩展名是 .pdf，但内容不是 PDF 文件（缺少 %PDF- 文件头）。"
        )
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
        try:
            pages = len(document)
        finally:
            document.close()
    except Exception:  # pdfium raises its own PdfiumError (and others) on damaged files
        raise ValidationError(f"文件“{name}”被拒绝：PDF 文件已损坏，无法打开。") from None
    if pages < 1:
        raise ValidationError(f"文件“{name}”被拒绝：PDF 文件没有页面。")


_CHECKERS = {"docx": _check_docx, "pdf": _check_pdf}


def validate_upload(
    uploaded_file: Any,
    allowed: Iterable[str] = ("docx", "pdf"),
    max_bytes: int | None = None,
) -> ValidatedFile:
    """Check one uploaded file (a Django ``UploadedFile`` or any object with ``name`` and
    ``read``/``chunks``); return it as a :class:`ValidatedFile` or raise ValidationError
    with a Chinese message naming the file and the reason."""
    allowed = tuple(a.lower().lstrip(".") for a in allowed)
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    name = clean_name(str(getattr(uploaded_file, "name", "") or ""))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed:
        kinds = "、".join(KINDS.get(a, "." + a) for a in allowed)
        raise ValidationError(f"文件“{name}”被拒绝：只接受 {kinds}。")
    data = _read_all(uploaded_file, limit, name)
    checker = _CHECKERS.get(extension)
    if checker is not None:
        checker(data, name)
    digest = hashlib.sha256(data).hexdigest()
    return ValidatedFile(
        name=name,
        extension=extension,
        size=len(data),
        sha256=digest,
        content=ContentFile(data, name=name),
    )


def validate_all(
    files: Iterable[Any], allowed: Iterable[str] = ("docx", "pdf"), max_bytes: int | None = None
) -> list[ValidatedFile]:
    """Check every file first; one ValidationError listing each refused file (nothing is
    returned — so nothing gets stored — unless all of them pass)."""
    allowed = tuple(allowed)
    good: list[ValidatedFile] = []
    errors: list[str] = []
    for f in files:
        try:
            good.append(validate_upload(f, allowed, max_bytes))
        except ValidationError as refused:
            errors.extend(refused.messages)
    if errors:
        raise ValidationError(errors)
    return good


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Streams uploads to temporary files but stops storing a file past the size limit.

    The file still appears in ``request.FILES`` (so the message can name it), marked
    ``jiyao_too_large`` with the number of bytes seen; :func:`validate_upload` refuses it.
    Install it before the request body is read (see :func:`install_upload_limit`).
    """

    def __init__(self, request: Any = None, max_bytes: int | None = None) -> None:
        super().__init__(request)
        self.limit = max_upload_bytes() if max_bytes is None else max_bytes
        self.seen = 0
        self.too_large = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.seen = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.seen += len(raw_data)
        if self.seen > self.limit:
            if not self.too_large:
                self.too_large = True
                self.file.truncate(0)  # free the disk at once; what came is discarded
            return None
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> Any:
        # The declared size stays the real one (a form field would call a truncated file
        # "empty"); validate_upload refuses it by its mark before reading anything.
        uploaded = super().file_complete(self.seen if self.too_large else file_size)
        if uploaded is not None and self.too_large:
            uploaded.jiyao_too_large = True
            uploaded.jiyao_seen_bytes = self.seen
        return uploaded


def install_upload_limit(request: Any, max_bytes: int | None = None) -> None:
    """Put :class:`LimitedUploadHandler` in front of the request's upload handlers.

    Must run before anything reads ``request.POST``/``FILES``: views that take files are
    wrapped with ``csrf_exempt`` outside and ``csrf_protect`` inside (Django's documented
    pattern), or use :func:`limited_uploads`.
    """
    handlers: list[FileUploadHandler] = [LimitedUploadHandler(request, max_bytes)]
    request.upload_handlers = handlers


def limited_uploads(view: Any) -> Any:
    """Decorator for a function view that takes files: the size limit applies while
    streaming, and CSRF is still checked (after the handler is installed)."""
    import functools

    from django.views.decorators.csrf import csrf_exempt, csrf_protect

    protected = csrf_protect(view)

    @functools.wraps(view)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.method == "POST":
            install_upload_limit(request)
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)
