"""The real pages in Debian's Chromium: search, open a meeting, choose a fact, see it.

Playwright drives /usr/bin/chromium headless (never a downloaded browser) against
pytest-django's live_server. Playwright's sync API runs an event loop in this thread,
which Django's async-safety check would refuse, hence DJANGO_ALLOW_ASYNC_UNSAFE.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_csp(page) -> list[str]:
    """Every Content Security Policy violation the page reports, as console text."""
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return violations


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith(("http://localhost", "http://127.0.0.1", "data:"))
            else None
        ),
    )
    violations = watch_csp(page)
    yield page
    context.close()
    assert outside == [], f"the page made external requests: {outside}"
    assert violations == [], f"the page broke its Content Security Policy: {violations}"


def test_main_pages_load_without_csp_violations(live_server, page):
    from pages_data import make_archive
    from test_csp import main_pages

    archive = make_archive()
    # A page that breaks the policy does so in the console: prove the watcher hears it.
    probe = page.context.new_page()
    heard = watch_csp(probe)
    probe.goto(live_server.url + "/")
    probe.evaluate(
        "() => { const s = document.createElement('style'); s.textContent = 'b{}';"
        " document.head.appendChild(s); }"
    )
    probe.wait_for_timeout(100)
    assert heard, "a blocked inline style was not reported"
    probe.close()
    for url in main_pages(archive):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        if not url.startswith("/admin/"):  # the site's pages run htmx under the policy
            assert page.evaluate("typeof htmx") == "object", url


def test_search_open_a_meeting_choose_a_fact_and_see_its_source(live_server, page):
    from pages_data import PUBLIC_TEXT, make_archive

    archive = make_archive()
    page.goto(live_server.url + "/")
    page.fill("input[name=q]", "防汛")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search/**")
    # A filter updates the results in place (htmx), and the address follows.
    page.evaluate("window.__same_page = true")
    page.select_option("select[name=action]", "hear_report")
    page.wait_for_url("**action=hear_report**")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__same_page === true")
    assert page.locator("#results .result").count() == 1
    page.select_option("select[name=action]", "")
    page.wait_for_url(lambda url: "action=hear_report" not in url)
    page.wait_for_load_state("networkidle")

    link = page.locator(f'a[href="/meetings/{archive["public"].pk}/"]').first
    link.click()
    page.wait_for_url(f"**/meetings/{archive['public'].pk}/")
    assert page.locator("#source").inner_text().strip() == PUBLIC_TEXT.strip()

    # Click a fact: its source span is highlighted, and the text is exactly the value.
    fact = page.locator('.fact[data-path="items[0].documents[0]"]')
    fact.click()
    mark = page.locator("#source mark.hl")
    assert mark.count() == 1
    assert mark.inner_text() == "示例县防汛防台应急预案"
    assert mark.inner_text() == fact.inner_text()
    assert "active" in (fact.get_attribute("class") or "")

    # Keyboard: focusing another fact moves the highlight; Escape clears it.
    chair = page.locator('.fact[data-path="meeting.chair"]')
    chair.focus()
    assert page.locator("#source mark.hl").inner_text() == "王明"
    assert page.locator("#source mark.hl").is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#source mark.hl").count() == 0


def test_meeting_page_on_a_phone_keeps_the_source_in_view(live_server, browser):
    from pages_data import make_archive

    archive = make_archive()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/meetings/{archive['public'].pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    page.locator('.fact[data-path="attendance.absent[0]"]').click()
    mark = page.locator("#source mark.hl")
    assert mark.inner_text() == "孙丽"
    page.wait_for_timeout(600)  # the smooth scroll of the source panel
    box = mark.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844
    context.close()
