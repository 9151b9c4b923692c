"""Round two on files: what is not a regular file is never written or read, sizes are
checked before reading, legal long names work, and killed saves leave nothing for good."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from nn101.state import files
from nn101.state.files import (
    MAX_NAME_BYTES,
    STALE_SECONDS,
    FileError,
    read_bytes,
    remove_stale_temporaries,
    temporary_name,
    write_text_atomic,
)
from nn101.state.session import MAX_MESSAGE, MAX_OBJECTS, Session, SessionError


@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_a_device_is_never_written(device: str) -> None:
    with pytest.raises(FileError, match="it is a device"):
        write_text_atomic(device, "x")  # /dev/full reported success before


def test_a_fifo_is_neither_written_nor_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(FileError, match="FIFO"):
        write_text_atomic(fifo, "x")
    with pytest.raises(FileError, match="FIFO"):
        read_bytes(fifo)  # no writer: blocked forever before
    assert [p.name for p in tmp_path.iterdir()] == ["fifo"]


def test_the_size_is_checked_before_a_byte_is_read(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(1000 + 1)  # sparse: no disk used

    def no_read(*_: object) -> int:
        raise AssertionError("read before the size was checked")

    monkeypatch.setattr(os, "readv", no_read)
    monkeypatch.setattr(os, "read", no_read)
    with pytest.raises(FileError, match="too large"):
        read_bytes(big, limit=1000)


def test_a_file_that_grows_past_the_limit_is_refused(tmp_path: Path) -> None:
    # /proc files say size 0 and are regular: the read still stops at limit + 1 bytes.
    path = Path("/proc/self/maps") if Path("/proc/self/maps").exists() else None
    if path is None:
        pytest.skip("no /proc")
    with pytest.raises(FileError, match="too large"):
        read_bytes(path, limit=10)
    assert len(read_bytes(path)) > 10


@pytest.mark.parametrize("name", ["a" * 254, "a" * 255, "é" * 127, "😀" * 63, "x"])
def test_the_temporary_name_fits_beside_a_legal_name(name: str) -> None:
    tmp = temporary_name(name, "0123abcd")
    assert len(os.fsencode(tmp)) <= MAX_NAME_BYTES
    assert tmp.startswith(".") and tmp.endswith(".0123abcd.nn101.tmp")
    tmp.encode("utf-8")  # cut on a character boundary


def test_a_254_character_name_saves(tmp_path: Path) -> None:
    target = tmp_path / ("s" * 249 + ".json")
    write_text_atomic(target, "{}")  # "File name too long" before (the temporary name)
    assert target.read_text() == "{}"


def test_a_killed_save_leaves_nothing_for_good(tmp_path: Path) -> None:
    target = tmp_path / "run.json"
    stale = tmp_path / temporary_name(target.name, "deadbeef")
    old_style = tmp_path / ".run.json.cafef00d.tmp"  # the previous version's name
    fresh = tmp_path / temporary_name(target.name, "0badcafe")  # a save in progress
    other = tmp_path / temporary_name("other.json", "abcdef01")  # another file's
    for path in (stale, old_style, fresh, other):
        path.write_text("half")
    long_ago = time.time() - STALE_SECONDS - 60
    for path in (stale, old_style, other):
        os.utime(path, (long_ago, long_ago))
    write_text_atomic(target, "new")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([target.name, fresh.name, other.name])


def test_stale_cleanup_ignores_what_is_not_ours(tmp_path: Path) -> None:
    for name in ("notes.tmp", ".x.tmp", ".run.json.xyz.tmp", "run.json"):
        (tmp_path / name).write_text("keep")
        os.utime(tmp_path / name, (0, 0))
    assert remove_stale_temporaries(tmp_path, "run.json") == []
    assert len(list(tmp_path.iterdir())) == 4


def test_a_huge_message_is_refused(tmp_path: Path) -> None:
    # a 50 MB message froze the app for 22 s when shown
    session = Session(None, "x*y", {"x": 1.0, "y": 2.0}, {"x": 1.0, "y": 2.0})
    session.message = "m" * (MAX_MESSAGE + 1)
    with pytest.raises(SessionError, match="message: 10,001 characters, over the limit"):
        Session.from_json(session.to_json())


def test_a_file_of_tiny_objects_is_refused_before_parsing(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    path = tmp_path / "tiny.json"
    path.write_text("[" + ",".join(["{}"] * (MAX_OBJECTS + 1)) + "]")

    def no_parse(*_: object, **__: object) -> object:
        raise AssertionError("parsed before the size was counted")

    monkeypatch.setattr("json.loads", no_parse)
    with pytest.raises(SessionError, match="objects"):
        Session.load(path)


def test_a_link_is_followed_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    files.write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
