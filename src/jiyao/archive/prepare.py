"""The pure half of an import: bytes → record and index text, no database involved.

Reading, parsing and segmenting a document need no database, so a large import runs
them in worker processes (``Importer(workers=N)``) while the main process resolves
names and writes rows. This module therefore imports no Django: a ``spawn``-ed worker
loads only the core (jiyao.minutes) and jieba.

:func:`search_text` is also what the index covers when a meeting is re-indexed after
an edit (jiyao.archive.search.reindex_meeting), so both paths index the same text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from jiyao.archive import segment
from jiyao.minutes.errors import MinutesError
from jiyao.minutes.orgs import canonical
from jiyao.minutes.record import ATTENDANCE_FIELDS, ATTENDANCE_LABELS, Record

if TYPE_CHECKING:
    from jiyao.minutes.read import Source


class ImportFailure(MinutesError):
    """A document that cannot be stored; the message names it and says why."""


#: Largest value an integer column holds on every database.
_MAX_INT = 2**31 - 1


class Derived(NamedTuple):
    """What the rows of a record need besides the record: its index text and JSON columns.

    Made with the record (in a worker process for large imports), so the writing process
    only resolves names and inserts.
    """

    plain: str
    words: str
    spans_json: str
    warnings_json: str
    #: One JSON list per item.
    requirements_json: tuple[str, ...]


def derive(record: Record, name: str) -> Derived:
    """Check that the tables can hold ``record`` (:class:`ImportFailure` naming the field
    if not) and make its :class:`Derived` values."""
    _validate(record, name)
    plain, words = index_fields(record)
    return Derived(
        plain,
        words,
        _json(dict(record.spans)),
        _json(list(record.warnings)),
        tuple(_json(list(item.requirements)) for item in record.items),
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def search_text(record: Record, *, departments_full: Iterable[str] = ()) -> str:
    """The text the search index covers: titles, items, documents, decisions, names.

    Each value once: an item's heading, documents, submitters, decision and requirements
    only when its text does not already contain them.

    Full names of the submitting departments are added, so 发展和改革局 finds minutes
    that wrote 县发改局. One value per line (snippets are cut from this text).
    """
    lines: list[str | None] = [record.title, record.number, record.issuer]
    m = record.meeting
    lines.append(" ".join(v for v in (m.body, m.kind, m.time_of_day, m.location) if v))
    if m.chair:
        lines.append(f"主持：{m.chair}")
    for item in record.items:
        # The item's values, then its text; a value the text already holds word for word
        # is not repeated (a third of the index, and of the time to build it).
        values: list[str | None] = [item.heading, *(f"《{d}》" for d in item.documents)]
        values.append("、".join(item.submitters))
        if item.decision or item.follow_up:
            values.append("".join(v for v in (item.decision, item.follow_up) if v))
        values.extend(item.requirements)
        lines.extend(v for v in values if v and v not in item.text)
        lines.append(item.text)
    att = record.attendance
    for code, label in ATTENDANCE_LABELS.items():
        names = getattr(att, ATTENDANCE_FIELDS[code])
        if names:
            lines.append(f"{label}：{' '.join(names)}")
    if record.distribution:
        lines.append("分送：" + "，".join(record.distribution))
    extra = sorted(set(departments_full) - {s for i in record.items for s in i.submitters})
    if extra:
        lines.append("、".join(extra))
    return "\n".join(line for line in lines if line).replace("\x00", "")


def index_fields(record: Record) -> tuple[str, str]:
    """(plain text, segmented words) of a record for its search entry."""
    written = [s for item in record.items for s in item.submitters]
    plain = search_text(record, departments_full=[canonical(s) for s in written])
    return plain, segment.index_words(plain)


def prepare(job: tuple[str, bytes, bool]) -> tuple[str, Any]:
    """Read, parse and derive one input: ``("ok", (record, source, derived))`` or
    ``("failed", msg)``.

    ``job`` is (name, the input's bytes, whether ``name`` is a file to read by path —
    the path tells the reader that a .html file is a web page).
    """
    from jiyao.minutes.parse import parse
    from jiyao.minutes.read import read_bytes, read_path

    name, data, from_file = job
    try:
        src = read_path(name) if from_file else read_bytes(data, name=name)
        check_kind(name, src.kind)
        record = parse(src.text, name=name)
        derived = derive(record, name)
    except MinutesError as exc:
        return "failed", str(exc) or name
    source = source_fields(name, src)
    return "ok", (record, source, derived)


def source_fields(name: str, src: Source) -> dict[str, Any]:
    """What the importer keeps of a read input: the source row's values, and the page's
    title and site name (signals of which government held the meeting, not stored)."""
    return {
        "filename": name,
        "kind": src.kind,
        "encoding": src.encoding,
        "text": src.text,
        "page_title": src.page_title,
        "site_name": src.site_name,
    }


#: What a file's extension promises → the kinds the reader may find in it.
_PROMISED = {".docx": ("docx", "不是有效的 Word 文件"), ".pdf": ("pdf", "不是有效的 PDF 文件")}
_KIND_NAMES = {"txt": "纯文本", "html": "网页", "docx": "Word 文件", "pdf": "PDF 文件"}


def check_kind(name: str, kind: str) -> None:
    """Refuse a file whose content is not what its extension says (a .docx that reads as
    text is a broken or renamed file, not minutes to parse as text)."""
    dot = name.rfind(".")
    promised = _PROMISED.get(name[dot:].lower()) if dot >= 0 else None
    if promised is not None and kind != promised[0]:
        found = _KIND_NAMES.get(kind, kind)
        raise ImportFailure(f"{name}: {promised[1]}（内容是{found}），未导入")


def _validate(record: Record, name: str) -> None:
    """Refuse values the tables cannot hold, naming the field (never a database error)."""
    if record.meeting.session is not None and not 0 <= record.meeting.session <= _MAX_INT:
        raise ImportFailure(f"{name}: meeting.session {record.meeting.session} 超出范围")
    for i, item in enumerate(record.items):
        if not 0 <= item.number <= _MAX_INT:
            raise ImportFailure(f"{name}: items[{i}].number {item.number} 超出范围")
        if len(item.document_stages) != len(item.documents):
            raise ImportFailure(f"{name}: items[{i}]：document_stages 与 documents 不一致")
    if any("\x00" in value for value in _strings(record)):
        raise ImportFailure(f"{name}: 有值含有 NUL 字符，拒绝导入")


def _strings(record: Record) -> Iterable[str]:
    m = record.meeting
    values: list[str | None] = [record.title, record.issuer, record.number]
    values += [m.body, m.kind, m.time_of_day, m.chair, m.chair_post, m.location]
    for item in record.items:
        values += [item.heading, item.text, item.follow_up, *item.submitters, *item.documents]
        values += [*item.document_stages, *item.requirements]
    att = record.attendance
    values += [*att.present, *att.absent, *att.invited, *att.observers, *record.distribution]
    values += record.warnings
    return (v for v in values if v)
