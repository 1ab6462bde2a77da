"""Who may read which minutes: the one accessor views use to fetch a meeting.

Minutes are ``public`` (a government publishes them: anyone may read, anonymous
visitors included) or ``internal`` (only logged-in users with a role — see
roles.is_insider). Views never query Meeting directly: they call
:func:`get_meeting_for_user` for one meeting and :func:`visible_meetings` for lists,
so the rule lives in one place. A meeting the user may not read is answered with 404,
not 403, so that its existence does not leak.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    from jiyao.archive.models import Meeting

    meetings = Meeting.objects.all()
    if public_only(user):
        meetings = meetings.filter(minutes__visibility=PUBLIC)
    return meetings


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
