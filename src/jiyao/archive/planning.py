"""Row planning: one parsed document → a :class:`jiyao.archive.rows.Plan` of values.

Which government held the meeting: ``government=`` when given (``--government``), else
the core's inference (jiyao.minutes.orgs.government_of_record: issuer, a place written
with 政府, the place titles and units share, the source line, a web page's site name
and title, the folder); when nothing
names it, the batch's placeholder government (待定政府（batch）), flagged for review.

Which meeting it is (jiyao.archive.identity): a document naming a stored meeting's
series and session (or date) joins it as another source; a newer parser's reading of
a meeting a person corrected keeps the correction (``kept``). Otherwise a new meeting
(``imported``) or its rows rewritten in place (``updated``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from jiyao.archive import identity, rows
from jiyao.archive.names import Names
from jiyao.archive.outcome import PUBLIC, Existing, _meeting_id
from jiyao.archive.prepare import Derived, ImportFailure, derive
from jiyao.minutes.orgs import government_of, government_of_record
from jiyao.minutes.record import ACTION_CODES, ATTENDANCE_CODES, DECISION_CODES, Record

_ROLE_OF = ATTENDANCE_CODES  # the record's attendance field → Attendance.role


@dataclass
class _Entry:
    """One parsed document waiting to be written."""

    record: Record
    source: dict[str, Any]
    data: bytes
    digest: str
    version: str
    existing: Existing | None
    name: str
    derived: Derived | None = None
    #: (government name, placeholder?) once known (Importer._government_of).
    government: tuple[str, bool] | None = None
    #: Made by the importer from a file or record it was given (not by a caller storing
    #: a meeting's own minutes, jiyao.archive.held): a re-read by a newer parser then
    #: keeps what people corrected.
    reread: bool = False


def government_name(
    record: Record,
    given: str | None = None,
    text: str = "",
    path: str = "",
    *,
    page_title: str | None = None,
    site_name: str | None = None,
) -> str | None:
    """The government whose meeting this is, or None when nothing names it.

    ``given`` (``--government``) wins; else jiyao.minutes.orgs.government_of_record reads
    the issuer, a place written with 政府, the place the titles and units share, the source
    line, a web page's site name and title, and last the folder of ``path``. Never a name
    with digits, marks, 次 or 了.
    """
    if given and given.strip():
        return given_government(given)
    folder = os.path.dirname(path) if path and path != "-" and os.sep in path else None
    guess = government_of_record(
        record, text, folder=folder, page_title=page_title, site_name=site_name
    )
    return guess.name if guess is not None else None


def given_government(given: str) -> str:
    """A government named by the user (象山县, 象山县政府, 象山县人民政府) as stored
    (象山县人民政府); :class:`ImportFailure` for a name no government has."""
    name = government_of(re.sub(r"\s+", "", given))
    if name is None:
        raise ImportFailure(
            f"--government {given}: 不是有效的政府名称（应为 象山县 或 象山县人民政府 这样的地名）"
        )
    return name


def not_minutes(record: Record) -> bool:
    """A text that is not minutes: no kind of meeting, no date and no item (the parser's
    own "这段文字不像会议纪要")."""
    return not record.items and record.meeting.kind is None and record.meeting.date is None


class Planning(Names):
    """Turns entries into plans; the importer's options it reads are set by Importer."""

    government: str | None
    visibility: str | None
    force: bool
    batch: str

    def _plan(self, entry: _Entry) -> rows.Plan:
        """Resolve names to ids (creating what is new) and lay out the rows as values."""
        from jiyao.archive import models as m

        record, source, name, existing = entry.record, entry.source, entry.name, entry.existing
        derived = entry.derived
        if derived is None:
            derived = derive(record, name)  # checks the values too
        if "\x00" in source["text"]:
            raise ImportFailure(f"{name}: 文字中含有 NUL 字符，拒绝导入")
        if not self.force and not_minutes(record):
            raise ImportFailure(f"{name}: 这份文件不是会议纪要，未导入（确需导入请加 --force）")
        mt = record.meeting
        gov_name, placeholder = self._government_of(entry)
        gov_id = self._government(gov_name)
        series_id = self._series_id(gov_id, record.meeting.kind or "")
        flags: list[tuple[str, str]] = []
        if placeholder:
            flags.append(
                (
                    "placeholder",
                    f"{name}：纪要未写明是哪级政府的会议，暂归入“{gov_name}”，请核实",
                )
            )
        # Under a placeholder the government is unknown: two documents there may be two
        # governments' meetings of the same session and date, so none is joined.
        key = None if placeholder else identity.meeting_key(mt.session, mt.date)
        fresh = existing is None or existing[2] is None
        if existing is not None and existing[2] is None:
            # Known bytes that are no meeting's primary source (a copy read by another
            # parser, or a source left without its meeting): start over.
            m.SourceDocument.objects.filter(pk=existing[0]).delete()
            existing = None
        if fresh and key is not None:
            match = self._meetings.find(series_id, key)
            if match is not None:
                return self._join(entry, derived, match, flags)
        if (
            entry.reread
            and existing is not None
            and existing[2] is not None
            and self._is_corrected(existing[2])
        ):
            return self._keep(entry, existing, flags)
        names = [n for role in _ROLE_OF for n in getattr(record.attendance, role)]
        if record.meeting.chair:
            names.append(record.meeting.chair)
        people = self._people_ids(gov_id, names)
        written = [s for item in record.items for s in item.submitters]
        departments = self._department_ids(gov_id, gov_name, written)
        recipients = self._known_org_ids(gov_id, record.distribution)

        if record.warnings:
            doubts = "；".join(w.removeprefix(f"{name}: ") for w in record.warnings)
            flags.append(("warnings", f"{name}：{doubts}"[:1000]))
        plan = rows.Plan(name=name, flags=flags)
        if fresh and key is not None:
            self._meetings.remember(series_id, key, plan)
        visibility = self.visibility or PUBLIC
        if existing is not None and existing[2] is not None:
            # A newer parser read these bytes: rewrite the rows, keep the ids (and the
            # visibility, unless this import sets one).
            plan.status = "updated"
            plan.source_id, plan.meeting_id = existing[0], existing[2]
            plan.minutes_id, stored = (
                m.Minutes.objects.filter(meeting_id=existing[2])
                .values_list("pk", "visibility")
                .get()
            )
            visibility = self.visibility or stored
        plan.source = self._source_row(entry)
        plan.signature = identity.signature(record)
        chair_id = people.get(mt.chair) if mt.chair else None
        plan.meeting = (
            series_id,
            mt.session,
            mt.date,
            mt.time_of_day,
            chair_id,
            mt.body,
            mt.location,
            mt.chair_post,
        )
        plan.minutes = (
            record.title,
            record.issuer,
            record.issued_on,
            record.number,
            visibility,
            rows.JSONText(derived.warnings_json),
            rows.JSONText(derived.spans_json),  # path → [start, end]
        )
        for i, item in enumerate(record.items):
            action = ACTION_CODES.get(item.action, "other")
            plan.items.append((i, item.number, item.heading, action, item.text))
            outcome = DECISION_CODES.get(item.decision) if item.decision else None
            requirements = rows.JSONText(derived.requirements_json[i])
            plan.decisions.append((i, outcome, item.follow_up, requirements))
            for pos, (title, stage) in enumerate(
                zip(item.documents, item.document_stages, strict=True)
            ):
                plan.documents.append((i, title, stage, pos))
            for pos, written_name in enumerate(item.submitters):
                plan.submitters.append((i, departments.get(written_name), written_name, pos))
        position = 0
        for key, role in _ROLE_OF.items():
            for person_name in getattr(record.attendance, key):
                plan.attendance.append((people[person_name], role, position))
                position += 1
        for pos, recipient in enumerate(record.distribution):
            plan.distribution.append((recipient, recipients.get(recipient), pos))
        plan.search = (derived.words, derived.plain, gov_id, mt.date, visibility == PUBLIC)
        return plan

    def _government_of(self, entry: _Entry) -> tuple[str, bool]:
        """(the government's name, whether it is the batch's placeholder); see
        :func:`government_name`. Computed once per entry (the batch preload asks too)."""
        if entry.government is None:
            source = entry.source
            found = government_name(
                entry.record,
                self.government,
                source["text"],
                entry.name,
                page_title=source.get("page_title"),
                site_name=source.get("site_name"),
            )
            entry.government = (found, False) if found else (self.placeholder, True)
        return entry.government

    @property
    def placeholder(self) -> str:
        """The government of minutes that name none: one per batch, flagged for review."""
        return f"待定政府（{self.batch}）"

    def _join(
        self, entry: _Entry, derived: Derived, match: Any, flags: list[tuple[str, str]]
    ) -> rows.Plan:
        """A copy of a meeting already stored (or planned in this batch): its own source
        row and spans, a flag when its items or decisions disagree (identity module)."""
        plan = rows.Plan(name=entry.name, status="joined", joins=match, flags=flags)
        if isinstance(match, rows.Plan):
            first = match.signature
        else:
            first = identity.stored_signature(match)
        differs = identity.difference(first, identity.signature(entry.record))
        if differs:
            flags.append(("disagrees", f"{entry.name}：与已存的同一会议纪要不一致（{differs}）"))
        plan.source = self._source_row(entry)
        plan.minutes = (None,) * 6 + (rows.JSONText(derived.spans_json),)
        return plan

    def _keep(self, entry: _Entry, existing: Existing, flags: list[tuple[str, str]]) -> rows.Plan:
        """A newer parser read a meeting a person corrected: keep the meeting as it is,
        note the new version, and flag where the new reading disagrees."""
        meeting_id = _meeting_id(existing[2])
        plan = rows.Plan(name=entry.name, status="kept", flags=flags)
        plan.source_id, plan.meeting_id = existing[0], meeting_id
        plan.source = self._source_row(entry)
        differs = identity.difference(
            identity.stored_signature(meeting_id), identity.signature(entry.record)
        )
        flags.append(
            (
                "correction_kept",
                f"{entry.name}：新版解析器（{entry.version}）重新读取，已保留人工更正"
                + (f"；新读取结果与更正不一致：{differs}" if differs else ""),
            )
        )
        return plan

    def _is_corrected(self, meeting_id: int) -> bool:
        return identity.corrected(meeting_id)

    @staticmethod
    def _source_row(entry: _Entry) -> tuple[Any, ...]:
        source = entry.source
        return (
            source["filename"],
            source["kind"],
            source["encoding"],
            entry.data,
            source["text"],
            entry.version,
            entry.digest,
        )
