"""Roles, the access rule (jiyao.archive.access) and the demo login (jiyao.accounts)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.http import Http404
from django.test import RequestFactory
from pages_data import make_archive

from jiyao.accounts.demo import ensure_demo_user
from jiyao.accounts.roles import INSIDER_ROLES, ROLES, can_edit, is_insider
from jiyao.archive.access import (
    MAX_ID,
    get_meeting_for_user,
    parse_id,
    public_only,
    visible_filter,
    visible_meetings,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_archive()


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_every_glossary_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)
    assert set(ROLES) == {"secretariat", "supervisor", "department", "leader", "reader"}


def test_secretariat_may_change_the_archive_and_other_staff_may_only_view(
    secretary, insider, reader_user
):
    assert secretary.has_perm("archive.change_minutes")
    assert secretary.has_perm("archive.add_organizationalias")
    assert insider.has_perm("archive.view_minutes")
    assert not insider.has_perm("archive.change_minutes")
    assert not reader_user.has_perm("archive.view_minutes")
    assert can_edit(secretary) and not can_edit(insider) and not can_edit(reader_user)


def test_a_reader_granted_archive_permissions_earlier_loses_them():
    from django.contrib.auth.models import Permission

    from jiyao.accounts.roles import grant_role_permissions

    reader = Group.objects.get(name="reader")
    reader.permissions.add(Permission.objects.get(codename="view_minutes"))
    grant_role_permissions()
    assert not reader.permissions.filter(content_type__app_label="archive").exists()
    assert Group.objects.get(name="leader").permissions.filter(codename="view_minutes").exists()


def test_insiders_are_the_governments_own_staff_roles():
    assert {"secretariat", "supervisor", "department", "leader"} == INSIDER_ROLES


def test_anonymous_visitor_reads_public_minutes_only(archive):
    anonymous = AnonymousUser()
    assert public_only(anonymous)
    assert list(visible_meetings(anonymous)) == [archive["public"]]
    assert get_meeting_for_user(_request(anonymous), archive["public"].pk) == archive["public"]
    with pytest.raises(Http404):
        get_meeting_for_user(_request(anonymous), archive["internal"].pk)


def test_outsider_cannot_see_internal_minutes(archive, outsider):
    assert not is_insider(outsider)
    assert archive["internal"] not in visible_meetings(outsider)
    with pytest.raises(Http404):
        get_meeting_for_user(_request(outsider), archive["internal"].pk)


def test_reader_reads_public_minutes_only(archive, reader_user):
    assert public_only(reader_user) and not is_insider(reader_user)
    assert list(visible_meetings(reader_user)) == [archive["public"]]
    with pytest.raises(Http404):
        get_meeting_for_user(_request(reader_user), archive["internal"].pk)


@pytest.mark.parametrize("role", ["secretariat", "supervisor", "department", "leader"])
def test_every_staff_role_reads_internal_minutes(archive, role):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(f"staff-{role}", password="pw")
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    assert set(visible_meetings(user)) == {archive["public"], archive["internal"]}
    assert get_meeting_for_user(_request(user), archive["internal"].pk) == archive["internal"]


def test_superuser_reads_internal_minutes(archive):
    from django.contrib.auth.models import User

    boss = User.objects.create_superuser("boss", password="pw-boss")
    assert get_meeting_for_user(_request(boss), archive["internal"].pk) == archive["internal"]


def test_inactive_user_with_a_staff_role_is_an_outsider(archive, insider):
    insider.is_active = False
    insider.save()
    with pytest.raises(Http404):
        get_meeting_for_user(_request(insider), archive["internal"].pk)


@pytest.mark.parametrize(
    "pk", ["abc", None, "1.5", "-", "0", "-1", str(MAX_ID + 1), "99999999999999999999", "١٢"]
)
def test_malformed_or_out_of_range_meeting_id_is_not_found(pk, insider):
    with pytest.raises(Http404):
        get_meeting_for_user(_request(insider), pk)


def test_an_id_is_a_positive_64_bit_integer():
    assert parse_id("42") == 42 and parse_id(7) == 7 and parse_id(MAX_ID) == MAX_ID
    for bad in (MAX_ID + 1, 0, -3, True, "", " ", "1e3", "+5", "２"):
        assert parse_id(bad) is None, bad


def test_a_meeting_without_minutes_is_visible_to_nobody(archive, insider, secretary):
    from pages_data import make_prepared_meeting

    from jiyao.archive.models import Attendance

    prepared = make_prepared_meeting(archive)
    for user in (AnonymousUser(), insider, secretary):
        assert prepared not in visible_meetings(user)
        with pytest.raises(Http404):
            get_meeting_for_user(_request(user), prepared.pk)
        rows = Attendance.objects.filter(visible_filter(user, "meeting"))
        assert prepared.pk not in set(rows.values_list("meeting_id", flat=True))


def test_demo_user_is_a_secretariat_staff_user_and_idempotent(settings, tmp_path, client):
    settings.DATA_DIR = tmp_path
    username, password = ensure_demo_user()
    again = ensure_demo_user()
    assert again == (username, password)
    from django.contrib.auth import get_user_model

    demo = get_user_model().objects.get(username=username)
    assert demo.is_staff and demo.groups.filter(name="secretariat").exists()
    assert get_user_model().objects.filter(username=username).count() == 1
    assert client.login(username=username, password=password)


def test_login_page_is_in_chinese_and_logs_in(client, reader_user):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "登录" in text and "用户名" in text and "密码" in text
    reader_user.set_password("s3cret-pass")
    reader_user.save()
    wrong = client.post("/accounts/login/", {"username": reader_user.username, "password": "x"})
    assert "用户名或密码不正确" in wrong.content.decode()
    right = client.post(
        "/accounts/login/", {"username": reader_user.username, "password": "s3cret-pass"}
    )
    assert right.status_code == 302


def test_logout_is_a_post_and_ends_the_session(client, reader_user):
    client.force_login(reader_user)
    response = client.post("/accounts/logout/")
    assert response.status_code in (200, 302)
    assert "_auth_user_id" not in client.session


def test_visible_filter_keeps_rows_of_public_minutes_only_for_outsiders(
    archive, outsider, reader_user, insider
):
    from jiyao.archive.models import Attendance

    def meetings(user):
        rows = Attendance.objects.filter(visible_filter(user, "meeting"))
        return set(rows.values_list("meeting_id", flat=True))

    assert meetings(AnonymousUser()) == {archive["public"].pk}
    assert meetings(outsider) == {archive["public"].pk}
    assert meetings(reader_user) == {archive["public"].pk}
    assert meetings(insider) == {archive["public"].pk, archive["internal"].pk}
