"""Follow-up proposals benchmark (issue 9): decisions/s for ``propose_record``.

    uv run python bench/proposals_bench.py [--docs 2000] [--runs 7] [--profile]

Method:
1. The records are what the archive holds: ``generate_corpus`` texts (formal 纪要, their
   layout variants and website reports, seed 0) parsed with ``jiyao.minutes.parse.parse``,
   plus the bundled example (src/jiyao/examples/xiangshan-2021-53.txt). Parsing is done
   once, before timing: it is not part of what is measured.
2. Each run calls ``propose_record(record, convey_tracked=True)`` for every record (the
   most work: convey items are read too). A *decision* is an item with a decision or a
   follow-up (what the proposals are made from); items/s counts every item, since every
   item's text is read. The figure is the median over the runs, after one warm-up pass.
3. Also reported: ``find_deadlines`` alone over every item text, and how many tasks,
   notices and dated deadlines were proposed (a sanity check that work was done).

Exit status 1 if the median misses the target (≥ 2,000 decisions/s).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import time
from collections import Counter
from pathlib import Path

from jiyao.minutes.followup import find_deadlines, propose_record
from jiyao.minutes.generate import generate_corpus
from jiyao.minutes.parse import parse
from jiyao.minutes.record import Record

TARGET_DECISIONS_PER_S = 2000
EXAMPLE = (
    Path(__file__).resolve().parent.parent / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
)


def load_records(count: int) -> list[Record]:
    records = [parse(text) for text, _record in generate_corpus(count, 0)]
    records.append(parse(EXAMPLE.read_text(encoding="utf-8"), name=str(EXAMPLE)))
    return records


def propose_pass(records: list[Record]) -> tuple[float, float, Counter[str]]:
    """Wall-clock and CPU seconds of one pass, and what was proposed."""
    counts: Counter[str] = Counter()
    cpu = time.process_time()
    start = time.perf_counter()
    for record in records:
        for p in propose_record(record, convey_tracked=True):
            counts[p.kind] += 1
            if p.deadline is not None and p.deadline.date is not None:
                counts["dated"] += 1
    return time.perf_counter() - start, time.process_time() - cpu, counts


def deadlines_pass(records: list[Record]) -> float:
    start = time.perf_counter()
    for record in records:
        day = record.meeting.date
        if day is None:
            continue
        for item in record.items:
            find_deadlines(item.text, day)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="generated documents (default 2000)")
    ap.add_argument("--runs", type=int, default=7, help="timed runs (default 7)")
    ap.add_argument("--profile", action="store_true", help="print the top of a cProfile")
    args = ap.parse_args()

    t0 = time.perf_counter()
    records = load_records(args.docs)
    items = sum(len(r.items) for r in records)
    decisions = sum(
        1 for r in records for i in r.items if i.decision is not None or i.follow_up is not None
    )
    print(
        f"{len(records)} records ({args.docs} generated + the example), {items} items, "
        f"{decisions} decisions; parsed in {time.perf_counter() - t0:.1f} s (not timed)"
    )

    propose_pass(records)  # warm-up
    times: list[float] = []
    cpu_times: list[float] = []
    counts: Counter[str] = Counter()
    for _ in range(args.runs):
        elapsed, cpu, counts = propose_pass(records)
        times.append(elapsed)
        cpu_times.append(cpu)
    deadline_times = [deadlines_pass(records) for _ in range(args.runs)]

    median = statistics.median(times)
    rate = decisions / median
    print(f"propose_record: runs {', '.join(f'{t:.3f}' for t in times)} s")
    print(
        f"  median {median:.3f} s → {rate:,.0f} decisions/s, {items / median:,.0f} items/s, "
        f"{len(records) / median:,.0f} records/s"
    )
    cpu_median = statistics.median(cpu_times)
    print(
        f"  CPU time median {cpu_median:.3f} s → {decisions / cpu_median:,.0f} decisions/s "
        "(this process alone; the wall clock includes waiting for the busy cores)"
    )
    print(
        f"  proposed: {counts['task']} tasks, {counts['notice']} notices, "
        f"{counts['dated']} with a dated deadline"
    )
    d_median = statistics.median(deadline_times)
    print(f"find_deadlines alone: median {d_median:.3f} s → {items / d_median:,.0f} item texts/s")
    met = rate >= TARGET_DECISIONS_PER_S
    print(f"target ≥ {TARGET_DECISIONS_PER_S:,} decisions/s: {'met' if met else 'NOT met'}")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        propose_pass(records)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(15)
        print(out.getvalue())
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
