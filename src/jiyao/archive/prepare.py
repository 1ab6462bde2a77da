"""The pure half of an import: bytes → record and index text, no database involved.

Reading, parsing and segmenting a document need no database, so a large import runs
them in worker processes (``Importer(workers=N)``) while the main process resolves
names and writes rows. This module therefore imports no Django: a ``spawn``-ed worker
loads only the core (jiyao.minutes) and jieba.

:func:`search_text` is also what the index covers when a meeting is re-indexed after
an edit (jiyao.archive.search.reindex_meeting), so both paths index the same text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jiyao.archive import segment
from jiyao.minutes.errors import MinutesError
from jiyao.minutes.orgs import canonical
from jiyao.minutes.record import Record


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
    for label, names in (("出席", att.present), ("请假", att.absent), ("应邀出席", att.invited)):
        if names:
            lines.append(f"{label}：{' '.join(names)}")
    if att.observers:
        lines.append(f"列席：{' '.join(att.observers)}")
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
    """Read, parse and index one input: ``("ok", (record, source, index))`` or ``("failed", msg)``.

    ``job`` is (name, the input's bytes, whether ``name`` is a file to read by path —
    the path tells the reader that a .html file is a web page).
    """
    from jiyao.minutes.parse import parse
    from jiyao.minutes.read import read_bytes, read_path

    name, data, from_file = job
    try:
        src = read_path(name) if from_file else read_bytes(data, name=name)
        record = parse(src.text, name=name)
    except MinutesError as exc:
        return "failed", str(exc) or name
    source = {"filename": name, "kind": src.kind, "encoding": src.encoding, "text": src.text}
    return "ok", (record, source, index_fields(record))
