"""``checkpoint-desk export`` and ``export verify`` as a script would call them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from checkpoint_desk.cli import main
from checkpoint_desk.paths import DataDir
from tests.export.conftest import Day
from tests.export.conftest import busy_day as busy_day


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_then_verify(
    busy_day: Day, data_dir: DataDir, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        capsys, "export", "--day", "2026-11-28", "--format", "xlsx", "--out", str(tmp_path),
        "--data-dir", str(data_dir.root), "--json",
    )  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    assert result["rows"] == 6 and result["masked"] is True
    path = Path(result["path"])
    assert path.parent == tmp_path and Path(result["manifest"]).is_file()

    code, out, err = _run(capsys, "export", "verify", str(path), "--json")
    assert code == 0 and json.loads(out)["ok"] is True

    path.write_bytes(path.read_bytes() + b"\0")
    code, out, err = _run(capsys, "export", "verify", str(path), "--json")
    assert code != 0
    report = json.loads(out)
    assert report["ok"] is False and "hash_mismatch" in report["problems"]
    assert "not intact" in err and err.count("\n") == 1


def test_default_folder_and_text_output(
    busy_day: Day, data_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        capsys, "export", "--day", "2026-11-28", "--format", "csv",
        "--data-dir", str(data_dir.root),
    )  # fmt: skip
    assert code == 0, err
    assert "6 visits written to" in out and str(data_dir.exports) in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--day", "28.11.2026", "--format", "csv"], "is not a day"),
        (["--day", "2026-11-28"], "Say which format"),
        (["--format", "pdf"], "Say which day"),
        (["--shift", "nope", "--format", "pdf"], "is not a shift id"),
        (["--day", "2026-11-28", "--format", "csv", "--out", "/nonexistent/usb"], "does not exist"),
    ],
)
def test_bad_input_gives_one_line_and_no_traceback(
    busy_day: Day,
    data_dir: DataDir,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    code, _out, err = _run(capsys, "export", *argv, "--data-dir", str(data_dir.root))
    assert code != 0
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_verify_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = _run(capsys, "export", "verify", str(tmp_path / "x.csv"))
    assert code != 0 and "missing" in err


def test_messages_in_chinese(
    busy_day: Day, data_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(
        capsys, "--lang", "zh_CN", "export", "--day", "2026-11-28",
        "--data-dir", str(data_dir.root),
    )  # fmt: skip
    assert code != 0 and "请指定格式" in err


def test_pdf_export_names_its_font(
    busy_day: Day, data_dir: DataDir, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        capsys, "export", "--day", "2026-11-28", "--format", "pdf",
        "--data-dir", str(data_dir.root),
    )  # fmt: skip
    assert code == 0, err
    assert "PDF font: /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc" in out


def test_station_key_signs_and_verify_uses_it(
    busy_day: Day, data_dir: DataDir, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE

    code, out, err = _run(
        capsys, "export", "--day", "2026-11-28", "--format", "csv", "--out", str(tmp_path),
        "--data-dir", str(data_dir.root), "--json",
    )  # fmt: skip
    assert code == 0, err
    path = Path(json.loads(out)["path"])
    manifest = json.loads(path.with_name(path.name + ".manifest.json").read_text("utf-8"))
    assert manifest["signature"] and manifest["kid"]
    code, out, err = _run(
        capsys, "export", "verify", str(path), "--data-dir", str(data_dir.root), "--json"
    )
    assert code == 0 and json.loads(out)["signature"] == "valid"
    # a forger who rewrites the manifest's hash is caught by the signature
    data = path.read_bytes().replace("张伟".encode(), "张三".encode())
    path.write_bytes(data)
    manifest["sha256"] = hashlib.sha256(data).hexdigest()
    path.with_name(path.name + ".manifest.json").write_text(json.dumps(manifest), "utf-8")
    code, out, err = _run(
        capsys, "export", "verify", str(path), "--key", str(data_dir.keys / PUBLIC_KEY_FILE)
    )
    assert code != 0 and "signature does not match" in err
