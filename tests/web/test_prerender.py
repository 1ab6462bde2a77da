"""Documents typeset ahead of the first download (jiyao.archive.prerender, `jiyao
prerender`, the importer and the signing handing new minutes to the render queue)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from fresh_db import EXAMPLE, fresh_env, jiyao, write_minutes


def _render_tasks() -> list[tuple[list[int], list[str]]]:
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(task_path="jiyao.archive.tasks.render_documents")
    return [(r.args_kwargs["args"][0], r.args_kwargs["args"][1]) for r in rows.order_by("pk")]


def _write(tmp_path: Path, n: int) -> list[str]:
    return write_minutes(tmp_path / "in", n, seed=11)


def test_an_import_hands_its_new_meetings_to_the_render_queue(transactional_db: Any, tmp_path):
    from jiyao.archive.importer import Importer, Input

    paths = _write(tmp_path, 3)
    with Importer(government="测试县") as importer:
        summary = importer.import_many([Input(name=p) for p in paths])
    ids = sorted(r.meeting_id for r in summary.results)
    assert _render_tasks() == [(ids, ["pdf", "docx"])]

    # Importing the same files again changes nothing, so nothing more is typeset.
    with Importer(government="测试县") as importer:
        again = importer.import_many([Input(name=p) for p in paths])
    assert again.unchanged == 3
    assert len(_render_tasks()) == 1


def test_nothing_is_queued_when_prerendering_is_off(transactional_db: Any, settings, tmp_path):
    from jiyao.archive.importer import Importer, Input

    settings.JIYAO_PRERENDER = ()
    with Importer(government="测试县") as importer:
        importer.import_many([Input(name=p) for p in _write(tmp_path, 2)])
    assert _render_tasks() == []


def test_a_failed_import_queues_nothing(transactional_db: Any, tmp_path):
    from jiyao.archive.importer import Importer, Input

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with Importer(government="测试县") as importer:
        summary = importer.import_many([Input(name=str(empty))])
    assert summary.failed and _render_tasks() == []


def test_a_download_is_served_from_what_fill_typeset(db: Any, settings, tmp_path):
    from jiyao.archive import prerender, rendering
    from jiyao.archive.importer import Importer
    from jiyao.archive.models import Meeting

    settings.JIYAO_DATA_DIR = tmp_path
    pk = Importer().import_path(str(EXAMPLE)).meeting_id
    done = prerender.fill([pk, 987654], ["docx", "txt"], processes=2)
    assert (done.rendered, done.cached) == (2, 0)
    assert done.failed == [(987654, "", "没有这次会议")]
    assert done.bytes_written > 0

    key = rendering.cache_key(Meeting.objects.get(pk=pk).to_record(), "docx")
    assert (tmp_path / "cache" / "render" / key[:2] / f"{key}.docx").is_file()
    response = Client().get(f"/meetings/{pk}/download/docx/")
    assert response.status_code == 200
    assert response["ETag"] == f'"{key}"'  # the download's key is the one typeset ahead

    again = prerender.fill([pk], ["docx", "txt"])
    assert (again.rendered, again.cached, again.failed) == (0, 2, [])


def test_fill_lists_a_record_the_composer_refuses_and_goes_on(
    db: Any, settings, tmp_path, monkeypatch
):
    from jiyao.archive import prerender, rendering
    from jiyao.archive.importer import Importer

    settings.JIYAO_DATA_DIR = tmp_path
    pk = Importer().import_path(str(EXAMPLE)).meeting_id
    real = rendering.Children.run

    def refuse_docx(self: Any, record: Any, fmt: str, *args: Any) -> bytes:
        if fmt == "docx":
            raise rendering.RenderRefused("不能排版")
        return real(self, record, fmt, *args)

    monkeypatch.setattr(rendering.Children, "run", refuse_docx)
    done = prerender.fill([pk], ["docx", "txt"])
    assert done.rendered == 1 and done.failed == [(pk, "docx", "不能排版")]


@pytest.mark.slow
def test_prerender_command_typesets_every_meeting_once(tmp_path: Path) -> None:
    paths = _write(tmp_path, 2)
    with fresh_env(tmp_path) as env:
        env["JIYAO_PRERENDER"] = ""  # the import queues nothing; the command does the work
        done = jiyao(env, "import", *paths, "--government", "测试县")
        assert done.returncode == 0, done.stderr
        done = jiyao(env, "prerender", "--formats", "txt,docx", "--processes", "2")
        assert done.returncode == 0, done.stderr
        assert "2 次会议：新排版 4 份，已在缓存 0 份，失败 0 份" in done.stdout
        cache = Path(env["JIYAO_DATA_DIR"]) / "cache" / "render"
        assert len(list(cache.glob("??/*.docx"))) == 2
        done = jiyao(env, "prerender", "--formats", "txt,docx")
        assert "新排版 0 份，已在缓存 4 份" in done.stdout

        queued = jiyao(env, "prerender", "--queue", "--formats", "pdf")
        assert queued.returncode == 0 and "已交给后台任务进程：2 次会议" in queued.stdout
        worker = jiyao(env, "worker", "--batch", "--interval", "0", "--queues", "render")
        assert worker.returncode == 0, worker.stderr
        assert len(list(cache.glob("??/*.pdf"))) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["prerender", "--formats", "odt"], "格式只能是 pdf、docx、html、txt"),
        (["prerender", "--processes", "0"], "--processes 不能小于 1"),
        (["worker", "--nice", "30"], "--nice 应在 0 到 19 之间"),
    ],
)
def test_bad_options_are_refused_with_the_reason(tmp_path: Path, args: list[str], message: str):
    env = {"JIYAO_DATA_DIR": str(tmp_path / "data")}
    done = jiyao({**_plain_env(), **env}, *args)
    assert done.returncode == 2
    assert message in done.stderr


def test_a_bad_prerender_setting_stops_the_start_with_its_name(tmp_path: Path):
    env = {**_plain_env(), "JIYAO_DATA_DIR": str(tmp_path / "data"), "JIYAO_PRERENDER": "pdf,odt"}
    done = jiyao(env, "prerender")
    assert done.returncode != 0
    assert "JIYAO_PRERENDER" in done.stderr and "odt" in done.stderr
    assert "Traceback" not in done.stderr


def _plain_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith(("JIYAO_", "DJANGO_"))}
