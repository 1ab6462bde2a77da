"""Writing a composed document without ever leaving a half-written file.

The bytes go to a temporary file in the target's directory (same file system, so the
rename is atomic), are flushed to disk, and the temporary file is renamed over the target.
On any failure the temporary file is removed and the target is untouched. The document
gets the mode any new file of the user gets (0666 less the umask).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from jiyao.minutes.errors import ComposeError, os_reason


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would, racing threads)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` (str as UTF-8) to ``path`` atomically; ComposeError names the path."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ComposeError(f"{target}: 无法写入（{os_reason(exc)}）") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it 0600; a document is shared
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ComposeError(f"{target}: 无法写入（{os_reason(exc)}）") from None
        raise
