"""Extension points of the archive's pages, for apps above the archive.

The archive is the lowest app and imports none of the workflow apps; an app that wants
to add something to a meeting's page registers a *meeting panel* here (usually in its
``AppConfig.ready()``): a function ``(request, meeting) -> str`` returning rendered,
already-escaped HTML, or "" for nothing. The meeting page renders the panels, in the
order they were registered, in one place below the items. A panel that fails is logged
and left out, so a bug in a workflow app never takes the archive's page down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)

MeetingPanel = Callable[[Any, Any], str]

_MEETING_PANELS: dict[str, MeetingPanel] = {}


def register_meeting_panel(name: str, panel: MeetingPanel) -> None:
    """Add (or replace, by ``name``) a panel of the meeting page."""
    _MEETING_PANELS[name] = panel


def render_meeting_panels(request: Any, meeting: Any) -> list[SafeString]:
    """The HTML of every registered panel for ``meeting`` (empty ones left out)."""
    out: list[SafeString] = []
    for name, panel in _MEETING_PANELS.items():
        try:
            html = panel(request, meeting)
        except Exception:  # a panel's failure must not cost the reader the minutes
            logger.exception("meeting panel %s failed for meeting %s", name, meeting.pk)
            continue
        if html:
            out.append(mark_safe(html))  # panels return rendered templates
    return out
