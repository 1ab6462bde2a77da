"""Fuzz benchmark: mutated minutes through read + parse + compose; crashes, slow inputs, slopes.

    uv run python bench/fuzz_bench.py [--docs 10000] [--runs 3] [--max-size 5000000]
                                      [--seed 0] [--save DIR] [--skip-families]
                                      [--stage all|read]

Method:
1. Seeds: the project's generator (``generate_corpus``, 200 documents of every style) and
   the bundled example minutes — nothing else.
2. Mutated documents (``--docs``): each is a seed put through one to four random
   mutations — byte flips, truncation, a section repeated, a huge line, control
   characters, runs of spaces (ASCII, tab, U+3000) before line ends, a pinyin gloss left
   open, a re-encoding (GB18030, Big5, UTF-16, or halves in two encodings), nested HTML
   elements — and then, one time in five each, wrapped in an HTML page or a .docx.
   Each goes through ``read_bytes`` → ``parse`` → ``compose_text`` and ``compose_html``
   (the PDF route is covered by the size limits of compose/layout.py and by its own
   tests; typesetting 10,000 PDFs would take an hour). A crash is any exception other
   than the project's own (:class:`MinutesError`); a hang guard (SIGALRM, 60 s) turns a
   runaway input into a reported crash. Reported: crashes (type, message, mutations),
   the slowest inputs, and the time per document. ``--save DIR`` keeps every crashing
   input and the ten slowest.
3. Size families (unless ``--skip-families``): one input shape grown from 1 KB to
   ``--max-size`` (×4 steps, and the maximum itself); each size timed ``--runs`` times
   (median, after one warm-up input), and the slope of log(time) against log(size) fitted
   by least squares over the sizes from 64 KB on (below that, inputs take milliseconds
   and constant costs and timer noise rule the figure). A slope of 1
   is linear time, 2 quadratic. ``--stage read`` times reading alone (bytes → normalized
   text), to tell the reader's share from the parser's.

Targets: 0 crashes, no mutated document over 2 s, every family's slope ≤ 1.15.
"""

from __future__ import annotations

import argparse
import io
import math
import random
import signal
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import opencc

from jiyao.minutes.compose import compose_html, compose_text
from jiyao.minutes.errors import MinutesError
from jiyao.minutes.generate import generate_corpus
from jiyao.minutes.parse import parse
from jiyao.minutes.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
HANG_S = 60
SLOW_S = 2.0
MAX_SLOPE = 1.15
#: Sizes below this take a few milliseconds, where constant costs and timer noise rule.
FIT_FROM = 64_000


class Hang(Exception):
    pass


def _expired(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"still running after {HANG_S} s")


# -- inputs ---------------------------------------------------------------------------


def seeds() -> list[str]:
    texts = [text for text, _record in generate_corpus(200, seed=11)]
    texts.append(EXAMPLE.read_text(encoding="utf-8"))
    return texts


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        # python-docx refuses XML-illegal characters: drop them as Word would not hold them.
        document.add_paragraph("".join(c for c in line if c >= " " or c == "\t"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html_page(text: str) -> str:
    body = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    return f"<!DOCTYPE html><html><head><title>纪要</title></head><body><div>{body}</div></body></html>"


_T2S = opencc.OpenCC("s2t")


def _flip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if b:
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    return bytes(b)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _repeat(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 2000))
    return data[:b] + data[a:b] * rng.randint(2, 50) + data[b:]


def _insert(rng: random.Random, data: bytes, piece: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


def _huge_line(rng: random.Random, data: bytes) -> bytes:
    return _insert(rng, data, "会议要求，".encode() * rng.randint(1000, 20000))


def _controls(rng: random.Random, data: bytes) -> bytes:
    junk = bytes(
        rng.choice(b"\x00\x01\x07\x08\x0b\x0c\x1b\x7f\r") for _ in range(rng.randint(1, 200))
    )
    return _insert(rng, data, junk)


def _spaces(rng: random.Random, data: bytes) -> bytes:
    space = rng.choice([" ", "\t", "\u3000"])
    return _insert(rng, data, ("甲" + space * rng.randint(100, 20000) + "乙 \n").encode())


def _gloss(rng: random.Random, data: bytes) -> bytes:
    return _insert(rng, data, ("县(" + "ā" * rng.randint(100, 20000)).encode())


def _nested(rng: random.Random, data: bytes) -> bytes:
    depth = rng.randint(100, 5000)
    tag = rng.choice(["div", "ul><li", "span", "table><tr><td", "blockquote"])
    return f"<html><body>{f'<{tag}>' * depth}".encode() + data + b"</body></html>"


def _reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    choice = rng.choice(["gb18030", "big5", "utf-16", "mixed"])
    if choice == "big5":
        return _T2S.convert(text).encode("big5", errors="replace")
    if choice == "mixed":
        half = len(text) // 2
        return text[:half].encode("utf-8") + text[half:].encode("gbk", errors="replace")
    return text.encode(choice, errors="replace")


MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "flip": _flip,
    "truncate": _truncate,
    "repeat": _repeat,
    "huge-line": _huge_line,
    "controls": _controls,
    "spaces": _spaces,
    "gloss": _gloss,
    "nested": _nested,
    "reencode": _reencode,
}


def mutated(rng: random.Random, texts: list[str]) -> tuple[bytes, str]:
    data = rng.choice(texts).encode("utf-8")
    names = rng.sample(sorted(MUTATIONS), rng.randint(1, 4))
    for name in names:
        data = MUTATIONS[name](rng, data)
    wrap = rng.random()
    if wrap < 0.2:
        data = html_page(data.decode("utf-8", errors="replace")).encode("utf-8")
        names.append("in-html")
    elif wrap < 0.4:
        data = docx_bytes(data.decode("utf-8", errors="replace"))
        names.append("in-docx")
    return data, "+".join(names)


# -- one document -----------------------------------------------------------------------


def run_one(data: bytes, stage: str = "all") -> tuple[float, str | None]:
    """Seconds for read + parse + compose (``stage`` "read": reading only), and the
    crash (None when none)."""
    start = time.perf_counter()
    signal.alarm(HANG_S)
    try:
        source = read_bytes(data, name="fuzz")
        if stage == "read":
            return time.perf_counter() - start, None
        record = parse(source.text, name="fuzz")
        for start_at, end in record.spans.values():
            if not 0 <= start_at <= end <= len(source.text):
                raise AssertionError(f"span {start_at, end} outside a text of {len(source.text)}")
        compose_text(record)
        compose_html(record)
    except MinutesError:
        pass
    except Exception as exc:  # a crash: anything but the project's own errors
        return time.perf_counter() - start, f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        signal.alarm(0)
    return time.perf_counter() - start, None


def fuzz(docs: int, seed: int, save: Path | None) -> bool:
    texts = seeds()
    rng = random.Random(seed)
    crashes: list[tuple[str, str, int]] = []
    timings: list[tuple[float, str, int, int]] = []
    began = time.perf_counter()
    for i in range(docs):
        data, how = mutated(rng, texts)
        seconds, crash = run_one(data)
        timings.append((seconds, how, len(data), i))
        if crash is not None:
            crashes.append((how, crash, i))
            if save is not None:
                (save / f"crash-{i:05d}.bin").write_bytes(data)
        elif save is not None and seconds > SLOW_S:
            (save / f"slow-{i:05d}.bin").write_bytes(data)
    total = time.perf_counter() - began
    times = sorted(t for t, *_ in timings)
    print(f"\n== {docs:,} mutated documents (seed {seed}) in {total:.1f} s")
    print(
        f"per document: median {statistics.median(times) * 1000:.1f} ms,"
        f" p99 {times[int(len(times) * 0.99) - 1] * 1000:.0f} ms, max {times[-1]:.2f} s"
    )
    print(f"crashes: {len(crashes)}")
    for how, crash, i in crashes[:20]:
        print(f"  #{i} [{how}] {crash}")
    print("slowest:")
    for seconds, how, size, i in sorted(timings, reverse=True)[:10]:
        print(f"  {seconds:6.2f} s  {size / 1000:8.1f} KB  #{i} [{how}]")
    over = sum(1 for t in times if t > SLOW_S)
    ok = not crashes and not over
    print(
        f"target: 0 crashes, none over {SLOW_S:.0f} s —"
        f" {'met' if ok else f'NOT met ({len(crashes)} crashes, {over} over {SLOW_S:.0f} s)'}"
    )
    return ok


# -- size families ------------------------------------------------------------------------


def families(texts: list[str]) -> dict[str, Callable[[int], bytes]]:
    """Input shapes by their nominal size in bytes (of the text, for a .docx)."""
    minutes = "\n".join(texts[:40]) + "\n"
    # A control character every 300 characters: damaged, but still text (under 1 %).
    controlled = "".join(
        minutes[i : i + 300] + "\x00\x1b\x7f"[i // 300 % 3] for i in range(0, len(minutes), 300)
    )
    spaced = "".join(line + " " * 40 + "\u3000" * 20 + "\t \n" for line in minutes.split("\n"))
    return {
        "minutes (txt)": lambda n: _fit(minutes.encode(), n),
        "one line": lambda n: _fit(minutes.replace("\n", "").encode(), n),
        "spaced lines": lambda n: _fit(spaced.encode(), n),
        "space run": lambda n: ("甲 \n乙" + " " * n + "丙").encode()[:n],
        "traditional (Big5)": lambda n: _fit(_T2S.convert(minutes).encode("big5", "replace"), n),
        "controls": lambda n: _fit(controlled.encode(), n),
        "html page": lambda n: _fit_html(minutes.encode(), n),
        "html nested": lambda n: (
            "<html><body>" + "<ul><li>" * (n // 16) + "会议纪要。" + "</li></ul>" * (n // 16)
        ).encode(),
        "docx": lambda n: docx_bytes(_fit(minutes.encode(), n).decode("utf-8", "ignore")),
    }


def _fit(data: bytes, n: int) -> bytes:
    return (data * (n // len(data) + 1))[:n]


def _fit_html(text: bytes, n: int) -> bytes:
    head, tail = b"<!DOCTYPE html><html><body><div>", b"</div></body></html>"
    lines = _fit(text, max(n - len(head) - len(tail), 1)).decode("utf-8", "ignore").split("\n")
    return head + "".join(f"<p>{line}</p>" for line in lines).encode() + tail


def sizes(max_size: int) -> list[int]:
    out = []
    size = 1000
    while size < max_size:
        out.append(size)
        size *= 4
    return [*out, max_size]


def slope(points: list[tuple[int, float]]) -> float:
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def size_families(runs: int, max_size: int, stage: str) -> bool:
    texts = seeds()
    ok = True
    what = "read only" if stage == "read" else "read + parse + compose"
    print(f"\n== size families ({what}), 1 KB – {max_size / 1e6:g} MB, median of {runs} runs")
    for name, make in families(texts).items():
        run_one(make(16_000), stage)  # warm-up: compiled patterns, loaded tables
        points: list[tuple[int, float]] = []
        row = []
        for size in sizes(max_size):
            data = make(size)
            times = []
            for _ in range(runs):
                seconds, crash = run_one(data, stage)
                if crash is not None:
                    print(f"  {name} at {size:,} bytes: CRASH {crash}")
                    ok = False
                times.append(seconds)
            median = statistics.median(times)
            points.append((size, median))
            row.append(f"{size / 1000:g}K {median:.3f}s")
        fitted = slope([p for p in points if p[0] >= FIT_FROM])
        verdict = "ok" if fitted <= MAX_SLOPE else "TOO STEEP"
        ok = ok and fitted <= MAX_SLOPE
        print(f"  {name:20} slope {fitted:4.2f} {verdict:9} | " + ", ".join(row))
    print(f"target: every slope ≤ {MAX_SLOPE} — {'met' if ok else 'NOT met'}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--max-size", type=int, default=5_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save", type=Path, help="keep crashing and slow inputs here")
    ap.add_argument("--skip-families", action="store_true")
    ap.add_argument(
        "--stage", choices=("all", "read"), default="all", help="families: time reading only"
    )
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, _expired)
    if args.save is not None:
        args.save.mkdir(parents=True, exist_ok=True)
    ok = fuzz(args.docs, args.seed, args.save) if args.docs > 0 else True
    if not args.skip_families:
        ok = size_families(args.runs, args.max_size, args.stage) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
