"""`jiyao serve` as a real deployment: gunicorn in its own processes, on SQLite or (when
the suite runs on PostgreSQL) a fresh PostgreSQL database with the connection pool."""

from __future__ import annotations

import http.client
import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fresh_db import EXAMPLE, ROOT, free_port, fresh_env, jiyao, python, wait_for

pytestmark = pytest.mark.slow


class Server:
    def __init__(self, env: dict[str, str], port: int) -> None:
        self.port = port
        self.log = Path(env["JIYAO_DATA_DIR"]).parent / f"serve-{port}.log"
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jiyao", "serve", "--port", str(port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
        wait_for(f"http://127.0.0.1:{port}/", timeout=90)

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, headers=headers or {})
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)
        return self.log.read_text(encoding="utf-8", errors="replace")


def _start(tmp_path: Path, **extra: str) -> Iterator[tuple[Server, int, dict[str, str]]]:
    with fresh_env(tmp_path) as env:
        done = jiyao(env, "import", str(EXAMPLE))
        assert done.returncode == 0, done.stderr
        pk = int(
            python(env, "from jiyao.archive.models import Meeting\nprint(Meeting.objects.get().pk)")
        )
        env = {**env, "JIYAO_WORKERS": "2", "JIYAO_THREADS": "2", **extra}
        server = Server(env, free_port())
        try:
            yield server, pk, env
        finally:
            server.stop()


@pytest.fixture
def crashing(tmp_path: Path) -> Iterator[tuple[Server, int, dict[str, str]]]:
    """A server whose PDF renderer aborts on every document."""
    yield from _start(tmp_path, JIYAO_RENDER_CRASH_TEST="1")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, int, dict[str, str]]]:
    yield from _start(tmp_path)


def test_production_server_answers_get_and_head_without_a_development_warning(
    server: Any,
) -> None:
    srv, pk, _env = server
    status, headers, body = srv.request("GET", f"/meetings/{pk}/")
    assert status == 200 and "象山县" in body.decode()
    assert headers["Server"] == "gunicorn"
    status, headers, body = srv.request("HEAD", f"/meetings/{pk}/")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) > 1000
    status, _, body = srv.request("GET", "/static/archive/archive.css")
    assert status == 200 and body
    log = srv.stop()
    assert "development server" not in log.lower()
    assert "Traceback" not in log
    assert srv.process.returncode == 0


def test_a_crashing_pdf_renderer_gives_a_chinese_error_and_the_server_goes_on(
    crashing: Any,
) -> None:
    srv, pk, _env = crashing
    for _ in range(2):  # and again: a new renderer is started each time
        status, headers, body = srv.request("GET", f"/meetings/{pk}/download/pdf/")
        assert status == 503
        assert "排版程序暂时出现故障" in body.decode()
        assert headers["Retry-After"]
    status, _, body = srv.request("GET", f"/meetings/{pk}/")
    assert status == 200
    status, _, body = srv.request("GET", f"/meetings/{pk}/download/docx/")
    assert status == 200 and body.startswith(b"PK")
    assert srv.process.poll() is None


def test_a_pdf_is_typeset_once_cached_private_and_revalidated_by_etag(server: Any) -> None:
    srv, pk, env = server
    status, headers, first = srv.request("GET", f"/meetings/{pk}/download/pdf/")
    assert status == 200 and first.startswith(b"%PDF")
    cache = Path(env["JIYAO_DATA_DIR"]) / "cache" / "render"
    files = [p for p in cache.glob("??/*.pdf")]
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    mtime = files[0].stat().st_mtime_ns
    for _ in range(3):
        status, _, again = srv.request("GET", f"/meetings/{pk}/download/pdf/")
        assert status == 200 and again == first
    assert files[0].stat().st_mtime_ns == mtime  # read from the cache, never rewritten
    assert "private" in headers["Cache-Control"]
    status, _, body = srv.request(
        "GET", f"/meetings/{pk}/download/pdf/", {"If-None-Match": headers["ETag"]}
    )
    assert status == 304 and body == b""


def test_serve_help_names_the_environment_that_sizes_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "jiyao", "serve", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert "JIYAO_WORKERS" in done.stdout and "JIYAO_THREADS" in done.stdout


def _children(pid: int) -> dict[int, str]:
    """Child processes of ``pid`` (Linux /proc) and their command lines."""
    found: dict[int, str] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
            found[int(child)] = cmdline.decode(errors="replace")
    return found


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status  # exited, waiting to be reaped


def test_demo_serves_with_a_task_worker_beside_it_and_stops_both(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIYAO_", "DJANGO_"))}
    port = free_port()
    data = tmp_path / "demo"
    command = [sys.executable, "-m", "jiyao", "demo", "--docs", "2", "--port", str(port)]
    demo = subprocess.Popen(
        [*command, "--data-dir", str(data)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", timeout=120)
        workers = [pid for pid, cmd in _children(demo.pid).items() if " worker" in cmd]
        assert len(workers) == 1
        env["JIYAO_DATA_DIR"] = str(data)
        enqueue = (
            "from jiyao.archive.tasks import render_documents\n"
            "from jiyao.archive.models import Meeting\n"
            "print(render_documents.enqueue([Meeting.objects.first().pk], ['txt']).id)\n"
        )
        task_id = python(env, enqueue).strip()
        check = (
            "import time\nfrom jiyao.archive.tasks import render_documents\n"
            "for _ in range(120):\n"
            f"    r = render_documents.get_result({task_id!r})\n"
            "    if r.is_finished: break\n"
            "    time.sleep(0.5)\n"
            "print(r.status, r.return_value)\n"
        )
        assert "SUCCESSFUL" in python(env, check)  # the worker beside the server ran it
    finally:
        demo.send_signal(signal.SIGTERM)
        output = demo.communicate(timeout=60)[0].decode(errors="replace")
    assert demo.returncode == 0, output
    assert all(_gone(pid) for pid in workers)
    assert "Traceback" not in output
