"""What an import reports: one typed outcome per document, and the batch's summary.

:class:`ImportResult` is a stored document's outcome (its ``status`` says how it was
stored); a document that could not be stored is an
:class:`~jiyao.archive.prepare.ImportFailure`, listed in :attr:`Summary.failed` with its
reason. `jiyao import`, the upload page and the background task all report a
:class:`Summary` (in Chinese: :mod:`jiyao.archive.report`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from jiyao.archive.prepare import ImportFailure

if TYPE_CHECKING:
    from jiyao.archive import rows
    from jiyao.archive.models import Meeting

PUBLIC = "public"
INTERNAL = "internal"
VISIBILITIES = (PUBLIC, INTERNAL)
#: parser_version stored for records imported as records (not parsed by us).
RECORD_VERSION = "record"
#: An earlier import of the same bytes: (source id, parser version, id of the meeting
#: whose primary source it is[, id of the meeting it belongs to]).
Existing = tuple[int, str, int | None] | tuple[int, str, int | None, int | None]


@dataclass(frozen=True)
class ImportResult:
    """One document's outcome. ``status``: imported (a new meeting), joined (another copy
    of a stored meeting), updated (rewritten by a newer parser), kept (a newer parser read
    a corrected meeting, which was kept), unchanged. ``flags``: the review flags raised."""

    status: str
    meeting_id: int
    name: str = ""
    flags: tuple[str, ...] = ()

    @cached_property
    def meeting(self) -> Meeting:
        """The stored meeting, read when first asked for (a large import asks for none)."""
        from jiyao.archive.models import Meeting

        return Meeting.objects.get(pk=self.meeting_id)


@dataclass
class Summary:
    imported: int = 0
    joined: int = 0
    updated: int = 0
    kept: int = 0
    unchanged: int = 0
    #: Documents that raised a review flag (placeholder government, disagreement, …).
    flagged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    results: list[ImportResult] = field(default_factory=list)

    def add(self, result: ImportResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.flagged += bool(result.flags)

    @property
    def total(self) -> int:
        stored = self.imported + self.joined + self.updated + self.kept + self.unchanged
        return stored + len(self.failed)


def _result(plan: rows.Plan) -> ImportResult:
    flags = tuple(kind for kind, _ in plan.flags)
    return ImportResult(plan.status, _meeting_id(plan.meeting_id), plan.name, flags)


def _meeting_id(pk: int | None) -> int:
    """The id of a stored meeting (every stored document has one)."""
    if pk is None:
        raise ImportFailure("已存的文件没有对应的会议，请重新导入")
    return pk
