"""The importer's writer: planned rows of many documents → one INSERT batch per table.

The importer (jiyao.archive.importer) turns a record into a :class:`Plan`: plain
values, organization/person/series ids already resolved, no model instances. This
module writes plans: ids for new source documents, meetings, minutes and agenda items
are allocated up front (so children can point at parents without a round trip per
row), then each table gets one ``executemany`` on SQLite, one ``COPY`` on PostgreSQL
(where executemany is one INSERT a row). Building tens of model instances per document
and compiling their INSERTs was two thirds of the import time; plain tuples make a
document's rows cost tens of microseconds.

Id allocation runs inside the caller's transaction. On SQLite the transaction holds
the write lock from its start (``transaction_mode = IMMEDIATE``), so ``max(id)`` (or the
AUTOINCREMENT counter, whichever is higher) cannot move under us; on PostgreSQL the
ids come from each table's identity sequence (``nextval``), which is safe under any
concurrency. Values are adapted by Django's backend operations (dates, datetimes,
JSON), so both databases store exactly what the ORM would.

Updates (a newer parser read known bytes) rewrite the parent rows with ``UPDATE`` and
insert the children afresh, keeping the meeting's id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone

Row = tuple[Any, ...]


@dataclass
class Plan:
    """The rows of one document, as values (``item`` columns are indexes into ``items``)."""

    name: str
    status: str = "imported"
    #: (filename, kind, encoding, original, text, parser_version, content_hash)
    source: Row = ()
    #: (series_id, session, date, time_of_day, chair_id, body, location, chair_post)
    meeting: Row = ()
    #: (title, issuer, issued_on, number, visibility, warnings, spans); the last two as
    #: JSONText (made with the record: jiyao.archive.prepare.Derived)
    minutes: Row = ()
    #: (position, number, heading, action, text)
    items: list[Row] = field(default_factory=list)
    #: (item, outcome, follow_up, requirements)
    decisions: list[Row] = field(default_factory=list)
    #: (item, title, stage, position)
    documents: list[Row] = field(default_factory=list)
    #: (item, organization_id, name_as_written, position)
    submitters: list[Row] = field(default_factory=list)
    #: (person_id, role, position)
    attendance: list[Row] = field(default_factory=list)
    #: (recipient, organization_id, position)
    distribution: list[Row] = field(default_factory=list)
    #: (words, plain, government_id, date, public)
    search: Row = ()
    #: Ids of the rows an update rewrites (source, meeting, minutes).
    source_id: int | None = None
    meeting_id: int | None = None
    minutes_id: int | None = None
    #: ``joined``: the meeting this source is another copy of — a stored meeting's id, or
    #: the plan of a new meeting written in the same batch (its id is allocated first).
    joins: Plan | int | None = None
    #: Review flags to raise on the meeting: (kind, detail) (models.ReviewFlag).
    flags: list[tuple[str, str]] = field(default_factory=list)
    #: The record's identity.signature (what a copy joining this meeting is compared by).
    signature: Any = None


def write(plans: list[Plan]) -> None:
    """Insert (or, for ``updated`` plans, rewrite) the rows of ``plans``."""
    from jiyao.archive import models as m

    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    new = [p for p in plans if p.status == "imported"]
    joined = [p for p in plans if p.status == "joined"]
    for p in plans:
        if p.status == "updated":
            _update(p, now)
        elif p.status == "kept":
            # A corrected meeting: its rows and text stay; only the version moves on.
            m.SourceDocument.objects.filter(pk=p.source_id).update(parser_version=p.source[5])
    source_ids = _allocate(m.SourceDocument, len(new) + len(joined))
    meeting_ids = _allocate(m.Meeting, len(new))
    minutes_ids = _allocate(m.Minutes, len(new))
    for p, source_id, meeting_id, minutes_id in zip(
        new, source_ids, meeting_ids, minutes_ids, strict=False
    ):
        p.source_id, p.meeting_id, p.minutes_id = source_id, meeting_id, minutes_id
    for p, source_id in zip(joined, source_ids[len(new) :], strict=True):
        p.source_id = source_id
        p.meeting_id = p.joins.meeting_id if isinstance(p.joins, Plan) else p.joins
    _insert(
        m.SourceDocument,
        "id filename kind encoding original text parser_version content_hash imported_at"
        " meeting_id spans",
        [(p.source_id, *p.source, now, p.meeting_id, _json(p.minutes[6])) for p in new + joined],
    )
    _insert(
        m.Meeting,
        "id series_id session date time_of_day chair_id body location chair_post",
        [(p.meeting_id, *_dated(p.meeting, 2)) for p in new],
    )
    _insert(
        m.Minutes,
        "id meeting_id source_id title issuer issued_on number visibility warnings spans",
        [(p.minutes_id, p.meeting_id, p.source_id, *_minutes_values(p.minutes)) for p in new],
    )
    item_ids = iter(_allocate(m.AgendaItem, sum(len(p.items) for p in plans)))
    items: list[Row] = []
    decisions: list[Row] = []
    documents: list[Row] = []
    submitters: list[Row] = []
    attendance: list[Row] = []
    distribution: list[Row] = []
    search: list[Row] = []
    flags = [
        (p.meeting_id, p.source_id, kind, detail, now, "")
        for p in plans
        for kind, detail in p.flags
    ]
    for p in plans:
        if p.status not in ("imported", "updated"):
            continue
        ids = [next(item_ids) for _ in p.items]
        items += [(pk, p.meeting_id, *row) for pk, row in zip(ids, p.items, strict=True)]
        decisions += [
            (ids[i], outcome, follow, _json(req)) for i, outcome, follow, req in p.decisions
        ]
        documents += [(ids[i], *rest) for i, *rest in p.documents]
        submitters += [(ids[i], *rest) for i, *rest in p.submitters]
        attendance += [(p.meeting_id, *row) for row in p.attendance]
        distribution += [(p.minutes_id, *row) for row in p.distribution]
        search.append((p.meeting_id, *_dated(p.search, 3)))
    _insert(m.AgendaItem, "id meeting_id position number heading action text", items)
    _insert(m.Decision, "agenda_item_id outcome follow_up requirements", decisions)
    _insert(m.Document, "agenda_item_id title stage position", documents)
    _insert(m.ItemSubmitter, "agenda_item_id organization_id name_as_written position", submitters)
    _insert(m.Attendance, "meeting_id person_id role position", attendance)
    _insert(m.Distribution, "minutes_id recipient organization_id position", distribution)
    _insert(m.SearchEntry, "meeting_id words plain government_id date public", search)
    _insert(m.ReviewFlag, "meeting_id source_id kind detail created_at resolution", flags)


def _update(p: Plan, now: Any) -> None:
    """Rewrite an imported meeting in place: parents updated, children replaced."""
    from jiyao.archive import models as m

    source = dict(
        zip(
            ("filename", "kind", "encoding", "original", "text", "parser_version"),
            p.source[:6],
            strict=True,
        )
    )
    m.SourceDocument.objects.filter(pk=p.source_id).update(
        **source,
        imported_at=timezone.now(),
        meeting_id=p.meeting_id,
        spans=json.loads(p.minutes[6]) if isinstance(p.minutes[6], str) else p.minutes[6],
    )
    meeting = dict(
        zip(
            (
                "series_id",
                "session",
                "date",
                "time_of_day",
                "chair_id",
                "body",
                "location",
                "chair_post",
            ),
            p.meeting,
            strict=True,
        )
    )
    m.Meeting.objects.filter(pk=p.meeting_id).update(**meeting)
    title, issuer, issued_on, number, visibility, warnings, spans = p.minutes
    m.Minutes.objects.filter(pk=p.minutes_id).update(
        visibility=visibility,  # the stored one, unless the import asked for another
        title=title,
        issuer=issuer,
        issued_on=issued_on,
        number=number,
        warnings=json.loads(warnings),  # the ORM's JSONField wants the values
        spans=json.loads(spans),
    )
    m.AgendaItem.objects.filter(meeting_id=p.meeting_id).delete()
    m.Attendance.objects.filter(meeting_id=p.meeting_id).delete()
    m.Distribution.objects.filter(minutes_id=p.minutes_id).delete()
    m.SearchEntry.objects.filter(meeting_id=p.meeting_id).delete()


def _allocate(model: Any, count: int) -> list[int]:
    """``count`` fresh primary keys for ``model`` (see the module docstring)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [int(row[0]) for row in cur.fetchall()]
        cur.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')
        top = int(cur.fetchone()[0])
        if connection.vendor == "sqlite":
            cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cur.fetchone()
            top = max(top, int(row[0]) if row else 0)
    return list(range(top + 1, top + 1 + count))


def _insert(model: Any, columns: str, rows: list[Row]) -> None:
    if not rows:
        return
    names = columns.split()
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        # COPY, not executemany: psycopg sends executemany as one INSERT per row (about
        # 45 rows a document), and each costs a round of Python and server work.
        table = quote(model._meta.db_table)
        with connection.cursor() as cur:
            raw = cur.cursor  # Django's wrapper does not expose copy()
            with raw.copy(
                f"COPY {table} ({', '.join(quote(n) for n in names)}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(row)
        return
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    with connection.cursor() as cur:
        cur.executemany(sql, rows)


def _dated(row: Row, index: int) -> Row:
    """``row`` with the date at ``index`` adapted for the database."""
    value = connection.ops.adapt_datefield_value(row[index])
    return (*row[:index], value, *row[index + 1 :])


def _minutes_values(row: Row) -> Row:
    title, issuer, issued_on, number, visibility, warnings, spans = row
    issued = connection.ops.adapt_datefield_value(issued_on)
    return (title, issuer, issued, number, visibility, _json(warnings), _json(spans))


class JSONText(str):
    """A value already encoded as JSON (made in a worker process): written as it is."""


def _json(value: Any) -> Any:
    """A JSON column value as Django's JSONField would store it on this database."""
    if isinstance(value, JSONText):
        # PostgreSQL casts the untyped string literal to jsonb; SQLite stores the text.
        return str(value)
    if connection.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        return Jsonb(value)
    return json.dumps(value, ensure_ascii=False)
