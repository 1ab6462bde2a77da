"""Uploaded files written by tests stay out of the repository tree."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

ROOT = Path(__file__).resolve().parents[2]


def test_a_file_stored_by_a_test_without_its_own_media_root_lands_outside_the_repository():
    from jiyao.uploads import upload_storage

    storage = upload_storage()
    name = storage.save(f"followup/{dt.date.today():%Y/%m}/a.pdf", ContentFile(b"%PDF-1.4\n"))
    stored = Path(storage.path(name)).resolve()
    assert stored.is_file()
    assert not stored.is_relative_to(ROOT)


@pytest.mark.parametrize("folder", ["followup", "topics", "checks", "uploads"])
def test_the_repository_holds_no_folder_of_uploaded_files_at_its_root(folder):
    tracked = subprocess.run(
        ["git", "ls-files", "--", folder], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert tracked == ""
