"""Font names: the official faces written into documents, the free faces used to render.

Offices' Word and WPS have the commercial faces GB/T 9704 templates name (方正小标宋简体,
仿宋_GB2312, 楷体_GB2312, 黑体, 宋体), so DOCX and HTML name those first. The server has
only free faces from Debian (docs/domain.md §2.8): the Fandol set from texlive-lang-chinese,
which lacks rarer name characters (堃 赟 喆 …), then Noto CJK from fonts-noto-cjk, which has
them. Each role is therefore a fallback chain: official name → Fandol → Noto. The same chains
are fontconfig aliases in scripts/fontconfig/ for anything that resolves fonts by name
(LibreOffice, browsers printing the HTML).
"""

from __future__ import annotations

import os
from pathlib import Path

#: Official font names per role, as Chinese government templates write them.
OFFICIAL: dict[str, str] = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "kai": "楷体_GB2312",
    "hei": "黑体",
    "song": "宋体",
}

#: Free faces per role, in fallback order (family names as Typst reports them).
FREE: dict[str, tuple[str, ...]] = {
    "title": ("FandolSong", "Noto Serif CJK SC"),
    "body": ("FandolFang R", "Noto Serif CJK SC"),
    "kai": ("FandolKai", "Noto Serif CJK SC"),
    "hei": ("FandolHei", "Noto Sans CJK SC"),
    "song": ("FandolSong", "Noto Serif CJK SC"),
}

#: CSS font-family lists: official names, their common aliases, then the free faces.
CSS: dict[str, str] = {
    "title": '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "FandolSong", "Noto Serif CJK SC", serif',
    "body": '"仿宋_GB2312", "仿宋", "FangSong", "FandolFang", "Noto Serif CJK SC", serif',
    "kai": '"楷体_GB2312", "楷体", "KaiTi", "FandolKai", "Noto Serif CJK SC", serif',
    "hei": '"黑体", "SimHei", "FandolHei", "Noto Sans CJK SC", sans-serif',
    "song": '"宋体", "SimSun", "FandolSong", "Noto Serif CJK SC", serif',
}

#: Where Debian puts the free faces; JIYAO_FONT_DIRS (os.pathsep-separated) adds more.
FONT_DIRS: tuple[str, ...] = (
    "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol",
    "/usr/share/fonts/opentype/noto",
)


def font_dirs() -> list[str]:
    """Existing font directories for the PDF renderer, extra ones first."""
    extra = [d for d in os.environ.get("JIYAO_FONT_DIRS", "").split(os.pathsep) if d]
    return [d for d in (*extra, *FONT_DIRS) if Path(d).is_dir()]
