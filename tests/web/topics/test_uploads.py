"""jiyao.uploads: a file is accepted for what it is, not what its name claims."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jiyao.uploads import validate_all, validate_upload


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("送审稿")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 720, "draft")
    c.save()
    return out.getvalue()


def test_a_real_docx_is_accepted_with_its_hash():
    data = docx_bytes()
    checked = validate_upload(SimpleUploadedFile("规划.docx", data))
    assert checked.name == "规划.docx"
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.size == len(data)


def test_a_real_pdf_is_accepted():
    assert validate_upload(SimpleUploadedFile("方案.PDF", pdf_bytes())).extension == "pdf"


def test_a_docx_that_is_not_a_word_file_is_refused_naming_the_file():
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("伪装.docx", b"just text, not a zip"))
    assert "伪装.docx" in refused.value.messages[0]
    assert "不是 Word 文档" in refused.value.messages[0]


def test_a_zip_without_a_word_document_is_refused():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ValidationError, match=r"word/document\.xml"):
        validate_upload(SimpleUploadedFile("a.docx", out.getvalue()))


def test_a_pdf_with_a_header_but_no_body_is_refused():
    with pytest.raises(ValidationError, match="损坏"):
        validate_upload(SimpleUploadedFile("坏.pdf", b"%PDF-1.7\nnothing else"))


def test_a_file_over_the_limit_is_refused_with_its_size():
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("大.pdf", b"%PDF-" + b"0" * 2000), max_bytes=1000)
    assert "大.pdf" in refused.value.messages[0]
    assert "超过上限" in refused.value.messages[0]


@pytest.mark.parametrize("name", ["../../etc/规划.docx", "C:\\Users\\张\\规划.docx", "a/b.pdf"])
def test_a_name_with_a_directory_part_is_refused_naming_the_file(name):
    upload = io.BytesIO(docx_bytes())
    upload.name = name  # a Django UploadedFile would keep only the last part itself
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload)
    assert name in refused.value.messages[0] and "路径分隔符" in refused.value.messages[0]


def test_a_name_with_control_characters_is_refused():
    upload = SimpleUploadedFile("x.docx", docx_bytes())
    upload.name = "a\x00b.docx"
    with pytest.raises(ValidationError, match="控制字符"):
        validate_upload(upload)


def test_another_extension_is_refused():
    with pytest.raises(ValidationError, match="只接受"):
        validate_upload(SimpleUploadedFile("a.exe", b"MZ"))


def test_validate_all_lists_every_refused_file_and_returns_nothing():
    good = SimpleUploadedFile("好.docx", docx_bytes())
    bad = SimpleUploadedFile("坏.docx", b"nope")
    worse = SimpleUploadedFile("空.pdf", b"")
    with pytest.raises(ValidationError) as refused:
        validate_all([good, bad, worse])
    text = " ".join(refused.value.messages)
    assert "坏.docx" in text and "空.pdf" in text and "好.docx" not in text
