"""Person page (chairing counts as attending, natural wording, linked breadcrumbs) and
the directories of departments, people and documents with search-as-you-type."""

from __future__ import annotations

import datetime as dt

import pytest

from jiyao.archive import models as m
from jiyao.archive.importer import import_record
from jiyao.minutes.record import Attendance, Item, Meeting, Record

pytestmark = pytest.mark.django_db


def make(
    session: int,
    chair: str,
    present: tuple[str, ...],
    absent: tuple[str, ...] = (),
    visibility: str = "public",
    doc: str = "示例县防汛防台应急预案",
    submitter: str = "县发改局",
) -> m.Meeting:
    rec = Record(
        title=f"县政府第{session}次常务会议纪要",
        issuer="示例县人民政府办公室",
        meeting=Meeting(
            body="县政府",
            kind="常务会议",
            session=session,
            date=dt.date(2023, 1, session),
            chair=chair,
        ),
        items=(
            Item(
                number=1,
                heading=f"审议《{doc}》",
                action="审议",
                submitters=(submitter,),
                documents=(doc,),
                document_stages=(None,),
                decision="原则同意",
                text="审议",
            ),
        ),
        attendance=Attendance(present=present, absent=absent),
    )
    return import_record(rec, text=rec.title, visibility=visibility).meeting


def test_a_meeting_the_person_chaired_counts_as_attended(client) -> None:
    make(8, "王明", ("李强",))  # chaired, not listed under 出席
    make(9, "李强", ("王明",))
    make(10, "李强", ("赵敏",), absent=("王明",))
    wang = m.Person.objects.get(name="王明")
    html = client.get(f"/people/{wang.pk}/").content.decode()
    assert "66.7%" in html  # 2 of 3 meetings: one chaired, one present, one absent


def test_meetings_are_named_session_first(client) -> None:
    mtg = make(8, "王明", ("王明",))
    html = client.get(f"/people/{mtg.chair_id}/").content.decode()
    assert "第8次常务会议" in html
    assert "常务会议第8次会议" not in html


def test_the_breadcrumbs_are_links(client) -> None:
    mtg = make(8, "王明", ("王明",))
    html = client.get(f"/people/{mtg.chair_id}/").content.decode()
    assert '<a href="/people/">人员</a>' in html
    org = m.ItemSubmitter.objects.get(agenda_item__meeting=mtg).organization
    html = client.get(f"/departments/{org.pk}/").content.decode()
    assert '<a href="/departments/">部门</a>' in html
    html = client.get("/documents/", {"title": "示例县防汛防台应急预案"}).content.decode()
    assert '<a href="/documents/">审议文件</a>' in html


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/people/", "王明"),
        ("/departments/", "发展和改革局"),
        ("/documents/", "《示例县防汛防台应急预案》"),
    ],
)
def test_each_directory_lists_what_the_archive_holds(client, url, shown) -> None:
    make(8, "王明", ("王明",))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html and shown in html


def test_a_directory_filters_as_you_type_by_name_and_alias(client) -> None:
    make(8, "王明", ("王明", "李强"), submitter="县发展和改革局")
    org = m.Organization.objects.get(name="县发展和改革局")
    m.OrganizationAlias.objects.get_or_create(organization=org, alias="县发改局")
    part = client.get("/departments/", {"q": "发改"}, HTTP_HX_REQUEST="true")
    assert "县发展和改革局" in part.content.decode()
    assert "<html" not in part.content.decode()  # the list part only
    part = client.get("/people/", {"q": "李"}, HTTP_HX_REQUEST="true").content.decode()
    assert "李强" in part and "王明" not in part


def test_directories_hide_what_only_internal_minutes_name(client, insider) -> None:
    make(8, "王明", ("王明",))
    make(9, "钱进", ("钱进",), visibility="internal", doc="保密工作方案", submitter="县保密局")
    for url, secret in (
        ("/people/", "钱进"),
        ("/departments/", "县保密局"),
        ("/documents/", "保密工作方案"),
    ):
        assert secret not in client.get(url).content.decode(), url
    client.force_login(insider)
    for url, secret in (
        ("/people/", "钱进"),
        ("/departments/", "县保密局"),
        ("/documents/", "保密工作方案"),
    ):
        assert secret in client.get(url).content.decode(), url
