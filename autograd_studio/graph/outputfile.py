"""Writing any output file (a graph, an exported script, a picture) so that nothing is lost.

:func:`write_output` is what every writer calls.  A regular file (or a new one) is replaced
atomically: the bytes go to a temporary file beside it, are flushed to disk, and the
temporary file is renamed over the target, so a reader sees the old file or the new one,
never half of one, and a full disk leaves the old file whole.

Streams are written in place instead: a character device or a FIFO (``-o /dev/null``,
``-o /dev/stdout`` on a terminal, a named pipe) and any path under ``/dev`` or ``/proc``
(``/dev/stdout`` redirected to a file, ``/dev/fd/3``).  Renaming a regular file over them
would replace the device node itself (as root, the system's ``/dev/null``) or the file a
shell redirected to, which is never what ``-o /dev/stdout`` means; there is nothing to keep
whole in a stream anyway.  Block devices, sockets and directories are refused with a clear
message: writing a graph onto a disk is never what the user meant.

Temporary files are named ``.<name>.<tag>.<random>.agtmp`` and are locked while they are
written, so a save that was killed half-way leaves a file that the next save or open of the
same target recognises as stale (ours, named for this target, unlocked) and removes.  The
name is kept within the file system's 255-byte limit however long the target's name is.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import stat

__all__ = [
    "MAX_NAME_BYTES",
    "NotAFileError",
    "remove_stale_temps",
    "temp_name",
    "write_atomically",
    "write_output",
]

#: The longest file name (in bytes) on the file systems we care about.
MAX_NAME_BYTES = 255
_SUFFIX = ".agtmp"
_STREAM_DIRS = ("/dev/", "/proc/")

try:  # POSIX: a lock tells a temp file being written from one a killed save left behind
    import fcntl
except ImportError:  # pragma: no cover - Windows: age decides instead
    fcntl = None  # type: ignore[assignment]

#: Without locks (Windows), a temp file older than this is taken to be stale.
_STALE_AFTER_SECONDS = 600.0


class NotAFileError(OSError):
    """The output path is something a file must not replace (a block device, a socket)."""


def write_output(path: str | os.PathLike[str], payload: bytes) -> None:
    """Write *payload* to *path*: atomically for files, in place for streams (see above).

    Symlinks are written through (the link stays a link).  Raises :class:`OSError` (with a
    readable ``strerror``) when it cannot write; the old file is then untouched.
    """
    name = os.fspath(path)
    if _is_stream(name):
        _write_in_place(name, payload)
        return
    write_atomically(os.path.realpath(name), payload)


def _is_stream(name: str) -> bool:
    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError:
        return False
    except OSError:
        return False  # let the write itself report it
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    if stat.S_ISDIR(mode):
        raise NotAFileError(errno.EISDIR, "is a directory", name)
    if not stat.S_ISREG(mode):
        kind = "a block device" if stat.S_ISBLK(mode) else "a socket or special file"
        raise NotAFileError(errno.EINVAL, f"is {kind}, not a file; nothing was written", name)
    # /dev/stdout redirected to a file: the path names the shell's open file, not a place
    absolute = os.path.abspath(name)
    return absolute.startswith(_STREAM_DIRS)


def _write_in_place(name: str, payload: bytes) -> None:
    # O_APPEND: "cmd >> log" keeps the log; after "cmd > out" the file is empty anyway.
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0)
    fd = os.open(name, flags)
    try:
        _write_all(fd, payload)
    finally:
        os.close(fd)


def temp_name(target_name: str, token: str) -> str:
    """The temporary file name for a target file named *target_name* (a base name).

    ``.<name>.<tag>.<token>.agtmp`` where *tag* is a short hash of the whole name, so that
    two long names cut to the same prefix still get temps that tell them apart, and the
    whole stays within :data:`MAX_NAME_BYTES`.
    """
    tag = hashlib.sha1(target_name.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    tail = f".{tag}.{token}{_SUFFIX}"
    room = MAX_NAME_BYTES - 1 - len(tail.encode())
    return "." + _cut_to_bytes(target_name, room) + tail


def _cut_to_bytes(text: str, limit: int) -> str:
    raw = text.encode("utf-8", "surrogateescape")
    if len(raw) <= limit:
        return text
    return raw[:limit].decode("utf-8", "ignore")  # never half a character


def _temp_pattern(target_name: str) -> re.Pattern[str]:
    prefix = temp_name(target_name, "TOKEN").removesuffix(f"TOKEN{_SUFFIX}")
    return re.compile(re.escape(prefix) + r"[0-9a-f]{8}" + re.escape(_SUFFIX) + r"\Z")


def remove_stale_temps(target: str | os.PathLike[str]) -> list[str]:
    """Remove the temporary files a killed save of *target* left behind; return their paths.

    Only files named as :func:`temp_name` names them for this very target are touched, and
    only when no save is writing them now (they are unlocked; without locks, old).  Errors
    are ignored: this is housekeeping, and a read-only folder has nothing of ours to remove.
    """
    real = os.path.realpath(os.fspath(target))
    directory, base = os.path.split(real)
    pattern = _temp_pattern(base)
    removed = []
    try:
        names = os.listdir(directory or ".")
    except OSError:
        return removed
    for entry in names:
        if pattern.match(entry):
            path = os.path.join(directory, entry)
            if _is_stale(path):
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    removed.append(path)
    return removed


def _is_stale(path: str) -> bool:
    try:
        if fcntl is None:  # pragma: no cover - Windows
            import time

            return time.time() - os.stat(path).st_mtime > _STALE_AFTER_SECONDS
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a save is writing it right now
    finally:
        os.close(fd)
    return True


def write_atomically(target: str, payload: bytes) -> None:
    """Replace the regular file *target* with *payload*; no reader sees a half-written file.

    The bytes go to a temporary file in the same directory (same file system, so the
    rename is atomic), are flushed to disk, and the temporary file is renamed over
    *target*.  If anything fails the old file is untouched and the temporary one removed.
    The file keeps the old file's permissions (new files get the umask's).  Stale temps of
    earlier, killed saves of *target* are removed first.
    """
    directory, base = os.path.split(target)
    remove_stale_temps(target)
    try:
        mode = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    temp = os.path.join(directory, temp_name(base, secrets.token_hex(4)))
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)  # ours until renamed: never taken for stale
            _write_all(fd, payload)
            os.fsync(fd)
            if mode is not None:
                os.chmod(temp, mode)
            if fcntl is None:  # pragma: no cover - Windows cannot rename an open file
                os.close(fd)
                fd = -1
            os.replace(temp, target)
        finally:
            if fd >= 0:
                os.close(fd)
    except BaseException:
        _remove_quietly(temp)
        raise
    _sync_directory(directory)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_directory(directory: str) -> None:
    # Make the rename itself durable (POSIX); harmless to skip where directories can't open.
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
