"""The fonts: official names map to free faces, for fontconfig and for the PDF renderer."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import typst

from jiyao.minutes.compose.fonts import FREE, OFFICIAL, font_dirs

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "scripts/fontconfig/65-jiyao-official-fonts.conf"

#: The free family fontconfig must pick for each official name (docs/domain.md §2.8).
EXPECTED = {
    "仿宋_GB2312": "FandolFang",
    "楷体_GB2312": "FandolKai",
    "黑体": "FandolHei",
    "宋体": "FandolSong",
    "方正小标宋简体": "FandolSong",
}


def test_the_fontconfig_file_names_every_official_font() -> None:
    root = ET.parse(CONF).getroot()
    named = {f.text for f in root.iter("family")} | {s.text for s in root.iter("string")}
    assert set(OFFICIAL.values()) <= named
    for alias in root.iter("alias"):
        prefer = [f.text or "" for f in alias.iterfind("prefer/family")]
        assert prefer[0].startswith("Fandol") and prefer[1].startswith("Noto"), prefer


@pytest.mark.skipif(
    shutil.which("fc-match") is None or not Path("/etc/fonts/conf.d", CONF.name).exists(),
    reason="fontconfig file not installed (scripts/setup installs it)",
)
@pytest.mark.parametrize(("official", "free"), sorted(EXPECTED.items()))
def test_fontconfig_resolves_official_names_to_fandol(official: str, free: str) -> None:
    done = subprocess.run(
        ["fc-match", "--format=%{family}\n", official], capture_output=True, text=True, check=True
    )
    assert free in done.stdout.split("\n")[0].split(","), done.stdout


@pytest.mark.skipif(not font_dirs(), reason="fonts not installed (scripts/setup installs them)")
def test_every_face_the_pdf_asks_for_is_installed() -> None:
    families = set(typst.Fonts(include_system_fonts=False, font_paths=font_dirs()).families())
    wanted = {face for chain in FREE.values() for face in chain}
    assert wanted <= families, wanted - families
