"""Background tasks: the archive's task functions, and a real `jiyao worker` round trip
on the suite's database engine (SQLite, or PostgreSQL when JIYAO_DATABASE_URL says so)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fresh_db import EXAMPLE, fresh_env, jiyao, python, write_minutes


def _files(tmp_path: Path, n: int) -> list[str]:
    folder = tmp_path / "uploads"
    paths = write_minutes(folder, n, seed=7)
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    return [*paths, str(empty)]


@pytest.mark.slow
def test_import_and_render_run_through_a_real_worker(tmp_path: Path) -> None:
    paths = [str(EXAMPLE), *_files(tmp_path, 3)]
    with fresh_env(tmp_path) as env:
        enqueue = (
            "from jiyao.archive.tasks import import_files\n"
            f"print(import_files.enqueue({paths!r}, government='象山县').id)\n"
        )
        task_id = python(env, enqueue).strip()
        done = jiyao(env, "worker", "--batch", "--interval", "0")
        assert done.returncode == 0, done.stderr
        check = (
            "import json\nfrom jiyao.archive.tasks import import_files\n"
            "from jiyao.archive.models import Meeting\n"
            f"r = import_files.get_result({task_id!r})\n"
            "print(json.dumps([str(r.status), r.return_value, Meeting.objects.count()]))\n"
        )
        status, summary, meetings = json.loads(python(env, check))
        assert status.endswith("SUCCESSFUL"), status
        assert summary["imported"] == 4 and meetings == 4
        assert [name for name, _reason in summary["failed"]] == [paths[-1]]
        assert len(summary["meetings"]) == 4
        # The import handed its meetings to the render queue, which the same worker ran.
        cache = Path(env["JIYAO_DATA_DIR"]) / "cache" / "render"
        assert len(list(cache.glob("??/*.pdf"))) == 4
        assert len(list(cache.glob("??/*.docx"))) == 4

        enqueue = (
            "from jiyao.archive.tasks import render_documents\n"
            f"print(render_documents.enqueue({summary['meetings']!r}).id)\n"
        )
        task_id = python(env, enqueue).strip()
        done = jiyao(env, "worker", "--batch", "--interval", "0", "--queues", "render")
        assert done.returncode == 0, done.stderr
        check = (
            "import json\nfrom jiyao.archive.tasks import render_documents\n"
            f"r = render_documents.get_result({task_id!r})\n"
            "print(json.dumps([str(r.status), r.return_value]))\n"
        )
        status, rendered = json.loads(python(env, check))
        assert status.endswith("SUCCESSFUL"), status
        assert rendered == {"rendered": 0, "cached": 8, "failed": []}


def test_import_files_reports_each_file_and_can_delete_the_uploads(db: Any, tmp_path: Path):
    from jiyao.archive.models import Meeting
    from jiyao.archive.tasks import import_files

    paths = _files(tmp_path, 2)
    summary = import_files.call(paths, government="测试县", delete_after=True)
    assert summary["imported"] == 2 and len(summary["failed"]) == 1
    assert Meeting.objects.count() == 2
    assert not any(Path(p).exists() for p in paths)


def test_import_files_refuses_a_bad_visibility_and_stores_nothing(db: Any, tmp_path: Path):
    from jiyao.archive.models import Meeting
    from jiyao.archive.tasks import import_files

    with pytest.raises(ValueError, match="visibility"):
        import_files.call([str(EXAMPLE)], visibility="secret")
    assert Meeting.objects.count() == 0


def test_render_documents_lists_a_missing_meeting_and_goes_on(db: Any, settings, tmp_path):
    from jiyao.archive.importer import Importer
    from jiyao.archive.tasks import render_documents

    settings.JIYAO_DATA_DIR = tmp_path
    pk = Importer().import_path(str(EXAMPLE)).meeting_id
    result = render_documents.call([pk, 999999], ["txt"])
    assert result == {"rendered": 1, "cached": 0, "failed": [[999999, "", "no such meeting"]]}
    assert render_documents.call([pk], ["txt"])["cached"] == 1
