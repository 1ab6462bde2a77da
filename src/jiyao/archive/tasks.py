"""Background tasks of the archive (Django's tasks API; `jiyao worker` runs them).

Enqueue from a view, then show the user the result's id and let them come back:

    from jiyao.archive.tasks import import_files
    result = import_files.enqueue(["/srv/jiyao/uploads/2021-53.docx"], government="象山县")
    result.id            # keep it; import_files.get_result(result.id).status later
    # …when result.status == "SUCCESSFUL": result.return_value == {"imported": 1, …}

Arguments and return values are JSON (the database backend stores them in a row), so
files are passed by path: the caller stores uploads under ``$JIYAO_DATA_DIR`` first (the
worker reads them there, so it must see the same file system). The functions are plain
functions too: ``import_files.call(...)`` runs one in the caller's process.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from django_tasks import task

from jiyao.archive.importer import VISIBILITIES, Importer, Input, default_workers


@task(queue_name="default")
def import_files(
    paths: list[str],
    *,
    government: str | None = None,
    visibility: str = "public",
    delete_after: bool = False,
    batch: str | None = None,
    force: bool = False,
    progress_key: str | None = None,
) -> dict[str, Any]:
    """Import minutes files (as `jiyao import` does) and return the summary.

    ``paths``: files (not directories) the worker can read. ``government``: the
    government whose minutes these are when they do not name it (象山县).
    ``visibility``: "public" or "internal". ``delete_after``: remove each file once the
    import has finished (uploaded copies), whether it was imported or failed. ``batch``
    and ``force``: as `jiyao import --batch/--force`. ``progress_key``: a cache key that
    gets ``[done, total]`` as files are imported (the upload page shows it).

    Returns ``{"imported": n, "joined": n, "updated": n, "kept": n, "unchanged": n,
    "flagged": n, "failed": [[name, reason],
    …], "meetings": [id, …]}`` (meetings: of every file not failed, in the order of
    ``paths``). One file failing does not fail the task: it is listed in ``failed``.
    A bad ``visibility`` fails the task (ValueError) before anything is stored.
    """
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {VISIBILITIES}, not {visibility!r}")
    workers = default_workers() if len(paths) >= 500 else 0
    try:
        with Importer(
            government=government, visibility=visibility, workers=workers, batch=batch, force=force
        ) as importer:
            progress = _Progress(progress_key, len(paths)) if progress_key else None
            summary = importer.import_many([Input(name=str(p)) for p in paths], progress=progress)
    finally:
        if delete_after:
            for path in paths:
                with contextlib.suppress(OSError):
                    os.unlink(path)
    return {
        "imported": summary.imported,
        "joined": summary.joined,
        "updated": summary.updated,
        "kept": summary.kept,
        "unchanged": summary.unchanged,
        "flagged": summary.flagged,
        "failed": [[name, reason] for name, reason in summary.failed],
        "meetings": [r.meeting_id for r in summary.results],
    }


class _Progress:
    """``update(n)`` for Importer.import_many: keeps [done, total] in the cache (every
    20 files and at the end, so a large import does not write the cache per file)."""

    def __init__(self, key: str, total: int) -> None:
        from django.core.cache import cache

        self.cache, self.key, self.total, self.done = cache, key, total, 0
        cache.set(key, [0, total], 24 * 3600)

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.done % 20 == 0 or self.done >= self.total:
            self.cache.set(self.key, [self.done, self.total], 24 * 3600)


@task(queue_name="render")
def render_documents(
    meeting_ids: list[int], formats: list[str] | None = None, letterhead: str = "record"
) -> dict[str, Any]:
    """Typeset meetings' documents into the download cache (jiyao.archive.rendering),
    so the first reader to download one does not wait for it.

    ``formats``: any of "pdf", "docx", "html", "txt" (default pdf and docx).
    Returns ``{"rendered": n, "cached": n, "failed": [[meeting_id, format, reason], …]}``;
    a meeting that does not exist is listed in ``failed``, the others go on.
    """
    from jiyao.archive import rendering
    from jiyao.archive.models import Meeting

    formats = list(formats or ["pdf", "docx"])
    unknown = [f for f in formats if f not in rendering.FORMATS]
    if unknown or letterhead not in rendering.LETTERHEADS:
        raise ValueError(f"unknown format or letterhead: {unknown}, {letterhead!r}")
    done = {"rendered": 0, "cached": 0, "failed": []}
    found = Meeting.objects.in_bulk(meeting_ids)
    for pk in meeting_ids:
        meeting = found.get(pk)
        if meeting is None:
            done["failed"].append([pk, "", "no such meeting"])
            continue
        record = meeting.to_record()
        for fmt in formats:
            try:
                result = rendering.render(record, fmt, letterhead=letterhead)
            except (rendering.RenderRefused, rendering.RenderUnavailable) as exc:
                done["failed"].append([pk, fmt, str(exc)])
                continue
            done["cached" if result.cached else "rendered"] += 1
    return done
