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
3. The generated minutes hold no explicit task sentences (their decisions say
   修改完善后印发实施 and their requirements 县X局要…), so a second measurement appends
   one invented task sentence with a lead, co-units and a deadline phrase (由县财政局牵头，
   县审计局配合，于9月底前完成… and eleven others, cycled) to every decision's text, to
   time the lead/co-unit/deadline paths too.
4. Also reported: ``find_deadlines`` alone over every item text, and how many tasks,
   notices and dated deadlines were proposed (a sanity check that work was done).

Exit status 1 if a median misses the target (≥ 2,000 decisions/s).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from jiyao.minutes.followup import find_deadlines, propose_record
from jiyao.minutes.generate import generate_corpus
from jiyao.minutes.parse import parse
from jiyao.minutes.record import Record

TARGET_DECISIONS_PER_S = 2000
EXAMPLE = (
    Path(__file__).resolve().parent.parent / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
)


#: Invented task sentences (lead, co-units, a deadline), cycled over the decisions.
TASK_SENTENCES: tuple[str, ...] = (
    "由县财政局牵头，县发改局、县审计局配合，于今年9月底前完成资产清查。",
    "会议责成县住建局根据会议意见修改完善，10个工作日内报县政府。",
    "县交通运输局要会同县公安局尽快制定城区停车整治方案。",
    "由县综合行政执法局负责，县市场监管局等有关部门协助，年底前完成划转。",
    "由县水利局会同县农业农村局编制水系规划，三季度末前报县政府。",
    "县人力社保局牵头，县教育局参与，两个月内拿出培训方案。",
    "县民政局负责，县卫健局、县医保局积极配合，限期20天完成安全检查。",
    "由县商务局牵头，下次常务会议前提交实施细则。",
    "县应急管理局要立即开展隐患排查，6月至9月开展专项整治。",
    "由县科技局牵头，明年3月底前完成平台建设。",
    "县教育局负责，春节前完成校舍维修。",
    "由县统计局牵头，每季度末通报进展，30日内报送方案。",
)


def with_task_sentences(records: list[Record]) -> list[Record]:
    """The records with one task sentence appended to every decision's text."""
    out: list[Record] = []
    k = 0
    for record in records:
        items = []
        for item in record.items:
            if item.decision is not None or item.follow_up is not None:
                item = replace(item, text=item.text + TASK_SENTENCES[k % len(TASK_SENTENCES)])
                k += 1
            items.append(item)
        out.append(record.replace(items=tuple(items)))
    return out


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


def measure(records: list[Record], decisions: int, items: int, runs: int) -> bool:
    """Time ``runs`` passes after a warm-up; print the medians; True if the target is met."""
    propose_pass(records)  # warm-up
    times: list[float] = []
    cpu_times: list[float] = []
    counts: Counter[str] = Counter()
    for _ in range(runs):
        elapsed, cpu, counts = propose_pass(records)
        times.append(elapsed)
        cpu_times.append(cpu)
    median = statistics.median(times)
    rate = decisions / median
    print(f"  runs {', '.join(f'{t:.3f}' for t in times)} s")
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
    met = rate >= TARGET_DECISIONS_PER_S
    print(f"  target ≥ {TARGET_DECISIONS_PER_S:,} decisions/s: {'met' if met else 'NOT met'}")
    return met


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

    ok = True
    for label, subject in (
        ("generated minutes as they are", records),
        ("with a task sentence added to every decision", with_task_sentences(records)),
    ):
        print(f"propose_record, {label}:")
        ok = measure(subject, decisions, items, args.runs) and ok
    deadline_times = [deadlines_pass(records) for _ in range(args.runs)]
    d_median = statistics.median(deadline_times)
    print(f"find_deadlines alone: median {d_median:.3f} s → {items / d_median:,.0f} item texts/s")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        propose_pass(records)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(15)
        print(out.getvalue())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
