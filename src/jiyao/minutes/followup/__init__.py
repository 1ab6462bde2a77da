"""Follow-up (督办) without Django: deadlines from words and task proposals from decisions.

Public API:

* :class:`Deadline`, :func:`find_deadlines`, :func:`resolve_deadline` — deadline phrases
  (年底前, 9月30日前, 10个工作日内, 春节前, 尽快 …) resolved against the meeting date.
* :class:`Proposal`, :func:`propose`, :func:`propose_record`, :func:`document_offset` —
  the tasks (lead unit, co-units, action, deadline, each with its span in ``item.text``)
  a supervisor would register from a decision.
* :func:`add_workdays`, :func:`workdays_between`, :func:`is_workday`,
  :func:`spring_festival` — the calendar (Monday–Friday minus a holiday set).
"""

from __future__ import annotations

from jiyao.minutes.followup.deadlines import (
    CERTAINTIES,
    Deadline,
    find_deadlines,
    resolve_deadline,
)
from jiyao.minutes.followup.proposals import (
    KINDS,
    LEAD_SOURCES,
    NOTE_NO_DEADLINE,
    Proposal,
    document_offset,
    propose,
    propose_record,
    sentences,
)
from jiyao.minutes.followup.workdays import (
    NO_HOLIDAYS,
    SPRING_FESTIVAL,
    add_workdays,
    is_workday,
    spring_festival,
    workdays_between,
)

__all__ = [
    "CERTAINTIES",
    "KINDS",
    "LEAD_SOURCES",
    "NOTE_NO_DEADLINE",
    "NO_HOLIDAYS",
    "SPRING_FESTIVAL",
    "Deadline",
    "Proposal",
    "add_workdays",
    "document_offset",
    "find_deadlines",
    "is_workday",
    "propose",
    "propose_record",
    "resolve_deadline",
    "sentences",
    "spring_festival",
    "workdays_between",
]
