"""The follow-up panel of the archive's meeting page: each decision's tasks and state.

Registered with :mod:`jiyao.archive.extensions` by :class:`FollowupConfig.ready`. Shows
only the tasks the user may see (:mod:`jiyao.followup.access`); the supervisor also
gets the link to split the meeting's decisions into tasks. Nothing for other users
when there is nothing they may see.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.template.loader import render_to_string

from jiyao.followup import access, colour, states


def meeting_panel(request: Any, meeting: Any) -> str:
    from jiyao.followup.models import Proposal, Task

    user = request.user
    supervisor = access.is_supervisor(user)
    # Most meetings of an archive have no follow-up at all: one look at the meeting's
    # index settles those before the (costlier) visibility filter is built and run.
    if not supervisor and not Task.objects.filter(meeting=meeting).exists():
        return ""
    rows = list(
        access.visible_tasks(user)
        .filter(meeting=meeting)
        .select_related("lead", "decision__agenda_item")
        .order_by("decision__agenda_item__position", "pk")
    )
    if not rows and not supervisor:
        return ""
    on = colour.today()
    by_item: dict[Any, list[tuple[Any, str, str, str]]] = defaultdict(list)
    items: dict[Any, Any] = {}
    for t in rows:
        item = t.decision.agenda_item
        items[item.pk] = item
        c = colour.task_colour(t, on)
        by_item[item.pk].append((t, c, colour.LABELS[c], states.MACHINE.label(t.state)))
    groups = [(items[pk], by_item[pk]) for pk in items]
    pending = (
        Proposal.objects.filter(meeting=meeting, status=Proposal.PENDING).count()
        if supervisor
        else 0
    )
    context = {"meeting": meeting, "groups": groups, "supervisor": supervisor, "pending": pending}
    return render_to_string("followup/_meeting_panel.html", context, request=request)
