"""The HTML page: complete, self-contained, escaped, with the print geometry in its stylesheet."""

from __future__ import annotations

import re

from compose_records import xiangshan
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from jiyao.minutes.compose import Letterhead, compose_html
from jiyao.minutes.record import Attendance, Item, Record


def test_the_page_carries_every_block_of_the_minutes_in_order() -> None:
    page = compose_html(xiangshan(), letterhead=Letterhead.for_series(xiangshan()))
    tree = HTMLParser(page)
    sheet = tree.css_first("article.sheet")
    assert sheet is not None
    texts = [node.text() for node in sheet.iter()]
    assert texts[0] == "象山县人民政府常务会议纪要"
    assert "第53期" in texts
    assert tree.css_first("h1").text() == "县政府第五十三次常务会议纪要"
    headings = [h.text() for h in tree.css("h2")]
    assert len(headings) == 9
    assert headings[0] == "一、传达学习中共中央政治局会议精神"
    assert headings[8].startswith("九、审议并原则同意")
    labels = [s.text() for s in tree.css(".attendance .label")]
    assert labels == [
        "出\u3000\u3000席：",
        "请\u3000\u3000假：",
        "应邀出席：",
        "列\u3000\u3000席：",
    ]
    end = tree.css_first("footer.end-block").text()
    assert "分送：县委各部门，" in end and "2021年6月21日印发" in end


def test_the_stylesheet_prints_the_standard_page() -> None:
    page = compose_html(xiangshan())
    assert "size: A4; margin: 37.0mm 26.0mm 35.0mm 28.0mm" in page
    assert re.search(r'@page :right \{ @bottom-right \{ content: "— " counter\(page\) " —"', page)
    assert re.search(r'@page :left \{ @bottom-left \{ content: "— " counter\(page\) " —"', page)
    assert '"仿宋_GB2312"' in page and '"方正小标宋简体"' in page and '"黑体"' in page
    assert "<script" not in page and "http" not in page.split("<body>")[1]


def test_record_text_is_escaped() -> None:
    record = Record(
        title="<script>alert(1)</script>纪要",
        items=(Item(number=1, heading="审议<b>方案</b>", text="会议同意 & 要求"),),
        attendance=Attendance(present=("<img src=x>",)),
    )
    page = compose_html(record, letterhead=Letterhead(masthead="会议纪要"))
    assert "<script>alert" not in page and "<img src=x>" not in page
    tree = HTMLParser(page)
    assert tree.css_first("h1").text() == "<script>alert(1)</script>纪要"
    assert "&lt;b&gt;方案&lt;/b&gt;" in page
    assert not tree.css("article script, article img, article b")


def test_a_record_without_parts_leaves_their_blocks_out() -> None:
    page = compose_html(Record(title="县政府第一次常务会议纪要"))
    tree = HTMLParser(page)
    assert tree.css_first(".masthead").text() == "县政府第一次常务会议纪要"
    assert not tree.css(".attendance") and not tree.css("footer.end-block") and not tree.css("h2")


def test_by_default_the_title_is_the_masthead() -> None:
    tree = HTMLParser(compose_html(xiangshan()))
    assert tree.css_first(".masthead").text() == "县政府第五十三次常务会议纪要"
    assert tree.css_first("h1") is None


def test_runs_in_another_face_are_marked() -> None:
    item = Item(
        number=1,
        heading="传达学习全省大会精神。会议强调，要抓好落实。",
        text="（一）关于预算调整。会议同意调整方案。",
    )
    tree = HTMLParser(compose_html(Record(title="纪要", items=(item,))))
    assert tree.css_first("h2").text() == "一、传达学习全省大会精神。会议强调，要抓好落实。"
    assert tree.css_first("h2 span.body").text() == "会议强调，要抓好落实。"
    assert tree.css_first("p span.kai").text() == "（一）关于预算调整。"


def test_each_name_is_one_unbreakable_span() -> None:
    tree = HTMLParser(compose_html(xiangshan()))
    observers = tree.css(".attendance p")[-1]
    names = [span.text() for span in observers.css("span.name")]
    assert len(names) == 24
    assert names[0] == "李达飞\u3000" and names[11] == "干\u3000焊\u3000" and names[-1] == "陈福东"
    assert "white-space: nowrap" in compose_html(xiangshan())


def test_the_masthead_sits_35_mm_into_the_printed_text_block() -> None:
    page = compose_html(xiangshan())
    print_rules = page.split("@media print")[1]
    assert ".masthead { margin-top: 0; padding-top: 35.0mm; }" in print_rules
