"""Login throttling (django-axes): wrong passwords lock an account at an address, and an
address, for the cool-off time; the login page says so in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import RequestFactory

from jiyao.accounts.throttle import client_address

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LIMIT = settings.AXES_FAILURE_LIMIT


def _try(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_the_limits_are_those_documented():
    assert 5 <= LIMIT <= 10
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_many_wrong_passwords_then_the_right_one_is_refused(client, insider):
    for _ in range(5 * LIMIT):
        _try(client, "insider", "wrong")
    response = _try(client, "insider", "pw-insider")
    assert response.status_code == 429
    assert not _logged_in(client)
    html = response.content.decode()
    assert "已被暂时锁定 15 分钟" in html and "请 15 分钟后再试" in html
    assert 'value="insider"' in html  # the username stays in the form


def test_the_account_is_locked_at_the_limit_not_before(client, insider):
    for _ in range(LIMIT - 1):
        assert _try(client, "insider", "wrong").status_code == 200
    assert _try(client, "insider", "pw-insider").status_code == 302
    assert _logged_in(client)


def test_a_success_before_the_limit_starts_the_count_again(client, insider):
    for _ in range(LIMIT - 1):
        _try(client, "insider", "wrong")
    assert _try(client, "insider", "pw-insider").status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        _try(client, "insider", "wrong")
    assert _try(client, "insider", "pw-insider").status_code == 302


def test_locking_one_address_leaves_the_account_usable_from_another(client, insider):
    for _ in range(LIMIT):
        _try(client, "insider", "wrong", address="10.0.0.1")
    assert _try(client, "insider", "pw-insider", address="10.0.0.1").status_code == 429
    assert _try(client, "insider", "pw-insider", address="10.0.0.2").status_code == 302


def test_an_address_guessing_many_accounts_is_locked(client, insider):
    for i in range(LIMIT):
        _try(client, f"nobody-{i}", "wrong", address="10.0.0.7")
    assert _try(client, "insider", "pw-insider", address="10.0.0.7").status_code == 429
    assert not _logged_in(client)


def test_the_lock_ends_after_the_cool_off(client, insider):
    from axes.models import AccessAttempt

    for _ in range(LIMIT):
        _try(client, "insider", "wrong")
    assert _try(client, "insider", "pw-insider").status_code == 429
    earlier = dt.timedelta(minutes=16)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= earlier
        attempt.save()
    assert _try(client, "insider", "pw-insider").status_code == 302


def test_the_admin_login_is_throttled_too(client, secretary):
    for _ in range(LIMIT):
        client.post("/admin/login/", {"username": "secretary", "password": "x"})
    response = client.post("/admin/login/", {"username": "secretary", "password": "pw-secretary"})
    assert response.status_code == 429 and not _logged_in(client)


def test_a_forged_forwarded_for_header_is_ignored_without_trusted_proxies(settings):
    settings.JIYAO_TRUSTED_PROXIES = 0
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.1"


def test_behind_one_proxy_the_client_is_the_address_it_appended(settings):
    settings.JIYAO_TRUSTED_PROXIES = 1
    request = RequestFactory().post(
        LOGIN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_address(request) == "203.0.113.9"
    bare = RequestFactory().post(LOGIN, REMOTE_ADDR="127.0.0.1")
    assert client_address(bare) == "127.0.0.1"
