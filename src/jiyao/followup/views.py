"""The follow-up pages: dashboard, task lists, a task, a meeting's proposals.

Views are thin: who sees what is :mod:`jiyao.followup.access`, every change is a
service (:mod:`jiyao.followup.services`), the figures come from
:mod:`jiyao.followup.stats` and the charts from :mod:`jiyao.followup.charts`. A task
the user may not see is a 404; an action their role may not take is a 403; bad input
comes back on the same page with a Chinese message and the user's input kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from jiyao.archive.access import get_meeting_for_user
from jiyao.flow import TransitionRefused
from jiyao.followup import (
    access,
    charts,
    colour,
    exports,
    proposals,
    services,
    states,
    stats,
    suggest,
)
from jiyao.followup.models import Evidence, Proposal, Task
from jiyao.uploads import limited_uploads

PER_PAGE = 50
RECENT_CLOSED = 20


def _government_or_404(pk: Any) -> Any:
    from jiyao.archive.models import Organization

    return get_object_or_404(Organization, pk=pk, kind=Organization.GOVERNMENT)


def _governments_for(user: Any) -> list[Any]:
    """Governments with tasks ``user`` may see, by name (one indexed probe each)."""
    from django.db.models import Exists, OuterRef

    from jiyao.archive.models import Organization

    tasks = access.visible_tasks(user).filter(government=OuterRef("pk"))
    governments = Organization.objects.filter(kind=Organization.GOVERNMENT)
    return list(governments.filter(Exists(tasks)).order_by("name"))


def _home_government(user: Any, governments: list[Any]) -> Any:
    """The user's own government when it has tasks, else the first one."""
    from jiyao.accounts.models import profile_of

    profile = profile_of(user)
    org = profile.organization if profile is not None else None
    own = None if org is None else (org.pk if org.government_id is None else org.government_id)
    for g in governments:
        if g.pk == own:
            return g
    return governments[0]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Department → its unit's page; everyone else → the dashboard of a government."""
    user = request.user
    unit = access.unit_of(user)
    if unit is not None:
        return redirect("followup:unit", pk=unit.pk)
    governments = _governments_for(user)
    if not user.is_authenticated and not governments:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    if not governments:
        if not (access.sees_all(user) or access.person_of(user) is not None):
            raise PermissionDenied("您没有查看督查督办的权限。")
        return render(request, "followup/empty.html", {"todo": services.todo_for(user)})
    return redirect("followup:dashboard", pk=_home_government(user, governments).pk)


def _dashboard_rows(request: HttpRequest, government: Any) -> Any:
    if not access.may_see_government(request.user, government):
        raise Http404("没有这个政府的督办情况，或您无权查看")
    return access.visible_tasks(request.user).filter(government=government)


@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    government = _government_or_404(pk)
    rows = _dashboard_rows(request, government)
    on = colour.today()
    figures = stats.dashboard(rows, on)
    units, leaders, meetings = figures["units"], figures["leaders"], figures["meetings"]
    totals = figures["totals"]
    context = {
        "government": government,
        "governments": _governments_for(request.user),
        "totals": totals,
        "colour_chart": charts.colour_bar(totals, f"{government.name}督办事项按状态分布"),
        "tables": [
            (
                "unit",
                "按牵头单位",
                units,
                charts.share_bars(units[: stats.CHART_ROWS], "按牵头单位的办结、在办、逾期比例"),
            ),
            (
                "leader",
                "按分管领导",
                leaders,
                charts.share_bars(leaders[: stats.CHART_ROWS], "按分管领导的办结、在办、逾期比例"),
            ),
            (
                "meeting",
                "按会议（最近）",
                meetings,
                charts.share_bars(meetings, "最近会议的办结、在办、逾期比例"),
            ),
        ],
        "is_supervisor": access.is_supervisor(request.user),
        # Links of the table rows: a prefix and the key (reverse() per row costs more
        # than the rest of the row on a government with many units).
        "unit_base": reverse("followup:unit", args=[0])[:-2],
        "meeting_base": reverse("archive:meeting", args=[0])[:-2],
    }
    return render(request, "followup/dashboard.html", context)


TABLES = {
    "unit": ("按牵头单位", stats.by_unit),
    "leader": ("按分管领导", stats.by_leader),
    "meeting": ("按会议", stats.by_meeting),
}
TASK_HEADER = (
    "编号",
    "会议日期",
    "牵头单位",
    "分管领导",
    "办理事项",
    "办理期限",
    "状态",
    "颜色",
    "进度（%）",
    "办结日期",
)


@require_GET
def export(request: HttpRequest, pk: int, table: str, fmt: str) -> HttpResponse:
    """A dashboard table (unit/leader/meeting) or the task list (tasks) as xlsx or csv."""
    government = _government_or_404(pk)
    if fmt not in ("xlsx", "csv") or (table not in TABLES and table != "tasks"):
        raise Http404("没有这种导出")
    rows = _dashboard_rows(request, government)
    on = colour.today()
    if table == "tasks":
        title = "督办事项"
        header: tuple[str, ...] = TASK_HEADER
        data = [
            [
                t.pk,
                t.meeting_date,
                t.lead.name,
                t.leader.name if t.leader else "",
                t.action,
                t.deadline,
                states.MACHINE.label(t.state),
                colour.LABELS[colour.task_colour(t, on)],
                t.percent,
                t.closed_on or "",
            ]
            for t in _filtered(request, rows).select_related("lead", "leader")[:100000]
        ]
    else:
        title, fn = TABLES[table]
        header = exports.SHARE_HEADER
        data = exports.share_rows(fn(rows, on))
    name = f"督办-{government.name}-{title}-{on:%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(header, data), content_type=exports.CSV_TYPE)
    else:
        body = exports.to_xlsx(title, header, data)
        response = HttpResponse(body, content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _filtered(request: HttpRequest, rows: Any) -> Any:
    """``rows`` narrowed by the list filters (colour, state, unit, q)."""
    c = request.GET.get("colour", "")
    if c in colour.LABELS:
        rows = rows.filter(colour.colour_q(c))
    s = request.GET.get("state", "")
    if s in states.STATES:
        rows = rows.filter(state=s)
    unit = request.GET.get("unit", "")
    if unit.isdigit():
        rows = rows.filter(lead_id=int(unit))
    q = " ".join((request.GET.get("q") or "").split())[:100]
    if q:
        rows = rows.filter(action__contains=q)
    return rows


def _page(request: HttpRequest, rows: Any) -> Any:
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


def _with_colour(tasks: Any) -> list[tuple[Any, str]]:
    on = colour.today()
    return [(t, colour.task_colour(t, on)) for t in tasks]


@require_GET
def tasks(request: HttpRequest) -> HttpResponse:
    """Every task the user may see, filtered; open tasks first, nearest deadline first."""
    user = request.user
    insider = access.sees_all(user) or access.person_of(user) is not None
    if not (insider or access.unit_of(user) is not None or _governments_for(user)):
        raise PermissionDenied("您没有查看督查督办的权限。")
    rows = _filtered(request, access.visible_tasks(user))
    government = request.GET.get("government", "")
    if government.isdigit():
        rows = rows.filter(government_id=int(government))
    rows = rows.select_related("lead").order_by("deadline", "pk")
    page = _page(request, rows)
    context = {
        "page": page,
        "tasks": _with_colour(page.object_list),
        "colours": colour.LABELS,
        "states": states.STATES,
        "params": request.GET,
        "query": _query_without_page(request),
    }
    return render(request, "followup/tasks.html", context)


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's tasks: open ones first (nearest deadline first), then the closed ones."""
    from jiyao.archive.models import Organization

    org = get_object_or_404(Organization, pk=pk)
    government = org.government or org
    if not access.may_see_government(request.user, government):
        raise Http404("没有这个单位的督办情况，或您无权查看")
    rows = access.unit_tasks(request.user, org).select_related("lead")
    open_rows = rows.filter(state__in=states.OPEN_STATES).order_by("deadline", "pk")
    page = _page(request, open_rows)
    closed = rows.filter(state=states.CLOSED).order_by("-closed_on", "-pk")[:RECENT_CLOSED]
    mine = access.unit_of(request.user)
    is_mine = mine is not None and mine.pk == org.pk
    context = {
        "unit": org,
        "government": government,
        "page": page,
        "open_tasks": _with_colour(page.object_list),
        "closed_tasks": list(closed),
        "is_mine": is_mine,
        "todo": services.todo_for(request.user) if is_mine else [],
    }
    return render(request, "followup/unit.html", context)


def _log_label(row: Any) -> str:
    """What a log row did, in Chinese (确认立项, 退回, 延期 …)."""
    if row.action == "confirm":
        return "确认立项"
    found = states.MACHINE.find(row.source, row.action)
    label = found.label if found is not None else row.action
    if row.source != row.target:
        label += f"（{states.MACHINE.label(row.target)}）"
    return label


def _task_context(request: HttpRequest, task: Task, **extra: Any) -> dict[str, Any]:
    user = request.user
    roles = access.roles_of(user)
    allowed = [row for row in states.MACHINE.allowed(task.state, roles) if row.action != "report"]
    can_report = access.may_report(user, task) and any(
        r.action == "report" for r in states.MACHINE.allowed(task.state, roles)
    )
    context = {
        "task": task,
        "colour": colour.task_colour(task),
        "colour_label": colour.LABELS[colour.task_colour(task)],
        "state_label": states.MACHINE.label(task.state),
        "co_units": list(task.co_units.order_by("name")),
        "reports": list(task.reports.select_related("by").prefetch_related("evidence")),
        "log": [(t, _log_label(t)) for t in task.transitions.select_related("by")],
        "actions": allowed,
        "can_report": can_report,
        "form": {},
        "errors": [],
    }
    context.update(extra)
    return context


@require_GET
def task(request: HttpRequest, pk: int) -> HttpResponse:
    obj = access.get_task_for_user(request, pk)
    return render(request, "followup/task.html", _task_context(request, obj))


def _refused(
    request: HttpRequest, obj: Task, errors: list[str], form: dict[str, Any]
) -> HttpResponse:
    obj.refresh_from_db()
    context = _task_context(request, obj, errors=errors, form=form)
    return render(request, "followup/task.html", context, status=422)


@limited_uploads
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead unit's progress report (text, percentage, evidence files)."""
    obj = access.get_task_for_user(request, pk)
    if not access.may_report(request.user, obj):
        raise PermissionDenied("只有牵头单位可以反馈这项督办事项的进展。")
    form = {"text": request.POST.get("text", ""), "percent": request.POST.get("percent", "")}
    try:
        services.transition(
            obj,
            "report",
            request.user,
            version=_version(request),
            text=form["text"],
            percent=form["percent"],
            files=request.FILES.getlist("files"),
        )
    except (TransitionRefused, ValidationError) as refused:
        return _refused(request, obj, _messages(refused), form)
    messages.success(request, "进展已反馈，等待督查室审核。")
    return redirect("followup:task", pk=obj.pk)


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """A supervisor's action on a task: accept, return, extend, close, reopen."""
    obj = access.get_task_for_user(request, pk)
    action = request.POST.get("action", "")
    if action not in states.SUPERVISOR_ACTIONS:
        raise Http404("没有这个操作")
    if not access.is_supervisor(request.user):
        raise PermissionDenied("只有督查室可以审核、退回、延期或办结督办事项。")
    reason = request.POST.get("reason", "")
    form = {"action": action, "reason": reason, "deadline": request.POST.get("deadline", "")}
    data: dict[str, Any] = {}
    try:
        if action == "extend":
            raw = form["deadline"].strip()
            try:
                data["deadline"] = dt.date.fromisoformat(raw) if raw else None
            except ValueError:
                raise ValidationError(
                    f"延期后的办理期限“{raw}”不是日期（如 2026-12-31）。"
                ) from None
        services.transition(obj, action, request.user, reason, version=_version(request), **data)
    except (TransitionRefused, ValidationError) as refused:
        return _refused(request, obj, _messages(refused), form)
    label = states.MACHINE.find(obj.state, action)
    messages.success(request, f"已{label.label if label else '处理'}。")
    return redirect("followup:task", pk=obj.pk)


@require_GET
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    access.get_task_for_user(request, item.report.task_id)  # 404 unless the task is visible
    try:
        handle = item.file.open("rb")
    except (OSError, ValueError):
        raise Http404("文件已不存在") from None
    return FileResponse(handle, as_attachment=True, filename=item.original_name)


# -- proposals -------------------------------------------------------------------------------


def _supervisor_only(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise Http404("没有这个页面")
    if not access.is_supervisor(request.user):
        raise PermissionDenied("只有督查室可以分解督办事项。")


@require_GET
def meetings(request: HttpRequest) -> HttpResponse:
    """Meetings with proposals waiting, and recent meetings not split into tasks yet."""
    from jiyao.archive.models import Meeting

    _supervisor_only(request)
    pending_ids = Proposal.objects.filter(status=Proposal.PENDING).values("meeting_id")
    pending = Meeting.objects.filter(pk__in=pending_ids).select_related("series__government")
    fresh = [(m, suggest.origin(m)) for m in suggest.meetings_to_split()[:30]]
    context = {"pending": list(pending.order_by("-date")[:100]), "fresh": fresh}
    return render(request, "followup/meetings.html", context)


def _minutes_text(meeting: Any) -> str:
    """The normalized text of the meeting's minutes (the spans index it), or ""."""
    from jiyao.archive.models import SourceDocument

    source = getattr(getattr(meeting, "minutes", None), "source_id", None)
    if source is None:
        return ""
    found = SourceDocument.objects.filter(pk=source).values_list("text", flat=True).first()
    return (found or "").replace("\r", "\n")


def quote(text: str, spans: Any) -> list[tuple[str, str]]:
    """The sentence a proposal came from, as (part, mark) pieces: ``mark`` names the value
    the part is (lead, co, deadline) or is "" — so the page shows where each value was
    read. Empty when the spans do not fit the text."""
    action = spans.get("action") if isinstance(spans, dict) else None
    if not text or not action or not (0 <= action[0] < action[1] <= len(text)):
        return []
    start, end = action
    marks: list[tuple[int, int, str]] = []
    for key, label in (("lead", "lead"), ("deadline", "deadline")):
        span = spans.get(key)
        if span and start <= span[0] < span[1] <= end:
            marks.append((span[0], span[1], label))
    for span in spans.get("co_units") or []:
        if start <= span[0] < span[1] <= end:
            marks.append((span[0], span[1], "co"))
    pieces: list[tuple[str, str]] = []
    at = start
    for s, e, label in sorted(marks):
        if s < at:
            continue  # overlapping spans: the first one wins
        pieces.append((text[at:s], ""))
        pieces.append((text[s:e], label))
        at = e
    pieces.append((text[at:end], ""))
    return [(part, mark) for part, mark in pieces if part]


def _proposal_rows(
    meeting: Any, errors: dict[int, list[str]], forms: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each proposal with the form values to show (the user's after a refusal)."""
    government = meeting.series.government
    text = _minutes_text(meeting)
    rows = []
    qs = Proposal.objects.filter(meeting=meeting).select_related(
        "lead", "decision__agenda_item", "task"
    )
    for p in qs.order_by("decision__agenda_item__position", "position"):
        co = [(n, proposals.resolve_unit(government, n)) for n in p.co_names]
        form = forms.get(p.pk) or {
            "lead": str(p.lead_id or ""),
            "co": [str(u.pk) for _, u in co if u is not None],
            "action": p.action,
            "deadline": p.deadline.isoformat() if p.deadline else "",
            "note": proposals.deadline_source(p),
        }
        rows.append(
            {
                "p": p,
                "co_resolved": co,
                "item": p.decision.agenda_item,
                "form": form,
                "errors": errors.get(p.pk, []),
                "task": getattr(p, "task", None),
                "quote": quote(text, p.spans),
            }
        )
    return rows


@require_GET
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    _supervisor_only(request)
    mtg = get_meeting_for_user(request, pk)
    return render(request, "followup/meeting.html", _meeting_context(mtg))


def _meeting_context(
    mtg: Any,
    errors: dict[int, list[str]] | None = None,
    forms: dict[int, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "meeting": mtg,
        "government": mtg.series.government,
        "rows": _proposal_rows(mtg, errors or {}, forms or {}),
        "units": list(proposals.units_of(mtg.series.government)),
    }


@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    _supervisor_only(request)
    mtg = get_meeting_for_user(request, pk)
    if mtg.date is None:
        messages.error(request, "这次会议没有日期，无法计算办理期限；请先在档案中更正会议日期。")
        return redirect("followup:meeting", pk=mtg.pk)
    made = proposals.propose_for_meeting(mtg)
    if made:
        messages.success(request, f"已根据会议决定生成 {made} 条督办建议，请逐条确认、修改或舍弃。")
    else:
        messages.info(request, "没有新的督办建议：各项决定已分解过，或没有需要督办的要求。")
    return redirect("followup:meeting", pk=mtg.pk)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm (with edits) or drop one proposal."""
    from jiyao.archive.models import Organization

    _supervisor_only(request)
    proposal = get_object_or_404(
        Proposal.objects.select_related("meeting__series__government"), pk=pk
    )
    mtg = get_meeting_for_user(request, proposal.meeting_id)
    government = mtg.series.government
    choice = request.POST.get("decision", "")
    form = {k: request.POST.get(k, "") for k in ("lead", "action", "deadline", "note")}
    form["co"] = request.POST.getlist("co")
    try:
        if choice == "drop":
            services.drop(proposal, request.user)
            messages.success(request, "已舍弃这条建议。")
            return redirect(f"{reverse('followup:meeting', args=[mtg.pk])}#p{proposal.pk}")
        if choice != "confirm":
            raise Http404("没有这个操作")
        units = Organization.objects.filter(Q(government=government) | Q(pk=government.pk))
        lead = units.filter(pk=int(form["lead"])).first() if form["lead"].isdigit() else None
        co = list(units.filter(pk__in=[int(c) for c in form["co"] if c.isdigit()]))
        try:
            deadline, phrase = proposals.parse_deadline(form["deadline"], mtg.date)
        except ValueError as bad:
            raise ValidationError(str(bad)) from None
        note = form["note"].strip()
        if deadline != proposal.deadline and note == proposals.deadline_source(proposal):
            # The supervisor changed the date but left the proposed source: not true now.
            note = ""
        note = note or ("督查室确定" + (f"（{phrase}）" if phrase else ""))
        task_obj = services.confirm(
            proposal,
            request.user,
            lead=lead,
            co_units=co,
            action=form["action"],
            deadline=deadline,
            deadline_note=note,
        )
    except (TransitionRefused, ValidationError) as refused:
        context = _meeting_context(
            mtg, errors={proposal.pk: _messages(refused)}, forms={proposal.pk: form}
        )
        return render(request, "followup/meeting.html", context, status=422)
    messages.success(request, f"已立项：{task_obj.action[:30]}（牵头单位 {task_obj.lead}）。")
    return redirect(f"{reverse('followup:meeting', args=[mtg.pk])}#p{proposal.pk}")
