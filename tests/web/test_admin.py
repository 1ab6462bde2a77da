"""The admin for corrections: who may edit, and the history of every change."""

from __future__ import annotations

import pytest
from pages_data import make_archive

from jiyao.archive import models

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_archive()


@pytest.fixture
def staff_secretary(secretary):
    secretary.is_staff = True
    secretary.save()
    return secretary


@pytest.fixture
def staff_insider(insider):
    insider.is_staff = True
    insider.save()
    return insider


def _minutes_form(minutes, **changes):
    data = {
        "title": minutes.title or "",
        "issuer": minutes.issuer or "",
        "issued_on": minutes.issued_on.isoformat() if minutes.issued_on else "",
        "number": minutes.number or "",
        "visibility": minutes.visibility,
        "meeting": minutes.meeting_id,
        "source": minutes.source_id or "",
        "change_reason": "与原件核对",
    }
    data.update(changes)
    return data


def test_secretary_corrects_a_title_and_the_history_says_who_when_what(
    client, archive, staff_secretary
):
    client.force_login(staff_secretary)
    minutes = models.Minutes.objects.get(meeting=archive["public"])
    url = f"/admin/archive/minutes/{minutes.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200
    assert f'href="/meetings/{archive["public"].pk}/"' in form.content.decode()  # view on site
    response = client.post(url, _minutes_form(minutes, title="县政府第十二次常务会议纪要（更正）"))
    assert response.status_code == 302, response.content.decode()[:2000]
    minutes.refresh_from_db()
    assert minutes.title == "县政府第十二次常务会议纪要（更正）"
    latest, baseline = minutes.history.all()[:2]
    assert latest.history_user == staff_secretary
    assert latest.history_date is not None
    assert latest.history_type == "~"
    assert baseline.history_change_reason == "导入时的状态"
    assert baseline.title == "县政府第十二次常务会议纪要"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("title", "县政府第十二次常务会议纪要", "县政府第十二次常务会议纪要（更正）")
    ]
    history = client.get(f"/admin/archive/minutes/{minutes.pk}/history/")
    assert history.status_code == 200
    assert staff_secretary.username in history.content.decode()


def test_a_second_correction_adds_one_history_row(client, archive, staff_secretary):
    client.force_login(staff_secretary)
    minutes = models.Minutes.objects.get(meeting=archive["public"])
    url = f"/admin/archive/minutes/{minutes.pk}/change/"
    client.post(url, _minutes_form(minutes, title="一改"))
    minutes.refresh_from_db()
    client.post(url, _minutes_form(minutes, visibility="internal"))
    titles = [(h.title, h.visibility) for h in minutes.history.all()]
    assert titles == [
        ("一改", "internal"),
        ("一改", "public"),
        ("县政府第十二次常务会议纪要", "public"),
    ]


def test_secretary_extends_the_alias_table(client, archive, staff_secretary):
    client.force_login(staff_secretary)
    org = models.OrganizationAlias.objects.get(alias="县发改局").organization
    response = client.post(
        "/admin/archive/organizationalias/add/", {"organization": org.pk, "alias": "发改局"}
    )
    assert response.status_code == 302
    alias = models.OrganizationAlias.objects.get(alias="发改局")
    assert alias.organization == org
    assert alias.history.first().history_user == staff_secretary
    found = client.get("/departments/", {"name": "发改局"})
    assert found.status_code == 302 and found["Location"] == f"/departments/{org.pk}/"


def test_insider_may_view_in_the_admin_but_not_change(client, archive, staff_insider):
    client.force_login(staff_insider)
    minutes = models.Minutes.objects.get(meeting=archive["public"])
    url = f"/admin/archive/minutes/{minutes.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(url, _minutes_form(minutes, title="改"))
    assert response.status_code == 403
    minutes.refresh_from_db()
    assert minutes.title != "改"


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_outsider_cannot_open_the_admin(client, archive, outsider, who):
    if who == "outsider":
        client.force_login(outsider)
    minutes = models.Minutes.objects.get(meeting=archive["internal"])
    response = client.get(f"/admin/archive/minutes/{minutes.pk}/change/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_source_document_is_read_only(client, archive, staff_secretary):
    client.force_login(staff_secretary)
    source = models.Minutes.objects.get(meeting=archive["public"]).source
    url = f"/admin/archive/sourcedocument/{source.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert client.post(url, {"filename": "x"}).status_code == 403


@pytest.mark.parametrize(
    "model",
    [
        "organization",
        "person",
        "meeting",
        "minutes",
        "agendaitem",
        "document",
        "decision",
        "attendance",
        "distribution",
        "organizationalias",
    ],
)
def test_every_admin_list_opens_for_the_secretary(client, archive, staff_secretary, model):
    client.force_login(staff_secretary)
    assert client.get(f"/admin/archive/{model}/").status_code == 200


def test_saving_an_unchanged_form_keeps_the_record(client, archive, staff_secretary):
    client.force_login(staff_secretary)
    meeting = archive["public"]
    before = meeting.to_record()
    minutes = models.Minutes.objects.get(meeting=meeting)
    assert minutes.number is None
    response = client.post(f"/admin/archive/minutes/{minutes.pk}/change/", _minutes_form(minutes))
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.number is None
    assert models.Meeting.objects.get(pk=meeting.pk).to_record() == before


def test_marking_minutes_internal_hides_them_from_outsiders_search_at_once(
    client, archive, staff_secretary
):
    public = archive["public"]
    assert f"/meetings/{public.pk}/" in client.get("/search/", {"q": "防汛"}).content.decode()
    client.force_login(staff_secretary)
    minutes = models.Minutes.objects.get(meeting=public)
    url = f"/admin/archive/minutes/{minutes.pk}/change/"
    assert client.post(url, _minutes_form(minutes, visibility="internal")).status_code == 302
    client.logout()
    assert f"/meetings/{public.pk}/" not in client.get("/search/", {"q": "防汛"}).content.decode()
    assert client.get(f"/meetings/{public.pk}/").status_code == 404


def test_a_corrected_title_is_found_by_search(client, archive, staff_secretary):
    client.force_login(staff_secretary)
    minutes = models.Minutes.objects.get(meeting=archive["public"])
    url = f"/admin/archive/minutes/{minutes.pk}/change/"
    client.post(url, _minutes_form(minutes, title="县政府第十二次常务会议纪要（桥梁专题）"))
    html = client.get("/search/", {"q": "桥梁"}).content.decode()
    assert f"/meetings/{archive['public'].pk}/" in html
