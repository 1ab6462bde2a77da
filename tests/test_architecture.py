"""Rules of the architecture (shared/docs/architecture.md) that code review alone would miss."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "src" / "jiyao" / "minutes"


def test_nothing_under_jiyao_minutes_imports_django() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(CORE)}:{node.lineno} {n}"
                for n in names
                if n == "django" or n.startswith(("django.", "jiyao.archive", "jiyao.web"))
            ]
    assert offenders == []


def test_importing_the_core_loads_no_django_module() -> None:
    code = (
        "import sys, pkgutil, importlib, jiyao.minutes as m\n"
        "for info in pkgutil.walk_packages(m.__path__, 'jiyao.minutes.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(sorted(k for k in sys.modules if k == 'django' or k.startswith('django.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
