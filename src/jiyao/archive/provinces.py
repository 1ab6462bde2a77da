"""Which province a government belongs to, for listing governments by province.

A name that carries its province (浙江省象山县人民政府, 宁夏回族自治区…) gives it
directly; otherwise a small table of counties, county-level cities and prefecture-level
cities (象山县 → 浙江省, 宁波市 → 浙江省) is consulted, on the name and on each city
named in it (宁波市象山县). Governments of no known province are listed last, under
:data:`OTHER`. Provinces sort by pinyin, and the governments within one too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from pypinyin import lazy_pinyin

OTHER = "其他"

#: Every provincial-level division, by its full name.
PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省",
    "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省",
    "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省",
    "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
    "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
)  # fmt: skip

#: Short names a government's name may begin with (浙江象山县), longest first.
_SHORT = {p.removesuffix("省").removesuffix("市"): p for p in PROVINCES if len(p) <= 4}
_SHORT.update({"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区",
               "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区"})  # fmt: skip

#: Counties, districts and cities whose name does not carry the province. Extend it as
#: the archive takes in governments of more places.
PLACES: dict[str, str] = {
    # 浙江省
    "宁波市": "浙江省", "象山县": "浙江省", "宁海县": "浙江省", "慈溪市": "浙江省",
    "余姚市": "浙江省", "奉化区": "浙江省", "鄞州区": "浙江省", "杭州市": "浙江省",
    "淳安县": "浙江省", "桐庐县": "浙江省", "温州市": "浙江省", "永嘉县": "浙江省",
    "乐清市": "浙江省", "台州市": "浙江省", "临海市": "浙江省", "温岭市": "浙江省",
    "舟山市": "浙江省", "岱山县": "浙江省", "嵊泗县": "浙江省", "绍兴市": "浙江省",
    "诸暨市": "浙江省", "嘉兴市": "浙江省", "海盐县": "浙江省", "湖州市": "浙江省",
    "安吉县": "浙江省", "金华市": "浙江省", "义乌市": "浙江省", "丽水市": "浙江省",
    "衢州市": "浙江省",
    # 江苏省、福建省、山东省、广东省（沿海县市）
    "南京市": "江苏省", "苏州市": "江苏省", "昆山市": "江苏省", "江阴市": "江苏省",
    "南通市": "江苏省", "如东县": "江苏省", "福州市": "福建省", "厦门市": "福建省",
    "晋江市": "福建省", "霞浦县": "福建省", "平潭县": "福建省", "青岛市": "山东省",
    "烟台市": "山东省", "荣成市": "山东省", "长岛县": "山东省", "广州市": "广东省",
    "深圳市": "广东省", "湛江市": "广东省", "徐闻县": "广东省", "南澳县": "广东省",
    # 其他
    "成都市": "四川省", "武汉市": "湖北省", "长沙市": "湖南省", "郑州市": "河南省",
    "西安市": "陕西省", "合肥市": "安徽省", "南昌市": "江西省", "昆明市": "云南省",
    "贵阳市": "贵州省", "兰州市": "甘肃省", "海口市": "海南省", "三亚市": "海南省",
}  # fmt: skip

_UNITS = ("人民政府", "政府")


@lru_cache(maxsize=8192)
def province_of(name: str) -> str:
    """The province of the government called ``name``, or :data:`OTHER`."""
    bare = name.strip()
    for unit in _UNITS:
        bare = bare.removesuffix(unit)
    for province in PROVINCES:
        if bare.startswith(province):
            return province
    for short in sorted(_SHORT, key=len, reverse=True):
        if bare.startswith(short) and len(bare) > len(short):
            return _SHORT[short]
    if bare in PLACES:
        return PLACES[bare]
    # A name with the city above it: 宁波市象山县 → 宁波市.
    for place, province in PLACES.items():
        if bare.startswith(place) or bare.endswith(place):
            return province
    return OTHER


@lru_cache(maxsize=65536)
def pinyin_key(name: str) -> tuple[str, str]:
    """Sort key: the name's pinyin (tone-less), then the name itself."""
    return ("".join(lazy_pinyin(name)).lower(), name)


T = TypeVar("T")


def by_province(items: list[T], name_of: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """``items`` grouped by province (pinyin order, 其他 last), each group in pinyin order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        groups[province_of(name_of(item))].append(item)
    order = sorted(groups, key=lambda p: (p == OTHER, pinyin_key(p)))
    return [(p, sorted(groups[p], key=lambda i: pinyin_key(name_of(i)))) for p in order]
