"""The workflow around a meeting being prepared, held and minuted.

The meeting itself is :class:`jiyao.archive.models.Meeting` from the moment it is created
(series, session, date, chair … entered once); everything here hangs off it:

- :class:`Workflow` — its state (jiyao.meetings.states), the notice, a ``version``;
- :class:`MeetingTransition` — append-only log of the state changes;
- :class:`AgendaEntry` — a topic placed on the agenda (the glossary's AgendaItem while
  the meeting is prepared and held), with the outcome recorded at the meeting;
- :class:`Participant` — who is expected, present or absent (members, invited guests,
  observers), with leave reasons;
- :class:`MinutesDraft` — the minutes being written, a record in record.md's shape, with a
  ``version`` for optimistic locking;
- :class:`MinutesVersion` — each signed version (frozen record, number, issue date);
- :class:`Recipient` — an organization the signed minutes are distributed to, and its 签收.

Every editable row keeps its history (django-simple-history).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jiyao.meetings import states
from jiyao.minutes.record import ATTENDANCE_LABELS, DECISION_LABELS

OUTCOME_CHOICES = list(DECISION_LABELS.items())


class Workflow(models.Model):
    meeting = models.OneToOneField(
        "archive.Meeting", verbose_name="会议", on_delete=models.CASCADE, related_name="workflow"
    )
    state = models.CharField(
        "状态",
        max_length=20,
        choices=tuple(states.STATES.items()),
        default=states.PLANNED,
        db_index=True,
    )
    notice_sent_at = models.DateTimeField("通知发送时间", null=True, blank=True)
    notice_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="通知发送人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    version = models.PositiveIntegerField("版本", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议流程"
        verbose_name_plural = "会议流程"

    def __str__(self) -> str:
        return f"{self.meeting}（{states.MACHINE.label(self.state)}）"


class MeetingTransition(models.Model):
    """Append-only log of a meeting's state changes (never updated or deleted by jiyao)."""

    workflow = models.ForeignKey(
        Workflow, verbose_name="会议", on_delete=models.CASCADE, related_name="transitions"
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

    class Meta:
        verbose_name = "会议流转记录"
        verbose_name_plural = "会议流转记录"
        ordering = ("workflow", "at", "pk")


class AgendaEntry(models.Model):
    """A topic on one meeting's agenda, in order, and what the meeting decided on it."""

    meeting = models.ForeignKey(
        "archive.Meeting", verbose_name="会议", on_delete=models.CASCADE, related_name="agenda"
    )
    topic = models.ForeignKey(
        "topics.Topic",
        verbose_name="议题",
        on_delete=models.PROTECT,
        related_name="agenda_entries",
    )
    position = models.PositiveIntegerField("顺序", default=0)
    outcome = models.CharField(
        "会议决定", max_length=30, choices=OUTCOME_CHOICES, null=True, blank=True
    )
    follow_up = models.TextField("后续要求", blank=True, default="")
    requirements = models.JSONField("会议要求", default=list, blank=True)
    #: Dissenting views (不同意见), kept in the meeting's record, not printed in the 纪要.
    dissent = models.TextField("不同意见", blank=True, default="")
    #: The entry of an earlier meeting that deferred (暂缓) this topic.
    carried_over_from = models.ForeignKey(
        "self",
        verbose_name="上次会议暂缓",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议议程"
        verbose_name_plural = "会议议程"
        ordering = ("meeting", "position", "pk")
        constraints = (
            models.UniqueConstraint(fields=["meeting", "topic"], name="meetings_topic_once"),
        )

    def __str__(self) -> str:
        return str(self.topic)


class Participant(models.Model):
    MEMBER = "member"
    INVITED = "invited"
    OBSERVER = "observer"
    ROLE_CHOICES = (
        (MEMBER, "组成人员"),
        (INVITED, ATTENDANCE_LABELS[INVITED]),
        (OBSERVER, ATTENDANCE_LABELS[OBSERVER]),
    )
    EXPECTED = "expected"
    PRESENT = "present"
    ABSENT = "absent"
    STATUS_CHOICES = ((EXPECTED, "待签到"), (PRESENT, "出席"), (ABSENT, "请假/缺席"))

    meeting = models.ForeignKey(
        "archive.Meeting",
        verbose_name="会议",
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        "archive.Person", verbose_name="人员", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField("身份", max_length=20, choices=ROLE_CHOICES)
    status = models.CharField("出席情况", max_length=20, choices=STATUS_CHOICES, default=EXPECTED)
    leave_reason = models.CharField("请假事由", max_length=100, blank=True, default="")
    leave_approved_by = models.ForeignKey(
        "archive.Person",
        verbose_name="准假人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization = models.ForeignKey(
        "archive.Organization",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: For an observer who attends for one item only.
    agenda_entry = models.ForeignKey(
        AgendaEntry,
        verbose_name="列席议题",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="observers",
    )
    position = models.PositiveIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "参会人员"
        verbose_name_plural = "参会人员"
        ordering = ("meeting", "role", "position", "pk")
        constraints = (
            models.UniqueConstraint(fields=["meeting", "person"], name="meetings_person_once"),
        )

    def __str__(self) -> str:
        return f"{self.person}（{self.get_role_display()}）"


class MinutesDraft(models.Model):
    """The minutes being written: a record (record.md's JSON) and its version."""

    meeting = models.OneToOneField(
        "archive.Meeting",
        verbose_name="会议",
        on_delete=models.CASCADE,
        related_name="minutes_draft",
    )
    record = models.JSONField("纪要内容")
    version = models.PositiveIntegerField("版本", default=1)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "纪要草稿"
        verbose_name_plural = "纪要草稿"


class MinutesVersion(models.Model):
    """One signed version of the minutes; never edited (a correction is a new row)."""

    PUBLIC = "public"
    INTERNAL = "internal"
    VISIBILITY_CHOICES = ((PUBLIC, "公开"), (INTERNAL, "不予公开"))

    meeting = models.ForeignKey(
        "archive.Meeting",
        verbose_name="会议",
        on_delete=models.CASCADE,
        related_name="minutes_versions",
    )
    number_in_meeting = models.PositiveIntegerField("版次", default=1)
    record = models.JSONField("纪要内容")
    #: The composed text the archive stores and the parser reads back.
    text = models.TextField("纪要文本")
    number = models.CharField("纪要编号", max_length=40)
    issued_on = models.DateField("印发日期")
    visibility = models.CharField("公开属性", max_length=20, choices=VISIBILITY_CHOICES)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_at = models.DateTimeField("签发时间", auto_now_add=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name="更正的版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    correction_reason = models.TextField("更正理由", blank=True, default="")

    class Meta:
        verbose_name = "已签发纪要"
        verbose_name_plural = "已签发纪要"
        ordering = ("meeting", "number_in_meeting")
        constraints = (
            models.UniqueConstraint(
                fields=["meeting", "number_in_meeting"], name="meetings_version_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.number}（第{self.number_in_meeting}版）"


class Recipient(models.Model):
    """An organization a signed version is distributed to (分送), and its receipt (签收)."""

    version = models.ForeignKey(
        MinutesVersion, verbose_name="纪要", on_delete=models.CASCADE, related_name="recipients"
    )
    organization = models.ForeignKey(
        "archive.Organization", verbose_name="接收单位", on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField("顺序", default=0)
    acknowledged_at = models.DateTimeField("签收时间", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签收人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField("最近催办时间", null=True, blank=True)
    reminders = models.PositiveSmallIntegerField("催办次数", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "分送签收"
        verbose_name_plural = "分送签收"
        ordering = ("version", "position", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["version", "organization"], name="meetings_recipient_once"
            ),
        )

    def __str__(self) -> str:
        return str(self.organization)
