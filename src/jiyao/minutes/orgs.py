"""Department names: the common abbreviations of county and city departments.

Minutes name departments the short way (县发改局, 市住建局, 县府办); the archive needs
one name per department so that "every item the 发展和改革局 brought" finds them all.
The table below pairs the *stem* of each common abbreviation with the stem of the full
name (发改局 ↔ 发展和改革局); a department's name is a level prefix (县, 市, 区, 旗, 州,
or a place name ending in one of them: 象山县, 宁波市) followed by a stem.

:func:`canonical` maps any name to its full form (县发改局 → 县发展和改革局,
象山县住建局 → 象山县住房和城乡建设局); names it does not know come back unchanged
(trimmed of spaces). :func:`abbreviations_of` gives the other way, for seeding aliases.
:data:`ABBREVIATIONS` is the flat table with the 县/市/区 forms spelled out (what the
archive seeds its alias table from). Users extend it in the archive (OrganizationAlias);
this module stays a fixed, reviewed list.

:func:`infer_government` says which government held a meeting when the text does not
name it in full (县政府召开第N次常务会议): from the issuer, a place written with 政府, the
place shared by the titles and units, the source line, the page's title, the folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from jiyao.minutes.record import Record

#: Abbreviated stem → full stem. The level prefix (县/市/区 …) is not part of either.
STEMS: dict[str, str] = {
    # government offices and the party/people's-congress side that receives minutes
    "府办": "人民政府办公室",
    "政府办": "人民政府办公室",
    "委办": "委办公室",
    "人大办": "人大常委会办公室",
    "政协办": "政协办公室",
    "编办": "委机构编制委员会办公室",
    "纪委": "纪律检查委员会",
    "信访局": "信访局",
    "机关事务局": "机关事务管理局",
    "金融办": "金融工作办公室",
    "地方金融监管局": "地方金融监督管理局",
    "外办": "外事办公室",
    "侨办": "侨务办公室",
    "台办": "台湾事务办公室",
    "法制办": "法制办公室",
    "人防办": "人民防空办公室",
    "综治办": "社会治安综合治理委员会办公室",
    "文明办": "精神文明建设指导委员会办公室",
    "农办": "农业农村工作办公室",
    # development, economy, finance
    "发改局": "发展和改革局",
    "发展改革局": "发展和改革局",
    "发改委": "发展和改革委员会",
    "发展改革委": "发展和改革委员会",
    "经信局": "经济和信息化局",
    "经济信息化局": "经济和信息化局",
    "经信委": "经济和信息化委员会",
    "经发局": "经济发展局",
    "科技局": "科学技术局",
    "商务局": "商务局",
    "国资委": "国有资产监督管理委员会",
    "国资办": "国有资产监督管理办公室",
    "统计局": "统计局",
    "审计局": "审计局",
    "财政局": "财政局",
    "税务局": "税务局",
    "市场监管局": "市场监督管理局",
    "市监局": "市场监督管理局",
    "工商局": "工商行政管理局",
    "质监局": "质量技术监督局",
    "食药监局": "食品药品监督管理局",
    "物价局": "物价局",
    "大数据局": "大数据发展管理局",
    "供销社": "供销合作社",
    # land, building, transport, water, environment
    "自然资源局": "自然资源局",
    "自规局": "自然资源和规划局",
    "资规局": "自然资源和规划局",
    "自然资源规划局": "自然资源和规划局",
    "国土局": "国土资源局",
    "住建局": "住房和城乡建设局",
    "住房城乡建设局": "住房和城乡建设局",
    "住建委": "住房和城乡建设委员会",
    "建设局": "建设局",
    "城管局": "城市管理局",
    "城管执法局": "城市管理行政执法局",
    "综合执法局": "综合行政执法局",
    "交通局": "交通运输局",
    "交运局": "交通运输局",
    "水利局": "水利局",
    "水务局": "水务局",
    "环保局": "环境保护局",
    "生态环境局": "生态环境局",
    "林业局": "林业局",
    "农业农村局": "农业农村局",
    "农业局": "农业局",
    "海渔局": "海洋与渔业局",
    "海洋渔业局": "海洋与渔业局",
    "气象局": "气象局",
    # people and society
    "教育局": "教育局",
    "教体局": "教育和体育局",
    "人社局": "人力资源和社会保障局",
    "人力社保局": "人力资源和社会保障局",
    "人力资源社会保障局": "人力资源和社会保障局",
    "民政局": "民政局",
    "司法局": "司法局",
    "公安局": "公安局",
    "卫健局": "卫生健康局",
    "卫生健康局": "卫生健康局",
    "卫健委": "卫生健康委员会",
    "卫计局": "卫生和计划生育局",
    "卫计委": "卫生和计划生育委员会",
    "医保局": "医疗保障局",
    "应急局": "应急管理局",
    "安监局": "安全生产监督管理局",
    "退役军人局": "退役军人事务局",
    "民宗局": "民族宗教事务局",
    "文旅局": "文化和旅游局",
    "文化旅游局": "文化和旅游局",
    "文广旅体局": "文化广电旅游体育局",
    "文广新局": "文化广电新闻出版局",
    "体育局": "体育局",
    "档案局": "档案局",
    # people's organisations
    "残联": "残疾人联合会",
    "妇联": "妇女联合会",
    "科协": "科学技术协会",
    "总工会": "总工会",
    "红十字会": "红十字会",
}

#: Level prefixes a department name starts with (alone, or ending a place name).
LEVELS: tuple[str, ...] = ("县", "市", "区")
_LEVEL_CHARS = "县市区旗州"

#: The flat table: 县发改局 → 县发展和改革局, 市发改局 → 市发展和改革局, … (abbreviations only).
ABBREVIATIONS: dict[str, str] = {
    level + short: level + full
    for short, full in STEMS.items()
    if short != full
    for level in LEVELS
}

_STEMS_LONGEST_FIRST: tuple[str, ...] = tuple(sorted(STEMS, key=len, reverse=True))
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def canonical(name: str) -> str:
    """The full name of a department: 县发改局 → 县发展和改革局; unknown names unchanged.

    Spaces are removed (so 县 发改局 is 县发改局 too); a name that is already full, or
    that the table does not know, is returned as it is.
    """
    cleaned = _SPACES.sub("", name)
    for stem in _STEMS_LONGEST_FIRST:
        if not cleaned.endswith(stem):
            continue
        prefix = cleaned[: -len(stem)]
        if prefix and prefix[-1] in _LEVEL_CHARS:
            return prefix + STEMS[stem]
    return cleaned


def abbreviations_of(name: str) -> tuple[str, ...]:
    """The other names the table knows for ``name``'s department, sorted (full name excluded).

    ``abbreviations_of("县发展和改革局")`` → ``("县发展改革局", "县发改局")``; an
    abbreviation gives the same answer as its full name. Unknown names give ``()``.
    """
    full = canonical(name)
    for full_stem in sorted(set(STEMS.values()), key=len, reverse=True):
        if not full.endswith(full_stem):
            continue
        prefix = full[: -len(full_stem)]
        if not prefix or prefix[-1] not in _LEVEL_CHARS:
            continue
        names = {prefix + short for short, f in STEMS.items() if f == full_stem}
        return tuple(sorted(n for n in names if n != full))
    return ()


# -- which government held the meeting ------------------------------------------------------

#: Level characters a government's place ends with (澄湾县, 宁波市, 鹿城区, 喀喇沁旗, 黔东南州).
PLACE_LEVELS = "县市区旗州盟"
#: Words and characters that end a run of text before a place (…主持召开澄湾县政府 → 澄湾县).
_BEFORE_PLACE = re.compile(
    r".*(?:召开|主持|举行|出席|参加|会议|关于|县长|市长|区长|旗长|州长|书记|主任|贯彻|落实|请求|还有|印发"
    r"|根据|按照|参照|组织|副|在|的|和|及|与|暨|了|由|经|对|是|为|讯|报|以|等|年|委|省|向)"
)
#: A term marker after the place (丹棱县第十七届人民政府 → 丹棱县).
_TERM_TAIL = re.compile(r"第?[一二三四五六七八九十百]+届$")
#: What a government's place never contains: digits, Latin letters, marks, 次/了/第/届, and
#: words of sentences (a place is a proper name).
_NOT_A_PLACE = re.compile(r"[^\u3400-\u9fff]|[次了第届]|召开|主持|会议")
#: Stems that make 全县, 本市, 我区 … a reference to a place, not its name.
_NOT_A_STEM = frozenset(
    ("全", "本", "我", "该", "各", "此", "其", "市", "县", "区", "州", "旗", "省")
)
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+$")
_GOV_RE = re.compile(r"(?:人民)?政府")
#: The stem of a unit named after its place (澄湾经济开发区, 澄湾高新区).
_UNIT_PLACE_RE = re.compile(
    r"^([\u3400-\u9fff]{2,6}?)(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|开发区|工业园区)"
)
#: The place at the start of a document's title (《澄湾县河道管理条例》 → 澄湾县).
_TITLE_PLACE_RE = re.compile(
    # a county under its city (西安市新城区…): the government is the county's
    rf"^(?:[\u3400-\u9fff]{{1,6}}?[市州盟](?=[\u3400-\u9fff]{{1,6}}?[县区旗]))?([\u3400-\u9fff]{{1,6}}?[{PLACE_LEVELS}])"
)
#: A source line's outlet named after the place (来源：澄湾新闻网, 来源: 兴县融媒体中心).
_OUTLET_RE = re.compile(
    r"(?:来源|稿源|信息来源)\s*[：:]\s*([\u3400-\u9fff]{1,8}?)(?:县|市|区|旗)?"
    r"(?:新闻网|融媒体中心|融媒体|发布|日报|电视台|广播电视台|政府网|人民政府网|门户网站|网)"
)
#: Ways the name was found, best first (the order of :func:`infer_government`'s signals).
HOW = ("issuer", "text", "titles", "source", "page", "folder")


class GovernmentGuess(NamedTuple):
    """A government's name (澄湾县人民政府) and how it was found (one of :data:`HOW`)."""

    name: str
    how: str


def valid_place(place: str) -> bool:
    """A place a government can be named after: Han characters only, ending with a level
    (县 市 区 旗 州 盟), at least one character before it, none of 次 了 第 届 …"""
    return (
        2 <= len(place) <= 10
        and place[-1] in PLACE_LEVELS
        and _NOT_A_PLACE.search(place) is None
        and place[:-1] not in _NOT_A_STEM
    )


def government_of(place: str) -> str | None:
    """澄湾县 → 澄湾县人民政府; None for a place that is no government's."""
    place = place.removesuffix("人民政府").removesuffix("政府")
    return place + "人民政府" if valid_place(place) else None


def place_before_government(text: str) -> str | None:
    """The first place written with 政府 in ``text`` (…主持召开澄湾县政府第5次… → 澄湾县)."""
    for m in _GOV_RE.finditer(text):
        run = _HAN_RUN.search(text, 0, m.start())
        if run is None:
            continue
        word = _TERM_TAIL.sub("", run.group())
        cut = _BEFORE_PLACE.match(word)
        place = word[cut.end() :] if cut else word
        if valid_place(place):
            return place
    return None


def _shared_place(titles: list[str], units: list[str]) -> str | None:
    """The place most titles and units start with (《澄湾县…》, 澄湾经济开发区), with the level a
    title gives it (a unit's stem alone has no level, and none is made up)."""
    levels: dict[str, str] = {}
    votes: dict[str, int] = {}
    for title in titles:
        m = _TITLE_PLACE_RE.match(title.removeprefix("关于"))
        if m and valid_place(m.group(1)):
            stem, level = m.group(1)[:-1], m.group(1)[-1]
            levels.setdefault(stem, level)
            votes[stem] = votes.get(stem, 0) + 1
    for unit in units:
        m = _UNIT_PLACE_RE.match(unit)
        if m:
            votes[m.group(1)] = votes.get(m.group(1), 0) + 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None  # one mention, or a tie: not a shared place
    stem = ranked[0][0]
    return stem + levels[stem] if stem in levels else None


_OPENING_END = re.compile(r"(?:召开|主持)[^。]*。")


def _opening(text: str) -> str:
    """The title and opening sentence: the text up to the end of the first sentence that
    says a meeting was held (a place named later is a cited one's, 贯彻镇江市人民政府…)."""
    m = _OPENING_END.search(text, 0, 1000)
    return text[: m.end()] if m else text[:200]


#: What separates a page title's parts (headline_栏目_澄湾县人民政府, headline-澄湾县政府网).
_TITLE_PARTS = re.compile(r"\s*(?:[_|｜]|--?|——?|\s-\s)\s*")
#: The level of a government the opening names without its place (县政府召开…, 区人民政府).
_BODY_LEVEL = re.compile(rf"([{PLACE_LEVELS}])(?:人民)?政府")


def _page_place(head: str, page_title: str | None, site_name: str | None) -> str | None:
    """The place a page's site name or title names with 政府 (澄湾县人民政府门户网站,
    县政府召开第5次常务会议_澄湾县人民政府): the site name first, then the title's parts
    from its tail (where portals put their own name) to its headline.

    A place whose level is not the one the opening gives its government (县政府召开… on a
    city portal, 某某市人民政府) is the site's, not the meeting's: None.
    """
    parts = [site_name] if site_name else []
    if page_title:
        parts += reversed(_TITLE_PARTS.split(page_title))
    levels = {m.group(1) for m in _BODY_LEVEL.finditer(head)}
    for part in parts:
        place = place_before_government(part)
        if place and (not levels or place[-1] in levels):
            return place
    return None


def infer_government(
    text: str = "",
    *,
    issuer: str | None = None,
    titles: Iterable[str] = (),
    units: Iterable[str] = (),
    page_title: str | None = None,
    site_name: str | None = None,
    folder: str | os.PathLike[str] | None = None,
) -> GovernmentGuess | None:
    """Which government held the meeting, from the signals a careful reader uses, in order:

    1. ``issuer`` — the office of the header or imprint (澄湾县人民政府办公室);
    2. a place written with 政府 in the text's first lines (澄湾县政府, 澄湾县人民政府);
    3. the place shared by the ``titles`` (《澄湾县…》) and ``units`` (澄湾经济开发区);
    4. the source line (来源：澄湾新闻网) — its outlet's place, with the level the text
       gives that place (澄湾县) — never a level made up;
    5. the HTML ``site_name`` or ``page_title`` (澄湾县人民政府门户网站, …_澄湾县人民政府),
       when its place has the level the opening gives the government (县政府召开…);
    6. the ``folder`` the file came from (…/澄湾县/2023).

    Returns the government's name (place + 人民政府) and how it was found, or None. Names
    with digits, marks, 次, 了 or a 【…】 prefix are never returned.
    """
    head = _opening(text)
    if issuer:
        place = place_before_government(issuer)
        if place:
            return GovernmentGuess(place + "人民政府", "issuer")
    place = place_before_government(head)
    if place:
        return GovernmentGuess(place + "人民政府", "text")
    place = _shared_place(list(titles), list(units))
    if place:
        return GovernmentGuess(place + "人民政府", "titles")
    m = _OUTLET_RE.search(text)
    if m:
        stem = m.group(1)
        for level in PLACE_LEVELS:
            if valid_place(stem + level) and stem + level in text:
                return GovernmentGuess(stem + level + "人民政府", "source")
    place = _page_place(head, page_title, site_name)
    if place:
        return GovernmentGuess(place + "人民政府", "page")
    if folder is not None:
        for part in reversed(Path(folder).parts):
            name = government_of(part)
            if name:
                return GovernmentGuess(name, "folder")
    return None


def government_of_record(record: Record, text: str = "", **signals: Any) -> GovernmentGuess | None:
    """:func:`infer_government` with the issuer, titles and submitting units of ``record``
    (and its title and meeting body in front of ``text``)."""
    head = "\n".join(part for part in (record.title, record.meeting.body, text) if part)
    titles = [doc for item in record.items for doc in item.documents]
    units = [unit for item in record.items for unit in item.submitters]
    return infer_government(head, issuer=record.issuer, titles=titles, units=units, **signals)
