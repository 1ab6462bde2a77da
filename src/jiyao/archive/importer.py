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

Speed (the archive benchmark asks for ≥ 500 documents/s): reading, parsing and
segmenting (:mod:`jiyao.archive.prepare`) can run in worker processes, the next batch
while this one is written; the organizations, people and series a batch meets are
cached in memory by an :class:`Importer`. The cache only learns from committed work:
what a document creates is held aside and merged after its transaction succeeds, so a
rolled-back document never leaves a stale id behind (:class:`_Cache`). Before a batch,
the names of the governments it meets are read once, outside its transaction
(``Importer._preload``): after that, a name the cache does not know is taken as new and
costs no lookup. A person or department another writer created meanwhile is found by
the insert itself (conflicts ignored, ids read back); an alias added in the admin while
a long import runs is seen by the next import, not by this one. Imports do not write django-simple-history rows (history records
*corrections*, made in the admin).

Which government held the meeting: ``government=`` when given (``--government``),
else the place named by the issuer or title (象山县人民政府办公室 → 象山县人民政府),
else the import fails with a reason asking for ``--government``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.db import transaction

from jiyao.archive import rows
from jiyao.archive.prepare import Derived, ImportFailure, derive, prepare
from jiyao.minutes.errors import MinutesError
from jiyao.minutes.orgs import abbreviations_of, canonical
from jiyao.minutes.record import ACTION_CODES, ATTENDANCE_CODES, DECISION_CODES, Record

if TYPE_CHECKING:
    from jiyao.archive.models import Meeting
    from jiyao.minutes.read import Source

PUBLIC = "public"
INTERNAL = "internal"
VISIBILITIES = (PUBLIC, INTERNAL)
#: parser_version stored for records imported as records (not parsed by us).
RECORD_VERSION = "record"

_PLACE_GOV = re.compile(r"^\s*(\S{1,30}?[省市县区旗州])(?:人民)?政府")
#: 峤南市召开市政府第二十四次常务会议 (a news-style title): the place comes before 召开.
_PLACE_CONVENES = re.compile(r"^\s*(\S{1,12}?[省市县区旗州])(?:召开|举行)")
_NOT_PLACE = ("召开", "举行", "会议", "主持", "关于", "纪要")
_ROLE_OF = ATTENDANCE_CODES  # the record's attendance field → Attendance.role


K = TypeVar("K")
V = TypeVar("V")


class _Cache(Generic[K, V]):
    """A lookup cache that learns only from committed work.

    ``remember`` holds a value aside (visible to lookups in the same transaction);
    ``commit`` keeps what was held, ``rollback`` forgets it, so a rolled-back document
    never leaves a stale id behind. Item assignment stores a committed fact directly.
    """

    def __init__(self) -> None:
        self.committed: dict[K, V] = {}
        self.pending: dict[K, V] = {}

    def get(self, key: K, default: V | None = None) -> V | None:
        if key in self.pending:
            return self.pending[key]
        return self.committed.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self.pending or key in self.committed

    def __getitem__(self, key: K) -> V:
        return self.pending[key] if key in self.pending else self.committed[key]

    def __setitem__(self, key: K, value: V) -> None:
        self.committed[key] = value

    def setdefault(self, key: K, value: V) -> V:
        return self.committed.setdefault(key, value)

    def remember(self, key: K, value: V) -> None:
        self.pending[key] = value

    def commit(self) -> None:
        self.committed.update(self.pending)
        self.pending.clear()

    def rollback(self) -> None:
        self.pending.clear()


@dataclass(frozen=True)
class ImportResult:
    status: str  # "imported" | "updated" | "unchanged"
    meeting_id: int
    name: str = ""

    @cached_property
    def meeting(self) -> Meeting:
        """The stored meeting, read when first asked for (a large import asks for none)."""
        from jiyao.archive.models import Meeting

        return Meeting.objects.get(pk=self.meeting_id)


@dataclass
class Summary:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    results: list[ImportResult] = field(default_factory=list)

    def add(self, result: ImportResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)

    @property
    def total(self) -> int:
        return self.imported + self.updated + self.unchanged + len(self.failed)


@dataclass
class _Entry:
    """One parsed document waiting to be written."""

    record: Record
    source: dict[str, Any]
    data: bytes
    digest: str
    version: str
    existing: tuple[int, str, int | None] | None
    name: str
    derived: Derived | None = None


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
            raise ImportFailure(f"{self.name}: no such file") from None
        except IsADirectoryError:
            raise ImportFailure(f"{self.name}: is a directory, not a file") from None
        except OSError as exc:
            raise ImportFailure(f"{self.name}: cannot read the file ({exc.strerror})") from None

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


def government_name(record: Record, given: str | None = None) -> str | None:
    """The government whose meeting this is (see the module docstring), or None."""
    if given and given.strip():
        name = re.sub(r"\s+", "", given)
        if name.endswith("人民政府"):
            return name
        if name.endswith("政府"):
            return name[: -len("政府")] + "人民政府"
        if name[-1] in "省市县区旗州":
            return name + "人民政府"
        return name
    for text in (record.issuer, record.title, record.meeting.body):
        place = _place(text) if text else None
        if place:
            return place + "人民政府"
    return None


@lru_cache(maxsize=4096)
def _place(text: str) -> str | None:
    """The place a text names as its government's (象山县人民政府办公室 → 象山县), or None.

    Cached: an archive's issuers repeat, and the lazy patterns backtrack."""
    m = _PLACE_CONVENES.match(text) or _PLACE_GOV.match(text)
    if m and not any(word in m.group(1) for word in _NOT_PLACE):
        return m.group(1)
    return None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Importer:
    """Imports documents one transaction each, caching lookups across a batch."""

    def __init__(
        self, *, government: str | None = None, visibility: str | None = None, workers: int = 0
    ) -> None:
        """``workers`` > 0: read, parse and segment in that many processes (large imports).

        ``visibility``: what the imported minutes get, new and already stored ones alike;
        None (the default) makes new minutes public and leaves stored ones as they are
        (a correction made in the admin survives a re-import).
        """
        if visibility is not None and visibility not in VISIBILITIES:
            raise ValueError(f"visibility must be one of {VISIBILITIES}, not {visibility!r}")
        self.government = government
        self.visibility = visibility
        self.workers = workers
        self._pool: Any = None
        self._seen: dict[str, int | None] = {}
        self._orgs: _Cache[tuple[int | None, str], int | None] = _Cache()
        self._people: _Cache[tuple[int, str], int] = _Cache()
        self._series: _Cache[tuple[int, str], int] = _Cache()
        #: Governments whose organizations and people are all in the caches (_preload).
        self._loaded: set[int] = set()

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

    def import_bytes(self, data: bytes, name: str) -> ImportResult:
        """Read, parse and store one input given as bytes (``name`` for messages)."""
        from jiyao.minutes.read import read_bytes

        return self._import(data, name, lambda: read_bytes(data, name=name))

    def import_path(self, path: str) -> ImportResult:
        """Read, parse and store the file at ``path``."""
        from jiyao.minutes.read import read_path

        source = read_path(path)
        data = _source_bytes(path, source)
        return self._import(data, path, lambda: source)

    def import_source(self, source: Source, data: bytes | None = None) -> ImportResult:
        """Parse and store an already read :class:`Source` (``data``: its original bytes)."""
        raw = data if data is not None else source.original.encode("utf-8")
        return self._import(raw, source.name, lambda: source)

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
            return self._known(_meeting_id(existing[2]), filename)
        source = {"filename": filename, "kind": kind, "encoding": encoding, "text": text}
        return self._store(_Entry(record, source, data, digest, version, existing, filename))

    def import_many(
        self,
        inputs: Iterable[Input],
        *,
        batch_size: int = 200,
        progress: Any = None,
    ) -> Summary:
        """Import many inputs, ``batch_size`` new documents per transaction (see store_batch).

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
        return summary

    def _start_chunk(self, chunk: list[Input]) -> dict[str, Any]:
        """Load, hash, look up and start parsing the inputs of one batch."""
        from jiyao.archive.models import SourceDocument

        outcome: list[Any] = []  # per input: a result, a failure, an entry, a digest …
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
            row[0]: (row[1], row[2], row[3])
            for row in SourceDocument.objects.filter(
                content_hash__in={d for _, _, d in loaded}
            ).values_list("content_hash", "pk", "parser_version", "minutes__meeting_id")
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
                outcome[slot] = ("unchanged", existing[2])
                continue
            if digest in first:
                outcome[slot] = ("same", first[digest])  # the same bytes twice in this batch
                continue
            first[digest] = slot
            if item.record is not None:
                source = {"filename": item.name, "kind": "txt", "encoding": "utf-8"}
                source["text"] = item.text or ""
                outcome[slot] = _Entry(item.record, source, data, digest, want, existing, item.name)
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
            outcome[slot] = _Entry(record, source, data, digest, want, existing, item.name, derived)
        for slot, o in enumerate(outcome):
            if isinstance(o, _Entry) and o.digest in self._seen:  # stored by an earlier batch
                outcome[slot] = ("unchanged", self._seen[o.digest])
        entries = [o for o in outcome if isinstance(o, _Entry)]
        stored = dict(zip(map(id, entries), self.store_batch(entries), strict=True))
        for e in entries:
            done = stored[id(e)]
            if isinstance(done, ImportResult):
                self._seen[e.digest] = done.meeting_id
        resolved: list[ImportResult | ImportFailure] = []
        for item, o in zip(chunk, outcome, strict=True):
            if _is(o, "unchanged"):
                o = self._known(_meeting_id(o[1]), item.name)
            elif _is(o, "same"):
                done = resolved[o[1]]
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
            return self._known(_meeting_id(existing[2]), name)
        from jiyao.minutes.parse import parse

        source = read()
        record = parse(source.text, name=name)
        fields = {
            "filename": name,
            "kind": source.kind,
            "encoding": source.encoding,
            "text": source.text,
        }
        return self._store(_Entry(record, fields, data, digest, version, existing, name))

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
        return ImportResult(plan.status, _meeting_id(plan.meeting_id), entry.name)

    def store_batch(self, entries: list[_Entry]) -> list[ImportResult | ImportFailure]:
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
            self._preload({government_name(e.record, self.government) for e in new} - {None})
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
                    results[id(e)] = ImportResult(plan.status, _meeting_id(plan.meeting_id), e.name)
        for e in entries:
            if id(e) in results:
                continue
            try:
                results[id(e)] = self._store(e)
            except MinutesError as exc:
                results[id(e)] = exc if isinstance(exc, ImportFailure) else ImportFailure(str(exc))
            except Exception as exc:  # a database error names no input: add the name
                results[id(e)] = ImportFailure(f"{e.name}: could not be stored ({exc})")
        return [results[id(e)] for e in entries]

    def _preload(self, governments: set[str | None]) -> None:
        """Read the organizations, aliases and people of these governments into the caches.

        Run outside the batch's transaction, so it reads committed rows only (the cache
        must never hold an id a rollback takes back). Once a government is loaded, a name
        the cache does not know is known to be new: no query per unknown name.
        """
        from jiyao.archive import models as m

        names = {name for name in governments if name and (None, name) not in self._orgs}
        if names:
            for name, pk in m.Organization.objects.filter(
                government=None, name__in=names
            ).values_list("name", "pk"):
                self._orgs[(None, name)] = pk
        ids = {self._orgs.get((None, name)) for name in governments if name} - {None}
        todo = ids - self._loaded
        if not todo:
            return
        orgs = m.Organization.objects.filter(government_id__in=todo)
        for gov_id, name, pk in orgs.values_list("government_id", "name", "pk"):
            self._orgs[(gov_id, name)] = pk
        aliases = m.OrganizationAlias.objects.filter(organization__government_id__in=todo)
        for gov_id, alias, pk in aliases.values_list(
            "organization__government_id", "alias", "organization_id"
        ):
            self._orgs.setdefault((gov_id, alias), pk)  # a name wins over an alias
        people = m.Person.objects.filter(government_id__in=todo)
        for gov_id, name, pk in people.values_list("government_id", "name", "pk"):
            self._people[(gov_id, name)] = pk
        self._loaded |= {i for i in todo if i is not None}

    def _caches(self) -> tuple[_Cache[Any, Any], ...]:
        return (self._orgs, self._people, self._series)

    def _commit_cache(self) -> None:
        for cache in self._caches():
            cache.commit()

    def _rollback_cache(self) -> None:
        for cache in self._caches():
            cache.rollback()

    def _plan(self, entry: _Entry) -> rows.Plan:
        """Resolve names to ids (creating what is new) and lay out the rows as values."""
        from jiyao.archive import models as m

        record, source, name, existing = entry.record, entry.source, entry.name, entry.existing
        derived = entry.derived
        if derived is None:
            derived = derive(record, name)  # checks the values too
        if "\x00" in source["text"]:
            raise ImportFailure(f"{name}: the text contains a NUL character; refused")
        gov_name = government_name(record, self.government)
        if gov_name is None:
            raise ImportFailure(
                f"{name}: the minutes do not say which government held the meeting;"
                " give it with --government NAME"
            )
        gov_id = self._government(gov_name)
        series_id = self._series_id(gov_id, record.meeting.kind or "")
        names = [n for role in _ROLE_OF for n in getattr(record.attendance, role)]
        if record.meeting.chair:
            names.append(record.meeting.chair)
        people = self._people_ids(gov_id, names)
        written = [s for item in record.items for s in item.submitters]
        departments = self._department_ids(gov_id, gov_name, written)
        recipients = self._known_org_ids(gov_id, record.distribution)

        mt = record.meeting
        plan = rows.Plan(name=name)
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
        elif existing is not None:  # a source left without its meeting: start over
            m.SourceDocument.objects.filter(pk=existing[0]).delete()
        plan.source = (
            source["filename"],
            source["kind"],
            source["encoding"],
            entry.data,
            source["text"],
            entry.version,
            entry.digest,
        )
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

    # -- cached lookups -----------------------------------------------------------------

    def _remember(self, cache: _Cache[Any, Any], key: Any, value: Any) -> None:
        cache.remember(key, value)

    def _government(self, name: str) -> int:
        from jiyao.archive import models as m

        key = (None, name)
        found = self._orgs.get(key)
        if found is not None:
            return found
        org, _ = m.Organization.objects.get_or_create(
            government=None,
            name=name,
            defaults={"kind": m.Organization.GOVERNMENT, "full_name": name},
        )
        self._remember(self._orgs, key, org.pk)
        return int(org.pk)

    def _series_id(self, gov_id: int, kind: str) -> int:
        from jiyao.archive import models as m

        key = (gov_id, kind)
        found = self._series.get(key)
        if found is not None:
            return found
        series, _ = m.MeetingSeries.objects.get_or_create(government_id=gov_id, kind=kind)
        self._remember(self._series, key, series.pk)
        return int(series.pk)

    def _people_ids(self, gov_id: int, names: Iterable[str]) -> dict[str, int]:
        from jiyao.archive import models as m

        out: dict[str, int] = {}
        missing = set()
        for name in names:
            pk = self._people.get((gov_id, name))
            if pk is None:
                missing.add(name)
            else:
                out[name] = pk
        if missing:
            # Insert what is missing, ignoring the names that exist after all (another
            # import or an edit may have added them since this government was preloaded),
            # then read the ids of them all.
            new = [m.Person(government_id=gov_id, name=n) for n in sorted(missing)]
            m.Person.objects.bulk_create(new, ignore_conflicts=True)
            found = dict(
                m.Person.objects.filter(government_id=gov_id, name__in=missing).values_list(
                    "name", "pk"
                )
            )
            for name, pk in found.items():
                out[name] = pk
                self._remember(self._people, (gov_id, name), pk)
        return out

    def _lookup_orgs(self, gov_id: int, written: Iterable[str]) -> dict[str, int | None]:
        """As-written name → organization id within the government (None: not known)."""
        from jiyao.archive import models as m

        out: dict[str, int | None] = {}
        missing: set[str] = set()
        for name in written:
            key = (gov_id, name)
            if key in self._orgs:
                out[name] = self._orgs[key]
            else:
                missing.add(name)
        if not missing:
            return out
        by_name = {name: canonical(name) for name in missing}
        if gov_id in self._loaded:  # every known name is cached: the rest are new
            for name, full in by_name.items():
                pk = self._orgs.get((gov_id, full))
                out[name] = pk
                self._remember(self._orgs, (gov_id, name), pk)
            return out
        rows = m.Organization.objects.filter(
            government_id=gov_id, name__in=set(by_name.values()) | missing
        ).values_list("name", "pk")
        known = dict(rows)
        aliases = dict(
            m.OrganizationAlias.objects.filter(
                organization__government_id=gov_id, alias__in=missing
            ).values_list("alias", "organization_id")
        )
        for name, full in by_name.items():
            pk = known.get(name) or known.get(full) or aliases.get(name)
            out[name] = pk
            self._remember(self._orgs, (gov_id, name), pk)
        return out

    def _department_ids(self, gov_id: int, gov_name: str, written: list[str]) -> dict[str, int]:
        """As-written submitter → department id, creating departments (and their aliases)."""
        from jiyao.archive import models as m

        found = self._lookup_orgs(gov_id, written)
        out: dict[str, int] = {k: v for k, v in found.items() if v is not None}
        unknown = sorted({name for name, pk in found.items() if pk is None})
        if not unknown:
            return out
        place = gov_name[: -len("人民政府")] if gov_name.endswith("人民政府") else ""
        created: dict[str, int] = {}
        for name in unknown:
            full = canonical(name)
            if full in created:
                out[name] = created[full]
                continue
            # get_or_create: another import may have created it since the preload.
            org, _ = m.Organization.objects.get_or_create(
                government_id=gov_id,
                name=full,
                defaults={"kind": m.Organization.DEPARTMENT, "full_name": _full_name(full, place)},
            )
            created[full] = org.pk
            out[name] = org.pk
            names = {*abbreviations_of(full), name} - {full}
            m.OrganizationAlias.objects.bulk_create(
                [m.OrganizationAlias(organization=org, alias=a) for a in sorted(names)],
                ignore_conflicts=True,
            )
            for alias in (*names, full):
                self._remember(self._orgs, (gov_id, alias), org.pk)
        for name in unknown:
            out[name] = created[canonical(name)]
            self._remember(self._orgs, (gov_id, name), out[name])
        return out

    def _known_org_ids(self, gov_id: int, written: Iterable[str]) -> dict[str, int]:
        return {k: v for k, v in self._lookup_orgs(gov_id, written).items() if v is not None}


# -- helpers ------------------------------------------------------------------------------


def _is(value: Any, tag: str) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and value[0] == tag


def _failure(exc: BaseException, name: str) -> ImportFailure:
    return exc if isinstance(exc, ImportFailure) else ImportFailure(str(exc) or name)


def _reason(exc: BaseException, name: str) -> str:
    """The reason part of a failure message (messages start with the input's name)."""
    text = str(exc)
    for prefix in (f"{name}: ", "<stdin>: "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def _existing(digest: str) -> tuple[int, str, int | None] | None:
    """(source id, parser version, meeting id) of an earlier import of these bytes."""
    from jiyao.archive.models import SourceDocument

    row = (
        SourceDocument.objects.filter(content_hash=digest)
        .values_list("pk", "parser_version", "minutes__meeting_id")
        .first()
    )
    return (row[0], row[1], row[2]) if row is not None else None


def _unchanged(existing: tuple[int, str, int | None] | None, version: str) -> bool:
    """Known bytes read by this parser version, whose meeting still exists: nothing to do.

    (A source whose meeting was deleted is imported afresh.)"""
    return existing is not None and existing[1] == version and existing[2] is not None


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


def _meeting_id(pk: int | None) -> int:
    """The id of a stored meeting (every stored document has one)."""
    if pk is None:
        raise ImportFailure("a stored document has no meeting; import it again")
    return pk


def _source_bytes(path: str, source: Source) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return source.original.encode("utf-8")


def _full_name(name: str, place: str) -> str | None:
    """县发展和改革局 in 象山县 → 象山县发展和改革局 (None when the level does not match)."""
    if place and name and name[0] in "省市县区旗州" and place.endswith(name[0]):
        return place + name[1:]
    return None


# -- module-level API -----------------------------------------------------------------------


def import_source(
    source: Source,
    *,
    government: str | None = None,
    visibility: str | None = None,
    data: bytes | None = None,
) -> ImportResult:
    """Parse and store one read source (see the module docstring)."""
    return Importer(government=government, visibility=visibility).import_source(source, data)


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
