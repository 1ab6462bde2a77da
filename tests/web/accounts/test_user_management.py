"""Users: ``jiyao user add/list`` and the administrators' pages."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from jiyao.accounts.models import profile_of
from jiyao.accounts.users import role_of
from jiyao.cli import main


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def manager(county):
    user = county.gov_secretary
    user.user_permissions.add(Permission.objects.get(codename="manage_users"))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def test_cli_adds_a_department_user_by_alias_and_prints_the_generated_password(county, capsys):
    from jiyao.archive.models import OrganizationAlias

    OrganizationAlias.objects.create(organization=county.fgj, alias="县发改局")
    status = main(
        [
            "user",
            "add",
            "wang",
            "--role",
            "department",
            "--organization",
            "县发改局",
            "--government",
            "象山县人民政府",
            "--generate",
        ]
    )
    out = capsys.readouterr().out
    assert status == 0 and "密码：" in out
    password = out.split("密码：")[1].strip()
    user = User.objects.get(username="wang")
    assert user.check_password(password)
    assert role_of(user) == "department" and profile_of(user).organization == county.fgj


def test_cli_adds_a_leader_with_the_person_of_the_minutes(county, capsys):
    assert (
        main(
            [
                "user",
                "add",
                "chen",
                "--role",
                "leader",
                "--person",
                "陈兴立",
                "--government",
                "象山县人民政府",
                "--generate",
            ]
        )
        == 0
    )
    profile = profile_of(User.objects.get(username="chen"))
    assert profile.person == county.chen and profile.organization == county.gov


def test_cli_refuses_an_unknown_organization_and_a_taken_name(county, capsys):
    assert (
        main(
            [
                "user",
                "add",
                "x",
                "--role",
                "department",
                "--organization",
                "县不存在局",
                "--generate",
            ]
        )
        == 1
    )
    assert "找不到单位“县不存在局”" in capsys.readouterr().err
    assert main(["user", "add", "stranger", "--role", "reader", "--generate"]) == 1
    assert "已被使用" in capsys.readouterr().err
    assert main(["user", "add", "y", "--role", "department", "--generate"]) == 1
    assert "须设置所在单位" in capsys.readouterr().err


def test_cli_lists_users_with_their_role(county, capsys):
    assert main(["user", "list"]) == 0
    out = capsys.readouterr().out
    assert "department_user\t部门联络员\t县发展和改革局" in out


def test_the_user_pages_need_the_permission(county, manager):
    url = reverse("accounts:users")
    assert client_for(manager).get(url).status_code == 200
    assert client_for(county.other_secretary).get(url).status_code == 403  # no permission
    assert client_for(county.stranger).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_a_manager_sees_only_the_users_of_their_government(county, manager):
    page = client_for(manager).get(reverse("accounts:users")).content.decode()
    assert "department_user" in page and "other_secretary" not in page
    other = User.objects.get(username="other_secretary")
    url = reverse("accounts:user_edit", args=[other.pk])
    assert client_for(manager).get(url).status_code == 404


def test_a_manager_creates_a_user_and_sees_the_password_once(county, manager):
    c = client_for(manager)
    response = c.post(
        reverse("accounts:user_new"),
        {
            "username": "zjj-li",
            "full_name": "李四",
            "role": "department",
            "organization": county.zjj.pk,
            "is_active": "on",
        },
        follow=True,
    )
    assert "初始密码" in response.content.decode()
    user = User.objects.get(username="zjj-li")
    assert role_of(user) == "department" and profile_of(user).organization == county.zjj


def test_a_manager_cannot_put_a_user_in_another_government(county, manager):
    response = client_for(manager).post(
        reverse("accounts:user_new"),
        {
            "username": "sneaky",
            "role": "secretariat",
            "organization": county.other_gov.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="sneaky").exists()


def test_deactivating_a_user_changes_role_too_and_keeps_history(county, manager):
    target = county.department_user
    response = client_for(manager).post(
        reverse("accounts:user_edit", args=[target.pk]),
        {"username": target.username, "role": "reader", "organization": county.fgj.pk},
    )
    assert response.status_code == 302
    target = User.objects.get(pk=target.pk)
    assert not target.is_active and role_of(target) == "reader"
    last = profile_of(target).history.first()
    assert "停用" in last.history_change_reason and last.history_user == manager


def test_a_leader_needs_a_person(county, manager):
    response = client_for(manager).post(
        reverse("accounts:user_new"),
        {"username": "ld", "role": "leader", "organization": county.gov.pk, "is_active": "on"},
    )
    assert "须关联对应人员" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("department_user", 403), ("gov_supervisor", 403), ("county_reader", 403), ("stranger", 403)],
)
def test_the_user_forms_refuse_everyone_but_managers(county, manager, who, status):
    target = county.department_user
    c = client_for(getattr(county, who))
    assert c.get(reverse("accounts:user_new")).status_code == status
    assert c.get(reverse("accounts:user_edit", args=[target.pk])).status_code == status
    assert (
        c.post(reverse("accounts:user_new"), {"username": "x", "role": "reader"}).status_code
        == status
    )
    assert (
        client_for(manager).get(reverse("accounts:user_edit", args=[target.pk])).status_code == 200
    )
    assert client_for(manager).get(reverse("accounts:user_edit", args=[99999])).status_code == 404
