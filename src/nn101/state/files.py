"""Writing and reading the user's files so that a crash never costs them their work.

A save goes to a temporary file in the same folder, is flushed and fsync'ed, and only then
renamed over the old file (`os.replace` is atomic on one file system): a save killed
half-way leaves the old file as it was. Only a regular file (or a new name) is written:
a device (/dev/null, /dev/full, a terminal), a FIFO, a socket or a folder is refused before
anything is written, since the rename would replace it with a plain file. A symbolic link
to a regular file is followed: the file it points to is replaced, the link stays.

Temporary files are named `.NAME.<8 hex digits>.nn101.tmp` (NAME cut so the whole name fits in
255 bytes). A save that is killed (SIGKILL, power loss) cannot remove its own; the next
save into that folder removes such files left more than STALE_SECONDS ago. (O_TMPFILE +
linkat would leave nothing, but it is Linux-only, missing on some file systems, and still
needs a named step to replace a file atomically.)

Reads are bounded: the file is opened without blocking (a FIFO with no writer cannot hang
the read), must be a regular file, and its size is checked before a byte is read; at most
`limit` + 1 bytes are ever read.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from pathlib import Path

from nn101.engine.errors import EngineError

MAX_READ_BYTES = 64 * 1024 * 1024
"""Largest file `read_text` accepts (a session or trace far past what the app makes; a
disk image not). Reading never holds more than this + 1 bytes, and their text."""
MAX_NAME_BYTES = 255
"""Longest file name (one path component) on the usual file systems."""
STALE_SECONDS = 15 * 60
"""A temporary file of ours older than this is a save that was killed: removed."""
TMP_SUFFIX = ".nn101.tmp"
_TOKEN = re.compile(r"\.[0-9a-f]{8}(?:\.nn101)?\.tmp\Z")


class FileError(EngineError):
    """A file that cannot be written or read, or whose content is refused."""


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def _refuse_null(path: Path, verb: str) -> None:
    """The OS cannot take a name with a null character (os calls raise ValueError)."""
    if "\x00" in str(path):
        raise FileError(f"cannot {verb} that file: a file name cannot hold a null character")


def kind(mode: int) -> str:
    """What a file that is not a regular file is, in a user's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a device (character special file)"
    if stat.S_ISBLK(mode):
        return "a device (block special file)"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_writable(path: str | os.PathLike[str]) -> Path:
    """The file a save would replace (a link followed), or FileError saying why it cannot
    be written: a null character, a missing folder, or an existing thing that is not a
    regular file. Cheap: call it before long work, so the work is not lost to a typo."""
    target = Path(path)
    _refuse_null(target, "write")
    try:
        if target.is_symlink():
            target = Path(os.path.realpath(target))
        folder = target.parent
        try:
            mode: int | None = os.stat(target).st_mode
        except (FileNotFoundError, NotADirectoryError):
            mode = None
        folder_exists = folder.is_dir()
    except OSError as err:  # a name too long, a loop of links, no permission
        raise FileError(f"cannot write {target}: {_reason(err)}") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise FileError(f"cannot write {target}: it is {kind(mode)}; only a regular file "
                        "or a new name can be written")
    if mode is None and not folder_exists:
        what = "is not a folder" if folder.exists() else "does not exist"
        raise FileError(f"cannot write {target}: folder {folder} {what}")
    return target


def temporary_name(name: str, token: str) -> str:
    """`.NAME.TOKEN.nn101.tmp`, NAME cut (on a character boundary) so the whole name fits
    in MAX_NAME_BYTES: a legal 254-byte name gets a legal temporary name beside it."""
    room = MAX_NAME_BYTES - len(f"..{token}{TMP_SUFFIX}".encode())
    stem = name[:room]  # every character takes a byte at least
    while len(os.fsencode(stem)) > room:
        stem = stem[:-1]
    return f".{stem}.{token}{TMP_SUFFIX}"


def _is_temporary_of(entry: str, name: str) -> bool:
    """Whether `entry` is a temporary file a save of `name` makes (this version's
    `.NAME.<8 hex digits>.nn101.tmp`, NAME maybe cut, or the previous
    `.NAME.<8 hex digits>.tmp`)."""
    token = _TOKEN.search(entry)
    if token is None or not entry.startswith("."):
        return False
    stem = entry[1:token.start()]
    if token.group().endswith(TMP_SUFFIX):
        return stem == temporary_name(name, "00000000")[1:-len(".00000000" + TMP_SUFFIX)]
    return stem == name


def remove_stale_temporaries(folder: Path, name: str, now: float | None = None) -> list[Path]:
    """Remove the temporary files of saves of `name` in `folder` that were killed (left over
    STALE_SECONDS ago; a save in progress is younger), best effort. Returns what went."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _is_temporary_of(entry.name, name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Replace `path` with `text` in one step: either the new file or the old one, never half.

    Only a regular file or a new name is written (see `check_writable`). The temporary file
    is created with the usual permissions (the umask applies) and takes the old file's mode
    if there was one; it is removed again whatever goes wrong, even on KeyboardInterrupt
    (which is re-raised). OSError becomes FileError with the reason.
    """
    target = check_writable(path)
    folder = target.parent
    data = text.encode("utf-8", "backslashreplace")  # a lone surrogate: never a crash
    remove_stale_temporaries(folder, target.name)
    tmp = folder / temporary_name(target.name, secrets.token_hex(4))
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o666)
    except OSError as err:
        raise FileError(f"cannot write {target}: {_reason(err)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise FileError(f"cannot write {target}: {_reason(err)}") from None
        raise
    _sync_folder(folder)
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_READ_BYTES) -> bytearray:
    """The file's bytes, at most `limit`; FileError says why it cannot be read.

    Opened with O_NONBLOCK (a FIFO with no writer opens at once instead of hanging) and
    O_NOCTTY, then fstat'ed: anything but a regular file is refused, and so is a file
    larger than `limit`, before a byte is read. The bytes go straight into one buffer of
    the file's size (no second copy); a file that grows while it is read is cut at `limit`
    + 1 bytes and refused.
    """
    source = Path(path)
    _refuse_null(source, "read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | \
        getattr(os, "O_CLOEXEC", 0)
    try:
        # stat first: opening a socket fails with "No such device or address", and opening
        # some devices has effects (a tape rewinds); fstat below settles any race.
        mode = os.stat(source).st_mode
        if not stat.S_ISREG(mode):
            raise FileError(f"cannot read {source}: it is {kind(mode)}, not a file")
        fd = os.open(source, flags)
    except OSError as err:
        raise FileError(f"cannot read {source}: {_reason(err)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileError(f"cannot read {source}: it is {kind(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise FileError(f"{source}: too large ({info.st_size:,} bytes; the limit is "
                            f"{_size(limit)})")
        data = bytearray(info.st_size + 1)  # one more: a file that grew shows it
        got = _read_into(fd, data)
        while got == len(data) and got <= limit:  # it grew (or /proc, whose size says 0)
            data.extend(bytes(min(len(data), limit + 1 - got)))
            got += _read_into(fd, memoryview(data)[got:])
        del data[got:]
    except OSError as err:
        raise FileError(f"cannot read {source}: {_reason(err)}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileError(f"{source}: too large (over {_size(limit)})")
    return data


def _read_into(fd: int, buffer: bytearray | memoryview) -> int:
    """Fill `buffer` from `fd` until it is full or the file ends; how many bytes came."""
    view = memoryview(buffer)
    got = 0
    while got < len(view):
        n = os.readv(fd, [view[got:]])
        if n == 0:
            break
        got += n
    return got


def _size(limit: int) -> str:
    mib = limit / (1024 * 1024)
    return f"{mib:g} MiB" if mib >= 1 else f"{limit:,} bytes"


def read_text(path: str | os.PathLike[str], limit: int = MAX_READ_BYTES) -> str:
    """The file's text (UTF-8, a leading BOM allowed); FileError says why it cannot be read."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FileError(f"{path}: not UTF-8 text (bad byte at offset {err.start})") from None
