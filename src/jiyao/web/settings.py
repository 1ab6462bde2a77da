"""Django settings, from environment variables with working defaults.

No file to edit before the first run: everything has a default that works on a
laptop. The variables:

- ``JIYAO_DATA_DIR`` (default ``./data``): where the SQLite database, the generated
  secret key and collected static files live. Created on first use, 0700; the secret
  key and the database files are 0600 (:mod:`jiyao.web.datafiles`).
- ``JIYAO_DATABASE_URL``: e.g. ``postgresql://postgres@127.0.0.1:5432/jiyao``
  (dj-database-url syntax). Default: SQLite at ``$JIYAO_DATA_DIR/jiyao.sqlite3`` in
  WAL mode with a busy timeout, so a web process and an import can share it.
- ``JIYAO_SECRET_KEY``: default a random key generated once and stored in the data
  directory (``secret-key.txt``), so sessions survive restarts.
- ``JIYAO_DEBUG`` (``1``/``true`` to enable; default off) and ``JIYAO_ALLOWED_HOSTS``
  (comma-separated; default ``127.0.0.1,localhost,testserver``).
- ``JIYAO_EMAIL_BACKEND`` (default Django's console backend: mail is printed) and
  ``JIYAO_EMAIL_FROM``: how meeting notices and reminders are sent.
- ``JIYAO_HTTPS`` (default off): the site is served over HTTPS (TLS ending at a reverse
  proxy that sets X-Forwarded-Proto): secure cookies, HSTS, redirect of plain HTTP.
- ``JIYAO_TRUSTED_PROXIES`` (default 0): how many reverse proxies stand in front, so the
  client's address for login throttling is read from X-Forwarded-For.
- ``JIYAO_LOGIN_FAILURE_LIMIT`` (default 10) and ``JIYAO_LOGIN_LOCKOUT_MINUTES`` (default
  15): wrong passwords allowed per account and address, and for how long a login is then
  locked (django-axes; see jiyao.accounts.throttle).
- PostgreSQL goes through psycopg's connection pool, one per process (``JIYAO_DB_POOL``,
  default on; ``JIYAO_DB_POOL_MIN`` / ``JIYAO_DB_POOL_MAX``, see :func:`pool_options`).
  ``JIYAO_THREADS`` (threads per web worker) sets the pool's default size.
- ``JIYAO_PRERENDER`` (default ``pdf,docx``): formats the background worker typesets
  when minutes are imported or signed, so downloads come from the render cache.

Every page carries a Content Security Policy (django-csp): scripts, styles and
everything else from this site only, no inline script or style.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.db.backends.signals import connection_created

import jiyao
from jiyao.web import datafiles

PACKAGE_DIR = Path(jiyao.__file__).resolve().parent
DATA_DIR = Path(os.environ.get("JIYAO_DATA_DIR") or "data").resolve()
JIYAO_DATA_DIR = DATA_DIR


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"{name} 应为整数，而不是 {value!r}") from None


def _secret_key() -> str:
    key = os.environ.get("JIYAO_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret-key.txt"
    try:
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    except OSError:
        pass
    key = secrets.token_urlsafe(50)
    with contextlib.suppress(OSError):  # a read-only place: the key lives for this process only
        datafiles.write_private(path, key + "\n")
    return key


def _int_env(name: str, default: int, minimum: int = 1) -> int:
    """A positive whole number from the environment (a bad value falls back to ``default``)."""
    try:
        return max(minimum, int(os.environ.get(name, "").strip()))
    except ValueError:
        return default


def default_threads() -> int:
    """Threads per web worker (``JIYAO_THREADS``, default 8): requests mostly wait on the
    database or the PDF renderer's process, so threads beyond the cores still help."""
    return _int_env("JIYAO_THREADS", 8)


def pool_options() -> dict[str, Any]:
    """psycopg's connection pool, per process (each web worker has its own).

    ``max_size`` (``JIYAO_DB_POOL_MAX``, default one connection per thread) bounds what a
    worker may hold; `jiyao serve` lowers it further when workers × max would take more
    than half the server's ``max_connections``. ``max_idle``: a connection unused for 60 s
    goes back to the server (never below ``min_size``). ``timeout``: a request waits at
    most 10 s for a free connection, then fails with an error page, not a hang.
    """
    max_size = _int_env("JIYAO_DB_POOL_MAX", default_threads())
    min_size = min(max_size, _int_env("JIYAO_DB_POOL_MIN", 2, minimum=0))
    return {"min_size": min_size, "max_size": max_size, "max_idle": 60.0, "timeout": 10.0}


def _database() -> dict[str, Any]:
    url = os.environ.get("JIYAO_DATABASE_URL", "").strip()
    if url:
        # CONN_MAX_AGE 0: with a pool Django must not keep connections itself (it hands
        # each one back to the pool at the end of the request).
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0))
        if config.get("ENGINE") == "django.db.backends.sqlite3":
            config.setdefault("OPTIONS", {}).update(_SQLITE_OPTIONS)
            if config.get("NAME") and config["NAME"] != ":memory:":
                datafiles.private_sqlite(Path(config["NAME"]))
            config["CONN_MAX_AGE"] = 60
        elif config.get("ENGINE") == "django.db.backends.postgresql" and _flag(
            "JIYAO_DB_POOL", True
        ):
            config.setdefault("OPTIONS", {})["pool"] = pool_options()
        return config
    datafiles.private_sqlite(DATA_DIR / "jiyao.sqlite3")
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "jiyao.sqlite3"),
        "OPTIONS": dict(_SQLITE_OPTIONS),
        # A connection per thread, kept for a minute: opening SQLite is cheap, but the
        # PRAGMAs of init_command are run on each new connection.
        "CONN_MAX_AGE": 60,
        "TEST": {"NAME": None},  # tests: in memory
    }


# WAL lets readers go on while an import writes; the busy timeout (ms, via the
# driver's `timeout` in s) makes a second writer wait instead of failing at once;
# IMMEDIATE transactions take the write lock up front (no deadlock on upgrade).
_SQLITE_OPTIONS: dict[str, Any] = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        " PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
    ),
}

SECRET_KEY = _secret_key()
# The SQLite files stay 0600 whoever created them (see jiyao.web.datafiles).
connection_created.connect(datafiles.on_connection_created, dispatch_uid="jiyao-private-sqlite")
DEBUG = _flag("JIYAO_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("JIYAO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "jiyao.archive",
    "jiyao.accounts",
    "jiyao.directory",
    "jiyao.topics",
    "jiyao.meetings",
    "jiyao.followup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a refused (locked-out) login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jiyao.web.urls"
WSGI_APPLICATION = "jiyao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jiyao.web.nav.navigation",
            ],
        },
    },
]

DATABASES = {"default": _database()}

# Background work (imports of many files, batches of documents to render) goes through
# Django's tasks API (the django-tasks backport) into a table of the database itself;
# `jiyao worker` runs it. At scale, see docs/deploy.md (RQ or Celery).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "render"],
    }
}

# Shared by every web worker process (a per-process memory cache would let each worker
# count and forget on its own). Rendered documents have their own cache on disk
# (jiyao.archive.rendering, under $JIYAO_DATA_DIR/cache/render).
CACHE_DIR = DATA_DIR / "cache"
# Archive pages kept for anonymous readers, per worker (jiyao.archive.pagecache; 0 = off).
JIYAO_PAGE_CACHE_MB = _int("JIYAO_PAGE_CACHE_MB", 64)


def _prerender_formats() -> tuple[str, ...]:
    """``JIYAO_PRERENDER``: formats typeset ahead of the first download (comma-separated;
    default ``pdf,docx``; empty, ``0`` or ``off``: none). A bad name stops the start."""
    from jiyao.archive.prerender import FORMATS, parse_formats

    value = os.environ.get("JIYAO_PRERENDER")
    if value is None:
        return ("pdf", "docx")
    names, bad = parse_formats(value)
    if names in ([], ["0"], ["off"], ["none"]):
        return ()
    if bad:
        raise SystemExit(f"JIYAO_PRERENDER 只能列出 {'、'.join(FORMATS)}，而不是 {bad[0]!r}")
    return tuple(names)


# Documents typeset in the background when minutes are stored (jiyao.archive.prerender).
JIYAO_PRERENDER = _prerender_formats()

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(CACHE_DIR / "django"),
        "OPTIONS": {"MAX_ENTRIES": 10000},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses any login attempt while the account or address is locked out.
    "jiyao.accounts.throttle.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "desk"
LOGOUT_REDIRECT_URL = "archive:home"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
with contextlib.suppress(OSError):  # whitenoise warns at every start when it is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve app static files straight from the package (no collectstatic step needed).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Admin-editable records can be large (original documents): allow big POSTs.
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

# Meeting notices and 签收 reminders (jiyao.meetings): printed by default.
EMAIL_BACKEND = (
    os.environ.get("JIYAO_EMAIL_BACKEND", "").strip()
    or "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("JIYAO_EMAIL_FROM", "").strip() or "jiyao@localhost"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# -- security ---------------------------------------------------------------------------

# Login throttling (django-axes, see jiyao.accounts.throttle): after the limit of wrong
# passwords for one account from one address, or from one address for any accounts, the
# login is refused for the cool-off time (each attempt meanwhile starts it again).
AXES_FAILURE_LIMIT = _int("JIYAO_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=_int("JIYAO_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "jiyao.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "jiyao.accounts.throttle.client_address"
AXES_VERBOSE = False
JIYAO_TRUSTED_PROXIES = _int("JIYAO_TRUSTED_PROXIES", 0)

# HTTPS (JIYAO_HTTPS=1): TLS ends at a reverse proxy, which says so in X-Forwarded-Proto.
HTTPS = _flag("JIYAO_HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp 4): everything from this site, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
