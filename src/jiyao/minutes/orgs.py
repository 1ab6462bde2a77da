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
"""

from __future__ import annotations

import re
from functools import lru_cache

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
