"""``jiyao user add`` and ``jiyao user list``: users from the command line.

``add`` creates a user with one role (secretariat, supervisor, department, leader,
reader), its organization (a department, or the government itself) and, for a leader,
the Person the minutes and portfolios name. The password is asked for twice on the
terminal, or generated and printed once with ``--generate``. ``list`` prints every user
with role, organization, person and whether the account is active.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from jiyao.accounts.roles import ROLES

EXAMPLE = """示例：
  jiyao user add zhangsan --role department --organization 县发改局 --government 象山县人民政府 --generate
  jiyao user add chenxl --role leader --person 陈兴立 --government 象山县人民政府
  jiyao user add office1 --role secretariat --organization 象山县人民政府
  jiyao user list
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "user",
        help="添加和列出用户（角色、单位、人员）",
        description=(
            "管理用户。角色："
            + "；".join(f"{code}：{label}" for code, label in ROLES.items())
            + "。部门用户须给 --organization；领导须给 --person。"
        ),
        epilog=EXAMPLE,
    )
    actions = p.add_subparsers(dest="user_command", metavar="操作")
    add = actions.add_parser(
        "add",
        help="创建用户",
        description="创建用户：密码在终端输入两次，或用 --generate 生成并只显示一次。",
        epilog=EXAMPLE,
    )
    add.add_argument("name", metavar="用户名", help="登录用的用户名")
    add.add_argument("--role", required=True, choices=tuple(ROLES), help="用户的角色")
    add.add_argument("--organization", metavar="单位", help="部门或政府，全称或简称")
    add.add_argument("--person", metavar="人员", help="领导：纪要中出现的姓名")
    add.add_argument("--government", metavar="政府", help="单位和人员所属的政府")
    add.add_argument("--full-name", metavar="姓名", default="", help="网页上显示的姓名")
    add.add_argument("--generate", action="store_true", help="生成密码并只显示一次")
    add.add_argument(
        "--data-dir", metavar="目录", help="数据目录（默认 $JIYAO_DATA_DIR，否则 ./data）"
    )
    add.set_defaults(func=run_add)
    ls = actions.add_parser(
        "list",
        help="列出用户",
        description="列出所有用户：用户名、角色、单位、人员、是否启用（以制表符分隔）。",
        epilog=EXAMPLE,
    )
    ls.add_argument(
        "--data-dir", metavar="目录", help="数据目录（默认 $JIYAO_DATA_DIR，否则 ./data）"
    )
    ls.set_defaults(func=run_list)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), 2)[1])


def _setup(args: argparse.Namespace, *, file: Any = None) -> None:
    from jiyao.cli.archive import open_archive

    open_archive(getattr(args, "data_dir", None), file=file)


def _government(name: str | None) -> Any:
    if not name:
        return None
    from jiyao.accounts.users import UserError, find_organization

    gov = find_organization(name)
    if gov.kind != "government":
        raise UserError(f"“{name}”不是政府。")
    return gov


def _password() -> str | None:
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\n")
        return line or None
    first = getpass.getpass("密码：")
    if first != getpass.getpass("再输入一次：") or not first:
        print("jiyao user: 两次输入的密码不一致或为空", file=sys.stderr)
        return None
    return first


def run_add(args: argparse.Namespace) -> int:
    _setup(args)
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from jiyao.accounts.users import UserError, UserInput, find_organization, generate_password

    try:
        gov = _government(args.government)
        org = find_organization(args.organization, gov) if args.organization else None
        if gov is None and org is not None:
            gov = org if org.kind == "government" else org.government
        person = None
        if args.person:
            if gov is None:
                raise UserError("--person 需要 --government 或 --organization 指明所属政府。")
            from jiyao.archive.models import Person

            person, _ = Person.objects.get_or_create(government=gov, name=args.person)
        if org is None and args.role in ("leader", "secretariat", "supervisor") and gov:
            org = gov
        if args.generate:
            password: str | None = generate_password()
        else:
            password = _password()
            if password is None:
                return 1
            validate_password(password)
        from jiyao.accounts.users import save_user

        user = save_user(
            UserInput(
                username=args.name,
                role=args.role,
                organization=org,
                person=person,
                full_name=args.full_name,
            ),
            password=password,
        )
    except (UserError, ValidationError) as refused:
        message = "；".join(refused.messages) if isinstance(refused, ValidationError) else refused
        print(f"jiyao user: {message}", file=sys.stderr)
        return 1
    print(f"已创建用户 {user.username}（{ROLES[args.role]}）")
    if args.generate:
        print(f"密码：{password}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    _setup(args, file=sys.stderr)  # standard output is the table alone
    from django.contrib.auth import get_user_model

    from jiyao.accounts.models import profile_of
    from jiyao.accounts.users import role_of

    for user in get_user_model().objects.order_by("username"):
        profile = profile_of(user)
        role = role_of(user)
        cells = [
            user.username,
            ROLES.get(role, "超级管理员" if user.is_superuser else "（无角色）"),
            str(profile.organization) if profile and profile.organization else "—",
            str(profile.person) if profile and profile.person else "—",
            "启用" if user.is_active else "停用",
        ]
        print("\t".join(cells))
    return 0
