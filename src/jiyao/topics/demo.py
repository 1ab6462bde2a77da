"""Demo topics of 象山县人民政府 in every state, each step taken by the right user.

The topics are those of the bundled example minutes (2021年第53次常务会议) and a few
more of the same departments. Every state change goes through services.transition, so
the demo's transition log is what real use would leave. Materials are real small files:
Word documents made with python-docx, evidence PDFs typeset by Typst (the composer's
engine). Idempotent: a topic whose title exists in the government is left alone.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from jiyao.topics import rules
from jiyao.topics.editing import CheckInput, TopicInput, save_topic
from jiyao.topics.services import transition
from jiyao.uploads import ValidatedFile, validate_upload

C, L, F, R, K = (
    rules.CONSULTATION,
    rules.LEGALITY,
    rules.FAIR_COMPETITION,
    rules.RISK,
    rules.COLLECTIVE,
)

#: (department short name, title, action, kind, checks done, path of actions, reason).
#: The path's actors: d = the department, l = its leader in charge, s = the secretariat.
TOPICS: tuple[tuple[str, str, str, str, tuple[str, ...], str, str], ...] = (
    ("县发改局", "关于2021年上半年全县经济运行情况的汇报", "hear_report", rules.REPORT, (), "", ""),
    (
        "县发改局",
        "审议《象山县促进服务业高质量发展若干政策》（征求意见稿）",
        "deliberate",
        rules.MARKET,
        (C, F, K),
        "d:submit",
        "",
    ),
    (
        "县发改局",
        "审议《象山县开发区（园区）整合提升方案》（送审稿）",
        "deliberate",
        rules.MAJOR,
        (C, R, L, K),
        "d:submit l:approve",
        "",
    ),
    (
        "县发改局",
        "审议《象山县公共资源交易管理办法》（送审稿）",
        "deliberate",
        rules.NORMATIVE,
        (C, K),
        "d:submit l:return",
        "缺少县司法局的合法性审查意见，请补充后重新申报。",
    ),
    (
        "县发改局",
        "审议《象山县海洋经济发展“十四五”规划》（送审稿）",
        "deliberate",
        rules.MAJOR,
        (C, R, L, K),
        "d:submit l:approve s:accept",
        "",
    ),
    (
        "县应急管理局",
        "听取关于象山县“平安护航建党百年”安全隐患大排查大整治专项行动工作情况的汇报",
        "hear_report",
        rules.REPORT,
        (),
        "d:submit l:approve s:accept",
        "",
    ),
    (
        "县综合行政执法局",
        "审议《象山县综合行政执法事项划转工作方案》（送审稿）",
        "deliberate",
        rules.MAJOR,
        (C, L, K),
        "d:submit l:approve s:accept",
        "",
    ),
    (
        "县经信局",
        "听取关于表彰2020年度全县工业·科技暨开放型经济工作先进单位和个人情况的汇报",
        "hear_report",
        rules.OTHER,
        (K,),
        "d:submit l:approve s:accept s:schedule",
        "",
    ),
    (
        "县城投集团",
        "听取关于筹建象山县市政运维有限责任公司的汇报",
        "hear_report",
        rules.OTHER,
        (K,),
        "d:submit l:approve s:accept s:schedule s:decide",
        "",
    ),
    (
        "县住建局",
        "审议《象山县城镇老旧小区改造实施方案》（送审稿）",
        "deliberate",
        rules.MAJOR,
        (C, R, L, K),
        "d:submit l:approve s:accept s:schedule s:defer",
        "",
    ),
    (
        "县住建局",
        "审议《象山县住房和城乡建设“十四五”规划》（送审稿）",
        "deliberate",
        rules.MAJOR,
        (C, R, L, K),
        "d:submit",
        "",
    ),
    (
        "县发改局",
        "审议《象山县粮食安全应急预案》（修订稿）",
        "deliberate",
        rules.NORMATIVE,
        (K,),
        "d:submit d:withdraw",
        "县应急管理局牵头统一修订应急预案，本局议题撤回。",
    ),
)

EVIDENCE: dict[str, str] = {
    C: "2021年4月12日至5月11日在县政府门户网站公开征求意见，收到意见建议15条，采纳9条，未采纳的已说明理由。",
    L: "县司法局出具合法性审查意见书（象司审〔2021〕31号），认为草案符合法律法规规定。",
    F: "起草单位开展公平竞争审查，未发现排除、限制竞争的内容，审查表已存档。",
    R: "委托第三方开展社会稳定风险评估，评估结论为低风险。",
    K: "经局党组会议集体讨论通过。",
}


def docx_bytes(title: str, paragraphs: Iterable[str]) -> bytes:
    """A small real Word document (what a department would upload)."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_compiler: Any = None


def pdf_bytes(title: str, body: str) -> bytes:
    """A one-page PDF typeset by Typst with the composer's free fonts (text as literals)."""
    global _compiler
    import typst

    from jiyao.minutes.compose.fonts import font_dirs

    if _compiler is None:
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=True, font_paths=font_dirs()
        )
        _compiler = typst.Compiler(font_paths=fonts, ignore_system_fonts=True)
    source = (
        '#set page(paper: "a4", margin: 2.5cm)\n'
        '#set text(font: ("FandolSong", "Noto Serif CJK SC"), size: 14pt, lang: "zh")\n'
        f"#align(center, text(size: 20pt, {json.dumps(title, ensure_ascii=False)}))\n\n"
        f"#{json.dumps(body, ensure_ascii=False)}\n"
    )
    pdf = _compiler.compile(input=source.encode("utf-8"), format="pdf", timestamp=0)
    return bytes(pdf)


class _Named(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name
        self.size = len(data)


def _file(data: bytes, name: str) -> ValidatedFile:
    return validate_upload(_Named(data, name))


def _users(government: Any, users: Any) -> dict[str, Any]:
    """Role code → user, from ensure_demo_users' rows (or User objects, or a mapping)."""
    from django.contrib.auth import get_user_model

    from jiyao.accounts.users import role_of

    if isinstance(users, dict):
        return dict(users)
    out: dict[str, Any] = {}
    User = get_user_model()
    for row in users:
        user = row if isinstance(row, User) else User.objects.filter(username=row[1]).first()
        if user is not None:
            out.setdefault(role_of(user), user)
    return out


def _actor(government: Any, code: str, department: Any, leader: Any, users: dict[str, Any]) -> Any:
    """The user taking a step: the demo login when it fits, else a colleague made here
    (no usable password) for that department or leader."""
    from jiyao.accounts.models import profile_of
    from jiyao.accounts.users import UserInput, save_user

    if code == "s" or code == "system":
        return users["secretariat"]
    if code == "d":
        demo = users.get("department")
        if demo is not None and profile_of(demo).organization_id == department.pk:
            return demo
        role, org, person, name = "department", department, None, f"demo-dept-{department.pk}"
    else:
        demo = users.get("leader")
        if demo is not None and profile_of(demo).person_id == leader.pk:
            return demo
        role, org, person, name = "leader", government, leader, f"demo-leader-{leader.pk}"
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(username=name).first()
    if found is not None:
        return found
    label = department.name if role == "department" else leader.name
    user = save_user(
        UserInput(username=name, role=role, organization=org, person=person, full_name=label),
        login=False,
    )
    return user


def seed(government: Any, users: Any) -> int:
    """Create the demo topics of ``government``; return how many were created."""
    from jiyao.directory.demo import department as department_of
    from jiyao.topics.models import Topic
    from jiyao.topics.services import leader_in_charge

    by_role = _users(government, users)
    series = government.series.filter(kind="常务会议").first() or government.series.first()
    if series is None or "secretariat" not in by_role:
        return 0
    made = 0
    for short, title, action, kind, done, path, reason in TOPICS:
        if Topic.objects.filter(government=government, title=title).exists():
            continue
        dept = department_of(government, short)
        leader = leader_in_charge(dept)
        if leader is None:
            continue
        author = _actor(government, "d", dept, leader, by_role)
        with transaction.atomic():
            topic = save_topic(author, _input(series, title, action, kind, done, dept))
            for step in path.split():
                who, act = step.split(":")
                system = act in ("decide", "defer")
                user = _actor(government, who, dept, leader, by_role)
                why = reason if act in ("return", "withdraw") else ""
                if act == "unschedule":
                    why = why or "会议议程调整"
                topic = transition(topic, act, user, why, system=system)
        made += 1
    return made


def _input(
    series: Any, title: str, action: str, kind: str, done: tuple[str, ...], dept: Any
) -> TopicInput:
    name = title.split("《")[1].split("》")[0] if "《" in title else title.removeprefix("听取")
    stage = "征求意见稿" if "征求意见稿" in title else "送审稿"
    paragraphs = (
        f"{dept.name}",
        "一、起草背景",
        "为贯彻落实省、市有关部署，结合我县实际，起草本稿。",
        "二、主要内容",
        "本稿共分五个部分，明确了目标任务、重点工作和保障措施。",
        "三、需会议研究的事项",
        "提请县政府常务会议审议。",
    )
    material = _file(docx_bytes(name, paragraphs), f"{name}（{stage}）.docx")
    day = dt.date(2021, 5, 20)
    checks = []
    for code in rules.CHECKS:
        evidence_file = None
        if code == L and code in done:
            evidence_file = _file(
                pdf_bytes("合法性审查意见书", EVIDENCE[L]), "合法性审查意见书.pdf"
            )
        checks.append(
            CheckInput(
                kind=code,
                done=code in done,
                passed_on=day if code in done else None,
                evidence=EVIDENCE[code] if code in done else "",
                evidence_file=evidence_file,
            )
        )
    return TopicInput(
        title=title,
        action=action,
        kind=kind,
        summary=f"{dept.name}提请会议{dict(_ACTIONS)[action]}{name}。",
        series=series,
        new_materials=[(material, stage)],
        checks=checks,
    )


_ACTIONS = (
    ("deliberate", "审议"),
    ("hear_report", "听取"),
    ("study", "研究"),
    ("convey", "传达学习"),
)
