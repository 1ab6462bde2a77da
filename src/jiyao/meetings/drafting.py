"""The minutes (纪要) of a meeting held in jiyao: draft, check, sign, correct.

The draft is a record in record.md's shape (:class:`jiyao.minutes.record.Record` as
JSON), generated from the meeting — opening line, items with their department and
documents, decisions, attendance, distribution — so the composer renders it and the
archive stores it with no second model. The secretariat edits it; two people saving the
same draft cannot overwrite each other (``MinutesDraft.version``: a stale save is
refused with :class:`StaleEdit` and nothing is lost).

Before signing, :func:`check_draft` lists what is wrong (an item without an outcome, a
name not among the participants, quorum not met, numbering gaps, a text that would not
parse back into the draft) and what is late (the minutes deadline). Signing (签发, the
chair only) freezes a :class:`MinutesVersion` with its number (〔2026〕12号, per series
and year) and issue date, and stores the composed text in the archive through
:func:`jiyao.archive.held.store_held_minutes` — after checking that the parse of that
text gives the signed record back. A correction is a new version superseding the old
one; both stay readable.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from jiyao.accounts.names import display_name
from jiyao.archive import prerender
from jiyao.flow import TransitionRefused
from jiyao.meetings import states
from jiyao.meetings.access import manages, person_of, roles_of
from jiyao.meetings.models import AgendaEntry, MinutesDraft, MinutesVersion, Participant
from jiyao.meetings.services import (
    OUTCOME_LABELS,
    StaleEdit,
    meeting_name,
    quorum_of,
    today,
    transition,
)
from jiyao.minutes.compose.text import Layout, chinese_numeral, compose_text, item_paragraphs
from jiyao.minutes.errors import RecordError
from jiyao.minutes.followup import add_workdays
from jiyao.minutes.record import (
    ACTION_LABELS,
    ATTENDANCE_CODES,
    ATTENDANCE_LABELS,
    ATTENDANCE_ROLES,
    Attendance,
    Item,
    Record,
)
from jiyao.minutes.record import Meeting as MeetingValue

if TYPE_CHECKING:
    from jiyao.archive.models import Meeting

_VERB = {"审议": "审议", "研究": "研究", "听取汇报": "听取", "传达学习": "传达学习"}


# -- the record of a meeting -------------------------------------------------------------


def issuer_of(meeting: Meeting) -> str:
    return f"{meeting.series.government.name}办公室"


def item_for(entry: AgendaEntry, number: int) -> Item:
    """The minutes item of one agenda entry, its text as the composer prints it."""
    topic = entry.topic
    action = ACTION_LABELS.get(topic.action, "其他")
    dept = topic.department.name
    title, written_stage = matter_of(topic.title, dept)
    stage = _stage(topic) or written_stage
    documents: tuple[str, ...] = ()
    stages: tuple[str | None, ...] = ()
    if action == "审议":
        heading = f"审议{dept}提交的《{title}》" + (f"（{stage}）" if stage else "")
        documents, stages = (title,), (stage,)
    elif action == "研究":
        heading = f"研究{dept}提出的《{title}》" + (f"（{stage}）" if stage else "")
        documents, stages = (title,), (stage,)
    elif action == "听取汇报":
        heading = f"听取{dept}关于{title}的汇报"
    else:
        heading = f"传达学习{title}"
    item = Item(
        number=number,
        heading=heading,
        action=action,
        submitters=(dept,) if action != "传达学习" else (),
        documents=documents,
        document_stages=stages,
        decision=OUTCOME_LABELS.get(entry.outcome) if entry.outcome else None,
        follow_up=entry.follow_up or None,
        requirements=tuple(entry.requirements or ()),
    )
    return with_text(item, carried_from=_carried(entry))


_STAGE = re.compile(r"[（(](送审稿|征求意见稿|草案|讨论稿|代拟稿)[）)]\s*$")
_VERBS = re.compile(r"^(?:会议)?(?:审议|研究|听取|传达学习|学习)")


def matter_of(title: str, department: str = "") -> tuple[str, str | None]:
    """(the matter, its draft stage) of a topic title as departments write it.

    审议《象山县海洋经济发展规划》（送审稿） → (象山县海洋经济发展规划, 送审稿);
    听取县财政局关于预算执行情况的汇报 → (预算执行情况, None); a bare title is kept.
    """
    text = re.sub(r"\s+", "", title)
    stage_match = _STAGE.search(text)
    stage = stage_match.group(1) if stage_match else None
    if stage_match:
        text = text[: stage_match.start()]
    if "《" in text and "》" in text:
        return text[text.index("《") + 1 : text.rindex("》")], stage
    text = _VERBS.sub("", text)
    if department:
        text = text.removeprefix(department)
    text = text.removeprefix("关于").removesuffix("的汇报").removesuffix("汇报")
    return text or title.strip(), stage


def with_text(item: Item, carried_from: str = "") -> Item:
    """``item`` with its text as printed (一、heading, paragraphs), so a parse gives it back."""
    paragraphs = item_paragraphs(replace(item, text=""))
    if carried_from:
        verb = _VERB.get(item.action, "研究")
        paragraphs.insert(1, f"本议题由{carried_from}结转，本次会议再次{verb}。")
    text = "\n\n".join([f"{chinese_numeral(item.number)}、{paragraphs[0]}", *paragraphs[1:]])
    return replace(item, text=text)


def _carried(entry: AgendaEntry) -> str:
    earlier = entry.carried_over_from
    return meeting_name(earlier.meeting) if earlier is not None else ""


def _stage(topic: Any) -> str | None:
    material = topic.materials.order_by("-uploaded_at", "-pk").first()
    return material.stage if material is not None else None


def attendance_of(meeting: Meeting) -> Attendance:
    people = list(
        Participant.objects.filter(meeting=meeting)
        .select_related("person")
        .order_by("position", "pk")
    )

    def names(role: str, status: str) -> tuple[str, ...]:
        return tuple(p.person.name for p in people if p.role == role and p.status == status)

    return Attendance(
        present=names(Participant.MEMBER, Participant.PRESENT),
        absent=names(Participant.MEMBER, Participant.ABSENT),
        invited=names(Participant.INVITED, Participant.PRESENT),
        observers=names(Participant.OBSERVER, Participant.PRESENT),
    )


def default_distribution(meeting: Meeting) -> tuple[str, ...]:
    from jiyao.directory.models import rules_for

    names = [str(n).strip() for n in rules_for(meeting.series.government).default_distribution]
    depts = [
        e.topic.department.name
        for e in AgendaEntry.objects.filter(meeting=meeting).select_related("topic__department")
    ]
    return split_recipients((*names, *depts))


def split_recipients(names: Any) -> tuple[str, ...]:
    """Recipients one by one, as the parser reads a 分送 line: 县人大办、政协办 is two
    (split on 、，。; and line breaks), blanks and repeats dropped."""
    out: list[str] = []
    for name in names:
        for part in re.split(r"[、，,。；;\n]", str(name)):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return tuple(out)


def build_record(meeting: Meeting) -> Record:
    """The minutes record generated from the meeting's rows (the draft's first version)."""
    entries = list(
        AgendaEntry.objects.filter(meeting=meeting)
        .select_related("topic__department", "carried_over_from__meeting__series")
        .order_by("position", "pk")
    )
    return Record(
        title=f"{meeting_name(meeting)}纪要",
        issuer=issuer_of(meeting),
        issued_on=None,
        number=None,
        meeting=MeetingValue(
            body=meeting.body,
            kind=meeting.series.kind or None,
            session=meeting.session,
            date=meeting.date,
            time_of_day=meeting.time_of_day,
            chair=meeting.chair.name if meeting.chair else None,
            location=meeting.location,
        ),
        items=tuple(item_for(e, i) for i, e in enumerate(entries, 1)),
        attendance=attendance_of(meeting),
        distribution=default_distribution(meeting),
    )


def leave_layout(meeting: Meeting, record: Record) -> Layout:
    """The canonical layout with the leave reasons after the absent names (钮晶莹（出差）)."""
    reasons = dict(
        Participant.objects.filter(meeting=meeting, status=Participant.ABSENT).values_list(
            "person__name", "leave_reason"
        )
    )
    listed = [reasons.get(n) or "" for n in record.attendance.absent]
    if not any(listed):
        return Layout()
    return Layout(leave_reasons=tuple(r or "缺席" for r in listed))


# -- the draft -------------------------------------------------------------------------------


def draft_of(meeting: Meeting, user: Any) -> MinutesDraft:
    """The meeting's draft, generated from the meeting when there is none yet."""
    draft = MinutesDraft.objects.filter(meeting=meeting).first()
    if draft is not None:
        return draft
    wf = meeting.workflow
    if wf.state not in states.DRAFTING:
        raise TransitionRefused("会议召开后才能起草纪要。")
    if not manages(user, meeting):
        raise TransitionRefused("只有本级政府办（秘书科）可以起草纪要。")
    with transaction.atomic():
        draft, _ = MinutesDraft.objects.get_or_create(
            meeting=meeting,
            defaults={"record": build_record(meeting).to_json(), "updated_by": user},
        )
    return draft


def draft_record(draft: MinutesDraft) -> Record:
    return Record.from_json(draft.record)


def save_draft(
    meeting: Meeting, user: Any, record: Record, *, expected_version: int, why: str = ""
) -> MinutesDraft:
    """Store an edited draft if nobody saved since ``expected_version``; StaleEdit otherwise.

    Items get their printed text again (from their edited fields), so that the text
    stays what the composer prints.
    """
    wf = meeting.workflow
    if wf.state not in states.DRAFTING:
        raise TransitionRefused(
            f"会议当前状态为“{states.MACHINE.label(wf.state)}”，纪要不能修改"
            + (
                "；已签发的纪要只能通过“更正纪要”形成新版本。"
                if wf.state == states.SIGNED
                else "；如需修改，请主持人退回修改。"
                if wf.state in states.AWAITING_SIGNATURE
                else "。"
            )
        )
    if not manages(user, meeting):
        raise TransitionRefused("只有本级政府办（秘书科）可以修改纪要草稿。")
    record = normalized(meeting, record)
    with transaction.atomic():
        draft = MinutesDraft.objects.select_for_update().get(meeting=meeting)
        if draft.version != expected_version:
            who = display_name(draft.updated_by, "他人")
            raise StaleEdit(
                f"纪要草稿已被{who}于 {draft.updated_at:%H:%M} 修改（当前为第 {draft.version} 版，"
                f"您编辑的是第 {expected_version} 版）。您的修改没有保存，已保留在下方，"
                "请对照最新内容后再保存。"
            )
        draft.record = record.to_json()
        draft.version += 1
        draft.updated_by = user
        draft._change_reason = why or "修改纪要草稿"  # type: ignore[attr-defined]
        draft.save()
    return draft


def regenerate_draft(meeting: Meeting, user: Any, *, expected_version: int) -> MinutesDraft:
    """Replace the draft by a fresh one from the meeting's rows (after attendance or
    decisions changed), keeping the distribution chosen; version-checked like a save."""
    current = draft_record(MinutesDraft.objects.get(meeting=meeting))
    fresh = build_record(meeting)
    fresh = replace(fresh, distribution=current.distribution or fresh.distribution)
    return save_draft(
        meeting, user, fresh, expected_version=expected_version, why="按会议记录重新生成"
    )


def normalized(meeting: Meeting, record: Record) -> Record:
    """The edited record with the meeting's facts kept and each item's text reprinted."""
    base = build_record(meeting)
    carried = {
        e.position: _carried(e)
        for e in AgendaEntry.objects.filter(meeting=meeting).select_related(
            "carried_over_from__meeting__series"
        )
    }
    items = tuple(
        with_text(
            replace(
                item,
                requirements=tuple(
                    r.strip().rstrip("。；") for r in item.requirements if r.strip()
                ),
                follow_up=(item.follow_up or "").strip().rstrip("。") or None,
            ),
            carried.get(item.number, ""),
        )
        for item in record.items
    )
    return replace(
        record,
        meeting=base.meeting,
        title=record.title or base.title,
        issuer=record.issuer or base.issuer,
        items=items,
        distribution=split_recipients(record.distribution),
        warnings=(),
    )


def record_from_form(meeting: Meeting, draft: Record, data: Any) -> Record:
    """The draft with the fields of the edit form (one requirement a line, names by 、)."""
    items = []
    for i, item in enumerate(draft.items):
        prefix = f"item-{i}-"
        decision = (data.get(prefix + "decision") or "").strip() or None
        items.append(
            replace(
                item,
                heading=(data.get(prefix + "heading") or item.heading).strip(),
                decision=decision,
                follow_up=(data.get(prefix + "follow_up") or "").strip() or None,
                requirements=tuple(
                    line.strip() for line in (data.get(prefix + "requirements") or "").splitlines()
                ),
            )
        )
    att = Attendance(**{key: _names(data.get(f"att-{key}", "")) for key in _ATT_KEYS})
    return replace(
        draft,
        title=(data.get("title") or draft.title or "").strip() or None,
        items=tuple(items),
        attendance=att,
        distribution=_names(data.get("distribution", "")),
    )


_ATT_KEYS = ATTENDANCE_ROLES
#: Attendance field → its printed label (出席, 请假, 应邀出席, 列席).
ATT_LABELS = {key: ATTENDANCE_LABELS[ATTENDANCE_CODES[key]] for key in ATTENDANCE_ROLES}


def _names(text: str) -> tuple[str, ...]:
    return tuple(n for n in (re.sub(r"\s+", "", x) for x in re.split(r"[、，,;；\n]", text)) if n)


# -- the check before signing ------------------------------------------------------------------


def check_draft(meeting: Meeting, record: Record) -> tuple[list[str], list[str]]:
    """(errors that stop signing, warnings shown with them) for the draft ``record``."""
    errors: list[str] = []
    warnings: list[str] = []
    for i, item in enumerate(record.items, 1):
        if item.number != i:
            errors.append(f"议题编号不连续：第 {i} 个议题的编号是 {item.number}")
        if item.decision is None and item.action in ("审议", "研究"):
            errors.append(f"第 {i} 个议题“{item.heading}”没有会议决定")
        elif item.decision is not None and item.decision not in OUTCOME_LABELS.values():
            errors.append(f"第 {i} 个议题的会议决定“{item.decision}”不在规定用语中")
    roles = dict(Participant.objects.filter(meeting=meeting).values_list("person__name", "role"))
    allowed = {
        key: {Participant.MEMBER}
        if key in ("present", "absent")
        else {ATTENDANCE_CODES[key]}  # the participant's role code: invited, observer
        for key in _ATT_KEYS
    }
    labels = ATT_LABELS
    for key in _ATT_KEYS:
        for name in getattr(record.attendance, key):
            if roles.get(name) not in allowed[key]:
                what = (
                    "组成人员"
                    if key in ("present", "absent")
                    else "参会名单中的" + labels[key] + "人员"
                )
                errors.append(f"“{labels[key]}”中的“{name}”不是本次会议的{what}")
    both = set(record.attendance.present) & set(record.attendance.absent)
    if both:
        errors.append(f"{'、'.join(sorted(both))}同时列在出席和请假中")
    members = sum(1 for r in roles.values() if r == Participant.MEMBER)
    present = sum(1 for n in record.attendance.present if roles.get(n) == Participant.MEMBER)
    q = quorum_of(meeting)
    if members and present < q.needed:
        errors.append(
            f"出席的组成人员 {present} 人，未达到法定人数（{members} 人中须有 {q.needed} 人出席）"
        )
    if not record.items:
        errors.append("纪要没有会议事项")
    if not errors:
        errors.extend(parse_back_problems(meeting, record))
    deadline = minutes_deadline(meeting)
    if deadline is not None and today() > deadline:
        warnings.append(
            f"已超过纪要印发期限（会后 {_deadline_days(meeting)} 个工作日，即 {deadline:%Y年%-m月%-d日}）"
        )
    return errors, warnings


def _deadline_days(meeting: Meeting) -> int:
    from jiyao.directory.models import rules_for

    return int(rules_for(meeting.series.government).minutes_deadline_days)


def minutes_deadline(meeting: Meeting) -> dt.date | None:
    if meeting.date is None:
        return None
    return add_workdays(meeting.date, _deadline_days(meeting))


def material_deadline(meeting: Meeting) -> dt.date | None:
    """The last day for a topic's papers: LocalRules.material_deadline_days working days
    before the meeting."""
    from jiyao.directory.models import rules_for

    if meeting.date is None:
        return None
    days = int(rules_for(meeting.series.government).material_deadline_days)
    return add_workdays(meeting.date, -days)


def late_materials(meeting: Meeting) -> list[tuple[AgendaEntry, dt.date]]:
    """Agenda entries whose latest material came after the material deadline."""
    deadline = material_deadline(meeting)
    if deadline is None:
        return []
    out = []
    for entry in AgendaEntry.objects.filter(meeting=meeting).select_related("topic"):
        latest = entry.topic.materials.order_by("-uploaded_at").first()
        if latest is not None:
            day = timezone.localdate(latest.uploaded_at)
            if day > deadline:
                out.append((entry, day))
    return out


def parse_back_problems(meeting: Meeting, record: Record) -> list[str]:
    """Differences between ``record`` and the parse of its composed text (empty: none)."""
    from jiyao.minutes.parse import parse

    probe = replace(
        record, number=record.number or "〔2000〕1号", issued_on=record.issued_on or today()
    )
    parsed = parse(compose_text(probe, leave_layout(meeting, probe)))
    return [f"纪要文本不能准确解析回草稿：{d}" for d in differences(probe, parsed)]


def differences(want: Record, got: Record) -> list[str]:
    """What differs between two records (spans and warnings aside), in Chinese."""
    a, b = want.to_json(), got.to_json()
    out: list[str] = []
    for key in ("title", "issuer", "issued_on", "number", "meeting", "attendance", "distribution"):
        if a[key] != b[key]:
            out.append(f"{key}：{a[key]} ≠ {b[key]}")
    if len(a["items"]) != len(b["items"]):
        out.append(f"议题数 {len(a['items'])} ≠ {len(b['items'])}")
    else:
        for x, y in zip(a["items"], b["items"], strict=True):
            for k in x:
                if x[k] != y[k]:
                    out.append(f"第 {x['number']} 个议题的 {k}：{x[k]!r} ≠ {y[k]!r}")
    return out


def signer_problem(meeting: Meeting, user: Any) -> str:
    """Why ``user`` may not sign (or return) the meeting's minutes ('' when the chair)."""
    chair = meeting.chair
    me = person_of(user)
    if not getattr(user, "is_superuser", False) and (
        me is None or chair is None or me.pk != chair.pk
    ):
        return f"纪要须由会议主持人{chair.name if chair else ''}签发"
    return ""


def submission_problems(meeting: Meeting) -> list[str]:
    """What stops the draft from being submitted for signature now (empty: nothing):
    the checks of :func:`check_draft`, run on the draft as it is at that moment."""
    draft = MinutesDraft.objects.filter(meeting=meeting).first()
    if draft is None:
        return ["还没有纪要草稿"]
    errors, _ = check_draft(meeting, draft_record(draft))
    return errors


def signing_problems(meeting: Meeting, user: Any) -> list[str]:
    """Why ``user`` may not sign the meeting's minutes now (empty: may sign)."""
    problem = signer_problem(meeting, user)
    return ([problem] if problem else []) + submission_problems(meeting)


# -- signing and corrections --------------------------------------------------------------------


_NUMBER = re.compile(r"〔(\d{4})〕(\d+)号")


def next_number(meeting: Meeting, year: int) -> str:
    """〔year〕N号: after the highest number of the series in ``year`` (imported ones too)."""
    from jiyao.archive.models import Minutes

    top = 0
    numbers = list(
        Minutes.objects.filter(
            meeting__series=meeting.series, number__contains=f"〔{year}〕"
        ).values_list("number", flat=True)
    ) + list(
        MinutesVersion.objects.filter(
            meeting__series=meeting.series, number__contains=f"〔{year}〕"
        ).values_list("number", flat=True)
    )
    for number in numbers:
        m = _NUMBER.search(number or "")
        if m and int(m.group(1)) == year:
            top = max(top, int(m.group(2)))
    return f"〔{year}〕{top + 1}号"


def sign_minutes(
    meeting: Meeting, user: Any, *, visibility: str, expected_version: int
) -> MinutesVersion:
    """签发: freeze the draft as a new version, number it, store it in the archive.

    Refused (nothing stored): a signer who is not the chair, a draft with errors, a stale
    draft (``expected_version``), a visibility that is not public/internal, a text that
    would not parse back into the record.
    """
    from jiyao.archive.held import store_held_minutes
    from jiyao.minutes.parse import parse

    if visibility not in (MinutesVersion.PUBLIC, MinutesVersion.INTERNAL):
        raise TransitionRefused("请选择公开属性：公开或不予公开。")
    wf = meeting.workflow
    with transaction.atomic():
        draft = MinutesDraft.objects.select_for_update().filter(meeting=meeting).first()
        if draft is None:
            raise TransitionRefused("还没有纪要草稿，不能签发。")
        if draft.version != expected_version:
            raise StaleEdit(
                f"签发前纪要草稿又被修改过（当前第 {draft.version} 版），请阅读最新内容后再签发。"
            )
        previous = (
            MinutesVersion.objects.filter(meeting=meeting, superseded_by__isnull=True)
            .order_by("-number_in_meeting")
            .first()
        )
        transition(wf, "sign", user, internal=True)
        issued = today()
        number = previous.number if previous is not None else next_number(meeting, issued.year)
        record = replace(draft_record(draft), number=number, issued_on=issued)
        text = compose_text(record, leave_layout(meeting, record))
        diff = differences(record, parse(text))
        if diff:
            raise TransitionRefused("纪要文本不能准确解析回草稿：" + "；".join(diff))
        _, stored = store_held_minutes(meeting, text, visibility=visibility)
        diff = differences(record, stored)
        if diff:
            raise TransitionRefused("存入档案的纪要与草稿不一致：" + "；".join(diff))
        version = MinutesVersion.objects.create(
            meeting=meeting,
            number_in_meeting=(previous.number_in_meeting + 1) if previous else 1,
            record=stored.to_json(),
            text=text,
            number=number,
            issued_on=issued,
            visibility=visibility,
            signed_by=user,
            supersedes=previous,
            correction_reason=_last_reason(wf) if previous else "",
        )
        from jiyao.meetings.distribution import create_recipients

        create_recipients(version)
        prerender.schedule([meeting.pk])  # after the commit, by the background worker
    return version


def _last_reason(wf: Any) -> str:
    row = wf.transitions.filter(action="correct").order_by("-at", "-pk").first()
    return row.reason if row is not None else ""


def start_correction(meeting: Meeting, user: Any, reason: str) -> MinutesDraft:
    """Reopen signed minutes for a correction (a reason is required): the draft becomes
    the current version's record again; signing it makes a new version."""
    wf = meeting.workflow
    with transaction.atomic():
        transition(wf, "correct", user, reason, internal=True)
        current = MinutesVersion.objects.get(meeting=meeting, superseded_by__isnull=True)
        draft = MinutesDraft.objects.select_for_update().get(meeting=meeting)
        record = replace(Record.from_json(current.record), issued_on=None, warnings=())
        draft.record = record.to_json()
        draft.version += 1
        draft.updated_by = user
        draft._change_reason = f"更正纪要：{reason}"  # type: ignore[attr-defined]
        draft.save()
    return draft


def versions_of(meeting: Meeting) -> list[MinutesVersion]:
    return list(MinutesVersion.objects.filter(meeting=meeting).order_by("number_in_meeting"))


def version_record(version: MinutesVersion) -> Record:
    try:
        return Record.from_json(version.record)
    except RecordError as exc:  # a stored record is ours: this would be a bug
        raise TransitionRefused(f"无法读取第 {version.number_in_meeting} 版纪要：{exc}") from exc


def is_signer(user: Any, meeting: Meeting) -> bool:
    me = person_of(user)
    return bool(
        "leader" in roles_of(user) and me is not None and meeting.chair_id == me.pk
    ) or bool(getattr(user, "is_superuser", False))


__all__ = [
    "build_record",
    "check_draft",
    "draft_of",
    "save_draft",
    "sign_minutes",
    "start_correction",
    "versions_of",
]
