"""No page tells a user what they may not read: not the minutes, not that they exist.

Readers (公众/研究者), outsiders and anonymous visitors read public minutes only; a
meeting still being prepared (no Minutes row) is shown to nobody. Names known only from
internal minutes (a department, a person, a document) must be answered exactly as names
nobody knows.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from pages_data import (
    PREPARED_DEPARTMENT,
    PREPARED_DOCUMENT,
    PREPARED_PERSON,
    make_archive,
    make_prepared_meeting,
)

from jiyao.archive import models
from jiyao.archive.search import reindex_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_archive()


@pytest.fixture
def prepared(archive):
    return make_prepared_meeting(archive)


PUBLIC_ONLY = ["anonymous", "outsider", "reader_user"]


@pytest.fixture(params=PUBLIC_ONLY)
def public_client(request, client):
    """A client for each kind of user who reads public minutes only."""
    if request.param != "anonymous":
        client.force_login(request.getfixturevalue(request.param))
    return client


@pytest.fixture
def internal_only_org(archive):
    """A department named only by the internal minutes."""
    internal = archive["internal"]
    gov = internal.series.government
    org = models.Organization.objects.create(name="县内部审计中心", government=gov)
    models.OrganizationAlias.objects.create(organization=org, alias="县审计中心")
    item = internal.items.first()
    models.ItemSubmitter.objects.create(
        agenda_item=item, organization=org, name_as_written="县内部审计中心", position=9
    )
    return org


def test_department_known_only_from_internal_minutes_answers_as_an_unknown_name(
    public_client, internal_only_org
):
    unknown = public_client.get("/departments/", {"name": "县从未有过局"})
    for name in ("县内部审计中心", "县审计中心"):
        known = public_client.get("/departments/", {"name": name})
        assert known.status_code == unknown.status_code == 200
        assert "没有找到这个部门" in known.content.decode()
        assert str(internal_only_org.pk) not in known.content.decode().split("<main")[1]
    assert public_client.get(f"/departments/{internal_only_org.pk}/").status_code == 404


def test_insider_is_sent_to_a_department_known_from_internal_minutes(
    client, insider, internal_only_org
):
    client.force_login(insider)
    response = client.get("/departments/", {"name": "县审计中心"})
    assert response.status_code == 302
    assert response["Location"] == f"/departments/{internal_only_org.pk}/"


def test_person_and_document_known_only_from_internal_minutes_are_not_found(public_client, archive):
    # 钱进 was invited to the internal meeting only; the 送审稿 title is on both, but the
    # internal stage must not show.
    qian = models.Person.objects.get(name="钱进")
    assert public_client.get(f"/people/{qian.pk}/").status_code == 404
    assert public_client.get("/people/99999/").status_code == 404
    page = public_client.get("/documents/", {"title": "示例县防汛防台应急预案"})
    assert page.status_code == 200 and "送审稿" not in page.content.decode()


def test_department_page_counts_public_minutes_only(public_client, archive):
    org = models.Organization.objects.get(name="县发展和改革局")
    html = public_client.get(f"/departments/{org.pk}/").content.decode()
    assert "<b>1</b><span>提交的议题</span>" in html
    assert "第十五次" not in html


def test_meeting_being_prepared_is_in_no_list_search_page_or_count(
    client, archive, prepared, insider, secretary
):
    reindex_meeting(prepared.pk)  # even if someone re-indexes it, it stays out
    assert not models.SearchEntry.objects.filter(meeting=prepared).exists()
    gov = prepared.series.government
    org = models.Organization.objects.get(name=PREPARED_DEPARTMENT)
    person = models.Person.objects.get(name=PREPARED_PERSON)
    chair = prepared.chair
    for user in (None, insider, secretary):
        client.logout()
        if user is not None:
            client.force_login(user)
        expected = 1 if user is None else 2
        assert f"{expected} 次会议" in client.get("/governments/").content.decode()
        assert "第99次" not in client.get("/").content.decode()
        year = client.get(f"/governments/{gov.pk}/2023/").content.decode()
        assert f"/meetings/{prepared.pk}/" not in year
        assert client.get(f"/meetings/{prepared.pk}/").status_code == 404
        found = client.get("/search/", {"q": PREPARED_DOCUMENT}).content.decode()
        assert f"/meetings/{prepared.pk}/" not in found
        assert client.get("/documents/", {"title": PREPARED_DOCUMENT}).status_code == 404
        assert PREPARED_DOCUMENT not in client.get(f"/departments/{org.pk}/").content.decode()
        person_page = client.get(f"/people/{person.pk}/")
        assert person_page.status_code == 404 or "第99次" not in person_page.content.decode()
        chair_page = client.get(f"/people/{chair.pk}/").content.decode()
        assert "2023-06-01" not in chair_page and "第99次" not in chair_page


def test_minutes_deleted_take_the_meeting_out_of_search(archive):
    meeting = archive["public"]
    models.Minutes.objects.filter(meeting=meeting).delete()
    assert not models.SearchEntry.objects.filter(meeting=meeting).exists()
    from jiyao.archive.access import visible_meetings

    assert meeting not in visible_meetings(AnonymousUser())
