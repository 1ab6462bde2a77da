"""``jiyao prerender``: typeset the archive's documents into the download cache.

Every meeting with minutes gets its PDF and DOCX (or the formats of ``--formats``)
typeset as the download link asks for them, in ``--processes`` render children at once,
so no reader waits for the typesetter (jiyao.archive.prerender). Documents already in
the cache are skipped, so the command can be stopped and run again. ``--queue`` hands
the work to the background worker instead (``jiyao worker``).

Exit status 0 when every document was typeset or found, 1 when any failed (each failure
on stderr: meeting, format, reason), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXAMPLE = """示例：
  jiyao prerender                         排版全部纪要的 pdf 和 docx（每个核心一个排版进程）
  jiyao prerender --formats pdf --processes 1   只排 pdf，一次一份
  jiyao prerender --queue                 交给后台任务进程（jiyao worker）排版
"""


def _formats(value: str) -> list[str]:
    from jiyao.archive.prerender import FORMATS, parse_formats

    names, bad = parse_formats(value)
    if not names or bad:
        raise argparse.ArgumentTypeError(
            f"格式只能是 {'、'.join(FORMATS)}，以逗号分隔，而不是 {value!r}"
        )
    return names


def register(sub: Any) -> None:
    p = sub.add_parser(
        "prerender",
        help="预先排版档案中的纪要，下载时直接取用",
        description=(
            "把档案中每次会议的纪要按下载链接的样式排版（默认 pdf 和 docx）存入排版缓存，"
            "读者下载时不必等待排版。已在缓存中的文件跳过，可以中断后再次运行。"
            "缓存大小上限见 JIYAO_RENDER_CACHE_MB。"
        ),
        epilog=EXAMPLE,
    )
    p.add_argument(
        "--formats",
        type=_formats,
        metavar="格式",
        help="要排版的格式，以逗号分隔（默认 $JIYAO_PRERENDER，否则 pdf,docx）",
    )
    p.add_argument("--processes", type=int, metavar="个数", help="同时排版的进程数（默认每核一个）")
    p.add_argument("--queue", action="store_true", help="交给后台任务进程排版，本命令立即返回")
    p.add_argument(
        "--data-dir", metavar="目录", help="数据目录（默认 $JIYAO_DATA_DIR，否则 ./data）"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.processes is not None and args.processes < 1:
        print("jiyao prerender: --processes 不能小于 1", file=sys.stderr)
        return 2
    from jiyao.cli.archive import _progress, migrate_if_needed, open_archive

    open_archive(args.data_dir)
    migrate_if_needed()
    from django.conf import settings
    from django.db import transaction

    from jiyao.archive import prerender, rendering
    from jiyao.archive.models import Minutes
    from jiyao.cli.serve import cores

    wanted = args.formats or list(settings.JIYAO_PRERENDER) or ["pdf", "docx"]
    ids = sorted(set(Minutes.objects.values_list("meeting_id", flat=True)))
    if args.queue:
        with transaction.atomic():
            prerender.schedule_formats(ids, wanted)
        print(f"已交给后台任务进程：{len(ids)} 次会议的 {'、'.join(wanted)}（jiyao worker 执行）")
        return 0
    processes = args.processes or cores()
    bar = _progress(len(ids), "排版")
    try:
        done = prerender.fill(
            ids, wanted, processes=processes, progress=bar.update if bar else None
        )
    finally:
        if bar is not None:
            bar.close()
    for pk, fmt, reason in done.failed:
        print(f"jiyao prerender: 会议 {pk} {fmt}：{reason}", file=sys.stderr)
    print(
        f"{len(ids)} 次会议：新排版 {done.rendered} 份，已在缓存 {done.cached} 份，"
        f"失败 {len(done.failed)} 份"
    )
    limit_mb = rendering.cache_limit_mb()
    written_mb = done.bytes_written / 1024 / 1024
    if written_mb > limit_mb:
        print(
            f"jiyao prerender: 本次写入 {written_mb:.0f} MB，超过排版缓存上限 {limit_mb:.0f} MB"
            "（JIYAO_RENDER_CACHE_MB），较早的文件已被删除；请调高上限后再运行",
            file=sys.stderr,
        )
    return 1 if done.failed else 0
