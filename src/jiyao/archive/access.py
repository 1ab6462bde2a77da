"""Who may read which minutes: the one rule, and the accessors views use to fetch meetings.

Minutes are ``public`` (a government publishes them: anyone may read them, anonymous
visitors and readers included) or ``internal`` (only the government's own staff — the
*insiders* of :func:`jiyao.accounts.roles.is_insider`: secretariat, supervisor,
department, leader, and superusers). A meeting without minutes (one being prepared in
the workflow) is not part of the archive: nobody sees it in lists, search, pages or
counts.

Views never query Meeting directly: they call :func:`get_meeting_for_user` for one
meeting, :func:`visible_meetings` for lists of meetings and :func:`visible_filter` for
rows under a meeting, so the rule lives here. A meeting the user may not read is
answered with 404, not 403, so that its existence does not leak. Ids from a URL or a
query string go through :func:`parse_id` first: a number no database key can hold is
"not found", never a database error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from jiyao.accounts.roles import is_insider

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

PUBLIC = "public"
INTERNAL = "internal"

#: The largest key a database column can hold (a signed 64-bit integer: PostgreSQL's
#: bigint, SQLite's INTEGER); primary keys start at 1.
MAX_ID = 2**63 - 1


def parse_id(value: Any) -> int | None:
    """``value`` as a primary key (1 … MAX_ID), or None when it cannot be one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        key = value
    else:
        text = str(value if value is not None else "").strip()
        if not text.isascii() or not text.isdigit() or len(text) > 19:
            return None
        key = int(text)
    return key if 1 <= key <= MAX_ID else None


def public_only(user: Any) -> bool:
    """True when ``user`` may read public minutes only (anyone who is not an insider)."""
    return not is_insider(user)


def _minutes_of(to_meeting: str, public: bool) -> Q:
    from jiyao.archive.models import Minutes

    # A correlated EXISTS, not a join: most minutes are public, and a join lets the
    # planner drive the query from the visibility index and sort everything, where
    # EXISTS keeps it on the meeting's own indexes (date order, LIMIT stops early).
    minutes = Minutes.objects.filter(meeting=OuterRef(to_meeting))
    if public:
        minutes = minutes.filter(visibility=PUBLIC)
    return Q(Exists(minutes))


def visible_meetings(user: Any) -> QuerySet[Any]:
    """Meetings with minutes that ``user`` may read (all minutes for an insider)."""
    return visible_meetings_in_scope(public_only(user))


def visible_meetings_in_scope(public: bool) -> QuerySet[Any]:
    """:func:`visible_meetings` for the public scope (``public``) or the insiders' one —
    for queries compiled once per scope (jiyao.archive.compiled), not per user."""
    from jiyao.archive.models import Meeting

    return Meeting.objects.filter(_minutes_of("pk", public))


def visible_filter(user: Any, to_meeting: str) -> Q:
    """A filter for rows *under* a meeting (items, attendance, documents) that ``user``
    may read; ``to_meeting`` is the lookup path from the row to its Meeting
    (``"meeting"``, ``"agenda_item__meeting"``).

    A correlated EXISTS on the row's own minutes: ``meeting__in=visible_meetings(...)``
    would list every visible meeting of the archive, and a plain join lets the planner
    start from the (unselective) visibility index; EXISTS keeps it on the row's index.
    """
    return visible_filter_in_scope(public_only(user), to_meeting)


def visible_filter_in_scope(public: bool, to_meeting: str) -> Q:
    """:func:`visible_filter` for a scope (see :func:`visible_meetings_in_scope`)."""
    return _minutes_of(to_meeting, public)


def get_meeting_for_user(request: HttpRequest, pk: Any) -> Any:
    """The meeting ``pk`` if ``request.user`` may read its minutes; Http404 otherwise.

    A malformed or out-of-range ``pk`` is a 404 too (never a 500).
    """
    key = parse_id(pk)
    if key is None:
        raise Http404("没有这次会议")
    from jiyao.archive import compiled

    public = public_only(request.user)
    # Compiled once per process: the ORM took longer to build this query than the
    # database to answer it, on every meeting page and download.
    found = compiled.objects(
        f"meeting_for_user:{public}",
        lambda: (
            visible_meetings_in_scope(public)
            .filter(pk=compiled.KEY)
            .select_related("minutes", "series__government", "chair")
            .order_by()[:1]
        ),
        key,
    )
    meeting = found[0] if found else None
    if meeting is None:
        raise Http404("没有这次会议，或您无权查看")
    return meeting
