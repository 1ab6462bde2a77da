"""The topic's side of the meeting cycle: schedule, unschedule, decide, defer.

The topics app owns the topic's state; this is the one place the meetings app asks it
to change, through :func:`jiyao.topics.services.transition` (``system=True`` for what
the meeting decided: decide, defer). Refusals (a required check missing, a topic in the
wrong state) come back as TransitionRefused with the topic's own Chinese message.
"""

from __future__ import annotations

from typing import Any

from jiyao.topics.services import transition

#: Actions that record what the meeting decided (the topics table's "system" rows).
SYSTEM_ACTIONS = frozenset({"decide", "defer"})


def topic_transition(topic: Any, action: str, user: Any, reason: str = "") -> Any:
    """Take ``action`` on ``topic`` as ``user``; TransitionRefused (Chinese) when refused."""
    return transition(topic, action, user, reason, system=action in SYSTEM_ACTIONS)
