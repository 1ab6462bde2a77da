"""The topic's side of the meeting cycle: schedule, unschedule, decide, defer.

The topics app owns the topic's state; this module is the one place the meetings app
asks it to change, through :func:`jiyao.topics.services.transition` (``system=True``
for what the meeting decided). Until that service exists on this branch the same rule
is applied here: the topic's table (jiyao.topics.states) and its append-only log row,
in the caller's transaction, refusing a topic whose required checks are missing.
"""

from __future__ import annotations

from typing import Any

from jiyao.flow import TransitionRefused


def topic_transition(topic: Any, action: str, user: Any, reason: str = "") -> Any:
    """Take ``action`` on ``topic``; TransitionRefused (Chinese) when not allowed."""
    system = action in ("decide", "defer")
    try:
        from jiyao.topics.services import transition
    except ImportError:  # the topics services are not merged yet
        return _local_transition(topic, action, user, reason, system=system)
    return transition(topic, action, user, reason, system=system)


def _local_transition(topic: Any, action: str, user: Any, reason: str, *, system: bool) -> Any:
    from django.db import transaction

    from jiyao.meetings.access import roles_of
    from jiyao.topics import rules, states
    from jiyao.topics.models import Topic, TopicTransition

    roles = roles_of(user) | ({"system"} if system else set())
    with transaction.atomic():
        current = Topic.objects.select_for_update().get(pk=topic.pk)
        row = states.MACHINE.check(current.state, action, roles, reason)
        if action == "schedule":
            passed = set(current.checks.values_list("kind", flat=True))
            missing = rules.missing_checks(current.kind, passed)
            if missing:
                parts = "；".join(f"缺少“{name}”（依据：{rule}）" for name, rule in missing)
                raise TransitionRefused(f"议题“{current.title}”不能排入议程：{parts}。")
        source = current.state
        current.state = row.target
        current.version += 1
        current.save()
        TopicTransition.objects.create(
            topic=current, source=source, target=row.target, action=action, by=user, reason=reason
        )
    return current
