"""How a user is named to other people: the one display-name rule of every log and history.

Theory of operation: logs (a topic's, a meeting's, a task's), draft histories, receipts
and corrections record *who* did something as a Django user. People reading them know
each other by name, not by login, so :func:`display_name` gives, in this order:

1. the archive ``Person`` of the user's profile (a leader: 包朝阳 — the name the minutes
   print);
2. the full name stored on the user (``first_name`` as jiyao's forms write it; a
   family and a given name written separately are joined the Chinese way, 王 + 明 → 王明);
3. the login, followed by the unit the user works for when known
   (``fgj（县发展和改革局）``), so an unnamed account still says where it belongs.

``None`` (a change made by jiyao itself, or by a deleted user) is named ``nobody``.
The profile is read, never created, here (showing a log writes nothing).
"""

from __future__ import annotations

import re
from typing import Any

from jiyao.accounts.models import existing_profile

_HAN = re.compile(r"^[\u3400-\u9fff·]+$")


def full_name_of(user: Any) -> str:
    """The name written on the user itself ('' when none)."""
    first = (getattr(user, "first_name", "") or "").strip()
    last = (getattr(user, "last_name", "") or "").strip()
    if first and last and _HAN.match(first) and _HAN.match(last):
        return last + first
    return " ".join(part for part in (first, last) if part)


def display_name(user: Any, nobody: str = "系统") -> str:
    """The name by which ``user`` is shown in logs and histories (see the module doc)."""
    if user is None:
        return nobody
    profile = existing_profile(user)
    person = getattr(profile, "person", None) if profile is not None else None
    if person is not None and (person.name or "").strip():
        return str(person.name).strip()
    name = full_name_of(user)
    if name:
        return name
    login = user.get_username() if hasattr(user, "get_username") else str(user)
    organization = getattr(profile, "organization", None) if profile is not None else None
    return f"{login}（{organization.name}）" if organization is not None else login
