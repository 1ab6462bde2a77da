"""Record → rows: the one place where minutes become archive rows.

An import is keyed by the sha256 of the original bytes (``SourceDocument.content_hash``):

- a new hash → the text is parsed and a new meeting stored (``imported``);
- a known hash read by the same ``PARSER_VERSION`` → nothing is done (``unchanged``),
  except a visibility asked for (``visibility=``, ``--visibility``) that differs from the
  stored one: it is set, on the minutes and their search entry (``updated``);
- a known hash read by another parser version → parsed again and the rows of that
  meeting rewritten in place, keeping the meeting's id (``updated``).

A failure stores nothing of the document it concerns, and the others go on. One
document alone is written in one transaction (``transaction.atomic``). ``import_many``
(what `jiyao import` uses) writes up to ``batch_size`` new documents in one transaction
with one INSERT batch per table (:mod:`jiyao.archive.rows`); if anything in the batch
fails, the batch is rolled back and every document of it is written again in its own
transaction, so the failing one is reported and stored nothing, and the rest go in.

A document whose bytes are new may still be a meeting stored before — the same minutes
in another format, encoding or typesetting: it joins that meeting as another source
(``joined``), and a newer parser never overwrites a meeting a person corrected
(``kept``). The rules are in :mod:`jiyao.archive.planning` (row planning, government
inference, identity) and :mod:`jiyao.archive.identity`; names are resolved to ids by
:mod:`jiyao.archive.names`; the outcome types are :mod:`jiyao.archive.outcome`.

Speed (the archive benchmark asks for ≥ 500 documents/s): reading, parsing and
segmenting (:mod:`jiyao.archive.prepare`) can run in worker processes, the next batch
while this one is written; organizations, people, series and meetings a batch meets
are cached in memory (:class:`jiyao.archive.names.Names`). Imports do not write
django-simple-history rows (history records *corrections*).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import transaction

from jiyao.archive import prerender, rows
from jiyao.archive.outcome import (
    INTERNAL,
    PUBLIC,
    RECORD_VERSION,
    VISIBILITIES,
    Existing,
    ImportResult,
    Summary,
    _meeting_id,
    _result,
)
from jiyao.archive.planning import (
    Planning,
    _Entry,
    given_government,
    government_name,
    not_minutes,
)
from jiyao.archive.prepare import ImportFailure, check_kind, prepare, source_fields
from jiyao.minutes.errors import MinutesError

if TYPE_CHECKING:
    from jiyao.minutes.read import Source
    from jiyao.minutes.record import Record

__all__ = [
    "INTERNAL",
    "PUBLIC",
    "RECORD_VERSION",
    "VISIBILITIES",
    "ImportFailure",
    "ImportResult",
    "Importer",
    "Input",
    "Summary",
    "content_hash",
    "default_workers",
    "given_government",
    "government_name",
    "import_record",
    "not_minutes",
    "parser_version",
    "set_visibility",
]


#: New documents after which an import refreshes the database's statistics.
STATISTICS_AFTER = 200


def refresh_statistics() -> None:
    """Tell the database's planner what a large import changed.

    PostgreSQL plans from table statistics that only ANALYZE (or autovacuum, much later)
    gathers: after a bulk load it believed a meeting had a thousand agenda items and
    chose scans that cost a meeting page 40 ms of the database's time instead of 2. On
    SQLite, ``PRAGMA optimize`` does what is worth doing.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = [
                model._meta.db_table
                for model in apps.get_app_config("archive").get_models()
                if not model._meta.db_table.startswith("archive_historical")
            ]
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")


@dataclass(frozen=True)
class Input:
    """One thing to import: a file path, ``-`` (stdin), bytes, or a ready record.

    ``record`` with ``text``: stored as given (its spans index ``text``); otherwise the
    bytes (``data``, else read from ``name``) are read and parsed.
    """

    name: str
    data: bytes | None = None
    record: Record | None = None
    text: str | None = None

    def load(self) -> bytes:
        if self.data is not None:
            return self.data
        if self.record is not None:
            return (self.text or "").encode("utf-8")
        from jiyao.minutes.read import MAX_BYTES

        if self.name == "-":
            import sys

            return sys.stdin.buffer.read(MAX_BYTES + 1)
        try:
            with open(self.name, "rb") as fh:
                return fh.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise ImportFailure(f"{self.name}: 找不到该文件") from None
        except IsADirectoryError:
            raise ImportFailure(f"{self.name}: 是文件夹，不是文件") from None
        except OSError as exc:
            from jiyao.minutes.errors import os_reason

            raise ImportFailure(f"{self.name}: 无法读取该文件（{os_reason(exc)}）") from None

    def source(self, data: bytes) -> Source:
        from jiyao.minutes.read import read_bytes, read_path

        if self.data is not None or self.name == "-":
            return read_bytes(data, name=self.name)
        return read_path(self.name)


def default_workers() -> int:
    """Worker processes for a large import: one per core but one, at most 4, at least 1.

    The writing process is the import's bottleneck and needs a core of its own: on 2
    cores, 100,000 generated minutes imported at 614 documents/s with one worker and 583
    with two (bench/archive_bench.py)."""
    return max(1, min(4, (os.cpu_count() or 1) - 1))


def parser_version() -> str:
    from jiyao.minutes.parse import PARSER_VERSION

    return str(PARSER_VERSION)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Importer(Planning):
    """Imports documents one transaction each, caching lookups across a batch."""

    def __init__(
        self,
        *,
        government: str | None = None,
        visibility: str | None = None,
        workers: int = 0,
        batch: str | None = None,
        force: bool = False,
    ) -> None:
        """``workers`` > 0: read, parse and segment in that many processes (large imports).

        ``batch``: what the placeholder government of minutes naming none is called after
        (default: the date and time of the import). ``force``: import a text that does
        not read as minutes too (:func:`not_minutes`).

        ``visibility``: what the imported minutes get, new and already stored ones alike;
        None (the default) makes new minutes public and leaves stored ones as they are
        (a correction made in the admin survives a re-import).
        """
        if visibility is not None and visibility not in VISIBILITIES:
            raise ValueError(f"visibility must be one of {VISIBILITIES}, not {visibility!r}")
        self.government = given_government(government) if government else None
        self.visibility = visibility
        self.force = force
        if batch is None:
            from django.utils import timezone

            batch = timezone.localtime().strftime("%Y年%m月%d日%H时%M分导入")
        self.batch = batch
        self.workers = workers
        super().__init__()
        self._pool: Any = None
        self._seen: dict[str, int | None] = {}

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Importer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _prepare_all(self, jobs: list[tuple[str, bytes, bool]]) -> Any:
        """Start reading and parsing ``jobs``; returns a callable giving the results.

        With workers, the jobs run while the caller writes the previous batch.
        """
        if self.workers <= 0 or len(jobs) < 2 * self.workers:
            done = [prepare(job) for job in jobs]
            return lambda: done
        if self._pool is None:
            import multiprocessing

            # spawn: the workers import only the core (prepare.py), never a live
            # database connection of this process.
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(self.workers)
        pending = self._pool.map_async(prepare, jobs, chunksize=8)
        return pending.get

    # -- entry points -----------------------------------------------------------------

    def import_path(self, path: str) -> ImportResult:
        """Read, parse and store the file at ``path``."""
        from jiyao.minutes.read import read_path

        source = read_path(path)
        data = _source_bytes(path, source)
        return self._import(data, path, lambda: source)

    def import_record(
        self,
        record: Record,
        *,
        text: str,
        original: bytes | None = None,
        filename: str = "record.txt",
        kind: str = "txt",
        encoding: str | None = "utf-8",
        version: str = RECORD_VERSION,
    ) -> ImportResult:
        """Store a record made elsewhere (its spans index ``text``); same rules as a file."""
        data = original if original is not None else text.encode("utf-8")
        digest = content_hash(data)
        existing = _existing(digest)
        if _unchanged(existing, version):
            return self._known(_meeting_id(existing[-1]), filename)
        source = {"filename": filename, "kind": kind, "encoding": encoding, "text": text}
        return self._store(
            _Entry(record, source, data, digest, version, existing, filename, reread=True)
        )

    def import_many(
        self,
        inputs: Iterable[Input],
        *,
        batch_size: int = 200,
        progress: Any = None,
    ) -> Summary:
        """Import many inputs, ``batch_size`` new documents per transaction (see _store_batch).

        ``progress`` (e.g. a tqdm bar) gets ``update(1)`` per input.
        """
        summary = Summary()
        self._seen: dict[str, int | None] = {}  # digest → meeting, stored by this call
        chunk: list[Input] = []
        pending: dict[str, Any] | None = None
        for item in inputs:
            chunk.append(item)
            if len(chunk) >= batch_size:
                # Pipeline: the next batch is read and parsed while this one is written.
                started = self._start_chunk(chunk)
                if pending is not None:
                    self._finish_chunk(pending, summary, progress)
                pending, chunk = started, []
        if chunk:
            started = self._start_chunk(chunk)
            if pending is not None:
                self._finish_chunk(pending, summary, progress)
            pending = started
        if pending is not None:
            self._finish_chunk(pending, summary, progress)
        if summary.imported + summary.joined >= STATISTICS_AFTER:
            refresh_statistics()
        # New and changed minutes are typeset in the background, before the first download.
        prerender.schedule(
            r.meeting_id for r in summary.results if r.status in ("imported", "joined", "updated")
        )
        return summary

    def _start_chunk(self, chunk: list[Input]) -> dict[str, Any]:
        """Load, hash, look up and start parsing the inputs of one batch."""
        from jiyao.archive.models import SourceDocument

        outcome: list[Any] = []  # per input: a failure, _Known, _Same, an _Entry, or "" (parsing)
        loaded: list[tuple[Input, bytes, str]] = []
        for item in chunk:
            try:
                data = item.load()
            except MinutesError as exc:
                outcome.append(_failure(exc, item.name))
                continue
            loaded.append((item, data, content_hash(data)))
            outcome.append("")
        known = {
            row[0]: (row[1], row[2], row[3], row[3] or row[4])
            for row in SourceDocument.objects.filter(
                content_hash__in={d for _, _, d in loaded}
            ).values_list(
                "content_hash", "pk", "parser_version", "minutes__meeting_id", "meeting_id"
            )
        }
        version = None
        first: dict[str, int] = {}  # digest → the slot of its first input in this chunk
        jobs: list[tuple[int, Input, bytes, str, str, Any]] = []
        slots = [i for i, o in enumerate(outcome) if o == ""]
        for slot, (item, data, digest) in zip(slots, loaded, strict=True):
            existing = known.get(digest)
            if item.record is not None:
                want = RECORD_VERSION
            else:
                version = version or parser_version()
                want = version
            if _unchanged(existing, want):
                outcome[slot] = _Known(_meeting_id(existing[-1]))
                continue
            if digest in first:
                outcome[slot] = _Same(first[digest])  # the same bytes twice in this batch
                continue
            first[digest] = slot
            if item.record is not None:
                source = {"filename": item.name, "kind": "txt", "encoding": "utf-8"}
                source["text"] = item.text or ""
                outcome[slot] = _Entry(
                    item.record, source, data, digest, want, existing, item.name, reread=True
                )
            else:
                jobs.append((slot, item, data, digest, want, existing))
        prepared = self._prepare_all(
            [
                (item.name, data, item.data is None and item.name != "-")
                for _, item, data, *_ in jobs
            ]
        )
        return {"chunk": chunk, "outcome": outcome, "jobs": jobs, "prepared": prepared}

    def _finish_chunk(self, state: dict[str, Any], summary: Summary, progress: Any) -> None:
        """Collect the parsed documents of one batch, write them, count the results."""
        chunk, outcome, jobs = state["chunk"], state["outcome"], state["jobs"]
        for (slot, item, data, digest, want, existing), (status, value) in zip(
            jobs, state["prepared"](), strict=True
        ):
            if status != "ok":
                outcome[slot] = ImportFailure(value)
                continue
            record, source, derived = value
            outcome[slot] = _Entry(
                record, source, data, digest, want, existing, item.name, derived, reread=True
            )
        for slot, o in enumerate(outcome):
            if isinstance(o, _Entry) and o.digest in self._seen:  # stored by an earlier batch
                outcome[slot] = _Known(_meeting_id(self._seen[o.digest]))
        entries = [o for o in outcome if isinstance(o, _Entry)]
        stored = dict(zip(map(id, entries), self._store_batch(entries), strict=True))
        for e in entries:
            done = stored[id(e)]
            if isinstance(done, ImportResult):
                self._seen[e.digest] = done.meeting_id
        resolved: list[ImportResult | ImportFailure] = []
        for item, o in zip(chunk, outcome, strict=True):
            if isinstance(o, _Known):
                o = self._known(o.meeting_id, item.name)
            elif isinstance(o, _Same):
                done = resolved[o.slot]
                o = (
                    ImportResult("unchanged", done.meeting_id, item.name)
                    if isinstance(done, ImportResult)
                    else done
                )
            elif isinstance(o, _Entry):
                o = stored[id(o)]
            resolved.append(o)
            if isinstance(o, ImportResult):
                summary.add(o)
                summary.results.append(o)
            else:
                assert isinstance(o, ImportFailure)
                summary.failed.append((item.name, _reason(o, item.name)))
            if progress is not None:
                progress.update(1)

    # -- the work ---------------------------------------------------------------------

    def _import(self, data: bytes, name: str, read: Any) -> ImportResult:
        digest = content_hash(data)
        version = parser_version()
        existing = _existing(digest)
        if _unchanged(existing, version):
            return self._known(_meeting_id(existing[-1]), name)
        from jiyao.minutes.parse import parse

        source = read()
        check_kind(name, source.kind)
        record = parse(source.text, name=name)
        fields = source_fields(name, source)
        return self._store(
            _Entry(record, fields, data, digest, version, existing, name, reread=True)
        )

    def _known(self, meeting_id: int, name: str) -> ImportResult:
        """Bytes stored before and read by this parser: ``unchanged``, unless this import
        asks for another visibility than the stored one (then set: ``updated``)."""
        if self.visibility is not None and set_visibility(meeting_id, self.visibility):
            return ImportResult("updated", meeting_id, name)
        return ImportResult("unchanged", meeting_id, name)

    def _store(self, entry: _Entry) -> ImportResult:
        """Write one document in its own transaction."""
        self._rollback_cache()
        try:
            with transaction.atomic():
                plan = self._plan(entry)
                rows.write([plan])
        except BaseException:
            self._rollback_cache()
            raise
        self._commit_cache()
        return _result(plan)

    def _store_batch(self, entries: list[_Entry]) -> list[ImportResult | ImportFailure]:
        """Write several new documents in one transaction (the bulk path).

        Every entry goes through the same planning as a single import; the rows of all
        of them are then inserted with one statement per table (jiyao.archive.rows). If
        anything fails,
        the whole batch is rolled back and each document is stored again on its own, so
        a failure still stores nothing of *that* document and the others go in.
        """
        new = [e for e in entries if e.existing is None]
        results: dict[int, ImportResult | ImportFailure] = {}
        if len(new) > 1:
            self._preload({self._government_of(e)[0] for e in new})
            self._rollback_cache()
            try:
                with transaction.atomic():
                    plans = [self._plan(e) for e in new]
                    rows.write(plans)
            except Exception:
                self._rollback_cache()
                # One document at a time now, each looking its unknown names up again:
                # the batch may have failed on a name another writer added.
                self._loaded.clear()
            else:
                self._commit_cache()
                for e, plan in zip(new, plans, strict=True):
                    results[id(e)] = _result(plan)
        for e in entries:
            if id(e) in results:
                continue
            try:
                results[id(e)] = self._store(e)
            except MinutesError as exc:
                results[id(e)] = exc if isinstance(exc, ImportFailure) else ImportFailure(str(exc))
            except Exception as exc:  # a database error names no input: add the name
                results[id(e)] = ImportFailure(f"{e.name}: 无法存入数据库（{exc}）")
        return [results[id(e)] for e in entries]


# -- helpers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Known:
    """A batch slot whose bytes are stored already (read by this parser version)."""

    meeting_id: int


@dataclass(frozen=True)
class _Same:
    """A batch slot whose bytes an earlier slot of the same batch holds."""

    slot: int


def _failure(exc: BaseException, name: str) -> ImportFailure:
    return exc if isinstance(exc, ImportFailure) else ImportFailure(str(exc) or name)


def _reason(exc: BaseException, name: str) -> str:
    """The reason part of a failure message (messages start with the input's name)."""
    text = str(exc)
    for prefix in (f"{name}: ", "<stdin>: "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def _existing(digest: str) -> Existing | None:
    """(source id, parser version, meeting id whose primary source it is, meeting id it
    belongs to) of an earlier import of these bytes."""
    from jiyao.archive.models import SourceDocument

    row = (
        SourceDocument.objects.filter(content_hash=digest)
        .values_list("pk", "parser_version", "minutes__meeting_id", "meeting_id")
        .first()
    )
    return (row[0], row[1], row[2], row[2] or row[3]) if row is not None else None


def _unchanged(existing: Existing | None, version: str) -> bool:
    """Known bytes read by this parser version, whose meeting still exists: nothing to do.

    (A source whose meeting was deleted is imported afresh.)"""
    return existing is not None and existing[1] == version and existing[-1] is not None


def set_visibility(meeting_id: int, visibility: str) -> bool:
    """Set the visibility of a meeting's minutes and its search entry's ``public`` copy in
    one transaction; True when it changed. (A bulk update sends no signal: both here.)"""
    from jiyao.archive.models import Minutes, SearchEntry

    with transaction.atomic():
        changed = (
            Minutes.objects.filter(meeting_id=meeting_id)
            .exclude(visibility=visibility)
            .update(visibility=visibility)
        )
        if changed:
            SearchEntry.objects.filter(meeting_id=meeting_id).update(public=visibility == PUBLIC)
    return bool(changed)


def _source_bytes(path: str, source: Source) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return source.original.encode("utf-8")


# -- module-level API -----------------------------------------------------------------------


def import_record(
    record: Record,
    *,
    text: str,
    original: bytes | None = None,
    filename: str = "record.txt",
    government: str | None = None,
    visibility: str | None = None,
) -> ImportResult:
    """Store a record whose spans index ``text`` (the record → rows step on its own)."""
    importer = Importer(government=government, visibility=visibility)
    return importer.import_record(record, text=text, original=original, filename=filename)
