"""Admin corrections: a reason asked and kept, a Chinese history, the meeting's items,
decisions and attendance edited on its page, natural Chinese titles."""

from __future__ import annotations

import re

import pytest
from pages_data import make_archive

from jiyao.archive import models

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive():
    return make_archive()


def _minutes_form(minutes, **changes):
    data = {
        "title": minutes.title or "",
        "issuer": minutes.issuer or "",
        "issued_on": minutes.issued_on.isoformat() if minutes.issued_on else "",
        "number": minutes.number or "",
        "visibility": minutes.visibility,
        "meeting": minutes.meeting_id,
        "source": minutes.source_id or "",
    }
    data.update(changes)
    return data


def test_a_correction_without_a_reason_is_refused_and_nothing_is_stored(client, archive, secretary):
    client.force_login(secretary)
    minutes = models.Minutes.objects.get(meeting=archive["public"])
    url = f"/admin/archive/minutes/{minutes.pk}/change/"
    assert "修改原因" in client.get(url).content.decode()
    response = client.post(url, _minutes_form(minutes, title="改过的标题"))
    assert response.status_code == 200  # the form again, with the error
    assert "这个字段是必填项" in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.title != "改过的标题"


def test_the_reason_is_kept_and_the_history_reads_in_chinese(client, archive, secretary):
    client.force_login(secretary)
    minutes = models.Minutes.objects.get(meeting=archive["public"])
    url = f"/admin/archive/minutes/{minutes.pk}/change/"
    form = _minutes_form(minutes, title="改过的标题", change_reason="与原件核对，标题有误")
    assert client.post(url, form).status_code == 302
    assert minutes.history.first().history_change_reason == "与原件核对，标题有误"
    html = client.get(f"/admin/archive/minutes/{minutes.pk}/history/").content.decode()
    table = html[html.index('id="change-history"') :]
    for word in ("修改原因", "改动内容", "与原件核对，标题有误", "标题：", "导入时的状态"):
        assert word in table, word
    for english in ("Changes", "Change reason", "None", "Changed by"):
        assert english not in table, english


def test_items_decisions_and_attendance_are_edited_on_the_meetings_page(client, archive, secretary):
    client.force_login(secretary)
    meeting = archive["public"]
    url = f"/admin/archive/meeting/{meeting.pk}/change/"
    page = client.get(url)
    html = page.content.decode()
    assert "会议事项" in html and "出席情况" in html
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data["series"] = meeting.series_id
    data["chair"] = meeting.chair_id or ""
    data["change_reason"] = "与原件核对"
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        mgmt = fs.management_form
        for name in mgmt.fields:
            data[f"{fs.prefix}-{name}"] = mgmt.initial.get(name, mgmt[name].value())
        for i, f in enumerate(fs.forms):
            for name in f.fields:
                value = f[name].value()
                if value is None or value is False:
                    continue
                data[f"{fs.prefix}-{i}-{name}"] = value.pk if hasattr(value, "pk") else value
    items = next(
        f.formset
        for f in page.context["inline_admin_formsets"]
        if f.formset.model is models.AgendaItem
    )
    data[f"{items.prefix}-0-heading"] = "审议防汛防台应急预案（更正）"
    data[f"{items.prefix}-0-outcome"] = "deferred"
    data[f"{items.prefix}-0-follow_up"] = "下次会议再议"
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(
        r"errorlist[^<]*<li>([^<]*)", response.content.decode()
    )
    item = models.AgendaItem.objects.filter(meeting=meeting).order_by("position").first()
    assert item.heading == "审议防汛防台应急预案（更正）"
    assert item.decision.outcome == "deferred"
    assert item.decision.follow_up == "下次会议再议"
    assert item.decision.history.first().history_change_reason == "与原件核对"


def test_admin_titles_read_as_natural_chinese(client, archive, secretary):
    client.force_login(secretary)
    listing = client.get("/admin/archive/meeting/").content.decode()
    assert "选择要修改的会议" in listing and "选择 会议 来修改" not in listing
    assert "以 " not in listing  # 按会议类型筛选, not 以 会议类型
    assert "按会议类型筛选" in listing
    change = client.get(f"/admin/archive/meeting/{archive['public'].pk}/change/").content.decode()
    assert "修改会议" in change and "修改 会议" not in change


def test_the_admin_history_and_the_review_page_name_who_corrected(
    client, archive, secretary, outsider
):
    secretary.first_name = "王秘书"
    secretary.save(update_fields=["first_name"])
    client.force_login(secretary)
    minutes = models.Minutes.objects.get(meeting=archive["public"])
    url = f"/admin/archive/minutes/{minutes.pk}/change/"
    form = _minutes_form(minutes, title="改过的标题", change_reason="与原件核对，标题有误")
    assert client.post(url, form).status_code == 302
    html = client.get(f"/admin/archive/minutes/{minutes.pk}/history/").content.decode()
    table = html[html.index('id="change-history"') :]
    assert "王秘书" in table and ">secretary<" not in table
    review = client.get(f"/review/meetings/{archive['public'].pk}/").content.decode()
    history = review.split('id="history"', 1)[1].split("</ul>", 1)[0]
    assert "王秘书 修改了纪要：与原件核对，标题有误" in history
    client.force_login(outsider)
    assert client.get(f"/review/meetings/{archive['public'].pk}/").status_code in (403, 404)
