"""Browsing pages: governments and years, a department, a person, a document."""

from __future__ import annotations

import re

import pytest
from django.db.models import Q
from pages_data import make_archive

from jiyao.archive import models

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_archive()


def _gov(archive):
    return archive["public"].series.government


def test_governments_page_lists_governments_with_counts(client, archive, insider):
    html = client.get("/governments/").content.decode()
    assert _gov(archive).name in html and "1 次会议" in html
    client.force_login(insider)
    assert "2 次会议" in client.get("/governments/").content.decode()


def test_governments_page_follows_a_change_of_visibility(client, archive, insider):
    # The counts come from the search entries' copied public flag (jiyao.archive.signals).
    minutes = archive["public"].minutes
    minutes.visibility = models.Minutes.INTERNAL
    minutes.save()
    assert _gov(archive).name not in client.get("/governments/").content.decode()
    assert _gov(archive).name not in client.get("/").content.decode()
    client.force_login(insider)
    assert "2 次会议" in client.get("/governments/").content.decode()


def test_governments_page_follows_a_series_moved_to_another_government(client, archive, insider):
    series = archive["public"].series
    old = series.government
    other = models.Organization.objects.create(
        name="另一县人民政府", kind=models.Organization.GOVERNMENT
    )
    series.government = other
    series.save()
    client.force_login(insider)
    html = client.get("/governments/").content.decode()
    assert "另一县人民政府" in html and "2 次会议" in html
    assert old.name not in html
    found = client.get("/search/", {"q": "防汛", "government": other.pk}).content.decode()
    assert f"/meetings/{archive['public'].pk}/" in found


def test_government_year_page_lists_its_meetings(client, archive, insider):
    gov = _gov(archive)
    html = client.get(f"/governments/{gov.pk}/2023/").content.decode()
    assert f"/meetings/{archive['public'].pk}/" in html
    assert f"/meetings/{archive['internal'].pk}/" not in html
    client.force_login(insider)
    html = client.get(f"/governments/{gov.pk}/").content.decode()
    assert f"/meetings/{archive['internal'].pk}/" in html and "2023年" in html


def test_outsider_cannot_see_internal_minutes_when_browsing(client, archive, outsider):
    client.force_login(outsider)
    html = client.get(f"/governments/{_gov(archive).pk}/2023/").content.decode()
    assert f"/meetings/{archive['internal'].pk}/" not in html


def _department(name):
    return models.Organization.objects.filter(
        Q(name=name) | Q(full_name=name) | Q(aliases__alias=name)
    ).first()


def test_department_page_joins_items_brought_under_its_aliases(client, archive, insider):
    org = _department("县发改局")
    assert org is not None and org == _department("县发展和改革局")
    client.force_login(insider)
    html = client.get(f"/departments/{org.pk}/").content.decode()
    assert "县发展和改革局" in html
    assert "2023年" in html and "原则同意" in html
    assert f"/meetings/{archive['public'].pk}/" in html
    assert f"/meetings/{archive['internal'].pk}/" in html
    assert "根据审议意见作进一步修改完善后印发实施" in html


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_outsider_cannot_see_internal_minutes_on_a_department_page(client, archive, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    org = _department("县发改局")
    html = client.get(f"/departments/{org.pk}/").content.decode()
    assert f"/meetings/{archive['public'].pk}/" in html
    assert f"/meetings/{archive['internal'].pk}/" not in html


def test_department_lookup_by_alias_redirects_to_the_department(client, archive):
    org = _department("县发改局")
    response = client.get("/departments/", {"name": "县发改局"})
    assert response.status_code == 302 and response["Location"] == f"/departments/{org.pk}/"


@pytest.mark.parametrize("name", ["没有这个部门", "<script>"])
def test_department_lookup_of_an_unknown_name_gives_a_normal_page(client, archive, name):
    page = client.get("/departments/", {"name": name})
    assert page.status_code == 200
    assert "没有找到这个部门" in page.content.decode()


@pytest.mark.parametrize("name", ["", "\x00", "  "])
def test_department_lookup_without_a_name_gives_the_directory(client, archive, name):
    page = client.get("/departments/", {"name": name})
    assert page.status_code == 200
    assert "<h1>部门</h1>" in page.content.decode()


def test_person_page_counts_attendance(client, archive, insider):
    zhao = models.Person.objects.get(name="赵敏")
    client.force_login(insider)
    html = client.get(f"/people/{zhao.pk}/").content.decode()
    assert "50.0%" in html  # present at the 12th, absent from the 15th
    assert "出席（1）" in html and "请假（1）" in html


def test_person_page_lists_chaired_meetings_with_their_government(client, archive, insider):
    chair = models.Person.objects.get(name="王明")
    client.force_login(insider)
    html = client.get(f"/people/{chair.pk}/").content.decode()
    chaired = html.split("主持的会议", 1)[1]
    assert archive["public"].series.government.name in chaired
    assert "100.0%" in html  # chairing is attending


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_outsider_cannot_see_internal_minutes_on_a_person_page(client, archive, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    zhao = models.Person.objects.get(name="赵敏")
    html = client.get(f"/people/{zhao.pk}/").content.decode()
    assert "100.0%" in html
    assert f"/meetings/{archive['internal'].pk}/" not in html


def test_person_only_in_internal_minutes_is_not_found_for_outsiders(client, archive, insider):
    guest = models.Person.objects.get(name="钱进")
    assert client.get(f"/people/{guest.pk}/").status_code == 404
    client.force_login(insider)
    page = client.get(f"/people/{guest.pk}/")
    assert page.status_code == 200 and "应邀出席（1）" in page.content.decode()


def test_document_page_shows_the_stages_across_meetings(client, archive, insider):
    client.force_login(insider)
    html = client.get("/documents/", {"title": "示例县防汛防台应急预案"}).content.decode()
    assert re.search(r"征求意见稿</span>\s*→\s*<span[^>]*>送审稿", html)
    assert html.index(f"/meetings/{archive['public'].pk}/") < html.index(
        f"/meetings/{archive['internal'].pk}/"
    )


def test_document_page_is_paged_and_its_stages_span_every_page(
    client, archive, insider, monkeypatch
):
    from jiyao.archive import views

    monkeypatch.setattr(views, "DOCUMENT_PAGE", 1)
    client.force_login(insider)
    first = client.get("/documents/", {"title": "示例县防汛防台应急预案"}).content.decode()
    assert re.search(r"征求意见稿</span>\s*→\s*<span[^>]*>送审稿", first)
    assert f"/meetings/{archive['public'].pk}/" in first
    assert f"/meetings/{archive['internal'].pk}/" not in first
    link = re.search(r'href="\?([^"]*page=2)"', first)
    assert link and "title=" in link.group(1)
    second = client.get("/documents/?" + link.group(1).replace("&amp;", "&")).content.decode()
    assert f"/meetings/{archive['internal'].pk}/" in second


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_outsider_cannot_see_internal_minutes_on_a_document_page(client, archive, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    html = client.get("/documents/", {"title": "示例县防汛防台应急预案"}).content.decode()
    assert f"/meetings/{archive['internal'].pk}/" not in html
    assert "送审稿" not in html


@pytest.mark.parametrize("title", ["没有这个文件", "<script>"])
def test_unknown_document_is_not_found(client, archive, title):
    assert client.get("/documents/", {"title": title}).status_code == 404


@pytest.mark.parametrize("title", ["", "\x00"])
def test_documents_without_a_title_give_the_directory(client, archive, title):
    response = client.get("/documents/", {"title": title})
    assert response.status_code == 200
    assert "<h1>审议文件</h1>" in response.content.decode()


def test_pages_are_usable_on_a_phone(client, archive):
    html = client.get(f"/meetings/{archive['public'].pk}/").content.decode()
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html


@pytest.mark.parametrize("page", ["abc", "-1", "999"])
def test_government_page_with_a_bad_page_number_gives_a_normal_page(client, archive, page):
    gov = _gov(archive)
    response = client.get(f"/governments/{gov.pk}/2023/", {"page": page})
    assert response.status_code == 200
    assert f"/meetings/{archive['public'].pk}/" in response.content.decode()


def test_government_page_for_undated_meetings(client, archive):
    gov = _gov(archive)
    page = client.get(f"/governments/{gov.pk}/0/")
    assert page.status_code == 200
    assert "日期不详" in page.content.decode()


def test_long_lists_are_cut_but_counts_cover_everything(client, archive, insider, monkeypatch):
    from jiyao.archive import views

    monkeypatch.setattr(views, "LIST_LIMIT", 1)
    client.force_login(insider)
    html = client.get(f"/departments/{_department('县发改局').pk}/").content.decode()
    assert "仅列出最近 1 项" in html and "<b>2</b><span>提交的议题</span>" in html
    wang = models.Person.objects.get(name="王明")
    html = client.get(f"/people/{wang.pk}/").content.decode()
    assert "出席（2）" in html and "仅列出最近 1 次" in html
