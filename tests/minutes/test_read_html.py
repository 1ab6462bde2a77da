"""read_path / read_bytes on HTML pages: the document without the page chrome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read import normalize, read_bytes, read_path, web

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_a_portal_page_keeps_title_publication_line_and_body_only() -> None:
    source = read_path(FIXTURES / "portal.html")
    assert source.kind == "html"
    assert source.encoding == "utf-8"
    assert source.original.splitlines() == [
        "测试县召开县政府第12次常务会议",
        "发布时间：2024-03-04 09:30　来源：县政府办公室",
        "3月1日上午，县长王明主持召开县政府第12次常务会议。",
        "会议审议并原则通过了县财政局提交的《测试县预算绩效管理办法》。",
        "会议要求，县财政局要做好政策解读。",
        "会议听取了县教育局关于秋季学期开学准备工作情况的汇报。",
        "出席\t王明、李华",
        "列席\t县发改局、县财政局",
    ]
    assert source.text == normalize(source.original)


def test_a_page_keeps_its_title_and_site_name_apart_from_its_text() -> None:
    page = (
        "<html><head><title> 县政府召开常务会议_\n 枫岭县人民政府 </title>"
        '<meta property="og:site_name" content="枫岭县人民政府网"></head>'
        "<body><h1>县政府召开常务会议</h1><p>会议研究了三项工作。</p></body></html>"
    )
    source = read_bytes(page.encode(), name="p.html")
    assert (source.page_title, source.site_name) == (
        "县政府召开常务会议_ 枫岭县人民政府",
        "枫岭县人民政府网",
    )
    assert "枫岭" not in source.text


def test_a_plain_text_and_a_page_without_title_have_no_page_metadata() -> None:
    assert read_bytes("会议研究了三项工作。".encode()).page_title is None
    source = read_bytes(b"<html><body><p>\xe4\xbc\x9a\xe8\xae\xae</p></body></html>")
    assert (source.kind, source.page_title, source.site_name) == ("html", None, None)


# A table-layout page of the GB2312 era: declared gb2312, really GBK (喆 and — are not
# in GB2312), CRLF line ends, a left menu with link lists, the title in an <h2>.
GBK_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>测试县人民政府 - 常务会议</title>
<script type="text/javascript">function zoom(n){}</script>
</head><body>
<table width="1000"><tr>
<td class="leftbar"><div>政府会议</div><ul>
<li><a href="a.html">常务会议</a></li><li><a href="b.html">全体会议</a></li>
<li><a href="c.html">《测试县十四五规划纲要》解读</a></li></ul></td>
<td>
<div class="position">您现在的位置：<a href="/">首页</a> &gt;&gt; 常务会议</div>
<h2>县政府召开第十四次常务会议</h2>
<div>作者：县政府办　　来源：本站原创　　更新时间：2024-5-8　　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div><p>　　2024年5月7日上午，县长陶明主持召开会议。</p>
<p>　　会议听取了县财政局关于1—4月财政收支情况的汇报。县领导汪思喆出席会议。</p></div>
<div>【<a href="javascript:print()">打印本页</a>】　【<a href="javascript:close()">关闭窗口</a>】</div>
<div>上一篇：<a href="13.html">县政府召开第十三次常务会议</a><br />下一篇：<a href="15.html">县政府召开廉政工作会议</a></div>
</td></tr></table>
<div class="bottom">版权所有：测试县人民政府　技术支持：测试县信息中心</div>
</body></html>
""".replace("\n", "\r\n")

GBK_LINES = [
    "县政府召开第十四次常务会议",
    "作者：县政府办　　来源：本站原创　　更新时间：2024-5-8",
    "2024年5月7日上午，县长陶明主持召开会议。",
    "会议听取了县财政局关于1—4月财政收支情况的汇报。县领导汪思喆出席会议。",
]


def test_a_page_declared_gb2312_is_decoded_as_gb18030() -> None:
    source = read_bytes(GBK_PAGE.encode("gbk"), "page.html")
    assert source.encoding == "gb18030"
    assert source.original.splitlines() == GBK_LINES


def test_a_gbk_page_that_claims_utf8_is_still_decoded() -> None:
    page = GBK_PAGE.replace("charset=gb2312", "charset=utf-8")
    source = read_bytes(page.encode("gbk"), "page.html")
    assert source.encoding == "gb18030"
    assert source.original.splitlines() == GBK_LINES


def test_a_utf8_page_that_claims_gb2312_is_read_as_utf8() -> None:
    source = read_bytes(GBK_PAGE.encode("utf-8"), "page.html")
    assert source.encoding == "utf-8"
    assert source.original.splitlines() == GBK_LINES


def test_a_utf16_page_is_recognised_as_html() -> None:
    source = read_bytes(GBK_PAGE.encode("utf-16"), "page.html")
    assert source.kind == "html"
    assert source.original.splitlines() == GBK_LINES


def test_huge_scripts_are_dropped() -> None:
    script = "<script>" + "var s = '会议审议了脚本';\n" * 50_000 + "</script>"
    page = f"<html><head>{script}</head><body>{script}<p>会议纪要正文。</p>{script}</body></html>"
    assert read_bytes(page.encode()).original == "会议纪要正文。\n"


def test_a_page_of_scripts_only_has_no_text() -> None:
    page = "<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>"
    with pytest.raises(ReadError) as caught:
        read_bytes(page.encode(), "empty.html")
    assert str(caught.value) == "empty.html: 网页中没有文字（只有标记或脚本）"


def test_a_page_without_heading_or_date_takes_them_from_its_head() -> None:
    page = (
        '<html><head><meta name="PubDate" content="2023-08-23">'
        "<title>县政府召开第30次常务会议_政务要闻_测试县</title></head>"
        "<body><div><p>8月22日下午，县长主持召开会议。</p></div></body></html>"
    )
    assert read_bytes(page.encode()).original.splitlines() == [
        "县政府召开第30次常务会议",
        "发布时间：2023-08-23",
        "8月22日下午，县长主持召开会议。",
    ]


def test_deeply_nested_markup_does_not_overflow_the_stack() -> None:
    page = "<html><body>" + "<div>" * 5000 + "<p>会议纪要正文。</p>" + "</div>" * 5000
    assert read_bytes(page.encode()).original == "会议纪要正文。\n"


def test_an_html_file_is_read_as_a_page_even_without_a_doctype(tmp_path: Path) -> None:
    path = tmp_path / "minutes.htm"
    path.write_text("会议纪要\n<p>第一段。</p><p>第二段。</p>", encoding="utf-8")
    source = read_path(path)
    assert source.kind == "html"
    assert source.original.splitlines() == ["会议纪要", "第一段。", "第二段。"]


def test_a_table_cell_keeps_inline_markup_whole_and_joins_its_paragraphs() -> None:
    page = (
        "<html><body><table>"
        "<tr><td><p>出　席</p></td><td><p>王明、<b>李华</b></p><p>张强</p></td></tr>"
        "<tr><td>列席</td><td>县财政局<br>县发改局</td></tr>"
        "</table></body></html>"
    )
    assert read_bytes(page.encode()).original.splitlines() == [
        "出　席\t王明、李华 张强",
        "列席\t县财政局 县发改局",
    ]


def test_a_chrome_sounding_class_on_the_article_itself_does_not_drop_it() -> None:
    page = (
        "<html><body><div class='nav'><a href='/'>首页</a></div>"
        "<div class='side-content print-area'><h1>县政府召开常务会议</h1>"
        "<p>会议审议了县财政局提交的方案。</p><p>会议原则同意该方案。</p></div></body></html>"
    )
    assert read_bytes(page.encode()).original.splitlines() == [
        "县政府召开常务会议",
        "会议审议了县财政局提交的方案。",
        "会议原则同意该方案。",
    ]


def test_a_tab_pane_hidden_behind_the_shown_one_is_dropped() -> None:
    page = (
        "<html><body><h1>县政府召开常务会议</h1>"
        "<ul class='tab-nav'><li class='on'>会议报道</li><li>要点速览</li></ul>"
        "<div class='tab-pane on'><p>会议审议了县财政局提交的方案，原则同意。</p></div>"
        "<div class='tab-pane'><ol><li>1. 审议县财政局提交的方案。</li></ol></div>"
        "</body></html>"
    )
    assert read_bytes(page.encode()).original.splitlines() == [
        "县政府召开常务会议",
        "会议审议了县财政局提交的方案，原则同意。",
    ]


def test_a_paragraph_linking_the_documents_it_cites_is_kept() -> None:
    page = (
        "<html><body><ul class='menu'><li><a href='/'>首页</a></li><li><a href='/a'>公开</a></li></ul>"
        "<div class='article'><h1>县政府召开常务会议</h1>"
        "<p>3月1日，县长王明主持召开县政府常务会议。会议听取了县教育局关于秋季开学准备工作的汇报。</p>"
        "<div><p>会议审议了<a href='/1'>《测试县预算绩效管理办法》</a>和"
        "<a href='/2'>《测试县政府投资项目管理办法》</a>。</p></div>"
        "<p>分享到：<a href='#'>微信</a> <a href='#'>微博</a></p></div></body></html>"
    )
    assert read_bytes(page.encode()).original.splitlines() == [
        "县政府召开常务会议",
        "3月1日，县长王明主持召开县政府常务会议。会议听取了县教育局关于秋季开学准备工作的汇报。",
        "会议审议了《测试县预算绩效管理办法》和《测试县政府投资项目管理办法》。",
    ]


def test_preformatted_text_keeps_its_line_breaks_and_spacing() -> None:
    page = "<html><body><pre>县政府常务会议纪要\n\n出    席：王明  李华\n列    席：张强</pre></body></html>"
    assert read_bytes(page.encode()).original.splitlines() == [
        "县政府常务会议纪要",
        "出    席：王明  李华",
        "列    席：张强",
    ]


def test_a_logo_heading_bracketed_page_turns_and_editor_lines_are_chrome() -> None:
    page = (
        "<html><body><div class='top'><h1><a href='/'>测试县人民政府</a></h1></div>"
        "<div class='box'><h2>县政府召开常务会议</h2>"
        "<p>会议审议了县财政局提交的方案，原则同意。</p>"
        "<p>【责任编辑：周平】</p><p>编辑：李华</p>"
        "<p>【上一篇】<a href='/1'>县政府召开第十一次常务会议</a></p></div></body></html>"
    )
    assert read_bytes(page.encode()).original.splitlines() == [
        "县政府召开常务会议",
        "会议审议了县财政局提交的方案，原则同意。",
    ]


def test_a_page_with_too_many_tags_is_refused_quickly() -> None:
    page = "<html><body>" + "<p>会议</p>" * 150_000 + "</body></html>"
    with pytest.raises(ReadError) as caught:
        read_bytes(page.encode(), "huge.html")
    assert str(caught.value) == "huge.html: 网页有 300,004 个标签，超过 200,000 个的上限，拒绝读取"


# The chrome patterns as they were before they were made linear: the reference.
_OLD_INLINE_CHROME = re.compile(
    r"【?\s*[\[［]?\s*字[体號号]\s*[:：]?\s*[\[［]?\s*大\s*[\]］]?\s*[\[［]?\s*中\s*[\]］]?\s*[\[［]?\s*小\s*[\]］]?\s*】?"
    r"|【?\s*(?:打印本页|打印|关闭窗口|收藏本页|加入收藏)\s*】?"
    r"|(?:浏览次数|点击数|阅读次数|访问量|浏览量|阅读量)\s*[:：]\s*\d*"
)
_OLD_WIDGET_LINE = re.compile(
    r"^(?:【?\s*(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部)\s*】?\s*)+$"
)
_WIDGET_TEXT = st.text(
    alphabet=st.sampled_from(list("【】[［]］字体号:大中小打印关闭收藏 \u3000x")), max_size=24
)


@given(_WIDGET_TEXT)
def test_inline_widgets_are_cut_as_the_quadratic_pattern_cut_them(line: str) -> None:
    assert web._INLINE_CHROME.sub("", line) == _OLD_INLINE_CHROME.sub("", line)


@given(_WIDGET_TEXT)
def test_widget_lines_are_found_as_the_cubic_pattern_found_them(line: str) -> None:
    new = re.compile(web._WIDGET_LINE)
    assert (new.search(line) is None) == (_OLD_WIDGET_LINE.search(line) is None)


def test_nesting_past_the_depth_limit_keeps_all_the_text() -> None:
    depth = web.MAX_DEPTH * 3
    html = "<html><body>" + "".join(f"<div><p>第{i}段。" for i in range(depth))
    html += "</p></div>" * depth + "<p>完</p></body></html>"
    text = web.html_to_text(html, "deep.html")
    assert text.split("\n")[:-1] == [f"第{i}段。" for i in range(depth)] + ["完"]
