"""Parser benchmark (issue 2 part 9): documents/s for read+parse, flat memory, vs jieba.

    uv run python bench/parse_bench.py [--docs 2000] [--runs 5] [--profile]
    uv run python bench/parse_bench.py --realset [--docs 2000] [--runs 5]

Method:
1. ``generate_corpus`` makes the documents (formal 纪要, their layout variants and
   website reports, seed 0); they are written as files to a temporary directory,
   mostly UTF-8, some GB18030 and UTF-16 (with BOM), so decoding is measured too.
2. Throughput: in this process, after one warm-up pass, each run reads every file with
   ``jiyao.minutes.read.read_path`` and parses its text with ``jiyao.minutes.parse.parse``;
   documents/s is the median over the runs. Reading alone and parsing alone (the
   normalized texts, in memory) are timed the same way, to show where the time goes.
3. jieba: the same normalized texts, in memory, segmented with ``jieba.lcut`` after
   ``jieba.initialize()``; documents/s, median over runs, interleaved with the parser's
   runs so that other load on the machine slows both alike. The ratio compares like with
   like: parsing in memory against segmenting in memory (reading the files costs the
   same whichever runs after it, and alone it is already about 50× jieba).
   For context, ``jieba.posseg.lcut`` too (segmentation with part-of-speech tags, what
   finding names and organizations with jieba takes); the target is set against
   ``jieba.lcut``, and the verdict uses that.
4. Memory: a fresh subprocess reads and parses the first 1,000 and, separately, 4,000
   files, keeping nothing, and reports its peak resident set (VmHWM from
   /proc/self/status); a third process that only imports the parser gives the baseline. Flat means the 4,000-document
   peak is within 10 % (or 5 MB) of the 1,000-document one.

``--realset [DIR]`` (issue 12) measures real documents end to end instead: the files of
DIR (default tests/realset/docs) are copied round-robin into a temporary directory until
there are ``--docs`` of them, and ``jiyao parse --jsonl TMPDIR > /dev/null`` runs
``--runs`` times as a fresh process, pinned to one core (``taskset -c 0`` when there is
one): process start, imports, reading, parsing and the JSON lines, all counted.
Reported: documents/s by wall time, and the process's CPU time (user + sys, from
``getrusage`` of the children) per document, which a busy machine disturbs less; the
start-up alone (the same command on one file) is reported apart. Medians over the runs.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jiyao.minutes.generate import generate_corpus
from jiyao.minutes.read import read_path

ENCODINGS = (("utf-8", 80), ("gb18030", 10), ("utf-16", 10))
MEMORY_COUNTS = (1000, 4000)
TARGET_DOCS_PER_S = 2000
TARGET_RATIO = 50
REALSET = Path(__file__).resolve().parent.parent / "tests" / "realset" / "docs"
#: What issue 12 names: ≈ 1,200 documents/s end to end on the real set before it.
REALSET_BASELINE = 1200


def load_parse() -> Callable[[str], Any]:
    try:
        from jiyao.minutes.parse import parse
    except ImportError as exc:
        sys.exit(f"parse_bench: the parser is not available ({exc})")
    return parse  # type: ignore[no-any-return]


def write_corpus(directory: Path, count: int, seed: int = 0) -> tuple[list[Path], Counter[str]]:
    """Write ``count`` generated documents; returns their paths and the encodings used."""
    rng = random.Random(seed)
    paths: list[Path] = []
    used: Counter[str] = Counter()
    names, weights = zip(*ENCODINGS, strict=True)
    for i, (text, _record) in enumerate(generate_corpus(count, seed)):
        encoding = rng.choices(names, weights)[0]
        path = directory / f"{i:06d}.txt"
        path.write_bytes(text.encode(encoding))  # utf-16 writes a BOM
        paths.append(path)
        used[encoding] += 1
    return paths, used


def read_parse_pass(paths: list[Path], parse: Callable[[str], Any]) -> float:
    start = time.perf_counter()
    for path in paths:
        parse(read_path(path).text)
    return time.perf_counter() - start


def read_pass(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        read_path(path)
    return time.perf_counter() - start


def parse_pass(texts: list[str], parse: Callable[[str], Any]) -> float:
    start = time.perf_counter()
    for text in texts:
        parse(text)
    return time.perf_counter() - start


def jieba_pass(texts: list[str]) -> float:
    import jieba

    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - start


def posseg_pass(texts: list[str]) -> float:
    import jieba.posseg

    start = time.perf_counter()
    for text in texts:
        jieba.posseg.lcut(text)
    return time.perf_counter() - start


def child_memory(directory: str, count: int) -> None:
    """Subprocess entry: read+parse the first ``count`` files, print peak RSS in KiB."""
    parse = load_parse()
    paths = sorted(Path(directory).iterdir())[:count]
    done = 0
    for path in paths:
        parse(read_path(path).text)
        done += 1
    print(json.dumps({"docs": done, "peak_kib": peak_rss_kib()}))


def peak_rss_kib() -> int:
    """This process's peak resident set in KiB.

    VmHWM, not ``ru_maxrss``: Linux carries ``ru_maxrss`` over fork and exec, so a child
    of a big parent would report the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def measure_memory(directory: Path, count: int) -> int:
    out = subprocess.run(
        [sys.executable, __file__, "--child-memory", str(directory), str(count)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return int(result["peak_kib"])


def profile(paths: list[Path], parse: Callable[[str], Any], top: int = 25) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    read_parse_pass(paths, parse)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)
    return stream.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Parser benchmark: read+parse documents/s, memory at 1,000 vs 4,000 "
        "documents, and the ratio to jieba segmentation of the same texts.",
        epilog="example: uv run python bench/parse_bench.py --docs 2000 --runs 5",
    )
    parser.add_argument("--docs", type=int, default=2000, help="documents per run (≥ 1)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (median reported)")
    parser.add_argument("--jieba-runs", type=int, default=3, help="timed jieba runs")
    parser.add_argument(
        "--posseg-runs", type=int, default=1, help="timed jieba.posseg runs (0: skip)"
    )
    parser.add_argument("--profile", action="store_true", help="print cProfile's top entries")
    parser.add_argument("--child-memory", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--realset",
        nargs="?",
        const=str(REALSET),
        metavar="DIR",
        help="real documents end to end: `jiyao parse --jsonl` over --docs copies of DIR's "
        "files, one core (default DIR: tests/realset/docs)",
    )
    args = parser.parse_args(argv)
    if args.realset:
        if args.docs < 1 or args.runs < 1:
            parser.error("--docs and --runs must be at least 1")
        return realset_main(Path(args.realset), args.docs, args.runs)
    if args.child_memory:
        child_memory(args.child_memory[0], int(args.child_memory[1]))
        return 0
    if args.docs < 1 or args.runs < 1 or args.jieba_runs < 1 or args.posseg_runs < 0:
        parser.error("--docs, --runs and --jieba-runs must be at least 1, --posseg-runs 0 or more")

    parse = load_parse()
    with tempfile.TemporaryDirectory(prefix="jiyao-parse-bench-") as tmp:
        directory = Path(tmp)
        total = max(args.docs, *MEMORY_COUNTS)
        t0 = time.perf_counter()
        all_paths, used = write_corpus(directory, total)
        generated = time.perf_counter() - t0
        paths = all_paths[: args.docs]
        size = sum(p.stat().st_size for p in paths)
        texts = [read_path(p).text for p in paths]
        chars = sum(len(t) for t in texts)

        read_parse_pass(paths, parse)  # warm-up: imports, caches, compiled patterns
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        # Interleaved, so that a busy machine slows the measures alike and the ratio holds.
        both_times: list[float] = []
        read_times: list[float] = []
        parse_times: list[float] = []
        jieba_times: list[float] = []
        posseg_times: list[float] = []
        for run in range(max(args.runs, args.jieba_runs, args.posseg_runs)):
            if run < args.runs:
                both_times.append(read_parse_pass(paths, parse))
                read_times.append(read_pass(paths))
                parse_times.append(parse_pass(texts, parse))
            if run < args.jieba_runs:
                jieba_times.append(jieba_pass(texts))
            if run < args.posseg_runs:
                posseg_times.append(posseg_pass(texts))

        baseline = measure_memory(directory, 0)
        memory = {count: measure_memory(directory, count) for count in MEMORY_COUNTS}
        profile_text = profile(paths, parse) if args.profile else ""

    def rates(times: list[float]) -> list[float]:
        return [args.docs / t for t in times]

    rows = {
        "read+parse documents/s": rates(both_times),
        "read only documents/s": rates(read_times),
        "parse only documents/s": rates(parse_times),
        "jieba.lcut documents/s": rates(jieba_times),
    }
    if posseg_times:
        rows["jieba.posseg.lcut documents/s"] = rates(posseg_times)
    both_median = statistics.median(rows["read+parse documents/s"])
    ratio = statistics.median(rows["parse only documents/s"]) / statistics.median(
        rows["jieba.lcut documents/s"]
    )
    ratio_read = both_median / statistics.median(rows["jieba.lcut documents/s"])
    low, high = (memory[c] / 1024 for c in MEMORY_COUNTS)
    growth = high - low
    flat = growth <= max(0.10 * low, 5.0)
    encodings = ", ".join(f"{used_n} {enc}" for enc, used_n in used.most_common())

    print(
        f"parse benchmark: {args.docs} documents ({size / 1e6:.1f} MB on disk, "
        f"{chars / args.docs:.0f} characters on average), {args.runs} runs "
        f"({args.jieba_runs} for jieba), Python {sys.version.split()[0]}"
    )
    print(f"corpus of {total} files generated in {generated:.1f} s; encodings: {encodings}")
    print()
    print(f"{'measure':<36}{'median':>10}{'min':>10}{'max':>10}")
    for label, values in rows.items():
        print(
            f"{label:<36}{statistics.median(values):>10,.0f}{min(values):>10,.0f}"
            f"{max(values):>10,.0f}"
        )
    print(f"{'ratio parse / jieba (in memory)':<36}{ratio:>9.1f}×")
    print(f"{'ratio read+parse / jieba':<36}{ratio_read:>9.1f}×")
    if posseg_times:
        posseg_ratio = statistics.median(rows["parse only documents/s"]) / statistics.median(
            rows["jieba.posseg.lcut documents/s"]
        )
        print(f"{'ratio parse / jieba.posseg':<36}{posseg_ratio:>9.1f}×")
    print(f"{'peak RSS, imports only':<36}{baseline / 1024:>7.1f} MB")
    for count in MEMORY_COUNTS:
        print(f"{f'peak RSS, {count:,} documents':<36}{memory[count] / 1024:>7.1f} MB")
    print(f"{'growth 1,000 → 4,000 documents':<36}{growth:>7.1f} MB")
    print()
    verdicts = (
        (f"≥ {TARGET_DOCS_PER_S:,} documents/s (read+parse)", both_median >= TARGET_DOCS_PER_S),
        (f"≥ {TARGET_RATIO}× jieba", ratio >= TARGET_RATIO),
        ("memory flat in the number of documents", flat),
    )
    for label, ok in verdicts:
        print(f"target {label}: {'met' if ok else 'NOT met'}")
    if profile_text:
        print()
        print("cProfile of one read+parse pass (top entries by own time):")
        print(profile_text)
    return 0


def replicate(source: Path, target: Path, count: int) -> list[Path]:
    """``count`` files in ``target``: the files of ``source``, round-robin, byte for byte."""
    originals = sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith("."))
    if not originals:
        sys.exit(f"parse_bench: no files in {source}")
    paths = []
    for i in range(count):
        original = originals[i % len(originals)]
        path = target / f"{i:06d}-{original.name}"
        shutil.copyfile(original, path)
        paths.append(path)
    return paths


def jiyao_command(*args: str) -> list[str]:
    """`jiyao ARGS` from this environment, pinned to core 0 when taskset exists."""
    script = Path(sys.executable).with_name("jiyao")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "jiyao"]
    pin = shutil.which("taskset")
    return ([pin, "-c", "0"] if pin else []) + command + list(args)


def timed_process(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + sys) seconds of one run of ``command``, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def realset_main(source: Path, docs: int, runs: int) -> int:
    """Issue 12: the real set end to end through `jiyao parse --jsonl`, one core."""
    with tempfile.TemporaryDirectory(prefix="jiyao-realset-bench-") as tmp:
        directory = Path(tmp)
        paths = replicate(source, directory, docs)
        size = sum(p.stat().st_size for p in paths)
        full = jiyao_command("parse", "--jsonl", str(directory))
        single = jiyao_command("parse", "--jsonl", str(paths[0]))
        # Compiled modules cached as an installed package has them: with
        # PYTHONDONTWRITEBYTECODE (set in some sandboxes) every run would compile the
        # sources again (~50 ms). The cache goes to the temporary directory.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(directory / ".pycache")
        timed_process(full, env)  # warm-up: the page cache, .pyc files
        timed: list[tuple[float, float]] = []
        started: list[tuple[float, float]] = []
        for _ in range(runs):  # interleaved, so that load on the machine hits both alike
            timed.append(timed_process(full, env))
            started.append(timed_process(single, env))
    wall = statistics.median(w for w, _ in timed)
    cpu = statistics.median(c for _, c in timed)
    start_cpu = statistics.median(c for _, c in started)
    rate = docs / wall
    load = os.getloadavg()[0]
    print(
        f"real-set benchmark: {docs} files copied from {source} ({size / 1e6:.1f} MB), "
        f"{runs} runs, Python {sys.version.split()[0]}, load average {load:.1f} at the end"
    )
    print(f"command: {' '.join(full)} > /dev/null")
    print()
    print(f"{'measure':<44}{'median':>10}{'min':>10}{'max':>10}")
    rows: tuple[tuple[str, list[float], str], ...] = (
        ("documents/s, wall", [docs / w for w, _ in timed], ",.0f"),
        ("documents/s, CPU time (user+sys)", [docs / c for _, c in timed], ",.0f"),
        ("CPU ms a document (run CPU / documents)", [1000 * c / docs for _, c in timed], ".3f"),
        ("start-up (one file), wall ms", [1000 * w for w, _ in started], ",.0f"),
        ("start-up (one file), CPU ms", [1000 * c for _, c in started], ",.0f"),
    )
    for label, values, fmt in rows:
        print(
            f"{label:<44}{format(statistics.median(values), fmt):>10}"
            f"{format(min(values), fmt):>10}{format(max(values), fmt):>10}"
        )
    if docs > 1:
        per_doc = (cpu - start_cpu) / (docs - 1)
        print(f"{'CPU ms a document past start-up (medians)':<44}{1000 * per_doc:>10.3f}")
    print(f"{'wall rate / issue 12 baseline (1,200/s)':<44}{rate / REALSET_BASELINE:>9.2f}×")
    print(f"{'wall rate / target (2,000/s)':<44}{rate / TARGET_DOCS_PER_S:>9.2f}×")
    print()
    for label, value in (("wall", rate), ("CPU time", docs / cpu)):
        verdict = "met" if value >= TARGET_DOCS_PER_S else "NOT met"
        print(
            f"target ≥ {TARGET_DOCS_PER_S:,} documents/s end to end, one core ({label}): {verdict}"
        )
    realset_in_memory(source, runs)
    return 0


def realset_in_memory(source: Path, runs: int) -> None:
    """Where the time goes, in this process (CPU time, medians): reading the real set's
    files, parsing their texts, and jieba.lcut / jieba.posseg.lcut of the same texts."""
    import jieba
    import jieba.posseg

    parse = load_parse()
    paths = sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith("."))
    texts = [read_path(p).text for p in paths]
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    jieba.posseg.lcut(texts[0])  # its own model loads on first use

    def cpu_ms(work: Callable[[], object]) -> float:
        times = []
        for _ in range(runs):
            start = time.process_time()
            work()
            times.append(time.process_time() - start)
        return 1000 * statistics.median(times) / len(paths)

    read_ms = cpu_ms(lambda: [read_path(p) for p in paths])
    parse_ms = cpu_ms(lambda: [parse(t) for t in texts])
    lcut_ms = cpu_ms(lambda: [jieba.lcut(t) for t in texts])
    posseg_ms = cpu_ms(lambda: [jieba.posseg.lcut(t) for t in texts])
    print()
    print(f"in this process, the {len(paths)} real documents, CPU ms a document (medians):")
    print(f"  read {read_ms:.3f}, parse {parse_ms:.3f}")
    print(f"  jieba.lcut {lcut_ms:.3f} (parse is {lcut_ms / parse_ms:.1f}× faster)")
    print(f"  jieba.posseg.lcut {posseg_ms:.3f} (parse is {posseg_ms / parse_ms:.1f}× faster)")


if __name__ == "__main__":
    sys.exit(main())
