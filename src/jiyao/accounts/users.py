"""User management: create a user with a role, organization and person; change or deactivate.

Theory of operation: one role per user (a Django group, jiyao.accounts.roles), one
profile (organization, person). Used by ``jiyao user`` on the command line (no limits:
the operator of the server) and by the web pages for administrators: superusers manage
everyone; a secretariat user holding the ``accounts.manage_users`` permission manages
the users of their own government only, and can neither see nor create superusers or
staff. Every change is saved with history (Profile has django-simple-history; the user
row's role and active flag are recorded in the profile's change reason).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q

from jiyao.accounts.models import Profile, government_of
from jiyao.accounts.roles import ROLES, SECRETARIAT, user_roles

if TYPE_CHECKING:
    from django.db.models import QuerySet

MANAGE_PERMISSION = "accounts.manage_users"


class UserError(ValueError):
    """A refused user change; ``str()`` is the Chinese message."""


@dataclass
class UserInput:
    username: str
    role: str
    organization: Any = None
    person: Any = None
    full_name: str = ""
    is_active: bool = True


def generate_password() -> str:
    """A random password a person can type (12 characters, no look-alikes)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def may_manage_users(user: Any) -> bool:
    """Superusers, and secretariat users given ``accounts.manage_users``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return SECRETARIAT in user_roles(user) and user.has_perm(MANAGE_PERMISSION)


def manageable_users(manager: Any) -> QuerySet[Any]:
    """The users ``manager`` may see and change (none unless :func:`may_manage_users`)."""
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.select_related("profile__organization", "profile__person")
        .order_by("username")
    )
    if not may_manage_users(manager):
        return users.none()
    if manager.is_superuser:
        return users
    gov = government_of(manager)
    if gov is None:
        return users.none()
    return users.filter(is_superuser=False, is_staff=False).filter(
        Q(profile__organization=gov) | Q(profile__organization__government=gov)
    ) | users.filter(pk=manager.pk)


def role_of(user: Any) -> str:
    """The user's one role code ("" for none; the first in ROLES order if several)."""
    have = user_roles(user)
    return next((r for r in ROLES if r in have), "")


def _check_scope(manager: Any, data: UserInput) -> None:
    if manager is None or manager.is_superuser:
        return
    gov = government_of(manager)
    org = data.organization
    if org is None or gov is None or (org.pk != gov.pk and org.government_id != gov.pk):
        raise UserError("只能为本级政府及其部门设置用户。")
    if data.person is not None and data.person.government_id != gov.pk:
        raise UserError("只能关联本级政府的人员。")


def _validate(data: UserInput) -> None:
    if data.role not in ROLES:
        raise UserError(f"角色“{data.role}”不存在；可选：{'、'.join(ROLES)}。")
    if data.role == "department" and data.organization is None:
        raise UserError("部门联络员须设置所在单位。")
    if data.role == "leader" and data.person is None:
        raise UserError("领导须关联对应人员（纪要和分管表中的姓名）。")


def save_user(
    data: UserInput,
    *,
    manager: Any = None,
    user: Any = None,
    password: str | None = None,
    login: bool = True,
) -> Any:
    """Create (``user`` None) or change a user; return it. ``manager`` None = the command line.

    A new user without ``password`` gets a generated one, or none at all with
    ``login=False`` (a colleague the demo acts as, who never logs in).

    UserError (Chinese) when refused; nothing is written then.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    _validate(data)
    _check_scope(manager, data)
    username = data.username.strip()
    if not username:
        raise UserError("请填写用户名。")
    with transaction.atomic():
        if user is None:
            if User.objects.filter(username=username).exists():
                raise UserError(f"用户名“{username}”已被使用。")
            user = User(username=username)
            if password or login:
                user.set_password(password or generate_password())
            else:
                user.set_unusable_password()
            action = "新建用户"
        else:
            if manager is not None and not manageable_users(manager).filter(pk=user.pk).exists():
                raise UserError("您不能管理这个用户。")
            if manager is not None and user.pk == manager.pk and not data.is_active:
                raise UserError("不能停用自己的账户。")
            action = "修改用户"
            if password:
                user.set_password(password)
        user.first_name = data.full_name.strip()[:150]
        user.is_active = data.is_active
        user.save()
        groups = Group.objects.filter(name__in=ROLES)
        user.groups.remove(*groups)
        user.groups.add(Group.objects.get_or_create(name=data.role)[0])
        profile, _ = Profile.objects.get_or_create(user=user)
        profile.organization = data.organization
        profile.person = data.person
        state = "启用" if data.is_active else "停用"
        profile._change_reason = f"{action}：{ROLES[data.role]}，{state}"[:100]  # type: ignore[attr-defined]
        if manager is not None:
            profile._history_user = manager  # type: ignore[attr-defined]
        profile.save()
        for cached in ("_jiyao_roles", "_jiyao_profile"):
            user.__dict__.pop(cached, None)
    return user


def find_organization(name: str, government: Any = None) -> Any:
    """The Organization called ``name`` (full name or alias), within ``government`` when
    given; UserError naming the candidates when none or several match."""
    from jiyao.archive.models import Organization

    rows = Organization.objects.filter(Q(name=name) | Q(aliases__alias=name))
    if government is not None:
        rows = rows.filter(Q(pk=government.pk) | Q(government=government))
    found = list(rows.distinct()[:5])
    if not found:
        raise UserError(f"找不到单位“{name}”。")
    if len(found) > 1:
        where = "、".join(f"{o}（{o.government or '—'}）" for o in found)
        raise UserError(f"单位“{name}”不止一个：{where}；请用 --government 指定政府。")
    return found[0]
