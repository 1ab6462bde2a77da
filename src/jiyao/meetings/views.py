"""Pages of meetings being prepared and held, the minutes, the inbox (thin: services decide).

Every page fetches its meeting through :func:`get_meeting_workflow_for_user` (404 for a
meeting the user may not see). Actions are POSTs; a refusal by the rules comes back as
a message on the meeting page (the service's Chinese reason), an action the user's role
may not take at all as 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jiyao.flow import TransitionRefused
from jiyao.meetings import distribution, drafting, services, states, submission
from jiyao.meetings import notice as notices
from jiyao.meetings.access import get_meeting_workflow_for_user, manages, roles_of
from jiyao.meetings.models import AgendaEntry, MinutesVersion, Participant
from jiyao.meetings.pages import detail_context, draft_context, index_context


def _back(wf: Any, anchor: str = "") -> HttpResponse:
    return redirect(reverse("meetings:detail", args=[wf.meeting_id]) + anchor)


def _managed(request: HttpRequest, pk: Any) -> Any:
    wf = get_meeting_workflow_for_user(request, pk)
    if not manages(request.user, wf.meeting):
        raise PermissionDenied("只有本级政府办（秘书科）可以进行此操作。")
    return wf


def _run(
    request: HttpRequest, wf: Any, done: str, func: Any, *args: Any, anchor: str = "", **kw: Any
) -> HttpResponse:
    try:
        func(*args, **kw)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _back(wf, anchor)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not roles_of(request.user):
        raise PermissionDenied("您的账号没有会议相关的角色。")
    return render(request, "meetings/index.html", index_context(request.user))


@login_required
def create(request: HttpRequest) -> HttpResponse:
    from jiyao.archive.models import MeetingSeries, Person

    gov = services.government_of(request.user)
    if "secretariat" not in roles_of(request.user) or (
        gov is None and not request.user.is_superuser
    ):
        raise PermissionDenied("只有政府办（秘书科）可以安排会议。")
    series_qs = MeetingSeries.objects.select_related("government")
    people = Person.objects.all()
    if gov is not None:
        series_qs = series_qs.filter(government=gov)
        people = people.filter(government=gov)
    chairs = list(people.filter(memberships__isnull=False).distinct().order_by("name"))
    form: dict[str, Any] = {"time_of_day": "上午", "date": services.today() + dt.timedelta(days=3)}
    error = ""
    if request.method == "POST":
        form = {
            k: request.POST.get(k, "").strip()
            for k in ("series", "date", "time_of_day", "chair", "location")
        }
        try:
            series = series_qs.get(pk=int(form["series"]))
            chair = people.get(pk=int(form["chair"]))
        except (ValueError, MeetingSeries.DoesNotExist, Person.DoesNotExist):
            error = "请选择会议系列和主持人。"
        else:
            try:
                day = dt.date.fromisoformat(form["date"])
            except ValueError:
                error = f"会议日期“{form['date']}”无效，请按 年-月-日 填写。"
            else:
                try:
                    wf = services.create_meeting(
                        series,
                        request.user,
                        date=day,
                        chair=chair,
                        time_of_day=form["time_of_day"],
                        location=form["location"],
                    )
                except TransitionRefused as exc:
                    error = str(exc)
                else:
                    messages.success(request, f"已安排{services.meeting_name(wf.meeting)}。")
                    return _back(wf)
    context = {
        "series_list": list(series_qs),
        "chairs": chairs,
        "form": form,
        "error": error,
        "times": services.TIMES_OF_DAY,
    }
    return render(request, "meetings/create.html", context, status=422 if error else 200)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    wf = get_meeting_workflow_for_user(request, pk)
    return render(request, "meetings/detail.html", detail_context(request.user, wf))


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    wf = _managed(request, pk)
    if action == "notify":
        try:
            count = notices.send_notice(wf, request.user)
        except TransitionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"会议通知已发送（邮件 {count} 人）。")
        return _back(wf)
    if action == "correct":
        return _run(
            request,
            wf,
            "已进入更正，请修改纪要草稿后提请签发。",
            drafting.start_correction,
            wf.meeting,
            request.user,
            request.POST.get("reason", ""),
        )
    if action not in {"revise", "hold", "cancel"}:
        raise Http404("没有这个操作")
    row = states.MACHINE.find(wf.state, action)
    label = row.label if row else action
    return _run(
        request,
        wf,
        f"已{label}。",
        services.transition,
        wf,
        action,
        request.user,
        request.POST.get("reason", ""),
    )


@login_required
def notice_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from jiyao.minutes.compose.notice import compose_notice_docx, compose_notice_pdf
    from jiyao.minutes.errors import ComposeError

    wf = get_meeting_workflow_for_user(request, pk)
    kinds = {
        "docx": (compose_notice_docx, notices.DOCX),
        "pdf": (compose_notice_pdf, "application/pdf"),
    }
    if fmt not in kinds:
        raise Http404("没有这种格式")
    notice = notices.notice_of(wf.meeting)
    func, content_type = kinds[fmt]
    try:
        data = func(notice)
    except ComposeError as exc:
        return render(request, "archive/compose_failed.html", {"reason": str(exc)}, status=422)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename=notice-{wf.meeting_id}.{fmt}"
    return response


@login_required
@require_POST
def place(request: HttpRequest, pk: int) -> HttpResponse:
    from jiyao.topics.models import Topic

    wf = _managed(request, pk)
    topic = Topic.objects.filter(
        pk=_int(request.POST.get("topic")), government=wf.meeting.series.government
    ).first()
    if topic is None:
        messages.error(request, "请选择要排入议程的议题。")
        return _back(wf, "#agenda")
    return _run(
        request,
        wf,
        f"已将“{topic.title}”排入议程。",
        services.place_topic,
        wf,
        topic,
        request.user,
        anchor="#agenda",
    )


def _entry(request: HttpRequest, entry_pk: int) -> tuple[Any, AgendaEntry]:
    entry = AgendaEntry.objects.filter(pk=entry_pk).select_related("meeting").first()
    if entry is None:
        raise Http404("没有这个议程事项")
    wf = _managed(request, entry.meeting_id)
    return wf, entry


@login_required
@require_POST
def remove(request: HttpRequest, entry_pk: int) -> HttpResponse:
    wf, entry = _entry(request, entry_pk)
    return _run(
        request,
        wf,
        "已移出议程。",
        services.remove_topic,
        entry,
        request.user,
        request.POST.get("reason", ""),
        anchor="#agenda",
    )


@login_required
@require_POST
def move(request: HttpRequest, entry_pk: int, direction: str) -> HttpResponse:
    wf, entry = _entry(request, entry_pk)
    step = -1 if direction == "up" else 1
    return _run(
        request,
        wf,
        "已调整顺序。",
        services.move_entry,
        entry,
        request.user,
        step,
        anchor="#agenda",
    )


@login_required
@require_POST
def decide(request: HttpRequest, entry_pk: int) -> HttpResponse:
    wf, entry = _entry(request, entry_pk)
    reqs = (request.POST.get("requirements") or "").splitlines()
    return _run(
        request,
        wf,
        "已记录会议决定。",
        services.record_decision,
        entry,
        request.user,
        outcome=request.POST.get("outcome", ""),
        follow_up=request.POST.get("follow_up", ""),
        requirements=reqs,
        dissent=request.POST.get("dissent", ""),
        anchor=f"#entry-{entry.pk}",
    )


@login_required
@require_POST
def add_participant(request: HttpRequest, pk: int) -> HttpResponse:
    from jiyao.archive.models import Organization

    wf = _managed(request, pk)
    org = Organization.objects.filter(
        pk=_int(request.POST.get("organization")), government=wf.meeting.series.government
    ).first()
    entry = AgendaEntry.objects.filter(
        pk=_int(request.POST.get("entry")), meeting=wf.meeting
    ).first()
    return _run(
        request,
        wf,
        "已添加参会人员。",
        services.add_participant,
        wf,
        request.user,
        name=request.POST.get("name", ""),
        role=request.POST.get("role", ""),
        organization=org,
        entry=entry,
        anchor="#participants",
    )


def _participant(request: HttpRequest, participant_pk: int) -> tuple[Any, Participant]:
    p = Participant.objects.filter(pk=participant_pk).select_related("meeting", "person").first()
    if p is None:
        raise Http404("没有这位参会人员")
    return _managed(request, p.meeting_id), p


@login_required
@require_POST
def leave(request: HttpRequest, participant_pk: int) -> HttpResponse:
    from jiyao.archive.models import Person

    wf, p = _participant(request, participant_pk)
    approver = Person.objects.filter(
        pk=_int(request.POST.get("approved_by")), government=wf.meeting.series.government
    ).first()
    return _run(
        request,
        wf,
        f"已登记{p.person.name}请假。",
        services.grant_leave,
        p,
        request.user,
        reason=request.POST.get("reason", ""),
        approved_by=approver,
        anchor="#participants",
    )


@login_required
@require_POST
def remove_participant(request: HttpRequest, participant_pk: int) -> HttpResponse:
    wf, p = _participant(request, participant_pk)
    return _run(
        request,
        wf,
        f"已移除{p.person.name}。",
        services.remove_participant,
        p,
        request.user,
        anchor="#participants",
    )


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    wf = _managed(request, pk)
    present: list[int] = []
    absent: list[int] = []
    for key, value in request.POST.items():
        if key.startswith("p-") and (pid := _int(key[2:])) is not None:
            if value == "present":
                present.append(pid)
            elif value == "absent":
                absent.append(pid)
    present += [i for i in map(_int, request.POST.getlist("present")) if i is not None]
    absent += [i for i in map(_int, request.POST.getlist("absent")) if i is not None]
    return _run(
        request,
        wf,
        "已保存出席情况。",
        services.record_attendance,
        wf,
        request.user,
        present=present,
        absent=absent,
        anchor="#attendance",
    )


@login_required
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    wf = get_meeting_workflow_for_user(request, pk)
    meeting = wf.meeting
    may_edit = manages(request.user, meeting)
    draft_row = meeting_draft = None
    try:
        meeting_draft = drafting.draft_of(meeting, request.user) if may_edit else None
    except TransitionRefused as exc:
        messages.error(request, str(exc))
        return _back(wf)
    draft_row = meeting_draft or drafting.MinutesDraft.objects.filter(meeting=meeting).first()
    if draft_row is None:
        raise Http404("还没有纪要草稿")
    status = 200
    edited = None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("只有本级政府办（秘书科）可以修改纪要草稿。")
        expected = _int(request.POST.get("version")) or 0
        record = drafting.record_from_form(meeting, drafting.draft_record(draft_row), request.POST)
        try:
            if request.POST.get("regenerate"):
                drafting.regenerate_draft(meeting, request.user, expected_version=expected)
            else:
                drafting.save_draft(meeting, request.user, record, expected_version=expected)
        except services.StaleEdit as exc:
            messages.error(request, str(exc))
            edited, status = record, 409
        except TransitionRefused as exc:
            messages.error(request, str(exc))
            edited, status = record, 422
        else:
            messages.success(request, "纪要草稿已保存。")
            return redirect("meetings:draft", pk=meeting.pk)
        draft_row.refresh_from_db()
    context = draft_context(request.user, wf, draft_row, edited=edited)
    return render(request, "meetings/draft.html", context, status=status)


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """提请签发 (the secretariat, from the draft page)."""
    wf = _managed(request, pk)
    try:
        submission.submit_minutes(
            wf.meeting, request.user, expected_version=_int(request.POST.get("version")) or 0
        )
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "纪要已提请签发，等待主持人签发。")
    return redirect("meetings:draft", pk=wf.meeting_id)


@login_required
@require_POST
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    """退回修改 (the chair, with a reason)."""
    wf = get_meeting_workflow_for_user(request, pk)
    if not drafting.is_signer(request.user, wf.meeting):
        raise PermissionDenied("纪要须由会议主持人签发或退回。")
    try:
        submission.return_minutes(wf.meeting, request.user, request.POST.get("reason", ""))
    except TransitionRefused as exc:
        messages.error(request, str(exc))
        return redirect("meetings:draft", pk=wf.meeting_id)
    messages.success(request, "纪要已退回秘书科修改。")
    return _back(wf)


@login_required
@require_POST
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    wf = get_meeting_workflow_for_user(request, pk)
    if not drafting.is_signer(request.user, wf.meeting):
        raise PermissionDenied("纪要须由会议主持人签发。")
    try:
        version = drafting.sign_minutes(
            wf.meeting,
            request.user,
            visibility=request.POST.get("visibility", ""),
            expected_version=_int(request.POST.get("version")) or 0,
        )
    except TransitionRefused as exc:
        messages.error(request, str(exc))
        return redirect("meetings:draft", pk=wf.meeting_id)
    messages.success(request, f"纪要已签发（{version.number}），已存入档案并分送。")
    return _back(wf)


@login_required
def version_file(request: HttpRequest, pk: int, number: int, fmt: str) -> HttpResponse:
    from jiyao.minutes import compose
    from jiyao.minutes.errors import ComposeError

    wf = get_meeting_workflow_for_user(request, pk)
    version = MinutesVersion.objects.filter(meeting=wf.meeting, number_in_meeting=number).first()
    if version is None:
        raise Http404("没有这一版纪要")
    record = drafting.version_record(version)
    kinds = {
        "html": ("compose_html", "text/html; charset=utf-8"),
        "docx": ("compose_docx", notices.DOCX),
        "pdf": ("compose_pdf", "application/pdf"),
        "txt": (None, "text/plain; charset=utf-8"),
    }
    if fmt not in kinds:
        raise Http404("没有这种格式")
    func_name, content_type = kinds[fmt]
    try:
        data: Any = version.text if func_name is None else getattr(compose, func_name)(record)
    except ComposeError as exc:
        return render(request, "archive/compose_failed.html", {"reason": str(exc)}, status=422)
    response = HttpResponse(data, content_type=content_type)
    if fmt == "html":
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    else:
        response["Content-Disposition"] = (
            f"attachment; filename=minutes-{wf.meeting_id}-v{number}.{fmt}"
        )
    return response


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    rows = list(distribution.inbox_for(request.user))
    return render(request, "meetings/inbox.html", {"rows": rows})


@login_required
@require_POST
def acknowledge(request: HttpRequest, recipient_pk: int) -> HttpResponse:
    recipient = distribution.get_recipient_for_user(request.user, recipient_pk)
    try:
        distribution.acknowledge(recipient, request.user)
    except TransitionRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已签收。")
    return redirect("meetings:inbox")


@login_required
@require_POST
def remind(request: HttpRequest, recipient_pk: int) -> HttpResponse:
    from jiyao.meetings.models import Recipient

    recipient = Recipient.objects.filter(pk=recipient_pk).select_related("version").first()
    if recipient is None:
        raise Http404("没有这个分送单位")
    wf = _managed(request, recipient.version.meeting_id)
    return _run(
        request,
        wf,
        f"已向{recipient.organization}发出催办。",
        distribution.remind,
        recipient,
        request.user,
        anchor="#receipts",
    )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
