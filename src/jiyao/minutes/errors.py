"""The core's errors: one family, each message naming the input and the reason.

Callers catch :class:`MinutesError` to report any failure of the core as one line;
nothing else the core raises is expected (anything else is a bug).
"""

from __future__ import annotations


class MinutesError(Exception):
    """Base of every error the core raises on purpose. ``str(e)`` is user-facing."""


class ReadError(MinutesError):
    """A file could not be turned into text (encoding, format, size, no text layer …)."""


class ParseError(MinutesError):
    """A text could not be parsed at all (a text that is merely not minutes is not an error:
    it gives a record with warnings)."""


class RecordError(MinutesError):
    """A record (usually JSON from outside) does not follow the contract; names the field."""


class ComposeError(MinutesError):
    """A record could not be rendered to the requested format."""


#: The operating system's reasons (errno) in Chinese; its own texts are English.
_OS_REASONS = {
    "ENOENT": "没有这个文件或文件夹",
    "EACCES": "没有权限",
    "EPERM": "不允许的操作",
    "ENOSPC": "磁盘空间不足",
    "EDQUOT": "超出磁盘配额",
    "EISDIR": "是文件夹",
    "ENOTDIR": "路径中有一段不是文件夹",
    "EROFS": "只读文件系统",
    "ENAMETOOLONG": "文件名过长",
    "ELOOP": "符号链接层数过多",
    "EIO": "读写出错",
    "EEXIST": "已经存在",
    "EBUSY": "正被占用",
    "EMFILE": "打开的文件过多",
    "EXDEV": "不能跨文件系统移动",
    "ECONNREFUSED": "连接被拒绝",
    "ETIMEDOUT": "连接超时",
    "EHOSTUNREACH": "主机不可达",
    "ENETUNREACH": "网络不可达",
}


def os_reason(exc: BaseException) -> str:
    """Why an operating-system call failed, in Chinese (the errno's name when unknown)."""
    import errno

    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    if name:
        return f"系统错误 {name}"
    return f"系统错误 {type(exc).__name__}"
