"""One topic through the whole cycle in Debian's Chromium, as four people (issue 8).

The department clerk submits a topic with its material; the leader in charge approves
it; the secretary accepts it, plans a meeting, puts the topic on the agenda, sends the
notice, takes attendance, marks the meeting held, records the decision and opens the
minutes draft and submits it for signature (提请签发); the chair returns it once with
a reason (退回修改), the secretary revises and submits it again, the chair signs; the clerk's department, a recipient, acknowledges
receipt (签收). The archive then shows the meeting's minutes to anyone. Runs on SQLite
and, with JIYAO_DATABASE_URL, on PostgreSQL (scripts/test runs both).
"""

from __future__ import annotations

import os
import re

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(browser, base: str, username: str):
    """A fresh browser context logged in as ``username`` (390 px wide: the phone layout)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-" + username)
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" not in page.url, f"{username} could not log in"
    return context, page


def expect_message(page, text: str) -> None:
    assert text in page.inner_text("main"), page.inner_text("main")[:2000]


def test_a_topic_goes_from_submission_to_a_recipients_receipt(
    live_server, browser, settings, tmp_path
):
    from meetings import world as w

    from jiyao.minutes.compose.notice import Notice, compose_notice_docx

    settings.MEDIA_ROOT = str(tmp_path)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    w.build()
    base = live_server.url
    title = "象山县海洋经济高质量发展实施方案"
    material = tmp_path / "方案.docx"
    from django.utils import timezone

    material.write_bytes(
        compose_notice_docx(
            Notice(
                issuer="县发改局",
                meeting=title,
                date=timezone.localdate(),
                issued_on=timezone.localdate(),
            )
        )
    )

    # 1. The department clerk drafts and submits the topic.
    ctx, page = login(browser, base, "clerk")
    page.goto(base + "/topics/new/")
    page.fill("input[name=title]", title)
    page.select_option("select[name=action]", "deliberate")
    page.select_option("select[name=kind]", "report")
    page.fill("textarea[name=summary]", "推进海洋经济发展的主要措施。")
    page.set_input_files("input[name=material_0]", str(material))
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert re.search(r"/topics/\d+/$", page.url), page.inner_text("main")[:1500]
    topic_url = page.url
    page.click("button[data-action=submit]")
    page.wait_for_load_state("networkidle")
    expect_message(page, "分管领导")
    ctx.close()

    # 2. The leader in charge approves it.
    ctx, page = login(browser, base, "vice")
    page.goto(topic_url)
    page.click("button[data-action=approve]")
    page.wait_for_load_state("networkidle")
    ctx.close()

    # 3. The secretary accepts it and runs the meeting up to the draft.
    ctx, page = login(browser, base, "secretary")
    page.goto(topic_url)
    page.click("button[data-action=accept]")
    page.wait_for_load_state("networkidle")
    page.goto(base + "/agenda/new/")
    page.fill("input[name=date]", timezone.localdate().isoformat())
    page.select_option("select[name=chair]", label="包朝阳")
    page.fill("input[name=location]", "县行政中心1号楼会议室")
    page.click("form.card button[type=submit]")
    page.wait_for_url(re.compile(r"/agenda/\d+/$"))
    meeting_url = page.url
    page.select_option("#topic-select", label=f"县发展和改革局《{title}》")
    page.click("text=排入议程")
    expect_message(page, "已将")
    page.click("button[value=notify]")
    expect_message(page, "会议通知已发送")
    for radio in page.locator("#attendance input[type=radio][value=present]").all():
        radio.check()
    page.click("#save-attendance")
    expect_message(page, "已达到法定人数")
    page.click("button[value=hold]")
    expect_message(page, "已召开")
    form = page.locator("form.decision-form").first
    form.locator("select[name=outcome]").select_option("原则同意")
    form.locator("input[name=follow_up]").fill("会后修改完善后印发实施")
    form.locator("textarea[name=requirements]").fill("县发改局要会同有关部门抓好落实")
    form.locator("button[type=submit]").click()
    expect_message(page, "已记录会议决定")
    page.click("#draft-link")
    page.wait_for_selector("#no-errors")
    assert "会议原则同意《象山县海洋经济高质量发展实施方案》" in page.inner_text("#preview")
    page.click("#submit-form button[type=submit]")
    expect_message(page, "纪要已提请签发")
    ctx.close()

    # 4. The chair finds the minutes on the desk and returns them with a reason …
    ctx, page = login(browser, base, "chair")
    page.goto(base + "/desk/")
    page.click("main a:has-text('签发县政府第一次常务会议纪要')")
    page.wait_for_selector("#sign-form")
    page.fill("#return-form textarea[name=reason]", "请补充会议要求的完成时限")
    page.click("#return-form button[type=submit]")
    page.wait_for_url(meeting_url)
    expect_message(page, "纪要已退回秘书科修改")
    ctx.close()

    # … the secretary sees why on the desk, revises the draft and submits it again …
    ctx, page = login(browser, base, "secretary")
    page.goto(base + "/desk/")
    page.click("main a:has-text('纪要被退回修改')")
    expect_message(page, "请补充会议要求的完成时限")
    page.fill("textarea[name=item-0-requirements]", "县发改局要会同有关部门于年底前抓好落实")
    page.click("#draft-form button[type=submit]:has-text('保存草稿')")
    expect_message(page, "纪要草稿已保存")
    page.click("#submit-form button[type=submit]")
    expect_message(page, "纪要已提请签发")
    ctx.close()

    # … and the chair signs.
    ctx, page = login(browser, base, "chair")
    page.goto(base + "/desk/")
    page.click("main a:has-text('签发县政府第一次常务会议纪要')")
    assert "于年底前抓好落实" in page.inner_text("#preview")
    page.click("#sign-form button[type=submit]")
    page.wait_for_url(meeting_url)
    expect_message(page, "纪要已签发")
    assert "纪要已签发" in page.inner_text("#state")
    ctx.close()

    # 5. The clerk's department acknowledges receipt.
    ctx, page = login(browser, base, "clerk")
    page.goto(base + "/agenda/inbox/")
    page.click("main form button:has-text('签收')")
    page.wait_for_load_state("networkidle")
    expect_message(page, "已签收")
    ctx.close()

    # Anyone reads the signed minutes in the archive.
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()
    page.goto(meeting_url.replace("/agenda/", "/meetings/"))
    assert "县政府第一次常务会议纪要" in page.inner_text("main")
    ctx.close()
