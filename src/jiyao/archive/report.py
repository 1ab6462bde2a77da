"""An import's summary in Chinese: what `jiyao import` prints and the upload page shows."""

from __future__ import annotations

from typing import Any


def summary_counts(summary: Any) -> list[tuple[str, int]]:
    """(label, count) of an import, in the order they are told; zero counts left out
    except 新导入 and 失败, which are always told."""
    failed = len(summary.failed) if isinstance(summary.failed, list) else int(summary.failed)
    counts = [
        ("新导入", summary.imported),
        ("并入已有会议", summary.joined),
        ("更新", summary.updated),
        ("保留人工更正", summary.kept),
        ("未变", summary.unchanged),
        ("需复核", summary.flagged),
        ("失败", failed),
    ]
    return [(label, n) for label, n in counts if n or label in ("新导入", "未变", "失败")]


def summary_text(summary: Any) -> str:
    """新导入 3 份，并入已有会议 2 份，未变 0 份，需复核 1 份，失败 0 份 (one line)."""
    return "，".join(f"{label} {n} 份" for label, n in summary_counts(summary))
