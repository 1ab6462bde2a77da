"""A meeting's life after it is created: ONE table of allowed transitions.

The secretariat creates a meeting (planned), places topics on its agenda and sends the
notice (notified); it may withdraw the notice to change the agenda (back to planned,
with a reason). On the day it records attendance and marks the meeting held; the
decisions and the minutes draft are written while held. When the draft passes its
checks the secretariat submits it for signature (提请签发: submitted; the draft is frozen).
The chair signs it (签发: signed) or returns it with a reason (退回修改: back to held,
the draft editable again). A correction of signed minutes reopens them (correcting,
with a reason); the corrected draft goes through the same submission
(correction_submitted) until the chair signs the new version. A meeting that will not
take place is cancelled (with a reason) before it is held.

Guards beyond the table (an agenda to send, attendance complete, the draft checked
when submitted and when signed, the signer is the chair) live in
:mod:`jiyao.meetings.services`.
"""

from __future__ import annotations

from jiyao.flow import Machine, Transition

PLANNED = "planned"
NOTIFIED = "notified"
HELD = "held"
SUBMITTED = "submitted"
SIGNED = "signed"
CORRECTING = "correcting"
CORRECTION_SUBMITTED = "correction_submitted"
CANCELLED = "cancelled"

STATES: dict[str, str] = {
    PLANNED: "筹备中",
    NOTIFIED: "已发通知",
    HELD: "已召开，纪要起草中",
    SUBMITTED: "纪要已提请签发",
    SIGNED: "纪要已签发",
    CORRECTING: "纪要更正中",
    CORRECTION_SUBMITTED: "更正后的纪要已提请签发",
    CANCELLED: "已取消",
}

_SEC = frozenset({"secretariat"})
_LEADER = frozenset({"leader"})

TABLE: tuple[Transition, ...] = (
    Transition(PLANNED, "notify", NOTIFIED, "发送会议通知", _SEC),
    Transition(NOTIFIED, "revise", PLANNED, "撤回通知、调整议程", _SEC, needs_reason=True),
    Transition(NOTIFIED, "hold", HELD, "确认会议已召开", _SEC),
    Transition(PLANNED, "cancel", CANCELLED, "取消会议", _SEC, needs_reason=True),
    Transition(NOTIFIED, "cancel", CANCELLED, "取消会议", _SEC, needs_reason=True),
    Transition(HELD, "submit", SUBMITTED, "提请签发", _SEC),
    Transition(SUBMITTED, "sign", SIGNED, "签发纪要", _LEADER),
    Transition(SUBMITTED, "return", HELD, "退回修改", _LEADER, needs_reason=True),
    Transition(SIGNED, "correct", CORRECTING, "更正纪要", _SEC, needs_reason=True),
    Transition(CORRECTING, "submit", CORRECTION_SUBMITTED, "提请签发更正后的纪要", _SEC),
    Transition(CORRECTION_SUBMITTED, "sign", SIGNED, "签发更正后的纪要", _LEADER),
    Transition(CORRECTION_SUBMITTED, "return", CORRECTING, "退回修改", _LEADER, needs_reason=True),
)

MACHINE = Machine("meeting", STATES, TABLE)

#: States in which the agenda may change (topics placed, removed, reordered).
AGENDA_OPEN = frozenset({PLANNED})
#: States in which participants (leave, guests, observers) may be edited.
PARTICIPANTS_OPEN = frozenset({PLANNED, NOTIFIED})
#: States in which attendance is recorded (on the day, corrected until the minutes are drafted).
ATTENDANCE_OPEN = frozenset({NOTIFIED, HELD})
#: States in which the outcomes of the agenda items are recorded.
DECIDING = frozenset({HELD})
#: States in which the minutes draft is edited.
DRAFTING = frozenset({HELD, CORRECTING})
#: States in which the draft waits for the chair (frozen: signed or returned as it is).
AWAITING_SIGNATURE = frozenset({SUBMITTED, CORRECTION_SUBMITTED})
