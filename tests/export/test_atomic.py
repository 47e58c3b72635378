"""A missing, read-only or full export folder: a clear message and no half-written file."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from checkpoint_desk import atomic_write
from checkpoint_desk.export import atomic
from checkpoint_desk.export.errors import ExportFolderError
from checkpoint_desk.services.ledger_export import export_day
from tests.export.conftest import DAY, Day
from tests.export.factories import make_visit


def _mount_tmpfs(where: Path, options: str) -> bool:
    """Mount a small tmpfs at ``where`` (root only); False when not possible here."""
    if os.geteuid() != 0:
        return False
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB file system, or skip where mounting is not allowed."""
    where = tmp_path / "usb"
    if not _mount_tmpfs(where, "size=64k"):
        pytest.skip("cannot mount a tmpfs here (needs root); the patched-write test covers ENOSPC")
    yield where
    subprocess.run(["umount", str(where)], check=True)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A read-only file system as root, else a folder without write permission."""
    where = tmp_path / "ro"
    if _mount_tmpfs(where, "ro,size=64k"):
        yield where
        subprocess.run(["umount", str(where)], check=True)
        return
    where.mkdir(exist_ok=True)
    where.chmod(0o500)
    yield where
    where.chmod(0o700)


def test_missing_folder(busy_day: Day, tmp_path: Path) -> None:
    with pytest.raises(ExportFolderError, match="does not exist"):
        export_day(busy_day.engine, day=DAY, fmt="csv", out_dir=tmp_path / "no-usb")
    assert not (tmp_path / "no-usb").exists()


def test_read_only_folder(busy_day: Day, read_only_folder: Path) -> None:
    with pytest.raises(ExportFolderError, match="not writable"):
        export_day(busy_day.engine, day=DAY, fmt="xlsx", out_dir=read_only_folder)
    assert list(read_only_folder.iterdir()) == []


def test_full_disk_leaves_nothing(busy_day: Day, tiny_disk: Path) -> None:
    for i in range(400):
        make_visit(
            busy_day.engine,
            busy_day.station,
            at=busy_day.morning.opened_at.replace(minute=i % 60, second=i // 60),
            note="很长的备注" * 20,
        )
    with pytest.raises(ExportFolderError, match="is full") as caught:
        export_day(busy_day.engine, day=DAY, fmt="csv", out_dir=tiny_disk)
    assert "nothing was written" in str(caught.value)
    assert list(tiny_disk.iterdir()) == []


def test_disk_filling_up_mid_write_leaves_nothing(
    busy_day: Day, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC raised at the edge (the write of the bytes), as a full USB stick would."""
    real_write = os.write
    calls = {"n": 0}

    def write_then_fail(fd: int, data: bytes | memoryview) -> int:
        calls["n"] += 1
        if calls["n"] > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, bytes(data)[:100])  # a partial write first

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(atomic_write.os, "write", write_then_fail)
    with pytest.raises(ExportFolderError, match="is full"):
        export_day(busy_day.engine, day=DAY, fmt="xlsx", out_dir=out)
    assert list(out.iterdir()) == []


def test_failed_manifest_removes_the_export(
    busy_day: Day, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = atomic.write_file_atomic

    def fail_on_manifest(target: Path, data: bytes) -> None:
        if target.name.endswith(".manifest.json"):
            raise ExportFolderError("full")
        real(target, data)

    monkeypatch.setattr(
        "checkpoint_desk.services.ledger_export.write_file_atomic", fail_on_manifest
    )
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportFolderError):
        export_day(busy_day.engine, day=DAY, fmt="csv", out_dir=out)
    assert list(out.iterdir()) == []


def test_a_file_in_place_of_the_folder(busy_day: Day, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with pytest.raises(ExportFolderError, match="not a folder"):
        export_day(busy_day.engine, day=DAY, fmt="pdf", out_dir=not_a_folder)
