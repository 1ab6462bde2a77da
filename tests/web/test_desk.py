"""The desk (工作台): each role's home page gathers what the user has to do next."""

from __future__ import annotations

from typing import Any

import pytest

from jiyao.web import desk

pytestmark = pytest.mark.django_db


def todo_for(user: Any) -> list[tuple[str, str]]:
    """A workflow app's todo list for the desk to gather (this module stands in as one)."""
    if user.username == "secretary":
        return [("审核议题：建设海塘安澜工程", "/topics/1/")]
    return []


def test_anonymous_visitor_is_sent_to_login(client: Any) -> None:
    response = client.get("/desk/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_login_lands_on_the_desk(client: Any, secretary: Any) -> None:
    response = client.post(
        "/accounts/login/", {"username": "secretary", "password": "pw-secretary"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/desk/"


def test_user_without_role_is_told_to_ask_for_one(client: Any, outsider: Any) -> None:
    client.force_login(outsider)
    page = client.get("/desk/").content.decode()
    assert "未分配角色" in page
    assert "请联系政府办为您分配角色" in page


def test_desk_lists_each_apps_todo_under_its_heading(
    client: Any, secretary: Any, outsider: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desk, "SECTIONS", ((__name__, "议题"),))
    client.force_login(secretary)
    page = client.get("/desk/").content.decode()
    assert "<h2>议题</h2>" in page
    assert 'href="/topics/1/"' in page and "审核议题：建设海塘安澜工程" in page
    client.force_login(outsider)
    assert "<h2>议题</h2>" not in client.get("/desk/").content.decode()


def test_navigation_shows_the_workflow_to_staff_roles_only(
    client: Any, secretary: Any, outsider: Any, reader_user: Any
) -> None:
    client.force_login(secretary)
    page = client.get("/desk/").content.decode()
    assert 'href="/topics/"' in page and 'href="/desk/" aria-current="page"' in page
    for user in (outsider, reader_user):
        client.force_login(user)
        assert 'href="/topics/"' not in client.get("/").content.decode()
    client.logout()
    assert 'href="/topics/"' not in client.get("/").content.decode()
