"""The demo login that ``jiyao demo`` prints.

``ensure_demo_user()`` makes (or repairs) the user ``demo``: active, staff, in the
``secretariat`` group, so the demo can show editing in the admin too. The password is
generated once and stored in the data directory (``demo-password.txt``), so running
the demo again prints the same login; when the file is missing a new password is made
and set. Idempotent: a second call changes nothing.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from jiyao.accounts.roles import ROLES, SECRETARIAT

DEMO_USERNAME = "demo"
PASSWORD_FILE = "demo-password.txt"


def _password_file() -> Path | None:
    from django.conf import settings

    data_dir = getattr(settings, "DATA_DIR", None) or getattr(settings, "JIYAO_DATA_DIR", None)
    return Path(data_dir) / PASSWORD_FILE if data_dir else None


def _stored_password() -> str | None:
    path = _password_file()
    if path is None or not path.is_file():
        return None
    text = path.read_text(encoding="utf-8").strip()
    return text or None


def _store_password(password: str) -> None:
    path = _password_file()
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
