"""Which meetings the supervisor should split into tasks next (the desk and the list).

A meeting is suggested when its minutes are in the archive — imported from a file, or
signed in jiyao (a meeting still being prepared, drafted or awaiting signature is not) —
when at least one of its decisions asks for something to be done (a 后续要求 or a 会议要求:
what :func:`jiyao.minutes.followup.propose` reads tasks from), and when none of its
decisions has proposals or tasks yet: a meeting already split, even in part, is never
suggested again, so nothing is proposed twice. Newest meeting first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from jiyao.followup.models import Proposal, Task
from jiyao.meetings import states as meeting_states

if TYPE_CHECKING:
    from django.db.models import QuerySet

#: States of a meeting held in jiyao whose minutes are signed (a correction keeps the
#: signed version in the archive while the new one is drafted).
SIGNED_STATES = (
    meeting_states.SIGNED,
    meeting_states.CORRECTING,
    meeting_states.CORRECTION_SUBMITTED,
)
#: How many suggestions the desk lists one by one (the rest are counted, with a link).
ON_DESK = 5


def meetings_to_split() -> QuerySet[Any]:
    """The meetings to suggest (see the module docstring), newest first."""
    from jiyao.archive.models import Decision, Meeting

    asks = Decision.objects.filter(agenda_item__meeting=OuterRef("pk")).filter(
        (Q(follow_up__isnull=False) & ~Q(follow_up="")) | ~Q(requirements=[])
    )
    return (
        Meeting.objects.filter(date__isnull=False, minutes__isnull=False)
        .filter(Q(workflow__isnull=True) | Q(workflow__state__in=SIGNED_STATES))
        .filter(Exists(asks))
        .exclude(Exists(Proposal.objects.filter(meeting=OuterRef("pk"))))
        .exclude(Exists(Task.objects.filter(meeting=OuterRef("pk"))))
        .select_related("series__government", "workflow")
        .order_by("-date", "-pk")
    )


def origin(meeting: Any) -> str:
    """纪要已签发 (held and signed in jiyao) or 纪要已导入 (imported from a file)."""
    return "纪要已签发" if getattr(meeting, "workflow", None) is not None else "纪要已导入"


def desk_items() -> list[tuple[str, str]]:
    """The supervisor's desk lines: the newest meetings to split, then a link to the
    list when there are more (not counted: the desk is opened often, the archive large)."""
    shown = list(meetings_to_split()[: ON_DESK + 1])
    out = [
        (f"{m}{origin(m)}：生成督办建议", reverse("followup:meeting", args=[m.pk]))
        for m in shown[:ON_DESK]
    ]
    if len(shown) > ON_DESK:
        out.append(("更多纪要尚未分解督办事项", reverse("followup:meetings")))
    return out
