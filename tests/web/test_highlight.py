"""Highlighting in search results: the query's words and phrases, never fragments."""

from __future__ import annotations

import re

from jiyao.archive.search import query_terms, snippet


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def highlight(text: str, query: str) -> list[str]:
    words, phrases = query_terms(query)
    return marked(snippet(text, phrases, words))


def test_a_phrase_is_highlighted_whole_even_when_a_lone_word_comes_first() -> None:
    text = (
        "会议听取了全县经济运行情况的汇报，要求稳住基本盘。" * 3
        + "会议强调，发展海洋经济是重点，海洋经济产业要做大，海洋经济园区要建好，海洋经济人才要引进。"
    )
    shown = highlight(text, "海洋经济")
    assert shown.count("海洋经济") == 4
    assert set(shown) <= {"海洋经济", "经济"}  # 经济 of 全县经济 is a word of the text too


def test_a_name_does_not_light_a_character_inside_another_word() -> None:
    text = "近年来，范立年同志分管农业农村工作，近年来成效明显。"
    shown = highlight(text, "范立年")
    assert shown == ["范立年"]


def test_a_department_does_not_light_a_fragment_across_words() -> None:
    text = "会议要求全县发展改革部门对照十四五规划抓好落实，全县发展大局稳定。"
    shown = highlight(text, "县发改局 十四五规划")
    assert "县发" not in shown
    assert shown == ["十四五规划"]


def test_a_word_of_the_query_is_highlighted_where_it_is_a_word_of_the_text() -> None:
    text = "会议研究了海洋产业发展情况。"
    assert highlight(text, "海洋经济") == ["海洋"]
