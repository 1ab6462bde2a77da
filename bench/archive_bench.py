"""Archive benchmark (issue 3 part 10): import throughput, search and meeting-page latency.

    uv run python bench/archive_bench.py --meetings 100000 [--database-url URL]

1. Generates ``--meetings`` minutes texts (jiyao.minutes.generate, fixed seed; time
   reported apart) and imports them through the archive's importer in batch mode
   (``Importer.import_many``: read, parse, resolve, segment, one bulk insert per table
   per batch of new documents — the same code `jiyao import` runs, with reading, parsing
   and segmenting in ``--workers`` processes as `jiyao import` does for large imports).
   → documents/s.
2. Search latency p50/p95 over 2-character, 4-character and multi-word queries
   (``jiyao.archive.search.search``, first page, as a logged-in insider and as the
   public), each query repeated.
3. Meeting-page latency p50/p95: Django test client GET of /meetings/<id>/ for random
   meetings, logged in.
4. The same queries as a LIKE scan (``icontains`` on every word over the same indexed
   text, count + first page) → how many times faster the index is (median over
   medians).

The database: by default a fresh SQLite file in a temporary data directory; with
``--database-url`` (postgresql://…) that database is created when missing and EMPTIED
(every table flushed) before the run. Exit status 1 when a target is missed (targets are
for SQLite: import ≥ 500 documents/s, search p95 ≤ 30 ms, meeting page p95 ≤ 50 ms,
search ≥ 100× LIKE).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

QUERIES: dict[str, list[str]] = {
    "2-char": ["防汛", "海洋", "预算", "消防", "教育", "医保", "养老", "交通", "招商", "林业"],
    "4-char": [
        "应急预案",
        "乡村振兴",
        "营商环境",
        "安全生产",
        "项目建设",
        "森林防火",
        "垃圾分类",
        "文明城市",
        "财政资金",
        "人才引进",
    ],
    "multi-word": [
        "防汛 应急预案",
        "海洋 经济 发展",
        "乡村振兴 资金",
        "安全生产 隐患 排查",
        "教育 项目建设",
        "财政 预算 执行",
        "营商环境 优化",
        "养老 服务 体系",
    ],
}
TARGETS = {"import": 500.0, "search_p95_ms": 30.0, "page_p95_ms": 50.0, "like_ratio": 100.0}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def setup(database_url: str | None, data_dir: Path) -> None:
    os.environ["JIYAO_DATA_DIR"] = str(data_dir)
    if database_url:
        os.environ["JIYAO_DATABASE_URL"] = database_url
        _create_postgres_database(database_url)
    else:
        os.environ.pop("JIYAO_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyao.web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    if database_url:
        call_command("flush", verbosity=0, interactive=False)


def _create_postgres_database(url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    conninfo = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
    }
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def bench_import(n: int, seed: int, batch: int, workers: int) -> dict[str, float]:
    from jiyao.archive import segment
    from jiyao.archive.importer import Importer, Input
    from jiyao.minutes.generate import generate_corpus

    started = time.perf_counter()
    texts = [text.encode("utf-8") for text, _ in generate_corpus(n, seed=seed)]
    generated = time.perf_counter() - started
    segment.warm_up()
    importer = Importer(visibility="public", workers=workers)
    cpu_before = _cpu_times()
    started = time.perf_counter()
    done = 0
    step = max(batch, n // 20)
    for start in range(0, n, step):
        inputs = [
            Input(name=f"generated-{i:06d}.txt", data=texts[i])
            for i in range(start, min(n, start + step))
        ]
        summary = importer.import_many(inputs, batch_size=batch)
        if summary.failed:
            name, reason = summary.failed[0]
            print(f"  {len(summary.failed)} failed, e.g. {name}: {reason}", file=sys.stderr)
        done += len(inputs)
        rate = done / (time.perf_counter() - started)
        print(f"  imported {done:>7,} documents, {rate:,.0f}/s", file=sys.stderr)
    importer.close()  # joins the workers: their CPU time is then the children's
    elapsed = time.perf_counter() - started
    own, children = (after - before for after, before in zip(_cpu_times(), cpu_before, strict=True))
    return {
        "generate_s": generated,
        "import_s": elapsed,
        "import_rate": n / elapsed,
        "writer_cpu_ms": 1000 * own / n,
        "workers_cpu_ms": 1000 * children / n,
    }


def _cpu_times() -> tuple[float, float]:
    """CPU seconds (user + sys) of this process, and of its ended children (the workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result


def bench_search(reps: int) -> dict[str, dict[str, float]]:
    from jiyao.archive.search import search

    out: dict[str, dict[str, float]] = {}
    for public_only in (False, True):
        for kind, queries in QUERIES.items():
            times: list[float] = []
            hits: list[int] = []
            for query in queries:
                search(query, public_only=public_only)  # warm this query's pages
                for _ in range(reps):
                    ms, page = timed(search, query, public_only=public_only)
                    times.append(ms)
                hits.append(page.total)
            key = f"{kind}{' (public)' if public_only else ''}"
            out[key] = {
                "p50": percentile(times, 50),
                "p95": percentile(times, 95),
                "median_hits": statistics.median(hits),
            }
    return out


def like_scan(query: str) -> int:
    from jiyao.archive.models import SearchEntry
    from jiyao.archive.search import query_terms

    words, _ = query_terms(query)
    qs = SearchEntry.objects.all()
    for word in words:
        qs = qs.filter(plain__icontains=word)
    total = qs.count()
    list(qs.order_by("-date").values_list("meeting_id", flat=True)[:20])
    return total


def bench_like(reps: int) -> dict[str, float]:
    from jiyao.archive.search import search

    ratios: list[float] = []
    like_ms: list[float] = []
    for queries in QUERIES.values():
        for query in queries[:3]:
            like = statistics.median(timed(like_scan, query)[0] for _ in range(reps))
            indexed = statistics.median(
                timed(search, query, public_only=False)[0] for _ in range(reps * 3)
            )
            like_ms.append(like)
            ratios.append(like / indexed)
    return {"like_median_ms": statistics.median(like_ms), "ratio": statistics.median(ratios)}


def bench_pages(samples: int, seed: int) -> dict[str, float]:
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from jiyao.archive.models import Meeting

    # An insider (staff role): the access rule's full path, internal minutes included.
    user, _ = User.objects.get_or_create(username="bench-insider")
    user.groups.add(Group.objects.get_or_create(name="supervisor")[0])
    client = Client()
    client.force_login(user)
    ids = list(Meeting.objects.values_list("pk", flat=True))
    rng = random.Random(seed)
    picked = [rng.choice(ids) for _ in range(samples)]
    client.get(f"/meetings/{picked[0]}/")
    times = []
    for pk in picked:
        ms, response = timed(client.get, f"/meetings/{pk}/")
        if response.status_code != 200:
            raise SystemExit(f"/meetings/{pk}/ answered {response.status_code}")
        times.append(ms)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--database-url", help="postgresql://… (emptied!); default SQLite")
    parser.add_argument("--batch", type=int, default=500, help="documents per transaction")
    parser.add_argument("--reps", type=int, default=10, help="repetitions per query")
    parser.add_argument("--pages", type=int, default=300, help="meeting pages fetched")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="parse processes (0: in process; default: as `jiyao import`, cores - 1)",
    )
    parser.add_argument("--data-dir", help="keep the SQLite database here (default: temporary)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="jiyao-bench-") as tmp:
        data_dir = Path(args.data_dir or tmp)
        data_dir.mkdir(parents=True, exist_ok=True)
        setup(args.database_url, data_dir)
        from django.db import connection

        vendor = connection.vendor
        from jiyao.archive.importer import default_workers

        workers = default_workers() if args.workers is None else args.workers
        print(
            f"database: {vendor}; {args.meetings:,} generated meetings; {workers} worker(s)",
            file=sys.stderr,
        )
        imported = bench_import(args.meetings, args.seed, args.batch, workers)
        if vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cur.execute("ANALYZE")
        else:
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
        searched = bench_search(args.reps)
        liked = bench_like(max(1, args.reps // 5))
        pages = bench_pages(args.pages, args.seed)

    print(f"\n## {vendor}, {args.meetings:,} meetings\n")
    print("| measure | figure | target (SQLite) |")
    print("| --- | --- | --- |")
    print(
        f"| import | {imported['import_rate']:,.0f} documents/s "
        f"({imported['import_s']:,.1f} s; generating the texts took "
        f"{imported['generate_s']:,.1f} s more) | ≥ 500/s |"
    )
    cpu_rate = 1000 / max(imported["writer_cpu_ms"], imported["workers_cpu_ms"] / max(workers, 1))
    print(
        f"| import, CPU time a document | writer {imported['writer_cpu_ms']:.2f} ms, "
        f"parse workers {imported['workers_cpu_ms']:.2f} ms (together; {workers} worker(s)): "
        f"a core each would give ≈ {cpu_rate:,.0f} documents/s | (less disturbed by load) |"
    )
    for key, row in searched.items():
        print(
            f"| search {key} | p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms "
            f"(median {row['median_hits']:,.0f} hits) | p95 ≤ 30 ms |"
        )
    print(f"| meeting page | p50 {pages['p50']:.1f} ms, p95 {pages['p95']:.1f} ms | p95 ≤ 50 ms |")
    print(
        f"| LIKE scan, same queries | median {liked['like_median_ms']:,.0f} ms; "
        f"the index is {liked['ratio']:,.0f}× faster | ≥ 100× |"
    )
    if vendor != "sqlite":
        return 0
    worst_search = max(row["p95"] for row in searched.values())
    missed = [
        name
        for name, ok in (
            ("import", imported["import_rate"] >= TARGETS["import"]),
            ("search", worst_search <= TARGETS["search_p95_ms"]),
            ("meeting page", pages["p95"] <= TARGETS["page_p95_ms"]),
            ("LIKE ratio", liked["ratio"] >= TARGETS["like_ratio"]),
        )
        if not ok
    ]
    if missed:
        print(f"\ntargets missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
