"""Who may see and do what in follow-up — the one place views ask.

- supervisor (督查室) and superusers: see every task, confirm proposals, accept, return,
  extend, close; the secretariat (政府办) sees every task too but changes nothing;
- department (部门联络员): sees the tasks its unit leads or co-handles, reports on the
  tasks it leads;
- leader (领导): sees the tasks of the units in their portfolio (分管);
- everyone else (readers, users without a role, anonymous visitors): nothing, unless a
  government publishes its follow-up (``LocalRules.followup_public``); then its tasks
  from public minutes, read-only.

A task the user may not see is a 404 (its existence does not leak); an action the user
may not take is a 403 from the views and a TransitionRefused from the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from jiyao.accounts.models import profile_of
from jiyao.accounts.roles import (
    DEPARTMENT,
    LEADER,
    SECRETARIAT,
    SUPERVISOR,
    active_roles,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest


def roles_of(user: Any) -> set[str]:
    """The user's roles; a superuser counts as supervisor."""
    return active_roles(user, superuser_as=SUPERVISOR)


def is_supervisor(user: Any) -> bool:
    return SUPERVISOR in roles_of(user)


def sees_all(user: Any) -> bool:
    return bool(roles_of(user) & {SUPERVISOR, SECRETARIAT})


def unit_of(user: Any) -> Any:
    """The department a department user speaks for (None for others)."""
    if DEPARTMENT not in roles_of(user):
        return None
    profile = profile_of(user)
    return profile.organization if profile is not None else None


def person_of(user: Any) -> Any:
    """The leader's Person (None for others)."""
    if LEADER not in roles_of(user):
        return None
    profile = profile_of(user)
    return profile.person if profile is not None else None


def portfolio_units(person: Any) -> Any:
    """Ids of the departments ``person`` is in charge of today (a subquery)."""
    from jiyao.directory.models import Portfolio
    from jiyao.followup.colour import today

    on = today()
    return (
        Portfolio.objects.filter(leader=person)
        .filter(Q(start__isnull=True) | Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))
        .values("department_id")
    )


def public_governments() -> Any:
    from jiyao.directory.models import LocalRules

    return LocalRules.objects.filter(followup_public=True).values("government_id")


def task_filter(user: Any, prefix: str = "") -> Q | None:
    """The filter of the tasks ``user`` may see (``prefix`` for a related path); None when
    the user may see every task."""
    from jiyao.archive.models import Minutes

    if sees_all(user):
        return None
    p = prefix
    allowed = Q(pk__in=[])  # nothing, unless a rule below adds something
    unit = unit_of(user)
    if unit is not None:
        from jiyao.followup.models import Task

        co = Task.co_units.through.objects.filter(
            task_id=OuterRef(f"{p}pk" if p else "pk"), organization_id=unit.pk
        )
        allowed |= Q(**{f"{p}lead_id": unit.pk}) | Q(Exists(co))
    person = person_of(user)
    if person is not None:
        allowed |= Q(**{f"{p}lead_id__in": portfolio_units(person)}) | Q(
            **{f"{p}leader_id": person.pk}
        )
    public_minutes = Minutes.objects.filter(
        meeting=OuterRef(f"{p}meeting_id"), visibility=Minutes.PUBLIC
    )
    allowed |= Q(**{f"{p}government_id__in": public_governments()}) & Q(Exists(public_minutes))
    return allowed


def visible_tasks(user: Any) -> QuerySet[Any]:
    from jiyao.followup.models import Task

    rows = Task.objects.all()
    condition = task_filter(user)
    return rows if condition is None else rows.filter(condition)


def unit_tasks(user: Any, unit: Any) -> QuerySet[Any]:
    """The tasks ``unit`` leads that ``user`` may see. Its own liaison officer, a leader in
    charge of it and the supervisor see all of them — one indexed lookup on ``lead``,
    without the general visibility filter (whose OR defeats the index)."""
    from jiyao.followup.models import Task

    rows = Task.objects.filter(lead=unit)
    own = unit_of(user)
    if sees_all(user) or (own is not None and own.pk == unit.pk):
        return rows
    person = person_of(user)
    if person is not None and portfolio_units(person).filter(department_id=unit.pk).exists():
        return rows
    condition = task_filter(user)
    return rows if condition is None else rows.filter(condition)


def get_task_for_user(request: HttpRequest, pk: Any, *, for_update: bool = False) -> Any:
    """The task ``pk`` if ``request.user`` may see it; Http404 otherwise."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404("没有这项督办事项") from None
    rows = visible_tasks(request.user).filter(pk=key)
    task = rows.select_related(
        "lead", "government", "leader", "meeting__series", "decision__agenda_item"
    ).first()
    if task is None:
        raise Http404("没有这项督办事项，或您无权查看")
    return task


def may_see_government(user: Any, government: Any) -> bool:
    """Whether ``user`` may see anything of ``government``'s follow-up."""
    if sees_all(user) or unit_of(user) is not None or person_of(user) is not None:
        return True
    from jiyao.directory.models import LocalRules

    return LocalRules.objects.filter(government=government, followup_public=True).exists()


def may_report(user: Any, task: Any) -> bool:
    """Only the lead unit's liaison officer reports on a task."""
    unit = unit_of(user)
    return unit is not None and unit.pk == task.lead_id
