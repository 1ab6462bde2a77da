"""A small county for the workflow tests: one government, two departments, two leaders,
a portfolio, and one user per role (named by role), plus a second government whose
secretary must see nothing of the first.

Imported by the conftest files of tests/web/{topics,directory,accounts}.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest


def make_user(
    username: str,
    role: str | None,
    organization: Any = None,
    person: Any = None,
    **extra: Any,
) -> Any:
    from django.contrib.auth.models import Group, User

    from jiyao.accounts.models import Profile

    user = User.objects.create_user(username=username, password="pw-" + username, **extra)
    if role is not None:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    Profile.objects.update_or_create(
        user=user, defaults={"organization": organization, "person": person}
    )
    return user


@pytest.fixture
def county(db: None) -> SimpleNamespace:
    from jiyao.archive.models import MeetingSeries, Organization, Person
    from jiyao.directory.models import Portfolio, Post

    gov = Organization.objects.create(name="象山县人民政府", kind=Organization.GOVERNMENT)
    series = MeetingSeries.objects.create(government=gov, kind="常务会议")
    fgj = Organization.objects.create(name="县发展和改革局", government=gov)
    zjj = Organization.objects.create(name="县住房和城乡建设局", government=gov)
    chen = Person.objects.create(name="陈兴立", government=gov)
    zhou = Person.objects.create(name="周坚栋", government=gov)
    Post.objects.create(person=chen, organization=gov, title="副县长", start=dt.date(2021, 1, 1))
    Post.objects.create(person=zhou, organization=gov, title="副县长", start=dt.date(2021, 1, 1))
    Portfolio.objects.create(government=gov, leader=chen, department=fgj)
    Portfolio.objects.create(government=gov, leader=zhou, department=zjj)

    other_gov = Organization.objects.create(name="宁海县人民政府", kind=Organization.GOVERNMENT)
    MeetingSeries.objects.create(government=other_gov, kind="常务会议")

    return SimpleNamespace(
        gov=gov,
        series=series,
        fgj=fgj,
        zjj=zjj,
        chen=chen,
        zhou=zhou,
        other_gov=other_gov,
        department_user=make_user("department_user", "department", fgj),
        other_department_user=make_user("other_department_user", "department", zjj),
        leader_user=make_user("leader_user", "leader", gov, chen),
        other_leader_user=make_user("other_leader_user", "leader", gov, zhou),
        gov_secretary=make_user("gov_secretary", "secretariat", gov, is_staff=True),
        gov_supervisor=make_user("gov_supervisor", "supervisor", gov),
        county_reader=make_user("county_reader", "reader"),
        stranger=make_user("stranger", None),
        other_secretary=make_user("other_secretary", "secretariat", other_gov),
    )
