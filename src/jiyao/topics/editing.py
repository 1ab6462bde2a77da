"""Creating and changing a topic's contents: fields, materials and checks, with a version check.

Theory of operation: :func:`save_topic` is the one writer of a topic's contents. It runs
in one transaction: the topic row is locked, its ``version`` compared with the version
the user's form was built from (:class:`~jiyao.topics.services.StaleTopic` when someone
saved in between, so nobody's input is silently overwritten), the fields updated and
``version`` bumped, materials removed/added and checks recorded/removed. Files are
validated before (jiyao.uploads) and written inside the transaction; when anything
fails, the files written so far are deleted again, so nothing is half-stored. Files of
removed materials are deleted only after the commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from jiyao.accounts.models import government_of, profile_of
from jiyao.accounts.roles import DEPARTMENT
from jiyao.flow import TransitionRefused
from jiyao.topics import states
from jiyao.topics.models import Check, Material, Topic
from jiyao.topics.services import StaleTopic, can_edit, roles_of
from jiyao.uploads import ValidatedFile, upload_storage


@dataclass
class CheckInput:
    """A check as the form gives it; ``done=False`` removes a recorded check."""

    kind: str
    done: bool
    passed_on: dt.date | None = None
    evidence: str = ""
    evidence_file: ValidatedFile | None = None


@dataclass
class TopicInput:
    """Everything the topic form carries."""

    title: str
    action: str
    kind: str
    summary: str
    series: Any
    new_materials: list[tuple[ValidatedFile, str]] = field(default_factory=list)
    removed_materials: list[int] = field(default_factory=list)
    checks: list[CheckInput] = field(default_factory=list)


def may_create(user: Any) -> str:
    """ "" when ``user`` may create topics; otherwise the Chinese reason why not."""
    if DEPARTMENT not in roles_of(user):
        return "只有部门联络员可以申报议题。"
    profile = profile_of(user)
    if profile is None or profile.organization is None or government_of(user) is None:
        return "您的账户尚未设置所在单位，请联系管理员。"
    return ""


def save_topic(
    user: Any, data: TopicInput, topic: Topic | None = None, expected_version: int | None = None
) -> Topic:
    """Create a topic (``topic`` None) or change one; return it saved.

    Refusals (TransitionRefused, StaleTopic) carry a Chinese message; nothing is written then.
    """
    written: list[str] = []
    try:
        with transaction.atomic():
            if topic is None:
                reason = may_create(user)
                if reason:
                    raise TransitionRefused(reason)
                profile = profile_of(user)
                assert profile is not None
                current = Topic(
                    government=government_of(user),
                    department=profile.organization,
                    created_by=user,
                )
                current._change_reason = "新建议题"  # type: ignore[attr-defined]
            else:
                current = Topic.objects.select_for_update().get(pk=topic.pk)
                if expected_version is not None and current.version != expected_version:
                    raise StaleTopic(
                        f"议题“{current.title}”在您编辑期间已被他人修改（第 {current.version} 版），"
                        "您的修改没有保存。请核对下面保留的内容，刷新后重新提交。"
                    )
                if not can_edit(user, current):
                    raise TransitionRefused(
                        f"议题当前状态为“{states.MACHINE.label(current.state)}”，"
                        "只有本单位在草稿或退回状态下可以修改。"
                    )
                current.version += 1
                current._change_reason = "修改议题内容"  # type: ignore[attr-defined]
            if data.series.government_id != current.government_id:
                raise TransitionRefused("所选会议不属于本级政府。")
            current.title = data.title
            current.action = data.action
            current.kind = data.kind
            current.summary = data.summary
            current.series = data.series
            current.save()
            _apply_materials(current, data, user, written)
            _apply_checks(current, data, user, written)
    except BaseException:
        storage = upload_storage()
        for name in written:
            storage.delete(name)
        raise
    return current


def _apply_materials(topic: Topic, data: TopicInput, user: Any, written: list[str]) -> None:
    if data.removed_materials:
        gone = list(topic.materials.filter(pk__in=data.removed_materials))
        names = [m.file.name for m in gone]
        for m in gone:
            m._change_reason = "删除材料"  # type: ignore[attr-defined]
            m.delete()
        storage = upload_storage()
        transaction.on_commit(lambda: [storage.delete(n) for n in names])
    for validated, stage in data.new_materials:
        material = Material(
            topic=topic,
            original_name=validated.name,
            stage=stage,
            size=validated.size,
            sha256=validated.sha256,
            uploaded_by=user,
        )
        material.file.save(_stored_name(validated), validated.content, save=False)
        written.append(material.file.name)
        material._change_reason = "上传材料"  # type: ignore[attr-defined]
        material.save()


def _apply_checks(topic: Topic, data: TopicInput, user: Any, written: list[str]) -> None:
    for item in data.checks:
        existing = topic.checks.filter(kind=item.kind).first()
        if not item.done:
            if existing is not None:
                existing._change_reason = "取消前置程序记录"  # type: ignore[attr-defined]
                existing.delete()
            continue
        check = existing or Check(topic=topic, kind=item.kind)
        changed = (
            existing is None
            or check.passed_on != item.passed_on
            or check.evidence != item.evidence
            or item.evidence_file is not None
        )
        if not changed:
            continue
        check.passed_on = item.passed_on
        check.evidence = item.evidence
        check.recorded_by = user
        if item.evidence_file is not None:
            check.evidence_file.save(
                _stored_name(item.evidence_file), item.evidence_file.content, save=False
            )
            written.append(check.evidence_file.name)
        check._change_reason = "记录前置程序"  # type: ignore[attr-defined]
        check.save()


def _stored_name(validated: ValidatedFile) -> str:
    """The name on disk: the hash prefix and the extension (the original name stays in
    the row); no user-chosen characters reach the file system."""
    return f"{validated.sha256[:16]}.{validated.extension}"


def change_log(topic: Topic, limit: int = 50) -> list[tuple[Any, Any, str]]:
    """Every recorded change of the topic's contents, newest first: (when, who, what) —
    the topic's fields, its materials and its checks (django-simple-history rows)."""
    rows: list[tuple[Any, Any, str]] = []
    for h in topic.history.select_related("history_user").order_by("-history_date")[:limit]:
        what = h.history_change_reason or ("新建议题" if h.history_type == "+" else "修改")
        rows.append((h.history_date, h.history_user, f"{what}（第 {h.version} 版）"))
    verbs = {"+": "上传材料", "~": "修改材料", "-": "删除材料"}
    for m in Material.history.filter(topic_id=topic.pk).select_related("history_user")[:limit]:
        rows.append(
            (
                m.history_date,
                m.history_user,
                f"{verbs[m.history_type]}“{m.original_name}”（{m.stage}）",
            )
        )
    verbs = {"+": "记录前置程序", "~": "修改前置程序", "-": "取消前置程序"}
    for c in Check.history.filter(topic_id=topic.pk).select_related("history_user")[:limit]:
        name = dict(Check._meta.get_field("kind").choices).get(c.kind, c.kind)
        rows.append((c.history_date, c.history_user, f"{verbs[c.history_type]}“{name}”"))
    rows.sort(key=lambda row: row[0], reverse=True)
    return rows[:limit]
