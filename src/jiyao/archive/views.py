"""The archive's pages: search, browse by government, a meeting, a department, a person,
a document, and the directories of departments, people and documents
(jiyao.archive.directories; ``/departments/``, ``/people/``, ``/documents/`` without a
name or title).

Views are thin. Every meeting they show comes through jiyao.archive.access
(``get_meeting_for_user`` for one, ``visible_meetings`` for lists), so a public-only
user (anonymous, a reader, a user without a role) never sees internal minutes — not on a
meeting page, not in a department's or a person's list, not in search (``public_only``)
— nor learns that a department, person or document named only in them exists; and nobody
sees a meeting without minutes. Ids beyond 64 bits and years beyond 9999 are 404s. Search goes through
jiyao.archive.search; the meeting page reads the record back with
``Meeting.to_record()`` and the spans stored with the minutes. Source text is only
ever rendered through auto-escaping (never ``|safe``); the only markup that does not
come from a template is search's ``snippet_html``, escaped by search.py itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from collections import Counter, defaultdict
from types import SimpleNamespace
from typing import Any

from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.http import content_disposition_header, urlencode
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from jiyao.archive import compiled, models
from jiyao.archive.access import (
    get_meeting_for_user,
    parse_id,
    public_only,
    visible_filter,
    visible_filter_in_scope,
    visible_meetings,
    visible_meetings_in_scope,
)
from jiyao.archive.extensions import render_meeting_panels
from jiyao.archive.pagecache import cached_page
from jiyao.archive.provinces import by_province
from jiyao.archive.records import NameLinks, meeting_to_record
from jiyao.archive.templatetags.archive_tags import fact, meeting_label, span_of
from jiyao.minutes.compose.naming import document_name
from jiyao.minutes.record import (
    ACTION_LABELS,
    ATTENDANCE_FIELDS,
    ATTENDANCE_LABELS,
    DECISION_LABELS,
)

logger = logging.getLogger(__name__)

MAX_QUERY = 200  # longer queries are cut, not refused (a pasted paragraph still works)
PER_PAGE = 20
#: Rows per page on a document's page: one per meeting that took the title up (two if it
#: came up twice); in meeting order, the stages read across all pages.
DOCUMENT_PAGE = 50
LIST_LIMIT = 200  # rows per list on a department or person page (counts cover all)


# -- search -------------------------------------------------------------------------------


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_text(value: str | None, limit: int) -> str:
    """A user's text for a query: control characters dropped (PostgreSQL refuses NUL),
    whitespace collapsed, cut to ``limit`` characters."""
    return " ".join(_CONTROL.sub(" ", value or "").split())[:limit]


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip()) if value else None
    except ValueError:
        return None


def _parse_int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def _key(value: Any) -> int:
    """A primary key from the URL; Http404 when no row can have it (beyond 64 bits)."""
    key = parse_id(value)
    if key is None:
        raise Http404("没有这条记录")
    return key


def _search_form(request: HttpRequest) -> dict[str, Any]:
    """The search parameters, cleaned: bad values are dropped and noted, never raised."""
    get = request.GET
    notes: list[str] = []
    q = clean_text(get.get("q"), 10 * MAX_QUERY)
    if len(q) > MAX_QUERY:
        q = q[:MAX_QUERY]
        notes.append(f"检索词过长，已截取前 {MAX_QUERY} 个字符。")
    date_from = _parse_date(get.get("date_from"))
    date_to = _parse_date(get.get("date_to"))
    for key, value in (("date_from", date_from), ("date_to", date_to)):
        if get.get(key) and value is None:
            notes.append("日期格式应为 年-月-日（如 2021-06-08），已忽略该条件。")
    action = get.get("action") or None
    if action not in ACTION_LABELS:
        action = None
    decision = get.get("decision") or None
    if decision not in DECISION_LABELS:
        decision = None
    government = None
    if get.get("government"):
        government = parse_id(get.get("government"))
        if government is None:
            notes.append("“政府”条件不是有效的编号，已忽略该条件。")
    return {
        "q": q,
        "government": government,
        "date_from": date_from,
        "date_to": date_to,
        "department": clean_text(get.get("department"), 100) or None,
        "action": action,
        "decision": decision,
        "person": clean_text(get.get("person"), 50) or None,
        "page": max(_parse_int(get.get("page"), 1) or 1, 1),
        "sort": get.get("sort") if get.get("sort") in dict(SORT_CHOICES) else "relevance",
        "notes": notes,
    }


#: Columns a list of meetings never shows: the minutes' spans and warnings are JSON, often
#: kilobytes per meeting, and decoding them for fifty rows cost more than the rest.
LIST_DEFERRED = ("minutes__spans", "minutes__warnings")


def governments_with_counts(user: Any) -> list[tuple[int, str, int]]:
    """(id, name, meetings) of every government with a meeting ``user`` may read, by
    province (pinyin order, 其他 last), then by the pinyin of the name.

    Counted over the search entries, which copy each meeting's government and public
    flag (kept in step by jiyao.archive.signals): one scan of a small covering index,
    where counting visible meetings through their minutes walks three tables (0.35 s at
    100,000 meetings).
    """
    entries = models.SearchEntry.objects.exclude(government=None)
    if public_only(user):
        entries = entries.filter(public=True)
    # COUNT(*), not COUNT(meeting_id): the key is a bigint, not SQLite's rowid, so
    # counting it would read every (long) row instead of the covering index.
    counts = dict(entries.order_by().values_list("government_id").annotate(n=Count("*")))
    rows = models.Organization.objects.filter(pk__in=list(counts)).values_list("pk", "name")
    grouped = by_province(list(rows), lambda row: row[1])
    return [(pk, name, counts[pk]) for _, group in grouped for pk, name in group]


def _governments_for(user: Any) -> list[tuple[int, str]]:
    """Governments with at least one meeting ``user`` may read, in the order of
    :func:`governments_with_counts` (for the search filter, which needs no counts).

    Every search and the home page ask for this list, so it is not counted: the
    governments that have a series at all (a small table), each kept when one search
    entry it may read exists (one seek in the government/public index) — where counting
    reads an entry per meeting of the archive.
    """
    public = public_only(user)

    def build() -> Any:
        entries = models.SearchEntry.objects.filter(government=OuterRef("pk"))
        if public:
            entries = entries.filter(public=True)
        with_series = models.MeetingSeries.objects.values("government_id")
        return (
            models.Organization.objects.filter(pk__in=with_series)
            .filter(Exists(entries))
            .values_list("pk", "name")
        )

    found = compiled.rows(f"governments_for:{public}", build)
    grouped = by_province(found, lambda row: row[1])
    return [(pk, name) for _, group in grouped for pk, name in group]


def _filters_context(user: Any) -> dict[str, Any]:
    return {
        "governments": _governments_for(user),
        "actions": list(ACTION_LABELS.items()),
        "decisions": list(DECISION_LABELS.items()),
    }


#: The orders a reader can choose for search results.
SORT_CHOICES = (("relevance", "相关度"), ("newest", "最新的在前"), ("oldest", "最早的在前"))

FILTER_KEYS = ("government", "date_from", "date_to", "department", "action", "decision", "person")


def _has_criteria(form: dict[str, Any]) -> bool:
    return any(form[k] for k in ("q", *FILTER_KEYS))


@require_GET
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    """Home: the search box, the governments, the latest meetings the user may read."""
    # The ids first, from the meeting table alone (its date index, stopping after 8):
    # with the joins in the same query SQLite starts from the series and sorts every
    # meeting of the archive (0.5 s at 100,000 meetings).
    newest = visible_meetings(request.user).order_by("-date", "-pk")
    ids = list(newest.values_list("pk", flat=True)[:8])
    latest = (
        models.Meeting.objects.filter(pk__in=ids)
        .select_related("series__government", "minutes")
        .defer(*LIST_DEFERRED)
        .order_by("-date", "-pk")
    )
    context = {"latest": latest, "form": _search_form(request), **_filters_context(request.user)}
    return render(request, "archive/home.html", context)


@require_GET
@cached_page
def search_view(request: HttpRequest) -> HttpResponse:
    """Results with filters and pagination; an htmx request gets the results part only."""
    form = _search_form(request)
    result = None
    if _has_criteria(form):
        try:
            with _savepoint():
                result = _run_search(request, form)
        except DatabaseError:
            # search.py promises not to raise on any query; if the database still
            # refuses one, the reader gets a normal page and the log gets the trace.
            logger.exception("search failed for %r", form["q"])
            form["notes"].append("无法按该检索式检索，请换用其他检索词。")
    context = {
        "form": form,
        "result": result,
        "filters_active": any(form[k] for k in FILTER_KEYS),
        "sorts": SORT_CHOICES,
        "page_links": page_links(result.page, result.pages) if result else [],
        **_filters_context(request.user),
    }
    # htmx asks for the results part; a history restore (back button after htmx's
    # cache expired) asks for the whole page, with the same HX-Request header.
    partial = request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "archive/_results.html" if partial else "archive/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))  # never cache one for the other
    return response


def _savepoint() -> Any:
    """A savepoint inside a transaction (so a refused query leaves it usable), else nothing:
    opening a transaction here would take SQLite's write lock (IMMEDIATE mode) for a read."""
    if transaction.get_connection().in_atomic_block:
        return transaction.atomic()
    return contextlib.nullcontext()


def _run_search(request: HttpRequest, form: dict[str, Any]) -> Any:
    from jiyao.archive.search import search

    return search(
        form["q"],
        government=form["government"],
        date_from=form["date_from"],
        date_to=form["date_to"],
        department=form["department"],
        action=form["action"],
        decision=form["decision"],
        person=form["person"],
        public_only=public_only(request.user),
        page=form["page"],
        per_page=PER_PAGE,
        sort=form["sort"],
    )


def page_links(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last, and ``around`` either side of ``page``;
    None where numbers are left out (shown as …)."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and out[-1] is not None and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


# -- browse by government and year -----------------------------------------------------------


@require_GET
@cached_page
def governments(request: HttpRequest) -> HttpResponse:
    """Governments with meetings the user may read, grouped by province, with counts."""
    govs = [
        {"pk": pk, "name": name, "n": n} for pk, name, n in governments_with_counts(request.user)
    ]
    provinces = by_province(govs, lambda g: g["name"])
    return render(
        request, "archive/governments.html", {"governments": govs, "provinces": provinces}
    )


@require_GET
@cached_page
def government(request: HttpRequest, pk: int, year: int | None = None) -> HttpResponse:
    """One government's meetings of one year (the latest when none is chosen; 0 = undated),
    newest first, a page at a time."""
    if year is not None and not 0 <= year <= 9999:
        raise Http404("没有这一年")
    gov = get_object_or_404(models.Organization, pk=_key(pk))
    meetings = visible_meetings(request.user).filter(series__government=gov)
    per_year = (
        meetings.exclude(date=None)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    year_list = [(row["year"], row["n"]) for row in per_year]
    undated = meetings.filter(date=None).count()
    if not year_list and not undated and public_only(request.user):
        raise Http404("没有可查阅的会议")
    if year is None:
        year = year_list[0][0] if year_list else 0
    shown = meetings.filter(date__year=year) if year else meetings.filter(date=None)
    shown = (
        shown.select_related("series", "minutes")
        .defer(*LIST_DEFERRED)
        .order_by("-date", "-session", "-pk")
    )
    context = {
        "government": gov,
        "years": year_list,
        "year": year,
        "undated": undated,
        "page": _with_urls(paginate(request, shown, 50)),
    }
    return render(request, "archive/government.html", context)


def _with_urls(page: Any) -> Any:
    """``page`` with each meeting's ``url`` set (one reversal per page, not per row)."""
    rows = list(page.object_list)
    for m in rows:
        m.url = _pk_url("archive:meeting", m.pk)
    page.object_list = rows
    return page


# -- the meeting page -----------------------------------------------------------------------


def _source_text(minutes: Any) -> str:
    """The normalized text (without loading the original bytes, which can be large)."""
    if minutes.source_id is None:
        return ""
    found = compiled.rows(
        "meeting_page:text",
        lambda: models.SourceDocument.objects.filter(pk=compiled.KEY).values_list("text"),
        key=minutes.source_id,
    )
    return (found[0][0] if found else "") or ""


def _source_parts(text: str, spans: Any, path: str | None) -> tuple[str, str, str] | None:
    """``(before, marked, after)`` for the server-side highlight of ``path`` (no-JS)."""
    span = span_of(spans, path) if path else None
    if span is None or span[1] > len(text):
        return None
    return text[: span[0]], text[span[0] : span[1]], text[span[1] :]


_URL_TEMPLATES: dict[str, tuple[str, str]] = {}


def _pk_url(name: str, pk: int) -> str:
    """``reverse(name, args=[pk])`` for the many name links of a meeting page, reversed
    once per URL name (a page links up to a hundred people and departments)."""
    parts = _URL_TEMPLATES.get(name)
    if parts is None:
        marker = 918273645
        before, _, after = reverse(name, args=[marker]).partition(str(marker))
        parts = _URL_TEMPLATES[name] = (before, after)
    return f"{parts[0]}{int(pk)}{parts[1]}"


def _chip(spans: Any, path: str, name: str, goto: str | None, what: str) -> SafeString:
    """One name of a list (a submitter, an attendee, a recipient) as a fact, with the
    link to its page when it has one; built here, not by a template tag per name."""
    html = fact(spans, path, name)
    if goto is not None:
        label = escape(f"{name}的{what}页面")
        html += mark_safe(f'<a class="goto" href="{escape(goto)}" aria-label="{label}">›</a>')
    return mark_safe(f"<span>{html}</span>")


def _downloads() -> list[tuple[str, str]]:
    """The formats jiyao.minutes.compose offers, as (fmt, label)."""
    try:
        from jiyao.minutes import compose
    except ImportError:
        return []
    offered = [
        ("docx", "Word (DOCX)", "compose_docx"),
        ("pdf", "PDF", "compose_pdf"),
        ("html", "网页 (HTML)", "compose_html"),
        ("txt", "纯文本 (TXT)", "compose_text"),
    ]
    return [(fmt, label) for fmt, label, fn in offered if hasattr(compose, fn)]


def _item_row(i: int, item: Any, spans: Any, orgs: dict[tuple[int, str], int]) -> dict[str, Any]:
    """One agenda item's facts, each with its record path (the key into ``spans``)."""
    base = f"items[{i}]"
    heading = f"{base}.heading"
    stages = item.document_stages
    return {
        "i": i,
        "item": item,
        # Some parsers give the heading no span of its own, only the whole item.
        "heading_path": heading if span_of(spans, heading) or not span_of(spans, base) else base,
        "action_path": f"{base}.action",
        "decision_path": f"{base}.decision",
        "follow_up_path": f"{base}.follow_up",
        "submitters": [
            _chip(
                spans,
                f"{base}.submitters[{j}]",
                name,
                _pk_url("archive:department", org) if org is not None else None,
                "部门",
            )
            for j, name in enumerate(item.submitters)
            for org in [orgs.get((item.number, name))]
        ],
        "documents": [
            (
                f"{base}.documents[{j}]",
                title,
                f"{base}.document_stages[{j}]",
                stages[j] if j < len(stages) else None,
            )
            for j, title in enumerate(item.documents)
        ],
        "requirements": [
            fact(spans, f"{base}.requirements[{j}]", text)
            for j, text in enumerate(item.requirements)
        ],
    }


@require_GET
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The original text on one side, the structured record on the other."""
    mtg = get_meeting_for_user(request, pk)
    minutes = mtg.minutes
    links = NameLinks()  # person and department pages, read with the record
    record = meeting_to_record(mtg, links=links, fresh=False)  # fetched just above
    people, orgs = links.people, links.orgs
    spans = minutes.spans if isinstance(minutes.spans, dict) else {}
    # The browser turns a lone CR into LF; doing it here keeps every offset aligned.
    text = _source_text(minutes).replace("\r", "\n")
    items = [_item_row(i, item, spans, orgs) for i, item in enumerate(record.items)]
    attendance = [
        (
            role,
            label,
            [
                _chip(
                    spans,
                    f"attendance.{role}[{k}]",
                    name,
                    _pk_url("archive:person", pk) if pk is not None else None,
                    "人员",
                )
                for k, name in enumerate(getattr(record.attendance, role))
                for pk in [people.get(name)]
            ],
        )
        for role, label in ((ATTENDANCE_FIELDS[c], text) for c, text in ATTENDANCE_LABELS.items())
        if getattr(record.attendance, role)
    ]
    distribution = [
        fact(spans, f"distribution[{k}]", name) for k, name in enumerate(record.distribution)
    ]
    hl = request.GET.get("hl")
    context = {
        "meeting": mtg,
        "minutes": minutes,
        "record": record,
        "spans": spans,
        "text": text,
        "highlight": _source_parts(text, spans, hl),
        "items": items,
        "attendance": attendance,
        "distribution": distribution,
        "chair_pk": people.get(record.meeting.chair or ""),
        "downloads": _downloads(),
        "panels": render_meeting_panels(request, mtg),
    }
    return render(request, "archive/meeting.html", context)


#: fmt → (compose function, content type, file suffix).
#: Longest number line a download accepts (〔2021〕53号, 第53期 …).
MAX_NUMBER_CHARS = 30

FORMATS: dict[str, tuple[str, str, str]] = {
    "docx": (
        "compose_docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "pdf": ("compose_pdf", "application/pdf", ".pdf"),
    "html": ("compose_html", "text/html; charset=utf-8", ".html"),
    "txt": ("compose_text", "text/plain; charset=utf-8", ".txt"),
}


@require_GET
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The record composed as DOCX, PDF, HTML or TXT, as an attachment.

    Rendered once per minutes version and format, then served from the cache
    (jiyao.archive.rendering); the cache key is the ETag, so a browser asking again
    gets 304. A record the composer cannot render gives a short page naming the reason
    (status 422); a renderer that crashed or ran out of time gives a page asking to try
    again (status 503) — never a traceback, and the server goes on.
    """
    from jiyao.archive import rendering

    mtg = get_meeting_for_user(request, pk)
    if fmt not in FORMATS or fmt not in dict(_downloads()):
        raise Http404("不支持的格式")
    letterhead = request.GET.get("letterhead") or "record"
    if letterhead not in rendering.LETTERHEADS:
        letterhead = "record"
    _func_name, content_type, suffix = FORMATS[fmt]
    record = meeting_to_record(mtg, fresh=False)  # fetched just above
    # ?series=1 and ?number=… as `jiyao render --series --number`: the government's
    # series masthead (象山县人民政府常务会议纪要) with the title under it, and the number line.
    number = request.GET.get("number", "").strip()
    if len(number) > MAX_NUMBER_CHARS:
        reason = f"期号“{number[:20]}…”太长：最多 {MAX_NUMBER_CHARS} 个字。"
        return render(
            request, "archive/compose_failed.html", {"meeting": mtg, "reason": reason}, status=400
        )
    if request.GET.get("series"):
        letterhead = "series"
    if fmt == "txt":
        letterhead, number = "record", ""
    try:
        rendered = rendering.render(record, fmt, letterhead=letterhead, number=number)
    except rendering.RenderRefused as exc:
        context = {"meeting": mtg, "reason": str(exc)}
        return render(request, "archive/compose_failed.html", context, status=422)
    except rendering.RenderUnavailable as exc:
        logger.error("rendering meeting %s as %s failed: %s", mtg.pk, fmt, exc)
        context = {"meeting": mtg, "reason": "排版程序暂时出现故障（已自动重启），请稍后再试。"}
        response = render(request, "archive/compose_failed.html", context, status=503)
        response["Retry-After"] = "10"
        return response
    etag = f'"{rendered.key}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(rendered.data, content_type=content_type)
        # Government, date and sitting: a title alone is shared by many governments.
        filename = document_name(record, suffix, government=mtg.series.government.name)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    response["ETag"] = etag
    # Internal minutes must not be kept by shared caches; the browser asks again (304).
    response["Cache-Control"] = "private, no-cache"
    # A composed HTML page is a download, never rendered as part of this site.
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- department, person, document ------------------------------------------------------------


def _meeting_entry(
    meeting_id: int, date: Any, session: Any, kind: Any, government: str = "", **more: Any
) -> SimpleNamespace:
    """One meeting of a person's or a department's list, from a compiled query's row:
    its page's ``url``, ``date``, ``name`` (第8次常务会议), ``government`` and ``more``."""
    return SimpleNamespace(
        url=_pk_url("archive:meeting", meeting_id),
        date=date,
        name=meeting_label(kind, session),
        government=government,
        **more,
    )


def _year_of(meeting: Any) -> int | None:
    return meeting.date.year if meeting.date else None


def _by_year(rows: list[Any], meeting_of: Any) -> list[tuple[int | None, list[Any]]]:
    groups: dict[int | None, list[Any]] = defaultdict(list)
    for row in rows:
        groups[_year_of(meeting_of(row))].append(row)
    return sorted(groups.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0)))


@require_GET
def department_lookup(request: HttpRequest) -> HttpResponse:
    """``?name=县发改局`` → the department page (alias, full name or name resolved).

    Only departments whose page the user may see are found: for a public-only user, one
    that brought an item to visible minutes. Any other name — one known only from
    internal minutes included — gets the same "not found" answer as a name nobody knows.
    """
    name = clean_text(request.GET.get("name"), 200)
    if not name:
        return _directory(request, "departments")
    orgs = []
    if name:
        match = Q(name=name) | Q(full_name=name) | Q(pk__in=_alias_orgs(name))
        found = models.Organization.objects.filter(match)
        if public_only(request.user):
            brought = models.ItemSubmitter.objects.filter(
                visible_filter(request.user, "agenda_item__meeting"), organization=OuterRef("pk")
            )
            found = found.filter(Exists(brought))
        orgs = list(found.select_related("government").order_by("pk")[:20])
    if len(orgs) == 1:
        return redirect("archive:department", pk=orgs[0].pk)
    return render(request, "archive/department_choice.html", {"name": name, "orgs": orgs})


def _alias_orgs(name: str) -> Any:
    return models.OrganizationAlias.objects.filter(alias=name).values("organization_id")


@require_GET
@cached_page
def department(request: HttpRequest, pk: int) -> HttpResponse:
    """Items a department brought, the decisions on them and the follow-ups asked, by year.

    Counts cover every visible item; the lists show the latest ``LIST_LIMIT`` of them.
    """
    org = get_object_or_404(models.Organization, pk=_key(pk))
    public = public_only(request.user)
    # One compiled query for every visible item the department brought (short columns;
    # a busy department has a few thousand), counted and cut in Python — where counting,
    # grouping and listing were three ORM queries over the same rows.
    found = compiled.rows(
        f"department:items:{public}",
        lambda: (
            models.AgendaItem.objects.filter(
                visible_filter_in_scope(public, "meeting"),
                pk__in=models.ItemSubmitter.objects.filter(organization=compiled.KEY).values(
                    "agenda_item_id"
                ),
            )
            .order_by("-meeting__date", "-meeting_id", "position")
            .values_list(
                "meeting_id",
                "meeting__date",
                "meeting__session",
                "meeting__series__kind",
                "heading",
                "action",
                "decision__outcome",
                "decision__follow_up",
            )
        ),
        key=org.pk,
    )
    total = len(found)
    if not total and public:
        raise Http404("没有可查阅的记录")
    outcomes = Counter(row[6] for row in found).most_common()
    latest = [
        _meeting_entry(
            meeting_id,
            date,
            session,
            kind,
            heading=heading,
            action=action,
            outcome=outcome,
            follow_up=follow_up,
        )
        for meeting_id, date, session, kind, heading, action, outcome, follow_up in found[
            :LIST_LIMIT
        ]
    ]
    follow_ups = [it for it in latest if it.follow_up]
    aliases = models.OrganizationAlias.objects.filter(organization=org).values_list(
        "alias", flat=True
    )
    shown = org.full_name or org.name
    other_names = sorted({org.name, *aliases} - {shown, "", None})
    context = {
        "org": org,
        "other_names": other_names,
        "years": _by_year(latest, lambda it: it),
        "total": total,
        "truncated": total > len(latest),
        "limit": LIST_LIMIT,
        "outcomes": [
            (DECISION_LABELS.get(outcome or "", "未记录决定"), n) for outcome, n in outcomes
        ],
        "follow_ups": follow_ups,
        "action_labels": ACTION_LABELS,
        "decision_labels": DECISION_LABELS,
    }
    return render(request, "archive/department.html", context)


@require_GET
@cached_page
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """Meetings a person attended, missed, was invited to or observed; attendance rate.

    Counts and the rate cover every visible meeting; each list shows the latest
    ``LIST_LIMIT``.
    """
    who = get_object_or_404(models.Person, pk=_key(pk))
    public = public_only(request.user)
    # Two compiled queries and Python, where the counts and lists were nine ORM queries:
    # a person attends tens to hundreds of meetings, each row a few short columns.
    rows = compiled.rows(
        f"person:attendance:{public}",
        lambda: (
            models.Attendance.objects.filter(
                visible_filter_in_scope(public, "meeting"), person=compiled.KEY
            )
            .order_by("-meeting__date", "-meeting_id")
            .values_list(
                "role",
                "meeting_id",
                "meeting__date",
                "meeting__session",
                "meeting__series__kind",
                "meeting__series__government__name",
                "meeting__chair_id",
            )
        ),
        key=who.pk,
    )
    chaired = compiled.rows(
        f"person:chaired:{public}",
        lambda: (
            visible_meetings_in_scope(public)
            .filter(chair=compiled.KEY)
            .order_by("-date")
            .values_list("pk", "date", "session", "series__kind", "series__government__name")
        ),
        key=who.pk,
    )
    counts = Counter(row[0] for row in rows)
    if not counts and not chaired and public:
        raise Http404("没有可查阅的记录")

    roles = [
        (
            role,
            label,
            counts.get(role, 0),
            [_meeting_entry(*row[1:6]) for row in rows if row[0] == role][:LIST_LIMIT],
        )
        for role, label in ATTENDANCE_LABELS.items()
    ]
    # Chairing a meeting is attending it: the chair is often not listed under 出席.
    present = len({row[0] for row in chaired} | {r[1] for r in rows if r[0] == "present"})
    absent = len({r[1] for r in rows if r[0] == "absent" and r[6] != who.pk})
    rate = present / (present + absent) if present + absent else None
    context = {
        "person": who,
        "roles": roles,
        "chaired": [_meeting_entry(*row) for row in chaired[:LIST_LIMIT]],
        "chaired_count": len(chaired),
        "present": present,
        "absent": absent,
        "rate": rate,
        "rate_percent": round(rate * 100, 1) if rate is not None else None,
        "limit": LIST_LIMIT,
    }
    return render(request, "archive/person.html", context)


@require_GET
@cached_page
def document(request: HttpRequest) -> HttpResponse:
    """Every meeting that took up a document title, oldest first, with its stage; a page
    of rows at a time (a common title can come up in thousands of meetings)."""
    title = clean_text(request.GET.get("title"), 500)
    if not title:
        return _directory(request, "documents")
    docs = (
        models.Document.objects.filter(
            visible_filter(request.user, "agenda_item__meeting"), title=title
        )
        .select_related("agenda_item__meeting__series__government", "agenda_item__decision")
        .order_by("agenda_item__meeting__date", "agenda_item__meeting_id", "position")
    )
    stages: list[str] = []
    for stage in docs.values_list("stage", flat=True):
        if stage and (not stages or stages[-1] != stage):
            stages.append(stage)
    page = paginate(request, docs, DOCUMENT_PAGE)
    if not page.object_list:
        raise Http404("没有可查阅的记录")
    context = {
        "title": title,
        "page": page,
        "query": urlencode({"title": title}),
        "stages": stages,
        "decision_labels": DECISION_LABELS,
        "action_labels": ACTION_LABELS,
    }
    return render(request, "archive/document.html", context)


#: kind → (heading, what to type, placeholder, list function name in directories).
DIRECTORIES = {
    "departments": ("部门", "部门名称、全称或简称", "如 发改局"),
    "people": ("人员", "姓名", "如 王明"),
    "documents": ("审议文件", "文件标题中的词", "如 应急预案"),
}


def _directory(request: HttpRequest, kind: str) -> HttpResponse:
    """A directory page; an htmx request (search-as-you-type) gets the list part only."""
    from jiyao.archive import directories

    q = clean_text(request.GET.get("q"), 100)
    entries, total = getattr(directories, kind)(request.user, q)
    heading, label, placeholder = DIRECTORIES[kind]
    context = {
        "kind": kind,
        "heading": heading,
        "label": label,
        "placeholder": placeholder,
        "q": q,
        "entries": entries,
        "total": total,
        "capped": total >= directories.READ,
        "url": request.path,
    }
    partial = request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "archive/_directory_list.html" if partial else "archive/directory.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_GET
@cached_page
def people(request: HttpRequest) -> HttpResponse:
    """Everyone named in minutes the user may read, with a name filter."""
    return _directory(request, "people")


def paginate(request: HttpRequest, rows: Any, per_page: int = PER_PAGE) -> Any:
    """A page of ``rows`` from ``?page=`` (bad or out-of-range numbers give a valid page)."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))
