"""Load benchmark (issue 10): the real server under many clients while an import runs.

    uv run python bench/load_bench.py [--database sqlite|postgresql|both] [--meetings 10000]
        [--duration 60] [--clients 200] [--think-clients 50] [--think 1.0]
        [--import-docs 600] [--workers N] [--threads N] [--zipf S] [--phase a|b|both]
        [--render-cache warm|cold] [--import-nice 10]

For each database:

1. The archive: ``--meetings`` generated minutes (jiyao.minutes.generate, seed 2026)
   imported once with `jiyao import` and reused by later runs (SQLite under
   ``bench/results/load/sqlite-N/``; PostgreSQL in the database ``h3_load_N`` on
   ``--pg-url``). Every run adds the ``--import-docs`` new documents it imports.
   With ``--render-cache warm`` (default) `jiyao prerender` typesets every document
   ahead first (skipping what the cache holds), as a deployment does after a bulk load;
   ``cold`` empties the render cache, so every download is typeset on demand.
2. `jiyao serve` on 127.0.0.1:``--port`` (gunicorn; ``--workers``/``--threads`` set
   JIYAO_WORKERS/JIYAO_THREADS, else the server's defaults).
3. Each phase: ``--warmup`` s of load, then ``--import-docs`` new documents are
   enqueued as one ``import_files`` task and a `jiyao worker --batch` runs it, while the
   clients run for ``--duration`` s:
   (a) ``--clients`` closed-loop clients (no pause): search 40 %, meeting pages 25 %,
       browsing 20 % (home, governments, a government's year, a department, a person),
       DOCX 7.5 %, PDF 7.5 % of random public meetings (uniform, or ``--zipf S``: a
       Zipf law over the meetings, as real downloads favour a few documents);
   (b) ``--think-clients`` clients pausing ``--think`` s between requests.
   The import's worker runs at ``--import-nice`` and a render worker (``--queues render
   --nice 19``) typesets what the import brings, as docs/deploy.md runs them.
   Targets: (a) 0 errors, 0 time-outs (``--timeout`` s), ≥ 200 requests/s, p95 ≤ 2 s;
   (b) p95 ≤ 150 ms; the import finishes (exit 0).

The load client is threads with http.client and keep-alive connections, one per client;
its own CPU time is measured and printed beside the server's (the server's process tree:
gunicorn master, workers, PDF renderers) and the import's. Only loopback addresses.
Results are printed and written to bench/results/load-<time>.json. Exit status 1 when a
target is missed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HOST = "127.0.0.1"
SEARCH_TERMS = [
    "防汛", "海洋", "预算", "消防", "教育", "医保", "养老", "交通", "招商", "林业",
    "应急预案", "乡村振兴", "营商环境", "安全生产", "项目建设", "森林防火", "垃圾分类",
    "财政资金", "人才引进", "防汛 应急预案", "乡村振兴 资金", "安全生产 隐患 排查",
]  # fmt: skip
MIX = [("search", 40.0), ("meeting", 25.0), ("browse", 20.0), ("docx", 7.5), ("pdf", 7.5)]
RENDER_CACHE_MB = 8192
TICKS = 100  # clock ticks per second in /proc/<pid>/stat (Linux default)


# -- the archive ----------------------------------------------------------------------------


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIYAO_", "DJANGO_"))}
    # Room for every document of the archive (a PDF is ~220 KB: its fonts' subsets).
    env["JIYAO_RENDER_CACHE_MB"] = str(RENDER_CACHE_MB)
    return env


def write_corpus(folder: Path, n: int, seed: int) -> list[Path]:
    sys.path.insert(0, str(ROOT / "src"))
    from jiyao.minutes.generate import generate_corpus

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (text, _record) in enumerate(generate_corpus(n, seed=seed)):
        path = folder / f"{seed}-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def jiyao(env: dict[str, str], *args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jiyao", *args], env=env, cwd=ROOT, text=True, **kw
    )


def sql(env: dict[str, str], query: str) -> list[tuple[Any, ...]]:
    url = env.get("JIYAO_DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url) as conn:
            return list(conn.execute(query).fetchall())  # type: ignore[arg-type]
    db = sqlite3.connect(Path(env["JIYAO_DATA_DIR"]) / "jiyao.sqlite3", timeout=30)
    try:
        return db.execute(query).fetchall()
    finally:
        db.close()


def archive_env(database: str, meetings: int, pg_url: str) -> dict[str, str]:
    """The environment of an archive with at least ``meetings`` meetings (built once)."""
    env = base_env()
    work = RESULTS / "load" / f"{database}-{meetings}"
    work.mkdir(parents=True, exist_ok=True)
    env["JIYAO_DATA_DIR"] = str(work / "data")
    if database == "postgresql":
        import psycopg

        name = f"h3_load_{meetings}"
        parts = urllib.parse.urlsplit(pg_url)
        admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        env["JIYAO_DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    try:
        have = sql(env, "SELECT count(*) FROM archive_meeting")[0][0]
    except Exception:
        have = 0
    if have < meetings:
        print(f"[{database}] building the archive: {meetings} meetings …", flush=True)
        corpus = RESULTS / "load" / f"corpus-{meetings}"
        if not corpus.exists() or len(list(corpus.iterdir())) < meetings:
            write_corpus(corpus, meetings, seed=2026)
        started = time.monotonic()
        done = jiyao(env, "import", str(corpus), stdout=subprocess.DEVNULL)
        if done.returncode != 0:
            raise SystemExit(f"[{database}] import of the archive failed")
        print(f"[{database}] built in {time.monotonic() - started:.0f} s", flush=True)
    return env


def prepare_render_cache(env: dict[str, str], mode: str, database: str) -> None:
    """warm: every document typeset ahead (`jiyao prerender`, skips what is cached);
    cold: the render cache emptied, so every download is typeset on demand."""
    cache = Path(env["JIYAO_DATA_DIR"]) / "cache" / "render"
    if mode == "cold":
        shutil.rmtree(cache, ignore_errors=True)
        return
    print(f"[{database}] typesetting the archive's documents ahead (jiyao prerender) …")
    started = time.monotonic()
    done = jiyao(env, "prerender", stdout=subprocess.PIPE)
    if done.returncode != 0:
        raise SystemExit(f"[{database}] jiyao prerender failed")
    print(
        f"[{database}] {done.stdout.strip().splitlines()[-1]} ({time.monotonic() - started:.0f} s)"
    )


@dataclass
class Targets:
    meetings: list[int]
    governments: list[tuple[int, int]]  # (government, year)
    departments: list[int]
    people: list[int]


def targets(env: dict[str, str]) -> Targets:
    meetings = [
        r[0]
        for r in sql(
            env,
            "SELECT meeting_id FROM archive_minutes WHERE visibility = 'public'"
            " ORDER BY meeting_id",
        )
    ]
    years = sql(
        env,
        "SELECT DISTINCT s.government_id, m.date FROM archive_meeting m"
        " JOIN archive_meetingseries s ON s.id = m.series_id WHERE m.date IS NOT NULL",
    )
    governments = sorted({(g, int(str(d)[:4])) for g, d in years})
    departments = [
        r[0]
        for r in sql(
            env,
            "SELECT DISTINCT organization_id FROM archive_itemsubmitter"
            " WHERE organization_id IS NOT NULL",
        )
    ]
    people = [r[0] for r in sql(env, "SELECT DISTINCT person_id FROM archive_attendance")]
    return Targets(meetings, governments, departments, people)


# -- the server -----------------------------------------------------------------------------


class Server:
    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.port = port
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jiyao", "serve", "--host", HOST, "--port", str(port)],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 180
        while True:
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
                conn.request("GET", "/")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start; see {log}")
            time.sleep(0.5)

    def cpu_seconds(self) -> float:
        return tree_cpu(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and its living descendants."""
    total = 0.0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICKS
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return total


# -- the clients ----------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    during_import: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    timeouts: int = 0
    #: kind → how many answers the server's page cache gave (X-Jiyao-Cache: hit).
    cache_hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)


class Picker:
    def __init__(self, t: Targets, zipf: float | None, seed: int) -> None:
        self.t = t
        self.rng = random.Random(seed)
        self.kinds = [k for k, _ in MIX]
        self.weights = [w for _, w in MIX]
        self.zipf_weights = None
        if zipf:
            order = list(t.meetings)
            random.Random(1).shuffle(order)
            self.zipf_order = order
            self.zipf_weights = [1 / (i + 1) ** zipf for i in range(len(order))]

    def meeting(self, rng: random.Random, download: bool) -> int:
        if download and self.zipf_weights is not None:
            return rng.choices(self.zipf_order, self.zipf_weights)[0]
        return rng.choice(self.t.meetings)

    def next(self, rng: random.Random) -> tuple[str, str]:
        kind = rng.choices(self.kinds, self.weights)[0]
        if kind == "search":
            q = urllib.parse.quote(rng.choice(SEARCH_TERMS))
            page = "&page=2" if rng.random() < 0.2 else ""
            return kind, f"/search/?q={q}{page}"
        if kind == "meeting":
            return kind, f"/meetings/{self.meeting(rng, False)}/"
        if kind in ("docx", "pdf"):
            return kind, f"/meetings/{self.meeting(rng, True)}/download/{kind}/"
        r = rng.random()
        if r < 0.2:
            return kind, "/"
        if r < 0.3:
            return kind, "/governments/"
        if r < 0.6 and self.t.governments:
            gov, year = rng.choice(self.t.governments)
            return kind, f"/governments/{gov}/{year}/"
        if r < 0.8 and self.t.departments:
            return kind, f"/departments/{rng.choice(self.t.departments)}/"
        return kind, f"/people/{rng.choice(self.t.people)}/"


def client(
    picker: Picker,
    tally: Tally,
    stop_at: float,
    think: float,
    timeout: float,
    seed: int,
    measure_from: list[float],
    importing: threading.Event,
) -> None:
    rng = random.Random(seed)
    conn: http.client.HTTPConnection | None = None
    while time.monotonic() < stop_at:
        kind, path = picker.next(rng)
        hit = False
        started = time.monotonic()
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, picker_port, timeout=timeout)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
            hit = response.getheader("X-Jiyao-Cache") == "hit"
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except TimeoutError:
            status = -1
        except (OSError, http.client.HTTPException) as exc:
            status = -2
            with tally.lock:
                tally.errors[f"{kind}: {type(exc).__name__}"] += 1
        elapsed = time.monotonic() - started
        if status < 0 and conn is not None:
            conn.close()
            conn = None
        if started >= measure_from[0]:
            with tally.lock:
                tally.statuses[status] += 1
                if status == -1:
                    tally.timeouts += 1
                elif status != 200:
                    if status > 0:
                        tally.errors[f"{kind}: HTTP {status}"] += 1
                else:
                    tally.latencies[kind].append(elapsed)
                    if hit:
                        tally.cache_hits[kind] += 1
                    if importing.is_set():
                        tally.during_import.append(elapsed)
        if think:
            time.sleep(think * rng.uniform(0.5, 1.5))
    if conn is not None:
        conn.close()


picker_port = 0


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def run_phase(
    name: str,
    env: dict[str, str],
    server: Server,
    picker: Picker,
    args: argparse.Namespace,
    clients: int,
    think: float,
) -> dict[str, Any]:
    tally = Tally()
    now = time.monotonic()
    measure_from = [now + args.warmup]
    stop_at = measure_from[0] + args.duration
    importing = threading.Event()
    threads = [
        threading.Thread(
            target=client,
            args=(picker, tally, stop_at, think, args.timeout, i, measure_from, importing),
            daemon=True,
        )
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    time.sleep(max(0.0, measure_from[0] - time.monotonic()))
    cpu0 = (server.cpu_seconds(), time.process_time(), time.monotonic())
    # The background worker that typesets what the import brings, as `scripts/demo` and
    # docs/deploy.md run it: its own queue, at a lower CPU priority than the web server.
    renderer = subprocess.Popen(
        [sys.executable, "-m", "jiyao", "worker", "--queues", "render", "--nice", "19"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    imp = start_import(env, args.import_docs, args.import_nice)
    importing.set()
    import_seconds = None
    import_status = None
    import_cpu = 0.0
    while any(t.is_alive() for t in threads):
        if import_status is None and imp["process"].poll() is not None:
            import_seconds = time.monotonic() - imp["started"]
            import_status = imp["process"].returncode
            importing.clear()
        if import_status is None:
            import_cpu = max(import_cpu, tree_cpu(imp["process"].pid))
        time.sleep(0.2)
    server_cpu = server.cpu_seconds() - cpu0[0]
    client_cpu = time.process_time() - cpu0[1]
    wall = time.monotonic() - cpu0[2]
    render_cpu = tree_cpu(renderer.pid)
    os.killpg(renderer.pid, signal.SIGTERM)  # it finishes its task (a few meetings) first
    try:
        renderer.wait(120)
    except subprocess.TimeoutExpired:
        os.killpg(renderer.pid, signal.SIGKILL)
        renderer.wait()
    if import_status is None:
        import_status = imp["process"].wait()
        import_seconds = time.monotonic() - imp["started"]
    imported = import_result(env, imp["task"])
    shutil.rmtree(imp["folder"], ignore_errors=True)  # the task deleted the documents
    all_lat = [x for v in tally.latencies.values() for x in v]
    total = sum(tally.statuses.values())  # every request sent, time-outs included
    result = {
        "phase": name,
        "clients": clients,
        "think_s": think,
        "duration_s": args.duration,
        "requests": total,
        "ok": len(all_lat),
        "requests_per_s": len(all_lat) / args.duration,  # answered with 200 only
        "p50_ms": pct(all_lat, 50) * 1000,
        "p95_ms": pct(all_lat, 95) * 1000,
        "p99_ms": pct(all_lat, 99) * 1000,
        "max_ms": max(all_lat, default=float("nan")) * 1000,
        "p95_during_import_ms": pct(tally.during_import, 95) * 1000,
        "by_kind": {
            k: {
                "n": len(v),
                "p50_ms": pct(v, 50) * 1000,
                "p95_ms": pct(v, 95) * 1000,
                "cache_hits": tally.cache_hits.get(k, 0),
            }
            for k, v in sorted(tally.latencies.items())
        },
        "errors": dict(tally.errors),
        "error_count": sum(tally.errors.values()),
        "timeouts": tally.timeouts,
        "server_cpu_cores": server_cpu / wall,
        # CPU per request, the figure a busy machine distorts least: 2 cores ÷ this is
        # what the server could answer per second with nothing else running.
        "server_cpu_ms_per_request": 1000 * server_cpu / max(1, total),
        "client_cpu_cores": client_cpu / wall,
        "render_worker_cpu_cores": render_cpu / wall,
        "import": {
            "docs": args.import_docs,
            "exit": import_status,
            "seconds": import_seconds,
            "cpu_cores_while_running": import_cpu / import_seconds if import_seconds else None,
            "summary": imported,
        },
    }
    return result


def start_import(env: dict[str, str], n: int, nice: int) -> dict[str, Any]:
    """Enqueue ``n`` new documents as one import_files task; start a worker to run it
    (``jiyao worker --nice nice``, as docs/deploy.md runs the background worker)."""
    seed = int(time.time())
    folder = RESULTS / "load" / f"import-{seed}"
    paths = [str(p) for p in write_corpus(folder, n, seed=seed)]
    listing = folder / "paths.json"
    listing.write_text(json.dumps(paths))
    code = (
        "import json, sys\nfrom jiyao.cli.archive import setup_django\nsetup_django()\n"
        "from jiyao.archive.tasks import import_files\n"
        f"paths = json.load(open({str(listing)!r}))\n"
        "print(import_files.enqueue(paths, delete_after=True).id)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"enqueue failed: {done.stderr}")
    task = done.stdout.strip()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jiyao",
            "worker",
            "--batch",
            "--interval",
            "0",
            "--queues",
            "default",
            "--nice",
            str(nice),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return {"process": process, "started": time.monotonic(), "task": task, "folder": folder}


def import_result(env: dict[str, str], task: str) -> Any:
    """The import task's status and counts (read through the tasks API)."""
    code = (
        "import json\nfrom jiyao.cli.archive import setup_django\nsetup_django()\n"
        "from jiyao.archive.tasks import import_files\n"
        f"r = import_files.get_result({task!r})\n"
        "v = r.return_value if r.is_finished and not r.errors else None\n"
        "print(json.dumps([str(r.status), v]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip()[-500:]}
    status, value = json.loads(done.stdout)
    if isinstance(value, dict):
        value = {k: (len(v) if isinstance(v, list) else v) for k, v in value.items()}
    return {"status": status, "return_value": value}


def report(database: str, r: dict[str, Any]) -> list[str]:
    print(
        f"\n[{database}] phase {r['phase']}: {r['clients']} clients, think {r['think_s']} s,"
        f" {r['duration_s']} s"
    )
    print(
        f"  {r['requests']} requests, {r['ok']} answered 200 = {r['requests_per_s']:.1f}/s;"
        f" p50 {r['p50_ms']:.0f} ms,"
        f" p95 {r['p95_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms, max {r['max_ms']:.0f} ms;"
        f" p95 while importing {r['p95_during_import_ms']:.0f} ms"
    )
    for kind, v in r["by_kind"].items():
        hits = v.get("cache_hits", 0) / max(1, v["n"])
        print(
            f"    {kind:8} n={v['n']:6}  p50 {v['p50_ms']:7.1f} ms  p95 {v['p95_ms']:7.1f} ms"
            f"  page cache hits {hits:4.0%}"
        )
    print(f"  errors {r['error_count']} {r['errors'] or ''}, time-outs {r['timeouts']}")
    print(
        f"  CPU: server {r['server_cpu_cores']:.2f} cores"
        f" ({r['server_cpu_ms_per_request']:.1f} ms per request), load client"
        f" {r['client_cpu_cores']:.2f} cores, render worker"
        f" {r.get('render_worker_cpu_cores', 0):.2f} cores (nice 19)"
    )
    imp = r["import"]
    print(
        f"  import of {imp['docs']} documents: exit {imp['exit']}, {imp['seconds']:.1f} s,"
        f" {imp['summary']}"
    )
    missed = []
    if imp["exit"] != 0:
        missed.append(f"{database} {r['phase']}: the import did not finish")
    if r["phase"] == "a":
        if r["error_count"] or r["timeouts"]:
            missed.append(f"{database} a: {r['error_count']} errors, {r['timeouts']} time-outs")
        if r["requests_per_s"] < 200:
            missed.append(f"{database} a: {r['requests_per_s']:.0f} requests/s < 200")
        if r["p95_ms"] > 2000:
            missed.append(f"{database} a: p95 {r['p95_ms']:.0f} ms > 2 s")
    elif r["p95_ms"] > 150:
        missed.append(f"{database} b: p95 {r['p95_ms']:.0f} ms > 150 ms")
    return missed


def main() -> int:
    global picker_port
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    ap.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    ap.add_argument("--meetings", type=int, default=10000)
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--think-clients", type=int, default=50)
    ap.add_argument("--think", type=float, default=1.0)
    ap.add_argument("--import-docs", type=int, default=600)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--workers", type=int)
    ap.add_argument("--threads", type=int)
    ap.add_argument("--zipf", type=float, help="Zipf exponent for downloads (default uniform)")
    ap.add_argument("--phase", choices=("a", "b", "both"), default="both")
    ap.add_argument(
        "--import-nice",
        type=int,
        default=10,
        help="`jiyao worker --nice` of the import's worker (docs/deploy.md: 10)",
    )
    ap.add_argument(
        "--render-cache",
        choices=("warm", "cold"),
        default="warm",
        help="warm: `jiyao prerender` first, as a deployment does; cold: cache emptied",
    )
    ap.add_argument("--port", type=int, default=8103)
    args = ap.parse_args()
    picker_port = args.port
    databases = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    missed: list[str] = []
    for database in databases:
        env = archive_env(database, args.meetings, args.pg_url)
        prepare_render_cache(env, args.render_cache, database)
        if args.workers:
            env["JIYAO_WORKERS"] = str(args.workers)
        if args.threads:
            env["JIYAO_THREADS"] = str(args.threads)
        t = targets(env)
        print(
            f"[{database}] {len(t.meetings)} public meetings,"
            f" {sum(1 for _ in t.governments)} government-years",
            flush=True,
        )
        server = Server(env, args.port, RESULTS / f"load-server-{database}.log")
        try:
            phases = [("a", args.clients, 0.0), ("b", args.think_clients, args.think)]
            for name, clients, think in phases:
                if args.phase not in (name, "both"):
                    continue
                picker = Picker(t, args.zipf, seed=len(results))
                r = run_phase(name, env, server, picker, args, clients, think)
                r["database"] = database
                results.append(r)
                missed += report(database, r)
        finally:
            server.stop()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"load-{stamp}.json"
    meta = {"args": vars(args), "cores": os.cpu_count(), "load_avg": os.getloadavg()}
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=2, ensure_ascii=False))
    print(f"\nresults: {out}")
    print("targets met" if not missed else "targets missed:\n  " + "\n  ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
