"""Demo directory of 象山县人民政府, consistent with the bundled example minutes.

The example (jiyao/examples/xiangshan-2021-53.txt, the 53rd executive meeting of
2021-06-08) is chaired by 包朝阳 with eight members present and one on leave; its
items come from 县发改局, 县应急管理局, 县住建局, 县综合行政执法局, 县城投集团 and 县经信局.
The posts, the members' order and the portfolios below are invented but fit that
document: the head first, the executive deputy second, the office director last.
Idempotent: a second call changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

TERM_START = dt.date(2021, 1, 1)

#: (name, post, position in the 出席 line); the office director comes last.
MEMBERS: tuple[tuple[str, str, int], ...] = (
    ("包朝阳", "县长", 1),
    ("陈兴立", "常务副县长", 2),
    ("周坚栋", "副县长", 3),
    ("石坚定", "副县长", 4),
    ("范建富", "副县长", 5),
    ("张微燕", "副县长", 6),
    ("吴志辉", "副县长", 7),
    ("章洪浩", "副县长", 8),
    ("钮晶莹", "副县长", 9),
    ("张有为", "县政府办公室主任", 10),
)

#: The short name the minutes use → the leader in charge (分管).
DEPARTMENTS: dict[str, str] = {
    "县发改局": "陈兴立",
    "县财政局": "陈兴立",
    "县审计局": "陈兴立",
    "县住建局": "周坚栋",
    "县综合行政执法局": "周坚栋",
    "县城投集团": "周坚栋",
    "县应急管理局": "石坚定",
    "县经信局": "范建富",
    "县司法局": "张微燕",
    "县教育局": "吴志辉",
    "县卫生健康局": "章洪浩",
    "县农业农村局": "钮晶莹",
}

#: Fixed observers of the executive meeting (发改、财政、审计、司法 — domain.md §1.4).
OBSERVERS: tuple[str, ...] = ("县发改局", "县财政局", "县审计局", "县司法局")

DISTRIBUTION: list[str] = [
    "县委各部门",
    "县人大办、政协办",
    "县人武部",
    "县法院、检察院",
    "市直驻象各单位",
    "各人民团体",
    "各镇乡政府、街道办事处",
    "县政府各部门",
]


def department(government: Any, short: str) -> Any:
    """The department the minutes call ``short`` (县发改局), by its full name, with the
    short name as an alias (the importer finds it either way)."""
    from jiyao.archive.models import Organization, OrganizationAlias
    from jiyao.minutes.orgs import canonical

    full = canonical(short)
    org, _ = Organization.objects.get_or_create(
        government=government, name=full, defaults={"kind": Organization.DEPARTMENT}
    )
    if short != full:
        OrganizationAlias.objects.get_or_create(organization=org, alias=short)
    return org


def seed_government(name: str = "象山县人民政府") -> Any:
    """Create (or complete) the government ``name`` with its directory; return it."""
    from jiyao.archive.models import MeetingSeries, Organization, Person
    from jiyao.directory.models import FixedObserver, Portfolio, Post, SeriesMember, rules_for

    with transaction.atomic():
        gov, _ = Organization.objects.get_or_create(
            government=None,
            name=name,
            defaults={"kind": Organization.GOVERNMENT, "full_name": name},
        )
        series, _ = MeetingSeries.objects.get_or_create(government=gov, kind="常务会议")
        people = {}
        for person_name, title, position in MEMBERS:
            person, _ = Person.objects.get_or_create(government=gov, name=person_name)
            people[person_name] = person
            post, _ = Post.objects.get_or_create(
                person=person, organization=gov, title=title, defaults={"start": TERM_START}
            )
            SeriesMember.objects.get_or_create(
                series=series,
                person=person,
                defaults={"post": post, "position": position, "start": TERM_START},
            )
        for short, leader in DEPARTMENTS.items():
            org = department(gov, short)
            Portfolio.objects.get_or_create(
                government=gov,
                leader=people[leader],
                department=org,
                defaults={"start": TERM_START},
            )
        for position, short in enumerate(OBSERVERS, start=1):
            FixedObserver.objects.get_or_create(
                series=series, organization=department(gov, short), defaults={"position": position}
            )
        rules = rules_for(gov)
        if not rules.default_distribution:
            rules.default_distribution = list(DISTRIBUTION)
            rules._change_reason = "演示数据：按2021年第53次常务会议纪要的分送范围"  # type: ignore[attr-defined]
            rules.save()
    return gov
