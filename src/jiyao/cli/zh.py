"""argparse in Simplified Chinese: the command line speaks one language, like the site.

argparse builds its own texts ("usage: ", "positional arguments", "the following
arguments are required: %s" …) through ``gettext`` at the moment it needs them, looking
the function up as the module globals ``argparse._`` and ``argparse.ngettext``.
:func:`install` replaces both with lookups in :data:`MESSAGES` (falling back to gettext
for a text not listed), so usage lines, section titles and usage errors come out in
Chinese. Only argparse's own messages are listed; the commands write their help texts
in Chinese themselves. Messages for programming errors (conflicting option strings …)
are left as they are: a user never sees them.

:class:`Parser` is the ``ArgumentParser`` every ``jiyao`` command uses: the error line
``jiyao parse: 缺少参数：文件（用 jiyao parse --help 查看用法）`` and exit status 2.
"""

from __future__ import annotations

import argparse
import gettext
import re
import unicodedata
from typing import Any

#: argparse's user-facing messages (Python 3.11) → Chinese.
MESSAGES: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "没有命令 %(parser_name)r（可用：%(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "the following arguments are required: %s": "缺少参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "expected one argument": "需要一个值",
    "expected at most one argument": "至多一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是：%(matches)s"
    ),
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r（可选：%(choices)s）"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s: %(message)s\n",
}

#: Type names argparse puts in "invalid %(type)s value" → what the value should be.
TYPE_NAMES: dict[str, str] = {"int": "整数", "float": "数字"}


_HEADING = re.compile(r"^(位置参数|选项|命令|操作|示例):$", re.MULTILINE)


def translate(message: str) -> str:
    return MESSAGES.get(message) or gettext.gettext(message)


def ntranslate(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return MESSAGES.get(chosen) or gettext.ngettext(singular, plural, n)


def install() -> None:
    """Make argparse speak Chinese (idempotent; affects every parser of this process)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = ntranslate  # type: ignore[attr-defined]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_CLOSING = frozenset("，。；：、）”’》」』！？")


def wrap(line: str, width: int) -> list[str]:
    """``line`` cut into lines of at most ``width`` columns (a CJK character takes two):
    Chinese breaks between any two characters, a run of ASCII (an option, a path) is
    kept whole, and no line starts with a closing punctuation mark."""
    out: list[str] = []
    current = ""
    for token in re.findall(r"[!-~]+ ?|\s|.", line):
        if not current or _width(current + token.rstrip()) <= width:
            current += token
        elif token in _CLOSING and len(current) > 1 and not current[-1].isspace():
            # A closing mark never starts a line: the character before it (and the
            # closing marks right before that) go along.
            cut = len(current) - 1
            while cut > 1 and current[cut] in _CLOSING:
                cut -= 1
            out.append(current[:cut].rstrip())
            current = current[cut:] + token
        else:
            out.append(current.rstrip())
            current = token.lstrip()
    if current.strip():
        out.append(current.rstrip())
    return out


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions wrapped by display width (CJK characters are two columns wide);
    the examples (示例) kept line by line as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("示例"):
            return super()._fill_text(text, width, indent)
        lines = [wrapped for line in text.splitlines() for wrapped in wrap(line, width) or [""]]
        return "\n".join(indent + line for line in lines)

    def _format_action(self, action: argparse.Action) -> str:
        # argparse pads an option's name by its length in characters; a Chinese metavar
        # (--government 政府) is wider on the screen: take the difference off the padding.
        text = super()._format_action(action)
        header = self._format_action_invocation(action)
        extra = _width(header) - len(header)
        prefix = " " * self._current_indent + header
        first, newline, rest = text.partition("\n")
        tail = first[len(prefix) :]
        if extra <= 0 or not first.startswith(prefix) or not tail.startswith("  "):
            return text
        spaces = len(tail) - len(tail.lstrip(" "))
        return prefix + " " * max(2, spaces - extra) + tail.lstrip(" ") + newline + rest

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(" ".join(text.split()), width) or [""]


class Parser(argparse.ArgumentParser):
    """The ``jiyao`` parser: Chinese help (section titles, ``-h``), usage errors on one
    line with exit status 2, help texts laid out as written (examples keep their lines)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        install()
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        # argparse ends section titles with an ASCII colon; Chinese takes the full-width one.
        return _HEADING.sub(r"\1：", super().format_help())

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message}（用 {self.prog} --help 查看用法）\n")

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # "invalid int value: 'x'" names Python's type; say what the value should be.
        try:
            return super()._get_value(action, arg_string)  # type: ignore[misc]
        except argparse.ArgumentError:
            kind = TYPE_NAMES.get(getattr(action.type, "__name__", ""))
            if kind is None:
                raise
            raise argparse.ArgumentError(action, f"{arg_string!r} 不是{kind}") from None
