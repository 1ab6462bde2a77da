"""Fuzzing in the suite: mutated minutes through read, parse and compose.

Seeds are the project's own generated minutes and the bundled example; hypothesis
mutates their bytes (flips, cuts, repeats, inserted control characters, runs of
spaces, open pinyin glosses, HTML tags), re-encodes them and sometimes wraps them in an
HTML page or a .docx. Whatever comes in, the core raises nothing but its own
documented errors (MinutesError: ReadError, ParseError, ComposeError), every span
stays inside the text it indexes, and a parsed record composes. The bigger run is
bench/fuzz_bench.py (10,000 documents, slow inputs, time against size).
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiyao.minutes.compose import compose_docx, compose_html, compose_text
from jiyao.minutes.errors import MinutesError
from jiyao.minutes.generate import generate_corpus
from jiyao.minutes.parse import parse
from jiyao.minutes.read import read_bytes

EXAMPLE = Path(__file__).resolve().parents[2] / "src/jiyao/examples/xiangshan-2021-53.txt"


@lru_cache(maxsize=1)
def seeds() -> tuple[bytes, ...]:
    texts = [text for text, _record in generate_corpus(12, seed=5)]
    texts.append(EXAMPLE.read_text(encoding="utf-8"))
    return tuple(t.encode("utf-8") for t in texts)


_PIECES = [
    b"\x00",
    b"\x1b[31m",
    b"\x7f",
    b"\r",
    b"\x0b\x0c",
    b" \n",
    ("\u3000" * 300).encode(),
    (" " * 300 + " \n").encode(),
    ("\t" * 200).encode(),
    "县(āāāāāāāāāāāāāāā".encode(),
    "会（huì）议".encode(),
    b"<div><ul><li>",
    b"</li></ul></div>",
    "一、".encode(),
    "（一）".encode(),
    "出席：".encode(),
    "分送：".encode(),
    "，".encode() * 50,
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    "會議縣長".encode(),
]


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds())))
    for _ in range(draw(st.integers(0, 5))):
        op = draw(st.sampled_from(["flip", "cut", "repeat", "insert"]))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            data[min(at, len(data) - 1)] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            data = data[:at] if draw(st.booleans()) else data[at:]
        elif op == "repeat":
            end = min(len(data), at + draw(st.integers(1, 400)))
            data[at:at] = data[at:end] * draw(st.integers(1, 20))
        else:
            data[at:at] = draw(st.sampled_from(_PIECES)) * draw(st.integers(1, 30))
    text = bytes(data).decode("utf-8", errors="replace")
    encoding = draw(st.sampled_from(["utf-8", "gb18030", "utf-16", "big5", "keep"]))
    raw = bytes(data) if encoding == "keep" else text.encode(encoding, errors="replace")
    wrap = draw(st.sampled_from(["none", "none", "html", "docx"]))
    if wrap == "html":
        body = "".join(f"<p>{line}</p>" for line in text.split("\n"))
        raw = f"<html><head><title>纪要</title></head><body>{body}</body></html>".encode()
    elif wrap == "docx":
        document = docx.Document()
        for line in text.split("\n"):
            document.add_paragraph("".join(c for c in line if c >= " " or c == "\t"))
        out = io.BytesIO()
        document.save(out)
        raw = out.getvalue()
    return raw


@given(documents())
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_mutated_minutes_raise_only_the_projects_errors_and_spans_stay_in_the_text(
    data: bytes,
) -> None:
    try:
        source = read_bytes(data, name="fuzz")
    except MinutesError:
        return
    record = parse(source.text, name="fuzz")
    for path, (start, end) in record.spans.items():
        assert 0 <= start <= end <= len(source.text), path
    try:
        assert isinstance(compose_text(record), str)
        assert compose_html(record).startswith("<!DOCTYPE html>")
        assert compose_docx(record)[:2] == b"PK"
    except MinutesError:
        pass
