"""The demo logins that ``jiyao demo`` prints.

``ensure_demo_user()`` makes (or repairs) the user ``demo``: active, staff, in the
``secretariat`` group, so the demo can show editing in the admin too. The password is
generated once and stored in the data directory (``demo-password.txt``), so running
the demo again prints the same login; when the file is missing a new password is made
and set. Idempotent: a second call changes nothing.

``ensure_demo_users(government)`` adds one login per role for that government (the
``demo`` user is its secretariat, allowed to manage users), each password kept the same
way in ``demo-password-<username>.txt`` (mode 0600).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from jiyao.accounts.roles import ROLES, SECRETARIAT

DEMO_USERNAME = "demo"
PASSWORD_FILE = "demo-password.txt"


def _password_file(username: str = DEMO_USERNAME) -> Path | None:
    from django.conf import settings

    data_dir = getattr(settings, "DATA_DIR", None) or getattr(settings, "JIYAO_DATA_DIR", None)
    name = PASSWORD_FILE if username == DEMO_USERNAME else f"demo-password-{username}.txt"
    return Path(data_dir) / name if data_dir else None


def _stored_password(username: str = DEMO_USERNAME) -> str | None:
    path = _password_file(username)
    if path is None or not path.is_file():
        return None
    text = path.read_text(encoding="utf-8").strip()
    return text or None


def _store_password(password: str, username: str = DEMO_USERNAME) -> None:
    path = _password_file(username)
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)


def ensure_demo_user() -> tuple[str, str]:
    """Create or repair the demo user; return ``(username, password)`` to print."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    for name in ROLES:
        Group.objects.get_or_create(name=name)
    User = get_user_model()
    user, created = User.objects.get_or_create(username=DEMO_USERNAME)
    password = _stored_password()
    if password is None or created or not user.check_password(password):
        password = password or secrets.token_urlsafe(9)
        user.set_password(password)
        _store_password(password)
    user.is_active = True
    user.is_staff = True
    user.first_name = "演示"
    user.save()
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return DEMO_USERNAME, password


#: (username, role, full name, description) of the per-role demo logins.
DEMO_LOGINS: tuple[tuple[str, str, str, str], ...] = (
    (
        "demo-duchashi",
        "supervisor",
        "督查室",
        "确认会后的督办建议、审核部门报送的进展、办结督办事项",
    ),
    ("demo-fgj", "department", "县发改局联络员", "县发改局：申报议题、签收纪要、报送督办进展"),
    ("demo-chenxl", "leader", "陈兴立", "常务副县长，分管县发改局：审核县发改局申报的议题"),
    ("demo-baozy", "leader", "包朝阳", "县长，主持常务会议：签发（或退回修改）提请签发的会议纪要"),
    ("demo-reader", "reader", "研究者", "只能查阅公开的会议纪要"),
)


def _login(username: str, full_name: str) -> tuple[Any, str]:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    password = _stored_password(username)
    if password is None or created or not user.check_password(password):
        password = password or secrets.token_urlsafe(9)
        user.set_password(password)
        _store_password(password, username)
    user.is_active = True
    user.first_name = full_name
    user.save()
    return user, password


def ensure_demo_users(government: Any) -> list[tuple[str, str, str, str]]:
    """One login per role for ``government``; ``(role label, username, password,
    description)`` for each, the ``demo`` secretariat user first. Idempotent."""
    from django.contrib.auth.models import Group, Permission

    from jiyao.accounts.models import Profile
    from jiyao.archive.models import Organization, Person

    username, password = ensure_demo_user()
    from django.contrib.auth import get_user_model

    demo = get_user_model().objects.get(username=username)
    Profile.objects.update_or_create(user=demo, defaults={"organization": government})
    perm = Permission.objects.filter(codename="manage_users").first()
    if perm is not None:
        demo.user_permissions.add(perm)
    rows = [
        (
            ROLES[SECRETARIAT],
            username,
            password,
            "审核议题、排定议程、发会议通知、登记出席和决定、起草纪要、催办签收",
        )
    ]
    for login, role, full_name, description in DEMO_LOGINS:
        user, pw = _login(login, full_name)
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        organization: Any = government
        person = None
        if role == "department":
            organization = (
                Organization.objects.filter(
                    government=government, aliases__alias="县发改局"
                ).first()
                or Organization.objects.filter(government=government, name="县发展和改革局").first()
            )
        elif role == "leader":
            person, _ = Person.objects.get_or_create(government=government, name=full_name)
        elif role == "reader":
            organization = None
        Profile.objects.update_or_create(
            user=user, defaults={"organization": organization, "person": person}
        )
        rows.append((ROLES[role], login, pw, description))
    return rows
