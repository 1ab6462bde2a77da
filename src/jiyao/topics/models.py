"""议题: what a department asks the meeting to take up, with its materials and checks.

The topic's state changes only through :func:`jiyao.topics.services.transition`, which
consults the table in :mod:`jiyao.topics.states` and writes a :class:`TopicTransition`
row (append-only: who, when, from, to, why). ``version`` is bumped on every save by
the services so that two people editing the same topic cannot overwrite each other.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jiyao.topics import rules, states
from jiyao.uploads import upload_storage

#: The actions a topic asks of the meeting (codes of jiyao.minutes.record's actions).
ACTION_CHOICES = (
    ("deliberate", "审议"),
    ("hear_report", "听取汇报"),
    ("study", "研究"),
    ("convey", "传达学习"),
)

STAGE_CHOICES = (("征求意见稿", "征求意见稿"), ("送审稿", "送审稿"), ("草案", "草案"))


class Topic(models.Model):
    government = models.ForeignKey(
        "archive.Organization", verbose_name="政府", on_delete=models.CASCADE, related_name="+"
    )
    series = models.ForeignKey(
        "archive.MeetingSeries",
        verbose_name="会议系列",
        on_delete=models.CASCADE,
        related_name="topics",
    )
    department = models.ForeignKey(
        "archive.Organization",
        verbose_name="提交单位",
        on_delete=models.PROTECT,
        related_name="topics",
    )
    #: The leader in charge (分管领导), from the portfolio when the topic is submitted.
    leader = models.ForeignKey(
        "archive.Person",
        verbose_name="分管领导",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics_in_charge",
    )
    title = models.CharField("议题名称", max_length=200)
    action = models.CharField("议题性质", max_length=20, choices=ACTION_CHOICES)
    kind = models.CharField("议题类别", max_length=20, choices=tuple(rules.KINDS.items()))
    summary = models.TextField("内容摘要", blank=True, default="")
    state = models.CharField(
        "状态",
        max_length=20,
        choices=tuple(states.STATES.items()),
        default=states.DRAFT,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申报人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    version = models.PositiveIntegerField("版本", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "议题"
        verbose_name_plural = "议题"
        ordering = ("-updated_at", "-pk")

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    """An uploaded file of a topic (docx or pdf), with its draft stage."""

    topic = models.ForeignKey(
        Topic, verbose_name="议题", on_delete=models.CASCADE, related_name="materials"
    )
    file = models.FileField("文件", upload_to="topics/%Y/%m/", storage=upload_storage)
    original_name = models.CharField("文件名", max_length=255)
    stage = models.CharField("文稿阶段", max_length=20, choices=STAGE_CHOICES)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("哈希", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "议题材料"
        verbose_name_plural = "议题材料"
        ordering = ("topic", "uploaded_at", "pk")

    def __str__(self) -> str:
        return self.original_name


class Check(models.Model):
    """A prerequisite check (前置程序) the topic has passed, with its evidence."""

    topic = models.ForeignKey(
        Topic, verbose_name="议题", on_delete=models.CASCADE, related_name="checks"
    )
    kind = models.CharField("前置程序", max_length=20, choices=tuple(rules.CHECKS.items()))
    passed_on = models.DateField("完成日期")
    evidence = models.TextField("依据说明")
    evidence_file = models.FileField(
        "证明材料", upload_to="checks/%Y/%m/", blank=True, storage=upload_storage
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "前置程序"
        verbose_name_plural = "前置程序"
        constraints = (models.UniqueConstraint(fields=["topic", "kind"], name="topics_check_once"),)

    def __str__(self) -> str:
        return self.get_kind_display()


class TopicTransition(models.Model):
    """Append-only log of a topic's state changes (never updated or deleted by jiyao)."""

    topic = models.ForeignKey(
        Topic, verbose_name="议题", on_delete=models.CASCADE, related_name="transitions"
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
        verbose_name = "议题流转记录"
        verbose_name_plural = "议题流转记录"
        ordering = ("topic", "at", "pk")
