"""Daily reminders: each unit gets one e-mail listing its due (yellow) and overdue tasks.

:func:`send_reminders` is what ``jiyao remind`` runs (from cron or a systemd timer,
once a day). It reads the open tasks whose warning has started (one indexed range
query on (state, warn_from)), groups them by lead unit, and sends each unit that has
users with an e-mail address one message through Django's mail backend
(``EMAIL_BACKEND``). A :class:`ReminderSent` row per unit and day makes a second run
on the same day send nothing again; units without an address are counted, not failed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from jiyao.followup import colour, states

SUBJECT = "【督办提醒】{unit}：{due} 项临期，{overdue} 项逾期"


@dataclass
class Summary:
    day: dt.date
    sent: int = 0
    skipped_already: int = 0
    no_address: list[str] = field(default_factory=list)
    tasks: int = 0


def _recipients() -> dict[int, list[str]]:
    """Unit id → e-mail addresses of its active department users."""
    from jiyao.accounts.models import Profile

    out: dict[int, list[str]] = defaultdict(list)
    rows = Profile.objects.filter(
        organization__isnull=False,
        user__is_active=True,
        user__groups__name="department",
    ).exclude(user__email="")
    for org, email in rows.values_list("organization_id", "user__email").distinct():
        out[org].append(email)
    return out


def _body(unit: str, rows: list[tuple[Any, ...]], day: dt.date, base_url: str) -> str:
    lines = [f"{unit}：", "", f"截至 {day:%Y年%-m月%-d日}，贵单位牵头的以下督办事项需要关注：", ""]
    for pk, action, deadline, is_red in rows:
        mark = "【逾期】" if is_red else "【临期】"
        text = action if len(action) <= 60 else action[:59] + "…"
        lines.append(f"{mark} 期限 {deadline:%Y-%m-%d}  {text}")
        if base_url:
            lines.append(f"    {base_url.rstrip('/')}/followup/tasks/{pk}/")
    lines += [
        "",
        "请按期办理并及时反馈进展；如需延期，请在期限前向督查室申请。",
        "",
        "（本邮件由纪要系统自动发送，每日一次。）",
    ]
    return "\n".join(lines)


def send_reminders(
    day: dt.date | None = None, *, base_url: str = "", dry_run: bool = False
) -> Summary:
    """Send today's reminders (idempotent per unit and day); returns what happened."""
    from django.core.mail import EmailMessage, get_connection
    from django.db import IntegrityError, transaction

    from jiyao.archive.models import Organization
    from jiyao.followup.models import ReminderSent, Task

    day = day or colour.today()
    summary = Summary(day=day)
    rows = (
        Task.objects.filter(state__in=states.OPEN_STATES, warn_from__lte=day)
        .order_by("lead_id", "deadline", "pk")
        .values_list("lead_id", "pk", "action", "deadline")
    )
    by_unit: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for lead, pk, action, deadline in rows.iterator(chunk_size=5000):
        by_unit[lead].append((pk, action, deadline, deadline < day))
        summary.tasks += 1
    if not by_unit:
        return summary
    done = set(
        ReminderSent.objects.filter(day=day, unit_id__in=list(by_unit)).values_list(
            "unit_id", flat=True
        )
    )
    summary.skipped_already = len(done)
    names = dict(Organization.objects.filter(pk__in=list(by_unit)).values_list("pk", "name"))
    addresses = _recipients()
    connection = None if dry_run else get_connection()
    for unit_id, tasks in by_unit.items():
        if unit_id in done:
            continue
        to = addresses.get(unit_id, [])
        unit = names.get(unit_id, str(unit_id))
        if not to:
            summary.no_address.append(unit)
            continue
        overdue = sum(1 for t in tasks if t[3])
        due = len(tasks) - overdue
        if dry_run:
            summary.sent += 1
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    unit_id=unit_id, day=day, due=due, overdue=overdue, recipients=to
                )
                message = EmailMessage(
                    SUBJECT.format(unit=unit, due=due, overdue=overdue),
                    _body(unit, tasks, day, base_url),
                    to=to,
                    connection=connection,
                )
                message.send()
        except IntegrityError:  # another run got there first today
            summary.skipped_already += 1
            continue
        summary.sent += 1
    return summary
