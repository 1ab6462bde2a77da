"""HTML pages → the text of the document they publish, without the page chrome.

Government portals wrap the minutes (or the news report of a meeting) in menus,
breadcrumbs, share links, "字体：大 中 小", "打印本页", 上一篇/下一篇 and related-article
lists. The parser must see only the document: its heading, the publication line
(发布时间/来源, needed to infer a year the text omits) and the body, with paragraph breaks.

How: bound the nesting depth (a linear pre-pass: HTML parsers take quadratic time on
deep nesting), parse with selectolax (lexbor); one pass computes, for every element, how much of
its text is link text. Rendering then walks the tree (iteratively: deep nesting must not
blow the stack), skipping non-content elements (script, style, nav, forms …), elements
whose class/id names chrome (nav, menu, crumb, share, footer, related …), tab panes
hidden behind a shown sibling pane, and containers whose text is mostly links (menus,
link lists); an element holding most of the page's own text is never dropped by its
name. Block elements and <br> end lines; a
table row whose cells hold only inline content becomes one line, cells separated by a
tab. Finally line patterns drop what survives of the chrome (当前位置…, 上一篇…, 版权所有…)
and cut inline widgets out of kept lines (the 字体 and 打印 controls of an info line).
When no heading or publication date remains, the page's <meta>/<title> supply them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jiyao.minutes.errors import ReadError
from jiyao.minutes.read.encoding import decode

if TYPE_CHECKING:
    # Imported where a page is parsed: a plain text never needs the HTML parser.
    from selectolax.lexbor import LexborHTMLParser

Node = Any  # selectolax.lexbor.LexborNode (the package ships no stubs)

_SKIP = frozenset(
    [
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "form",
        "select",
        "button",
        "input",
        "textarea",
        "option",
        "nav",
        "footer",
        "audio",
        "video",
        "map",
        "area",
        "img",
    ]
)
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "ul",
        "body",
        "html",
    ]
)
_CONTAINERS = frozenset(
    "div td th ul ol dl aside section table tbody tr header footer center".split()  # noqa: SIM905
)
_INLINE_CONTAINERS = frozenset(["p", "li", "dd", "dt", "span"])
_ROW_BLOCKERS = "table, div, ul, ol, h1, h2, h3, h4, h5, h6, article, section"
_CHROME_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|menus|crumb|crumbs|breadcrumb|breadcrumbs|position|"
    r"location|share|bdshare|footer|foot|copyright|related|relate|prenext|pre-next|"
    r"pagenav|sidebar|side|toolbar|tools|search|login|logo|banner|topbar|top-bar|"
    r"friendlink|links|ad|ads|advert|qrcode|ewm|hidden|hide|d-none|sr-only|visually-hidden)"
    r"(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_TAB_PANE = re.compile(r"tab[-_]?(?:pane|panel|con|cont|content|box|item|body)\d*")
_ACTIVE = frozenset({"on", "active", "show", "current", "in", "selected", "cur"})
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)

_WIDGET = "(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部)"
# A line of widgets only. Never two \s* side by side (only optional parts between them):
# a run of spaces could then be split between them in every way (cubic time).
_WIDGET_LINE = rf"^【?\s*{_WIDGET}(?:\s*(?:】\s*)?(?:【\s*)?{_WIDGET})*\s*(?:】\s*)?$"
# Whole lines that are chrome.
_CHROME_LINE = re.compile(
    r"^[【\[［]?\s*(?:(?:当前|您现在的|您的|所在)位置|上一篇|下一篇|上一条|下一条"
    r"|相关(?:文章|链接|阅读|新闻|信息|附件)|推荐阅读|热点专题|分享到|分享[:：]|扫一扫|版权所有"
    r"|主办(?:单位)?[:：]|承办(?:单位)?[:：]|技术支持|网站地图|联系我们|关于本网"
    r"|(?:责任)?编辑[:：]|审核[:：]|校对[:：]|[初复终]审[:：])"
    r"|版权所有|ICP备|网站标识码|公网安备"
    "|" + _WIDGET_LINE
)
# Widgets inside a kept line (the info line under a title).
# Linear time: a match starts at a bracket, at the widget's first character or at the
# first space of a run (the lookbehind), and no two \s* are side by side.
_LEAD = r"(?:【\s*|(?<!\s)\s+)?"
_INLINE_CHROME = re.compile(
    _LEAD + r"(?:[\[［]\s*)?字[体號号]\s*(?:[:：]\s*)?(?:[\[［]\s*)?大\s*(?:[\]］]\s*)?"
    r"(?:[\[［]\s*)?中\s*(?:[\]］]\s*)?(?:[\[［]\s*)?小\s*(?:[\]］]\s*)?】?"
    "|" + _LEAD + r"(?:打印本页|打印|关闭窗口|收藏本页|加入收藏)\s*】?"
    r"|(?:浏览次数|点击数|阅读次数|访问量|浏览量|阅读量)\s*[:：]\s*\d*"
)
_DATE_LINE = re.compile(r"(?:发布|更新|成文|印发)(?:时间|日期)|日期[:：]|\d{4}[-年/.]\d{1,2}")
_HEADING_TAGS = ("h1", "h2")
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (``<meta charset>``), if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def looks_like_html(head: str) -> bool:
    """True when the start of a decoded text is an HTML document."""
    start = head[:1024].lstrip("\ufeff \t\r\n")
    if not start.startswith("<"):
        return False
    start = start.lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in head[:4096].lower():
        return True
    return start.startswith("<") and any(t in start for t in ("<head", "<body", "<meta "))


@dataclass
class _Weights:
    """Per element (by mem_id): visible text length, the part inside links, link count,
    full stops (。) outside links; the rows holding a block; the parents of a shown tab
    pane. Everything the chrome rules ask about a subtree, computed in one pass, so that
    no rule walks a subtree again (which made deep nesting quadratic)."""

    total: dict[int, int] = field(default_factory=dict)
    link: dict[int, int] = field(default_factory=dict)
    anchors: dict[int, int] = field(default_factory=dict)
    prose_stops: dict[int, int] = field(default_factory=dict)
    has_block: set[int] = field(default_factory=set)
    shown_tab: dict[int, bool] = field(default_factory=dict)


_BLOCKERS = frozenset(t.strip() for t in _ROW_BLOCKERS.split(","))


def _link_weights(root: Node) -> _Weights:
    """One bottom-up pass (reversed pre-order: children before their parent)."""
    w = _Weights()
    total, link, anchors, stops = w.total, w.link, w.anchors, w.prose_stops
    has_block = w.has_block
    for node in reversed(list(root.traverse(include_text=True))):
        key = node.mem_id
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            total[key] = len("".join(text.split()))
            stops[key] = text.count("。")
        elif tag in _SKIP:
            total[key] = link[key] = anchors[key] = stops[key] = 0
        elif tag == "a":
            link[key] = total.get(key, 0)
            anchors[key] = anchors.get(key, 0) + 1
            stops[key] = 0
        parent = node.parent
        if parent is None:
            continue
        pkey = parent.mem_id
        total[pkey] = total.get(pkey, 0) + total.get(key, 0)
        link[pkey] = link.get(pkey, 0) + link.get(key, 0)
        anchors[pkey] = anchors.get(pkey, 0) + anchors.get(key, 0)
        stops[pkey] = stops.get(pkey, 0) + stops.get(key, 0)
        if tag in _BLOCKERS or key in has_block:
            has_block.add(pkey)
    return w


def _is_chrome_element(node: Node, weights: _Weights, page_text: int) -> bool:
    tag = node.tag
    if tag in _SKIP:
        return True
    key = node.mem_id
    size = weights.total.get(key, 0)
    linked = weights.link.get(key, 0)
    # Every rule below is a guess; an element holding most of the page's own (non-link)
    # text is the document, whatever its class or its links say.
    if size - linked > 0.5 * page_text:
        return False
    attrs = node.attributes
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    name = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".strip()
    if name and _CHROME_NAME.search(name):
        return True
    if _is_inactive_tab(node, weights.shown_tab):
        return True
    if tag in _HEADINGS and size and linked == size:
        return True  # a heading that is all link: the site's logo or a section link
    if size and weights.anchors.get(key, 0) >= 2:
        # Menus, link lists, share bars: several links and little else. Prose may link
        # the titles it cites, so a sentence end (。) outside the links keeps it, and a
        # paragraph must be nearly all links to go.
        # (prose_stops: full stops outside links)
        if tag in _CONTAINERS and linked > 0.5 * size:
            return not weights.prose_stops.get(key, 0)
        if tag in _INLINE_CONTAINERS and linked >= 0.9 * size:
            return not weights.prose_stops.get(key, 0)
    return False


def _tab_state(node: Node) -> bool | None:
    """None if ``node`` is no tab pane, else whether it is the pane shown."""
    classes = (node.attributes.get("class") or "").lower().split()
    if not any(_TAB_PANE.fullmatch(c) for c in classes):
        return None
    return any(c in _ACTIVE for c in classes)


def _is_inactive_tab(node: Node, shown: dict[int, bool]) -> bool:
    """A tab pane not shown while a sibling pane is: the page hides it (a second view of
    the same content, e.g. an outline of the items next to the report). ``shown`` caches
    per parent whether a child pane is shown (thousands of sibling panes: one look each)."""
    if _tab_state(node) is not False:
        return False
    parent = node.parent
    if parent is None:
        return False
    key = parent.mem_id
    if key not in shown:
        shown[key] = any(_tab_state(sibling) for sibling in parent.iter())
    return shown[key]


def _row_line(row: Node, weights: _Weights) -> str | None:
    """A table row as one line (cells joined by a tab), or None for a layout row."""
    if row.mem_id in weights.has_block:
        return None
    cells = [c for c in row.iter() if c.tag in ("td", "th")]
    texts = [" ".join(_render_inline(c).split("\n")).strip(" \t\u3000\xa0") for c in cells]
    return "\t".join(t for t in texts if t)


def _render_inline(cell: Node) -> str:
    """The text of a table cell: inline text joined as is, block and <br> bounds as breaks."""
    parts: list[str] = []
    stack: list[Node] = [cell]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == "-text":
            parts.append(_HTML_SPACE.sub(" ", node.text_content or ""))
        elif tag == "br" or (tag in _BLOCK and node is not cell):
            parts.append("\n")
        if tag == "-text" or tag in _SKIP or tag.startswith("-"):
            continue
        stack.extend(reversed(list(node.iter(include_text=True))))
    return "".join(parts)


def _render(root: Node) -> list[str]:
    weights = _link_weights(root)
    page_text = weights.total.get(root.mem_id, 0) - weights.link.get(root.mem_id, 0)
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = "".join(parts).strip(" \t\u3000\xa0")
        parts.clear()
        if line:
            lines.append(line)

    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag in _BLOCK:
                flush()
            continue
        if tag == "-text":
            parts.append(_HTML_SPACE.sub(" ", node.text_content or ""))
            continue
        if tag == "br":
            flush()
            continue
        if tag.startswith("-") or _is_chrome_element(node, weights, page_text):
            continue
        if tag == "pre":  # preformatted text keeps its own line breaks
            flush()
            lines.extend(line.rstrip() for line in node.text(deep=True).splitlines())
            continue
        if tag == "tr":
            row = _row_line(node, weights)
            if row is not None:
                flush()
                lines.append(row)
                continue
        if tag in _BLOCK:
            flush()
        stack.append((node, True))
        children = list(node.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))
    flush()
    return lines


def _clean(lines: list[str]) -> list[str]:
    kept = []
    for line in lines:
        if _CHROME_LINE.search(line):
            continue
        line = _INLINE_CHROME.sub("", line).strip(" \t\u3000\xa0")
        if line:
            kept.append(line)
    return kept


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[name="{name}"], meta[property="{name}"]')
        if node is not None:
            content = (node.attributes.get("content") or "").strip()
            if content:
                return content
    return None


#: Most tags a page may have. Portal pages have a few thousand; the tree walk costs
#: about 7 µs a node, so 200,000 tags (~1.5 s) bound the time and memory of any page.
MAX_TAGS = 200_000


def _check_size(html: str, name: str) -> str:
    """``html`` with its nesting bounded (see :func:`bound_depth`); ReadError past
    MAX_TAGS tags."""
    if html.count("<") <= MAX_DEPTH:
        return html
    tags, bounded = bound_depth(html)
    if tags > MAX_TAGS:
        raise ReadError(f"{name}: 网页有 {tags:,} 个标签，超过 {MAX_TAGS:,} 个的上限，拒绝读取")
    return bounded


#: Deepest nesting of elements kept. HTML parsers walk the stack of open elements for
#: many tags (a block start looks for an open <p>, <li> for an open <li>, an end tag for
#: its element), so n elements nested n deep cost n² (40,000 nested lists: 12 s in
#: lexbor alone). Real pages nest a few dozen deep.
MAX_DEPTH = 256
_TAG = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9:-]*)|!--)")  # one literal prefix: fast scan
# Elements that never nest in the tree the parser builds: void ones, and those a sibling
# (or their container's end) closes.
_FLAT = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "basefont",
        "bgsound",
        "frame",
        "keygen",
        "p",
        "li",
        "dd",
        "dt",
        "option",
        "optgroup",
        "rb",
        "rp",
        "rt",
        "rtc",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "colgroup",
        "caption",
        "html",
        "head",
        "body",
    ]
)
_RAW_TEXT = frozenset(
    ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]
)


def bound_depth(html: str) -> tuple[int, str]:
    """``(tags, html)``: the number of tags (outside comments and raw text such as
    scripts) and the page without the start tags that would nest deeper than
    :data:`MAX_DEPTH` (their text stays; their end tags are ignored as stray ones).

    One pass in linear time, over an approximation of the parser's stack: elements that
    never nest are not counted, an end tag closes up to its element when one is open.
    """
    stack: list[str] = []
    open_names: dict[str, int] = {}
    dropped: list[tuple[int, int]] = []
    tags = 0
    skip = 0  # inside a comment, raw text or a dropped tag up to here
    gt = -1  # the last ">" found
    for m in _TAG.finditer(html):
        start = m.start()
        if start < skip:
            continue
        name = m.group(2)
        if name is None:  # a comment
            end = html.find("-->", m.end())
            if end < 0:
                break
            skip = end + 3
            continue
        tags += 1
        name = name.lower()
        if m.group(1):  # an end tag
            if open_names.get(name):
                while stack:
                    top = stack.pop()
                    open_names[top] -= 1
                    if top == name:
                        break
            continue
        if name in _FLAT:
            continue
        if name in _RAW_TEXT:
            close = re.compile(f"</{name}", re.IGNORECASE).search(html, m.end())
            if close is None:
                break
            skip = close.start()
            continue
        if len(stack) >= MAX_DEPTH:
            if gt < m.end():
                gt = html.find(">", m.end())
                if gt < 0:
                    break
            dropped.append((start, gt + 1))
            skip = gt + 1
            continue
        stack.append(name)
        open_names[name] = open_names.get(name, 0) + 1
    if not dropped:
        return tags, html
    parts = []
    last = 0
    for start, end in dropped:
        parts.append(html[last:start])
        last = end
    parts.append(html[last:])
    return tags, "".join(parts)


@dataclass(frozen=True)
class WebPage:
    """A page read: its document ``text``, its <title> and the site's name (None when the
    page has none), kept apart from the text (see :class:`~jiyao.minutes.read.Source`)."""

    text: str
    title: str | None = None
    site_name: str | None = None


#: Longest page title or site name kept (a real one is a few dozen characters).
MAX_TITLE = 200
#: The <meta> tags that name the site (or the site's section, which some portals put
#: their government's name in), best first.
_SITE_METAS = ("SiteName", "og:site_name", "site_name", "sitename", "ColumnName")
#: What separates a page title's headline from the site's name (headline_栏目_站点名).
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|\s-\s|\||——)\s*")


def _one_line(text: str | None) -> str | None:
    text = " ".join((text or "").split())[:MAX_TITLE]
    return text or None


def html_to_text(html: str, name: str) -> str:
    """The document text of an HTML page (see the module docstring)."""
    return read_page(html, name).text


def read_page(html: str, name: str) -> WebPage:
    """The document text of an HTML page, with its title and site name."""
    html = _check_size(html, name)
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    root = tree.body
    if root is None:
        raise ReadError(f"{name}: 网页没有正文（body）")
    lines = _clean(_render(root))
    if not any(ch.isalnum() for line in lines for ch in line):
        raise ReadError(f"{name}: 网页中没有文字（只有标记或脚本）")
    title_node = tree.css_first("title")
    raw_title = title_node.text().strip() if title_node is not None else None
    has_heading = any(tree.css_first(t) is not None for t in _HEADING_TAGS)
    if not has_heading:
        title = _meta(tree, "ArticleTitle", "og:title")
        if title is None and raw_title is not None:
            title = _TITLE_SEPARATOR.split(raw_title)[0]
        if title and title not in lines[:3]:
            lines.insert(0, title)
    if not any(_DATE_LINE.search(line) for line in lines[:6]):
        date = _meta(tree, "PubDate", "publishdate", "pubdate", "article:published_time")
        if date:
            lines.insert(1 if lines else 0, f"发布时间：{date}")
    return WebPage(
        text="\n".join(lines) + "\n",
        title=_one_line(raw_title),
        site_name=_one_line(_meta(tree, *_SITE_METAS)),
    )


def read_html(data: bytes, name: str) -> tuple[str, str]:
    """``(text, encoding)`` of an HTML page given as bytes."""
    text, encoding = decode(data, name, declared=sniff_charset(data))
    return html_to_text(text, name), encoding
