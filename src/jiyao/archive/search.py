"""Full-text search over the archive: one interface, SQLite FTS5 or PostgreSQL tsvector.

The index holds one row per meeting (:class:`~jiyao.archive.models.SearchEntry`): the
text of its title, items, documents, decisions, requirements and names, segmented
by jieba (:mod:`jiyao.archive.segment`). A query is cut the same way into plain
terms — quotes, operators (AND, OR, NEAR, ``*``, ``-``, ``"``) and punctuation are
never passed on: only runs of word characters survive, each word quoted — so no input
can make the database raise. Every word of the query must occur (AND); a query with
no word left gives no results (or, with filters, the filtered meetings newest first).

Backends: on SQLite an FTS5 table (``archive_search_fts``, ranked by bm25); on
PostgreSQL ``to_tsquery('simple', …)`` against the GIN-indexed ``tsv`` column, ranked
by ``ts_rank``. Filters (government, dates, department with aliases resolved,
action, decision, person, public only) are conditions on the search entry's copied
columns (government, date, public — covered by one index) or ORM subqueries, the same
on both. A word nobody wrote as one token (常务会议 inside 常务会议室) is also tried as
the phrase of its shorter index words.

Scale: ranking costs per match and a common word matches most of the archive, so only
the RANK_WINDOW newest matches are ranked; later pages list older matches newest
first. Counting stops at COUNT_LIMIT (``SearchPage.capped``). Snippets are cut from the
unsegmented text in Python, escaped first, then the matches wrapped in ``<mark>``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from dataclasses import dataclass
from html import escape
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Q, QuerySet

from jiyao.archive import segment
from jiyao.archive.access import parse_id

#: Longest query considered (characters) and most words used from it.
MAX_QUERY = 1000
MAX_TERMS = 16
SNIPPET_BEFORE = 30
SNIPPET_LENGTH = 120
#: Matches ranked by relevance; beyond them, older matches follow newest first.
RANK_WINDOW = 1000
#: Matches counted exactly; past this, ``SearchPage.capped`` says "at least this many".
COUNT_LIMIT = 10_000
#: Orders of the results: by relevance (filters alone: newest first), by meeting date.
RELEVANCE, NEWEST, OLDEST = "relevance", "newest", "oldest"
SORTS = (RELEVANCE, NEWEST, OLDEST)
#: ORDER BY of a date sort over the search entry ``e`` (undated meetings last).
_DATE_ORDER = {
    NEWEST: "e.date IS NULL, e.date DESC, e.meeting_id DESC",
    OLDEST: "e.date IS NULL, e.date ASC, e.meeting_id ASC",
}


@dataclass(frozen=True)
class Hit:
    meeting_id: int
    title: str
    government: str
    date: dt.date | None
    snippet_html: str
    score: float
    #: False for internal minutes (only users who may read them ever get such a hit).
    public: bool = True


@dataclass(frozen=True)
class SearchPage:
    results: list[Hit]
    total: int
    page: int
    pages: int
    terms: tuple[str, ...] = ()
    #: True when ``total`` is a lower bound (more than COUNT_LIMIT matches).
    capped: bool = False


def query_terms(query: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words to match, phrases to highlight) of a raw query; never raises."""
    runs = segment.runs(str(query or "")[:MAX_QUERY])
    words: list[str] = []
    for run in runs:
        for word in segment.query_words(run):
            if word not in words:
                words.append(word)
    phrases = tuple(dict.fromkeys(r.lower() for r in runs))
    return tuple(words[:MAX_TERMS]), phrases[:MAX_TERMS]


def search(
    query: str,
    *,
    government: Any = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    department: str | None = None,
    action: str | None = None,
    decision: str | None = None,
    person: str | None = None,
    public_only: bool,
    page: int = 1,
    per_page: int = 20,
    sort: str = RELEVANCE,
) -> SearchPage:
    """One page of meetings matching ``query`` and the filters: best first, or by
    ``sort`` NEWEST / OLDEST (meeting date; undated meetings last).

    With an item-level filter (department, action, decision) the snippet is cut from
    the first item of the meeting meeting them all, not from the top of the minutes.
    """
    words, phrases = query_terms(query)
    sort = sort if sort in SORTS else RELEVANCE
    per_page = max(1, min(int(per_page or 20), 100))
    candidates = _filtered(
        government=government,
        date_from=date_from,
        date_to=date_to,
        department=department,
        action=action,
        decision=decision,
        person=person,
        public_only=public_only,
    )
    if connection.vendor == "postgresql":
        # The tsvectors live in TOAST, so the planner thinks a sequential scan is cheap
        # and detoasts every row (1 s on 100,000 meetings); the GIN index is 10× faster.
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SET LOCAL enable_seqscan = off")
            found = _run(query, words, candidates, public_only, page, per_page, sort)
    else:
        found = _run(query, words, candidates, public_only, page, per_page, sort)
    if found is None:
        return SearchPage([], 0, 1, 1, ())
    total, capped, page, pages, rows = found
    items = item_filter(department=department, action=action, decision=decision)
    hits = _hits(rows, phrases, words, items)
    return SearchPage(hits, total, page, pages, words, capped)


def _run(
    query: str,
    words: tuple[str, ...],
    candidates: _Where | None,
    public_only: bool,
    page: Any,
    per_page: int,
    sort: str = "relevance",
) -> tuple[int, bool, int, int, list[tuple[int, float]]] | None:
    """(total, capped, page, pages, rows of the page), or None for "no search at all"."""
    if not words:
        narrowing = candidates is not None and len(candidates.sql) > int(bool(public_only))
        if candidates is None or not narrowing or not query_is_blank(query):
            return None
        total, fetch = _plain_query(candidates.clause(), candidates.params, sort)
    else:
        backend = {"sqlite": _sqlite, "postgresql": _postgres}.get(connection.vendor, _like)
        total, fetch = backend(words, candidates, sort)
    capped = total > COUNT_LIMIT
    total = min(total, COUNT_LIMIT)
    pages = max(1, math.ceil(total / per_page))
    number = _clamp(page, pages)
    offset = (number - 1) * per_page
    # The last page stops at the counted total (a capped count has one match more).
    rows = fetch(min(per_page, total - offset), offset) if total else []
    return total, capped, number, pages, rows


def query_is_blank(query: str) -> bool:
    """True when the query has no characters at all besides spaces (a filter-only search)."""
    return not str(query or "").strip()


def _clamp(page: Any, pages: int) -> int:
    try:
        number = int(page)
    except (TypeError, ValueError):
        number = 1
    return max(1, min(number, pages))


# -- filters --------------------------------------------------------------------------------


@dataclass
class _Where:
    """SQL conditions on the search entry ``e``, with their parameters."""

    sql: list[str]
    params: list[Any]

    def clause(self) -> str:
        return "".join(f" AND {c}" for c in self.sql)


def _filtered(**f: Any) -> _Where | None:
    """Conditions for the filters, or None when no filter is set."""
    from jiyao.archive import models as m

    where = _Where([], [])
    if f["public_only"]:
        where.sql.append("e.public = %s")  # kept in step with Minutes.visibility (signals)
        where.params.append(True)
    gov = f["government"]
    if gov not in (None, ""):
        if isinstance(gov, int) or (isinstance(gov, str) and gov.strip().isdigit()):
            key = parse_id(gov)  # beyond 64 bits no row can match: never a database error
            where.sql.append("e.government_id = %s" if key is not None else "1 = 0")
            where.params.extend([key] if key is not None else [])
        else:
            name = str(gov).strip()
            _subquery(
                where,
                "e.government_id",
                m.Organization.objects.filter(Q(name=name) | Q(full_name=name)).values("pk"),
            )
    ops = connection.ops
    if f["date_from"] is not None:
        where.sql.append("e.date >= %s")
        where.params.append(ops.adapt_datefield_value(f["date_from"]))
    if f["date_to"] is not None:
        where.sql.append("e.date <= %s")
        where.params.append(ops.adapt_datefield_value(f["date_to"]))
    items = item_filter(department=f["department"], action=f["action"], decision=f["decision"])
    if items is not None:
        # One item must meet every item-level condition (审议 and 暂缓 on the same item),
        # not one item each.
        _subquery(where, "e.meeting_id", m.AgendaItem.objects.filter(items).values("meeting_id"))
    if f["person"]:
        name = re.sub(r"\s+", "", str(f["person"]))
        _subquery(
            where,
            "e.meeting_id",
            m.Meeting.objects.filter(
                Q(pk__in=m.Attendance.objects.filter(person__name=name).values("meeting_id"))
                | Q(chair__name=name)
            ).values("pk"),
        )
    return where if where.sql else None


def item_filter(
    *, department: str | None = None, action: str | None = None, decision: str | None = None
) -> Q | None:
    """The condition on one agenda item for the item-level filters, or None if unset."""
    cond = Q()
    if department:
        orgs = department_ids(str(department))
        cond &= Q(pk__in=_submitted_items(orgs))
    if action:
        cond &= Q(action=_code(action, _ACTIONS))
    if decision:
        cond &= Q(decision__outcome=_code(decision, _DECISIONS))
    return cond if cond else None


def _submitted_items(orgs: list[int]) -> QuerySet[Any]:
    from jiyao.archive import models as m

    return m.ItemSubmitter.objects.filter(organization_id__in=orgs).values("agenda_item_id")


def _subquery(where: _Where, column: str, qs: QuerySet[Any]) -> None:
    try:
        # No ORDER BY: a model's default ordering would join and sort the whole subquery
        # (ItemSubmitter orders by its meeting's date: 25,000 rows for 县财政局).
        sql, params = qs.order_by().query.sql_with_params()
    except EmptyResultSet:  # e.g. a department nobody knows: nothing can match
        where.sql.append("1 = 0")
        return
    where.sql.append(f"{column} IN ({sql})")
    where.params.extend(params)


def department_ids(name: str) -> list[int]:
    """Organizations a department filter means: by name, full name, alias or abbreviation."""
    from jiyao.archive import models as m
    from jiyao.minutes.orgs import canonical

    cleaned = re.sub(r"\s+", "", name)
    names = {cleaned, canonical(cleaned)}
    ids = set(
        m.Organization.objects.filter(Q(name__in=names) | Q(full_name__in=names)).values_list(
            "pk", flat=True
        )
    )
    ids |= set(
        m.OrganizationAlias.objects.filter(alias__in=names).values_list(
            "organization_id", flat=True
        )
    )
    return sorted(ids)


def _vocab(pairs: dict[str, str]) -> dict[str, str]:
    return {**pairs, **{code: code for code in pairs.values()}}


def _code(value: str, table: dict[str, str]) -> str:
    return table.get(str(value).strip(), "-")


def _lazy_tables() -> tuple[dict[str, str], dict[str, str]]:
    from jiyao.minutes.record import ACTION_CODES, DECISION_CODES

    return _vocab(ACTION_CODES), _vocab(DECISION_CODES)


_ACTIONS, _DECISIONS = _lazy_tables()


# -- backends ---------------------------------------------------------------------------------


def fts_queries(words: tuple[str, ...]) -> tuple[str, str]:
    """(match, core): the FTS5 query matching every word (a word also as the phrase of
    its index parts), and the one of the whole words alone (for ranking).

    Terms are joined by an explicit AND: SQLite before 3.43 (Debian 12 has 3.40) refuses
    an implicit AND beside a parenthesised group ('("a" OR "b c") "d"'). Words are runs
    of word characters (query_terms), so quoting each one is enough.
    """
    alts = {w: segment.parts(w) for w in words}
    match = " AND ".join(
        f'("{w}" OR "{" ".join(alts[w])}")' if alts[w] else f'"{w}"' for w in words
    )
    core = " AND ".join(f'"{w}"' for w in words)
    return match, core


def _sqlite(
    words: tuple[str, ...], candidates: _Where | None, sort: str = RELEVANCE
) -> tuple[int, Any]:
    # A word that jieba may also have cut into shorter index words is matched either way
    # (see segment.parts); ranking uses the whole words only (``core``): bm25 needs each
    # phrase's frequency over the whole index, and for a phrase of two common words
    # (财政 资金) that is a scan of every position of both — most of a search's time.
    # Meetings matched only through such a phrase follow the ranked ones, newest first.
    match, core = fts_queries(words)
    where, params = (candidates.clause(), candidates.params) if candidates else ("", [])
    if where:
        # CROSS JOIN keeps the FTS match as the outer loop: the planner would otherwise
        # probe the FTS table once per candidate rowid, running the query each time.
        base = (
            "FROM archive_search_fts f CROSS JOIN archive_searchentry e"
            f" ON e.meeting_id = f.rowid WHERE archive_search_fts MATCH %s{where}"
        )
    else:
        base = "FROM archive_search_fts f WHERE archive_search_fts MATCH %s"
    with connection.cursor() as cur:
        # Counting stops at COUNT_LIMIT + 1: matching a very common word in full costs
        # more than the whole rest of the search.
        cur.execute(
            f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s)", [match, *params, COUNT_LIMIT + 1]
        )
        total = int(cur.fetchone()[0])
        if sort in _DATE_ORDER:
            return total, _sqlite_by_date(match, candidates, sort)
        # bm25 costs a few microseconds per match; a common word matches most of the
        # archive. Rank only the RANK_WINDOW newest matches (highest rowids), then list
        # older ones newest first.
        floor = None
        if total > RANK_WINDOW:
            cur.execute(
                f"SELECT f.rowid {base} ORDER BY f.rowid DESC LIMIT 1 OFFSET %s",
                [match, *params, RANK_WINDOW - 1],
            )
            floor = int(cur.fetchone()[0])
    window = "" if floor is None else " AND f.rowid >= %s"
    extra = [] if floor is None else [floor]
    # bm25() called by name, not the ``rank`` column: the same scores at half the cost.
    ranked_sql = (
        f"SELECT f.rowid, bm25(archive_search_fts) AS score {base}{window}"
        " ORDER BY score LIMIT %s OFFSET %s"
    )

    def ranked(limit: int, offset: int) -> list[tuple[int, float]]:
        """The window's matches, best first (``limit`` from ``offset``)."""
        with connection.cursor() as cur:
            if core == match:
                cur.execute(ranked_sql, [match, *params, *extra, limit, offset])
                return [(int(r[0]), -float(r[1])) for r in cur.fetchall()]
            cur.execute(ranked_sql, [core, *params, *extra, RANK_WINDOW, 0])
            best = [(int(r[0]), -float(r[1])) for r in cur.fetchall()]
            cur.execute(
                f"SELECT f.rowid {base}{window} ORDER BY f.rowid DESC", [match, *params, *extra]
            )
            seen = {pk for pk, _ in best}
            best += [(int(r[0]), 0.0) for r in cur.fetchall() if int(r[0]) not in seen]
        return best[offset : offset + limit]

    def fetch(limit: int, offset: int) -> list[tuple[int, float]]:
        out: list[tuple[int, float]] = []
        if offset < RANK_WINDOW:
            out = ranked(min(limit, RANK_WINDOW - offset), offset)
        if floor is not None and len(out) < limit:
            with connection.cursor() as cur:
                cur.execute(
                    f"SELECT f.rowid {base} AND f.rowid < %s ORDER BY f.rowid DESC"
                    " LIMIT %s OFFSET %s",
                    [match, *params, floor, limit - len(out), max(0, offset - RANK_WINDOW)],
                )
                out += [(int(r[0]), 0.0) for r in cur.fetchall()]
        return out

    return total, fetch


def _sqlite_by_date(match: str, candidates: _Where | None, sort: str) -> Any:
    """Fetch for a date sort: the matches joined to their entries, in date order."""
    where, params = (candidates.clause(), candidates.params) if candidates else ("", [])
    sql = (
        "SELECT f.rowid FROM archive_search_fts f CROSS JOIN archive_searchentry e"
        f" ON e.meeting_id = f.rowid WHERE archive_search_fts MATCH %s{where}"
        f" ORDER BY {_DATE_ORDER[sort]} LIMIT %s OFFSET %s"
    )

    def fetch(limit: int, offset: int) -> list[tuple[int, float]]:
        with connection.cursor() as cur:
            cur.execute(sql, [match, *params, limit, offset])
            return [(int(r[0]), 0.0) for r in cur.fetchall()]

    return fetch


def _postgres(
    words: tuple[str, ...], candidates: _Where | None, sort: str = RELEVANCE
) -> tuple[int, Any]:
    # The tsvectors are long (about 11 KB a meeting) and live in TOAST: every row whose
    # tsvector is read costs a detoast. So one query takes the ids of the newest
    # COUNT_LIMIT + 1 matches from the GIN index (a bitmap scan reads no tsvector), which
    # gives the count, the ranking window and the older matches alike; then only the
    # window's RANK_WINDOW rows are read again, to rank them with ts_rank.
    tsquery = " & ".join(_ts_clause(w) for w in words)
    where, params = (candidates.clause(), candidates.params) if candidates else ("", [])
    # The match first, as its own (materialized) step: given the filters in the same
    # query, the planner starts from an unselective index (public = true) and tests the
    # tsvector of every row it finds (0.6 s at 100,000 meetings).
    columns = "e.meeting_id, e.public, e.government_id, e.date"
    relaxed = " & ".join(_ts_clause(w, " & ") for w in words)
    # Ranked by the whole words only, as on SQLite: meetings matched only through a
    # phrase score 0 and follow, newest first.
    whole = " & ".join(f"'{w}'" for w in words)
    if relaxed == tsquery:  # no phrase: the GIN index answers exactly
        match = (
            f"e AS MATERIALIZED (SELECT {columns} FROM archive_searchentry e,"
            " to_tsquery('simple', %s) q WHERE e.tsv @@ q)"
        )
        match_params = [tsquery]
    else:
        # A phrase (财政 <-> 资金) is checked against positions, in each candidate's
        # tsvector (0.5 s for 财政资金 at 100,000 meetings). So: candidates by the
        # phrase's words in any order (exact in GIN), those holding every whole word kept
        # at once (GIN again), and only the rest checked for the phrase (0.19 s).
        match = (
            f"r AS MATERIALIZED (SELECT {columns} FROM archive_searchentry e,"
            " to_tsquery('simple', %s) q WHERE e.tsv @@ q),"
            " w AS MATERIALIZED (SELECT e.meeting_id FROM archive_searchentry e,"
            " to_tsquery('simple', %s) q WHERE e.tsv @@ q),"
            # A scalar subquery, not EXISTS: PostgreSQL would hash an EXISTS, checking
            # the phrase in every candidate once up front; this one runs only for the
            # rows the first test left (OR stops at the first true).
            " e AS MATERIALIZED (SELECT * FROM r WHERE r.meeting_id IN (SELECT * FROM w)"
            " OR (SELECT x.tsv @@ to_tsquery('simple', %s) FROM archive_searchentry x"
            " WHERE x.meeting_id = r.meeting_id))"
        )
        match_params = [relaxed, whole, tsquery]
    with connection.cursor() as cur:
        # A LIMIT with ORDER BY id tempts the planner into walking the primary key
        # backwards and testing (detoasting) every row; the bitmap scan is far cheaper.
        cur.execute("SET LOCAL enable_indexscan = off")
        # These estimates run high enough to start the JIT compiler: 0.2 s of compiling
        # for a query that runs in less.
        cur.execute("SET LOCAL jit = off")
        cur.execute(
            f"WITH {match} SELECT e.meeting_id FROM e WHERE 1 = 1{where}"
            f" ORDER BY {_DATE_ORDER.get(sort, 'e.meeting_id DESC')} LIMIT %s",
            [*match_params, *params, COUNT_LIMIT + 1],
        )
        ids = [int(r[0]) for r in cur.fetchall()]
        cur.execute("RESET enable_indexscan")  # back to the session's setting
    window = ids[:RANK_WINDOW] if sort not in _DATE_ORDER else []

    def fetch(limit: int, offset: int) -> list[tuple[int, float]]:
        out: list[tuple[int, float]] = []
        if offset < RANK_WINDOW and window:
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT e.meeting_id, ts_rank(e.tsv, q) AS score"
                    " FROM archive_searchentry e, to_tsquery('simple', %s) q"
                    " WHERE e.meeting_id = ANY(%s)"
                    " ORDER BY score DESC, e.meeting_id DESC LIMIT %s OFFSET %s",
                    [whole, window, min(limit, RANK_WINDOW - offset), offset],
                )
                out = [(int(r[0]), float(r[1])) for r in cur.fetchall()]
        if len(out) < limit:
            start = max(offset, len(window))
            out += [(pk, 0.0) for pk in ids[start : start + limit - len(out)]]
        return out

    return len(ids), fetch


def _ts_clause(word: str, join: str = " <-> ") -> str:
    """``word``, or word | its index parts joined by ``join`` (<->: the phrase)."""
    alt = segment.parts(word)
    if not alt:
        return f"'{word}'"
    joined = join.join(f"'{p}'" for p in alt)
    return f"('{word}' | {joined})"


def _like(
    words: tuple[str, ...], candidates: _Where | None, sort: str = RELEVANCE
) -> tuple[int, Any]:
    """Any other database: a LIKE scan (correct, slow; not used on SQLite/PostgreSQL)."""
    where, params = (candidates.clause(), candidates.params) if candidates else ("", [])
    for w in words:
        where += " AND e.plain LIKE %s"
        params = [*params, f"%{w}%"]
    return _plain_query(where, params, sort)


def _plain_query(where: str, params: list[Any], sort: str = RELEVANCE) -> tuple[int, Any]:
    """Filters without words: the newest matches first (or oldest first), from one pass."""
    order = _DATE_ORDER[OLDEST] if sort == OLDEST else "e.date DESC, e.meeting_id DESC"
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT e.meeting_id FROM archive_searchentry e WHERE 1 = 1{where}"
            f" ORDER BY {order} LIMIT %s",
            [*params, COUNT_LIMIT + 1],
        )
        ids = [int(r[0]) for r in cur.fetchall()]

    def fetch(limit: int, offset: int) -> list[tuple[int, float]]:
        return [(pk, 0.0) for pk in ids[offset : offset + limit]]

    return len(ids), fetch


# -- results and snippets -----------------------------------------------------------------------


def _hits(
    rows: list[tuple[int, float]],
    phrases: tuple[str, ...],
    words: tuple[str, ...],
    items: Q | None = None,
) -> list[Hit]:
    from jiyao.archive.models import SearchEntry

    if not rows:
        return []
    ids = [pk for pk, _ in rows]
    info = {
        r["meeting_id"]: r
        for r in SearchEntry.objects.filter(meeting_id__in=ids).values(
            "meeting_id",
            "plain",
            "date",
            "public",
            "meeting__minutes__title",
            "government__name",
        )
    }
    focus = _item_texts(ids, items) if items is not None else {}
    hits = []
    for pk, score in rows:
        r = info.get(pk)
        if r is None:
            continue
        hits.append(
            Hit(
                meeting_id=pk,
                title=r["meeting__minutes__title"] or "（无标题）",
                government=r["government__name"] or "",
                date=r["date"],
                snippet_html=snippet(focus.get(pk) or r["plain"], phrases, words),
                score=score,
                public=bool(r["public"]),
            )
        )
    return hits


def _item_texts(meeting_ids: list[int], items: Q) -> dict[int, str]:
    """Meeting id → the text of its first agenda item meeting the item-level filters."""
    from jiyao.archive.models import AgendaItem

    rows = (
        AgendaItem.objects.filter(items, meeting_id__in=meeting_ids)
        .order_by("meeting_id", "position")
        .values_list("meeting_id", "number", "heading", "text")
    )
    out: dict[int, str] = {}
    for meeting_id, number, heading, text in rows:
        if meeting_id not in out:
            out[meeting_id] = f"{number}. {heading}\n{_after_heading(text, heading)}".strip()
    return out


#: The ordinal an item's paragraph opens with: 二、 8. 8．（三）.
_ORDINAL = re.compile(
    r"\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百\d]+[）)]|\d+\s*[.．、])\s*"
)


def _after_heading(text: str | None, heading: str | None) -> str:
    """The item's paragraph without its ordinal and the heading the snippet already shows."""
    body = (text or "").strip()
    found = _ORDINAL.match(body)
    if found:
        body = body[found.end() :]
    if heading and body.startswith(heading):
        body = body[len(heading) :].lstrip("。，；：;:,. \n")
    return body


def snippet(
    text: str,
    terms: tuple[str, ...],
    words: tuple[str, ...] = (),
    length: int = SNIPPET_LENGTH,
) -> str:
    """A piece of ``text`` around its best match, HTML-escaped, matches in ``<mark>``.

    ``terms`` (what the user typed: the query's phrases) are marked wherever they occur;
    ``words`` (the parts jieba cut them into) only where they are a word of the text
    (:func:`segment.is_token_at`), never a fragment across words (年 in 近年来). The
    piece shown is the one covering the most of the query — whole phrases first — not
    merely the first match: a lone 经济 near the top does not hide 海洋经济 further on.
    """
    lower = text.lower()
    spans: list[tuple[int, int, str, bool]] = []  # start, end, term, is a phrase
    taken: set[int] = set()
    literal = {t for t in terms if t}
    for term in sorted(literal | {w for w in words if w}, key=len, reverse=True):
        phrase = term in literal
        start = lower.find(term)
        while start >= 0 and len(spans) < MAX_SPANS:
            end = start + len(term)
            if taken.isdisjoint(range(start, end)):
                spans.append((start, end, term, phrase))
                taken.update(range(start, end))
            start = lower.find(term, start + 1)
    spans.sort()
    begin = _best_window(spans, length)
    end = min(len(text), begin + length)
    out = ["…" if begin > 0 else ""]
    pos = begin
    for s, e, _, phrase in spans:
        if e <= begin or s >= end:
            continue
        # Checked only here, for the few matches shown: segmenting the text around
        # every occurrence of a common word costs more than the whole search.
        if not phrase and not segment.is_token_at(lower, s, e):
            continue
        s, e = max(s, begin), min(e, end)
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    if end < len(text):
        out.append("…")
    return "".join(out).replace("\n", " ")


#: Matches considered per snippet (a word can occur hundreds of times in long minutes).
MAX_SPANS = 400
#: Window starts tried when choosing the piece of text to show.
MAX_ANCHORS = 60


def _best_window(spans: list[tuple[int, int, str, bool]], length: int) -> int:
    """Where the snippet starts: before the match whose window holds the most distinct
    phrases, then the most distinct words, then the earliest."""
    if not spans:
        return 0
    best: tuple[int, int, int] | None = None
    best_begin = 0
    starts = [sp[0] for sp in spans]
    # A window holding every distinct term cannot be beaten (and the first is earliest).
    most = (len({t for _, _, t, p in spans if p}), len({t for _, _, t, _ in spans}))
    for anchor in starts[:MAX_ANCHORS]:
        begin = max(0, anchor - SNIPPET_BEFORE)
        lo = bisect.bisect_left(starts, begin)
        hi = bisect.bisect_left(starts, begin + length)
        inside = [sp for sp in spans[lo:hi] if sp[1] <= begin + length]
        score = (
            len({t for _, _, t, phrase in inside if phrase}),
            len({t for _, _, t, _ in inside}),
            -anchor,
        )
        if best is None or score > best:
            best, best_begin = score, begin
            if score[:2] == most:
                break
    return best_begin


# -- keeping the index in step ------------------------------------------------------------------


def reindex_meeting(meeting_id: int) -> None:
    """Rebuild the search entry of one meeting from its rows (after an edit in the admin).

    Only a meeting with minutes has an entry: one still being prepared (no Minutes row)
    is not part of the archive, so its entry, if any, is removed.
    """
    from jiyao.archive import models as m
    from jiyao.archive.prepare import index_fields

    meeting = m.Meeting.objects.filter(pk=meeting_id).select_related("series").first()
    visibility = (
        m.Minutes.objects.filter(meeting_id=meeting_id).values_list("visibility", flat=True).first()
    )
    if meeting is None or visibility is None:
        m.SearchEntry.objects.filter(meeting_id=meeting_id).delete()
        return
    plain, words = index_fields(meeting.to_record())
    m.SearchEntry.objects.update_or_create(
        meeting_id=meeting_id,
        defaults={
            "words": words,
            "plain": plain,
            "government_id": meeting.series.government_id,
            "date": meeting.date,
            "public": visibility == m.Minutes.PUBLIC,
        },
    )
