"""Properties: layout noise does not change the record, and no text makes parse raise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jiyao.minutes.parse import PARSER_VERSION, parse

GOLDEN = Path(__file__).parent / "golden"
EXAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
)
TEXTS = [EXAMPLE.read_text(encoding="utf-8")] + [
    p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.txt"))
]
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def without_spans(text: str) -> dict[str, Any]:
    return parse(text).to_json()


@st.composite
def noisy(draw: st.DrawFn) -> tuple[str, str]:
    """(a text, the same text with line-end spaces, ideographic spaces, CRLF, BOM,
    full-width digits and zero-width characters put in)."""
    text = draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    out = []
    for line in lines:
        if draw(st.booleans()):
            line = line + draw(st.sampled_from([" ", "\u3000", "\t", "  "]))
        if draw(st.booleans()):
            line = line.replace("   ", "\u3000\u3000")
        if draw(st.booleans()):
            line = line.translate(FULL_WIDTH_DIGITS)
        if draw(st.booleans()) and len(line) > 2:
            cut = draw(st.integers(min_value=1, max_value=len(line) - 1))
            line = line[:cut] + "\u200b" + line[cut:]
        out.append(line)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return text, bom + newline.join(out)


@given(noisy())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_spacing_full_width_forms_crlf_and_bom_do_not_change_the_record(
    pair: tuple[str, str],
) -> None:
    clean, messy = pair
    assert without_spans(messy) == without_spans(clean)


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_never_makes_parse_raise(text: str) -> None:
    record = parse(text)
    assert isinstance(record.warnings, tuple)


_PIECES = st.sampled_from(
    [
        "一、",
        "（一）",
        "1.",
        "出    席：",
        "列  席：",
        "分送：",
        "《",
        "》",
        "（送审稿）",
        "会议",
        "审议了",
        "听取了",
        "关于",
        "的汇报",
        "原则同意",
        "暂缓",
        "县长",
        "主持召开",
        "第五十三次",
        "常务会议",
        "2021年6月8日",
        "二〇二一年",
        "下午，",
        "\n",
        "\n\n",
        "，",
        "。",
        "、",
        "  ",
        "县发改局提交的",
        "应邀出席会议",
        "x月xx日",
        "〔2023〕5号",
        "印发",
        "干  焊",
    ]
)


@given(st.lists(_PIECES | st.text(max_size=5), max_size=60).map("".join))
@settings(max_examples=300, deadline=None)
def test_minutes_shaped_noise_never_makes_parse_raise(text: str) -> None:
    record = parse(text)
    for start, end in record.spans.values():
        assert 0 <= start <= end


def test_the_parser_version_is_a_nonempty_string() -> None:
    assert isinstance(PARSER_VERSION, str) and PARSER_VERSION


def test_input_that_is_not_text_is_a_parse_error_naming_the_input() -> None:
    from jiyao.minutes.errors import ParseError

    with pytest.raises(ParseError, match=r"minutes\.bin: expected text"):
        parse(b"\xff\xfe", name="minutes.bin")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "会议审议了《" + "甲" * 60 + "\n",  # an unclosed title (once exponential backtracking)
        "会议研究了" + "一" * 20_000 + "。",
        "会议听取了" + "关于甲、" * 5_000 + "的汇报。",
        "县长王明主持" * 5_000,
        "出 席：" + "干  焊   " * 5_000,
    ],
)
def test_pathological_texts_are_parsed_in_linear_time(text: str) -> None:
    # No timing assert: a regression here hangs (exponential) or crawls (quadratic).
    record = parse(text)
    assert len(record.items) <= 200


def test_a_clause_at_the_very_start_gets_no_span_from_the_end_of_the_text() -> None:
    """Found by hypothesis: 会议 looked for at offset -2 matched the text's last word."""
    text = "审议了一、。应邀出席会议"
    record = parse(text)
    assert all(0 <= start <= end <= len(text) for start, end in record.spans.values())
