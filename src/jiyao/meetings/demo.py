"""Demo data of the meeting cycle: one meeting being prepared, one held and minuted.

``seed(government, users)`` (called by ``jiyao demo`` after the topics' seed) uses the
services, so the demo data went through the same rules as real work:

- a meeting held this morning: two topics decided (one 原则同意, one 暂缓 back to its topic),
  attendance with one member on leave, the minutes drafted, signed by the chair, stored
  in the archive and distributed; the demo department has acknowledged, the other
  recipients not yet (the secretariat's receipt table shows whom to remind);
- the next meeting, this afternoon: topics on its agenda, the notice not yet sent (so
  the whole cycle can be walked in the demo today).

``users`` is a mapping role code → User, or the rows of
``jiyao.accounts.demo.ensure_demo_users`` (username second). Topics come from
``topics.services.schedulable_topics``; when there are too few, accepted topics are
added here. Returns how many meetings were created (0 when the government has no
members or no secretariat login).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction


def _by_role(users: Any) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from jiyao.accounts.roles import ROLES

    if isinstance(users, dict):
        return dict(users)
    User = get_user_model()
    out: dict[str, Any] = {}
    for row in users or ():
        user = row if isinstance(row, User) else User.objects.filter(username=row[1]).first()
        if user is None:
            continue
        for role in user.groups.filter(name__in=ROLES).values_list("name", flat=True):
            out.setdefault(role, user)
    return out


def _login_for(person: Any, government: Any) -> Any:
    """A login of ``person`` (a leader): an existing one, else one without a password."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from jiyao.accounts.models import Profile

    found = get_user_model().objects.filter(profile__person=person).first()
    if found is not None:
        return found
    user = get_user_model().objects.create(
        username=f"demo-leader-{person.pk}", first_name=person.name
    )
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get_or_create(name="leader")[0])
    Profile.objects.update_or_create(
        user=user, defaults={"organization": government, "person": person}
    )
    return user


def _topics(government: Any, series: Any, user: Any, count: int) -> list[Any]:
    """``count`` schedulable topics of the series, adding accepted ones if needed."""
    from jiyao.topics.models import Check, Topic
    from jiyao.topics.rules import required_checks
    from jiyao.topics.services import leader_in_charge, schedulable_topics

    found = list(schedulable_topics(government, series)[:count])
    extra = [
        ("县发改局", "关于加快推进海洋经济高质量发展的若干意见", "deliberate", "normative"),
        ("县财政局", "关于2026年县级财政预算执行情况的汇报", "hear_report", "report"),
        ("县住建局", "象山县城镇老旧小区改造三年行动方案", "deliberate", "major"),
        ("县农业农村局", "关于进一步加强耕地保护工作的实施意见", "study", "other"),
    ]
    from jiyao.archive.models import Organization
    from jiyao.minutes.orgs import canonical

    for short, title, action, kind in extra:
        if len(found) >= count:
            break
        if Topic.objects.filter(government=government, title=title).exists():
            continue
        dept, _ = Organization.objects.get_or_create(
            government=government, name=canonical(short), defaults={"kind": "department"}
        )
        topic = Topic.objects.create(
            government=government,
            series=series,
            department=dept,
            leader=leader_in_charge(dept),
            title=title,
            action=action,
            kind=kind,
            state="accepted",
            created_by=user,
            summary="演示议题：已经部门集体讨论和分管领导审核。",
        )
        for code in required_checks(kind):
            Check.objects.create(
                topic=topic,
                kind=code,
                passed_on=dt.date.today() - dt.timedelta(days=20),
                evidence="演示数据：已完成并存档",
                recorded_by=user,
            )
        found.append(topic)
    return found[:count]


def seed(government: Any, users: Any) -> int:
    """Fill the demo with a held (signed, distributed) and a prepared meeting."""
    from jiyao.meetings import distribution, drafting, notice, services, submission
    from jiyao.meetings.models import Participant, Workflow

    roles = _by_role(users)
    secretary = roles.get("secretariat")
    series = government.series.filter(kind="常务会议").first()
    if secretary is None or series is None:
        return 0
    today = services.today()
    members = services.members_on(series, today)
    if not members or Workflow.objects.filter(meeting__series=series).exists():
        return 0
    chair = members[0].person
    chair_login = _login_for(chair, government)
    with transaction.atomic():
        held = services.create_meeting(
            series,
            secretary,
            date=today,
            chair=chair,
            time_of_day="上午",
            location="县行政中心第一会议室",
        )
        first = _topics(government, series, secretary, 2)
        for topic in first:
            services.place_topic(held, topic, secretary)
        services.add_participant(held, secretary, name="陈柳松", role=Participant.INVITED)
        notice.send_notice(held, secretary)
        people = list(Participant.objects.filter(meeting=held.meeting).order_by("role", "position"))
        away = next(
            (p for p in people if p.role == Participant.MEMBER and p.person_id != chair.pk), None
        )
        if away is not None and len(members) > 2:
            services.grant_leave(away, secretary, reason="出差", approved_by=chair)
        present = [p.pk for p in people if away is None or p.pk != away.pk]
        services.record_attendance(held, secretary, present=present, absent=[])
        services.transition(held, "hold", secretary)
        outcomes = [
            (
                "原则同意",
                "会后根据审议意见修改完善后印发实施",
                ["各相关部门要加强协同配合，确保各项措施落到实处"],
            ),
            ("暂缓", "进一步征求意见后再提交会议研究", []),
        ]
        for entry, (outcome, follow, reqs) in zip(
            held.meeting.agenda.order_by("position"), outcomes, strict=False
        ):
            services.record_decision(
                entry, secretary, outcome=outcome, follow_up=follow, requirements=reqs
            )
        draft = drafting.draft_of(held.meeting, secretary)
        submission.submit_minutes(held.meeting, secretary, expected_version=draft.version)
        version = drafting.sign_minutes(
            held.meeting, chair_login, visibility="public", expected_version=draft.version
        )
        department = roles.get("department")
        for recipient in distribution.receipts_of(version):
            if (
                department is not None
                and distribution.organization_of(department) == recipient.organization
            ):
                distribution.acknowledge(recipient, department)
        prepared = services.create_meeting(
            series,
            secretary,
            # Today, so a newcomer can walk it to signed minutes (holding a meeting is
            # refused before its date).
            date=today,
            chair=chair,
            time_of_day="下午",
            location="县行政中心第一会议室",
        )
        for topic in _topics(government, series, secretary, 2):
            services.place_topic(prepared, topic, secretary)
    return 2
