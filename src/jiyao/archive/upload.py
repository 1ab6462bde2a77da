"""Upload minutes in the web (上传纪要): the secretariat's way to `jiyao import`.

One or many files, or .zip archives of them, go through the same importer as the
command line. A few files (:data:`AT_ONCE` or fewer) are imported while the page waits
and the summary is shown at once; more are stored under ``$JIYAO_DATA_DIR/uploads/``
and imported in the background by :func:`jiyao.archive.tasks.import_files` (`jiyao
worker` runs it), the page showing its progress until the summary is there. The summary
is the command line's, in Chinese (:mod:`jiyao.archive.report`). Only the secretariat
may upload (a visitor is sent to the login page, other roles get 403).
"""

from __future__ import annotations

import contextlib
import uuid
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render

from jiyao.archive.report import summary_counts
from jiyao.archive.review import _guard

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

#: Files imported while the page waits; more go to the background.
AT_ONCE = 20
#: Most files one upload may hold (after unpacking archives).
MAX_FILES = 2000
#: Largest total unpacked size of one upload.
MAX_TOTAL = 500 * 1024 * 1024
SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf")


class UploadRefused(ValueError):
    """An upload that cannot be taken; the message (Chinese) says why."""


def _store(files: list[Any], folder: Path) -> list[Path]:
    """Write the uploaded files (and the members of .zip archives) under ``folder``."""
    from jiyao.minutes.read import MAX_BYTES

    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    total = 0

    def add(name: str, data: bytes) -> None:
        nonlocal total
        total += len(data)
        if total > MAX_TOTAL or len(paths) >= MAX_FILES:
            raise UploadRefused(f"一次最多上传 {MAX_FILES} 个文件、共 {MAX_TOTAL >> 20} MB")
        # Keep the name a reader sees, not its folders (no path from the upload is used).
        safe = Path(name.replace("\\", "/")).name.strip() or "未命名.txt"
        path = folder / f"{len(paths) + 1:04d}-{safe}"
        path.write_bytes(data)
        paths.append(path)

    for upload in files:
        name = upload.name or "未命名"
        if upload.size > MAX_BYTES * 5 and not name.lower().endswith(".zip"):
            raise UploadRefused(f"{name}：文件过大，未上传")
        data = upload.read()
        if name.lower().endswith(".zip"):
            try:
                archive = zipfile.ZipFile(upload)
                members = [i for i in archive.infolist() if not i.is_dir()]
                for info in members:
                    if info.file_size > MAX_BYTES:
                        raise UploadRefused(f"{name}：其中的 {info.filename} 过大，未上传")
                    member = info.filename
                    if info.flag_bits & 0x800 == 0:  # not UTF-8: Chinese tools write GBK
                        with contextlib.suppress(UnicodeError):
                            member = member.encode("cp437").decode("gbk")
                    if member.lower().endswith(SUFFIXES) and "__MACOSX" not in member:
                        add(member, archive.read(info))
            except zipfile.BadZipFile:
                raise UploadRefused(f"{name}：不是有效的 zip 压缩包") from None
        else:
            add(name, data)
    if not paths:
        raise UploadRefused("没有可导入的文件（支持 txt、docx、html、pdf 及其 zip 压缩包）")
    return paths


def upload(request: HttpRequest) -> HttpResponse:
    """The upload form; on POST, import now (few files) or in the background."""
    refused = _guard(request)
    if refused is not None:
        return refused
    context: dict[str, Any] = {"at_once": AT_ONCE}
    if request.method != "POST":
        return render(request, "archive/upload.html", context)
    files = request.FILES.getlist("files")
    government = (request.POST.get("government") or "").strip() or None
    visibility = "internal" if request.POST.get("visibility") == "internal" else "public"
    force = request.POST.get("force") == "on"
    batch_id = uuid.uuid4().hex[:12]
    batch = (request.POST.get("batch") or "").strip()[:40] or f"网页上传 {batch_id[:6]}"
    folder = Path(settings.DATA_DIR) / "uploads" / batch_id
    try:
        if government is not None:
            government = _government(government)
        paths = _store(files, folder)
    except UploadRefused as exc:
        _remove(folder)
        context["error"] = str(exc)
        return render(request, "archive/upload.html", context, status=400)
    if len(paths) <= AT_ONCE:
        from jiyao.archive.importer import Importer, Input

        try:
            with Importer(
                government=government, visibility=visibility, batch=batch, force=force
            ) as importer:
                summary = importer.import_many([Input(name=str(p)) for p in paths])
        finally:
            _remove(folder)
        context["summary"] = _shown(summary, folder)
        return render(request, "archive/upload.html", context)
    from jiyao.archive.tasks import import_files

    key = f"jiyao-upload:{batch_id}"
    result = import_files.enqueue(
        [str(p) for p in paths],
        government=government,
        visibility=visibility,
        delete_after=True,
        batch=batch,
        force=force,
        progress_key=key,
    )
    cache.set(f"{key}:task", str(result.id), 7 * 24 * 3600)
    cache.set(key, [0, len(paths)], 7 * 24 * 3600)
    return redirect("archive:upload_progress", task_id=batch_id)


def progress(request: HttpRequest, task_id: str) -> HttpResponse:
    """A background upload: its progress while it runs, its summary when done."""
    from jiyao.archive.tasks import import_files

    if not (task_id.isascii() and task_id.isalnum() and len(task_id) <= 32):
        raise Http404("没有这次上传")
    refused = _guard(request)
    if refused is not None:
        return refused
    key = f"jiyao-upload:{task_id}"
    result_id = cache.get(f"{key}:task")
    if result_id is None:
        raise Http404("没有这次上传")
    try:
        result = import_files.get_result(result_id)
    except Exception:  # the task row was removed: the upload is gone
        raise Http404("没有这次上传") from None
    status = str(result.status).rsplit(".", 1)[-1]
    done, total = cache.get(key) or [0, 0]
    context: dict[str, Any] = {
        "done": done,
        "total": total,
        "running": status in ("READY", "RUNNING", "NEW"),
        "state": _STATES.get(status, status),
    }
    if status == "SUCCESSFUL":
        value = result.return_value
        folder = Path(settings.DATA_DIR) / "uploads" / task_id
        summary = SimpleNamespace(**{**value, "failed": [tuple(f) for f in value["failed"]]})
        context["summary"] = _shown(summary, folder)
    elif status == "FAILED":
        context["error"] = "导入任务失败，请稍后重试或联系管理员"
    return render(request, "archive/upload_progress.html", context)


_STATES = {"READY": "排队等候", "NEW": "排队等候", "RUNNING": "正在导入", "SUCCESSFUL": "已完成"}


def _shown(summary: Any, folder: Path) -> dict[str, Any]:
    """The summary for the page: counts, and failures named by the uploaded file."""
    prefix = str(folder) + "/"

    def original(name: str) -> str:
        short = name.removeprefix(prefix)
        return short[5:] if short[:4].isdigit() and short[4:5] == "-" else short

    failed = [(original(name), reason.replace(prefix, "")) for name, reason in summary.failed]
    return {"counts": summary_counts(summary), "failed": failed}


def _government(name: str) -> str:
    from jiyao.archive.importer import given_government
    from jiyao.archive.prepare import ImportFailure

    try:
        return given_government(name)
    except ImportFailure:
        raise UploadRefused(
            f"“{name}”不是有效的政府名称（应为 象山县 或 象山县人民政府）"
        ) from None


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
