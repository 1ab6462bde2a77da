"""A task's colour: green (on time), yellow (deadline near), red (overdue), or closed.

Yellow starts ``LocalRules.followup_warning_days`` working days before the deadline;
red is the day after the deadline while the task is open. The first yellow day is
stored on the task (``warn_from``) whenever its deadline is set, so a colour is a date
range on indexed columns — :func:`colour_q` — and never a per-row computation over
300,000 tasks. When a government changes its warning days, :func:`refresh_warn_from`
recomputes its open tasks (the signal in apps.py calls it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from jiyao.followup import states
from jiyao.minutes.followup import add_workdays

GREEN = "green"
YELLOW = "yellow"
RED = "red"
CLOSED = "closed"

LABELS: dict[str, str] = {GREEN: "正常推进", YELLOW: "临期", RED: "逾期", CLOSED: "已办结"}
ORDER: tuple[str, ...] = (RED, YELLOW, GREEN, CLOSED)


def today() -> dt.date:
    """Today in the site's time zone (Asia/Shanghai), the day deadlines are counted in."""
    from django.utils import timezone

    return timezone.localdate()


def warn_from(deadline: dt.date, warning_days: int) -> dt.date:
    """The first yellow day: ``warning_days`` working days before ``deadline``."""
    return add_workdays(deadline, -int(warning_days)) if warning_days > 0 else deadline


def colour_of(state: str, deadline: dt.date, warn: dt.date, on: dt.date | None = None) -> str:
    on = on or today()
    if state not in states.OPEN_STATES:
        return CLOSED
    if on > deadline:
        return RED
    if on >= warn:
        return YELLOW
    return GREEN


def task_colour(task: Any, on: dt.date | None = None) -> str:
    return colour_of(task.state, task.deadline, task.warn_from, on)


def colour_q(colour: str, on: dt.date | None = None, prefix: str = "") -> Q:
    """A filter for tasks of ``colour`` on day ``on`` (``prefix`` for a related path)."""
    on = on or today()
    p = prefix
    is_open = Q(**{f"{p}state__in": states.OPEN_STATES})
    if colour == CLOSED:
        return Q(**{f"{p}state": states.CLOSED})
    if colour == RED:
        return is_open & Q(**{f"{p}deadline__lt": on})
    if colour == YELLOW:
        return is_open & Q(**{f"{p}warn_from__lte": on, f"{p}deadline__gte": on})
    if colour == GREEN:
        return is_open & Q(**{f"{p}warn_from__gt": on})
    raise ValueError(f"unknown colour {colour!r}")


def refresh_warn_from(government: Any, warning_days: int) -> int:
    """Recompute ``warn_from`` of the government's open tasks; returns how many changed."""
    from jiyao.followup.models import Task

    changed = []
    rows = Task.objects.filter(government=government, state__in=states.OPEN_STATES).only(
        "pk", "deadline", "warn_from"
    )
    for task in rows.iterator(chunk_size=2000):
        new = warn_from(task.deadline, warning_days)
        if new != task.warn_from:
            task.warn_from = new
            changed.append(task)
    Task.objects.bulk_update(changed, ["warn_from"], batch_size=1000)
    return len(changed)
