"""The home page and search: filters, ranking, snippets, pagination, odd queries."""

from __future__ import annotations

import pytest
from pages_data import make_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_archive()


def test_home_page_has_the_search_box_and_public_meetings(client, archive):
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="q"' in html and "检索" in html
    assert "第十二次" in html
    assert "第十五次" not in html


def test_outsider_home_page_hides_internal_minutes(client, archive, outsider):
    client.force_login(outsider)
    assert "第十五次" not in client.get("/").content.decode()


def test_insider_home_page_lists_internal_minutes(client, archive, insider):
    client.force_login(insider)
    assert "第十五次" in client.get("/").content.decode()


def test_search_finds_a_two_character_word_with_a_highlighted_snippet(client, archive):
    page = client.get("/search/", {"q": "防汛"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="/meetings/{archive["public"].pk}/"' in html
    assert "<mark>" in html


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_outsider_cannot_find_internal_minutes(client, archive, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    html = client.get("/search/", {"q": "送审稿"}).content.decode()
    assert f'href="/meetings/{archive["internal"].pk}/"' not in html
    html = client.get("/search/", {"q": "防汛"}).content.decode()
    assert f'href="/meetings/{archive["internal"].pk}/"' not in html


def test_insider_finds_internal_minutes(client, archive, insider):
    client.force_login(insider)
    html = client.get("/search/", {"q": "防汛"}).content.decode()
    assert f'href="/meetings/{archive["internal"].pk}/"' in html


def test_script_in_the_source_never_reaches_the_results_page(client, archive, insider):
    client.force_login(insider)
    html = client.get("/search/", {"q": "纪要"}).content.decode()
    assert "<script>alert" not in html


def test_filters_narrow_the_results(client, archive, insider):
    client.force_login(insider)
    public, internal = archive["public"], archive["internal"]
    html = client.get("/search/", {"q": "防汛", "date_to": "2023-04-01"}).content.decode()
    assert f"/meetings/{public.pk}/" in html and f"/meetings/{internal.pk}/" not in html
    html = client.get("/search/", {"q": "防汛", "date_from": "2023-04-01"}).content.decode()
    assert f"/meetings/{public.pk}/" not in html and f"/meetings/{internal.pk}/" in html
    html = client.get("/search/", {"person": "李强"}).content.decode()
    assert f"/meetings/{public.pk}/" in html


def test_department_filter_resolves_aliases(client, archive, insider):
    client.force_login(insider)
    public, internal = archive["public"], archive["internal"]
    for name in ("县发改局", "县发展和改革局"):
        html = client.get("/search/", {"department": name}).content.decode()
        assert f"/meetings/{public.pk}/" in html, name
        assert f"/meetings/{internal.pk}/" in html, name


def test_htmx_request_gets_only_the_results(client, archive):
    page = client.get("/search/", {"q": "防汛"}, headers={"HX-Request": "true"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" not in html and "/meetings/" in html
    assert "HX-Request" in page["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, archive):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    page = client.get("/search/", {"q": "防汛"}, headers=headers)
    assert "<html" in page.content.decode()


ODD_QUERIES = [
    '"防汛',
    '"防汛防台"',
    "防汛 AND 海洋",
    "防汛 OR",
    "NOT",
    "NEAR(防汛 海洋)",
    "防汛*",
    "title:防汛",
    "^防汛",
    "(((",
    "'); DROP TABLE archive_meeting; --",
    "，。！？、；：“”《》（）",
    "!!!???...",
    "防" * 1000,
    "a" * 1000,
    "\x00",
    "%_%",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_odd_search_queries_give_a_normal_page(client, archive, query):
    page = client.get("/search/", {"q": query})
    assert page.status_code == 200
    html = page.content.decode()
    assert "检索" in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "防汛", "page": "abc"},
        {"q": "防汛", "page": "-3"},
        {"q": "防汛", "page": "99999"},
        {"q": "防汛", "date_from": "2023-13-45"},
        {"q": "防汛", "government": "x"},
        {"q": "防汛", "action": "<bad>", "decision": "nope"},
        {"q": "防汛", "department": "\x00县发改局", "person": "\x00"},
        {"q": ""},
        {},
    ],
)
def test_bad_search_parameters_give_a_normal_page(client, archive, params):
    assert client.get("/search/", params).status_code == 200


def test_a_query_the_database_refuses_gives_a_normal_page(client, archive, monkeypatch):
    from django.db import OperationalError

    import jiyao.archive.search

    def refuse(*args, **kwargs):
        raise OperationalError("fts5: syntax error")

    monkeypatch.setattr(jiyao.archive.search, "search", refuse)
    page = client.get("/search/", {"q": '"'})
    assert page.status_code == 200
    assert "无法按该检索式检索" in page.content.decode()


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("前<mark>防汛</mark>后", "前<mark>防汛</mark>后"),
        (
            "<script>alert(1)</script><mark>x</mark>",
            "&lt;script&gt;alert(1)&lt;/script&gt;<mark>x</mark>",
        ),
        ("&lt;b&gt;已转义&lt;/b&gt;", "&lt;b&gt;已转义&lt;/b&gt;"),
        ("<mark>未闭合", "<mark>未闭合</mark>"),
        ("</mark>多余<mark><mark>a</mark>", "多余<mark>a</mark>"),
        ('<img src=x onerror="y">', "&lt;img src=x onerror=&quot;y&quot;&gt;"),
    ],
)
def test_snippets_can_only_carry_mark_tags(html, expected):
    from jiyao.archive.templatetags.archive_tags import snippet

    assert snippet(html) == expected
