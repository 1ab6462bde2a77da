"""The topic's life: its states and ONE table of allowed transitions.

A department drafts and submits a topic; the leader in charge (分管领导, from the
portfolio) approves it or returns it with a reason; the secretariat reviews it
(accept or return); an accepted topic whose required checks are complete may be
scheduled on a meeting's agenda; the meeting decides it (decided) or defers it
(deferred, which may be scheduled again later). ``system`` rows are taken by jiyao
itself when the meeting records its decision.
"""

from __future__ import annotations

from jiyao.flow import Machine, Transition

DRAFT = "draft"
SUBMITTED = "submitted"
LEADER_APPROVED = "leader_approved"
RETURNED = "returned"
ACCEPTED = "accepted"
SCHEDULED = "scheduled"
DECIDED = "decided"
DEFERRED = "deferred"
WITHDRAWN = "withdrawn"

STATES: dict[str, str] = {
    DRAFT: "草稿",
    SUBMITTED: "已申报，待分管领导审核",
    LEADER_APPROVED: "分管领导已同意，待政府办审核",
    RETURNED: "已退回",
    ACCEPTED: "审核通过，待排入议程",
    SCHEDULED: "已排入会议议程",
    DECIDED: "已作出决定",
    DEFERRED: "暂缓，待再次上会",
    WITHDRAWN: "已撤回",
}

_DEPT = frozenset({"department"})
_LEADER = frozenset({"leader"})
_SEC = frozenset({"secretariat"})
_SYSTEM = frozenset({"system"})

TABLE: tuple[Transition, ...] = (
    Transition(DRAFT, "submit", SUBMITTED, "提交申报", _DEPT),
    Transition(RETURNED, "submit", SUBMITTED, "修改后重新申报", _DEPT),
    Transition(DRAFT, "withdraw", WITHDRAWN, "撤回", _DEPT),
    Transition(RETURNED, "withdraw", WITHDRAWN, "撤回", _DEPT),
    Transition(SUBMITTED, "withdraw", WITHDRAWN, "撤回", _DEPT),
    Transition(SUBMITTED, "approve", LEADER_APPROVED, "同意上会", _LEADER),
    Transition(SUBMITTED, "return", RETURNED, "退回", _LEADER, needs_reason=True),
    Transition(LEADER_APPROVED, "accept", ACCEPTED, "审核通过", _SEC),
    Transition(LEADER_APPROVED, "return", RETURNED, "退回", _SEC, needs_reason=True),
    Transition(ACCEPTED, "return", RETURNED, "退回", _SEC, needs_reason=True),
    Transition(ACCEPTED, "schedule", SCHEDULED, "排入议程", _SEC),
    Transition(DEFERRED, "schedule", SCHEDULED, "再次排入议程", _SEC),
    Transition(SCHEDULED, "unschedule", ACCEPTED, "移出议程", _SEC, needs_reason=True),
    Transition(SCHEDULED, "decide", DECIDED, "记录会议决定", _SYSTEM),
    Transition(SCHEDULED, "defer", DEFERRED, "会议决定暂缓", _SYSTEM),
)

MACHINE = Machine("topic", STATES, TABLE)
