"""Downloads are named by government, date and sitting, and offer the series masthead and
the number line as ``jiyao render --series --number`` does (issue 11, item 4)."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from pages_data import make_archive

pytestmark = pytest.mark.django_db

NAME = "示例县人民政府-2023-03-06-第12次常务会议纪要"


@pytest.fixture
def archive():
    return make_archive()


def _download(client, meeting, fmt, query=""):
    return client.get(f"/meetings/{meeting.pk}/download/{fmt}/{query}")


def _filename(response) -> str:
    header = response["Content-Disposition"]
    return unquote(header.split("filename*=utf-8''", 1)[1]) if "filename*" in header else header


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "txt"])
def test_a_download_is_named_by_government_date_and_sitting(client, archive, fmt):
    response = _download(client, archive["public"], fmt)
    assert response.status_code == 200
    assert _filename(response) == f"{NAME}.{fmt}"


def test_the_series_masthead_and_the_number_go_into_the_document(client, archive):
    import docx

    response = _download(client, archive["public"], "docx", "?series=1&number=第12期")
    assert response.status_code == 200
    texts = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert texts[:2] == ["示例县人民政府常务会议纪要", "第12期"]
    assert "县政府第十二次常务会议纪要" in texts


def test_without_options_the_title_is_the_masthead(client, archive):
    import docx

    response = _download(client, archive["public"], "docx")
    texts = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert texts[0] == "县政府第十二次常务会议纪要"
    assert "示例县人民政府常务会议纪要" not in texts


def test_the_meeting_page_offers_the_letterhead_form(client, archive):
    html = client.get(f"/meetings/{archive['public'].pk}/").content.decode()
    assert 'name="series"' in html and 'name="number"' in html
    assert f"/meetings/{archive['public'].pk}/download/pdf/" in html


def test_a_number_too_long_is_refused_with_a_chinese_reason(client, archive):
    response = _download(client, archive["public"], "pdf", "?number=" + "号" * 31)
    assert response.status_code == 400
    assert "期号" in response.content.decode()


def test_an_insider_downloads_internal_minutes_with_the_letterhead(client, archive, insider):
    client.force_login(insider)
    response = _download(client, archive["internal"], "pdf", "?series=1")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_an_outsider_cannot_download_internal_minutes_with_options(client, archive, outsider):
    client.force_login(outsider)
    assert _download(client, archive["internal"], "pdf", "?series=1").status_code == 404
