"""State machines as one table each: the shared shape of every workflow in jiyao.

Theory of operation: a workflow (a topic's review, a meeting's preparation, a follow-up
task's life) is a set of states and ONE table of transitions. Each row of the table says
from which state an action leads to which state, which roles may take it, and whether a
reason must be given. Nothing else decides whether a change is allowed: views show the
buttons :meth:`Machine.allowed` returns, and the app's single ``transition()`` service
asks :meth:`Machine.check` before it writes the new state and its append-only log row.

This module is plain Python (no Django), so the tables are tested as tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class TransitionRefused(Exception):
    """A change the table (or a guard) does not allow; ``str()`` is the Chinese message."""


@dataclass(frozen=True)
class Transition:
    """One row: ``action`` takes an object in ``source`` to ``target``."""

    source: str
    action: str
    target: str
    #: The Chinese label of the action's button (提交, 退回 …).
    label: str
    #: Roles that may take the action (role codes of jiyao.accounts.roles, or "system"
    #: for changes made by jiyao itself, e.g. a decision recorded on a topic).
    roles: frozenset[str]
    needs_reason: bool = False


class Machine:
    """States (code → Chinese label) and the transition table over them."""

    def __init__(self, name: str, states: dict[str, str], table: Sequence[Transition]) -> None:
        self.name = name
        self.states = dict(states)
        self.table = tuple(table)
        seen: set[tuple[str, str]] = set()
        for row in self.table:
            if row.source not in self.states or row.target not in self.states:
                raise ValueError(f"{name}: unknown state in {row}")
            key = (row.source, row.action)
            if key in seen:
                raise ValueError(f"{name}: two rows for {key}")
            seen.add(key)

    def label(self, state: str) -> str:
        return self.states.get(state, state)

    def find(self, source: str, action: str) -> Transition | None:
        for row in self.table:
            if row.source == source and row.action == action:
                return row
        return None

    def allowed(self, source: str, roles: Iterable[str]) -> list[Transition]:
        """The rows a user with ``roles`` may take from ``source``, in table order."""
        have = set(roles)
        return [row for row in self.table if row.source == source and row.roles & have]

    def check(self, source: str, action: str, roles: Iterable[str], reason: str = "") -> Transition:
        """The row for ``action`` from ``source``; TransitionRefused (in Chinese) otherwise."""
        row = self.find(source, action)
        if row is None:
            # The action's first (most general) label: 签发纪要, not 签发更正后的纪要.
            what = next((r.label for r in self.table if r.action == action), action)
            raise TransitionRefused(f"当前状态为“{self.label(source)}”，不能执行“{what}”。")
        if not row.roles & set(roles):
            raise TransitionRefused(f"您的角色无权执行“{row.label}”。")
        if row.needs_reason and not reason.strip():
            raise TransitionRefused(f"“{row.label}”须填写理由。")
        return row
