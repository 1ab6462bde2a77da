"""The secretariat's review queue (复核): what the import could not settle alone.

``/review/`` lists the open :class:`~jiyao.archive.models.ReviewFlag` rows; each opens
``/review/meetings/<pk>/``: the meeting's source (any of its copies) with the doubtful
value marked, the flags, a form to correct one value with a reason (kept in the
history, listed on the page) and a form to mark a flag handled. Only the secretariat
(and superusers) may use them: a visitor is sent to the login page, any other role gets
403. The rules live in :mod:`jiyao.archive.corrections`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from jiyao.accounts.roles import can_edit
from jiyao.archive import corrections
from jiyao.archive.access import parse_id

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


def _guard(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_edit(request.user):
        raise PermissionDenied("只有政府办（秘书科）可以复核纪要")
    return None


def queue(request: HttpRequest) -> HttpResponse:
    """The open flags, oldest first, 50 a page."""
    refused = _guard(request)
    if refused is not None:
        return refused
    flags = corrections.open_flags()
    page = Paginator(flags, 50).get_page(request.GET.get("page"))
    rows = [(flag, corrections.highlight_path(flag)) for flag in page]
    return render(request, "archive/review.html", {"page": page, "rows": rows})


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting to review: source with the value marked, flags, correction form."""
    from jiyao.archive import models as m
    from jiyao.archive.templatetags.archive_tags import span_of

    key = parse_id(pk)
    if key is None:  # a malformed id is not found, whoever asks
        raise Http404("没有这次会议")
    refused = _guard(request)
    if refused is not None:
        return refused
    mtg = (
        m.Meeting.objects.filter(pk=key, minutes__isnull=False)
        .select_related("series__government", "minutes__source")
        .first()
    )
    if mtg is None:
        raise Http404("没有这次会议")
    error = ""
    form = {"path": request.GET.get("hl") or "", "value": "", "reason": ""}
    if request.method == "POST":
        form = {k: request.POST.get(k, "") for k in ("path", "value", "reason")}
        if request.POST.get("action") == "resolve":
            flag = mtg.review_flags.filter(pk=parse_id(request.POST.get("flag")) or 0).first()
            if flag is None:
                raise Http404("没有这条待复核事项")
            corrections.resolve(flag, request.user, request.POST.get("note", ""))
            messages.success(request, f"已标记为处理完毕：{flag.get_kind_display()}")
            return redirect("archive:review_meeting", pk=mtg.pk)
        try:
            label = corrections.correct(
                mtg, form["path"], form["value"], form["reason"], request.user
            )
        except corrections.CorrectionRefused as exc:
            error = str(exc)
        else:
            messages.success(request, f"已更正{label}，原因已记入修改历史")
            return redirect("archive:review_meeting", pk=mtg.pk)
    sources = list(mtg.sources.order_by("pk"))
    primary = mtg.minutes.source
    if primary is not None and primary not in sources:
        sources.insert(0, primary)
    chosen = next(
        (s for s in sources if str(s.pk) == request.GET.get("source")),
        primary or (sources[0] if sources else None),
    )
    text = chosen.text.replace("\r", "\n") if chosen is not None else ""
    spans = mtg.minutes.spans if chosen is None or chosen == primary else chosen.spans
    hl = request.GET.get("hl") or ""
    span = span_of(spans, hl) if hl and isinstance(spans, dict) else None
    parts = (text[: span[0]], text[span[0] : span[1]], text[span[1] :]) if span else None
    context = {
        "meeting": mtg,
        "flags": mtg.review_flags.order_by("resolved_at", "created_at"),
        "sources": sources,
        "chosen": chosen,
        "text": text,
        "parts": parts,
        "hl": hl,
        "fields": corrections.fields_of(mtg),
        "form": form,
        "error": error,
        "history": corrections.history_of(mtg),
    }
    return render(request, "archive/review_meeting.html", context, status=400 if error else 200)
