"""``checkpoint-desk scan`` and ``cameras``: codes found, bad input reported in one line."""

from __future__ import annotations

import json
import struct
import sys
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from checkpoint_desk.cli import main
from checkpoint_desk.scanner.camera import list_cameras
from checkpoint_desk.scanner.demo_feed import qr_image
from tests.scanner.test_pipeline import write_video


def _png_header_only(path: Path, width: int, height: int) -> None:
    """A PNG that says it is ``width``×``height`` (decoding it would need gigabytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def _code_png(path: Path, text: str) -> None:
    cv2.imwrite(str(path), np.pad(qr_image(text, box=4), 20, constant_values=200))


def test_scan_images_and_folders_as_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "codes"
    folder.mkdir()
    _code_png(folder / "a.png", "CKH1:ALPHA")
    _code_png(folder / "b.png", "健康码 绿码")
    single = tmp_path / "c.png"
    _code_png(single, "CKP1:GAMMA")
    assert main(["scan", str(folder), str(single), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(Path(x["file"]).name, x["frame"], x["text"]) for x in lines] == [
        ("a.png", 0, "CKH1:ALPHA"),
        ("b.png", 0, "健康码 绿码"),
        ("c.png", 0, "CKP1:GAMMA"),
    ]
    assert all(x["decoder"] and x["ms"] >= 0 for x in lines)


def test_scan_video_reports_each_code_once_with_its_first_frame(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    video = tmp_path / "clip.avi"
    write_video(video, [None] * 5 + ["CKT1:TRAVEL"] * 20 + [None] * 3)
    assert main(["scan", str(video), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["frame"], x["text"]) for x in lines] == [(5, "CKT1:TRAVEL")]


def test_bad_inputs_get_one_line_each_and_the_good_one_still_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.png"
    _png_header_only(huge, 20000, 20000)
    video = tmp_path / "broken.avi"
    video.write_bytes(b"RIFF\x10\x00\x00\x00AVI LIST" + bytes(200))
    not_images = tmp_path / "notes"
    not_images.mkdir()
    (not_images / "readme.txt").write_text("hello")
    fake = tmp_path / "fake.jpg"
    fake.write_text("not a jpeg")
    good = tmp_path / "good.png"
    _code_png(good, "CKH1:GOOD")
    paths = [empty, huge, video, not_images, fake, good]
    assert main(["scan", *map(str, paths), "--json"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["text"] for line in captured.out.splitlines()] == ["CKH1:GOOD"]
    errors = captured.err.splitlines()
    assert len(errors) == 5
    assert "empty" in errors[0]
    assert "too large" in errors[1]
    assert "broken.avi" in errors[2]
    assert "no images" in errors[3]
    assert "not an image" in errors[4]
    assert "Traceback" not in captured.err


def test_nothing_readable_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    assert main(["scan", str(empty), str(tmp_path / "missing.png")]) != 0
    err = capsys.readouterr().err
    assert "nothing could be read" in err and "no such file" in err


def test_messages_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    assert main(["scan", str(empty), "--lang", "zh_CN"]) != 0
    assert "文件为空" in capsys.readouterr().err


def test_cameras_lists_without_hanging(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cameras", "--json"]) == 0
    for line in capsys.readouterr().out.splitlines():
        assert set(json.loads(line)) == {"device", "name", "works"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="probes /dev/video* on Linux")
def test_device_nodes_that_are_not_cameras_are_listed_as_not_working(tmp_path: Path) -> None:
    for name in ("video10", "video2", "video0"):
        (tmp_path / name).write_bytes(b"")
    cameras = list_cameras(dev=tmp_path, timeout_s=5.0)
    assert [Path(str(c.device)).name for c in cameras] == ["video0", "video2", "video10"]
    assert not any(c.works for c in cameras)


def test_scan_gives_the_reading_of_each_demo_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo-codes"
    data = ["--data-dir", str(tmp_path / "desk")]
    assert main(["demo-codes", "--out", str(out), *data]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    capsys.readouterr()
    assert main(["scan", str(out), "--demo", "--json", *data]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_file = {Path(x["file"]).name: x for x in lines}
    assert len(by_file) == len(manifest["codes"])
    for code in manifest["codes"]:
        found = by_file[code["file"]]
        assert found["text"] == code["text"]
        assert found["status"] == code["expected_status"], code["name"]
        assert {"scheme", "verified", "reasons", "subject", "frame", "decoder", "ms"} <= set(found)
