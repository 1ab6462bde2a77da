"""The roles of the glossary, as Django groups.

Five roles exist (the glossary): secretariat (政府办/秘书科: prepares meetings, drafts
and corrects minutes), supervisor (督查室), department (部门联络员), leader (领导) and
reader (公众/研究者). The first four are the government's own staff, the *insiders*
(:data:`INSIDER_ROLES`): they may read internal minutes. A reader reads public minutes
and statistics only, like an anonymous visitor or a user without a role. For editing,
``secretariat`` alone may change the archive (every permission on its models, admin
access through ``is_staff``); the other insider roles may view them.

This module holds the role names and the predicates on a user, nothing else: the
archive (the lowest app) may import it, and it imports no app.
"""

from __future__ import annotations

from typing import Any

SECRETARIAT = "secretariat"
SUPERVISOR = "supervisor"
DEPARTMENT = "department"
LEADER = "leader"
READER = "reader"

#: code name → the Chinese name the interface shows.
ROLES: dict[str, str] = {
    SECRETARIAT: "政府办（秘书科）",
    SUPERVISOR: "督查室",
    DEPARTMENT: "部门联络员",
    LEADER: "领导",
    READER: "公众/研究者",
}

#: The government's own staff: may read internal minutes. A reader may not.
INSIDER_ROLES: frozenset[str] = frozenset({SECRETARIAT, SUPERVISOR, DEPARTMENT, LEADER})

#: Apps whose models the secretariat may change and every insider role may view.
ARCHIVE_APPS: tuple[str, ...] = ("archive", "directory", "topics", "meetings", "followup")


def user_roles(user: Any) -> set[str]:
    """The role names of ``user`` (empty for anonymous users and users without a group)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached: set[str] | None = getattr(user, "_jiyao_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._jiyao_roles = cached
    return cached


def active_roles(user: Any, *, superuser_as: str) -> set[str]:
    """The roles of an active, logged-in ``user`` (empty otherwise); a superuser also holds
    ``superuser_as`` — the role whose work an administrator may do in the calling app."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return set()
    roles = set(user_roles(user))
    if user.is_superuser:
        roles.add(superuser_as)
    return roles


def is_insider(user: Any) -> bool:
    """True when ``user`` may read internal minutes: an active superuser or staff role
    (:data:`INSIDER_ROLES`); never a reader, an anonymous visitor or a user without a role."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser or user_roles(user) & INSIDER_ROLES)


def can_edit(user: Any) -> bool:
    """True when ``user`` may correct records (the secretariat, or a superuser)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return bool(user.is_superuser or SECRETARIAT in user_roles(user))


def grant_role_permissions() -> None:
    """Give ``secretariat`` all archive permissions and the other insider roles the view
    ones. ``reader`` holds none: the admin shows internal minutes, so archive permissions
    an earlier version granted it are taken back.

    Idempotent: adds what is missing; removes nothing else an administrator granted.
    """
    from django.contrib.auth.models import Group, Permission

    perms = Permission.objects.filter(content_type__app_label__in=ARCHIVE_APPS)
    view = [p for p in perms if p.codename.startswith("view_")]
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        if name in INSIDER_ROLES:
            group.permissions.add(*(perms if name == SECRETARIAT else view))
        else:
            group.permissions.remove(*perms)


def grant_on_migrate(sender: Any, **kwargs: Any) -> None:
    """post_migrate handler: run the grant once, after the archive app migrated."""
    if getattr(sender, "label", None) not in ARCHIVE_APPS:
        return
    using = kwargs.get("using", "default")
    if using != "default":
        return
    grant_role_permissions()
