"""Documents rendered from records: cached on disk, PDF typeset out of process.

``render(record, fmt, letterhead=...)`` returns a :class:`Rendered` file in the cache.

The cache key is the sha256 of the record's JSON, the format, the options and
``RENDER_VERSION`` (bump it when the composer's output changes): a record's minutes
version is its content, so a corrected record gets a new key and a document downloaded
a hundred times is typeset once. Files live under ``$JIYAO_DATA_DIR/cache/render/``,
mode 0600, written to a temporary file in the same directory and renamed into place
(readers never see half a file). A lock per key stripe (``flock``) makes concurrent
requests for the same document, in any process, wait for the one render instead of
each typesetting it. When the cache grows past ``JIYAO_RENDER_CACHE_MB`` (default 1024),
the least recently written files are removed.

PDF is typeset by Typst, native code that could crash: it runs in child processes
(``JIYAO_RENDER_PROCESSES`` per server process, default 1, started once and reused),
each job with a time limit (``JIYAO_RENDER_TIMEOUT`` s, default 30). A child that dies
or overruns is killed and replaced, and the caller gets :class:`RenderUnavailable` —
the server goes on. DOCX, HTML and TXT are pure Python and rendered in process.
A record the composer refuses raises :class:`RenderRefused` with the reason.

``JIYAO_RENDER_CRASH_TEST=1`` makes the PDF child abort (``os.abort``) on every job:
it exists for the tests that show a crash does not take the server down.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import os
import queue
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jiyao.minutes.record import Record

#: Part of every cache key: bump when the composer's output changes.
RENDER_VERSION = "1"
FORMATS = ("docx", "pdf", "html", "txt")
LETTERHEADS = ("record", "series")
_STRIPES = 256


class RenderRefused(Exception):
    """The composer cannot render this record (the message says why)."""


class RenderUnavailable(Exception):
    """The renderer crashed or ran out of time; the request may be tried again later."""


@dataclass(frozen=True)
class Rendered:
    data: bytes
    key: str  # the cache key (also a good ETag)
    cached: bool  # True: read from the cache, not typeset for this call


def cache_dir() -> Path:
    from django.conf import settings

    return Path(settings.JIYAO_DATA_DIR) / "cache" / "render"


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "").strip())
    except ValueError:
        return default
    return value if value > 0 else default


def cached_path(key: str, fmt: str) -> Path:
    """Where the document of cache key ``key`` is kept (whether or not it is there)."""
    return cache_dir() / key[:2] / f"{key}.{fmt}"


def render_timeout() -> float:
    """Seconds a render child may take for one document (``JIYAO_RENDER_TIMEOUT``)."""
    return _env_number("JIYAO_RENDER_TIMEOUT", 30)


def cache_key(record: Record, fmt: str, *, letterhead: str = "record", number: str = "") -> str:
    payload = json.dumps(
        {
            "v": RENDER_VERSION,
            "fmt": fmt,
            "letterhead": letterhead,
            "number": number,
            "record": record.to_json(),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def render(
    record: Record,
    fmt: str,
    *,
    letterhead: str = "record",
    number: str = "",
    children: Children | None = None,
) -> Rendered:
    """The document for ``record`` in ``fmt`` (see the module docstring); ``number`` (期号,
    e.g. 〔2021〕53号) is printed in the header when given. ``children``: a pool that
    typesets every format out of process (jiyao.archive.prerender, which typesets many
    at once); by default PDF goes to this process's children and the rest is composed
    here."""
    if fmt not in FORMATS or letterhead not in LETTERHEADS:
        raise ValueError(f"unknown format or letterhead: {fmt!r}, {letterhead!r}")
    key = cache_key(record, fmt, letterhead=letterhead, number=number)
    path = cached_path(key, fmt)
    # Read whole: a 纪要 is tens of kilobytes, and the file may be pruned at any time.
    with contextlib.suppress(FileNotFoundError):
        return Rendered(path.read_bytes(), key, cached=True)
    with _key_lock(key):
        with contextlib.suppress(FileNotFoundError):  # another request made it meanwhile
            return Rendered(path.read_bytes(), key, cached=True)
        if children is not None:
            data = children.run(record, fmt, letterhead, number)
        else:
            data = _typeset(record, fmt, letterhead, number)
        _write_atomic(path, data)
    _maybe_prune(len(data))
    return Rendered(data, key, cached=False)


def _typeset(record: Record, fmt: str, letterhead: str, number: str = "") -> bytes:
    if fmt == "pdf":
        return _children().run(record, fmt, letterhead, number)
    return compose_bytes(record, fmt, letterhead, number)


def compose_bytes(record: Record, fmt: str, letterhead: str, number: str = "") -> bytes:
    """Compose in this process; the composer's refusal becomes RenderRefused."""
    from jiyao.minutes import compose
    from jiyao.minutes.errors import MinutesError

    try:
        if fmt == "txt":
            return compose.compose_text(record).encode("utf-8")
        head = (
            compose.Letterhead.for_series(record)
            if letterhead == "series"
            else compose.Letterhead.for_record(record)
        )
        if number:
            head = dataclasses.replace(head, number=number)
        func = {"docx": compose.compose_docx, "pdf": compose.compose_pdf}.get(fmt)
        if func is not None:
            return bytes(func(record, letterhead=head))
        return str(compose.compose_html(record, letterhead=head)).encode("utf-8")
    except MinutesError as exc:
        raise RenderRefused(str(exc)) from exc


# -- the cache on disk ------------------------------------------------------------------


@contextlib.contextmanager
def _key_lock(key: str) -> Iterator[None]:
    """An exclusive lock for one stripe of keys, across threads and processes."""
    locks = cache_dir() / "locks"
    locks.mkdir(parents=True, exist_ok=True, mode=0o700)
    stripe = int(key[:4], 16) % _STRIPES
    fd = os.open(locks / f"{stripe:03d}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_written = 0
_written_lock = threading.Lock()


def _maybe_prune(size: int) -> None:
    """After every ~64 MB written by this process, trim the cache to its limit."""
    global _written
    with _written_lock:
        _written += size
        if _written < 64 * 1024 * 1024:
            return
        _written = 0
    prune(int(cache_limit_mb() * 1024 * 1024))


def cache_limit_mb() -> float:
    """The cache's size limit in MB (``JIYAO_RENDER_CACHE_MB``, default 1024)."""
    return _env_number("JIYAO_RENDER_CACHE_MB", 1024)


def prune(limit: int) -> int:
    """Remove the oldest rendered files until the cache holds at most ``limit`` bytes;
    returns how many were removed."""
    files = []
    for path in cache_dir().glob("??/*.*"):
        with contextlib.suppress(FileNotFoundError):
            st = path.stat()
            files.append((st.st_mtime, st.st_size, path))
    total = sum(size for _, size, _ in files)
    removed = 0
    for _, size, path in sorted(files):
        if total <= limit:
            break
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
        total -= size
    return removed


# -- the PDF children -------------------------------------------------------------------


def _child_main(conn: Any) -> None:
    """A render child: jobs in, ("ok", bytes) or ("refused", reason) out, until EOF.

    SIGINT and SIGTERM are ignored: they are meant for the server (Ctrl-C reaches the
    whole process group), which finishes its requests — this child's included — and
    then closes the pipe (EOF) or kills the child."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True:
        try:
            record_json, fmt, letterhead, number = conn.recv()
        except EOFError:
            return
        if os.environ.get("JIYAO_RENDER_CRASH_TEST") == "1":
            os.abort()
        try:
            record = Record.from_json(record_json)
            conn.send(("ok", compose_bytes(record, fmt, letterhead, number)))
        except RenderRefused as exc:
            conn.send(("refused", str(exc)))
        except Exception as exc:
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))


class _Child:
    def __init__(self) -> None:
        import multiprocessing

        # spawn: a fresh interpreter, never a fork of a threaded server process.
        context = multiprocessing.get_context("spawn")
        self.conn, child_end = context.Pipe()
        self.process = context.Process(target=_child_main, args=(child_end,), daemon=True)
        self.process.start()
        child_end.close()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class Children:
    """A fixed number of reusable render children shared by the threads of a process."""

    def __init__(self, size: int, timeout: float) -> None:
        self.timeout = timeout
        self.idle: queue.Queue[_Child | None] = queue.Queue()
        for _ in range(size):
            self.idle.put(None)  # started when first needed

    def run(self, record: Record, fmt: str, letterhead: str, number: str = "") -> bytes:
        try:
            child = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise RenderUnavailable("all renderers busy") from None
        try:
            if child is None or not child.process.is_alive():
                child = _Child()
            child.conn.send((record.to_json(), fmt, letterhead, number))
            if not child.conn.poll(self.timeout):
                raise RenderUnavailable(f"no answer within {self.timeout:g} s")
            status, value = child.conn.recv()
        except (EOFError, OSError, RenderUnavailable) as exc:
            if child is not None:
                child.kill()
            child = None
            if isinstance(exc, RenderUnavailable):
                raise
            raise RenderUnavailable(f"the renderer stopped ({exc.__class__.__name__})") from exc
        finally:
            self.idle.put(child)
        if status == "refused":
            raise RenderRefused(value)
        if status != "ok":
            raise RenderUnavailable(value)
        return bytes(value)

    def close(self) -> None:
        while True:
            try:
                child = self.idle.get_nowait()
            except queue.Empty:
                return
            if child is not None:
                child.kill()


_pool: Children | None = None
_pool_lock = threading.Lock()


def _children() -> Children:
    global _pool
    with _pool_lock:
        if _pool is None:
            import atexit
            import multiprocessing.util  # noqa: F401 (registers its exit handler on import)

            # Registered after it, so run before it: multiprocessing's handler would
            # send the children SIGTERM, which they ignore, and wait for them forever.
            atexit.register(close_children)
            _pool = Children(int(_env_number("JIYAO_RENDER_PROCESSES", 1)), render_timeout())
        return _pool


def close_children() -> None:
    """Stop this process's render children (tests; they also die with the process)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.close()
            _pool = None
