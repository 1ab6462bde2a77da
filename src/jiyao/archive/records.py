"""Rows → record: the one way a stored meeting becomes a minutes record again.

:func:`meeting_to_record` reads the rows the importer wrote (values *as written*:
``ItemSubmitter.name_as_written``, ``Distribution.recipient``, vocabulary labels from
the stored glossary codes) and rebuilds the :class:`~jiyao.minutes.record.Record`,
spans included, so that import followed by ``Meeting.to_record()`` gives the record
the parser made. Seven queries whatever the size of the meeting.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jiyao.archive import compiled
from jiyao.minutes.record import (
    ACTION_LABELS,
    ATTENDANCE_FIELDS,
    DECISION_LABELS,
    Attendance,
    Item,
    Record,
)
from jiyao.minutes.record import Meeting as MeetingValue

if TYPE_CHECKING:
    from jiyao.archive.models import Meeting

#: Attendance.role → the record's attendance key.
ROLE_KEYS: dict[str, str] = ATTENDANCE_FIELDS


HEAD_FIELDS = (
    "series__kind",
    "session",
    "date",
    "time_of_day",
    "chair__name",
    "chair_post",
    "body",
    "location",
    "minutes__title",
    "minutes__issuer",
    "minutes__issued_on",
    "minutes__number",
    "minutes__warnings",
    "minutes__spans",
    "minutes__id",
    "chair_id",
)
ITEM_FIELDS = (
    "pk",
    "number",
    "heading",
    "action",
    "text",
    "decision__outcome",
    "decision__follow_up",
    "decision__requirements",
)


def _json(value: Any) -> Any:
    """A JSON column as the cursor gives it (text on both databases) → Python."""
    return json.loads(value) if isinstance(value, str | bytes) else value


@dataclass
class NameLinks:
    """Filled by :func:`meeting_to_record` when given: the pages the record's names link
    to, read by the same queries (the meeting page would otherwise ask twice)."""

    #: Person pk by name as written (attendance; the chair).
    people: dict[str, int] = field(default_factory=dict)
    #: Organization pk by (item number, submitter name as written).
    orgs: dict[tuple[int, str], int] = field(default_factory=dict)


def meeting_to_record(
    meeting: Meeting, *, links: NameLinks | None = None, fresh: bool = True
) -> Record:
    """The record of ``meeting`` (see the module docstring), read from the database.

    ``fresh=False``: the meeting's own row and its minutes are taken from ``meeting``
    when it was loaded with them (``select_related("minutes", "series", "chair")``) —
    for a page that has just fetched the meeting (its guarded fetch), saving a query;
    everything else is read anew either way.
    """
    from jiyao.archive import models

    # The queries are compiled once per process (jiyao.archive.compiled): every meeting
    # page and download rebuilds a record, and compiling seven querysets cost more than
    # running them. Each takes the meeting's key (the minutes' for the distribution).
    head = None if fresh else _loaded_head(meeting)
    if head is None:
        found = compiled.rows(
            "record:head",
            lambda: models.Meeting.objects.filter(pk=compiled.KEY).values_list(*HEAD_FIELDS),
            key=meeting.pk,
        )
        if not found:
            raise models.Meeting.DoesNotExist(f"meeting {meeting.pk}")
        head = dict(zip(HEAD_FIELDS, found[0], strict=True))
    item_rows = [
        dict(zip(ITEM_FIELDS, row, strict=True))
        for row in compiled.rows(
            "record:items",
            lambda: (
                models.AgendaItem.objects.filter(meeting=compiled.KEY)
                .order_by("position", "pk")
                .values_list(*ITEM_FIELDS)
            ),
            key=meeting.pk,
        )
    ]
    documents: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for item_id, title, stage in compiled.rows(
        "record:documents",
        lambda: (
            models.Document.objects.filter(agenda_item__meeting=compiled.KEY)
            .order_by("agenda_item", "position", "pk")
            .values_list("agenda_item_id", "title", "stage")
        ),
        key=meeting.pk,
    ):
        documents[item_id].append((title, stage))
    numbers = {row["pk"]: row["number"] for row in item_rows}
    submitters: dict[int, list[str]] = defaultdict(list)
    for item_id, name, org in compiled.rows(
        "record:submitters",
        lambda: (
            models.ItemSubmitter.objects.filter(agenda_item__meeting=compiled.KEY)
            .order_by("agenda_item", "position", "pk")
            .values_list("agenda_item_id", "name_as_written", "organization_id")
        ),
        key=meeting.pk,
    ):
        submitters[item_id].append(name)
        if links is not None and org is not None and item_id in numbers:
            links.orgs.setdefault((numbers[item_id], name), org)
    attendance: dict[str, list[str]] = defaultdict(list)
    for role, name, person in compiled.rows(
        "record:attendance",
        lambda: (
            models.Attendance.objects.filter(meeting=compiled.KEY)
            .order_by("position", "pk")
            .values_list("role", "person__name", "person_id")
        ),
        key=meeting.pk,
    ):
        attendance[ROLE_KEYS[role]].append(name)
        if links is not None:
            links.people.setdefault(name, person)
    if links is not None and head["chair__name"] is not None and head["chair_id"] is not None:
        links.people.setdefault(head["chair__name"], head["chair_id"])
    distribution: list[str] = []
    if head["minutes__id"] is not None:
        distribution = [
            recipient
            for (recipient,) in compiled.rows(
                "record:distribution",
                lambda: (
                    models.Distribution.objects.filter(minutes=compiled.KEY)
                    .order_by("position", "pk")
                    .values_list("recipient")
                ),
                key=head["minutes__id"],
            )
        ]
    head["minutes__warnings"] = _json(head["minutes__warnings"])
    head["minutes__spans"] = _json(head["minutes__spans"])

    items = tuple(_item(row, documents[row["pk"]], submitters[row["pk"]]) for row in item_rows)
    spans_raw: dict[str, Any] = head["minutes__spans"] or {}
    return Record(
        title=head["minutes__title"],
        issuer=head["minutes__issuer"],
        issued_on=head["minutes__issued_on"],
        number=head["minutes__number"],
        meeting=MeetingValue(
            body=head["body"],
            kind=head["series__kind"] or None,
            session=head["session"],
            date=head["date"],
            time_of_day=head["time_of_day"],
            chair=head["chair__name"],
            chair_post=head["chair_post"],
            location=head["location"],
        ),
        items=items,
        attendance=Attendance(**{key: tuple(attendance[key]) for key in ROLE_KEYS.values()}),
        distribution=tuple(distribution),
        warnings=tuple(head["minutes__warnings"] or ()),
        spans={path: (int(span[0]), int(span[1])) for path, span in spans_raw.items()},
    )


def _loaded_head(meeting: Meeting) -> dict[str, Any] | None:
    """HEAD_FIELDS from ``meeting`` itself when its minutes, series and chair came with
    it (select_related); None when any would cost a query."""
    cache = meeting._state.fields_cache
    if not {"minutes", "series"} <= cache.keys() or (
        meeting.chair_id is not None and "chair" not in cache
    ):
        return None
    minutes = cache["minutes"]
    chair = cache.get("chair")
    head: dict[str, Any] = {
        "series__kind": cache["series"].kind,
        "session": meeting.session,
        "date": meeting.date,
        "time_of_day": meeting.time_of_day,
        "chair__name": chair.name if chair is not None else None,
        "chair_post": meeting.chair_post,
        "body": meeting.body,
        "location": meeting.location,
        "chair_id": meeting.chair_id,
    }
    for name in ("title", "issuer", "issued_on", "number", "warnings", "spans", "id"):
        head[f"minutes__{name}"] = getattr(minutes, name) if minutes is not None else None
    return head


def _item(
    row: dict[str, Any], documents: list[tuple[str, str | None]], submitters: list[str]
) -> Item:
    outcome = row["decision__outcome"]
    return Item(
        number=row["number"],
        heading=row["heading"],
        action=ACTION_LABELS.get(row["action"], "其他"),
        submitters=tuple(submitters),
        documents=tuple(title for title, _ in documents),
        document_stages=tuple(stage for _, stage in documents),
        decision=DECISION_LABELS.get(outcome) if outcome else None,
        follow_up=row["decision__follow_up"],
        requirements=tuple(_json(row["decision__requirements"]) or ()),
        text=row["text"],
    )
