"""Writing and reading the user's files so that a crash never costs them their work.

A save goes to a temporary file in the same folder, is flushed and fsync'ed, and only then
renamed over the old file (`os.replace` is atomic on one file system): a save killed
half-way leaves the old file as it was. Reads are bounded, so a huge or hostile file is
refused instead of filling memory.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from nn101.engine.errors import EngineError

MAX_READ_BYTES = 64 * 1024 * 1024
"""Largest file `read_text` accepts: a session of a million steps fits; a disk image not."""


class FileError(EngineError):
    """A file that cannot be written or read, or whose content is refused."""


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def _refuse_null(path: Path, verb: str) -> None:
    """The OS cannot take a name with a null character (os calls raise ValueError)."""
    if "\x00" in str(path):
        raise FileError(f"cannot {verb} that file: a file name cannot hold a null character")


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Replace `path` with `text` in one step: either the new file or the old one, never half.

    The temporary file is created with the usual permissions (the umask applies) and takes
    the old file's mode if there was one; it is removed again whatever goes wrong, even on
    KeyboardInterrupt (which is re-raised). OSError becomes FileError with the reason.
    """
    target = Path(path)
    folder = target.parent
    _refuse_null(target, "write")
    try:
        is_folder, folder_exists = target.is_dir(), folder.is_dir()
    except OSError as err:  # e.g. a name too long: pathlib lets that one through
        raise FileError(f"cannot write {target}: {_reason(err)}") from None
    if is_folder:
        raise FileError(f"cannot write {target}: it is a folder")
    if not folder_exists:
        raise FileError(f"cannot write {target}: folder {folder} does not exist")
    data = text.encode("utf-8")
    tmp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
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


def read_text(path: str | os.PathLike[str], limit: int = MAX_READ_BYTES) -> str:
    """The file's text (UTF-8, a leading BOM allowed); FileError says why it cannot be read."""
    source = Path(path)
    _refuse_null(source, "read")
    try:
        with open(source, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise FileError(f"cannot read {source}: {_reason(err)}") from None
    if len(data) > limit:
        raise FileError(f"{source}: too large (over {limit // (1024 * 1024)} MiB)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FileError(f"{source}: not UTF-8 text (bad byte at offset {err.start})") from None
