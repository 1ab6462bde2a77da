"""The topic form: fields, up to three new materials with their stage, and the checks.

Uploaded files are checked here (jiyao.uploads), so a refused file is reported on its
own field with the file's name and the reason, and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from jiyao.topics import rules
from jiyao.topics.editing import CheckInput, TopicInput
from jiyao.topics.models import ACTION_CHOICES, STAGE_CHOICES, Topic
from jiyao.uploads import validate_upload

MATERIAL_SLOTS = 3


def _required_by() -> dict[str, str]:
    """Check code → the kinds of topic that need it (shown next to each check)."""
    out: dict[str, list[str]] = {code: [] for code in rules.CHECKS}
    for kind, needed in rules.RULES.items():
        for code in needed:
            out[code].append(rules.KINDS[kind])
    return {code: "、".join(kinds) for code, kinds in out.items()}


class TopicForm(forms.Form):
    title = forms.CharField(
        label="议题名称",
        max_length=200,
        help_text="例：审议《象山县海洋经济发展“十四五”规划》（送审稿）",
    )
    series = forms.ModelChoiceField(label="提交会议", queryset=None, empty_label=None)
    action = forms.ChoiceField(label="议题性质", choices=ACTION_CHOICES)
    kind = forms.ChoiceField(
        label="议题类别",
        choices=tuple(rules.KINDS.items()),
        help_text="类别决定须完成哪些前置程序。",
    )
    summary = forms.CharField(
        label="内容摘要",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="背景、依据、主要内容、需会议决定的事项。",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, government: Any, topic: Topic | None = None, **kw: Any):
        super().__init__(*args, **kw)
        from jiyao.archive.models import MeetingSeries

        self.topic = topic
        series = MeetingSeries.objects.filter(government=government).order_by("kind")
        self.fields["series"].queryset = series
        self.fields["series"].label_from_instance = lambda s: s.kind or "会议"
        for i in range(MATERIAL_SLOTS):
            self.fields[f"material_{i}"] = forms.FileField(
                label=f"材料 {i + 1}", required=False, help_text="Word（.docx）或 PDF"
            )
            self.fields[f"stage_{i}"] = forms.ChoiceField(
                label="文稿阶段", choices=STAGE_CHOICES, initial="送审稿"
            )
        if topic is not None:
            self.fields["remove"] = forms.MultipleChoiceField(
                label="删除已上传的材料",
                required=False,
                choices=[(str(m.pk), m.original_name) for m in topic.materials.all()],
                widget=forms.CheckboxSelectMultiple,
            )
        recorded = {c.kind: c for c in topic.checks.all()} if topic is not None else {}
        needed_by = _required_by()
        self.check_rows: list[tuple[str, str, str]] = []
        for code, name in rules.CHECKS.items():
            done = code in recorded
            row = recorded.get(code)
            self.fields[f"check_{code}"] = forms.BooleanField(
                label=f"已完成{name}", required=False, initial=done
            )
            self.fields[f"check_{code}_date"] = forms.DateField(
                label="完成日期",
                required=False,
                initial=row.passed_on if row else None,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"check_{code}_evidence"] = forms.CharField(
                label="依据说明",
                required=False,
                initial=row.evidence if row else "",
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="例：2021年5月10日至24日在县政府网站公开征求意见，收到意见12条，已采纳8条。",
            )
            self.fields[f"check_{code}_file"] = forms.FileField(
                label="证明材料（可选）", required=False
            )
            self.check_rows.append((code, name, needed_by[code] or "—"))
        if topic is not None and not self.is_bound:
            self.initial.update(
                title=topic.title,
                series=topic.series_id,
                action=topic.action,
                kind=topic.kind,
                summary=topic.summary,
                version=topic.version,
            )

    def rules_json(self) -> str:
        """Topic kind → the check codes it requires (read by topics/form.js)."""
        import json

        return json.dumps({kind: list(needed) for kind, needed in rules.RULES.items()})

    def material_slots(self) -> list[tuple[Any, Any]]:
        return [(self[f"material_{i}"], self[f"stage_{i}"]) for i in range(MATERIAL_SLOTS)]

    def checks(self) -> list[tuple[str, str, str, list[Any]]]:
        return [
            (
                code,
                name,
                needed,
                [self[f"check_{code}{part}"] for part in ("", "_date", "_evidence", "_file")],
            )
            for code, name, needed in self.check_rows
        ]

    def _file(self, name: str) -> Any:
        uploaded = self.cleaned_data.get(name)
        if not uploaded:
            return None
        try:
            return validate_upload(uploaded)
        except ValidationError as refused:
            self.add_error(name, refused)
            return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(MATERIAL_SLOTS):
            data[f"material_{i}"] = self._file(f"material_{i}")
        for code, name in rules.CHECKS.items():
            data[f"check_{code}_file"] = self._file(f"check_{code}_file")
            if not data.get(f"check_{code}"):
                continue
            if not data.get(f"check_{code}_date"):
                self.add_error(f"check_{code}_date", f"请填写{name}的完成日期。")
            if not (data.get(f"check_{code}_evidence") or "").strip():
                self.add_error(f"check_{code}_evidence", f"请说明{name}的依据。")
        return data

    def to_input(self) -> TopicInput:
        d = self.cleaned_data
        return TopicInput(
            title=d["title"].strip(),
            action=d["action"],
            kind=d["kind"],
            summary=d.get("summary", "").strip(),
            series=d["series"],
            new_materials=[
                (d[f"material_{i}"], d[f"stage_{i}"])
                for i in range(MATERIAL_SLOTS)
                if d.get(f"material_{i}") is not None
            ],
            removed_materials=[int(pk) for pk in d.get("remove", [])],
            checks=[
                CheckInput(
                    kind=code,
                    done=bool(d.get(f"check_{code}")),
                    passed_on=d.get(f"check_{code}_date"),
                    evidence=(d.get(f"check_{code}_evidence") or "").strip(),
                    evidence_file=d.get(f"check_{code}_file"),
                )
                for code in rules.CHECKS
            ],
        )
