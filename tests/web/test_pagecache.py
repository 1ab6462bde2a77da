"""Anonymous archive pages kept in memory until the archive changes (archive/pagecache.py).

Every test here changes the archive the way a user or a tool would — the importer, an
ORM save, a bulk update that sends no signal, hand-written SQL — and finds the page
computed anew at once: the key is the counter the database's triggers raise.
"""

from __future__ import annotations

import pytest
from django.db import connection
from pages_data import make_archive

from jiyao.archive import models
from jiyao.archive.pagecache import HEADER, PAGES, Pages, state

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_archive()


def _search(client, q="防汛"):
    return client.get("/search/", {"q": q})


def test_an_anonymous_page_is_served_again_from_memory(client, archive):
    first = _search(client)
    second = _search(client)
    assert first[HEADER] == "miss" and second[HEADER] == "hit"
    assert first.content == second.content
    assert second["Content-Type"] == first["Content-Type"]


def test_every_write_to_an_archive_table_raises_the_counter(archive):
    before = state()
    models.Minutes.objects.filter(pk=archive["public"].minutes.pk).update(title="改过的标题")
    after_update = state()
    with connection.cursor() as cursor:  # a hand-made fix, past the ORM
        cursor.execute("DELETE FROM archive_distribution")
    after_sql = state()
    assert before is not None and after_update is not None and after_sql is not None
    assert before[1] < after_update[1] < after_sql[1]
    assert before[0] == after_update[0] == after_sql[0]


def test_a_corrected_title_shows_at_once_on_a_kept_page(client, archive):
    minutes = archive["public"].minutes
    assert minutes.title in _search(client).content.decode()
    minutes.title = "更正后的纪要标题"
    minutes.save()
    page = _search(client)
    assert page[HEADER] == "miss"
    assert "更正后的纪要标题" in page.content.decode()


def test_minutes_made_internal_by_a_bulk_update_leave_the_kept_search_page(client, archive):
    link = f'href="/meetings/{archive["public"].pk}/"'
    assert link in _search(client).content.decode()
    # update() sends no signal: only the database's trigger sees this change.
    models.Minutes.objects.filter(pk=archive["public"].minutes.pk).update(visibility="internal")
    models.SearchEntry.objects.filter(meeting=archive["public"]).update(public=False)
    assert link not in _search(client).content.decode()


def test_a_newly_imported_meeting_appears_on_the_kept_home_page(client, archive):
    import dataclasses
    import datetime as dt

    from pages_data import PUBLIC_TEXT, import_minutes, public_record

    home = client.get("/")
    assert client.get("/")[HEADER] == "hit"
    record = public_record()
    meeting = dataclasses.replace(record.meeting, session=13, date=dt.date(2023, 4, 6))
    record = dataclasses.replace(record, meeting=meeting)
    text = PUBLIC_TEXT.replace("第十二次", "第十三次").replace("2023年3月6日", "2023年4月6日")
    newer = import_minutes(record, text, visibility="public", name="m13.txt")
    again = client.get("/")
    assert again[HEADER] == "miss"
    assert again.content != home.content
    assert f'href="/meetings/{newer.pk}/"' in again.content.decode()


def test_logged_in_users_always_get_their_page_computed(client, archive, insider):
    client.force_login(insider)
    for _ in range(2):
        page = _search(client)
        assert HEADER not in page
        assert f'href="/meetings/{archive["internal"].pk}/"' in page.content.decode()
    assert len(PAGES) == 0


def test_an_anonymous_page_never_reaches_a_logged_in_reader(client, archive, insider):
    assert f'href="/meetings/{archive["internal"].pk}/"' not in _search(client).content.decode()
    assert _search(client)[HEADER] == "hit"
    client.force_login(insider)
    assert f'href="/meetings/{archive["internal"].pk}/"' in _search(client).content.decode()


def test_the_htmx_part_and_the_whole_page_are_kept_apart(client, archive):
    whole = _search(client)
    part = client.get("/search/", {"q": "防汛"}, HTTP_HX_REQUEST="true")
    assert part[HEADER] == "miss"
    assert b"<html" in whole.content and b"<html" not in part.content


def test_a_response_that_sets_a_cookie_is_not_kept(client, archive):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    # A pending message (after logging out, say) is shown once, so the page is computed.
    request = HttpRequest()
    storage = CookieStorage(request)
    storage.add(constants.INFO, "您已退出登录。")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    assert HEADER not in client.get("/")
    assert len(PAGES) == 0


def test_turning_the_cache_off_computes_every_page(client, archive, settings):
    settings.JIYAO_PAGE_CACHE_MB = 0
    assert HEADER not in _search(client)
    assert HEADER not in _search(client)


def test_a_restore_gives_the_archive_a_new_epoch(archive):
    from jiyao.archive.pagecache import renew_epoch

    before = state()
    renew_epoch()
    after = state()
    assert before is not None and after is not None and before[0] != after[0]


def test_the_kept_pages_stay_within_their_memory_limit():
    pages = Pages()
    for i in range(100):
        pages.put((i,), b"x" * 1000, (), limit=10_000)
    assert len(pages) == 10
    assert pages.get((0,)) is None and pages.get((99,)) is not None
    pages.put(("big",), b"x" * 5000, (), limit=10_000)  # over an eighth: never kept
    assert pages.get(("big",)) is None
