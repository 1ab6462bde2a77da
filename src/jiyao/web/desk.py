"""The desk (工作台): each role's home page, listing what the user has to do next.

The desk belongs to the edge layer because it gathers from every workflow app: each app
offers ``services.todo_for(user) -> list[tuple[str, str]]`` (the Chinese text of one
thing to do, and the URL where it is done). The desk asks them in the order of the
meeting cycle and shows one section per app that has something; an app without the
function (or a user without a role) simply contributes nothing.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jiyao.accounts.roles import ROLES, user_roles

#: (module providing todo_for, the section's Chinese heading), in the cycle's order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("jiyao.topics.services", "议题"),
    ("jiyao.meetings.services", "会议与纪要"),
    ("jiyao.followup.services", "督办"),
)


def todo_sections(user: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(text, url), …]) for every app with something for ``user`` to do."""
    sections = []
    for module_name, heading in SECTIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        todo_for = getattr(module, "todo_for", None)
        if todo_for is None:
            continue
        items = list(todo_for(user))
        if items:
            sections.append((heading, items))
    return sections


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    roles = sorted(user_roles(request.user))
    context = {
        "role_names": [ROLES[r] for r in roles],
        "sections": todo_sections(request.user),
    }
    return render(request, "desk.html", context)
