"""Who may see and act on which meeting: the one accessor views use.

- the secretariat (政府办) manages every meeting of its government (a superuser: all);
- leaders and the supervisor (督查室) of the government read them;
- a department user reads the meetings whose agenda holds one of its topics, or to which
  its organization is an observer; its inbox shows the minutes sent to it;
- readers, users without a role and users of another government: nothing (404).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.http import Http404

from jiyao.accounts.models import government_of, profile_of
from jiyao.accounts.roles import (
    DEPARTMENT,
    LEADER,
    SECRETARIAT,
    SUPERVISOR,
    active_roles,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    from jiyao.meetings.models import Workflow


def roles_of(user: Any) -> set[str]:
    """The workflow roles of ``user`` (a superuser counts as secretariat)."""
    return active_roles(user, superuser_as=SECRETARIAT)


def organization_of(user: Any) -> Any:
    profile = profile_of(user)
    return profile.organization if profile is not None else None


def person_of(user: Any) -> Any:
    profile = profile_of(user)
    return profile.person if profile is not None else None


def manages(user: Any, meeting: Any) -> bool:
    """True when ``user`` is the secretariat of the meeting's government (or a superuser)."""
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    if SECRETARIAT not in roles_of(user):
        return False
    gov = government_of(user)
    return gov is not None and gov.pk == meeting.series.government_id


def visible_workflows(user: Any) -> QuerySet[Workflow]:
    """The meeting workflows ``user`` may see (see the module docstring)."""
    from jiyao.meetings.models import Workflow

    base = Workflow.objects.select_related("meeting__series__government", "meeting__chair")
    roles = roles_of(user)
    if getattr(user, "is_superuser", False) and roles:
        return base
    gov = government_of(user)
    if gov is None or not roles:
        return base.none()
    own = base.filter(meeting__series__government=gov)
    if roles & {SECRETARIAT, LEADER, SUPERVISOR}:
        return own
    if DEPARTMENT in roles:
        org = organization_of(user)
        return own.filter(
            Q(meeting__agenda__topic__department=org)
            | Q(meeting__participants__organization=org)
            | Q(meeting__minutes_versions__recipients__organization=org)
        ).distinct()
    return base.none()


def get_meeting_workflow_for_user(request: HttpRequest, pk: Any) -> Workflow:
    """The workflow of meeting ``pk`` if ``request.user`` may see it; Http404 otherwise."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404("没有这次会议") from None
    found = visible_workflows(request.user).filter(meeting_id=key).first()
    if found is None:
        raise Http404("没有这次会议，或您无权查看")
    return found
