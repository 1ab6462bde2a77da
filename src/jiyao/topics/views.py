"""Pages of topics (议题): lists and queues per role, the form, the topic page, transitions.

Thin: every topic is fetched through services.get_topic_for_user (404 when the user may
not see it), every change goes through editing.save_topic or services.transition, whose
Chinese refusals are shown to the user. Users without a workflow role (readers, users
without any role) get 403 on the list pages and 404 on a topic.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jiyao.accounts.models import government_of, profile_of
from jiyao.accounts.roles import DEPARTMENT, LEADER, SECRETARIAT, SUPERVISOR
from jiyao.flow import TransitionRefused
from jiyao.topics import rules, services, states
from jiyao.topics.editing import change_log, may_create, save_topic
from jiyao.topics.forms import TopicForm
from jiyao.topics.models import Topic
from jiyao.uploads import limited_uploads

WORKFLOW_ROLES = frozenset({DEPARTMENT, LEADER, SECRETARIAT, SUPERVISOR})
#: Actions taken from a meeting's agenda (the meetings app), not from the topic's page.
AGENDA_ACTIONS = frozenset({"schedule", "unschedule"})


def _roles(request: HttpRequest, *needed: str) -> set[str]:
    """The user's workflow roles; 403 when it has none of ``needed`` (default: any)."""
    roles = services.roles_of(request.user)
    if not roles & (set(needed) or WORKFLOW_ROLES):
        raise PermissionDenied("您的角色不能使用这个页面。")
    return roles


def _by_state(topics: Any) -> list[tuple[str, str, list[Topic]]]:
    groups: dict[str, list[Topic]] = {}
    for t in topics:
        groups.setdefault(t.state, []).append(t)
    return [(code, label, groups[code]) for code, label in states.STATES.items() if code in groups]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    roles = _roles(request)
    topics = services.visible_topics(request.user).select_related("department", "leader")
    return render(
        request,
        "topics/index.html",
        {
            "groups": _by_state(topics.order_by("-updated_at")),
            "todo": services.todo_for(request.user),
            "can_create": DEPARTMENT in roles and not may_create(request.user),
            "create_problem": may_create(request.user) if DEPARTMENT in roles else "",
            "is_leader": LEADER in roles,
            "is_secretariat": SECRETARIAT in roles,
            "sees_ready": bool(roles & {SECRETARIAT, SUPERVISOR}),
            "organization": getattr(profile_of(request.user), "organization", None),
        },
    )


def _page_actions(request: HttpRequest, topic: Topic) -> list[Any]:
    return [
        row
        for row in services.allowed_transitions(request.user, topic)
        if row.action not in AGENDA_ACTIONS
    ]


def _with_actions(request: HttpRequest, topics: Any) -> list[tuple[Topic, list[Any]]]:
    return [(t, _page_actions(request, t)) for t in topics.order_by("updated_at")]


@login_required
def leader_queue(request: HttpRequest) -> HttpResponse:
    _roles(request, LEADER)
    profile = profile_of(request.user)
    person = profile.person if profile is not None else None
    waiting = services.visible_topics(request.user).filter(state=states.SUBMITTED, leader=person)
    departments = services.portfolio_departments(person.pk if person else None)
    return render(
        request,
        "topics/queue.html",
        {
            "title": "待我审核的议题",
            "intro": "分管单位申报的议题，同意后转政府办审核；退回须写明理由。",
            "topics": _with_actions(request, waiting.select_related("department")),
            "empty": "没有待您审核的议题。"
            if person
            else "您的账户尚未关联领导人员，请联系管理员。",
            "departments": departments,
            "person": person,
        },
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _roles(request, SECRETARIAT)
    waiting = services.visible_topics(request.user).filter(state=states.LEADER_APPROVED)
    return render(
        request,
        "topics/queue.html",
        {
            "title": "政府办审核",
            "intro": "分管领导已同意上会的议题。审核通过后可排入会议议程；材料不全的请退回并写明理由。",
            "topics": _with_actions(request, waiting.select_related("department", "leader")),
            "empty": "没有待审核的议题。",
        },
    )


@login_required
def ready(request: HttpRequest) -> HttpResponse:
    _roles(request, SECRETARIAT, SUPERVISOR)
    gov = None if request.user.is_superuser else government_of(request.user)
    if gov is None and not request.user.is_superuser:
        ready_topics: Any = Topic.objects.none()
    else:
        ready_topics = services.schedulable_topics(gov)
    ready_pks = {t.pk for t in ready_topics}
    blocked = [
        (t, services.unschedulable_reason(t))
        for t in services.visible_topics(request.user)
        .filter(state__in=services.SCHEDULABLE_STATES)
        .select_related("department")
        if t.pk not in ready_pks
    ]
    return render(request, "topics/ready.html", {"ready": ready_topics, "blocked": blocked})


@login_required
@limited_uploads
def create(request: HttpRequest) -> HttpResponse:
    _roles(request, DEPARTMENT)
    problem = may_create(request.user)
    if problem:
        raise PermissionDenied(problem)
    gov = government_of(request.user)
    form = TopicForm(request.POST or None, request.FILES or None, government=gov)
    if request.method == "POST" and form.is_valid():
        try:
            topic = save_topic(request.user, form.to_input())
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "议题已保存为草稿。核对无误后请在议题页提交申报。")
            return redirect("topics:detail", topic.pk)
    return render(request, "topics/form.html", {"form": form, "topic": None})


@login_required
@limited_uploads
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    topic = services.get_topic_for_user(request, pk)
    if not services.can_edit(request.user, topic):
        raise PermissionDenied(f"议题当前状态为“{states.MACHINE.label(topic.state)}”，您不能修改。")
    form = TopicForm(
        request.POST or None, request.FILES or None, government=topic.government, topic=topic
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_topic(
                request.user,
                form.to_input(),
                topic=topic,
                expected_version=form.cleaned_data.get("version"),
            )
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "修改已保存。")
            return redirect("topics:detail", saved.pk)
    return render(request, "topics/form.html", {"form": form, "topic": topic})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    topic = services.get_topic_for_user(request, pk)
    recorded = {c.kind: c for c in topic.checks.select_related("recorded_by")}
    required = rules.required_checks(topic.kind)
    checks = [
        (code, name, required.get(code, ""), recorded.get(code))
        for code, name in rules.CHECKS.items()
        if code in required or code in recorded
    ]
    log = topic.transitions.select_related("by").order_by("at", "pk")
    return render(
        request,
        "topics/detail.html",
        {
            "topic": topic,
            "state_label": states.MACHINE.label(topic.state),
            "materials": topic.materials.all(),
            "checks": checks,
            "blocked": services.unschedulable_reason(topic),
            "actions": _page_actions(request, topic),
            "can_edit": services.can_edit(request.user, topic),
            "log": [
                (row, states.MACHINE.label(row.source), states.MACHINE.label(row.target))
                for row in log
            ],
            "history": change_log(topic),
            "meetings": on_agendas(topic),
        },
    )


def on_agendas(topic: Topic) -> list[dict[str, Any]]:
    """The meetings the topic was put on (a deferred topic may be on several), oldest
    first: the meeting's name, date, the item's number and what was decided. Whoever
    sees a topic sees the meetings it is on (jiyao.meetings.access), so each is linked."""
    from jiyao.minutes.compose.text import chinese_numeral

    rows = []
    for entry in topic.agenda_entries.select_related("meeting__series").order_by(
        "meeting__date", "pk"
    ):
        meeting = entry.meeting
        session = f"第{chinese_numeral(meeting.session)}次" if meeting.session else ""
        rows.append(
            {
                "entry": entry,
                "meeting": meeting,
                "name": f"{meeting.body or ''}{session}{meeting.series.kind or '会议'}",
            }
        )
    return rows


@login_required
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    topic = services.get_topic_for_user(request, pk)
    action = request.POST.get("action", "")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        if action in AGENDA_ACTIONS:
            raise TransitionRefused("排入或移出议程请在会议准备的议程页面进行。")
        topic = services.transition(
            topic, action, request.user, request.POST.get("reason", ""), expected_version=version
        )
    except TransitionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, f"已{_label(action)}：议题现为“{states.MACHINE.label(topic.state)}”。"
        )
    nxt = request.POST.get("next", "")
    if nxt.startswith("/topics/") and "//" not in nxt:
        return redirect(nxt)
    return redirect("topics:detail", topic.pk)


def _label(action: str) -> str:
    for row in states.TABLE:
        if row.action == action:
            return row.label
    return action


@login_required
def material(request: HttpRequest, pk: int, material_pk: int) -> FileResponse:
    topic = services.get_topic_for_user(request, pk)
    item = topic.materials.filter(pk=material_pk).first()
    if item is None:
        raise Http404("没有这份材料")
    return _download(item.file, item.original_name)


@login_required
def evidence(request: HttpRequest, pk: int, check_pk: int) -> FileResponse:
    topic = services.get_topic_for_user(request, pk)
    item = topic.checks.filter(pk=check_pk).first()
    if item is None or not item.evidence_file:
        raise Http404("没有这份证明材料")
    name = f"{item.get_kind_display()}证明材料.{item.evidence_file.name.rsplit('.', 1)[-1]}"
    return _download(item.evidence_file, name)


def _download(stored: Any, name: str) -> FileResponse:
    try:
        handle = stored.open("rb")
    except OSError:
        raise Http404("文件已不存在，请联系政府办") from None
    return FileResponse(handle, as_attachment=True, filename=name)
