"""The review queue and the upload page: who may use them, what they do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from jiyao.archive import models as m
from jiyao.archive import upload as upload_module
from jiyao.archive.importer import Importer, Input

pytestmark = pytest.mark.django_db

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "src" / "jiyao" / "examples" / "xiangshan-2021-53.txt"
)


def nameless(text: str | None = None) -> bytes:
    """The example with every mention of its government removed."""
    text = text or EXAMPLE.read_text(encoding="utf-8")
    return text.replace("象山县人民政府办公室", "县政府办公室").replace("象山", "").encode()


@pytest.fixture
def flagged() -> m.Meeting:
    """A meeting under a placeholder government, flagged for review."""
    with Importer(batch="第一批") as importer:
        summary = importer.import_many([Input(name="无名.txt", data=nameless())])
    assert summary.flagged == 1
    return m.Meeting.objects.get()


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_secretariat_sees_the_queue_and_opens_a_flag(secretary: Any, flagged: Any) -> None:
    response = client_for(secretary).get("/review/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "政府待确认" in page and "待定政府（第一批）" in page
    url = f"/review/meetings/{flagged.pk}/?hl=title"
    assert f"/review/meetings/{flagged.pk}/?hl=title" in page
    opened = client_for(secretary).get(url).content.decode()
    assert '<mark class="hl" id="hl">' in opened and "更正原因" in opened


@pytest.mark.parametrize("who", ["insider", "reader_user", "outsider"])
def test_other_roles_are_refused_the_queue_and_the_upload(
    who: str, request: pytest.FixtureRequest, flagged: Any
) -> None:
    client = client_for(request.getfixturevalue(who))
    for url in ("/review/", f"/review/meetings/{flagged.pk}/", "/upload/"):
        assert client.get(url).status_code == 403
    assert client.post("/upload/", {}).status_code == 403


def test_a_visitor_is_sent_to_log_in(flagged: Any) -> None:
    for url in ("/review/", f"/review/meetings/{flagged.pk}/", "/upload/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_unknown_meeting_is_not_found(secretary: Any) -> None:
    client = client_for(secretary)
    assert client.get("/review/meetings/99999999999999999999/").status_code == 404
    assert client.get("/review/meetings/4242/").status_code == 404


def test_a_correction_moves_the_meeting_and_keeps_its_reason(secretary: Any, flagged: Any) -> None:
    client = client_for(secretary)
    url = f"/review/meetings/{flagged.pk}/"
    refused = client.post(url, {"action": "correct", "path": "government", "value": "象山县"})
    assert refused.status_code == 400 and "请写明更正原因" in refused.content.decode()
    bad = client.post(
        url, {"action": "correct", "path": "government", "value": "第3次", "reason": "试"}
    )
    assert bad.status_code == 400 and "不是有效的政府名称" in bad.content.decode()
    done = client.post(
        url,
        {"action": "correct", "path": "government", "value": "象山县", "reason": "据发文机关核实"},
    )
    assert done.status_code == 302
    flagged.refresh_from_db()
    assert flagged.series.government.name == "象山县人民政府"
    assert m.SearchEntry.objects.get(meeting=flagged).government == flagged.series.government
    history = m.Meeting.history.filter(id=flagged.pk).order_by("history_date").last()
    assert history.history_change_reason == "据发文机关核实"
    assert history.history_user == secretary
    page = client.get(url).content.decode()
    assert "修改了会议：据发文机关核实" in page
    flag = flagged.review_flags.get()
    resolved = client.post(url, {"action": "resolve", "flag": flag.pk, "note": "政府已更正"})
    assert resolved.status_code == 302
    flag.refresh_from_db()
    assert flag.resolved_by == secretary and flag.resolution == "政府已更正"
    assert "待定政府" not in client.get("/review/").content.decode()


def test_an_item_heading_corrected_in_review_survives_a_newer_parser(
    secretary: Any, flagged: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jiyao.archive import importer as importer_module

    client = client_for(secretary)
    client.post(
        f"/review/meetings/{flagged.pk}/",
        {
            "action": "correct",
            "path": "items[0].heading",
            "value": "更正后的标题",
            "reason": "错字",
        },
    )
    monkeypatch.setattr(importer_module, "parser_version", lambda: "9999")
    with Importer(batch="第一批") as importer:
        summary = importer.import_many([Input(name="无名.txt", data=nameless())])
    assert summary.kept == 1
    assert flagged.items.order_by("position")[0].heading == "更正后的标题"


def test_uploading_files_and_a_zip_imports_them_and_shows_the_summary(
    secretary: Any, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    text = EXAMPLE.read_text(encoding="utf-8")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("纪要-gbk.txt", text.encode("gbk"))
        archive.writestr("假的.docx", (text + "\n（改了扩展名）").encode("utf-8"))
    files = [
        ("files", _file("纪要.txt", text.encode("utf-8"))),
        ("files", _file("批量.zip", packed.getvalue())),
    ]
    response = client_for(secretary).post("/upload/", {"files": [f for _, f in files]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "新导入 1 份，并入已有会议 1 份" in page and "失败 1 份" in page
    assert "假的.docx" in page and "不是有效的 Word 文件" in page
    assert m.Meeting.objects.count() == 1 and m.SourceDocument.objects.count() == 2
    assert not list((tmp_path / "uploads").rglob("*.*"))  # the copies are removed


def test_an_upload_without_files_is_refused_with_a_reason(
    secretary: Any, tmp_path: Path, settings: Any
) -> None:
    settings.DATA_DIR = tmp_path
    response = client_for(secretary).post("/upload/", {"files": [_file("a.zip", b"not a zip")]})
    assert response.status_code == 400
    assert "不是有效的 zip 压缩包" in response.content.decode()


@pytest.mark.django_db(transaction=True)  # the worker opens its own connection
def test_a_large_upload_runs_in_the_background_with_progress(
    secretary: Any, tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.management import call_command

    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(upload_module, "AT_ONCE", 1)
    text = EXAMPLE.read_text(encoding="utf-8")
    files = [_file("a.txt", text.encode()), _file("b.txt", nameless(text))]
    client = client_for(secretary)
    response = client.post("/upload/", {"files": files, "batch": "十二月"})
    assert response.status_code == 302
    waiting = client.get(response["Location"]).content.decode()
    assert "排队等候：已处理 0 / 2 份" in waiting and 'http-equiv="refresh"' in waiting
    assert not m.Meeting.objects.exists()
    call_command(
        "db_worker", queue_name="default", interval=0, batch=True, reload=False, startup_delay=False
    )  # what `jiyao worker` runs
    progress = client.get(response["Location"])
    page = progress.content.decode()
    assert progress.status_code == 200
    assert "已完成：已处理 2 / 2 份" in page and "新导入 2 份" in page and "需复核 1 份" in page
    assert 'http-equiv="refresh"' not in page
    assert m.Organization.objects.filter(name="待定政府（十二月）").exists()
    assert client.get("/upload/zzzz/").status_code == 404


def _file(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)
