"""The site navigation, by role (a template context processor).

Which links a user sees follows what they may do: every insider (a staff role) gets the
desk and the workflow apps their role works in; readers and anonymous visitors see the
archive only. Links are resolved by URL name, so an app that is not installed simply
contributes no link.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from jiyao.accounts.roles import DEPARTMENT, LEADER, SECRETARIAT, SUPERVISOR, active_roles

#: (URL name, Chinese label, roles that see it; empty = every insider).
LINKS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("desk", "工作台", frozenset()),
    ("topics:index", "议题", frozenset({SECRETARIAT, DEPARTMENT, LEADER, SUPERVISOR})),
    ("meetings:index", "会议", frozenset({SECRETARIAT, LEADER, SUPERVISOR})),
    ("meetings:inbox", "收文", frozenset({DEPARTMENT, LEADER, SUPERVISOR, SECRETARIAT})),
    ("followup:index", "督办", frozenset({SUPERVISOR, SECRETARIAT, DEPARTMENT, LEADER})),
    ("directory:index", "人员与规则", frozenset({SECRETARIAT, SUPERVISOR, LEADER})),
)


def nav_links(user: Any) -> list[tuple[str, str]]:
    """(url, label) of the workflow links ``user`` sees, in the cycle's order."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = active_roles(user, superuser_as=SECRETARIAT)
    if not roles & {SECRETARIAT, DEPARTMENT, LEADER, SUPERVISOR}:
        return []
    links = []
    for name, label, who in LINKS:
        if who and not who & roles:
            continue
        try:
            links.append((reverse(name), label))
        except NoReverseMatch:
            continue
    return links


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Context: ``nav_links`` as (url, label, current) — current when the page is under it."""
    path = request.path
    links = [
        (url, label, path == url or (url != "/" and path.startswith(url)))
        for url, label in nav_links(getattr(request, "user", None))
    ]
    return {"nav_links": links}
