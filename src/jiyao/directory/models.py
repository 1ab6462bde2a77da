"""Who is who in a government, and the rules its meetings follow.

Everything here belongs to one government (an archive ``Organization`` of kind
government) and is edited by the secretariat in the web pages, with history
(django-simple-history) so a later reader sees who changed what and why.

- :class:`Post` — a person's role in an organization over a period (县长, 副县长, 局长).
- :class:`SeriesMember` — the members (组成人员) of a meeting series, who count for the
  quorum, each with the post they hold there and the period.
- :class:`FixedObserver` — units that observe (列席) every meeting of a series.
- :class:`Portfolio` — which departments a leader is in charge of (分管).
- :class:`LocalRules` — the locality's numbers, with the defaults of docs/domain.md.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from simple_history.models import HistoricalRecords


class Post(models.Model):
    """职务: ``person`` holds ``title`` in ``organization`` from ``start`` to ``end``."""

    person = models.ForeignKey(
        "archive.Person", verbose_name="人员", on_delete=models.CASCADE, related_name="posts"
    )
    organization = models.ForeignKey(
        "archive.Organization",
        verbose_name="单位",
        on_delete=models.CASCADE,
        related_name="posts",
    )
    title = models.CharField("职务", max_length=60)
    start = models.DateField("任职日期", null=True, blank=True)
    end = models.DateField("离任日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "职务"
        verbose_name_plural = "职务"
        ordering = ("organization", "title", "person")

    def __str__(self) -> str:
        return f"{self.organization}{self.title}{self.person}"

    def current(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


class SeriesMember(models.Model):
    """组成人员: a member of a meeting series from ``start`` to ``end`` (counts for the quorum)."""

    series = models.ForeignKey(
        "archive.MeetingSeries",
        verbose_name="会议系列",
        on_delete=models.CASCADE,
        related_name="members",
    )
    person = models.ForeignKey(
        "archive.Person",
        verbose_name="人员",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    post = models.ForeignKey(
        Post, verbose_name="职务", null=True, blank=True, on_delete=models.SET_NULL
    )
    #: Order in the 出席 line (head first, then deputies by rank, then the office director).
    position = models.PositiveIntegerField("排序", default=0)
    start = models.DateField("起始日期", null=True, blank=True)
    end = models.DateField("终止日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "组成人员"
        verbose_name_plural = "组成人员"
        ordering = ("series", "position", "pk")

    def __str__(self) -> str:
        return f"{self.series}：{self.person}"

    def current(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


class FixedObserver(models.Model):
    """固定列席单位 of a series."""

    series = models.ForeignKey(
        "archive.MeetingSeries",
        verbose_name="会议系列",
        on_delete=models.CASCADE,
        related_name="fixed_observers",
    )
    organization = models.ForeignKey(
        "archive.Organization", verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "固定列席单位"
        verbose_name_plural = "固定列席单位"
        ordering = ("series", "position", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["series", "organization"], name="directory_observer_unique"
            ),
        )

    def __str__(self) -> str:
        return str(self.organization)


class Portfolio(models.Model):
    """分管: ``leader`` is in charge of ``department`` (one row per pair and period)."""

    government = models.ForeignKey(
        "archive.Organization",
        verbose_name="政府",
        on_delete=models.CASCADE,
        related_name="portfolios",
    )
    leader = models.ForeignKey(
        "archive.Person",
        verbose_name="分管领导",
        on_delete=models.CASCADE,
        related_name="portfolio",
    )
    department = models.ForeignKey(
        "archive.Organization",
        verbose_name="分管单位",
        on_delete=models.CASCADE,
        related_name="leaders_in_charge",
    )
    start = models.DateField("起始日期", null=True, blank=True)
    end = models.DateField("终止日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "分管"
        verbose_name_plural = "分管"
        ordering = ("government", "leader", "department")

    def __str__(self) -> str:
        return f"{self.leader}分管{self.department}"


class LocalRules(models.Model):
    """The locality's rules for its meetings and follow-up (one row per government).

    Defaults follow docs/domain.md: quorum more than half of the members (§1.3); papers
    three working days before (§1.11); at most eight topics (§1.12); minutes within two
    working days (§1.16); follow-up warnings five working days before a deadline and a
    default period of 30 working days where a decision names none (§1.20).
    """

    government = models.OneToOneField(
        "archive.Organization",
        verbose_name="政府",
        on_delete=models.CASCADE,
        related_name="rules",
    )
    #: The quorum is reached when present members > ``quorum_share`` × members.
    quorum_share = models.DecimalField(
        "法定人数比例（超过）", max_digits=3, decimal_places=2, default=0.5
    )
    material_deadline_days = models.PositiveSmallIntegerField(
        "材料提交期限（会前工作日）", default=3
    )
    max_topics = models.PositiveSmallIntegerField("每次会议议题上限", default=8)
    minutes_deadline_days = models.PositiveSmallIntegerField(
        "纪要印发期限（会后工作日）", default=2
    )
    followup_warning_days = models.PositiveSmallIntegerField(
        "督办黄色预警（到期前工作日）", default=5
    )
    followup_default_days = models.PositiveSmallIntegerField(
        "未写明期限时的默认办理期限（工作日）", default=30
    )
    #: Whether readers (公众) may see this government's follow-up (off by default).
    followup_public = models.BooleanField("督办情况对公众公开", default=False)
    #: Whether a 传达学习 item addressed to 各地各部门 becomes one notice-style task.
    convey_items_tracked = models.BooleanField("传达学习事项立项督办", default=False)
    #: Default recipients (分送) of this government's minutes, organization names in order.
    default_distribution = models.JSONField("默认分送单位", default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "议事规则"
        verbose_name_plural = "议事规则"

    def __str__(self) -> str:
        return f"{self.government}议事规则"


def rules_for(government: object) -> LocalRules:
    """The rules of ``government`` (an Organization), created with the defaults if missing."""
    rules, _ = LocalRules.objects.get_or_create(government=government)
    return rules
