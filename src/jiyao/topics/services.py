"""The business rules of topics (议题): who sees which topic, and the one way to change state.

Theory of operation:

- :func:`roles_of` gives a user's roles (a superuser counts as secretariat).
- :func:`visible_topics` is the one filter of what a user may see: a department user
  their own organization's topics, a leader the topics of the departments in their
  portfolio (and those they are the leader in charge of), the secretariat and the
  supervisor every topic of their government, a superuser all; readers and users
  without a role nothing. :func:`get_topic_for_user` fetches one topic through it
  (404 otherwise), so views never fetch unchecked.
- :func:`transition` is the only place a topic's state changes. It asks the table
  (:data:`jiyao.topics.states.MACHINE`), then checks *whose* topic it is (a department
  acts on its own topics only, a leader on topics in their charge, the secretariat on its
  government's), then the guards (a submission needs a material and a leader in charge
  from the portfolio; scheduling needs every required check), and writes the new state
  and its :class:`TopicTransition` row in one transaction.
- Editing a topic (:mod:`jiyao.topics.editing`) and every transition bump ``version``; a
  caller that passes the version it showed the user gets :class:`StaleTopic` when
  someone else changed the topic since.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from jiyao.accounts.models import government_of, profile_of
from jiyao.accounts.roles import (
    DEPARTMENT,
    LEADER,
    SECRETARIAT,
    SUPERVISOR,
    active_roles,
)
from jiyao.flow import Transition, TransitionRefused
from jiyao.topics import rules, states
from jiyao.topics.models import Topic, TopicTransition

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

__all__ = [
    "StaleTopic",
    "TransitionRefused",
    "allowed_transitions",
    "can_edit",
    "get_topic_for_user",
    "leader_in_charge",
    "missing_checks",
    "roles_of",
    "schedulable_topics",
    "todo_for",
    "transition",
    "visible_topics",
]

#: States in which the submitting department may still change the topic.
EDITABLE_STATES = frozenset({states.DRAFT, states.RETURNED})
#: States from which a topic may be put on an agenda (the table's "schedule" rows).
SCHEDULABLE_STATES = frozenset(row.source for row in states.TABLE if row.action == "schedule")


class StaleTopic(TransitionRefused):
    """Someone else changed the topic after this user loaded it (version check)."""


def roles_of(user: Any) -> set[str]:
    """The workflow roles of ``user``: its role groups, plus ``secretariat`` for a superuser.

    Never contains ``system``: that role is only granted by ``transition(..., system=True)``.
    """
    return active_roles(user, superuser_as=SECRETARIAT)


def _person_id(user: Any) -> int | None:
    profile = profile_of(user)
    return profile.person_id if profile is not None else None


def _organization_id(user: Any) -> int | None:
    profile = profile_of(user)
    return profile.organization_id if profile is not None else None


def _government_id(user: Any) -> int | None:
    gov = government_of(user)
    return gov.pk if gov is not None else None


def portfolio_departments(person_id: int | None, on: dt.date | None = None) -> list[int]:
    """Pks of the departments ``person_id`` is in charge of on ``on`` (default today)."""
    if person_id is None:
        return []
    from jiyao.directory.models import Portfolio

    on = on or dt.date.today()
    return list(
        Portfolio.objects.filter(leader_id=person_id)
        .filter(Q(start__isnull=True) | Q(start__lte=on))
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .values_list("department_id", flat=True)
    )


def leader_in_charge(department: Any, on: dt.date | None = None) -> Any:
    """The Person in charge of ``department`` (an Organization) on ``on``, per the portfolio;
    None when the portfolio names nobody. With two current rows, the latest start wins."""
    from jiyao.directory.models import Portfolio

    on = on or dt.date.today()
    row = (
        Portfolio.objects.filter(department=department)
        .filter(Q(start__isnull=True) | Q(start__lte=on))
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("leader")
        .order_by("-start", "-pk")
        .first()
    )
    return row.leader if row is not None else None


def visible_topics(user: Any) -> QuerySet[Topic]:
    """Every topic ``user`` may see (see the module docstring for the rule)."""
    roles = roles_of(user)
    topics = Topic.objects.all()
    if not roles:
        return topics.none()
    if user.is_superuser:
        return topics
    where = Q(pk__in=[])
    gov = _government_id(user)
    if roles & {SECRETARIAT, SUPERVISOR} and gov is not None:
        where |= Q(government_id=gov)
    if DEPARTMENT in roles and (org := _organization_id(user)) is not None:
        where |= Q(department_id=org)
    if LEADER in roles and (person := _person_id(user)) is not None:
        where |= Q(leader_id=person) | Q(department_id__in=portfolio_departments(person))
    return topics.filter(where)


def get_topic_for_user(request: HttpRequest, pk: Any) -> Topic:
    """The topic ``pk`` if ``request.user`` may see it; Http404 otherwise (also for a
    malformed ``pk``), so that a topic's existence does not leak."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404("没有这个议题") from None
    topic = (
        visible_topics(request.user)
        .select_related("government", "series", "department", "leader", "created_by")
        .filter(pk=key)
        .first()
    )
    if topic is None:
        raise Http404("没有这个议题，或您无权查看")
    return topic


def _may_act_as(user: Any, topic: Topic, role: str) -> bool:
    """Whether ``user`` acting in ``role`` is concerned by this particular topic."""
    if user.is_superuser:
        return True
    if role == DEPARTMENT:
        return _organization_id(user) == topic.department_id
    if role == LEADER:
        person = _person_id(user)
        if person is None:
            return False
        if topic.leader_id is not None:
            return person == topic.leader_id
        return topic.department_id in portfolio_departments(person)
    if role in (SECRETARIAT, SUPERVISOR, "system"):
        return _government_id(user) == topic.government_id
    return False


def can_edit(user: Any, topic: Topic) -> bool:
    """Whether ``user`` may change the topic's contents now (its department, while the
    topic is a draft or returned)."""
    return (
        topic.state in EDITABLE_STATES
        and DEPARTMENT in roles_of(user)
        and _may_act_as(user, topic, DEPARTMENT)
    )


def allowed_transitions(user: Any, topic: Topic) -> list[Transition]:
    """The rows of the table this user may take on this topic now (the page's buttons)."""
    roles = roles_of(user)
    return [
        row
        for row in states.MACHINE.allowed(topic.state, roles)
        if any(_may_act_as(user, topic, r) for r in row.roles & roles)
    ]


def passed_checks(topic: Topic) -> set[str]:
    return set(topic.checks.values_list("kind", flat=True))


def missing_checks(topic: Topic) -> list[tuple[str, str]]:
    """(check name, the rule requiring it) for each required check the topic lacks."""
    return rules.missing_checks(topic.kind, passed_checks(topic))


def unschedulable_reason(topic: Topic) -> str:
    """Why the topic cannot be scheduled for lack of checks ("" when nothing is missing)."""
    missing = missing_checks(topic)
    if not missing:
        return ""
    parts = "；".join(f"缺少“{name}”（依据：{rule}）" for name, rule in missing)
    return f"议题“{topic.title}”不能排入议程：{parts}。"


def _guard(topic: Topic, action: str, user: Any) -> None:
    """The rules beyond the table; TransitionRefused in Chinese."""
    if action == "submit":
        if not topic.materials.exists():
            raise TransitionRefused("申报议题须至少上传一份材料（Word 或 PDF）。")
        leader = leader_in_charge(topic.department)
        if leader is None:
            raise TransitionRefused(
                f"{topic.department}在分管表中没有分管领导，无法提交。"
                "请联系政府办在“人员与分管”中设置分管领导。"
            )
        topic.leader = leader
    elif action == "schedule":
        reason = unschedulable_reason(topic)
        if reason:
            raise TransitionRefused(reason)


def transition(
    topic: Topic,
    action: str,
    user: Any,
    reason: str = "",
    *,
    system: bool = False,
    expected_version: int | None = None,
) -> Topic:
    """Take ``action`` on ``topic`` as ``user``; return the topic in its new state.

    ``system=True`` is for the meetings app recording what the meeting decided
    (``decide``/``defer``): ``user`` is then the secretary recording it and must belong to
    the topic's government. ``expected_version`` (the version the user's page showed)
    makes a stale click fail with :class:`StaleTopic`. Every refusal is a
    :class:`TransitionRefused` with a Chinese message; nothing is written then.
    """
    reason = (reason or "").strip()
    roles = roles_of(user) | ({"system"} if system else set())
    with transaction.atomic():
        current = Topic.objects.select_for_update().get(pk=topic.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleTopic(
                f"议题“{current.title}”已被他人修改（当前状态：{states.MACHINE.label(current.state)}），"
                "请刷新页面后再操作。"
            )
        row = states.MACHINE.check(current.state, action, roles, reason)
        if not any(_may_act_as(user, current, r) for r in row.roles & roles):
            raise TransitionRefused(f"这个议题不在您的职责范围内，不能执行“{row.label}”。")
        _guard(current, action, user)
        source = current.state
        current.state = row.target
        current.version += 1
        current._change_reason = (f"{row.label}：{reason}" if reason else row.label)[:100]  # type: ignore[attr-defined]
        current.save()
        TopicTransition.objects.create(
            topic=current,
            source=source,
            target=row.target,
            action=action,
            by=user if getattr(user, "is_authenticated", False) else None,
            reason=reason,
        )
    return current


def schedulable_topics(government: Any = None, series: Any = None) -> QuerySet[Topic]:
    """Topics that may be put on an agenda now: accepted (or deferred) with every required
    check recorded; of ``government`` and/or ``series`` when given. Oldest first."""
    topics = Topic.objects.filter(state__in=SCHEDULABLE_STATES)
    if government is not None:
        topics = topics.filter(government=government)
    if series is not None:
        topics = topics.filter(series=series)
    ready = [
        t.pk
        for t in topics.prefetch_related("checks")
        if not rules.missing_checks(t.kind, {c.kind for c in t.checks.all()})
    ]
    return (
        Topic.objects.filter(pk__in=ready)
        .select_related("department", "leader", "series")
        .order_by("updated_at", "pk")
    )


def todo_for(user: Any) -> list[tuple[str, str]]:
    """What ``user`` has to do next on topics: (Chinese text, URL), most urgent first."""
    roles = roles_of(user)
    if not roles:
        return []
    todo: list[tuple[str, str]] = []
    seen = visible_topics(user)
    if DEPARTMENT in roles and (org := _organization_id(user)) is not None:
        for t in seen.filter(department_id=org, state=states.RETURNED).order_by("updated_at"):
            todo.append((f"议题《{t.title}》被退回，请修改后重新申报", _url(t)))
        for t in seen.filter(department_id=org, state=states.DRAFT).order_by("updated_at"):
            todo.append((f"议题《{t.title}》尚未提交申报", _url(t)))
        todo.append(("申报新议题", reverse("topics:new")))
    if LEADER in roles and (person := _person_id(user)) is not None:
        for t in seen.filter(leader_id=person, state=states.SUBMITTED).order_by("updated_at"):
            todo.append((f"审核{t.department}申报的议题《{t.title}》", _url(t)))
    if SECRETARIAT in roles:
        for t in seen.filter(state=states.LEADER_APPROVED).order_by("updated_at"):
            todo.append((f"审核议题《{t.title}》（分管领导已同意）", _url(t)))
        gov = None if user.is_superuser else government_of(user)
        if gov is not None or user.is_superuser:
            count = schedulable_topics(gov).count()
            if count:
                todo.append((f"{count} 个议题可排入会议议程", reverse("topics:ready")))
    return todo


def _url(topic: Topic) -> str:
    return reverse("topics:detail", args=[topic.pk])
