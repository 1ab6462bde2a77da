"""Whole archive pages kept for anonymous readers until the archive changes.

Most of a public archive's traffic is anonymous: the same searches, the home page, the
governments and their years, asked for again and again, each costing the server 10–20
ms of template rendering and queries. A page an anonymous visitor gets depends only on
the URL (path and query), the archive's content and the date — so it is kept, in the
worker's memory, under that key:

- the archive's state is ``(epoch, n)`` of :class:`~jiyao.archive.models.Generation`,
  a counter that database triggers raise in the same transaction as every write to an
  archive table (migration 0007). It is read first, then the page is computed; a page
  is therefore never older than the state it is filed under, and the first request
  after any committed change computes the page anew. Nothing has to remember to clear
  the cache: not the importer, not the admin, not a restore (which renews ``epoch``).
- only anonymous GET/HEAD requests, without a pending message, are served from it; a
  response is kept only when it is a plain 200 that sets no cookie (a page with a CSRF
  token or a message sets one, and is never kept). Logged-in users always get their
  page computed: it carries their name, their role's links and internal minutes.
- the date is part of the key (pages that speak of "today" change at midnight).

The memory is bounded per worker process by ``JIYAO_PAGE_CACHE_MB`` (default 64; 0
turns the cache off), least recently used pages leaving first. Responses carry
``X-Jiyao-Cache: hit`` or ``miss``, which the load benchmark counts.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse

HEADER = "X-Jiyao-Cache"
#: Headers of a kept response replayed on a hit (the rest are per response).
KEPT_HEADERS = ("Content-Type", "Vary", "Content-Language", "Cache-Control")


def limit_bytes() -> int:
    """The configured size of the cache (``JIYAO_PAGE_CACHE_MB``, read by the settings)."""
    return max(int(getattr(settings, "JIYAO_PAGE_CACHE_MB", 0)), 0) * 1024 * 1024


class Pages:
    """A thread-safe LRU of page bodies, bounded by their total size in bytes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pages: OrderedDict[tuple[Any, ...], tuple[bytes, tuple[tuple[str, str], ...]]]
        self._pages = OrderedDict()
        self._bytes = 0

    def get(self, key: tuple[Any, ...]) -> tuple[bytes, tuple[tuple[str, str], ...]] | None:
        with self._lock:
            found = self._pages.get(key)
            if found is not None:
                self._pages.move_to_end(key)
            return found

    def put(
        self, key: tuple[Any, ...], body: bytes, headers: tuple[tuple[str, str], ...], limit: int
    ) -> None:
        size = len(body)
        if size > limit // 8:  # one page never takes more than an eighth of the room
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old[0])
            self._pages[key] = (body, headers)
            self._bytes += size
            while self._bytes > limit and self._pages:
                _, (dropped, _) = self._pages.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._pages)


PAGES = Pages()


def state() -> tuple[str, int] | None:
    """The archive's current ``(epoch, n)``, or None when it cannot be read (no row:
    a database emptied by hand; the row is made again, and this request is not cached)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT epoch, n FROM archive_generation WHERE id = 1")
            row = cursor.fetchone()
            if row is None:
                cursor.execute(
                    "INSERT INTO archive_generation (id, n, epoch) VALUES (1, 0, %s)",
                    [secrets.token_hex(8)],
                )
                return None
    except DatabaseError:
        return None
    return str(row[0]), int(row[1])


def renew_epoch() -> None:
    """Give the archive a new epoch (after a restore: the counter starts again lower)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE archive_generation SET epoch = %s WHERE id = 1", [secrets.token_hex(8)]
        )


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if "messages" in request.COOKIES:  # a message waits to be shown once
        return False
    user = getattr(request, "user", None)
    return not getattr(user, "is_authenticated", False)


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve ``view``'s anonymous pages from :data:`PAGES` (see the module docstring)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limit = limit_bytes()
        if not limit or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        now = state()
        if now is None:
            return view(request, *args, **kwargs)
        key = (
            now,
            dt.date.today().toordinal(),
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-History-Restore-Request", ""),
        )
        found = PAGES.get(key)
        if found is not None:
            body, headers = found
            response = HttpResponse(body)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Set-Cookie")
        ):
            kept = tuple((h, response[h]) for h in KEPT_HEADERS if response.has_header(h))
            PAGES.put(key, response.content, kept, limit)
            response[HEADER] = "miss"
        return response

    return wrapper
