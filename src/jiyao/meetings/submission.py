"""提请签发 and 退回修改: the secretariat submits the checked minutes draft to the chair,
who signs it (:func:`jiyao.meetings.drafting.sign_minutes`) or returns it with a reason.

Theory of operation: both are rows of the meeting's one table (jiyao.meetings.states)
taken through :func:`jiyao.meetings.services.transition`, which writes the log row and
runs the guards — for a submission the draft's checks (:func:`check_draft`) at that
moment, for a return that the user is the chair. A submission also names the draft
version the secretariat checked: a draft saved by someone else in between is refused
(:class:`StaleEdit`), so the chair signs exactly what was submitted. While submitted
the draft is frozen (not in ``states.DRAFTING``); a return makes it editable again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from jiyao.flow import TransitionRefused
from jiyao.meetings import states
from jiyao.meetings.access import manages
from jiyao.meetings.models import MeetingTransition, MinutesDraft
from jiyao.meetings.services import StaleEdit, transition

if TYPE_CHECKING:
    from jiyao.archive.models import Meeting
    from jiyao.meetings.models import Workflow


def submit_minutes(meeting: Meeting, user: Any, *, expected_version: int) -> Workflow:
    """提请签发: the draft (version ``expected_version``) goes to the chair.

    Refused (nothing changes): a user not of this government's secretariat, a meeting
    whose draft is not being edited, a draft saved since ``expected_version``, a draft
    whose checks find errors (each named).
    """
    if not manages(user, meeting):
        raise TransitionRefused("只有本级政府办（秘书科）可以提请签发。")
    with transaction.atomic():
        draft = MinutesDraft.objects.select_for_update().filter(meeting=meeting).first()
        if draft is None:
            raise TransitionRefused("还没有纪要草稿，不能提请签发。")
        if draft.version != expected_version:
            raise StaleEdit(
                f"纪要草稿已被修改（当前第 {draft.version} 版，您看到的是第 {expected_version} 版），"
                "请检查最新内容后再提请签发。"
            )
        return transition(meeting.workflow, "submit", user, internal=True)


def return_minutes(meeting: Meeting, user: Any, reason: str) -> Workflow:
    """退回修改: the chair sends the submitted draft back to the secretariat, with a reason."""
    return transition(meeting.workflow, "return", user, reason)


@dataclass(frozen=True)
class Step:
    """The last submission or return of a meeting's minutes, for the pages and the desk."""

    action: str
    by: Any
    at: Any
    reason: str


def last_step(wf: Workflow) -> Step | None:
    """The latest 提请签发 or 退回修改 of ``wf`` (None before the first submission)."""
    row = (
        MeetingTransition.objects.filter(workflow=wf, action__in=("submit", "return"))
        .select_related("by")
        .order_by("-at", "-pk")
        .first()
    )
    if row is None:
        return None
    return Step(action=row.action, by=row.by, at=row.at, reason=row.reason)


def returned(wf: Workflow) -> Step | None:
    """The return the draft is being revised after (None when it was not returned)."""
    step = last_step(wf) if wf.state in states.DRAFTING else None
    return step if step is not None and step.action == "return" else None
