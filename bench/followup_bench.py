"""Follow-up benchmark (issue 9): dashboard, a unit's task list, ``jiyao remind``.

    uv run python bench/followup_bench.py [--meetings 100000] [--tasks 300000]
        [--governments 20] [--data-dir /tmp/jiyao-followup-bench] [--rebuild]

1. Builds (once; reused while the parameters match, ``--rebuild`` to force) a SQLite
   database in ``--data-dir``: ``--governments`` governments with 40 departments and 5
   leaders each (portfolios over the departments), ``--meetings`` meetings spread over
   the governments from 2019 to yesterday (80 % public minutes), three agenda items and
   decisions per meeting, and ``--tasks`` tasks on those decisions — lead unit, leader
   in charge, deadline 20–120 days after the meeting, ``warn_from`` five working days
   before it, states as a real archive has them (old tasks mostly closed, some overdue;
   recent ones open, reported, in progress, returned). Rows go in by bulk inserts; the
   archive's search index is not built (follow-up never reads it).
2. Dashboard latency: Django's test client GETs /followup/governments/<id>/ as the
   supervisor (every task) for random governments → p50, p95.
3. A unit's task list: GET /followup/units/<id>/ (first page of open tasks + the recent
   closed) for random units, as the supervisor and as the unit's liaison officer.
4. ``jiyao remind`` over all tasks: :func:`send_reminders` with Django's in-memory mail
   backend, one liaison officer with an address per unit; the first run of a day (sends)
   and a second run the same day (sends nothing).

Targets (issue 9): dashboard p95 ≤ 100 ms, unit list p95 ≤ 50 ms, remind ≤ 10 s.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

TARGETS = {"dashboard_p95_ms": 100.0, "unit_p95_ms": 50.0, "remind_s": 10.0}
DEPARTMENTS = [
    "发展和改革局",
    "经济和信息化局",
    "教育局",
    "科学技术局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和广电旅游体育局",
    "卫生健康局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "综合行政执法局",
    "信访局",
    "机关事务管理局",
    "大数据发展管理局",
    "海洋与渔业局",
    "林业局",
    "城投集团",
    "交通投资集团",
    "供销合作社",
    "人民政府办公室",
    "粮食和物资储备局",
    "残疾人联合会",
    "妇女联合会",
    "总工会",
    "团委",
    "科学技术协会",
]
LEADERS = ("张", "王", "李", "赵", "陈")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def setup(data_dir: Path) -> None:
    os.environ["JIYAO_DATA_DIR"] = str(data_dir)
    os.environ.pop("JIYAO_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiyao.web.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _bulk(model: Any, rows: list[Any]) -> None:
    model.objects.bulk_create(rows, batch_size=5000)


def build(meetings: int, tasks: int, governments: int, seed: int) -> None:
    """Fill the empty database (explicit primary keys, bulk inserts)."""
    from django.contrib.auth.models import Group, User
    from django.db import transaction

    from jiyao.accounts.models import Profile
    from jiyao.archive import models as a
    from jiyao.directory.models import LocalRules, Portfolio
    from jiyao.followup import states
    from jiyao.followup.colour import warn_from
    from jiyao.followup.models import Task

    rnd = random.Random(seed)
    today = dt.date.today()
    start = dt.date(2019, 1, 1)
    span = (today - start).days - 1
    with transaction.atomic():
        govs = [
            a.Organization(pk=g + 1, name=f"示例{g + 1}县人民政府", kind="government")
            for g in range(governments)
        ]
        _bulk(a.Organization, govs)
        depts: dict[int, list[int]] = {}
        rows = []
        pk = governments
        for g in govs:
            depts[g.pk] = []
            for name in DEPARTMENTS:
                pk += 1
                rows.append(a.Organization(pk=pk, name="县" + name, government_id=g.pk))
                depts[g.pk].append(pk)
        _bulk(a.Organization, rows)
        people, portfolio, leader_of = [], [], {}
        for g in govs:
            for i, family in enumerate(LEADERS):
                people.append(
                    a.Person(pk=g.pk * 10 + i, name=f"{family}副县长", government_id=g.pk)
                )
            for j, d in enumerate(depts[g.pk]):
                leader = g.pk * 10 + j % len(LEADERS)
                leader_of[d] = leader
                portfolio.append(Portfolio(government_id=g.pk, leader_id=leader, department_id=d))
        _bulk(a.Person, people)
        _bulk(Portfolio, portfolio)
        _bulk(LocalRules, [LocalRules(government_id=g.pk) for g in govs])
        _bulk(
            a.MeetingSeries,
            [a.MeetingSeries(pk=g.pk, government_id=g.pk, kind="常务会议") for g in govs],
        )
        ms, minutes, items, decisions = [], [], [], []
        meeting_gov, meeting_date = {}, {}
        for m in range(1, meetings + 1):
            g = rnd.randrange(governments) + 1
            date = start + dt.timedelta(days=rnd.randrange(span))
            meeting_gov[m], meeting_date[m] = g, date
            ms.append(a.Meeting(pk=m, series_id=g, session=m // governments + 1, date=date))
            minutes.append(
                a.Minutes(
                    pk=m,
                    meeting_id=m,
                    title=f"第{m}次常务会议纪要",
                    visibility="public" if rnd.random() < 0.8 else "internal",
                )
            )
            for k in range(3):
                item = (m - 1) * 3 + k + 1
                items.append(
                    a.AgendaItem(
                        pk=item,
                        meeting_id=m,
                        position=k,
                        number=k + 1,
                        heading=f"议题{k + 1}",
                        action="deliberate",
                    )
                )
                decisions.append(
                    a.Decision(
                        pk=item,
                        agenda_item_id=item,
                        outcome="approved_in_principle",
                        follow_up="修改完善后印发实施",
                    )
                )
        for model, batch in (
            (a.Meeting, ms),
            (a.Minutes, minutes),
            (a.AgendaItem, items),
            (a.Decision, decisions),
        ):
            _bulk(model, batch)
        del ms, minutes, items
        rows = []
        for t in range(1, tasks + 1):
            decision = (t - 1) % len(decisions) + 1
            m = (decision - 1) // 3 + 1
            g = meeting_gov[m]
            mdate = meeting_date[m]
            lead = rnd.choice(depts[g])
            deadline = mdate + dt.timedelta(days=rnd.randint(20, 120))
            age = (today - mdate).days
            closed_on = None
            if age > 365:
                state = states.CLOSED if rnd.random() < 0.9 else rnd.choice(states.OPEN_STATES)
            elif age > 60:
                state = states.CLOSED if rnd.random() < 0.6 else rnd.choice(states.OPEN_STATES)
            else:
                state = rnd.choice(states.OPEN_STATES)
            if state == states.CLOSED:
                closed_on = min(today, mdate + dt.timedelta(days=rnd.randint(10, 150)))
            rows.append(
                Task(
                    pk=t,
                    decision_id=decision,
                    meeting_id=m,
                    meeting_date=mdate,
                    government_id=g,
                    lead_id=lead,
                    leader_id=leader_of[lead],
                    action=f"第{m}次会议议题落实：修改完善后印发实施",
                    deadline=deadline,
                    warn_from=warn_from(deadline, 5),
                    state=state,
                    percent=100 if closed_on else rnd.choice((0, 30, 60, 80)),
                    closed_on=closed_on,
                    days_to_close=(closed_on - mdate).days if closed_on else None,
                )
            )
            if len(rows) >= 20000:
                _bulk(Task, rows)
                rows = []
        _bulk(Task, rows)
        group = Group.objects.get_or_create(name="department")[0]
        users = [
            User(pk=d, username=f"lly{d}", email=f"lly{d}@example.cn", password="!")
            for ds in depts.values()
            for d in ds
        ]
        _bulk(User, users)
        group.user_set.add(*users)
        _bulk(Profile, [Profile(user_id=u.pk, organization_id=u.pk) for u in users])
        sup = User.objects.create_user("bench-supervisor", password="x")
        sup.groups.add(Group.objects.get_or_create(name="supervisor")[0])
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed_get(client: Any, url: str) -> tuple[float, float]:
    """(wall ms, CPU ms) of one GET. The CPU time of this process is what the request
    costs on an idle machine (SQLite runs in-process); wall time adds the waits of a
    busy one."""
    t, c = time.perf_counter(), time.process_time()
    response = client.get(url)
    wall, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} → {response.status_code}")
    return wall, cpu


def bench_pages(samples: int, seed: int) -> dict[str, dict[str, float]]:
    from django.contrib.auth.models import User
    from django.test import Client

    from jiyao.archive.models import Organization

    rnd = random.Random(seed)
    govs = list(Organization.objects.filter(kind="government").values_list("pk", flat=True))
    units = list(Organization.objects.filter(government__isnull=False).values_list("pk", flat=True))
    sup = Client()
    sup.force_login(User.objects.get(username="bench-supervisor"))
    out: dict[str, dict[str, float]] = {}
    for name, urls, client_for in (
        (
            "dashboard",
            [f"/followup/governments/{rnd.choice(govs)}/" for _ in range(samples)],
            lambda u: sup,
        ),
        (
            "unit (supervisor)",
            [f"/followup/units/{rnd.choice(units)}/" for _ in range(samples)],
            lambda u: sup,
        ),
        (
            "unit (its liaison officer)",
            [f"/followup/units/{rnd.choice(units)}/" for _ in range(samples)],
            None,
        ),
    ):
        for url in urls[:3]:  # warm-up: templates, statement cache
            (client_for(url) if client_for else sup).get(url)
        times, cpu = [], []
        for url in urls:
            if client_for is None:
                client = Client()
                client.force_login(User.objects.get(pk=int(url.rstrip("/").rsplit("/", 1)[1])))
            else:
                client = client_for(url)
            wall_ms, cpu_ms = timed_get(client, url)
            times.append(wall_ms)
            cpu.append(cpu_ms)
        out[name] = {
            "p50": statistics.median(times),
            "p95": percentile(times, 95),
            "cpu_p50": statistics.median(cpu),
            "cpu_p95": percentile(cpu, 95),
            "n": len(times),
        }
    return out


def bench_remind() -> dict[str, float]:
    from django.core import mail

    from jiyao.followup.models import ReminderSent
    from jiyao.followup.remind import send_reminders

    ReminderSent.objects.all().delete()
    mail.outbox = []
    t, c = time.perf_counter(), time.process_time()
    first = send_reminders()
    first_s, first_cpu_s = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    second = send_reminders()
    second_s = time.perf_counter() - t
    return {
        "first_s": first_s,
        "first_cpu_s": first_cpu_s,
        "second_s": second_s,
        "tasks_due_or_overdue": first.tasks,
        "mails": len(mail.outbox),
        "second_sent": second.sent,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--meetings", type=int, default=100000)
    parser.add_argument("--tasks", type=int, default=300000)
    parser.add_argument("--governments", type=int, default=20)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--data-dir", default="/tmp/jiyao-followup-bench")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    marker = data_dir / "followup-bench.json"
    params = {
        "meetings": args.meetings,
        "tasks": args.tasks,
        "governments": args.governments,
        "seed": args.seed,
    }
    fresh = args.rebuild or not marker.is_file() or json.loads(marker.read_text()) != params
    if fresh:
        for name in ("jiyao.sqlite3", "jiyao.sqlite3-wal", "jiyao.sqlite3-shm"):
            (data_dir / name).unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    setup(data_dir)
    if fresh:
        t = time.perf_counter()
        build(args.meetings, args.tasks, args.governments, args.seed)
        marker.write_text(json.dumps(params))
        print(
            f"built {args.meetings} meetings, {args.tasks} tasks in {time.perf_counter() - t:.0f} s"
        )
    else:
        print(f"reusing {data_dir} ({params})")
    pages = bench_pages(args.samples, args.seed)
    remind = bench_remind()
    for name, figures in pages.items():
        print(
            f"{name:28} wall p50 {figures['p50']:6.1f} ms  p95 {figures['p95']:6.1f} ms   "
            f"CPU p50 {figures['cpu_p50']:6.1f} ms  p95 {figures['cpu_p95']:6.1f} ms"
            f"  (n={figures['n']})"
        )
    print(
        f"jiyao remind: first run {remind['first_s']:.2f} s (CPU {remind['first_cpu_s']:.2f} s;"
        f" {remind['tasks_due_or_overdue']} tasks due or overdue, {remind['mails']} e-mails),"
        f" second run the same day {remind['second_s']:.2f} s ({remind['second_sent']} sent)"
    )
    units = ("unit (supervisor)", "unit (its liaison officer)")
    met = {}
    for kind, suffix in (("wall", ""), ("CPU", "cpu_")):
        met[f"dashboard p95 ≤ 100 ms ({kind})"] = (
            pages["dashboard"][f"{suffix}p95"] <= TARGETS["dashboard_p95_ms"]
        )
        met[f"unit list p95 ≤ 50 ms ({kind})"] = (
            max(pages[u][f"{suffix}p95"] for u in units) <= TARGETS["unit_p95_ms"]
        )
    met["remind ≤ 10 s (wall)"] = remind["first_s"] <= TARGETS["remind_s"]
    for target, ok in met.items():
        print(f"{'met' if ok else 'NOT MET'}: {target}")
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
