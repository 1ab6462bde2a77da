"""Every follow-up page with an allowed role, a refused role and an outsider."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from followup_data import PDF, make_task, world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    """Evidence files go to a temporary directory, not the data directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def w():
    data = world()
    data["task"] = make_task(data, deadline=dt.date(2021, 9, 30))
    later = dt.date.today() + dt.timedelta(days=200)
    data["other"] = make_task(
        data, lead=data["zjj_unit"], action="住建规划修改完善", deadline=later
    )
    return data


def as_user(client, user):
    client.force_login(user)
    return client


# -- seeing ---------------------------------------------------------------------------------


def test_supervisor_sees_the_dashboard_with_charts_and_every_unit(client, w):
    url = reverse("followup:dashboard", args=[w["government"].pk])
    page = as_user(client, w["supervisor"]).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<svg") == 4
    assert "县发展和改革局" in html and "县住房和城乡建设局" in html
    assert "<title>" in html and "cdn" not in html.lower()


def test_the_department_sees_only_its_own_tasks_on_the_dashboard(client, w):
    url = reverse("followup:dashboard", args=[w["government"].pk])
    html = as_user(client, w["fgj"]).get(url).content.decode()
    assert "县发展和改革局" in html and "县住房和城乡建设局" not in html


def test_reader_and_outsider_see_nothing_until_the_government_publishes(client, w):
    from jiyao.directory.models import rules_for

    url = reverse("followup:dashboard", args=[w["government"].pk])
    for who in ("reader", "outsider"):
        assert as_user(client, w[who]).get(url).status_code == 404
        assert client.get(reverse("followup:task", args=[w["task"].pk])).status_code == 404
        assert client.get(reverse("followup:index")).status_code == 403
    client.logout()
    assert client.get(url).status_code == 404
    rules = rules_for(w["government"])
    rules.followup_public = True
    rules.save()
    assert client.get(url).status_code == 200
    assert as_user(client, w["reader"]).get(url).status_code == 200


def test_published_follow_up_hides_tasks_of_internal_minutes(client, w):
    from jiyao.directory.models import rules_for

    rules = rules_for(w["government"])
    rules.followup_public = True
    rules.save()
    w["meeting"].minutes.visibility = "internal"
    w["meeting"].minutes.save()
    page = as_user(client, w["reader"]).get(reverse("followup:task", args=[w["task"].pk]))
    assert page.status_code == 404


def test_the_leader_sees_the_tasks_of_the_portfolio_only(client, w):
    as_user(client, w["leader"])
    assert client.get(reverse("followup:task", args=[w["task"].pk])).status_code == 200
    assert client.get(reverse("followup:task", args=[w["other"].pk])).status_code == 404


def test_index_sends_each_role_to_its_page(client, w):
    page = as_user(client, w["fgj"]).get(reverse("followup:index"))
    assert page.url == reverse("followup:unit", args=[w["fgj_unit"].pk])
    page = as_user(client, w["supervisor"]).get(reverse("followup:index"))
    assert page.url == reverse("followup:dashboard", args=[w["government"].pk])
    client.logout()
    assert client.get(reverse("followup:index")).status_code == 302  # to the login


def test_a_unit_page_lists_open_tasks_first_and_others_are_refused(client, w):
    from jiyao.followup import services

    closed = make_task(w, deadline=dt.date(2021, 8, 31), action="已经办结的事项")
    services.transition(closed, "report", w["fgj"], text="完成", percent=100)
    services.transition(closed, "close", w["supervisor"])
    url = reverse("followup:unit", args=[w["fgj_unit"].pk])
    html = as_user(client, w["fgj"]).get(url).content.decode()
    assert html.index("修改完善后印发实施") < html.index("已经办结的事项")
    assert 'class="dot red"' in html
    zjj = as_user(client, w["zjj"]).get(url).content.decode()
    assert "修改完善后印发实施" not in zjj  # another unit's tasks stay hidden
    assert as_user(client, w["outsider"]).get(url).status_code == 404


def test_task_list_filters_by_colour_for_the_supervisor_only(client, w):
    url = reverse("followup:tasks") + "?colour=red"
    html = as_user(client, w["supervisor"]).get(url).content.decode()
    assert "修改完善后印发实施" in html and "住建规划修改完善" not in html
    assert as_user(client, w["outsider"]).get(url).status_code == 403
    html = as_user(client, w["zjj"]).get(reverse("followup:tasks")).content.decode()
    assert "住建规划修改完善" in html and "修改完善后印发实施" not in html


@pytest.mark.parametrize("table", ["unit", "leader", "meeting", "tasks"])
def test_every_table_exports_to_xlsx_and_csv(client, w, table):
    from openpyxl import load_workbook

    as_user(client, w["supervisor"])
    gov = w["government"].pk
    response = client.get(reverse("followup:export", args=[gov, table, "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) >= 2
    response = client.get(reverse("followup:export", args=[gov, table, "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.active.max_row == len(rows)
    assert (
        as_user(client, w["outsider"])
        .get(reverse("followup:export", args=[gov, table, "csv"]))
        .status_code
        == 404
    )


def test_an_export_of_the_department_holds_its_own_tasks_only(client, w):
    as_user(client, w["fgj"])
    url = reverse("followup:export", args=[w["government"].pk, "tasks", "csv"])
    text = client.get(url).content.decode("utf-8-sig")
    assert "县发展和改革局" in text and "住建规划修改完善" not in text


def test_the_archive_meeting_page_shows_each_decisions_tasks_to_who_may_see_them(client, w):
    url = reverse("archive:meeting", args=[w["meeting"].pk])
    html = as_user(client, w["supervisor"]).get(url).content.decode()
    assert "督办落实" in html and "住建规划修改完善" in html and "分解督办事项" in html
    html = as_user(client, w["fgj"]).get(url).content.decode()
    assert "修改完善后印发实施" in html and "住建规划修改完善" not in html
    html = as_user(client, w["outsider"]).get(url).content.decode()
    assert "督办落实" not in html


# -- doing ----------------------------------------------------------------------------------


def test_the_lead_department_reports_with_evidence_and_others_are_refused(client, w):
    url = reverse("followup:report", args=[w["task"].pk])
    data = {"text": "已完成", "percent": "60", "files": SimpleUploadedFile("a.pdf", PDF)}
    page = as_user(client, w["fgj"]).post(url, data)
    assert page.status_code == 302
    w["task"].refresh_from_db()
    assert w["task"].state == "reported"
    evidence = w["task"].reports.get().evidence.get()
    download = client.get(reverse("followup:evidence", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert (
        as_user(client, w["zjj"]).get(reverse("followup:evidence", args=[evidence.pk])).status_code
        == 404
    )
    assert as_user(client, w["leader"]).post(url, {"text": "x", "percent": "1"}).status_code == 403
    assert (
        as_user(client, w["outsider"]).post(url, {"text": "x", "percent": "1"}).status_code == 404
    )


def test_a_refused_report_keeps_the_users_text(client, w):
    url = reverse("followup:report", args=[w["task"].pk])
    fake = SimpleUploadedFile("scan.pdf", b"this is not a pdf")
    page = as_user(client, w["fgj"]).post(
        url, {"text": "我写的进展", "percent": "40", "files": fake}
    )
    assert page.status_code == 422
    html = page.content.decode()
    assert "我写的进展" in html and "scan.pdf" in html and "内容不是 PDF 文件" in html


def test_the_supervisor_returns_extends_and_closes_others_are_refused(client, w):
    from jiyao.followup import services

    task = w["task"]
    services.transition(task, "report", w["fgj"], text="进展", percent=50)
    url = reverse("followup:act", args=[task.pk])
    assert as_user(client, w["fgj"]).post(url, {"action": "close"}).status_code == 403
    assert as_user(client, w["outsider"]).post(url, {"action": "close"}).status_code == 404
    page = as_user(client, w["supervisor"]).post(url, {"action": "return", "reason": ""})
    assert page.status_code == 422 and "须填写理由" in page.content.decode()
    page = client.post(url, {"action": "extend", "reason": "等待审批", "deadline": "2021-05-01"})
    assert page.status_code == 422 and "不能早于或等于会议日期" in page.content.decode()
    assert client.post(url, {"action": "return", "reason": "缺少材料"}).status_code == 302
    task.refresh_from_db()
    assert task.state == "returned"
    services.transition(task, "report", w["fgj"], text="补充材料", percent=100)
    assert client.post(url, {"action": "close"}).status_code == 302
    task.refresh_from_db()
    assert task.state == "closed"
    page = as_user(client, w["fgj"]).post(
        reverse("followup:report", args=[task.pk]), {"text": "再报", "percent": "100"}
    )
    assert page.status_code == 422 and "已办结" in page.content.decode()


def test_the_supervisor_splits_a_meeting_into_tasks_others_are_refused(client, w):
    from jiyao.followup.models import Proposal, Task

    mtg = w["meeting"].pk
    for who, status in (("fgj", 403), ("reader", 403), ("outsider", 403)):
        assert (
            as_user(client, w[who]).get(reverse("followup:meeting", args=[mtg])).status_code
            == status
        )
        assert (
            as_user(client, w[who]).post(reverse("followup:propose", args=[mtg])).status_code
            == status
        )
    client.logout()
    assert client.get(reverse("followup:meetings")).status_code == 404
    as_user(client, w["supervisor"])
    assert client.get(reverse("followup:meetings")).status_code == 200
    client.post(reverse("followup:propose", args=[mtg]))
    proposal = Proposal.objects.filter(status="pending").order_by("pk").first()
    page = client.get(reverse("followup:meeting", args=[mtg]))
    assert page.status_code == 200 and "确认立项" in page.content.decode()
    url = reverse("followup:decide", args=[proposal.pk])
    data = {
        "decision": "confirm",
        "lead": str(proposal.lead_id),
        "co": [str(w["zjj_unit"].pk)],
        "action": "修改完善规划并印发",
        "deadline": "等猴年马月",
    }
    page = client.post(url, data)
    assert page.status_code == 422
    html = page.content.decode()
    assert "“等猴年马月”无法识别" in html and "修改完善规划并印发" in html
    data["deadline"] = "年底前"
    assert client.post(url, data).status_code == 302
    task = Task.objects.get(proposal=proposal)
    assert task.deadline == dt.date(2021, 12, 31)
    assert list(task.co_units.all()) == [w["zjj_unit"]]
    assert as_user(client, w["fgj"]).post(url, {"decision": "drop"}).status_code == 403


def test_the_proposals_page_marks_where_each_value_was_read(client, w):
    from jiyao.followup.models import Proposal
    from jiyao.followup.views import quote

    as_user(client, w["supervisor"]).post(reverse("followup:propose", args=[w["meeting"].pk]))
    html = client.get(reverse("followup:meeting", args=[w["meeting"].pk])).content.decode()
    # The example names no lead in the decision (the submitter leads): the sentence is
    # quoted from the minutes' own text; the marks are checked on a sentence that has them.
    assert "原文：根据审议意见作进一步修改完善后印发实施" in html
    p = Proposal.objects.filter(lead_source="submitter").first()
    text = "甲乙丙县发改局牵头，县财政局配合，年底前完成。"
    spans = {"action": [3, 23], "lead": [3, 7], "co_units": [[10, 14]], "deadline": [17, 20]}
    assert quote(text, spans) == [
        ("县发改局", "lead"),
        ("牵头，", ""),
        ("县财政局", "co"),
        ("配合，", ""),
        ("年底前", "deadline"),
        ("完成。", ""),
    ]
    assert quote(text, {"action": [3, 99]}) == []
    assert p is not None


def test_the_task_page_names_who_reported_and_who_acted_not_their_logins(client, w):
    url = reverse("followup:report", args=[w["task"].pk])
    assert (
        as_user(client, w["fgj"]).post(url, {"text": "已完成", "percent": "60"}).status_code == 302
    )
    page = as_user(client, w["supervisor"]).get(reverse("followup:task", args=[w["task"].pk]))
    html = page.content.decode()
    # A login without a name is shown with its unit; a named one by the name.
    assert "fgj（县发展和改革局） · 进度 60%" in html
    w["fgj"].first_name = "李联络员"
    w["fgj"].save(update_fields=["first_name"])
    html = as_user(client, w["supervisor"]).get(reverse("followup:task", args=[w["task"].pk]))
    log = html.content.decode().split('class="log small"', 1)[1]
    assert "李联络员：" in log and "fgj" not in log
    outsider = as_user(client, w["outsider"]).get(reverse("followup:task", args=[w["task"].pk]))
    assert outsider.status_code == 404
