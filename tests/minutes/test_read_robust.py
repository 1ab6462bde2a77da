"""Whatever the bytes, read_bytes returns a Source or raises a one-line ReadError."""

from __future__ import annotations

import io
from functools import cache

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read import Source, read_bytes

PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"%PDF-1.4\n",
    b"<html><body><p>",
    b'<meta charset="gbk"><p>',
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    "会议纪要".encode("gbk"),
    "会议纪要".encode("utf-16-le"),
]


@cache
def small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("会议纪要")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "出席"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def outcome(data: bytes) -> None:
    try:
        source = read_bytes(data, "input")
    except ReadError as exc:
        message = str(exc)
        assert message.startswith("input: ")
        assert "\n" not in message
    else:
        assert isinstance(source, Source)
        assert source.text.strip()


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_source_or_a_read_error(prefix: bytes, tail: bytes) -> None:
    outcome(prefix + tail)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=20))
def test_a_damaged_docx_gives_a_source_or_a_read_error(damage: list[tuple[int, int]]) -> None:
    data = bytearray(small_docx())
    for where, value in damage:
        data[where % len(data)] = value
    outcome(bytes(data))
