"""The task's state table, read as a table (no database)."""

from __future__ import annotations

import pytest

from jiyao.flow import TransitionRefused
from jiyao.followup import states

M = states.MACHINE


def test_every_open_state_can_be_reported_on_by_the_department_except_reported():
    for source in (states.OPEN, states.IN_PROGRESS, states.RETURNED):
        assert M.check(source, "report", {"department"}).target == states.REPORTED
    with pytest.raises(TransitionRefused, match="待督查室审核"):
        M.check(states.REPORTED, "report", {"department"})


def test_a_closed_task_takes_no_progress_report():
    with pytest.raises(TransitionRefused, match="已办结"):
        M.check(states.CLOSED, "report", {"department"})


def test_only_the_supervisor_accepts_returns_and_closes():
    for action in ("accept", "return", "close"):
        with pytest.raises(TransitionRefused, match="无权"):
            M.check(states.REPORTED, action, {"department", "leader", "reader"}, reason="x")
    assert M.check(states.REPORTED, "accept", {"supervisor"}).target == states.IN_PROGRESS
    assert M.check(states.REPORTED, "close", {"supervisor"}).target == states.CLOSED
    assert M.check(states.IN_PROGRESS, "close", {"supervisor"}).target == states.CLOSED


def test_returning_extending_and_reopening_need_a_reason():
    with pytest.raises(TransitionRefused, match="理由"):
        M.check(states.REPORTED, "return", {"supervisor"}, reason="  ")
    with pytest.raises(TransitionRefused, match="理由"):
        M.check(states.OPEN, "extend", {"supervisor"})
    with pytest.raises(TransitionRefused, match="理由"):
        M.check(states.CLOSED, "reopen", {"supervisor"})
    assert M.check(states.REPORTED, "return", {"supervisor"}, "缺少佐证").target == "returned"


def test_an_extension_keeps_the_state_and_a_closed_task_cannot_be_extended():
    for source in states.OPEN_STATES:
        assert M.check(source, "extend", {"supervisor"}, "客观原因").target == source
    with pytest.raises(TransitionRefused):
        M.check(states.CLOSED, "extend", {"supervisor"}, "x")


def test_the_table_reaches_every_state_and_closed_only_by_close():
    targets = {row.target for row in states.TABLE}
    assert targets == set(states.STATES)
    assert {row.action for row in states.TABLE if row.target == states.CLOSED} == {"close"}


def test_the_supervisor_sees_the_buttons_of_the_table_in_order():
    labels = [row.label for row in M.allowed(states.REPORTED, {"supervisor"})]
    assert labels == ["认可进展", "退回", "办结", "延期"]
    assert M.allowed(states.REPORTED, {"reader"}) == []
