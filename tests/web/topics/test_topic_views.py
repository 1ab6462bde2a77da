"""The topic pages: each with an allowed role, a refused role and an outsider (never a 500)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jiyao.topics import rules, states
from jiyao.topics.models import Material, Topic, TopicTransition


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def docx_bytes(text: str = "送审稿正文") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def form_data(county, **over):
    data = {
        "title": "审议《象山县海洋经济发展“十四五”规划》（送审稿）",
        "series": county.series.pk,
        "action": "deliberate",
        "kind": rules.REPORT,
        "summary": "规划的背景与主要内容。",
        "stage_0": "送审稿",
        "stage_1": "送审稿",
        "stage_2": "送审稿",
        "material_0": SimpleUploadedFile("规划.docx", docx_bytes()),
    }
    data.update(over)
    return data


def make_topic(county) -> Topic:
    response = client_for(county.department_user).post(reverse("topics:new"), form_data(county))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Topic.objects.get()


def submitted(county) -> Topic:
    topic = make_topic(county)
    client_for(county.department_user).post(
        reverse("topics:act", args=[topic.pk]), {"action": "submit"}
    )
    topic.refresh_from_db()
    assert topic.state == states.SUBMITTED
    return topic


# -- list pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "allowed", "refused"),
    [
        ("topics:index", "department_user", "county_reader"),
        ("topics:new", "department_user", "leader_user"),
        ("topics:leader", "leader_user", "department_user"),
        ("topics:review", "gov_secretary", "leader_user"),
        ("topics:ready", "gov_supervisor", "department_user"),
    ],
)
def test_list_pages_answer_the_allowed_role_and_refuse_others(county, name, allowed, refused):
    url = reverse(name)
    assert client_for(getattr(county, allowed)).get(url).status_code == 200
    assert client_for(getattr(county, refused)).get(url).status_code == 403
    assert client_for(county.stranger).get(url).status_code == 403
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_the_department_sees_its_topics_grouped_by_state(county):
    topic = make_topic(county)
    page = client_for(county.department_user).get(reverse("topics:index")).content.decode()
    assert topic.title in page and "草稿" in page
    other = client_for(county.other_department_user).get(reverse("topics:index")).content.decode()
    assert topic.title not in other


# -- the form ---------------------------------------------------------------------------------


def test_a_department_user_creates_a_draft_with_a_material(county):
    topic = make_topic(county)
    assert topic.state == states.DRAFT
    assert topic.department == county.fgj and topic.government == county.gov
    material = Material.objects.get(topic=topic)
    assert material.original_name == "规划.docx" and material.stage == "送审稿"
    assert material.file.read()[:2] == b"PK"


def test_a_fake_docx_is_refused_naming_the_file_and_nothing_is_stored(county):
    data = form_data(county, material_0=SimpleUploadedFile("伪装.docx", b"not a word file"))
    response = client_for(county.department_user).post(reverse("topics:new"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "伪装.docx" in page and "不是 Word 文档" in page
    assert not Topic.objects.exists() and not Material.objects.exists()


def test_a_file_over_the_limit_is_refused_while_streaming(county, settings):
    settings.JIYAO_UPLOAD_MAX_BYTES = 10_000
    big = SimpleUploadedFile("大文件.pdf", b"%PDF-1.7\n" + b"0" * 50_000)
    response = client_for(county.department_user).post(
        reverse("topics:new"), form_data(county, material_0=big)
    )
    page = response.content.decode()
    assert "大文件.pdf" in page and "超过上限" in page
    assert not Topic.objects.exists()


def test_a_check_needs_its_date_and_evidence(county):
    data = form_data(county, check_legality="on")
    response = client_for(county.department_user).post(reverse("topics:new"), data)
    page = response.content.decode()
    assert "请填写合法性审查的完成日期" in page and "请说明合法性审查的依据" in page
    assert not Topic.objects.exists()


def test_two_people_editing_one_topic_the_second_save_is_refused_and_nothing_is_lost(county):
    from tests_helpers_colleague import colleague

    topic = make_topic(county)
    first, second = client_for(county.department_user), client_for(colleague(county))
    url = reverse("topics:edit", args=[topic.pk])
    assert first.get(url).status_code == 200 and second.get(url).status_code == 200
    base = {k: v for k, v in form_data(county).items() if not k.startswith("material")}
    saved = first.post(url, {**base, "version": topic.version, "summary": "第一位的修改"})
    assert saved.status_code == 302
    stale = second.post(url, {**base, "version": topic.version, "summary": "第二位的修改"})
    assert stale.status_code == 200
    page = stale.content.decode()
    assert "已被他人修改" in page
    assert "第二位的修改" in page  # the second person's input is kept in the form
    topic.refresh_from_db()
    assert topic.summary == "第一位的修改" and topic.version == 2


def test_a_topic_cannot_be_edited_once_submitted(county):
    topic = submitted(county)
    url = reverse("topics:edit", args=[topic.pk])
    assert client_for(county.department_user).get(url).status_code == 403
    base = {k: v for k, v in form_data(county).items() if not k.startswith("material")}
    response = client_for(county.department_user).post(url, {**base, "version": topic.version})
    assert response.status_code == 403
    assert client_for(county.stranger).get(url).status_code == 404


# -- the topic page and transitions ------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("department_user", 200),
        ("leader_user", 200),
        ("gov_secretary", 200),
        ("gov_supervisor", 200),
        ("other_department_user", 404),
        ("other_secretary", 404),
        ("county_reader", 404),
        ("stranger", 404),
    ],
)
def test_the_topic_page_and_its_material_by_role(county, who, status):
    topic = make_topic(county)
    user = getattr(county, who)
    assert client_for(user).get(reverse("topics:detail", args=[topic.pk])).status_code == status
    material = topic.materials.get()
    url = reverse("topics:material", args=[topic.pk, material.pk])
    response = client_for(user).get(url)
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content)[:2] == b"PK"


def test_a_malformed_or_unknown_topic_is_404(county):
    c = client_for(county.gov_secretary)
    assert c.get("/topics/999999/").status_code == 404
    assert c.get("/topics/999999/materials/1/").status_code == 404


def test_submit_approve_accept_through_the_pages_with_the_log_shown(county):
    topic = submitted(county)
    leader = client_for(county.leader_user)
    assert topic.title in leader.get(reverse("topics:leader")).content.decode()
    leader.post(reverse("topics:act", args=[topic.pk]), {"action": "approve"})
    secretary = client_for(county.gov_secretary)
    assert topic.title in secretary.get(reverse("topics:review")).content.decode()
    secretary.post(reverse("topics:act", args=[topic.pk]), {"action": "accept"})
    topic.refresh_from_db()
    assert topic.state == states.ACCEPTED
    page = secretary.get(reverse("topics:detail", args=[topic.pk])).content.decode()
    assert page.count('<tr><td class="nowrap">') == 3
    assert "已申报，待分管领导审核 → 分管领导已同意，待政府办审核" in page


def test_a_view_call_that_skips_a_step_is_refused_with_a_message(county):
    topic = submitted(county)
    c = client_for(county.gov_secretary)
    response = c.post(reverse("topics:act", args=[topic.pk]), {"action": "accept"}, follow=True)
    assert response.status_code == 200
    assert "不能执行“审核通过”" in response.content.decode()
    topic.refresh_from_db()
    assert topic.state == states.SUBMITTED


def test_returning_without_a_reason_is_refused_and_with_a_reason_is_logged(county):
    topic = submitted(county)
    c = client_for(county.leader_user)
    url = reverse("topics:act", args=[topic.pk])
    response = c.post(url, {"action": "return", "reason": " "}, follow=True)
    assert "须填写理由" in response.content.decode()
    c.post(url, {"action": "return", "reason": "请补充合法性审查意见"})
    topic.refresh_from_db()
    assert topic.state == states.RETURNED
    row = TopicTransition.objects.filter(topic=topic).last()
    assert row.reason == "请补充合法性审查意见" and row.by == county.leader_user


def test_outsiders_cannot_act_on_a_topic(county):
    topic = submitted(county)
    url = reverse("topics:act", args=[topic.pk])
    for user in (county.stranger, county.county_reader, county.other_secretary):
        assert client_for(user).post(url, {"action": "approve"}).status_code == 404
    assert client_for(county.leader_user).get(url).status_code == 405


def test_the_page_says_which_rule_stops_scheduling(county):
    topic = make_topic(county)
    Topic.objects.filter(pk=topic.pk).update(kind=rules.MAJOR)
    page = client_for(county.gov_secretary).get(reverse("topics:detail", args=[topic.pk]))
    text = page.content.decode()
    assert "不能排入议程" in text and "《重大行政决策程序暂行条例》：风险评估" in text


def pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 720, "legal review")
    c.save()
    return out.getvalue()


def test_a_check_with_its_evidence_file_is_recorded_and_downloaded_by_insiders_only(county):
    data = form_data(
        county,
        check_legality="on",
        check_legality_date="2021-05-20",
        check_legality_evidence="县司法局出具合法性审查意见书",
        check_legality_file=SimpleUploadedFile("审查意见.pdf", pdf_bytes()),
    )
    assert client_for(county.department_user).post(reverse("topics:new"), data).status_code == 302
    topic = Topic.objects.get()
    check = topic.checks.get(kind=rules.LEGALITY)
    url = reverse("topics:evidence", args=[topic.pk, check.pk])
    response = client_for(county.gov_secretary).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client_for(county.other_department_user).get(url).status_code == 404
    assert client_for(county.stranger).get(url).status_code == 404


def test_removing_a_material_is_in_the_change_log(county):
    topic = make_topic(county)
    material = topic.materials.get()
    base = {k: v for k, v in form_data(county).items() if not k.startswith("material")}
    c = client_for(county.department_user)
    response = c.post(
        reverse("topics:edit", args=[topic.pk]),
        {**base, "version": topic.version, "remove": [str(material.pk)]},
    )
    assert response.status_code == 302
    assert not topic.materials.exists()
    page = c.get(reverse("topics:detail", args=[topic.pk])).content.decode()
    assert "删除材料“规划.docx”" in page and "上传材料“规划.docx”" in page


def test_todo_lists_what_each_role_has_to_do_next(county):
    from jiyao.topics.services import todo_for

    topic = make_topic(county)
    assert todo_for(county.department_user) == [
        (f"议题《{topic.title}》尚未提交申报", reverse("topics:detail", args=[topic.pk])),
        ("申报新议题", reverse("topics:new")),
    ]
    client_for(county.department_user).post(
        reverse("topics:act", args=[topic.pk]), {"action": "submit"}
    )
    assert [text for text, _ in todo_for(county.leader_user)] == [
        f"审核县发展和改革局申报的议题《{topic.title}》"
    ]
    assert todo_for(county.other_leader_user) == []
    client_for(county.leader_user).post(
        reverse("topics:act", args=[topic.pk]), {"action": "approve"}
    )
    assert len(todo_for(county.gov_secretary)) == 1
    client_for(county.gov_secretary).post(
        reverse("topics:act", args=[topic.pk]), {"action": "accept"}
    )
    assert todo_for(county.gov_secretary) == [("1 个议题可排入会议议程", reverse("topics:ready"))]
    assert todo_for(county.other_secretary) == [] and todo_for(county.county_reader) == []


def test_a_log_row_whose_user_was_deleted_still_renders(county):
    topic = submitted(county)
    county.department_user.delete()
    page = client_for(county.gov_secretary).get(reverse("topics:detail", args=[topic.pk]))
    assert page.status_code == 200


def test_a_sent_name_with_a_path_stores_nothing_outside_the_upload_directory(county, tmp_path):
    from django.test.client import BOUNDARY, encode_multipart

    fields = {k: v for k, v in form_data(county).items() if not k.startswith("material")}
    body = encode_multipart(BOUNDARY, fields)
    closing = f"--{BOUNDARY}--\r\n".encode()
    part = (
        (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="material_0"; filename="../../evil.docx"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + docx_bytes()
        + b"\r\n"
    )
    body = body[: -len(closing)] + part + closing
    response = client_for(county.department_user).post(
        reverse("topics:new"), body, content_type=f"multipart/form-data;boundary={BOUNDARY}"
    )  # (not the client's own MULTIPART_CONTENT string, which would re-encode the body)
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.original_name == "evil.docx"  # Django kept only the last part
    stored = (tmp_path / "media" / material.file.name).resolve()
    assert stored.is_file() and stored.is_relative_to(tmp_path / "media")
    assert not (tmp_path / "evil.docx").exists()


def test_scheduling_is_not_offered_on_the_topic_page_but_on_the_agenda(county):
    topic = submitted(county)
    client_for(county.leader_user).post(
        reverse("topics:act", args=[topic.pk]), {"action": "approve"}
    )
    c = client_for(county.gov_secretary)
    c.post(reverse("topics:act", args=[topic.pk]), {"action": "accept"})
    page = c.get(reverse("topics:detail", args=[topic.pk])).content.decode()
    assert 'data-action="schedule"' not in page and "可在会议准备中排入议程" in page
    response = c.post(reverse("topics:act", args=[topic.pk]), {"action": "schedule"}, follow=True)
    assert "议程页面" in response.content.decode()
    topic.refresh_from_db()
    assert topic.state == states.ACCEPTED
