"""Follow-up's business rules: making tasks and changing them.

Every change of a task's state goes through :func:`transition`, which asks the table
in :mod:`jiyao.followup.states`, applies what the action carries (a progress report
with its evidence, a new deadline, the closing date), bumps ``version`` and writes the
append-only :class:`TaskTransition` row — all in one transaction, on the row locked
for update, so two supervisors never overwrite each other: a stale ``version`` is
refused with a Chinese message. Proposals become tasks through :func:`confirm`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.urls import reverse
from django.utils import timezone

from jiyao.flow import TransitionRefused
from jiyao.followup import access, colour, states
from jiyao.followup.models import Evidence, ProgressReport, Proposal, Task, TaskTransition

__all__ = ["TransitionRefused", "confirm", "drop", "todo_for", "transition"]

MAX_ACTION = 2000
MAX_REPORT = 5000


def leader_of(unit: Any, on: dt.date | None = None) -> Any:
    """The leader in charge (分管领导) of ``unit`` on ``on``, from the portfolio; or None."""
    from django.db.models import Q

    from jiyao.directory.models import Portfolio

    on = on or colour.today()
    row = (
        Portfolio.objects.filter(department=unit)
        .filter(Q(start__isnull=True) | Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))
        .select_related("leader")
        .order_by("-start", "pk")
        .first()
    )
    return row.leader if row is not None else None


def warning_days(government: Any) -> int:
    from jiyao.directory.models import rules_for

    return int(rules_for(government).followup_warning_days)


def _check_deadline(deadline: dt.date | None, meeting_date: dt.date, what: str) -> dt.date:
    if deadline is None:
        raise ValidationError(f"{what}：请填写日期（如 2026-12-31）。")
    if deadline <= meeting_date:
        raise ValidationError(
            f"{what}“{deadline:%Y-%m-%d}”不能早于或等于会议日期（{meeting_date:%Y年%-m月%-d日}）。"
        )
    return deadline


def _check_text(text: str, what: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(f"请填写{what}。")
    if len(text) > limit:
        raise ValidationError(f"{what}过长（{len(text)} 字，最多 {limit} 字）。")
    return text


@db_transaction.atomic
def confirm(
    proposal: Proposal,
    user: Any,
    *,
    lead: Any,
    co_units: list[Any],
    action: str,
    deadline: dt.date | None,
    deadline_note: str = "",
) -> Task:
    """Confirm ``proposal`` (with the supervisor's edits) as a task; ValidationError or
    TransitionRefused in Chinese when something is wrong (nothing stored then)."""
    if not access.is_supervisor(user):
        raise TransitionRefused("只有督查室可以确认督办事项。")
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != Proposal.PENDING:
        raise TransitionRefused(f"这条建议已{locked.get_status_display()}，请刷新页面查看。")
    meeting = locked.meeting
    government = meeting.series.government
    if meeting.date is None:
        raise ValidationError("会议没有日期，无法计算办理期限；请先在档案中更正会议日期。")
    if lead is None:
        raise ValidationError("请选择牵头单位。")
    if lead.government_id != government.pk and lead.pk != government.pk:
        raise ValidationError(f"牵头单位“{lead}”不属于{government}。")
    text = _check_text(action, "办理事项", MAX_ACTION)
    deadline = _check_deadline(deadline, meeting.date, "办理期限")
    task = Task.objects.create(
        proposal=locked,
        decision_id=locked.decision_id,
        meeting=meeting,
        meeting_date=meeting.date,
        government=government,
        lead=lead,
        leader=leader_of(lead),
        action=text,
        deadline=deadline,
        deadline_note=(deadline_note or "").strip()[:500],
        warn_from=colour.warn_from(deadline, warning_days(government)),
        created_by=user,
    )
    others = [u for u in co_units if u.pk != lead.pk]
    if others:
        task.co_units.set(others)
    locked.status = Proposal.CONFIRMED
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    TaskTransition.objects.create(
        task=task,
        source="",
        target=task.state,
        action="confirm",
        by=user,
        data={"proposal": locked.pk, "deadline": deadline.isoformat()},
    )
    return task


@db_transaction.atomic
def drop(proposal: Proposal, user: Any, reason: str = "") -> None:
    """Drop a pending proposal (kept, marked dropped, so proposing again skips it)."""
    if not access.is_supervisor(user):
        raise TransitionRefused("只有督查室可以舍弃督办建议。")
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != Proposal.PENDING:
        raise TransitionRefused(f"这条建议已{locked.get_status_display()}，请刷新页面查看。")
    locked.status = Proposal.DROPPED
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])


@db_transaction.atomic
def transition(
    task: Task,
    action: str,
    user: Any,
    reason: str = "",
    *,
    version: int | None = None,
    **data: Any,
) -> Task:
    """Take ``action`` on ``task`` as ``user``; returns the updated task.

    ``data`` by action: ``report`` — ``text``, ``percent`` (0–100), ``files`` (uploaded
    files, checked by jiyao.followup.evidence); ``extend`` — ``deadline`` (a date after
    the meeting). ``version``, when given, must match the stored one (optimistic lock).
    Raises TransitionRefused or ValidationError (Chinese) and stores nothing then.
    """
    locked = Task.objects.select_for_update().select_related("government").get(pk=task.pk)
    if version is not None and int(version) != locked.version:
        raise TransitionRefused(
            "这项督办事项刚被他人修改过，请刷新页面后再操作（您填写的内容已保留）。"
        )
    row = states.MACHINE.check(locked.state, action, access.roles_of(user), reason)
    extra: dict[str, Any] = {}
    if action == "report":
        if not access.may_report(user, locked):
            raise TransitionRefused("只有牵头单位可以反馈这项督办事项的进展。")
        extra = _report(locked, user, data)
    elif action == "extend":
        new = _check_deadline(data.get("deadline"), locked.meeting_date, "延期后的办理期限")
        if new == locked.deadline:
            raise ValidationError("延期后的办理期限与原期限相同。")
        extra = {"old_deadline": locked.deadline.isoformat(), "deadline": new.isoformat()}
        locked.deadline = new
        locked.warn_from = colour.warn_from(new, warning_days(locked.government))
    elif action == "close":
        locked.closed_on = colour.today()
        locked.days_to_close = (locked.closed_on - locked.meeting_date).days
    elif action == "reopen":
        locked.closed_on = None
        locked.days_to_close = None
    source = locked.state
    locked.state = row.target
    locked.version += 1
    locked.save()
    TaskTransition.objects.create(
        task=locked,
        source=source,
        target=row.target,
        action=action,
        by=user,
        reason=(reason or "").strip(),
        data=extra,
    )
    return locked


def _report(task: Task, user: Any, data: dict[str, Any]) -> dict[str, Any]:
    from jiyao.followup.evidence import check_all

    text = _check_text(str(data.get("text") or ""), "进展情况", MAX_REPORT)
    try:
        percent = int(str(data.get("percent", "")).strip().rstrip("%"))
    except ValueError:
        raise ValidationError("完成进度须为 0 到 100 之间的整数。") from None
    if not 0 <= percent <= 100:
        raise ValidationError(f"完成进度“{percent}”须在 0 到 100 之间。")
    checked = check_all(list(data.get("files") or []))
    report = ProgressReport.objects.create(task=task, text=text, percent=percent, by=user)
    for f in checked:
        Evidence.objects.create(
            report=report,
            file=f.content,
            original_name=f.name,
            kind=f.extension,
            size=f.size,
            sha256=f.sha256,
        )
    task.percent = percent
    return {"report": report.pk, "percent": percent, "files": [f.name for f in checked]}


def todo_for(user: Any) -> list[tuple[str, str]]:
    """What ``user`` has to do next in follow-up: (Chinese text, URL)."""
    out: list[tuple[str, str]] = []
    if access.is_supervisor(user):
        out.extend(_to_split())
        pending = Proposal.objects.filter(status=Proposal.PENDING)
        n = pending.count()
        if n:
            out.append((f"{n} 条督办建议待确认", reverse("followup:meetings")))
        reported = Task.objects.filter(state=states.REPORTED).count()
        if reported:
            out.append(
                (
                    f"{reported} 项督办事项的进展待审核",
                    reverse("followup:tasks") + "?state=reported",
                )
            )
        red = Task.objects.filter(colour.colour_q(colour.RED)).count()
        if red:
            out.append((f"{red} 项督办事项已逾期", reverse("followup:tasks") + "?colour=red"))
    unit = access.unit_of(user)
    if unit is not None:
        mine = Task.objects.filter(
            lead=unit, state__in=(states.OPEN, states.IN_PROGRESS, states.RETURNED)
        )
        returned = mine.filter(state=states.RETURNED).count()
        url = reverse("followup:unit", args=[unit.pk])
        if returned:
            out.append((f"{returned} 项督办事项被退回，须重新反馈", url))
        red = mine.filter(deadline__lt=colour.today()).count()
        if red:
            out.append((f"{red} 项督办事项已逾期，请尽快办理并反馈", url))
        due = mine.filter(colour.colour_q(colour.YELLOW)).count()
        if due:
            out.append((f"{due} 项督办事项临近期限", url))
        # The rest are on time: still the unit's to report on, or the desk shows nothing.
        rest = mine.count() - returned - red - due
        if rest > 0:
            out.append((f"{rest} 项督办事项待报送进展", url))
    return out


def _to_split() -> list[tuple[str, str]]:
    """Minutes in the archive — signed in jiyao or imported — whose decisions ask for
    something and have neither proposals nor tasks yet: the supervisor's first step of
    follow-up (otherwise nothing on the desk leads there). See jiyao.followup.suggest."""
    from jiyao.followup.suggest import desk_items

    return desk_items()
