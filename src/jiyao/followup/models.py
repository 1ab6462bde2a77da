"""督办: proposals split from decisions, the tasks confirmed from them, their progress.

- :class:`Proposal` — one task jiyao proposes from a decision's own words (lead unit,
  co-units, what must be done, deadline, each with the span it came from). The
  supervisor confirms, edits or drops it; the choice is kept, so proposing again never
  brings a dropped proposal back.
- :class:`Task` — a confirmed assignment: lead unit, co-units, action, deadline. Its
  state changes only through :func:`jiyao.followup.services.transition` (table in
  :mod:`jiyao.followup.states`), which writes a :class:`TaskTransition` row.
  ``warn_from`` (the first day of the yellow warning) is stored when the deadline is
  set, so lists filter by colour with plain date ranges on an index.
- :class:`ProgressReport` and :class:`Evidence` — what the lead unit reports.
- :class:`ReminderSent` — one row per unit and day, so ``jiyao remind`` is idempotent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jiyao.followup import states
from jiyao.uploads import upload_storage


class Proposal(models.Model):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DROPPED = "dropped"
    STATUS_CHOICES = ((PENDING, "待确认"), (CONFIRMED, "已确认立项"), (DROPPED, "已舍弃"))

    decision = models.ForeignKey(
        "archive.Decision",
        verbose_name="会议决定",
        on_delete=models.CASCADE,
        related_name="followup_proposals",
    )
    meeting = models.ForeignKey(
        "archive.Meeting", verbose_name="会议", on_delete=models.CASCADE, related_name="+"
    )
    #: Order among the proposals of one decision.
    position = models.PositiveIntegerField("顺序", default=0)
    kind = models.CharField("类别", max_length=10, default="task")
    lead_name = models.TextField("牵头单位（原文）", blank=True, default="")
    lead_source = models.CharField("牵头单位来源", max_length=10, default="none")
    lead = models.ForeignKey(
        "archive.Organization",
        verbose_name="牵头单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    co_names = models.JSONField("配合单位（原文）", default=list, blank=True)
    action = models.TextField("办理事项")
    deadline = models.DateField("办理期限", null=True, blank=True)
    deadline_phrase = models.TextField("期限原文", blank=True, default="")
    deadline_note = models.TextField("期限说明", blank=True, default="")
    #: Field → [start, end] into the minutes' normalized text.
    spans = models.JSONField("原文位置", default=dict, blank=True)
    status = models.CharField("状态", max_length=10, choices=STATUS_CHOICES, default=PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "督办建议"
        verbose_name_plural = "督办建议"
        ordering = ("meeting", "decision", "position")
        constraints = (
            models.UniqueConstraint(
                fields=["decision", "position"], name="followup_proposal_position"
            ),
        )

    def __str__(self) -> str:
        return self.action[:40]


class Task(models.Model):
    proposal = models.OneToOneField(
        Proposal,
        verbose_name="来源建议",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="task",
    )
    decision = models.ForeignKey(
        "archive.Decision", verbose_name="会议决定", on_delete=models.CASCADE, related_name="tasks"
    )
    meeting = models.ForeignKey(
        "archive.Meeting", verbose_name="会议", on_delete=models.CASCADE, related_name="tasks"
    )
    #: A copy of the meeting's date (the start of the median "meeting → 办结").
    meeting_date = models.DateField("会议日期")
    government = models.ForeignKey(
        "archive.Organization", verbose_name="政府", on_delete=models.CASCADE, related_name="+"
    )
    lead = models.ForeignKey(
        "archive.Organization",
        verbose_name="牵头单位",
        on_delete=models.PROTECT,
        related_name="followup_tasks",
    )
    co_units = models.ManyToManyField(
        "archive.Organization", verbose_name="配合单位", blank=True, related_name="co_tasks"
    )
    #: The leader in charge of the lead unit (分管领导) when the task was made.
    leader = models.ForeignKey(
        "archive.Person",
        verbose_name="分管领导",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followup_tasks",
    )
    action = models.TextField("办理事项")
    deadline = models.DateField("办理期限")
    deadline_note = models.TextField("期限说明", blank=True, default="")
    #: First day of the yellow warning: ``deadline`` minus the government's warning days.
    warn_from = models.DateField("预警起始日")
    state = models.CharField(
        "状态", max_length=20, choices=tuple(states.STATES.items()), default=states.OPEN
    )
    percent = models.PositiveSmallIntegerField("完成进度（%）", default=0)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    #: Days from the meeting to 办结 (for the median; null while open).
    days_to_close = models.IntegerField("会议至办结天数", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("立项时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    version = models.PositiveIntegerField("版本", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "督办事项"
        verbose_name_plural = "督办事项"
        ordering = ("deadline", "pk")
        indexes = (
            models.Index(fields=["lead", "state", "deadline"], name="followup_task_lead"),
            # Covering indexes of the dashboard: its grouped counts (colours need state,
            # deadline, warn_from) and medians (days_to_close) never touch the table.
            models.Index(
                fields=["government", "lead", "state", "deadline", "warn_from"],
                name="followup_task_gov_lead2",
            ),
            models.Index(
                fields=["government", "leader", "state", "deadline", "warn_from"],
                name="followup_task_gov_leader2",
            ),
            models.Index(
                fields=["government", "lead", "days_to_close"],
                name="followup_task_lead_days",
                condition=models.Q(days_to_close__isnull=False),
            ),
            models.Index(
                fields=["government", "leader", "days_to_close"],
                name="followup_task_leader_days",
                condition=models.Q(days_to_close__isnull=False),
            ),
            models.Index(
                fields=["government", "-meeting_date", "meeting"], name="followup_task_gov_date"
            ),
            models.Index(fields=["government", "meeting"], name="followup_task_gov_meeting"),
            models.Index(fields=["state", "warn_from"], name="followup_task_warn"),
        )

    def __str__(self) -> str:
        return self.action[:40]

    @property
    def is_open(self) -> bool:
        return self.state in states.OPEN_STATES


class ProgressReport(models.Model):
    task = models.ForeignKey(
        Task, verbose_name="督办事项", on_delete=models.CASCADE, related_name="reports"
    )
    text = models.TextField("进展情况")
    percent = models.PositiveSmallIntegerField("完成进度（%）")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="反馈人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("反馈时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理反馈"
        verbose_name_plural = "办理反馈"
        ordering = ("task", "at", "pk")

    def __str__(self) -> str:
        return f"{self.percent}% {self.text[:30]}"


class Evidence(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name="办理反馈", on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField("文件", upload_to="followup/%Y/%m/", storage=upload_storage)
    original_name = models.CharField("文件名", max_length=255)
    kind = models.CharField("类型", max_length=10)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("哈希", max_length=64)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ("report", "pk")

    def __str__(self) -> str:
        return self.original_name


class TaskTransition(models.Model):
    """Append-only log of a task's changes (never updated or deleted by jiyao)."""

    task = models.ForeignKey(
        Task, verbose_name="督办事项", on_delete=models.CASCADE, related_name="transitions"
    )
    source = models.CharField("原状态", max_length=20)
    target = models.CharField("新状态", max_length=20)
    action = models.CharField("操作", max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    reason = models.TextField("理由", blank=True, default="")
    #: What the action changed besides the state (a new deadline, the report's id …).
    data = models.JSONField("附加信息", default=dict, blank=True)

    class Meta:
        verbose_name = "督办流转记录"
        verbose_name_plural = "督办流转记录"
        ordering = ("task", "at", "pk")

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class ReminderSent(models.Model):
    """``jiyao remind`` sent ``unit`` its reminder on ``day`` (one e-mail per unit and day)."""

    unit = models.ForeignKey(
        "archive.Organization", verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField("日期")
    due = models.PositiveIntegerField("临期事项数", default=0)
    overdue = models.PositiveIntegerField("逾期事项数", default=0)
    recipients = models.JSONField("收件人", default=list, blank=True)
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "督办提醒"
        verbose_name_plural = "督办提醒"
        constraints = (
            models.UniqueConstraint(fields=["unit", "day"], name="followup_reminder_once"),
        )
