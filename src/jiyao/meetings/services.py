"""The business rules of a meeting being prepared and held (tested without HTTP).

Theory of operation: :func:`transition` is the only place a meeting's state changes —
it asks the table (jiyao.meetings.states), checks the guards that the table cannot say
(an agenda before the notice, attendance complete before the meeting is marked held,
a checked draft and the chair's own login before signing) and writes the
:class:`MeetingTransition` row in the same transaction. Every other function here
refuses, with :class:`TransitionRefused` and a Chinese message naming the input and
the reason, what the meeting's state does not allow; nothing is half-stored.

The minutes (draft, check, signing, corrections) are in :mod:`jiyao.meetings.drafting`,
the notice in :mod:`jiyao.meetings.notice`, distribution and receipts in
:mod:`jiyao.meetings.distribution`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from jiyao.accounts.roles import DEPARTMENT, LEADER, SECRETARIAT
from jiyao.flow import TransitionRefused
from jiyao.meetings import states
from jiyao.meetings.access import (
    get_meeting_workflow_for_user,
    government_of,
    manages,
    organization_of,
    person_of,
    roles_of,
    visible_workflows,
)
from jiyao.meetings.models import AgendaEntry, MeetingTransition, Participant, Workflow
from jiyao.meetings.topicflow import topic_transition
from jiyao.minutes.record import DECISION_CODES, DECISION_LABELS

if TYPE_CHECKING:
    from jiyao.archive.models import Meeting, MeetingSeries, Person

__all__ = [
    "TransitionRefused",
    "get_meeting_workflow_for_user",
    "todo_for",
    "transition",
    "visible_workflows",
]

OUTCOME_LABELS = DECISION_LABELS
DEFERRED = DECISION_CODES["暂缓"]
TIMES_OF_DAY = ("上午", "下午", "晚上")


class StaleEdit(TransitionRefused):
    """Someone else saved the same thing after this user loaded it (version check)."""


def today() -> dt.date:
    return timezone.localdate()


def _require_manager(user: Any, meeting: Any) -> None:
    if not manages(user, meeting):
        raise TransitionRefused("只有本级政府办（秘书科）可以进行此操作。")


def _require_state(wf: Workflow, allowed: frozenset[str], what: str) -> None:
    if wf.state not in allowed:
        raise TransitionRefused(f"会议当前状态为“{states.MACHINE.label(wf.state)}”，不能{what}。")


def _log(wf: Workflow, user: Any, reason: str) -> None:
    wf._change_reason = reason  # type: ignore[attr-defined]


# -- the one state change ---------------------------------------------------------------


#: Actions with effects beyond the state (the notice sent, the minutes numbered and
#: archived): only the service that has those effects may take them.
WITH_EFFECTS = {
    "notify": "发送会议通知须通过“发送通知”进行（系统同时发出邮件）",
    "submit": "提请签发须在纪要草稿页面进行（系统同时检查草稿的版本）",
    "sign": "签发须通过纪要签发进行（系统同时编号并存档）",
    "correct": "更正须通过“更正纪要”进行（系统同时准备更正稿）",
}


def transition(
    wf: Workflow, action: str, user: Any, reason: str = "", *, internal: bool = False
) -> Workflow:
    """Take ``action`` on the meeting of ``wf`` as ``user``; the workflow in its new state.

    TransitionRefused (Chinese) when the table, the user's role for this meeting or a
    guard refuses; nothing is written then. ``internal`` is for the services that carry
    an action's effects (see WITH_EFFECTS); anyone else asking for them is refused.
    """
    reason = (reason or "").strip()
    if action in WITH_EFFECTS and not internal:
        raise TransitionRefused(WITH_EFFECTS[action] + "。")
    with transaction.atomic():
        current = (
            Workflow.objects.select_for_update().select_related("meeting__series").get(pk=wf.pk)
        )
        row = states.MACHINE.check(current.state, action, roles_of(user), reason)
        meeting = current.meeting
        if SECRETARIAT in row.roles:
            _require_manager(user, meeting)
        _guard(current, action, user)
        source = current.state
        current.state = row.target
        current.version += 1
        if action == "notify":
            current.notice_sent_at = timezone.now()
            current.notice_sent_by = user
        _log(current, user, f"{row.label}：{reason}" if reason else row.label)
        current.save()
        MeetingTransition.objects.create(
            workflow=current,
            source=source,
            target=row.target,
            action=action,
            by=user,
            reason=reason,
        )
        if action == "cancel":
            for entry in AgendaEntry.objects.filter(meeting=meeting).select_related("topic"):
                topic_transition(entry.topic, "unschedule", user, f"会议取消：{reason}")
                entry.delete()
    wf.refresh_from_db()
    return current


def _guard(wf: Workflow, action: str, user: Any) -> None:
    meeting = wf.meeting
    if action == "notify":
        if not AgendaEntry.objects.filter(meeting=meeting).exists():
            raise TransitionRefused("议程中还没有议题，不能发送会议通知。")
        if meeting.date is not None and meeting.date < today():
            raise TransitionRefused(
                f"会议日期 {meeting.date:%Y年%-m月%-d日} 已过，不能发送通知；请取消这次会议。"
            )
    elif action == "hold":
        if meeting.date is not None and meeting.date > today():
            raise TransitionRefused(
                f"会议日期是 {meeting.date:%Y年%-m月%-d日}，会议召开前不能确认已召开。"
            )
        waiting = list(
            Participant.objects.filter(
                meeting=meeting, role=Participant.MEMBER, status=Participant.EXPECTED
            ).values_list("person__name", flat=True)
        )
        if waiting:
            raise TransitionRefused(
                f"还有组成人员未登记出席或请假：{'、'.join(waiting)}。请先完成签到。"
            )
    elif action == "submit":
        from jiyao.meetings.drafting import submission_problems

        problems = submission_problems(meeting)
        if problems:
            raise TransitionRefused("不能提请签发：" + "；".join(problems))
    elif action == "sign":
        from jiyao.meetings.drafting import signing_problems

        problems = signing_problems(meeting, user)
        if problems:
            raise TransitionRefused("不能签发：" + "；".join(problems))
    elif action == "return":
        from jiyao.meetings.drafting import signer_problem

        problem = signer_problem(meeting, user)
        if problem:
            raise TransitionRefused(f"不能退回：{problem}")


# -- creating a meeting --------------------------------------------------------------------


def next_session(series: MeetingSeries) -> int:
    """The next session number of ``series``: after every meeting the archive holds
    (imported minutes included) and every meeting planned, cancelled ones aside."""
    from jiyao.archive.models import Meeting

    top = (
        Meeting.objects.filter(series=series)
        .exclude(workflow__state=states.CANCELLED)
        .aggregate(top=Max("session"))["top"]
    )
    return (top or 0) + 1


def body_of(government_name: str) -> str:
    """The convening body as minutes write it: 象山县人民政府 → 县政府, 宁波市人民政府 → 市政府."""
    m = re.search(r"([省市县区旗州])(?:人民)?政府$", government_name)
    return f"{m.group(1)}政府" if m else government_name


def members_on(series: Any, on: dt.date) -> list[Any]:
    """The SeriesMember rows current on ``on``, in their order."""
    from jiyao.directory.models import SeriesMember

    return list(
        SeriesMember.objects.filter(series=series)
        .filter(Q(start__isnull=True) | Q(start__lte=on))
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("person")
        .order_by("position", "pk")
    )


def head_of(organization: Any, on: dt.date) -> Any:
    """The person holding the first current post in ``organization`` (its head), or None."""
    from jiyao.directory.models import Post

    post = (
        Post.objects.filter(organization=organization)
        .filter(Q(start__isnull=True) | Q(start__lte=on))
        .filter(Q(end__isnull=True) | Q(end__gte=on))
        .select_related("person")
        .order_by("pk")
        .first()
    )
    return post.person if post is not None else None


def create_meeting(
    series: MeetingSeries,
    user: Any,
    *,
    date: dt.date,
    chair: Person,
    time_of_day: str = "上午",
    location: str = "",
) -> Workflow:
    """Plan the next meeting of ``series`` (session numbered after the last one).

    The members current on ``date`` are expected; each fixed observer unit's head is an
    observer. Refused: a date in the past, a chair of another government, a time of day
    that is not 上午/下午/晚上.
    """
    from jiyao.archive.models import Meeting
    from jiyao.directory.models import FixedObserver

    government = series.government
    if not manages(user, _Probe(series)):
        raise TransitionRefused("只有本级政府办（秘书科）可以安排会议。")
    if date < today():
        raise TransitionRefused(f"会议日期 {date:%Y年%-m月%-d日} 早于今天，不能安排已过去的会议。")
    if chair.government_id != government.pk:
        raise TransitionRefused(f"主持人“{chair.name}”不是{government.name}的人员。")
    if time_of_day not in TIMES_OF_DAY:
        raise TransitionRefused(f"时段“{time_of_day}”无效，请选择上午、下午或晚上。")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            series=series,
            session=next_session(series),
            date=date,
            time_of_day=time_of_day,
            chair=chair,
            body=body_of(government.name),
            location=location.strip() or None,
        )
        wf = Workflow.objects.create(meeting=meeting, created_by=user)
        for i, member in enumerate(members_on(series, date)):
            Participant.objects.create(
                meeting=meeting, person=member.person, role=Participant.MEMBER, position=i
            )
        for i, fixed in enumerate(FixedObserver.objects.filter(series=series)):
            head = head_of(fixed.organization, date)
            if (
                head is not None
                and not Participant.objects.filter(meeting=meeting, person=head).exists()
            ):
                Participant.objects.create(
                    meeting=meeting,
                    person=head,
                    role=Participant.OBSERVER,
                    organization=fixed.organization,
                    position=100 + i,
                )
        MeetingTransition.objects.create(
            workflow=wf, source="", target=states.PLANNED, action="create", by=user
        )
    return wf


@dataclass
class _Probe:
    """A stand-in with the ``series`` attribute manages() reads (before a meeting exists)."""

    series: Any


# -- the agenda ---------------------------------------------------------------------------


def place_topic(wf: Workflow, topic: Any, user: Any) -> AgendaEntry:
    """Put ``topic`` last on the agenda (the topic's "schedule" transition).

    Refused: an agenda already sent or held, a topic of another series, a topic already
    on this agenda, a full agenda (LocalRules.max_topics), a topic whose required checks
    are missing (the topic's rule, named).
    """
    from jiyao.directory.models import rules_for

    meeting = wf.meeting
    _require_manager(user, meeting)
    _require_state(wf, states.AGENDA_OPEN, "调整议程（如需调整，请先撤回通知）")
    if topic.series_id != meeting.series_id:
        raise TransitionRefused(f"议题“{topic.title}”不属于本会议系列，不能排入。")
    if AgendaEntry.objects.filter(meeting=meeting, topic=topic).exists():
        raise TransitionRefused(f"议题“{topic.title}”已在本次会议议程中，不能重复排入。")
    limit = rules_for(meeting.series.government).max_topics
    count = AgendaEntry.objects.filter(meeting=meeting).count()
    if limit and count >= limit:
        raise TransitionRefused(
            f"本次会议已有 {count} 个议题，达到每次会议议题上限（{limit} 个）。"
        )
    with transaction.atomic():
        earlier = (
            AgendaEntry.objects.filter(topic=topic, outcome=DEFERRED)
            .exclude(meeting=meeting)
            .order_by("-meeting__date", "-pk")
            .first()
        )
        topic_transition(topic, "schedule", user)
        position = (
            AgendaEntry.objects.filter(meeting=meeting).aggregate(top=Max("position"))["top"] or 0
        )
        entry = AgendaEntry.objects.create(
            meeting=meeting, topic=topic, position=position + 1, carried_over_from=earlier
        )
        head = head_of(topic.department, meeting.date or today())
        if (
            head is not None
            and not Participant.objects.filter(meeting=meeting, person=head).exists()
        ):
            Participant.objects.create(
                meeting=meeting,
                person=head,
                role=Participant.OBSERVER,
                organization=topic.department,
                agenda_entry=entry,
                position=200 + entry.position,
            )
        _bump(wf, user, f"排入议题：{topic.title}")
    return entry


def remove_topic(entry: AgendaEntry, user: Any, reason: str) -> None:
    """Take a topic off the agenda (the topic's "unschedule"; a reason is required)."""
    wf = entry.meeting.workflow
    _require_manager(user, entry.meeting)
    _require_state(wf, states.AGENDA_OPEN, "调整议程（如需调整，请先撤回通知）")
    if not (reason or "").strip():
        raise TransitionRefused("移出议程须填写理由。")
    with transaction.atomic():
        topic_transition(entry.topic, "unschedule", user, reason.strip())
        title = entry.topic.title
        entry.delete()
        _renumber(entry.meeting)
        _bump(wf, user, f"移出议题：{title}（{reason.strip()}）")


def move_entry(entry: AgendaEntry, user: Any, step: int) -> None:
    """Move an item up (step −1) or down (+1) in the agenda."""
    wf = entry.meeting.workflow
    _require_manager(user, entry.meeting)
    _require_state(wf, states.AGENDA_OPEN, "调整议程（如需调整，请先撤回通知）")
    with transaction.atomic():
        entries = list(AgendaEntry.objects.filter(meeting=entry.meeting).order_by("position", "pk"))
        i = next(k for k, e in enumerate(entries) if e.pk == entry.pk)
        j = i + (1 if step > 0 else -1)
        if 0 <= j < len(entries):
            entries[i], entries[j] = entries[j], entries[i]
        for pos, e in enumerate(entries, 1):
            if e.position != pos:
                e.position = pos
                e.save(update_fields=["position"])
        _bump(wf, user, "调整议题顺序")


def _renumber(meeting: Meeting) -> None:
    for pos, e in enumerate(
        AgendaEntry.objects.filter(meeting=meeting).order_by("position", "pk"), 1
    ):
        if e.position != pos:
            e.position = pos
            e.save(update_fields=["position"])


def _bump(wf: Workflow, user: Any, why: str) -> None:
    Workflow.objects.filter(pk=wf.pk).update(version=wf.version + 1)
    wf.version += 1


# -- participants, leave and attendance ------------------------------------------------


def add_participant(
    wf: Workflow,
    user: Any,
    *,
    name: str,
    role: str,
    organization: Any = None,
    entry: AgendaEntry | None = None,
) -> Participant:
    """Add an invited guest or an observer (for the whole meeting or one item) by name.

    The person is found in (or added to) the government's people. Refused: an empty
    name, an unknown role, a person already on the list.
    """
    from jiyao.archive.models import Person

    meeting = wf.meeting
    _require_manager(user, meeting)
    _require_state(wf, states.PARTICIPANTS_OPEN, "修改参会人员")
    name = re.sub(r"\s+", "", name or "")
    if not name:
        raise TransitionRefused("请填写参会人员姓名。")
    if len(name) > 20:
        raise TransitionRefused(f"姓名“{name[:20]}…”过长（最多 20 个字）。")
    if role not in (Participant.INVITED, Participant.OBSERVER):
        raise TransitionRefused("身份只能是“应邀出席”或“列席”。")
    if entry is not None and entry.meeting_id != meeting.pk:
        raise TransitionRefused("所选议题不在本次会议议程中。")
    government = meeting.series.government
    with transaction.atomic():
        person, _ = Person.objects.get_or_create(government=government, name=name)
        existing = Participant.objects.filter(meeting=meeting, person=person).first()
        if existing is not None:
            raise TransitionRefused(
                f"“{name}”已在参会名单中（身份：{existing.get_role_display()}），不能重复添加。"
            )
        top = Participant.objects.filter(meeting=meeting).aggregate(top=Max("position"))["top"]
        return Participant.objects.create(
            meeting=meeting,
            person=person,
            role=role,
            organization=organization,
            agenda_entry=entry,
            position=(top or 0) + 1,
        )


def remove_participant(participant: Participant, user: Any) -> None:
    wf = participant.meeting.workflow
    _require_manager(user, participant.meeting)
    _require_state(wf, states.PARTICIPANTS_OPEN, "修改参会人员")
    if participant.role == Participant.MEMBER:
        raise TransitionRefused(
            f"{participant.person.name}是组成人员，不能移出；如不能出席，请登记请假。"
        )
    participant.delete()


def grant_leave(participant: Participant, user: Any, *, reason: str, approved_by: Any) -> None:
    """Record a leave request (请假): the reason and who approved it; the person is absent."""
    wf = participant.meeting.workflow
    _require_manager(user, participant.meeting)
    _require_state(wf, states.PARTICIPANTS_OPEN | states.ATTENDANCE_OPEN, "登记请假")
    reason = (reason or "").strip()
    if not reason:
        raise TransitionRefused(
            f"请填写{participant.person.name}的请假事由（如出差、学习、因病）。"
        )
    if len(reason) > 100:
        raise TransitionRefused("请假事由过长（最多 100 个字）。")
    if approved_by is None:
        raise TransitionRefused(f"请选择批准{participant.person.name}请假的领导。")
    if approved_by.pk == participant.person_id:
        raise TransitionRefused("请假不能由本人批准。")
    participant.status = Participant.ABSENT
    participant.leave_reason = reason
    participant.leave_approved_by = approved_by
    participant._change_reason = f"请假：{reason}"  # type: ignore[attr-defined]
    participant.save()


def record_attendance(wf: Workflow, user: Any, *, present: list[int], absent: list[int]) -> None:
    """Sign-in on the day: participants (ids) present and absent.

    Refused: a person marked both present and absent, an id not of this meeting.
    """
    meeting = wf.meeting
    _require_manager(user, meeting)
    _require_state(wf, states.ATTENDANCE_OPEN, "登记出席情况（会议通知发出后方可签到）")
    by_id = {p.pk: p for p in Participant.objects.filter(meeting=meeting).select_related("person")}
    both = sorted(set(present) & set(absent))
    if both:
        names = "、".join(by_id[i].person.name for i in both if i in by_id) or "所选人员"
        raise TransitionRefused(f"{names}同时被标为出席和缺席，请只选一项。")
    unknown = [i for i in (*present, *absent) if i not in by_id]
    if unknown:
        raise TransitionRefused("所选人员不在本次会议的参会名单中。")
    with transaction.atomic():
        for ids, status in ((present, Participant.PRESENT), (absent, Participant.ABSENT)):
            for pk in ids:
                p = by_id[pk]
                if p.status != status:
                    p.status = status
                    if status == Participant.PRESENT:
                        p.leave_reason = ""
                        p.leave_approved_by = None
                    p.save()
        _bump(wf, user, "登记出席情况")


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    needed: int

    @property
    def met(self) -> bool:
        return self.members > 0 and self.present >= self.needed


def quorum_of(meeting: Meeting) -> Quorum:
    """Members, members present, and how many must be present (more than quorum_share)."""
    from jiyao.directory.models import rules_for

    share = float(rules_for(meeting.series.government).quorum_share)
    members = Participant.objects.filter(meeting=meeting, role=Participant.MEMBER)
    total = members.count()
    present = members.filter(status=Participant.PRESENT).count()
    return Quorum(total, present, math.floor(total * share) + 1 if total else 1)


def absent_leaders(meeting: Meeting) -> list[tuple[AgendaEntry, str]]:
    """Agenda items whose leader in charge (topic.leader) is absent: (entry, name)."""
    absent = set(
        Participant.objects.filter(meeting=meeting, status=Participant.ABSENT).values_list(
            "person_id", flat=True
        )
    )
    return [
        (e, e.topic.leader.name)
        for e in AgendaEntry.objects.filter(meeting=meeting).select_related("topic__leader")
        if e.topic.leader_id in absent
    ]


# -- decisions -------------------------------------------------------------------------------


def record_decision(
    entry: AgendaEntry,
    user: Any,
    *,
    outcome: str,
    follow_up: str = "",
    requirements: list[str] | None = None,
    dissent: str = "",
) -> AgendaEntry:
    """Record what the meeting decided on one item.

    ``outcome`` is a label of the fixed vocabulary (原则同意 … 不同意) or its code. The
    topic follows: 暂缓 defers it (it may go on a later agenda), any other outcome decides
    it. Refused: an outcome outside the vocabulary, a meeting not held, switching an
    item between 暂缓 and a decision once recorded (the topic has moved on).
    """
    wf = entry.meeting.workflow
    _require_manager(user, entry.meeting)
    _require_state(wf, states.DECIDING, "记录会议决定（会议召开后方可记录）")
    code = DECISION_CODES.get(outcome, outcome)
    if code not in OUTCOME_LABELS:
        choices = "、".join(DECISION_CODES)
        raise TransitionRefused(f"会议决定“{outcome}”无效，只能是：{choices}。")
    reqs = [r.strip().rstrip("。；;") for r in (requirements or []) if r.strip()]
    follow = (follow_up or "").strip().rstrip("。")
    with transaction.atomic():
        current = AgendaEntry.objects.select_for_update().select_related("topic").get(pk=entry.pk)
        before = current.outcome
        if before is not None and (before == DEFERRED) != (code == DEFERRED):
            raise TransitionRefused(
                f"议题“{current.topic.title}”已记录为“{OUTCOME_LABELS[before]}”，"
                f"不能改为“{OUTCOME_LABELS[code]}”；请在纪要草稿中更正并说明。"
            )
        if before is None:
            action = "defer" if code == DEFERRED else "decide"
            topic_transition(current.topic, action, user, f"会议决定：{OUTCOME_LABELS[code]}")
        current.outcome = code
        current.follow_up = follow
        current.requirements = reqs
        current.dissent = (dissent or "").strip()
        current._change_reason = f"会议决定：{OUTCOME_LABELS[code]}"  # type: ignore[attr-defined]
        current.save()
        _bump(wf, user, "记录会议决定")
    return current


# -- what to do next -------------------------------------------------------------------------


def todo_for(user: Any) -> list[tuple[str, str]]:
    """What ``user`` has to do next on meetings: (Chinese text, URL)."""
    from jiyao.meetings.models import Recipient

    roles = roles_of(user)
    if not roles:
        return []
    todo: list[tuple[str, str]] = []
    seen = visible_workflows(user)
    if SECRETARIAT in roles:
        for wf in seen.filter(state=states.PLANNED).order_by("meeting__date"):
            todo.append((f"{_name(wf.meeting)}尚未发出会议通知", _url(wf)))
        for wf in seen.filter(state=states.NOTIFIED, meeting__date__lte=today()):
            todo.append((f"{_name(wf.meeting)}：登记出席情况并确认会议已召开", _url(wf)))
        from jiyao.meetings.submission import returned

        for wf in seen.filter(state__in=states.DRAFTING).order_by("meeting__date"):
            back = returned(wf)
            if back is not None:
                todo.append(
                    (
                        f"{_name(wf.meeting)}纪要被退回修改（{back.reason}），修改后再提请签发",
                        reverse("meetings:draft", args=[wf.meeting_id]),
                    )
                )
            else:
                todo.append((f"{_name(wf.meeting)}：起草纪要，提请签发", _url(wf)))
        if not seen.filter(state__in=(states.PLANNED, states.NOTIFIED)).exists():
            todo.append(("筹备下一次会议", reverse("meetings:create")))
        waiting = Counter(
            Recipient.objects.filter(
                version__meeting__workflow__in=seen,
                acknowledged_at__isnull=True,
                version__superseded_by__isnull=True,
            ).values_list("version__meeting__workflow", flat=True)
        )
        for wf in seen.filter(pk__in=waiting).order_by("meeting__date"):
            todo.append((f"{_name(wf.meeting)}纪要：{waiting[wf.pk]} 个单位尚未签收", _url(wf)))
    if LEADER in roles and (person := person_of(user)) is not None:
        for wf in seen.filter(
            state__in=states.AWAITING_SIGNATURE,
            meeting__chair=person,
            meeting__minutes_draft__isnull=False,
        ):
            todo.append(
                (f"签发{_name(wf.meeting)}纪要", reverse("meetings:draft", args=[wf.meeting_id]))
            )
    if roles & {DEPARTMENT, LEADER, SECRETARIAT} and (org := organization_of(user)) is not None:
        count = Recipient.objects.filter(
            organization=org, acknowledged_at__isnull=True, version__superseded_by__isnull=True
        ).count()
        if count:
            todo.append((f"{count} 份会议纪要待签收", reverse("meetings:inbox")))
    return todo


def _name(meeting: Meeting) -> str:
    from jiyao.minutes.compose.text import chinese_numeral

    session = f"第{chinese_numeral(meeting.session)}次" if meeting.session else ""
    return f"{meeting.body or ''}{session}{meeting.series.kind or '会议'}"


def meeting_name(meeting: Meeting) -> str:
    """县政府第十二次常务会议."""
    return _name(meeting)


def _url(wf: Workflow) -> str:
    return reverse("meetings:detail", args=[wf.meeting_id])


__all__ += [
    "Quorum",
    "StaleEdit",
    "absent_leaders",
    "add_participant",
    "create_meeting",
    "government_of",
    "grant_leave",
    "meeting_name",
    "move_entry",
    "next_session",
    "place_topic",
    "quorum_of",
    "record_attendance",
    "record_decision",
    "remove_participant",
    "remove_topic",
]
