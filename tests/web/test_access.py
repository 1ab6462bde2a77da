"""Roles, the access rule and the demo login (jiyao.accounts)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.http import Http404
from django.test import RequestFactory
from pages_data import make_archive

from jiyao.accounts.access import get_meeting_for_user, public_only, visible_meetings
from jiyao.accounts.demo import ensure_demo_user
from jiyao.accounts.roles import ROLES, can_edit, is_insider

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


def test_secretariat_may_change_the_archive_and_reader_may_only_view(secretary, reader_user):
    assert secretary.has_perm("archive.change_minutes")
    assert secretary.has_perm("archive.add_organizationalias")
    assert reader_user.has_perm("archive.view_minutes")
    assert not reader_user.has_perm("archive.change_minutes")
    assert can_edit(secretary) and not can_edit(reader_user)


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


def test_reader_sees_internal_minutes(archive, reader_user):
    assert set(visible_meetings(reader_user)) == {archive["public"], archive["internal"]}
    assert (
        get_meeting_for_user(_request(reader_user), archive["internal"].pk) == archive["internal"]
    )


def test_inactive_user_with_a_role_is_an_outsider(archive, reader_user):
    reader_user.is_active = False
    reader_user.save()
    with pytest.raises(Http404):
        get_meeting_for_user(_request(reader_user), archive["internal"].pk)


@pytest.mark.parametrize("pk", ["abc", None, "1.5", "-"])
def test_malformed_meeting_id_is_not_found(pk, reader_user):
    with pytest.raises(Http404):
        get_meeting_for_user(_request(reader_user), pk)


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
    archive, outsider, reader_user
):
    from jiyao.accounts.access import visible_filter
    from jiyao.archive.models import Attendance

    def meetings(user):
        rows = Attendance.objects.filter(visible_filter(user, "meeting"))
        return set(rows.values_list("meeting_id", flat=True))

    assert meetings(AnonymousUser()) == {archive["public"].pk}
    assert meetings(outsider) == {archive["public"].pk}
    assert meetings(reader_user) == {archive["public"].pk, archive["internal"].pk}
