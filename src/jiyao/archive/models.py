"""The archive's tables: one stored meeting per imported minutes document.

A record (jiyao.minutes.record.Record) becomes rows in exactly one place,
:mod:`jiyao.archive.importer`, and rows become a record again in exactly one place,
:meth:`Meeting.to_record` (see :mod:`jiyao.archive.records`). Everything the record
says is kept *as written* (``ItemSubmitter.name_as_written``,
``Distribution.recipient``, ``Meeting.body``) so that the way back is exact; the links
to :class:`Organization` and :class:`Person` are the resolved, canonical side used by
the pages and search filters.

Organizations are scoped to their government: a department row belongs to one
government (``government``), named by its canonical full name (县发改局 →
县发展和改革局, see jiyao.minutes.orgs) and found by any of its ``aliases``. People are
scoped to a government too (the same name in two counties is two people).

Editable models carry ``history = HistoricalRecords()`` (django-simple-history), so the
admin shows who changed what and when.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from simple_history.models import HistoricalRecords

from jiyao.minutes.record import ACTION_LABELS, ATTENDANCE_LABELS, DECISION_LABELS

if TYPE_CHECKING:
    from jiyao.minutes.record import Record

ACTION_CHOICES = list(ACTION_LABELS.items())
DECISION_CHOICES = list(DECISION_LABELS.items())


class Organization(models.Model):
    """A government, or a department/unit (usually of a government)."""

    GOVERNMENT = "government"
    DEPARTMENT = "department"
    OTHER = "other"
    KIND_CHOICES = ((GOVERNMENT, "人民政府"), (DEPARTMENT, "部门"), (OTHER, "其他"))

    name = models.TextField("名称", db_index=True)
    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES, default=DEPARTMENT)
    government = models.ForeignKey(
        "self",
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="departments",
    )
    full_name = models.TextField("全称", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(
                fields=["government", "name"], name="archive_org_unique_in_government"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(government__isnull=True),
                name="archive_org_unique_top_level",
            ),
        )

    def __str__(self) -> str:
        return self.name


class OrganizationAlias(models.Model):
    """Another name of an organization (县发改局 for 县发展和改革局); users may add more."""

    organization = models.ForeignKey(
        Organization, verbose_name="单位", on_delete=models.CASCADE, related_name="aliases"
    )
    alias = models.TextField("别名", db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "单位简称"
        verbose_name_plural = "单位简称"
        ordering = ("alias",)
        constraints = (
            models.UniqueConstraint(
                fields=["organization", "alias"], name="archive_alias_unique_per_org"
            ),
        )

    def __str__(self) -> str:
        return self.alias


class Person(models.Model):
    """A named individual, scoped to the government whose minutes name them."""

    name = models.TextField("姓名", db_index=True)
    government = models.ForeignKey(
        Organization,
        verbose_name="政府",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="people",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(
                fields=["government", "name"], name="archive_person_unique_in_government"
            ),
        )

    def __str__(self) -> str:
        return self.name


class MeetingSeries(models.Model):
    """A government's meetings of one kind (常务会议, 全体会议, …); ``kind`` "" = unknown."""

    government = models.ForeignKey(
        Organization, verbose_name="政府", on_delete=models.CASCADE, related_name="series"
    )
    kind = models.TextField("会议类型", blank=True, default="")

    class Meta:
        verbose_name = "会议系列"
        verbose_name_plural = "会议系列"
        constraints = (
            models.UniqueConstraint(fields=["government", "kind"], name="archive_series_unique"),
        )

    def __str__(self) -> str:
        return f"{self.government.name}{self.kind}"


class Meeting(models.Model):
    """One sitting of a series (第N次会议)."""

    series = models.ForeignKey(
        MeetingSeries, verbose_name="会议系列", on_delete=models.CASCADE, related_name="meetings"
    )
    session = models.PositiveIntegerField("届次（第N次）", null=True, blank=True)
    date = models.DateField("会议日期", null=True, blank=True, db_index=True)
    time_of_day = models.TextField("时段", null=True, blank=True)
    chair = models.ForeignKey(
        Person,
        verbose_name="主持人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaired",
    )
    #: The chair's post as the minutes write it (县长, 县委副书记、县长 …).
    chair_post = models.TextField("主持人职务", null=True, blank=True)
    #: 会议召集机关 as written (县政府, 市人民政府 …).
    body = models.TextField("召集机关", null=True, blank=True)
    location = models.TextField("地点", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ("-date", "-session", "-pk")
        indexes = (models.Index(fields=["series", "date"], name="archive_meeting_series_date"),)

    def __str__(self) -> str:
        parts = [self.series.government.name, self.series.kind or "会议"]
        if self.session is not None:
            parts.append(f"第{self.session}次")
        if self.date is not None:
            parts.append(self.date.isoformat())
        return " ".join(parts)

    def to_record(self) -> Record:
        """The minutes record this meeting was imported from (rows → record, with spans)."""
        from jiyao.archive.records import meeting_to_record

        return meeting_to_record(self)


class SourceDocument(models.Model):
    """The original file a meeting came from, and the text the parser read."""

    filename = models.TextField("文件名")
    kind = models.TextField("格式")
    encoding = models.TextField("编码", null=True, blank=True)
    original = models.BinaryField("原始文件")
    #: The normalized text; spans index into it.
    text = models.TextField("规范化文本")
    parser_version = models.TextField("解析器版本")
    #: sha256 of ``original``: the identity of an import (same bytes → same meeting).
    content_hash = models.CharField("内容哈希", max_length=64, unique=True)
    imported_at = models.DateTimeField("导入时间", auto_now=True)
    #: Every source of the meeting: the primary one (``Minutes.source``, whose record the
    #: rows hold) and the others that turned out to be the same meeting (another format,
    #: encoding or typesetting). Null for a source whose meeting was deleted.
    meeting = models.ForeignKey(
        "Meeting",
        verbose_name="会议",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources",
    )
    #: Flat path → [start, end] into this source's ``text`` (its own record's spans; the
    #: primary source's are ``Minutes.spans``).
    spans = models.JSONField("原文位置", default=dict, blank=True)

    class Meta:
        verbose_name = "原始文件"
        verbose_name_plural = "原始文件"

    def __str__(self) -> str:
        return self.filename


class Minutes(models.Model):
    """会议纪要: the document recording one meeting."""

    PUBLIC = "public"
    INTERNAL = "internal"
    VISIBILITY_CHOICES = ((PUBLIC, "公开"), (INTERNAL, "不予公开"))

    meeting = models.OneToOneField(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="minutes"
    )
    title = models.TextField("标题", null=True, blank=True)
    issuer = models.TextField("发文机关", null=True, blank=True)
    issued_on = models.DateField("成文日期", null=True, blank=True)
    number = models.TextField("纪要编号", null=True, blank=True)
    visibility = models.CharField(
        "公开属性", max_length=20, choices=VISIBILITY_CHOICES, default=PUBLIC, db_index=True
    )
    warnings = models.JSONField("解析提示", default=list, blank=True)
    #: Flat path → [start, end] into ``source.text`` (record.Record.spans).
    spans = models.JSONField("原文位置", default=dict, blank=True)
    source = models.OneToOneField(
        SourceDocument,
        verbose_name="原始文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes",
    )
    history = HistoricalRecords(excluded_fields=["spans"])

    class Meta:
        verbose_name = "会议纪要"
        verbose_name_plural = "会议纪要"

    def __str__(self) -> str:
        return self.title or f"纪要 {self.pk}"


class AgendaItem(models.Model):
    """议题: one numbered matter of a meeting, in order (``position``)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveIntegerField("顺序", default=0)
    number = models.PositiveIntegerField("序号")
    heading = models.TextField("标题", blank=True, default="")
    action = models.CharField("议题性质", max_length=20, choices=ACTION_CHOICES, default="other")
    text = models.TextField("正文", blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议事项"
        verbose_name_plural = "会议事项"
        ordering = ("meeting", "position")

    def __str__(self) -> str:
        return self.heading or f"议题 {self.number}"


class ItemSubmitter(models.Model):
    """A department that brought an item, as written and resolved."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name="议题", on_delete=models.CASCADE, related_name="submitters"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_items",
    )
    name_as_written = models.TextField("原文名称")
    position = models.PositiveIntegerField("顺序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "提交单位"
        verbose_name_plural = "提交单位"
        ordering = ("agenda_item", "position")

    def __str__(self) -> str:
        return self.name_as_written


class Document(models.Model):
    """A document (《…》) put before the meeting in an item, with its draft stage."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name="议题", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.TextField("文件标题", db_index=True)
    stage = models.TextField("文稿阶段", null=True, blank=True)
    position = models.PositiveIntegerField("顺序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "审议文件"
        verbose_name_plural = "审议文件"
        ordering = ("agenda_item", "position")

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    """What the meeting decided on an item (every item has one row; outcome may be null)."""

    agenda_item = models.OneToOneField(
        AgendaItem, verbose_name="议题", on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(
        "会议决定", max_length=30, choices=DECISION_CHOICES, null=True, blank=True, db_index=True
    )
    follow_up = models.TextField("后续要求", null=True, blank=True)
    requirements = models.JSONField("会议要求", default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议决定"
        verbose_name_plural = "会议决定"

    def __str__(self) -> str:
        return self.get_outcome_display() or "（无决定）"


class Attendance(models.Model):
    """Who attended, was absent, was invited or observed a meeting."""

    PRESENT = "present"
    ABSENT = "absent"
    INVITED = "invited"
    OBSERVER = "observer"
    ROLE_CHOICES = tuple(ATTENDANCE_LABELS.items())

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        Person, verbose_name="人员", on_delete=models.CASCADE, related_name="attendance"
    )
    role = models.CharField("身份", max_length=20, choices=ROLE_CHOICES)
    position = models.PositiveIntegerField("顺序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "出席情况"
        verbose_name_plural = "出席情况"
        ordering = ("meeting", "role", "position")

    def __str__(self) -> str:
        return f"{self.person.name}（{self.get_role_display()}）"


class Distribution(models.Model):
    """A recipient of the minutes (分送/抄送), as written and, when known, resolved."""

    minutes = models.ForeignKey(
        Minutes, verbose_name="纪要", on_delete=models.CASCADE, related_name="distribution"
    )
    recipient = models.TextField("接收单位（原文）")
    organization = models.ForeignKey(
        Organization,
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="received",
    )
    position = models.PositiveIntegerField("顺序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "分送单位"
        verbose_name_plural = "分送单位"
        ordering = ("minutes", "position")

    def __str__(self) -> str:
        return self.recipient


class SearchEntry(models.Model):
    """The full-text index's source row for one meeting (maintained by the importer).

    ``words`` is the segmented text (jieba ``cut_for_search`` tokens, space-separated)
    that the database indexes: an FTS5 table on SQLite, a tsvector column with a GIN
    index on PostgreSQL (both added by migration 0002). ``plain`` is the unsegmented
    text snippets are cut from. The filter columns are copies, so a search is one
    query over one table.
    """

    meeting = models.OneToOneField(
        Meeting, primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    # The small filter columns come first, so reading them never walks the long text.
    government = models.ForeignKey(
        Organization, null=True, on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(null=True)
    public = models.BooleanField(default=True)
    words = models.TextField()
    plain = models.TextField()

    class Meta:
        verbose_name = "检索索引"
        verbose_name_plural = "检索索引"
        # Covers the join from the full-text match to the filters (no table row read).
        indexes = (
            models.Index(
                fields=["meeting", "public", "government", "date"], name="archive_search_filters"
            ),
            # Meetings per government (the governments page, the home page's filter).
            models.Index(fields=["government", "public"], name="archive_search_gov_public"),
        )


class ReviewFlag(models.Model):
    """Something about a meeting that needs a person (the secretariat's review queue).

    The importer raises them: a government it could not name (a placeholder), a second
    source that disagrees with the first, values the parser doubted (its warnings), a
    re-import that kept a correction against what a newer parser read. Resolved flags
    stay, with who resolved them and why.
    """

    PLACEHOLDER = "placeholder"
    DISAGREES = "disagrees"
    WARNINGS = "warnings"
    CORRECTION_KEPT = "correction_kept"
    KIND_CHOICES = (
        (PLACEHOLDER, "政府待确认"),
        (DISAGREES, "来源文件内容不一致"),
        (WARNINGS, "解析存疑"),
        (CORRECTION_KEPT, "保留了人工更正"),
    )

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="review_flags"
    )
    source = models.ForeignKey(
        SourceDocument,
        verbose_name="原始文件",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="review_flags",
    )
    kind = models.CharField("类型", max_length=30, choices=KIND_CHOICES, db_index=True)
    detail = models.TextField("说明", blank=True, default="")
    created_at = models.DateTimeField("提出时间", auto_now_add=True)
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True, db_index=True)
    resolved_by = models.ForeignKey(
        "auth.User",
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.TextField("处理说明", blank=True, default="")

    class Meta:
        verbose_name = "待复核事项"
        verbose_name_plural = "待复核事项"
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.detail}"


class Generation(models.Model):
    """One row counting the archive's changes, so that pages can be cached safely.

    Database triggers (migration 0007) add one to ``n`` in the same transaction as any
    write to the archive's tables, so ``(epoch, n)`` names one state of the archive:
    a page computed at that state can be served again until it changes
    (jiyao.archive.pagecache). ``epoch`` is renewed when a backup is restored, since a
    restored archive counts again from an older ``n``.
    """

    n = models.BigIntegerField(default=0)
    epoch = models.CharField(max_length=32)

    class Meta:
        verbose_name = "档案版本"
        verbose_name_plural = "档案版本"
