"""``jiyao serve``: the archive on a production server (gunicorn), or Django's development
server with ``--dev``.

The production server is gunicorn with threaded workers (``gthread``): ``JIYAO_WORKERS``
processes (default: one per core, at least 2), each with ``JIYAO_THREADS`` threads
(default 8; requests mostly wait on the database or on the PDF renderer's process).
Before it starts, missing migrations are applied, jieba's dictionary is loaded and the
Django application imported, once, in the master process, so the workers fork with all
of it (shared memory, no slow first request); every database connection is closed
before the fork, so no two processes share one. Static files come from WhiteNoise.
HEAD is answered as GET without the body (gunicorn drops the body).

On PostgreSQL each worker has its own connection pool (jiyao.web.settings.pool_options);
before the fork the pool's ``max_size`` is lowered when workers × max_size would take
more than half of the server's ``max_connections`` (the rest is left to imports, the
task worker, backups and psql).

Other settings: ``JIYAO_TIMEOUT`` (s, default 60: a worker silent that long is
restarted), ``JIYAO_ACCESS_LOG`` (``1``: one line per request on stdout).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

SERVE_EXAMPLE = """示例：
  jiyao serve                      在 http://127.0.0.1:8000 提供 ./data 中的档案库
  JIYAO_WORKERS=4 JIYAO_THREADS=16 jiyao serve --host 0.0.0.0 --port 8080
  JIYAO_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/jiyao jiyao serve
  jiyao serve --dev                Django 开发服务器（单进程）
"""

#: Share of PostgreSQL's max_connections the web workers' pools may take together.
POOL_SHARE = 0.5


def register(sub: Any) -> None:
    s = sub.add_parser(
        "serve",
        help="提供档案库网站（生产服务器；--dev 为 Django 开发服务器）",
        description=(
            "用 gunicorn 在 http://主机:端口 提供档案库网站（多线程工作进程；见 "
            "JIYAO_WORKERS、JIYAO_THREADS、JIYAO_TIMEOUT、JIYAO_ACCESS_LOG）。启动前先打印"
            "归档位置并完成数据库迁移。"
        ),
        epilog=SERVE_EXAMPLE,
    )
    s.add_argument("--host", default="127.0.0.1", metavar="主机", help="监听地址（默认 127.0.0.1）")
    s.add_argument("--port", type=int, default=8000, metavar="端口", help="端口（默认 8000）")
    s.add_argument(
        "--data-dir", metavar="目录", help="数据目录（默认 $JIYAO_DATA_DIR，否则 ./data）"
    )
    s.add_argument("--workers", type=int, metavar="个数", help="工作进程数（默认 $JIYAO_WORKERS）")
    s.add_argument(
        "--threads", type=int, metavar="个数", help="每个进程的线程数（默认 $JIYAO_THREADS）"
    )
    s.add_argument("--dev", action="store_true", help="改用 Django 开发服务器")
    s.set_defaults(func=run_serve)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return max(1, int(value)) if value else default
    except ValueError:
        print(f"jiyao serve: {name}={value!r} 不是整数，改用 {default}")
        return default


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def default_workers() -> int:
    """``JIYAO_WORKERS``, else one process per core, at least 2 (one can restart while the
    other serves), at most 16."""
    return _env_int("JIYAO_WORKERS", max(2, min(16, cores())))


def run_serve(args: argparse.Namespace) -> int:
    from jiyao.cli.archive import open_archive

    if args.threads is not None:
        os.environ["JIYAO_THREADS"] = str(max(1, args.threads))
    open_archive(args.data_dir)
    if args.dev:
        return serve_dev(args.host, args.port)
    return serve(args.host, args.port, workers=args.workers)


def serve_dev(host: str, port: int) -> int:
    """Django's development server, no autoreload (one process, for working on the code)."""
    from django.core.management import call_command

    from jiyao.archive import segment

    segment.warm_up()
    print(f"开发服务器：http://{host}:{port}/ （Ctrl-C 停止）", flush=True)
    # Django's own banner is English and says what the line above says: not shown.
    call_command(
        "runserver", f"{host}:{port}", use_reloader=False, skip_checks=True, stdout=io.StringIO()
    )
    return 0


def serve(
    host: str,
    port: int,
    *,
    workers: int | None = None,
    ready: Callable[[], None] | None = None,
) -> int:
    """Run gunicorn until it is stopped (SIGTERM/SIGINT); Django must be set up already.

    ``ready`` is called in the master once the workers are started.
    """
    from django.core.wsgi import get_wsgi_application

    from jiyao.archive import segment

    workers = workers or default_workers()
    threads = _env_int("JIYAO_THREADS", 8)
    segment.warm_up()  # in the master: every worker forks with the dictionary loaded
    application = head_as_get(get_wsgi_application())
    pool_note = _fit_pools(workers)
    _close_connections()
    options = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": _env_int("JIYAO_TIMEOUT", 60),
        "graceful_timeout": 20,
        "keepalive": 5,
        "backlog": 2048,
        # A worker is replaced after this many requests (jitter: not all at once), so
        # memory a long-running process gathers is given back.
        "max_requests": 20000,
        "max_requests_jitter": 2000,
        "accesslog": "-" if _flag("JIYAO_ACCESS_LOG") else None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "jiyao",
        "when_ready": (lambda _server: ready()) if ready else None,
    }
    print(
        f"打开 http://{host}:{port}/ （{workers} 个进程 × {threads} 个线程{pool_note}；Ctrl-C 停止）",
        flush=True,
    )
    _gunicorn_app(application, options).run()
    return 0


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def head_as_get(app: Any) -> Any:
    """The WSGI app answering HEAD as GET without the body: every page answers HEAD with
    the headers GET would give (Content-Length included), without each view having to
    allow HEAD."""

    def wrapped(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "HEAD":
            result: Iterable[bytes] = app(environ, start_response)
            return result
        environ["REQUEST_METHOD"] = "GET"
        body = app(environ, start_response)
        close = getattr(body, "close", None)
        if close is not None:
            close()  # ends the request (signals, connections) as a sent body would
        return []

    return wrapped


def _fit_pools(workers: int) -> str:
    """Lower the PostgreSQL pool's max_size so that all workers together take at most
    POOL_SHARE of max_connections; a note for the start line ("" without a pool)."""
    from django.db import connections

    settings = connections["default"].settings_dict
    pool = settings.get("OPTIONS", {}).get("pool")
    if not isinstance(pool, dict):
        return ""
    with connections["default"].cursor() as cursor:
        cursor.execute("SHOW max_connections")
        max_connections = int(cursor.fetchone()[0])
    budget = max(workers, int(max_connections * POOL_SHARE))
    if workers * pool["max_size"] > budget:
        pool["max_size"] = max(1, budget // workers)
        pool["min_size"] = min(pool["min_size"], pool["max_size"])
        print(
            f"jiyao serve: 连接池缩小为每进程 {pool['max_size']} 个连接"
            f"（max_connections={max_connections}）",
            file=sys.stderr,
        )
    return f"，每进程至多 {pool['max_size']} 个数据库连接"


def _close_connections() -> None:
    """Close every connection and pool of this process before gunicorn forks."""
    from django.db import connections

    for conn in connections.all():
        conn.close()
        close_pool = getattr(conn, "close_pool", None)
        if close_pool is not None and conn.settings_dict.get("OPTIONS", {}).get("pool"):
            close_pool()


def _gunicorn_app(application: Any, options: dict[str, Any]) -> Any:
    """gunicorn run from Python, with our options instead of its command line.

    The class is made on first use: importing gunicorn at module level cost every
    ``jiyao`` command (``jiyao parse`` too) about 60 ms of start-up.
    """
    from gunicorn.app.base import BaseApplication

    class _Gunicorn(BaseApplication):  # type: ignore[misc]
        def __init__(self, application: Any, options: dict[str, Any]) -> None:
            self.application = application
            self.options = options
            super().__init__()

        def load_config(self) -> None:
            for key, value in self.options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return self.application

    return _Gunicorn(application, options)
