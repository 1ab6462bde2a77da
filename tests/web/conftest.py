"""Fixtures for the web tests: users named by their role.

``secretary`` (group secretariat, may edit), ``insider`` (group supervisor: government
staff, may read internal minutes), ``reader_user`` (group reader: public minutes only),
``outsider`` (logged in, no role: public minutes only). The role
groups come from the accounts app's data migration; ``get_or_create`` keeps these
fixtures working even on a database where that migration has not run.
"""

from __future__ import annotations

from typing import Any

import pytest


def _user_in(username: str, group: str | None, **extra: Any) -> Any:
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username=username, password="pw-" + username, **extra)
    if group is not None:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def secretary(db: None) -> Any:
    """A member of the secretariat (政府办): may read everything and edit in the admin."""
    return _user_in("secretary", "secretariat", is_staff=True)


@pytest.fixture
def insider(db: None) -> Any:
    """A member of the government's staff (督查室, role supervisor): reads internal minutes
    too, edits nothing."""
    return _user_in("insider", "supervisor")


@pytest.fixture
def reader_user(db: None) -> Any:
    """A reader (公众/研究者 with an account): public minutes and statistics only."""
    return _user_in("reader", "reader")


@pytest.fixture
def outsider(db: None) -> Any:
    """Logged in but without any role: public minutes only."""
    return _user_in("outsider", None)


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> Any:
    """Each test starts with no kept pages: a test's rollback puts the archive's change
    counter back, so the next test may reach the same counter with other rows."""
    from jiyao.archive.pagecache import PAGES

    PAGES.clear()
    yield
    PAGES.clear()


@pytest.fixture(autouse=True)
def _uploads_outside_the_repository(settings: Any, tmp_path_factory: Any) -> None:
    """Every test stores uploaded files (materials, evidence, checks) in a temporary
    directory: with MEDIA_ROOT unset they would go to ``$JIYAO_DATA_DIR/uploads``, which
    in a test run is the repository's ``data/`` (and once was the repository root)."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Hash test passwords with MD5: the real hasher costs ~0.7 s per login on this machine,
    and no test here is about password strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def browser() -> Any:
    """Debian's Chromium, headless, shared by a module's browser tests."""
    from browser_launch import launch_chromium

    yield from launch_chromium()
