"""Documents typeset before anyone asks for them.

A download is typeset once per minutes version and then served from the render cache
(jiyao.archive.rendering), but the first reader of every document still waits for the
typesetter: a PDF costs Typst 50–60 ms of CPU, many times that on a busy server. So
documents are typeset ahead, in the background:

- ``schedule(meeting_ids)`` hands meetings whose minutes are new or changed to the
  background worker (``render_documents`` on the ``render`` queue), once the
  transaction that stored them has committed. The importer (``jiyao import``, uploads,
  the demo) and the signing of minutes call it.
- ``fill(meeting_ids, formats, processes=N)`` typesets in this process's thread pool,
  every format in render children (so N documents are typeset at once on N cores), and
  is what ``jiyao prerender`` runs for a whole archive (after a restore, a first bulk
  import, or an upgrade that changed ``RENDER_VERSION``).

What is typeset: each format of ``JIYAO_PRERENDER`` (default ``pdf,docx``; empty: none)
with the default letterhead and no number, exactly what a download link asks for, so
the cache key is the download's key. Documents already in the cache are not typeset
again; a record the composer refuses, or a renderer that fails, is listed and the
others go on.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

#: The formats that can be typeset ahead, in the order messages name them.
FORMATS = ("pdf", "docx", "html", "txt")

#: Meetings per ``render_documents`` task: small, so a worker told to stop finishes soon.
CHUNK = 20


@dataclass
class Filled:
    """What ``fill`` did: documents typeset, found in the cache, failed (meeting, format,
    reason), and the bytes the typeset ones take in the cache."""

    rendered: int = 0
    cached: int = 0
    failed: list[tuple[int, str, str]] = field(default_factory=list)
    bytes_written: int = 0


def formats() -> list[str]:
    """The formats of ``JIYAO_PRERENDER`` (validated by the settings)."""
    from django.conf import settings

    return list(getattr(settings, "JIYAO_PRERENDER", ()))


def parse_formats(value: str) -> tuple[list[str], list[str]]:
    """``"pdf, DOCX,pdf"`` → (``["pdf", "docx"]``, unknown names): comma-separated,
    case and spaces ignored, repeats dropped (``JIYAO_PRERENDER``, `jiyao prerender`)."""
    names = list(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    return names, [n for n in names if n not in FORMATS]


def schedule(meeting_ids: Iterable[int]) -> None:
    """Enqueue ``render_documents`` for these meetings after the current transaction
    commits (at once outside one); nothing when ``JIYAO_PRERENDER`` is empty."""
    schedule_formats(meeting_ids, formats())


def schedule_formats(meeting_ids: Iterable[int], wanted: list[str]) -> None:
    """As :func:`schedule`, for the ``wanted`` formats, ``CHUNK`` meetings per task."""
    from django.db import transaction

    ids = sorted({int(pk) for pk in meeting_ids})
    if not wanted or not ids:
        return

    def enqueue() -> None:
        from jiyao.archive.tasks import render_documents

        for start in range(0, len(ids), CHUNK):
            render_documents.enqueue(ids[start : start + CHUNK], wanted)

    transaction.on_commit(enqueue)


def fill(
    meeting_ids: Iterable[int],
    wanted: list[str],
    *,
    processes: int = 1,
    progress: Callable[[int], Any] | None = None,
) -> Filled:
    """Typeset the ``wanted`` formats of these meetings into the render cache.

    Records are built in the calling thread (they read the database); up to
    ``processes`` documents are typeset at once, each in a render child of a pool of
    that size, stopped at the end. ``progress(1)`` is called per meeting done.
    """
    from jiyao.archive import rendering
    from jiyao.archive.models import Meeting

    done = Filled()
    processes = max(1, processes)
    children = rendering.Children(processes, rendering.render_timeout())
    pending: dict[concurrent.futures.Future[rendering.Rendered], tuple[int, str]] = {}
    # Futures per meeting left, so progress counts meetings, not documents.
    left: dict[int, int] = {}

    def collect(block: bool) -> None:
        if not pending:
            return
        finished, _ = concurrent.futures.wait(
            list(pending),
            timeout=None if block else 0,
            return_when=concurrent.futures.FIRST_COMPLETED,
        )
        for future in finished:
            pk, fmt = pending.pop(future)
            try:
                result = future.result()
            except (rendering.RenderRefused, rendering.RenderUnavailable) as exc:
                done.failed.append((pk, fmt, str(exc)))
            else:
                if result.cached:
                    done.cached += 1
                else:
                    done.rendered += 1
                    done.bytes_written += len(result.data)
            left[pk] -= 1
            if not left[pk]:
                del left[pk]
                if progress is not None:
                    progress(1)

    try:
        with concurrent.futures.ThreadPoolExecutor(processes) as pool:
            for pk, meeting in _meetings(meeting_ids, Meeting):
                if meeting is None:
                    done.failed.append((pk, "", "没有这次会议"))
                    if progress is not None:
                        progress(1)
                    continue
                record = meeting.to_record()
                # What is cached is only looked at, not read (an archive's PDFs are GBs).
                todo = [
                    fmt
                    for fmt in wanted
                    if not rendering.cached_path(rendering.cache_key(record, fmt), fmt).exists()
                ]
                done.cached += len(wanted) - len(todo)
                if not todo:
                    if progress is not None:
                        progress(1)
                    continue
                left[pk] = len(todo)
                for fmt in todo:
                    future = pool.submit(rendering.render, record, fmt, children=children)
                    pending[future] = (pk, fmt)
                # A bounded backlog: records wait in memory only a few at a time.
                while len(pending) >= 4 * processes:
                    collect(block=True)
                collect(block=False)
            while pending:
                collect(block=True)
    finally:
        children.close()
    return done


def _meetings(meeting_ids: Iterable[int], model: Any) -> Iterator[tuple[int, Any]]:
    """(pk, meeting or None) in the given order, fetched a chunk at a time."""
    ids = [int(pk) for pk in meeting_ids]
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        found = model.objects.select_related("series__government").in_bulk(part)
        for pk in part:
            yield pk, found.get(pk)
