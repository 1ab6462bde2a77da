"""Composer benchmark (issue 4 part 7): DOCX documents/s and seconds per 3-page PDF.

    uv run python bench/compose_bench.py [--docs 1000] [--pdfs 15] [--compare]

Method:
1. DOCX: ``generate_records(docs, seed=0)`` (varied records of 3–9 items), one warm-up
   document, then ``compose_docx`` over all of them in this process; documents/s is the
   median of three passes. Target ≥ 100/s.
2. PDF: another process finds the first ``pdfs`` generated records (seed 1 on) that typeset
   to exactly three pages; this process, after one warm-up document of another seed (as a
   server that renders on demand would be), times ``compose_pdf`` once on each and reports
   the median. This process has never typeset those texts, so Typst's memoisation only
   helps with what documents share (the preamble, the fonts). Target ≤ 1 s median. A fresh process that
   imports jiyao, loads the font index and renders one 3-page record is timed too (the
   CLI's case).
3. ``--compare`` also times the other routes where this machine has them: WeasyPrint on
   ``compose_html`` (if the weasyprint package is importable) and LibreOffice headless on
   ``compose_docx`` (if ``soffice`` is on PATH), three runs each on the first record.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2

from jiyao.minutes.compose import compose_docx, compose_html, compose_pdf
from jiyao.minutes.compose.pdf import ROUTE
from jiyao.minutes.generate import generate_record, generate_records
from jiyao.minutes.record import Record

TARGET_DOCX_PER_S = 100
TARGET_PDF_S = 1.0


def pages(pdf: bytes) -> int:
    return len(pypdfium2.PdfDocument(pdf))


def bench_docx(n: int) -> float:
    records = list(generate_records(n, seed=0))
    compose_docx(records[0])
    rates = []
    for _ in range(3):
        start = time.perf_counter()
        for record in records:
            compose_docx(record)
        rates.append(len(records) / (time.perf_counter() - start))
    return statistics.median(rates)


SEEDS = """
import pypdfium2
from jiyao.minutes.compose import compose_pdf
from jiyao.minutes.generate import generate_record
found, seed = [], 1
while len(found) < {n} and seed < 2000:
    if len(pypdfium2.PdfDocument(compose_pdf(generate_record(seed)))) == 3:
        found.append(seed)
    seed += 1
print(*found)
"""


def three_page_seeds(n: int) -> list[int]:
    """Seeds of records that typeset to 3 pages, found in another process, so that this
    one has never typeset them (Typst memoises paragraphs it has laid out before)."""
    done = subprocess.run(
        [sys.executable, "-c", SEEDS.format(n=n)], capture_output=True, text=True, check=True
    )
    return [int(v) for v in done.stdout.split()]


def bench_pdf(seeds: list[int]) -> tuple[float, float]:
    compose_pdf(generate_record(0))  # warm-up: imports, font index, the shared preamble
    times = []
    for seed in seeds:
        record = generate_record(seed)
        start = time.perf_counter()
        pdf = compose_pdf(record)
        times.append(time.perf_counter() - start)
        assert pages(pdf) == 3
    return statistics.median(times), max(times)


COLD = """
import time, sys
start = time.perf_counter()
from jiyao.minutes.compose import compose_pdf
from jiyao.minutes.generate import generate_record
record = generate_record({seed})
made = time.perf_counter()
compose_pdf(record)
print(time.perf_counter() - made, made - start)
"""


def bench_cold(seed: int) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", COLD.format(seed=seed)], capture_output=True, text=True, check=True
    )
    render, imports = (float(v) for v in done.stdout.split())
    return render, imports


def compare(record: Record) -> None:
    try:
        import weasyprint  # type: ignore[import-not-found]
    except ImportError:
        print("  weasyprint (from compose_html): not installed here, skipped")
    else:
        html = compose_html(record)
        weasyprint.HTML(string=html).write_pdf()
        times = []
        for _ in range(3):
            start = time.perf_counter()
            weasyprint.HTML(string=html).write_pdf()
            times.append(time.perf_counter() - start)
        print(f"  weasyprint (from compose_html): median {statistics.median(times):.3f} s")
    soffice = shutil.which("soffice")
    if soffice is None:
        print("  libreoffice headless (from compose_docx): soffice not installed, skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "minutes.docx"
        path.write_bytes(compose_docx(record))
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
                capture_output=True,
                check=True,
            )
            times.append(time.perf_counter() - start)
        print(
            f"  libreoffice headless (from compose_docx): median {statistics.median(times):.3f} s"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="DOCX documents per pass")
    parser.add_argument("--pdfs", type=int, default=15, help="3-page PDFs to time")
    parser.add_argument("--compare", action="store_true", help="time other PDF routes too")
    args = parser.parse_args()

    docx_rate = bench_docx(args.docs)
    ok_docx = docx_rate >= TARGET_DOCX_PER_S
    print(
        f"DOCX: {docx_rate:,.0f} documents/s over {args.docs} generated records "
        f"(target ≥ {TARGET_DOCX_PER_S}/s) {'OK' if ok_docx else 'MISSED'}"
    )

    seeds = three_page_seeds(args.pdfs)
    if not seeds or seeds[0] == 0:
        print("PDF: no generated record typesets to exactly 3 pages", file=sys.stderr)
        return 1
    median, worst = bench_pdf(seeds)
    ok_pdf = median <= TARGET_PDF_S
    print(
        f"PDF ({ROUTE}): 3-page 纪要 median {median:.3f} s, worst {worst:.3f} s over "
        f"{len(seeds)} records (target ≤ {TARGET_PDF_S} s) {'OK' if ok_pdf else 'MISSED'}"
    )
    render, imports = bench_cold(seeds[0])
    print(
        f"PDF in a fresh process: {render:.3f} s to render (font index included) "
        f"after {imports:.3f} s of imports"
    )
    if args.compare:
        print("other routes, same 3-page record:")
        compare(generate_record(seeds[0]))
    return 0 if ok_docx and ok_pdf else 1


if __name__ == "__main__":
    raise SystemExit(main())
