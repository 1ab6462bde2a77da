"""``jiyao score`` — measure the parser against hand-made gold records.

A gold folder holds one ``NAME.json`` per document (a record in the contract's shape);
the documents are ``NAME.*`` in the docs folder (``--docs``; by default ``docs/`` or
``corpus/`` beside the gold folder). Every document is read and parsed in this process,
both records are flattened into *facts* — ``meeting.date=2021-06-08``,
``item3.document=…``, ``attendance.present=包朝阳`` — and compared: precision, recall
and F1 over all facts, per field group and per genre.

The fact definitions are those of the shared evaluation script, so the figures of both
compare: title, issuer and issued_on; meeting kind, session, date, time of day and chair
(the body is not scored: texts name it too loosely to judge one reading right); the
number of items and, per item position, its action, decision, submitters and documents;
each attendance role's names; each distribution entry. Values are compared after NFKC,
with curly quotes made straight and all white space removed.

Genres come from a ``SOURCES.tsv`` or ``MANIFEST.tsv`` (columns ``file`` and ``genre``)
found beside the docs or the gold folder; a document not listed is of genre ``?``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Fact = tuple[str, str]

_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "‘": "'", "’": "'"})
_ROLES = ("present", "absent", "invited", "observers")


def norm(value: object) -> str:
    """The compared form of a value: NFKC, straight quotes, no white space."""
    text = unicodedata.normalize("NFKC", str(value)).translate(_QUOTES)
    return "".join(text.split())


def facts(record: Mapping[str, Any]) -> set[Fact]:
    """Flatten a record (the contract's dict) into the set of its scored facts."""
    out: set[Fact] = set()

    def add(key: str, value: object) -> None:
        if value is not None and value != "" and value != []:
            out.add((key, norm(value)))

    for key in ("title", "issuer", "issued_on"):
        add(key, record.get(key))
    meeting = record.get("meeting") or {}
    for key in ("kind", "session", "date", "time_of_day", "chair"):
        add(f"meeting.{key}", meeting.get(key))
    items = record.get("items") or []
    add("items.count", len(items))
    for i, item in enumerate(items, 1):
        add(f"item{i}.action", item.get("action"))
        add(f"item{i}.decision", item.get("decision"))
        for name in item.get("submitters") or []:
            add(f"item{i}.submitter", name)
        for title in item.get("documents") or []:
            add(f"item{i}.document", title)
    attendance = record.get("attendance") or {}
    for role in _ROLES:
        for name in attendance.get(role) or []:
            add(f"attendance.{role}", name)
    for name in record.get("distribution") or []:
        add("distribution", name)
    return out


def field_group(key: str) -> str:
    """The group a fact key is reported under: header, meeting, items, attendance, distribution."""
    if key.startswith("item"):
        return "items"
    return key.split(".")[0] if "." in key else "header"


@dataclass
class Tally:
    """True positives, false positives and false negatives of one scope."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocScore:
    """One document's comparison: its genre, the facts missed and the facts wrongly given."""

    name: str
    genre: str
    tally: Tally
    missed: list[Fact]
    wrong: list[Fact]
    error: str = ""


@dataclass
class Report:
    """The whole comparison: overall, per genre, per field group, per document."""

    overall: Tally = field(default_factory=Tally)
    genres: dict[str, Tally] = field(default_factory=dict)
    fields: dict[str, Tally] = field(default_factory=dict)
    documents: list[DocScore] = field(default_factory=list)


def compare(gold: set[Fact], got: set[Fact]) -> tuple[set[Fact], set[Fact], set[Fact]]:
    """(true positives, false positives, false negatives) of ``got`` against ``gold``."""
    return got & gold, got - gold, gold - got


def read_genres(*folders: Path) -> dict[str, str]:
    """file name → genre from the first SOURCES.tsv or MANIFEST.tsv in ``folders``."""
    for folder in folders:
        for name in ("SOURCES.tsv", "MANIFEST.tsv"):
            path = folder / name
            if path.is_file():
                with path.open(encoding="utf-8") as fh:
                    return {
                        row["file"]: row.get("genre") or "?"
                        for row in csv.DictReader(fh, delimiter="\t")
                    }
    return {}


def find_docs(gold_dir: Path) -> Path:
    """The documents' folder beside ``gold_dir``: ``docs/`` or ``corpus/``."""
    for name in ("docs", "corpus"):
        candidate = gold_dir.parent / name
        if candidate.is_dir():
            return candidate
    return gold_dir.parent


def pairs(gold_dir: Path, docs_dir: Path) -> Iterator[tuple[Path, Path | None]]:
    """(gold file, its document or None) for every gold record, sorted by name."""
    for gold in sorted(gold_dir.glob("*.json")):
        found = sorted(
            p for p in docs_dir.glob(gold.stem + ".*") if p.suffix not in (".tsv", ".json")
        )
        yield gold, (found[0] if found else None)


def parse_file(path: Path) -> dict[str, Any]:
    """The parser's record of one file, as the contract's dict."""
    from jiyao.minutes.parse import parse
    from jiyao.minutes.read import read_path

    source = read_path(path)
    data: dict[str, Any] = parse(source.text, name=str(path)).to_json()
    return data


def score(gold_dir: Path, docs_dir: Path | None = None) -> Report:
    """Parse every document that has a gold record and compare the two (see module doc)."""
    docs = docs_dir or find_docs(gold_dir)
    genres = read_genres(docs, gold_dir.parent, gold_dir)
    report = Report()
    for gold_path, doc in pairs(gold_dir, docs):
        gold = facts(json.loads(gold_path.read_text(encoding="utf-8")))
        error = ""
        got: set[Fact] = set()
        if doc is None:
            error = "找不到对应的文档"
        else:
            try:
                got = facts(parse_file(doc))
            except Exception as exc:  # a failing document scores zero, the others go on
                error = f"解析出错（{type(exc).__name__}: {exc}）"
        tp, fp, fn = compare(gold, got)
        name = doc.name if doc else gold_path.stem
        genre = genres.get(name, "?")
        tally = Tally(len(tp), len(fp), len(fn))
        report.overall.add(tally.tp, tally.fp, tally.fn)
        report.genres.setdefault(genre, Tally()).add(tally.tp, tally.fp, tally.fn)
        for kind, found in (("tp", tp), ("fp", fp), ("fn", fn)):
            for key, _ in found:
                group = report.fields.setdefault(field_group(key), Tally())
                setattr(group, kind, getattr(group, kind) + 1)
        report.documents.append(DocScore(name, genre, tally, sorted(fn), sorted(fp), error))
    return report


def table(report: Report) -> list[str]:
    """The printed table: one line per scope with P, R, F1 and the number of gold facts."""
    lines = [_pad("范围", 24) + f"{'P':>7}{'R':>7}{'F1':>7}" + " " * 3 + "事实数"]

    def row(label: str, t: Tally) -> None:
        lines.append(
            _pad(label, 24) + f"{t.precision:7.3f}{t.recall:7.3f}{t.f1:7.3f}{t.tp + t.fn:9d}"
        )

    row("全部", report.overall)
    for genre in sorted(report.genres):
        row(f"体裁：{genre}", report.genres[genre])
    for group in sorted(report.fields):
        row(f"字段：{group}", report.fields[group])
    return lines


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns (a CJK character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - used)


def worst(report: Report, count: int) -> Iterable[str]:
    """The ``count`` worst documents with up to twelve misses and wrong facts each."""
    ranked = sorted(report.documents, key=lambda d: (d.tally.f1, d.name))
    for doc in ranked[:count]:
        yield f"\n{doc.name}: F1 {doc.tally.f1:.3f}" + (f"  错误：{doc.error}" if doc.error else "")
        for key, value in doc.missed[:12]:
            yield f"  遗漏 {key} = {value}"
        for key, value in doc.wrong[:12]:
            yield f"  误报 {key} = {value}"


DESCRIPTION = (
    "用人工标注的记录衡量解析器。标注目录中每份文档一个 名称.json（纪要记录格式），"
    "文档是文档目录（--docs，默认为标注目录旁的 docs/ 或 corpus/）中的 名称.*。每份"
    "文档在本进程中读取并解析，两份记录都拆成“事实”（如 meeting.date=2021-06-08、"
    "attendance.present=包朝阳）后比较：按全部事实、按字段组、按体裁计算精确率（P）、"
    "召回率（R）和 F1。体裁取自文档或标注目录旁的 SOURCES.tsv 或 MANIFEST.tsv"
    "（file 和 genre 两列），未列出的文档体裁记为 ?。"
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "score",
        help="用人工标注的记录衡量解析器（精确率、召回率、F1）",
        description=DESCRIPTION,
        epilog="示例：\n  jiyao score tests/realset/gold --show 5\n",
    )
    p.add_argument("gold", metavar="标注目录", help="存放 名称.json 标注记录的文件夹")
    p.add_argument(
        "--docs",
        metavar="目录",
        help="文档所在的文件夹（默认：标注目录旁的 docs/ 或 corpus/）",
    )
    p.add_argument(
        "--show",
        type=int,
        default=0,
        metavar="N",
        help="列出最差的 N 份文档及其遗漏和误报",
    )
    p.add_argument(
        "--min-f1", type=float, default=None, metavar="X", help="总 F1 低于 X 时以状态 1 退出"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    gold_dir = Path(args.gold)
    if not gold_dir.is_dir():
        print(f"jiyao score: 找不到标注目录：{gold_dir}", file=sys.stderr)
        return 2
    docs_dir = Path(args.docs) if args.docs else None
    if docs_dir is not None and not docs_dir.is_dir():
        print(f"jiyao score: 找不到文档目录：{docs_dir}", file=sys.stderr)
        return 2
    report = score(gold_dir, docs_dir)
    if not report.documents:
        print(f"jiyao score: {gold_dir} 中没有 .json 标注文件", file=sys.stderr)
        return 2
    print("\n".join(table(report)))
    for line in worst(report, args.show):
        print(line)
    print(f"\n总 F1 {report.overall.f1:.3f}（共 {len(report.documents)} 份文档）")
    for doc in report.documents:
        if doc.error:
            print(f"{doc.name}: {doc.error}", file=sys.stderr)
    if args.min_f1 is not None and report.overall.f1 < args.min_f1:
        return 1
    return 0
