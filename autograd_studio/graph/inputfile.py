"""Reading a file we are asked to open, with guards on what it is and how big it is.

A FIFO named ``model.agraph`` would block the reader forever, a symlink to ``/dev/zero``
grows until memory runs out, and a multi-gigabyte file takes minutes and gigabytes to parse:
each of those gets a clear :class:`GraphFileError` instead.  The size limit is
:data:`DEFAULT_MAX_BYTES` unless the caller passes its own (the editor's setting) or the
environment sets ``AUTOGRAD_STUDIO_MAX_FILE_MB``.
"""

from __future__ import annotations

import os
import stat

from autograd_studio.graph.errors import GraphFileError
from autograd_studio.messages import Message

__all__ = ["DEFAULT_MAX_BYTES", "MAX_FILE_ENV", "max_file_bytes", "read_guarded"]

#: 512 MB: sixty times the 65,818-node demo (8.5 MB); a file this big already takes minutes.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
#: The environment variable that overrides :data:`DEFAULT_MAX_BYTES` (in megabytes).
MAX_FILE_ENV = "AUTOGRAD_STUDIO_MAX_FILE_MB"

_CHUNK = 1 << 20


def max_file_bytes(preferred: int | None = None) -> int:
    """The size limit for reading files: the environment's (``AUTOGRAD_STUDIO_MAX_FILE_MB``
    wins, so a script or test can always set it), else *preferred* (the editor's
    preference), else :data:`DEFAULT_MAX_BYTES`."""
    text = os.environ.get(MAX_FILE_ENV, "").strip()
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = 0.0
    if megabytes > 0:
        return int(megabytes * 1024 * 1024)
    return preferred if preferred is not None and preferred > 0 else DEFAULT_MAX_BYTES


def read_guarded(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file *path*, at most *max_bytes* of them.

    Raises :class:`GraphFileError` (naming the file) for anything else: a missing or
    unreadable file, a directory, FIFO, device or socket (also behind a symlink), or a file
    over the limit.  The kind is checked on the opened file, so nothing can swap it in
    between, and the open never blocks on a FIFO.
    """
    name = os.fspath(path)
    limit = max_file_bytes() if max_bytes is None else max_bytes
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(name, flags)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise GraphFileError(Message("cannot-read", name, reason), name) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # what reading it would have said (EISDIR)
            raise GraphFileError(Message("cannot-read", name, "Is a directory"), name)
        if not stat.S_ISREG(info.st_mode):
            raise GraphFileError(Message("not-a-file", name, _kind(info.st_mode)), name)
        if info.st_size > limit:
            raise _too_big(name, info.st_size, limit)
        return _read_up_to(fd, name, limit)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise GraphFileError(Message("cannot-read", name, reason), name) from None
    finally:
        os.close(fd)


def _read_up_to(fd: int, name: str, limit: int) -> bytes:
    # The size can lie (a file still growing, /proc): stop one byte past the limit.
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    parts, total = [], 0
    while True:
        part = os.read(fd, min(_CHUNK, limit + 1 - total))
        if not part:
            return b"".join(parts)
        parts.append(part)
        total += len(part)
        if total > limit:
            raise _too_big(name, None, limit)


def _too_big(name: str, size: int | None, limit: int) -> GraphFileError:
    if size is None:
        message = Message("too-big", name, _megabytes(limit), MAX_FILE_ENV)
    else:
        message = Message("too-big-size", name, _megabytes(size), _megabytes(limit), MAX_FILE_ENV)
    return GraphFileError(message, name)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f} MB"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
