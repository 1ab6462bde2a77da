"""The Content Security Policy: on every page, and no template needs an exception to it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pages_data import make_archive

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "jiyao"


def main_pages(archive) -> list[str]:
    from jiyao.archive import models

    public = archive["public"]
    org = models.Organization.objects.get(name="县发展和改革局")
    person = models.Person.objects.get(name="王明")
    return [
        "/",
        "/search/?q=防汛",
        "/governments/",
        f"/governments/{public.series.government_id}/",
        f"/meetings/{public.pk}/",
        f"/departments/{org.pk}/",
        "/departments/?name=县发改局&x=1",
        f"/people/{person.pk}/",
        "/documents/?title=示例县防汛防台应急预案",
        "/accounts/login/",
        "/admin/login/",
        "/no-such-page/",
    ]


def test_every_main_page_carries_the_policy(client, secretary):
    archive = make_archive()
    for who in (None, secretary):
        if who is not None:
            client.force_login(who)
        for url in main_pages(archive):
            response = client.get(url)
            assert response.status_code in (200, 302, 404), url
            policy = response.get("Content-Security-Policy", "")
            assert "default-src 'self'" in policy, url
            assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
            assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, url
            assert "frame-ancestors 'none'" in policy, url


_INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
    (re.compile(r"\bhx-on", re.I), "an hx-on handler (evaluated as script)"),
]


def test_no_template_has_inline_script_or_style():
    offenders = []
    for path in sorted(SRC.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(SRC)}: {what}" for rx, what in _INLINE if rx.search(text)]
    assert offenders == []


def test_htmx_is_told_not_to_inject_its_indicator_style(client):
    html = client.get("/").content.decode()
    assert "includeIndicatorStyles" in html and "false" in html
    css = (SRC / "archive" / "static" / "archive" / "archive.css").read_text(encoding="utf-8")
    assert ".htmx-indicator" in css


def test_the_error_page_needs_no_inline_style():
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "style=" not in html and "archive.css" in html
