"""Task proposals for a meeting in the archive, from the decisions' own words.

:func:`propose_for_meeting` reads the meeting back as a record (``Meeting.to_record()``)
and asks the core (:func:`jiyao.minutes.followup.propose`) for proposals per item; each
becomes a :class:`Proposal` row with the names as written, the unit they resolve to in
the meeting's government (:func:`resolve_unit` — by name, full name, canonical name or
alias; nothing is created: an unknown unit stays unresolved for the supervisor to
pick), the deadline the core computed and the spans. Idempotent: a decision that has
proposals already (pending, confirmed or dropped) gets no new ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q

from jiyao.followup.models import Proposal
from jiyao.minutes.followup import NOTE_NO_DEADLINE, Deadline
from jiyao.minutes.orgs import canonical


def resolve_unit(government: Any, name: str) -> Any:
    """The Organization of ``government`` named ``name`` (or None); never creates one."""
    from jiyao.archive.models import Organization, OrganizationAlias

    name = (name or "").strip()
    if not name or government is None:
        return None
    names = {name, canonical(name)}
    if name in (government.name, government.full_name) or name in ("县政府", "市政府", "区政府"):
        return government
    scope = Organization.objects.filter(government=government)
    found = scope.filter(Q(name__in=names) | Q(full_name__in=names)).order_by("pk").first()
    if found is not None:
        return found
    alias = (
        OrganizationAlias.objects.filter(organization__government=government, alias__in=names)
        .select_related("organization")
        .order_by("pk")
        .first()
    )
    return alias.organization if alias is not None else None


def units_of(government: Any) -> Any:
    """The departments a task of ``government`` may be assigned to (for the pickers)."""
    from jiyao.archive.models import Organization

    return Organization.objects.filter(government=government).order_by("name")


@transaction.atomic
def propose_for_meeting(meeting: Any) -> int:
    """Make the proposals of ``meeting``'s decisions that have none; returns how many."""
    from jiyao.archive.models import Decision
    from jiyao.directory.models import rules_for
    from jiyao.minutes.followup import add_workdays, document_offset, propose

    government = meeting.series.government
    if meeting.date is None:
        return 0
    decisions = list(
        Decision.objects.filter(agenda_item__meeting=meeting).order_by(
            "agenda_item__position", "agenda_item__pk"
        )
    )
    done = set(
        Proposal.objects.filter(decision__in=decisions).values_list("decision_id", flat=True)
    )
    rules = rules_for(government)
    default = (
        add_workdays(meeting.date, int(rules.followup_default_days)),
        f"原文未写明期限，按默认 {rules.followup_default_days} 个工作日拟定",
    )
    record = meeting.to_record()
    made = 0
    for i, (item, decision) in enumerate(zip(record.items, decisions, strict=False)):
        if decision.pk in done:
            continue
        offset = document_offset(record, i) or 0
        found = propose(item, meeting.date, convey_tracked=bool(rules.convey_items_tracked))
        written = item_deadline(item.text, found, meeting.date)
        if written is not None:
            written = (written[0].shifted(offset), written[1])
        rows = [
            _row(p.shifted(offset), position, decision, meeting, government, i, default, written)
            for position, p in enumerate(found)
        ]
        Proposal.objects.bulk_create(rows)
        made += len(rows)
    return made


def item_deadline(
    text: str, found: list[Any], meeting_date: dt.date
) -> tuple[Deadline, str] | None:
    """The first dated deadline the decision's requirements write outside the sentences
    that have their own task (要于2027年3月底前完成, 上述工作6月30日前完成), with the
    sentence it is in; None when there is none. The heading (the item's first
    paragraph: what was heard or deliberated) is not a requirement and is skipped.

    A proposal whose own sentence names no deadline takes this one rather than the
    default: the meeting did set a date for the decision.
    """
    from jiyao.minutes.followup import find_deadlines, sentences

    heading_end = text.find("\n\n")
    if heading_end < 0:
        return None
    used = {p.deadline.span for p in found if p.deadline is not None}
    for deadline in find_deadlines(text, meeting_date):
        if deadline.date is None or deadline.span[0] < heading_end or deadline.span in used:
            continue
        start = deadline.span[0]
        sentence = next((text[s:e] for s, e in sentences(text) if s <= start < e), deadline.phrase)
        return deadline, sentence.strip()
    return None


def _row(
    p: Any,
    position: int,
    decision: Any,
    meeting: Any,
    government: Any,
    i: int,
    default: tuple[dt.date, str],
    written: tuple[Deadline, str] | None = None,
) -> Proposal:
    """One core proposal as a row (spans are document offsets; ``item`` is the path).

    The deadline, by preference: the one in the proposal's own sentence, the one the
    decision's requirements write elsewhere (``written``, its sentence quoted in the
    note), the government's default (said so in the note)."""
    spans: dict[str, Any] = {"item": f"items[{i}]"}
    if p.lead_span is not None:
        spans["lead"] = list(p.lead_span)
    if p.action_span is not None:
        spans["action"] = list(p.action_span)
    if p.co_unit_spans:
        spans["co_units"] = [list(s) for s in p.co_unit_spans]
    deadline = p.deadline
    date: dt.date | None = None
    phrase = note = ""
    if deadline is not None:
        spans["deadline"] = list(deadline.span)
        date, phrase, note = deadline.date, deadline.phrase, deadline.note
        if date is None and deadline.certainty == "unresolved":
            note = note or f"期限“{phrase}”无法自动换算为日期，请填写"
    notes = list(p.notes)
    if date is None and not phrase and written is not None:
        found, sentence = written
        spans["deadline"] = list(found.span)
        date, phrase = found.date, found.phrase
        note = "；".join(n for n in (f"期限取自会议要求“{sentence}”", found.note) if n)
        notes = [n for n in notes if n != NOTE_NO_DEADLINE]
    elif date is None and not phrase:
        date, note = default
        notes = [n for n in notes if n != NOTE_NO_DEADLINE]
    notes = [n for n in notes if n and n != note]
    lead = None
    if p.lead:
        lead = resolve_unit(government, p.lead) or resolve_unit(government, p.lead_full or "")
    return Proposal(
        decision=decision,
        meeting=meeting,
        position=position,
        kind=p.kind,
        lead_name=p.lead or "",
        lead_source=p.lead_source,
        lead=lead,
        co_names=list(p.co_units),
        action=p.action,
        deadline=date,
        deadline_phrase=phrase,
        deadline_note="；".join([note, *notes]).strip("；"),
        spans=spans,
    )


def deadline_source(p: Proposal) -> str:
    """Where ``p``'s deadline came from, in Chinese — the task's 期限说明 when it is
    confirmed as proposed: 原文“2027年3月底前”, 期限取自会议要求“…”, or the default."""
    note = p.deadline_note or ""
    if p.deadline_phrase and p.deadline_phrase not in note:
        return "；".join(x for x in (f"原文“{p.deadline_phrase}”", note) if x)
    return note


def parse_deadline(text: str, meeting_date: dt.date) -> tuple[dt.date, str]:
    """The supervisor's deadline — an ISO date or a phrase (年底前, 10个工作日内) — as a
    date and the phrase; ValueError (Chinese, naming the input) when it is neither."""
    from jiyao.minutes.followup import resolve_deadline

    raw = (text or "").strip()
    if not raw:
        raise ValueError("请填写办理期限（日期如 2026-12-31，或“年底前”“10个工作日内”等）。")
    try:
        return dt.date.fromisoformat(raw), ""
    except ValueError:
        pass
    found = resolve_deadline(raw, meeting_date)
    if found is None or found.date is None:
        raise ValueError(
            f"办理期限“{raw}”无法识别：请写成日期（如 2026-12-31），"
            "或“年底前”“6月底前”“10个工作日内”等常见说法。"
        )
    return found.date, raw
