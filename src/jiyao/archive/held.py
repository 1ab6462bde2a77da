"""Minutes of a meeting held in jiyao → the archive rows of that same meeting.

A meeting prepared in jiyao's workflow is an archive :class:`~jiyao.archive.models.Meeting`
from the day it is planned. When its minutes are signed, :func:`store_held_minutes`
stores them through the importer's own planning and row writer (the path `jiyao import`
takes), attached to that meeting instead of a new one:

- the text (the composer's plain text of the signed record) becomes the meeting's
  :class:`SourceDocument`, and the record the parser reads back from it becomes the
  Minutes, AgendaItem, Decision, Document, ItemSubmitter, Attendance and Distribution
  rows and the search entry — so search, pages and downloads treat it like any
  imported meeting, with every value's span into the stored text;
- a later version (a correction) replaces the rows of the earlier one in place (the
  meeting and minutes keep their ids; the superseded text is kept by the caller).

The caller checks beforehand that the parse gives its record back; this module only
refuses what would break the archive (the text is another meeting's, the series does
not match), with :class:`~jiyao.archive.prepare.ImportFailure`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from jiyao.archive import rows
from jiyao.archive.importer import (
    PUBLIC,
    VISIBILITIES,
    Importer,
    ImportResult,
    _Entry,
    content_hash,
    parser_version,
)
from jiyao.archive.prepare import ImportFailure

if TYPE_CHECKING:
    from jiyao.archive.models import Meeting
    from jiyao.minutes.record import Record


def store_held_minutes(
    meeting: Meeting,
    text: str,
    *,
    visibility: str = PUBLIC,
    filename: str = "",
) -> tuple[ImportResult, Record]:
    """Parse ``text`` and store it as the minutes of ``meeting``; (result, parsed record).

    One transaction: on any failure nothing of it is stored and the earlier version (if
    any) stays as it was.
    """
    from jiyao.archive import models as m
    from jiyao.minutes.parse import parse

    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {VISIBILITIES}, not {visibility!r}")
    name = filename or f"meeting-{meeting.pk}.txt"
    record = parse(text, name=name)
    data = text.encode("utf-8")
    digest = content_hash(data)
    government = meeting.series.government
    with transaction.atomic():
        other = (
            m.SourceDocument.objects.filter(content_hash=digest)
            .exclude(minutes__meeting=meeting)
            .values_list("pk", "minutes__meeting_id")
            .first()
        )
        if other is not None and other[1] is not None:
            raise ImportFailure(f"{name}: 同样的文字已存为会议 {other[1]}")
        if other is not None:  # a source left without a meeting
            m.SourceDocument.objects.filter(pk=other[0]).delete()
        minutes = m.Minutes.objects.filter(meeting=meeting).select_related("source").first()
        if minutes is None or minutes.source is None:
            source = m.SourceDocument.objects.create(
                filename=name,
                kind="txt",
                encoding="utf-8",
                original=data,
                text=text,
                parser_version="",
                content_hash=digest,
            )
            if minutes is None:
                minutes = m.Minutes.objects.create(
                    meeting=meeting, source=source, visibility=visibility
                )
            else:
                minutes.source = source
        else:
            source = minutes.source
            source.content_hash = digest
            source.save(update_fields=["content_hash"])
        minutes.visibility = visibility
        minutes.save(update_fields=["source", "visibility"])
        importer = Importer(government=government.name, visibility=visibility)
        entry = _Entry(
            record,
            {"filename": name, "kind": "txt", "encoding": "utf-8", "text": text},
            data,
            digest,
            parser_version(),
            (source.pk, "", meeting.pk),
            name,
        )
        plan = importer._plan(entry)
        series_id = plan.meeting[0]
        if series_id != meeting.series_id:
            raise ImportFailure(
                f"{name}: 纪要所写的会议类别（{record.meeting.kind!r}）"
                f"与该会议的（{meeting.series.kind!r}）不同"
            )
        rows.write([plan])
    meeting.refresh_from_db()
    return ImportResult("imported", meeting.pk, name), record
