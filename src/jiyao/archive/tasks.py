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
) -> dict[str, Any]:
    """Import minutes files (as `jiyao import` does) and return the summary.

    ``paths``: files (not directories) the worker can read. ``government``: the
    government whose minutes these are when they do not name it (象山县).
    ``visibility``: "public" or "internal". ``delete_after``: remove each file once the
    import has finished (uploaded copies), whether it was imported or failed.

    Returns ``{"imported": n, "updated": n, "unchanged": n, "failed": [[name, reason],
    …], "meetings": [id, …]}`` (meetings: of every file not failed, in the order of
    ``paths``). One file failing does not fail the task: it is listed in ``failed``.
    A bad ``visibility`` fails the task (ValueError) before anything is stored.
    """
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {VISIBILITIES}, not {visibility!r}")
    workers = default_workers() if len(paths) >= 500 else 0
    try:
        with Importer(government=government, visibility=visibility, workers=workers) as importer:
            summary = importer.import_many([Input(name=str(p)) for p in paths])
    finally:
        if delete_after:
            for path in paths:
                with contextlib.suppress(OSError):
                    os.unlink(path)
    return {
        "imported": summary.imported,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "failed": [[name, reason] for name, reason in summary.failed],
        "meetings": [r.meeting_id for r in summary.results],
    }


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
