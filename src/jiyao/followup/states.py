"""The task's life (督办事项): its states and ONE table of allowed transitions.

A confirmed proposal becomes a task in ``open`` (已立项). The lead unit reports progress
(``report``: text, percentage, evidence) and the task waits for the supervisor
(``reported``). The supervisor accepts the report (the task goes on, ``in_progress``),
returns it with a reason (``returned``: the unit must report again), or closes the task
(办结, ``closed``). An extension (``extend``: new deadline and a reason) keeps the state;
an instruction to continue after closing reopens the task (``reopen``, with a reason).

Overdue is not a state: it is the colour of an open task past its deadline
(:mod:`jiyao.followup.colour`), so nothing has to run at midnight to make it true.
"""

from __future__ import annotations

from jiyao.flow import Machine, Transition

OPEN = "open"
REPORTED = "reported"
IN_PROGRESS = "in_progress"
RETURNED = "returned"
CLOSED = "closed"

STATES: dict[str, str] = {
    OPEN: "已立项，待反馈",
    REPORTED: "已反馈，待督查室审核",
    IN_PROGRESS: "办理中",
    RETURNED: "已退回，待重新反馈",
    CLOSED: "已办结",
}

#: States in which a task still counts as open (not 办结).
OPEN_STATES: tuple[str, ...] = (OPEN, REPORTED, IN_PROGRESS, RETURNED)

_DEPT = frozenset({"department"})
_SUP = frozenset({"supervisor"})

TABLE: tuple[Transition, ...] = (
    Transition(OPEN, "report", REPORTED, "反馈进展", _DEPT),
    Transition(IN_PROGRESS, "report", REPORTED, "反馈进展", _DEPT),
    Transition(RETURNED, "report", REPORTED, "重新反馈", _DEPT),
    Transition(REPORTED, "accept", IN_PROGRESS, "认可进展", _SUP),
    Transition(REPORTED, "return", RETURNED, "退回", _SUP, needs_reason=True),
    Transition(REPORTED, "close", CLOSED, "办结", _SUP),
    Transition(IN_PROGRESS, "close", CLOSED, "办结", _SUP),
    Transition(OPEN, "extend", OPEN, "延期", _SUP, needs_reason=True),
    Transition(REPORTED, "extend", REPORTED, "延期", _SUP, needs_reason=True),
    Transition(IN_PROGRESS, "extend", IN_PROGRESS, "延期", _SUP, needs_reason=True),
    Transition(RETURNED, "extend", RETURNED, "延期", _SUP, needs_reason=True),
    Transition(CLOSED, "reopen", IN_PROGRESS, "重新督办", _SUP, needs_reason=True),
)

MACHINE = Machine("task", STATES, TABLE)

#: Actions the supervisor takes from the task page (report is the department's form).
SUPERVISOR_ACTIONS: tuple[str, ...] = ("accept", "return", "extend", "close", "reopen")
