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

EXAMPLE = """examples:
  jiyao remind                              today's reminders (run daily from cron)
  jiyao remind --dry-run                    show who would be reminded, send nothing
  jiyao remind --base-url https://jiyao.example.gov.cn

  crontab:  30 8 * * 1-5  cd /srv/jiyao && .venv/bin/jiyao remind --base-url https://…
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "remind",
        help="e-mail each unit its due and overdue follow-up tasks (daily)",
        description=(
            "Send each unit one e-mail listing the follow-up tasks it leads that are near "
            "their deadline (yellow) or overdue (red). Idempotent per day: run it from a "
            "daily cron job or systemd timer; a second run the same day sends nothing."
        ),
        epilog=EXAMPLE,
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day to remind for (default today)")
    p.add_argument("--base-url", default="", help="site address for links in the e-mails")
    p.add_argument("--dry-run", action="store_true", help="count, send nothing, record nothing")
    p.add_argument("--data-dir", metavar="DIR", help="data directory (default $JIYAO_DATA_DIR)")
    p.set_defaults(func=run_remind)


def run_remind(args: argparse.Namespace) -> int:
    day: dt.date | None = None
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"jiyao remind: --date {args.date!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
            return 2
    from jiyao.cli.archive import setup_django

    setup_django(args.data_dir)
    from jiyao.followup.remind import send_reminders

    try:
        summary = send_reminders(day, base_url=args.base_url, dry_run=args.dry_run)
    except OSError as failed:  # SMTP server unreachable, refused …
        print(f"jiyao remind: 发送失败 (sending failed): {failed}", file=sys.stderr)
        return 1
    verb = "将发送" if args.dry_run else "已发送"
    print(
        f"{summary.day:%Y-%m-%d}：临期/逾期事项 {summary.tasks} 项；{verb}提醒 {summary.sent} 封，"
        f"今日已提醒过 {summary.skipped_already} 个单位，无邮箱 {len(summary.no_address)} 个单位"
    )
    for name in summary.no_address:
        print(f"jiyao remind: {name}: 没有可用的联络员邮箱 (no e-mail address)", file=sys.stderr)
    return 0
