"""Who may read which minutes: the one accessor views use to fetch a meeting.

Minutes are ``public`` (a government publishes them: anyone may read, anonymous
visitors included) or ``internal`` (only logged-in users with a role — see
roles.is_insider). Views never query Meeting directly: they call
:func:`get_meeting_for_user` for one meeting, :func:`visible_meetings` for lists of
meetings and :func:`visible_filter` for rows under a meeting, so the rule lives here. A meeting the user may not read is answered with 404,
not 403, so that its existence does not leak.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.http import Http404

from jiyao.accounts.roles import is_insider

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

PUBLIC = "public"
INTERNAL = "internal"


def public_only(user: Any) -> bool:
    """True when ``user`` may read public minutes only."""
    return not is_insider(user)


def visible_meetings(user: Any) -> QuerySet[Any]:
    """Meetings whose minutes ``user`` may read (all of them for an insider)."""
    from django.db.models import Exists, OuterRef

    from jiyao.archive.models import Meeting, Minutes

    meetings = Meeting.objects.all()
    if public_only(user):
        # A correlated EXISTS, not a join: most minutes are public, and a join lets the
        # planner drive the query from the visibility index and sort everything, where
        # EXISTS keeps it on the meeting's own indexes (date order, LIMIT stops early).
        public = Minutes.objects.filter(meeting=OuterRef("pk"), visibility=PUBLIC)
        meetings = meetings.filter(Exists(public))
    return meetings


def visible_filter(user: Any, to_meeting: str) -> Q:
    """A filter for rows *under* a meeting (items, attendance, documents) that ``user``
    may read; ``to_meeting`` is the lookup path from the row to its Meeting
    (``"meeting"``, ``"agenda_item__meeting"``).

    A correlated EXISTS on the row's own minutes: ``meeting__in=visible_meetings(...)``
    would list every visible meeting of the archive, and a plain join lets the planner
    start from the (unselective) visibility index; EXISTS keeps it on the row's index.
    """
    if not public_only(user):
        return Q()
    from django.db.models import Exists, OuterRef

    from jiyao.archive.models import Minutes

    return Q(Exists(Minutes.objects.filter(meeting=OuterRef(to_meeting), visibility=PUBLIC)))


def get_meeting_for_user(request: HttpRequest, pk: Any) -> Any:
    """The meeting ``pk`` if ``request.user`` may read its minutes; Http404 otherwise.

    A malformed ``pk`` is a 404 too (never a 500).
    """
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404("没有这次会议") from None
    meeting = (
        visible_meetings(request.user)
        .filter(pk=key)
        .select_related("minutes", "series__government", "chair")
        .first()
    )
    if meeting is None:
        raise Http404("没有这次会议，或您无权查看")
    return meeting
