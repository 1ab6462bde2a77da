"""What the meeting pages show, assembled from the services (kept out of views.py)."""

from __future__ import annotations

from typing import Any

from jiyao.accounts.names import display_name
from jiyao.meetings import distribution, drafting, services, states, submission
from jiyao.meetings.access import manages, roles_of, visible_workflows
from jiyao.meetings.models import AgendaEntry, MinutesDraft, Participant
from jiyao.minutes.record import DECISIONS, Record
from jiyao.topics.services import visible_topics

ATT_LABELS = drafting.ATT_LABELS


def index_context(user: Any) -> dict[str, Any]:
    rows = list(visible_workflows(user).order_by("-meeting__date", "-meeting__session"))
    groups = [
        ("筹备中", [w for w in rows if w.state in (states.PLANNED, states.NOTIFIED)]),
        ("纪要起草中", [w for w in rows if w.state in states.DRAFTING]),
        ("纪要待签发", [w for w in rows if w.state in states.AWAITING_SIGNATURE]),
        ("纪要已签发", [w for w in rows if w.state == states.SIGNED]),
        ("已取消", [w for w in rows if w.state == states.CANCELLED]),
    ]
    return {
        "groups": [(label, [_row(w) for w in ws]) for label, ws in groups if ws],
        "may_create": "secretariat" in roles_of(user),
        "todo": services.todo_for(user),
    }


def _row(wf: Any) -> dict[str, Any]:
    return {
        "wf": wf,
        "name": services.meeting_name(wf.meeting),
        "state": states.MACHINE.label(wf.state),
    }


def agenda_candidates(series: Any) -> tuple[list[Any], list[tuple[Any, str]]]:
    """(topics of ``series`` that may go on the agenda now, [(topic, what stops it)] for
    the ones on their way that may not yet): a required check missing — with the rule
    of jiyao.topics.rules that requires it — or the review not finished."""
    from jiyao.topics import services as topic_services
    from jiyao.topics import states as topic_states
    from jiyao.topics.models import Topic

    ready = list(topic_services.schedulable_topics(series=series))
    ready_pks = {t.pk for t in ready}
    blocked: list[tuple[Any, str]] = []
    waiting = (
        Topic.objects.filter(series=series)
        .filter(
            state__in={
                *topic_services.SCHEDULABLE_STATES,
                topic_states.SUBMITTED,
                topic_states.LEADER_APPROVED,
            }
        )
        .exclude(pk__in=ready_pks)
        .select_related("department")
        .order_by("updated_at", "pk")
    )
    for topic in waiting:
        if topic.state in topic_services.SCHEDULABLE_STATES:
            missing = topic_services.missing_checks(topic)
            why = "；".join(f"缺少“{name}”（依据：{rule}）" for name, rule in missing)
        else:
            label = topic_states.MACHINE.label(topic.state)
            why = f"尚未通过审核（当前：{label}）"
        blocked.append((topic, why))
    return ready, blocked


def detail_context(user: Any, wf: Any) -> dict[str, Any]:
    meeting = wf.meeting
    manager = manages(user, meeting)
    entries = list(
        AgendaEntry.objects.filter(meeting=meeting)
        .select_related("topic__department", "topic__leader", "carried_over_from__meeting__series")
        .order_by("position", "pk")
    )
    people = list(
        Participant.objects.filter(meeting=meeting)
        .select_related("person", "organization", "leave_approved_by", "agenda_entry__topic")
        .order_by("role", "position", "pk")
    )
    schedulable: list[Any] = []
    not_schedulable: list[tuple[Any, str]] = []
    if manager and wf.state in states.AGENDA_OPEN:
        schedulable, not_schedulable = agenda_candidates(meeting.series)
    versions = drafting.versions_of(meeting)
    current = versions[-1] if versions else None
    buttons = [
        row
        for row in states.MACHINE.allowed(wf.state, roles_of(user))
        if manager and row.action in ("notify", "revise", "hold", "cancel", "correct")
    ]
    members = [p for p in people if p.role == Participant.MEMBER]
    return {
        "wf": wf,
        "meeting": meeting,
        "name": services.meeting_name(meeting),
        "state_label": states.MACHINE.label(wf.state),
        "manager": manager,
        "buttons": buttons,
        "entries": entries,
        "visible_topics": set(
            visible_topics(user)
            .filter(pk__in=[e.topic_id for e in entries])
            .values_list("pk", flat=True)
        ),
        "people": people,
        "members": members,
        "schedulable": schedulable,
        "not_schedulable": not_schedulable,
        "quorum": services.quorum_of(meeting),
        "absent_leaders": services.absent_leaders(meeting),
        "agenda_open": manager and wf.state in states.AGENDA_OPEN,
        "participants_open": manager and wf.state in states.PARTICIPANTS_OPEN,
        "attendance_open": manager and wf.state in states.ATTENDANCE_OPEN,
        "deciding": manager and wf.state in states.DECIDING,
        "drafting": wf.state in states.DRAFTING | states.AWAITING_SIGNATURE,
        "decisions": DECISIONS,
        "versions": versions,
        "current": current,
        "receipts": distribution.receipts_of(current) if current else [],
        "history": [
            {
                "at": t.at,
                "by": display_name(t.by),
                # "安排会议" for the row that created the meeting (it has no source state).
                "change": (
                    f"{states.MACHINE.label(t.source)} → {states.MACHINE.label(t.target)}"
                    if t.source
                    else f"安排会议 → {states.MACHINE.label(t.target)}"
                ),
                "reason": t.reason,
            }
            for t in wf.transitions.select_related("by__profile__person").order_by("at", "pk")
        ],
        "may_sign": drafting.is_signer(user, meeting),
        "deadline": drafting.minutes_deadline(meeting),
        "material_deadline": drafting.material_deadline(meeting),
        "late_materials": drafting.late_materials(meeting),
        "approvers": [p.person for p in members],
        "organizations": list(meeting.series.government.departments.order_by("name")),
        "has_draft": MinutesDraft.objects.filter(meeting=meeting).exists(),
    }


def draft_context(
    user: Any, wf: Any, draft: MinutesDraft, *, edited: Record | None = None
) -> dict[str, Any]:
    from jiyao.minutes.compose.text import compose_text

    meeting = wf.meeting
    saved = drafting.draft_record(draft)
    record = edited or saved
    errors, warnings = drafting.check_draft(meeting, saved)
    preview_record = saved.replace(number=saved.number or "〔待编号〕", issued_on=saved.issued_on)
    versions = drafting.versions_of(meeting)
    signed = versions[-1] if versions and wf.state == states.SIGNED else None
    history = list(
        draft.history.select_related("history_user__profile__person").order_by("-history_date")[:20]
    )
    return {
        "wf": wf,
        "meeting": meeting,
        "name": services.meeting_name(meeting),
        "draft": draft,
        "record": record,
        "items": [(i, item, "\n".join(item.requirements)) for i, item in enumerate(record.items)],
        "attendance": [
            (key, label, "、".join(getattr(record.attendance, key)))
            for key, label in ATT_LABELS.items()
        ],
        "distribution": "、".join(record.distribution),
        "errors": errors,
        "warnings": warnings,
        "preview": signed.text
        if signed is not None
        else compose_text(preview_record, drafting.leave_layout(meeting, preview_record)),
        "signed": signed,
        "editable": manages(user, meeting) and wf.state in states.DRAFTING,
        "may_submit": manages(user, meeting) and wf.state in states.DRAFTING,
        "may_sign": drafting.is_signer(user, meeting) and wf.state in states.AWAITING_SIGNATURE,
        "awaiting": wf.state in states.AWAITING_SIGNATURE,
        "step": submission.last_step(wf),
        "returned": submission.returned(wf),
        "decisions": DECISIONS,
        "history": history,
        "stale": edited is not None,
        "dissent": [
            (e.position, e.topic.title, e.dissent)
            for e in AgendaEntry.objects.filter(meeting=meeting).select_related("topic")
            if e.dissent
        ],
    }
