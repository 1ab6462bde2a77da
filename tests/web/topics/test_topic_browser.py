"""In Debian's Chromium: a department submits a topic with a Word file, the leader in
charge approves it, the secretariat accepts it; the topic page shows each step.

Playwright drives /usr/bin/chromium headless (never a downloaded browser) against
pytest-django's live_server, as tests/web/test_browser.py does.
"""

from __future__ import annotations

import io
import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in(browser, live_server, username, *, phone=False):
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(locale="zh-CN", viewport=viewport)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return context, page


def test_a_topic_goes_from_the_department_through_the_leader_to_the_secretariat(
    browser, live_server, county, settings, tmp_path
):
    import docx

    from jiyao.topics.models import Topic

    settings.MEDIA_ROOT = str(tmp_path / "media")
    document = docx.Document()
    document.add_paragraph("象山县海洋经济发展“十四五”规划（送审稿）")
    path = tmp_path / "海洋经济规划.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())

    # The department, on a phone.
    context, page = logged_in(browser, live_server, "department_user", phone=True)
    page.goto(live_server.url + "/topics/")
    page.click("text=新建议题")
    page.fill("input[name=title]", "审议《象山县海洋经济发展“十四五”规划》（送审稿）")
    page.select_option("select[name=action]", "deliberate")
    page.select_option("select[name=kind]", "major")  # the checks it needs open, marked
    assert page.locator("#check-risk .needed-now").is_visible()
    assert page.locator("#check-fair_competition .needed-now").is_hidden()
    page.select_option("select[name=kind]", "report")
    page.fill("textarea[name=summary]", "规划的背景、主要内容和需会议决定的事项。")
    page.set_input_files("input[name=material_0]", str(path))
    page.click("button:has-text('保存')")
    page.wait_for_selector("#topic-state")
    assert page.inner_text("#topic-state") == "草稿"
    assert "海洋经济规划.docx" in page.content()
    page.click("button[data-action=submit]")
    page.wait_for_selector("text=已申报，待分管领导审核")
    context.close()

    # The leader in charge approves from the queue.
    context, page = logged_in(browser, live_server, "leader_user")
    page.goto(live_server.url + "/topics/leader/")
    assert "审议《象山县海洋经济发展“十四五”规划》" in page.content()
    page.click("button[data-action=approve]")
    page.wait_for_selector("text=分管领导已同意，待政府办审核")
    context.close()

    # The secretariat accepts from its review queue and sees the log.
    context, page = logged_in(browser, live_server, "gov_secretary")
    page.goto(live_server.url + "/topics/review/")
    page.click("button[data-action=accept]")
    page.wait_for_load_state("networkidle")
    topic = Topic.objects.get()
    page.goto(live_server.url + f"/topics/{topic.pk}/")
    assert page.inner_text("#topic-state") == "审核通过，待排入议程"
    assert page.locator("#transition-log tbody tr").count() == 3
    context.close()
    assert topic.state == "accepted" and topic.leader == county.chen
