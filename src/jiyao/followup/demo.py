"""Demo data of follow-up: tasks in every colour, with progress, for ``jiyao demo``.

:func:`seed` works on what the archive already holds (run it after the minutes are
imported and after the other apps' seeds): the government with the most meetings (and
the bundled example's 象山县, when imported) get their decisions proposed as tasks
through the real services, then confirmed, reported on, returned, extended and closed
so that the dashboard shows open, yellow (临期), red (逾期) and closed tasks. Closed
tasks get a closing date a few weeks after their meeting (demo minutes are years old,
closing them all today would make every median years long). The last two meetings keep
their proposals pending for the supervisor to try. Returns the logins to print.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import Count, F

SUPERVISOR = "duchashi"
MAX_MEETINGS = 40
#: Fates of the example meeting's tasks in item order (3 县发改局, 5 县住建局, 6, 7,
#: 9 县发改局): the demo's 县发改局 login has one task in progress to report on and one
#: waiting for the supervisor; the others are overdue, closed and near their deadline.
EXAMPLE_FATES = (4, 2, 0, 3, 5)
PENDING_MEETINGS = 2


def _user(username: str, role: str, *, org: Any = None, person: Any = None, name: str = "") -> Any:
    from django.contrib.auth.models import Group, User

    from jiyao.accounts.models import profile_of

    user, _ = User.objects.get_or_create(username=username)
    user.first_name = name
    user.email = user.email or f"{username}@example.cn"
    user.is_active = True
    user.set_unusable_password()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    profile = profile_of(user)
    profile.organization = org
    profile.person = person
    profile.save()
    return user


def _with_password(user: Any) -> str:
    password = secrets.token_urlsafe(9)
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


def _main_government() -> Any:
    from jiyao.archive.models import Organization

    return (
        Organization.objects.filter(kind=Organization.GOVERNMENT)
        .annotate(n=Count("series__meetings"))
        .filter(n__gt=0)
        .order_by("-n", "pk")
        .first()
    )


def _ensure_portfolios(government: Any) -> None:
    """Give the government's vice heads portfolios when the directory has none."""
    from jiyao.archive.models import Attendance, Organization
    from jiyao.directory.models import Portfolio

    if Portfolio.objects.filter(government=government).exists():
        return
    present = Attendance.objects.filter(
        meeting__series__government=government, role=Attendance.PRESENT
    ).exclude(person_id=F("meeting__chair_id"))
    counts = Counter(present.values_list("person_id", flat=True))
    leaders = [pk for pk, _ in counts.most_common(5)][1:5] or [
        pk for pk, _ in counts.most_common(1)
    ]
    units = list(Organization.objects.filter(government=government).order_by("pk"))
    if not leaders or not units:
        return
    Portfolio.objects.bulk_create(
        Portfolio(government=government, leader_id=leaders[i % len(leaders)], department=u)
        for i, u in enumerate(units)
    )


def _liaison(unit: Any, cache: dict[int, Any]) -> Any:
    """The unit's liaison officer: an existing department user of the unit (the demo
    logins), or a new one without a password (every unit has someone to report)."""
    from django.contrib.auth.models import User

    if unit.pk not in cache:
        found = (
            User.objects.filter(groups__name="department", profile__organization=unit)
            .order_by("pk")
            .first()
        )
        cache[unit.pk] = found or _user(
            f"lly{unit.pk}", "department", org=unit, name=f"{unit.name}联络员"
        )
    return cache[unit.pk]


def _given_supervisor(users: Any) -> Any:
    """The supervisor among the demo logins ((label, username, password, …) rows)."""
    from django.contrib.auth.models import User

    names = [row[1] for row in users or ()]
    return User.objects.filter(username__in=names, groups__name="supervisor").order_by("pk").first()


REPORTS = (
    "已制定工作方案，明确责任分工和时间节点，正在推进。",
    "已完成初稿并征求相关部门意见，正在修改完善。",
    "已按会议要求修改完善，报县政府审定后印发实施。",
)


def _play(task: Any, fate: int, supervisor: Any, liaison: Any, today: dt.date, rnd: Any) -> None:
    """Take ``task`` through the life its ``fate`` names (0–5)."""
    from jiyao.followup import services
    from jiyao.followup.models import Task
    from jiyao.minutes.followup import add_workdays

    def extend(day: dt.date, reason: str) -> None:
        services.transition(task, "extend", supervisor, reason, deadline=day)

    if fate in (0, 1):  # closed, after a report (and once a return)
        if fate == 1:
            services.transition(task, "report", liaison, text=REPORTS[1], percent=60)
            services.transition(task, "return", supervisor, "请补充佐证材料")
        services.transition(task, "report", liaison, text=REPORTS[2], percent=100)
        services.transition(task, "close", supervisor)
        closed = min(today, task.meeting_date + dt.timedelta(days=rnd.randint(15, 80)))
        Task.objects.filter(pk=task.pk).update(
            closed_on=closed, days_to_close=(closed - task.meeting_date).days
        )
    elif fate == 2:  # red: the deadline passed, a report once
        services.transition(task, "report", liaison, text=REPORTS[0], percent=30)
        services.transition(task, "accept", supervisor)
    elif fate == 3:  # yellow
        extend(add_workdays(today, rnd.randint(1, 4)), "涉及多部门协调，申请延期")
    elif fate == 4:  # green, in progress
        extend(today + dt.timedelta(days=rnd.randint(30, 90)), "项目审批周期较长")
        services.transition(task, "report", liaison, text=REPORTS[0], percent=40)
        services.transition(task, "accept", supervisor)
    else:  # reported, waiting for the supervisor
        extend(today + dt.timedelta(days=rnd.randint(8, 25)), "按新的工作安排调整")
        services.transition(task, "report", liaison, text=REPORTS[1], percent=70)


@transaction.atomic
def seed(
    government: Any = None, users: Any = None, *, today: dt.date | None = None
) -> list[tuple[str, str, str, str]]:
    """Fill follow-up for ``government`` (the demo's 象山县, whose example meeting the
    archive holds) and for the government with the most imported meetings, acting as the
    supervisor among ``users`` (the demo logins). Returns the logins it had to create
    (none when ``users`` has a supervisor) as (role, username, password, description)."""
    from jiyao.archive.models import Meeting, Organization
    from jiyao.followup import colour, services
    from jiyao.followup.models import Proposal, Task
    from jiyao.followup.proposals import propose_for_meeting

    today = today or colour.today()
    rnd = random.Random(53)
    governments = [g for g in (_main_government(), government) if g is not None]
    governments = list(dict.fromkeys(governments))
    if not governments:
        return []
    logins: list[tuple[str, str, str, str]] = []
    supervisor = _given_supervisor(users)
    if supervisor is None:
        supervisor = _user(SUPERVISOR, "supervisor", org=governments[0], name="督查室")
        logins.append(
            ("督查室", SUPERVISOR, _with_password(supervisor), "确认、审核、办结督办事项")
        )
    liaisons: dict[int, Any] = {}
    n = 0
    for gov in governments:
        n = 0
        _ensure_portfolios(gov)
        meetings = list(
            Meeting.objects.filter(series__government=gov, date__isnull=False, date__lt=today)
            .select_related("series__government")
            .order_by("-date", "-pk")[:MAX_MEETINGS]
        )
        for k, meeting in enumerate(meetings):
            propose_for_meeting(meeting)
            if k < PENDING_MEETINGS and len(meetings) > PENDING_MEETINGS:
                continue  # left pending for the supervisor
            for p in Proposal.objects.filter(meeting=meeting, status="pending", lead__isnull=False):
                task = services.confirm(
                    p,
                    supervisor,
                    lead=p.lead,
                    co_units=[],
                    action=p.action,
                    deadline=p.deadline or meeting.date + dt.timedelta(days=45),
                    deadline_note=p.deadline_note,
                )
                fate = EXAMPLE_FATES[n % 5] if gov == government else n % 6
                _play(task, fate, supervisor, _liaison(task.lead, liaisons), today, rnd)
                n += 1
    if users is None:
        busiest = (
            Task.objects.filter(government=governments[0])
            .values("lead_id")
            .annotate(c=Count("pk"))
            .order_by("-c", "lead_id")
            .first()
        )
        if busiest is not None:
            unit = Organization.objects.get(pk=busiest["lead_id"])
            dept = _liaison(unit, liaisons)
            logins.append(
                (
                    "部门联络员",
                    dept.username,
                    _with_password(dept),
                    f"{unit.name}：反馈本单位的督办事项",
                )
            )
    return logins
