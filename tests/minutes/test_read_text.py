"""read_path / read_bytes on plain text: encodings, and every kind of bad input."""

from __future__ import annotations

import os
import random
from pathlib import Path

import opencc
import pytest

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read import MAX_BYTES, Source, normalize, read_bytes, read_path

MINUTES = (
    "测试县人民政府办公室　　　　2024年3月5日\n"
    "\n"
    "县政府第十二次常务会议纪要\n"
    "\n"
    "　　2024年3月1日上午，县长王明主持召开县政府第十二次常务会议。现将会议议定事项纪要如下：\n"
    "　　一、审议县财政局提交的《测试县预算绩效管理办法（送审稿）》\n"
    "　　会议原则同意该办法，要求县财政局根据会议意见修改完善后印发实施。\n"
    "　　二、听取县教育局关于秋季学期开学准备工作情况的汇报\n"
    "　　会议强调，要压实校园安全责任，确保开学平稳有序。\n"
    "\n"
    "出　席：王明　李华　张强\n"
    "列　席：县发改局、县财政局、县教育局\n"
)
# 䶮 (U+4DAE) exists in GB18030 but not in GBK: a GBK decoder loses it.
WITH_RARE = MINUTES.replace("张强", "刘䶮")
TRADITIONAL = opencc.OpenCC("s2t").convert(MINUTES)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (MINUTES, MINUTES.encode("utf-8"), "utf-8"),
        (MINUTES, MINUTES.encode("utf-8-sig"), "utf-8"),
        (MINUTES, MINUTES.encode("utf-16"), "utf-16-le"),  # BOM + little endian
        (MINUTES, b"\xfe\xff" + MINUTES.encode("utf-16-be"), "utf-16-be"),
        (MINUTES, MINUTES.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (MINUTES, MINUTES.encode("utf-16-be"), "utf-16-be"),  # no BOM
        (WITH_RARE, WITH_RARE.encode("gb18030"), "gb18030"),
        (MINUTES, MINUTES.encode("gbk"), "gb18030"),
        (MINUTES, MINUTES.encode("gb2312"), "gb18030"),
        (TRADITIONAL, TRADITIONAL.encode("big5"), "big5"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
    ],
)
def test_each_encoding_reads_back_the_same_text(
    tmp_path: Path, text: str, data: bytes, encoding: str
) -> None:
    source = read_path(write(tmp_path, "minutes.txt", data))
    assert source == Source(
        name=str(tmp_path / "minutes.txt"),
        kind="txt",
        encoding=encoding,
        original=text,
        text=normalize(text),
    )


def test_gb18030_keeps_characters_that_gbk_lacks() -> None:
    source = read_bytes(WITH_RARE.encode("gb18030"))
    assert "刘䶮" in source.text


def test_a_traditional_big5_text_is_read_as_simplified_text() -> None:
    source = read_bytes(TRADITIONAL.encode("big5"))
    assert source.original == TRADITIONAL
    assert source.text == normalize(MINUTES)


def test_a_short_gbk_text_is_not_taken_for_big5() -> None:
    assert read_bytes("会议纪要".encode("gbk")).text == "会议纪要"


def test_utf8_with_one_broken_byte_stays_utf8() -> None:
    data = MINUTES.encode() + "会".encode()[:2]  # truncated inside the last character
    source = read_bytes(data)
    assert source.encoding == "utf-8"
    assert source.original == MINUTES + "\ufffd"


def test_read_bytes_names_stdin_as_a_dash() -> None:
    source = read_bytes(MINUTES.encode())
    assert source.name == "-"
    assert source.kind == "txt"


def test_the_kind_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    source = read_path(write(tmp_path, "minutes.pdf", MINUTES.encode()))
    assert source.kind == "txt"
    assert source.text == normalize(MINUTES)


def test_nul_bytes_and_control_characters_in_a_text_are_dropped() -> None:
    data = MINUTES.replace("县长", "县\x00长").replace("会议强调", "会议\x07强调").encode()
    source = read_bytes(data, "x.txt")
    assert "\x00" in source.original
    assert source.text == normalize(MINUTES)


# --- bad input: one clear line each --------------------------------------------------


def error(path_or_data: Path | bytes, name: str = "-") -> str:
    with pytest.raises(ReadError) as caught:
        if isinstance(path_or_data, Path):
            read_path(path_or_data)
        else:
            read_bytes(path_or_data, name)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", b"")
    assert error(path) == f"{path}: 文件是空的"


def test_empty_stdin_is_refused() -> None:
    assert error(b"") == "<stdin>: 文件是空的"


def test_a_file_of_blank_space_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", " \r\n\t\u3000\n".encode())
    assert error(path) == f"{path}: 文件中没有文字"


def test_random_bytes_are_refused_as_binary(tmp_path: Path) -> None:
    path = write(tmp_path, "junk.txt", random.Random(7).randbytes(8192))
    message = error(path)
    assert message.startswith(f"{path}: 文件")
    assert "二进制数据" in message


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (b"\x7fELF\x02\x01\x01\x00", "这个文件是可执行程序（ELF），不是文档"),
        (b"\x89PNG\r\n\x1a\n", "这个文件是 PNG 图片，不是文档；请先做文字识别（OCR）"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "这个文件是 JPEG 图片，不是文档；请先做文字识别（OCR）"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "这个文件是旧版 Word .doc（Office 97–2003）或 WPS 文件，请另存为 .docx",
        ),
        (b"\x1f\x8b\x08\x00", "这个文件是 gzip 压缩包，不是文档；请先解压"),
    ],
    ids=["elf", "png", "jpeg", "doc", "gzip"],
)
def test_known_binary_formats_are_named(tmp_path: Path, head: bytes, reason: str) -> None:
    path = write(tmp_path, "minutes.txt", head + random.Random(1).randbytes(2000))
    assert error(path) == f"{path}: {reason}"


def test_many_control_characters_mean_binary_data() -> None:
    data = ("会议" + "\x01\x02\x03") * 200
    assert error(data.encode(), "ctl.txt") == "ctl.txt: 文件是二进制数据，不是文字"


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 2**20)
    assert error(path) == f"{path}: 文件大小 200.0 MB，超过 20.0 MB 的上限，拒绝读取"


def test_bytes_over_the_limit_are_refused() -> None:
    data = b"a" * (MAX_BYTES + 1)
    assert error(data) == "<stdin>: 输入超过 20.0 MB 的上限，拒绝读取"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    assert error(tmp_path) == f"{tmp_path}: 是文件夹，不是文件"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    assert error(path) == f"{path}: 找不到该文件"


def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    """Opening a pipe blocks until a writer comes (forever here: there is none)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert error(fifo) == f"{fifo}: 命名管道（FIFO），不是普通文件；数据流请用 - 从标准输入读取"


def test_a_password_protected_office_document_is_named(tmp_path: Path) -> None:
    # The start of an OLE2 container with the directory entry of an encrypted .docx.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")
    path = write(tmp_path, "locked.docx", data + bytes(1000))
    assert error(path) == f"{path}: 是加了密码的 Office 文档，请先去掉密码"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_or_any_ascii_is_still_recognised(encoding: str) -> None:
    text = "县政府第十二次常务会议纪要会议审议了县财政局提交的预算绩效管理办法原则同意"
    source = read_bytes(text.encode(encoding))
    assert (source.encoding, source.text) == (encoding, text)


@pytest.mark.parametrize("encoding", ["big5", "gb18030"])
def test_a_legacy_file_cut_in_the_middle_of_a_character_is_still_read(encoding: str) -> None:
    """Found by bench/fuzz_bench.py: the strict decode failed on the last byte, and the
    file was refused as not text."""
    text = MINUTES.rstrip() + "。县政府办公室"
    if encoding == "big5":
        text = opencc.OpenCC("s2t").convert(text)
    data = text.encode(encoding)
    source = read_bytes(data[:-1])  # the last character loses its second byte
    assert source.encoding == encoding
    assert source.text.startswith(normalize(text)[:50])
