"""The topic's state machine as a table: every allowed row, and refusals around it."""

from __future__ import annotations

import pytest

from jiyao.flow import TransitionRefused
from jiyao.topics import states as s

ROLES = ("department", "leader", "secretariat", "supervisor", "reader", "system")

#: (from, action, role) → to. Everything not listed here must be refused.
ALLOWED = {
    (s.DRAFT, "submit", "department"): s.SUBMITTED,
    (s.RETURNED, "submit", "department"): s.SUBMITTED,
    (s.DRAFT, "withdraw", "department"): s.WITHDRAWN,
    (s.RETURNED, "withdraw", "department"): s.WITHDRAWN,
    (s.SUBMITTED, "withdraw", "department"): s.WITHDRAWN,
    (s.SUBMITTED, "approve", "leader"): s.LEADER_APPROVED,
    (s.SUBMITTED, "return", "leader"): s.RETURNED,
    (s.LEADER_APPROVED, "accept", "secretariat"): s.ACCEPTED,
    (s.LEADER_APPROVED, "return", "secretariat"): s.RETURNED,
    (s.ACCEPTED, "return", "secretariat"): s.RETURNED,
    (s.ACCEPTED, "schedule", "secretariat"): s.SCHEDULED,
    (s.DEFERRED, "schedule", "secretariat"): s.SCHEDULED,
    (s.SCHEDULED, "unschedule", "secretariat"): s.ACCEPTED,
    (s.SCHEDULED, "decide", "system"): s.DECIDED,
    (s.SCHEDULED, "defer", "system"): s.DEFERRED,
}
ACTIONS = sorted({a for _, a, _ in ALLOWED})
EVERY = [(st, a, r) for st in s.STATES for a in ACTIONS for r in ROLES]


@pytest.mark.parametrize(("source", "action", "role"), EVERY)
def test_the_table_allows_exactly_the_listed_transitions(source, action, role):
    key = (source, action, role)
    if key in ALLOWED:
        row = s.MACHINE.check(source, action, {role}, reason="理由")
        assert row.target == ALLOWED[key]
    else:
        with pytest.raises(TransitionRefused) as refused:
            s.MACHINE.check(source, action, {role}, reason="理由")
        assert str(refused.value)  # a Chinese message, never empty


@pytest.mark.parametrize(
    ("source", "action", "role"),
    [(s.SUBMITTED, "return", "leader"), (s.LEADER_APPROVED, "return", "secretariat")],
)
def test_returning_a_topic_needs_a_reason(source, action, role):
    with pytest.raises(TransitionRefused, match="须填写理由"):
        s.MACHINE.check(source, action, {role}, reason="  ")


def test_decided_and_withdrawn_are_final():
    for final in (s.DECIDED, s.WITHDRAWN):
        assert s.MACHINE.allowed(final, ROLES) == []
