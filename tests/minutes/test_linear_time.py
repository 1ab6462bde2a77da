"""Reading is linear in the size of the input: inputs that took minutes finish at once.

Each input is about 1 MB, built so that the quadratic code it guards against needed
minutes (runs of spaces beside a line ending in a space: 404 s; nested lists: 131 s …);
the hang guard fails the test after 20 s instead of waiting, and the output is checked.
"""

from __future__ import annotations

import pytest
from hang_guard import hang_guard

from jiyao.minutes.read import normalize
from jiyao.minutes.read.web import html_to_text

MB = 1_000_000


@pytest.mark.parametrize("space", [" ", "\t", "\u3000"])
def test_long_runs_of_spaces_normalize_in_linear_time(space: str) -> None:
    text = ("甲" + space * 5000 + "乙 \n") * (MB // 5000)
    with hang_guard():
        out = normalize(text)
    assert out == ("甲" + " " * 5000 + "乙\n") * (MB // 5000)


def test_one_huge_run_of_spaces_normalizes_in_linear_time() -> None:
    text = "甲 \n乙" + " " * MB + "丙"
    with hang_guard():
        assert normalize(text) == text.replace(" \n", "\n")


def test_a_long_unclosed_pinyin_gloss_normalizes_in_linear_time() -> None:
    text = "会议(" + "ā" * (MB // 10) + " 县(huì)长"
    with hang_guard():
        assert normalize(text) == "会议(" + "ā" * (MB // 10) + " 县长"


def test_deeply_nested_lists_read_in_linear_time() -> None:
    depth = 40_000
    html = (
        "<html><body>" + "<ul><li>" * depth + "会议纪要。" + "</li></ul>" * depth + "</body></html>"
    )
    with hang_guard():
        assert html_to_text(html, "nested.html") == "会议纪要。\n"


def test_deeply_nested_divs_with_text_read_in_linear_time() -> None:
    depth = 40_000
    html = "<html><body>" + "<div>第" * depth + "</div>" * depth + "</body></html>"
    with hang_guard():
        assert html_to_text(html, "nested.html").count("第") == depth


def test_a_line_of_ideographic_spaces_in_a_page_reads_in_linear_time() -> None:
    html = "<html><body><p>字号" + "\u3000" * 100_000 + "会议纪要。</p></body></html>"
    with hang_guard():
        out = html_to_text(html, "spaces.html")
    assert out.endswith("会议纪要。\n")
