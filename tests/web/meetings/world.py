"""A small county for the meeting tests: members, departments, leaders, logins, topics.

象山县人民政府 with its 常务会议 series: five members (县长 包朝阳 chairs), a vice head in
charge of the 发改局 and the 财政局, department heads, logins for each role (password
``pw-<username>``), and accepted topics with their checks — ready to be placed on an
agenda. Imported minutes (session 11, 〔2026〕9号) sit in the archive already, so the
next meeting is the 12th.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any


def user(
    username: str, group: str | None, *, org: Any = None, person: Any = None, **extra: Any
) -> Any:
    from django.contrib.auth.models import Group, User

    from jiyao.accounts.models import profile_of

    u = User.objects.create_user(
        username=username, password="pw-" + username, email=f"{username}@example.cn", **extra
    )
    if group:
        u.groups.add(Group.objects.get_or_create(name=group)[0])
    profile = profile_of(u)
    assert profile is not None
    profile.organization = org
    profile.person = person
    profile.save()
    return u


def build(today: dt.date | None = None) -> SimpleNamespace:
    from jiyao.archive.models import MeetingSeries, Organization, Person
    from jiyao.directory.models import LocalRules, Portfolio, Post, SeriesMember

    gov = Organization.objects.create(
        name="象山县人民政府", kind="government", full_name="象山县人民政府"
    )
    series = MeetingSeries.objects.create(government=gov, kind="常务会议")
    dept = {}
    for name in ("县发展和改革局", "县财政局", "县司法局", "县住房和城乡建设局", "县审计局"):
        dept[name] = Organization.objects.create(name=name, government=gov)
    people = {}
    for i, (name, title) in enumerate(
        [
            ("包朝阳", "县长"),
            ("陈兴立", "常务副县长"),
            ("钮晶莹", "副县长"),
            ("张华", "副县长"),
            ("干焊", "办公室主任"),
        ]
    ):
        p = Person.objects.create(name=name, government=gov)
        post = Post.objects.create(person=p, organization=gov, title=title)
        SeriesMember.objects.create(series=series, person=p, post=post, position=i)
        people[name] = p
    for name, org in (("李达飞", "县发展和改革局"), ("王小明", "县财政局"), ("赵四", "县审计局")):
        p = Person.objects.create(name=name, government=gov)
        Post.objects.create(person=p, organization=dept[org], title="局长")
        people[name] = p
    for d in ("县发展和改革局", "县财政局"):
        Portfolio.objects.create(government=gov, leader=people["陈兴立"], department=dept[d])
    LocalRules.objects.create(
        government=gov, default_distribution=["县委办", "县人大办", "县政协办"], max_topics=8
    )
    users = SimpleNamespace(
        secretary=user("secretary", "secretariat", org=gov, is_staff=True),
        chair=user("chair", "leader", org=gov, person=people["包朝阳"]),
        vice=user("vice", "leader", org=gov, person=people["陈兴立"]),
        clerk=user("clerk", "department", org=dept["县发展和改革局"]),
        finance=user("finance", "department", org=dept["县财政局"]),
        outsider=user("outsider", None),
        reader=user("reader", "reader"),
    )
    return SimpleNamespace(gov=gov, series=series, dept=dept, people=people, users=users)


def topic(
    world: SimpleNamespace,
    title: str,
    *,
    dept: str = "县发展和改革局",
    action: str = "deliberate",
    kind: str = "report",
    state: str = "accepted",
) -> Any:
    """A topic already through submission and review (``state``), its checks recorded."""
    from jiyao.topics.models import Check, Material, Topic
    from jiyao.topics.rules import required_checks

    t = Topic.objects.create(
        government=world.gov,
        series=world.series,
        department=world.dept[dept],
        leader=world.people["陈兴立"],
        title=title,
        action=action,
        kind=kind,
        state=state,
        created_by=world.users.clerk,
    )
    for code in required_checks(kind):
        Check.objects.create(topic=t, kind=code, passed_on=dt.date(2026, 1, 5), evidence="已完成")
    Material.objects.create(
        topic=t,
        file="topics/x.docx",
        original_name=f"{title}.docx",
        stage="送审稿",
        size=10,
        sha256="0" * 64,
    )
    return t
