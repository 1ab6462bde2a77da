"""Security settings from the environment: HTTPS, the deploy check, and the README table."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "src" / "jiyao" / "web" / "settings.py"
README = ROOT / "README.md"


def _deploy_check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``django-admin check --deploy`` in a fresh process with only ``env`` set (of ours)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JIYAO_", "DJANGO_"))}
    clean.update({"JIYAO_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "jiyao.web.settings"})
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=clean,
        cwd=tmp_path,
        timeout=120,
    )


def test_deploy_check_without_https_names_what_is_missing(tmp_path: Path) -> None:
    done = _deploy_check(tmp_path)
    assert done.returncode != 0
    for code in ("W004", "W008", "W012", "W016"):
        assert f"security.{code}" in done.stderr


def test_deploy_check_with_jiyao_https_is_clean(tmp_path: Path) -> None:
    done = _deploy_check(tmp_path, JIYAO_HTTPS="1")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_jiyao_https_turns_on_secure_cookies_hsts_redirect_and_the_proxy_header(
    tmp_path: Path,
) -> None:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIYAO_")}
    env.update(
        JIYAO_HTTPS="1", JIYAO_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="jiyao.web.settings"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == [
        "True",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]


def test_a_bad_number_in_the_environment_is_named(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIYAO_")}
    env.update(
        JIYAO_LOGIN_FAILURE_LIMIT="ten",
        JIYAO_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="jiyao.web.settings",
    )
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode != 0
    assert "JIYAO_LOGIN_FAILURE_LIMIT 应为整数" in done.stderr
    assert "Traceback" not in done.stderr


def _readme_variables() -> set[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(JIYAO_[A-Z_]+)` \|", section, flags=re.M))


def test_every_variable_settings_reads_is_in_the_readme_table() -> None:
    read = set(re.findall(r"[\"'](JIYAO_[A-Z0-9_]+)[\"']", SETTINGS.read_text(encoding="utf-8")))
    assert {"JIYAO_HTTPS", "JIYAO_DATA_DIR", "JIYAO_SECRET_KEY"} <= read
    assert sorted(read - _readme_variables()) == []


def test_the_readme_check_sees_a_missing_row() -> None:
    assert "JIYAO_HTTPS" in _readme_variables()
    assert "JIYAO_NOT_A_SETTING" not in _readme_variables()


@pytest.mark.parametrize("name", ["JIYAO_HTTPS", "JIYAO_TRUSTED_PROXIES"])
def test_the_settings_docstring_describes_the_variable(name: str) -> None:
    doc = SETTINGS.read_text(encoding="utf-8").split('"""')[1]
    assert name in doc
