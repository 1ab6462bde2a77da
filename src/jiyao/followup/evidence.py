"""Evidence files of a progress report, checked for what they really are.

Accepted: PDF, Word (.docx), JPEG and PNG, each within the site's upload limit
(``JIYAO_UPLOAD_MAX_BYTES``, 20 MB by default). Names, sizes, PDF and DOCX go through
the shared check of :mod:`jiyao.uploads` (a PDF must open and have pages, a .docx must
be a Word document); JPEG and PNG are checked by their signatures here. A file whose
content is not what its name claims is refused with a Chinese message naming it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from jiyao.uploads import ValidatedFile, validate_upload

ALLOWED: tuple[str, ...] = ("pdf", "docx", "jpg", "jpeg", "png")
_IMAGES: dict[str, tuple[bytes, str]] = {
    "jpg": (b"\xff\xd8\xff", "JPEG 图片"),
    "jpeg": (b"\xff\xd8\xff", "JPEG 图片"),
    "png": (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
}


def check_file(uploaded: Any) -> ValidatedFile:
    """One uploaded file → a ValidatedFile, or ValidationError in Chinese."""
    checked = validate_upload(uploaded, allowed=ALLOWED)
    image = _IMAGES.get(checked.extension)
    if image is not None:
        checked.content.seek(0)
        head = checked.content.read(len(image[0]))
        checked.content.seek(0)
        if head != image[0]:
            raise ValidationError(
                f"文件“{checked.name}”被拒绝：扩展名是 .{checked.extension}，"
                f"但内容不是{image[1]}，与扩展名不符。"
            )
    return checked


def check_all(files: list[Any]) -> list[ValidatedFile]:
    """Check every file first; one ValidationError listing each refused file (so nothing
    is stored unless all of them pass)."""
    good: list[ValidatedFile] = []
    errors: list[str] = []
    for f in files:
        try:
            good.append(check_file(f))
        except ValidationError as refused:
            errors.extend(refused.messages)
    if errors:
        raise ValidationError(errors)
    return good
