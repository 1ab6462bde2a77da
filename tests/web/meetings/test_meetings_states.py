"""The meeting's state machine as a table of allowed and refused transitions, and the
rules beyond the table: guards, effects only through their service, the history."""

from __future__ import annotations

import pytest

from jiyao.flow import TransitionRefused
from jiyao.meetings.states import MACHINE

SEC = {"secretariat"}
LEADER = {"leader"}
DEPT = {"department"}

#: (state, action, roles, reason, expected target or None for refused)
TABLE = [
    ("planned", "notify", SEC, "", "notified"),
    ("planned", "notify", LEADER, "", None),
    ("planned", "notify", DEPT, "", None),
    ("planned", "hold", SEC, "", None),
    ("planned", "sign", LEADER, "", None),
    ("planned", "cancel", SEC, "", None),  # a reason is required
    ("planned", "cancel", SEC, "上级会议冲突", "cancelled"),
    ("notified", "revise", SEC, "增加议题", "planned"),
    ("notified", "revise", SEC, "", None),
    ("notified", "hold", SEC, "", "held"),
    ("notified", "hold", LEADER, "", None),
    ("notified", "cancel", SEC, "主持人出差", "cancelled"),
    ("notified", "sign", LEADER, "", None),
    ("held", "sign", LEADER, "", None),  # not before the secretariat submits (提请签发)
    ("held", "submit", SEC, "", "submitted"),
    ("held", "submit", LEADER, "", None),
    ("submitted", "sign", LEADER, "", "signed"),
    ("submitted", "sign", SEC, "", None),
    ("submitted", "return", LEADER, "", None),  # a reason is required
    ("submitted", "return", LEADER, "第二项决定用语有误", "held"),
    ("submitted", "return", SEC, "x", None),
    ("submitted", "submit", SEC, "", None),
    ("held", "cancel", SEC, "x", None),
    ("held", "notify", SEC, "", None),
    ("signed", "correct", SEC, "人名错误", "correcting"),
    ("signed", "correct", SEC, "", None),
    ("signed", "correct", LEADER, "人名错误", None),
    ("signed", "sign", LEADER, "", None),
    ("signed", "cancel", SEC, "x", None),
    ("correcting", "sign", LEADER, "", None),
    ("correcting", "submit", SEC, "", "correction_submitted"),
    ("correction_submitted", "sign", LEADER, "", "signed"),
    ("correction_submitted", "return", LEADER, "人名仍有误", "correcting"),
    ("correcting", "correct", SEC, "x", None),
    ("cancelled", "notify", SEC, "", None),
    ("cancelled", "hold", SEC, "", None),
]


@pytest.mark.parametrize(("state", "action", "roles", "reason", "target"), TABLE)
def test_the_meeting_table_allows_and_refuses_transitions(
    state: str, action: str, roles: set[str], reason: str, target: str | None
) -> None:
    if target is None:
        with pytest.raises(TransitionRefused):
            MACHINE.check(state, action, roles, reason)
    else:
        assert MACHINE.check(state, action, roles, reason).target == target


def test_every_state_is_reachable_and_every_action_has_a_chinese_label() -> None:
    targets = {row.target for row in MACHINE.table} | {"planned"}
    assert targets == set(MACHINE.states)
    assert all(row.label and not row.label.isascii() for row in MACHINE.table)
