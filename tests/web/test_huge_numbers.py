"""Numbers no database column can hold answer "not found" or a form note, never 500.

A path or query id beyond a signed 64-bit integer overflows SQLite's INTEGER (Python
raises OverflowError) and PostgreSQL's bigint (DataError); a year beyond 9999 cannot be
a date. Every archive URL pattern is walked with such numbers, on whichever database
the suite runs (SQLite by default, PostgreSQL with JIYAO_DATABASE_URL).
"""

from __future__ import annotations

import re

import pytest
from pages_data import make_archive

from jiyao.archive.urls import urlpatterns

pytestmark = pytest.mark.django_db

HUGE = ["99999999999999999999", str(2**63), str(2**64 + 1), "9" * 40]
HUGE_QUERY = {
    "government": "99999999999999999999",
    "page": "99999999999999999999",
    "date_from": "99999-01-01",
    "date_to": "0000-00-00",
    "q": "x",
}
_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _paths(value: str) -> list[str]:
    """Every archive URL pattern, its int parts set to ``value`` (str parts to ``pdf``)."""
    out = []
    for pattern in urlpatterns:
        route = str(pattern.pattern)
        if "<int:" not in route:
            continue

        def fill(match: re.Match[str]) -> str:
            return value if match.group(1) == "int" else "pdf"

        out.append("/" + _CONVERTER.sub(fill, route))
    return out


@pytest.fixture(params=["anonymous", "secretary"])
def any_client(request, client):
    request.node.archive = make_archive()
    if request.param != "anonymous":
        client.force_login(request.getfixturevalue(request.param))
    return client


def test_every_int_pattern_is_walked():
    assert len(_paths("1")) >= 5


@pytest.mark.parametrize("value", HUGE)
def test_every_archive_url_with_a_huge_id_is_not_found(any_client, value):
    for path in _paths(value):
        assert any_client.get(path).status_code == 404, path


def test_a_year_beyond_any_date_is_not_found(any_client, request):
    gov = request.node.archive["public"].series.government
    assert any_client.get(f"/governments/{gov.pk}/2023/").status_code == 200
    for year in ("10000", "99999999", "99999999999999999999"):
        assert any_client.get(f"/governments/{gov.pk}/{year}/").status_code == 404


def test_every_archive_page_takes_huge_query_numbers(any_client):
    for pattern in urlpatterns:
        route = str(pattern.pattern)
        path = "/" + _CONVERTER.sub(lambda m: "1" if m.group(1) == "int" else "pdf", route)
        response = any_client.get(path, HUGE_QUERY)
        assert response.status_code in (200, 302, 404), path


def test_search_with_a_huge_government_names_the_bad_filter(any_client):
    page = any_client.get("/search/", {"government": "99999999999999999999", "q": "防汛"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "“政府”条件不是有效的编号" in html
    assert "无法按该检索式检索" not in html


def test_search_function_takes_a_huge_government_id():
    from jiyao.archive.search import search

    make_archive()
    for gov in (10**20, "99999999999999999999"):
        assert search("防汛", government=gov, public_only=False).total == 0
