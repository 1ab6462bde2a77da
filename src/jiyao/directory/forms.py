"""Forms of the directory, each limited to one government's people, units and series, and
each with the reason that goes into the history."""

from __future__ import annotations

from typing import Any

from django import forms

from jiyao.directory.models import FixedObserver, LocalRules, Portfolio, Post, SeriesMember

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DirectoryForm(forms.ModelForm):
    """A ModelForm scoped to ``government``; ``reason`` is stored in the history."""

    reason = forms.CharField(
        label="修改理由",
        max_length=100,
        required=False,
        help_text="写入修改记录，例：县政府换届后调整分工（县政府〔2021〕12号）",
    )
    #: Field name → a free-text field that may name a new Person/Organization instead.
    new_person_for: str | None = None
    new_org_for: str | None = None

    def __init__(self, *args: Any, government: Any, require_reason: bool = False, **kw: Any):
        super().__init__(*args, **kw)
        from jiyao.archive.models import MeetingSeries, Organization, Person

        self.government = government
        people = Person.objects.filter(government=government).order_by("name")
        units = Organization.objects.filter(pk=government.pk) | Organization.objects.filter(
            government=government
        )
        for name, field in self.fields.items():
            if name in ("person", "leader"):
                field.queryset = people
            elif name in ("organization", "department"):
                field.queryset = units.order_by("kind", "name")
            elif name == "series":
                field.queryset = MeetingSeries.objects.filter(government=government)
                field.label_from_instance = lambda s: s.kind or "会议"
                field.empty_label = None
            elif name == "post":
                field.queryset = Post.objects.filter(person__government=government).select_related(
                    "person", "organization"
                )
            if isinstance(field.widget, forms.DateInput):
                field.widget = DATE
        if self.new_person_for:
            self.fields[self.new_person_for].required = False
            self.fields["new_person"] = forms.CharField(
                label="或新增人员（姓名）",
                required=False,
                max_length=40,
                help_text="名单中没有时填写，例：张微燕",
            )
        if self.new_org_for:
            self.fields[self.new_org_for].required = False
            self.fields["new_organization"] = forms.CharField(
                label="或新增单位（全称）",
                required=False,
                max_length=80,
                help_text="列表中没有时填写，例：县综合行政执法局",
            )
        if require_reason:
            self.fields["reason"].required = True
        self.order_fields([*(k for k in self.fields if k != "reason"), "reason"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        from jiyao.archive.models import Organization, Person

        if self.new_person_for:
            name = (data.get("new_person") or "").strip()
            if name:
                person, _ = Person.objects.get_or_create(government=self.government, name=name)
                data[self.new_person_for] = person
            elif not data.get(self.new_person_for):
                self.add_error(self.new_person_for, "请选择人员，或填写新增人员的姓名。")
        if self.new_org_for:
            name = (data.get("new_organization") or "").strip()
            if name:
                org, _ = Organization.objects.get_or_create(government=self.government, name=name)
                data[self.new_org_for] = org
            elif not data.get(self.new_org_for):
                self.add_error(self.new_org_for, "请选择单位，或填写新增单位的全称。")
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "终止日期不能早于起始日期。")
        return data

    def _post_clean(self) -> None:
        for name in (self.new_person_for, self.new_org_for):
            if name and name in self.cleaned_data:
                setattr(self.instance, name, self.cleaned_data[name])
        super()._post_clean()


class PostForm(DirectoryForm):
    new_person_for = "person"
    new_org_for = "organization"

    class Meta:
        model = Post
        fields = ("person", "organization", "title", "start", "end")
        help_texts = {"title": "例：县长、副县长、县政府办公室主任、局长"}  # noqa: RUF012


class SeriesMemberForm(DirectoryForm):
    new_person_for = "person"

    class Meta:
        model = SeriesMember
        fields = ("series", "person", "post", "position", "start", "end")
        help_texts = {  # noqa: RUF012
            "position": "出席名单中的次序：县长 1，常务副县长 2，其他副县长依次，办公室主任最后",
            "post": "以何职务参加（可选）",
        }


class FixedObserverForm(DirectoryForm):
    new_org_for = "organization"

    class Meta:
        model = FixedObserver
        fields = ("series", "organization", "position")
        help_texts = {"position": "列席名单中的次序，例：1 县发改局，2 县财政局，3 县审计局"}  # noqa: RUF012


class PortfolioForm(DirectoryForm):
    new_person_for = "leader"
    new_org_for = "department"

    class Meta:
        model = Portfolio
        fields = ("leader", "department", "start", "end")
        help_texts = {"department": "该领导分管的部门；一个部门同时只应有一位分管领导"}  # noqa: RUF012


class LocalRulesForm(DirectoryForm):
    distribution = forms.CharField(
        label="默认分送单位",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每行一个，例：县委各部门 / 县人大办、政协办 / 县政府各部门",
    )

    class Meta:
        model = LocalRules
        fields = (
            "quorum_share",
            "material_deadline_days",
            "max_topics",
            "minutes_deadline_days",
            "followup_warning_days",
            "followup_default_days",
            "followup_public",
            "convey_items_tracked",
        )
        help_texts = {  # noqa: RUF012
            "quorum_share": "0.50 表示超过半数组成人员到会方可开会",
            "material_deadline_days": "例：3 表示会前 3 个工作日提交材料",
        }

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        if not self.is_bound:
            self.initial["distribution"] = "\n".join(self.instance.default_distribution or [])

    def clean_quorum_share(self) -> Any:
        value = self.cleaned_data["quorum_share"]
        if value is None or not (0 < value < 1):
            raise forms.ValidationError("请填写 0 到 1 之间的比例，例：0.50。")
        return value

    def save(self, commit: bool = True) -> Any:
        lines = (self.cleaned_data.get("distribution") or "").splitlines()
        self.instance.default_distribution = [s.strip() for s in lines if s.strip()]
        return super().save(commit=commit)
