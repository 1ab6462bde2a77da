"""Rules of the architecture (shared/docs/architecture.md) that code review alone would miss."""

from __future__ import annotations

import ast
import re
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


#: The Django apps, lowest first: an app may import the ones before it, never one after.
APP_ORDER = ("archive", "accounts", "directory", "topics", "meetings", "followup")
#: The one upward import allowed: the archive reads the role names (pure constants and
#: predicates on a user) to decide who is an insider.
ALLOWED_UPWARD = {("archive", "jiyao.accounts.roles")}
SRC = CORE.parent


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # ``from jiyao import archive`` names the app in the imported names.
            if node.module == "jiyao":
                found += [(node.lineno, f"jiyao.{alias.name}") for alias in node.names]
    return found


def test_every_django_app_is_in_the_dependency_order() -> None:
    apps = {p.parent.name for p in SRC.glob("*/apps.py")}
    assert apps == set(APP_ORDER)


def test_no_app_imports_a_higher_app() -> None:
    offenders = []
    for rank, app in enumerate(APP_ORDER):
        higher = APP_ORDER[rank + 1 :]
        for path in sorted((SRC / app).rglob("*.py")):
            for line, module in _imported_modules(path):
                parts = module.split(".")
                if len(parts) < 2 or parts[0] != "jiyao" or parts[1] not in higher:
                    continue
                if (app, module) in ALLOWED_UPWARD:
                    continue
                offenders.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert offenders == []


def test_the_architecture_check_sees_an_upward_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from jiyao.archive import models\n"
        "def f():\n    from jiyao.accounts.access import x\n"
        "import jiyao.topics.models\n"
        "from jiyao import meetings\n",
        encoding="utf-8",
    )
    modules = sorted(m for _, m in _imported_modules(sample))
    assert modules == [
        "jiyao",
        "jiyao.accounts.access",
        "jiyao.archive",
        "jiyao.meetings",
        "jiyao.topics.models",
    ]


#: Where the vocabulary may be written: its home, and (until the topics app takes its
#: choices from there) the topics app's choice of the actions a topic may ask for.
VOCABULARY_ELSEWHERE = {"minutes/record.py", "topics/models.py"}


def test_vocabulary_labels_are_written_in_one_module_only() -> None:
    """The Chinese labels of actions, outcomes and attendance roles live beside their codes
    in jiyao.minutes.record; every other module takes them from there (the parser's
    written variants and the generator's sentences excepted: they are text, not labels)."""
    pairs = re.compile(
        r"""["'](?:convey|approved_in_principle|invited|observers?)["']\s*[:,]\s*["']"""
        r"""(?:传达学习|原则同意|应邀出席|列席)["']"""
        r"""|["'](?:传达学习|原则同意|应邀出席|列席)["']\s*[:,]\s*["']"""
        r"""(?:convey|approved_in_principle|invited|observers?)["']"""
    )
    inverted = re.compile(r"for\s+label\s*,\s*code\s+in\s+\w+_CODES")
    constants = re.compile(r"\((?:INVITED|OBSERVER)\s*,\s*[\"'](?:应邀出席|列席)[\"']\)")
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.as_posix() in VOCABULARY_ELSEWHERE or "migrations" in rel.parts:
            continue
        if rel.parts[:2] in (("minutes", "parse"), ("minutes", "generate")):
            continue
        text = path.read_text(encoding="utf-8")
        if pairs.search(text) or inverted.search(text) or constants.search(text):
            offenders.append(str(rel))
    assert offenders == []
