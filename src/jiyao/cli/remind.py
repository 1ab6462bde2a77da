"""``jiyao remind``: e-mail each unit its due and overdue follow-up tasks, once a day.

Meant for a daily cron job or systemd timer. Mail goes through Django's mail backend
(``EMAIL_BACKEND`` and the ``EMAIL_*`` settings); a unit gets at most one reminder a
day however often the command runs (jiyao.followup.remind). Exit status 0 when the run
finished (units without an e-mail address are listed, not failures), 1 when sending
failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

EXAMPLE = """示例：
  jiyao remind                              发送今天的提醒（由 cron 每天运行）
  jiyao remind --dry-run                    只显示将提醒谁，不发送
  jiyao remind --base-url https://jiyao.example.gov.cn

  crontab 写法：30 8 * * 1-5  cd /srv/jiyao && .venv/bin/jiyao remind --base-url https://…
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "remind",
        help="给各单位发邮件，提醒临期和逾期的督办事项（每天一次）",
        description=(
            "给每个单位发一封邮件，列出它牵头的临近期限（黄色）或已逾期（红色）的督办"
            "事项。每天只发一次：可由每天的 cron 任务或 systemd 定时器运行，同一天再运行"
            "不会重复发送。"
        ),
        epilog=EXAMPLE,
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="按哪一天提醒（默认今天）")
    p.add_argument("--base-url", default="", metavar="网址", help="邮件中链接所用的网站地址")
    p.add_argument("--dry-run", action="store_true", help="只统计，不发送，也不记录")
    p.add_argument(
        "--data-dir", metavar="目录", help="数据目录（默认 $JIYAO_DATA_DIR，否则 ./data）"
    )
    p.set_defaults(func=run_remind)


def run_remind(args: argparse.Namespace) -> int:
    day: dt.date | None = None
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            print(
                f"jiyao remind: --date {args.date!r} 不是日期（应为 YYYY-MM-DD）", file=sys.stderr
            )
            return 2
    from jiyao.cli.archive import open_archive

    open_archive(args.data_dir)
    from jiyao.followup.remind import send_reminders

    try:
        summary = send_reminders(day, base_url=args.base_url, dry_run=args.dry_run)
    except OSError as failed:  # SMTP server unreachable, refused …
        from jiyao.minutes.errors import os_reason

        print(f"jiyao remind: 发送失败（{os_reason(failed)}）", file=sys.stderr)
        return 1
    verb = "将发送" if args.dry_run else "已发送"
    print(
        f"{summary.day:%Y-%m-%d}：临期/逾期事项 {summary.tasks} 项；{verb}提醒 {summary.sent} 封，"
        f"今日已提醒过 {summary.skipped_already} 个单位，无邮箱 {len(summary.no_address)} 个单位"
    )
    for name in summary.no_address:
        print(f"jiyao remind: {name}: 没有可用的联络员邮箱", file=sys.stderr)
    return 0
