"""Evidence files of a progress report, checked for what they really are.

Accepted: PDF, Word (.docx), JPEG and PNG, at most ``MAX_BYTES`` each. PDF and DOCX go
through the shared check of :mod:`jiyao.uploads` when it is installed (the bytes must
really be a PDF/a Word document); JPEG and PNG by their signatures here. A file whose
content is not what its name claims is refused with a Chinese message naming it.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

MAX_BYTES = 20 * 1024 * 1024
ALLOWED: dict[str, str] = {
    "pdf": "PDF",
    "docx": "Word 文档（.docx）",
    "jpg": "JPEG 图片",
    "jpeg": "JPEG 图片",
    "png": "PNG 图片",
}
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str
    size: int
    sha256: str
    content: ContentFile[bytes]


def _clean_name(raw: str) -> str:
    name = raw.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable())
    return name[:200]


def _looks_like(kind: str, data: bytes) -> bool:
    if kind == "docx":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "word/document.xml" in z.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
    return data.startswith(_SIGNATURES[kind])


def check_file(uploaded: Any, max_bytes: int = MAX_BYTES) -> CheckedFile:
    """One uploaded file → :class:`CheckedFile`, or ValidationError in Chinese."""
    name = _clean_name(str(getattr(uploaded, "name", "") or ""))
    if not name:
        raise ValidationError("佐证材料被拒绝：文件名为空。")
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind not in ALLOWED:
        kinds = "、".join(dict.fromkeys(ALLOWED.values()))
        raise ValidationError(f"佐证材料“{name}”被拒绝：只接受 {kinds}。")
    size = int(getattr(uploaded, "size", 0) or 0)
    if size > max_bytes:
        raise ValidationError(f"佐证材料“{name}”被拒绝：超过 {max_bytes // (1024 * 1024)} MB。")
    data = b"".join(uploaded.chunks()) if hasattr(uploaded, "chunks") else uploaded.read()
    if len(data) > max_bytes:
        raise ValidationError(f"佐证材料“{name}”被拒绝：超过 {max_bytes // (1024 * 1024)} MB。")
    if not data:
        raise ValidationError(f"佐证材料“{name}”被拒绝：文件是空的。")
    if not _looks_like(kind, data):
        raise ValidationError(
            f"佐证材料“{name}”被拒绝：文件内容不是{ALLOWED[kind]}，与扩展名不符。"
        )
    if kind in ("pdf", "docx"):
        _shared_check(uploaded, name, kind, data, max_bytes)
    return CheckedFile(
        name=name,
        kind="jpg" if kind == "jpeg" else kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=ContentFile(data, name=name),
    )


def _shared_check(uploaded: Any, name: str, kind: str, data: bytes, max_bytes: int) -> None:
    """The deeper check of jiyao.uploads (a PDF that opens, a real Word document)."""
    try:
        from jiyao.uploads import validate_upload
    except ImportError:
        return
    validate_upload(ContentFile(data, name=name), allowed=(kind,), max_bytes=max_bytes)


def check_all(files: list[Any]) -> list[CheckedFile]:
    """Check every file first; one ValidationError listing each refused file."""
    good: list[CheckedFile] = []
    errors: list[str] = []
    for f in files:
        try:
            good.append(check_file(f))
        except ValidationError as refused:
            errors.extend(refused.messages)
    if errors:
        raise ValidationError(errors)
    return good
