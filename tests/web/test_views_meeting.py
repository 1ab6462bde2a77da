"""The meeting page: source text beside the record, facts tied to spans, inert source HTML."""

from __future__ import annotations

import re

import pytest
from pages_data import INTERNAL_TEXT, make_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_archive()


def _url(meeting, suffix=""):
    return f"/meetings/{meeting.pk}/{suffix}"


def test_anonymous_visitor_reads_public_minutes(client, archive):
    page = client.get(_url(archive["public"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "县政府第十二次常务会议纪要" in html
    assert "原文" in html and "会议事项" in html


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_outsider_cannot_see_internal_minutes(client, archive, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    page = client.get(_url(archive["internal"]))
    assert page.status_code == 404
    assert "第十五次" not in page.content.decode()


def test_insider_sees_internal_minutes_marked_internal(client, archive, insider):
    client.force_login(insider)
    page = client.get(_url(archive["internal"]))
    assert page.status_code == 200
    assert "内部" in page.content.decode()


def test_unknown_meeting_is_not_found(client, archive):
    assert client.get("/meetings/999999/").status_code == 404


def test_every_fact_with_a_span_points_at_its_value_in_the_text(client, archive):
    html = client.get(_url(archive["public"])).content.decode()
    source = re.search(r'<div id="source"[^>]*>(.*?)</div>', html, re.S).group(1)
    from django.utils.html import escape
    from pages_data import PUBLIC_TEXT

    assert source == escape(PUBLIC_TEXT)
    facts = re.findall(r'data-path="([^"]+)" data-span="(\d+),(\d+)"[^>]*>([^<]*)</a>', html)
    paths = {path for path, *_ in facts}
    assert {"meeting.chair", "items[0].documents[0]", "items[0].decision"} <= paths
    assert {"attendance.absent[0]", "distribution[1]", "items[1].submitters[0]"} <= paths
    for path, start, end, shown in facts:
        if path in ("meeting.date",):
            continue  # shown reformatted (2023年3月6日), the span still covers it
        assert PUBLIC_TEXT[int(start) : int(end)] == shown, path


def test_server_highlights_the_chosen_fact_without_javascript(client, archive):
    html = client.get(_url(archive["public"]), {"hl": "meeting.chair"}).content.decode()
    assert re.search(r'<mark class="hl" id="hl">王明</mark>', html)


@pytest.mark.parametrize("hl", ["nope", "items[99].heading", "<script>", ""])
def test_unknown_highlight_path_gives_the_plain_page(client, archive, hl):
    page = client.get(_url(archive["public"]), {"hl": hl})
    assert page.status_code == 200
    assert '<mark class="hl"' not in page.content.decode()


def test_script_in_the_source_text_is_shown_inert(client, archive, insider):
    client.force_login(insider)
    html = client.get(_url(archive["internal"]), {"hl": "title"}).content.decode()
    assert '<script>alert("纪要")</script>' not in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;纪要&quot;)&lt;/script&gt;" in html
    assert '<b onmouseover="x()">' not in html
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;粗体&lt;/b&gt;" in html
    # The only scripts on the page are our own static files.
    assert set(re.findall(r"<script[^>]*>", html)) <= {
        '<script src="/static/archive/htmx.min.js" defer>',
        '<script src="/static/archive/meeting.js" defer>',
    }
    assert INTERNAL_TEXT.count("<script>") == 1


def test_meeting_page_links_departments_people_and_documents(client, archive):
    html = client.get(_url(archive["public"])).content.decode()
    assert re.search(r'href="/departments/\d+/"', html)
    assert re.search(r'href="/people/\d+/"', html)
    assert "/documents/?title=" in html


@pytest.mark.parametrize(
    ("fmt", "magic"),
    [
        ("txt", "县政府第十二次常务会议纪要".encode()),
        ("html", b"<"),
        ("docx", b"PK"),
        ("pdf", b"%PDF"),
    ],
)
def test_public_minutes_download_in_each_format(client, archive, fmt, magic):
    page = client.get(_url(archive["public"]))
    assert f"/download/{fmt}/" in page.content.decode()
    response = client.get(_url(archive["public"], f"download/{fmt}/"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(magic) if fmt != "txt" else magic in body


@pytest.mark.parametrize("fmt", ["txt", "docx", "exe"])
def test_outsider_cannot_download_internal_minutes(client, archive, outsider, fmt):
    client.force_login(outsider)
    assert client.get(_url(archive["internal"], f"download/{fmt}/")).status_code == 404


def test_unknown_download_format_is_not_found(client, archive):
    assert client.get(_url(archive["public"], "download/exe/")).status_code == 404
