"""``read``, ``trust``, ``pass`` and ``demo-codes`` from the command line (DESIGN §9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkpoint_desk.cli import main
from checkpoint_desk.codes.demo import demo_codes
from checkpoint_desk.resources import resource_path
from tests.codes.conftest import NOW

ID = "11010519491231002X"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_read_without_a_data_dir_says_the_signer_is_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = next(c.text for c in demo_codes(NOW) if c.name == "health-green")
    home = tmp_path / "nothing-here"
    code, out, _ = run(capsys, "read", text, "--data-dir", str(home))
    assert code == 0
    assert "Status: invalid" in out
    assert "Reason: Signer not in the trust list" in out
    assert "The trust list is empty" in out
    assert not home.exists()  # reading creates nothing


def test_read_demo_json_is_the_design_object(capsys: pytest.CaptureFixture[str]) -> None:
    text = next(c.text for c in demo_codes(NOW) if c.name == "pass-expired")
    code, out, _ = run(capsys, "read", text, "--json", "--demo", "--at", NOW.isoformat())
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"scheme", "issuer", "verified", "status", "reasons", "subject",
                         "claims", "text"}  # fmt: skip
    assert (data["status"], data["reasons"], data["verified"]) == (
        "expired",
        ["pass_expired"],
        True,
    )
    assert data["subject"] == {"name": "王芳", "id_masked": "110105********002X"}
    assert data["text"] == text


def test_read_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    text = next(c.text for c in demo_codes(NOW) if c.name == "forged")
    _, out, _ = run(capsys, "--lang", "zh_CN", "read", text, "--demo", "--at", NOW.isoformat())
    assert "状态：无效" in out and "原因：签名无效" in out


def test_bad_time_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "read", "HC1:X", "--at", "yesterday")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "yesterday" in err


def test_trust_import_and_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = str(tmp_path / "desk")
    cert = resource_path("demo", "keys", "dcc-es256.crt.pem")
    code, out, _ = run(capsys, "trust", "import", str(cert), "--data-dir", home, "--json")
    assert code == 0 and json.loads(out)["keys"] == 1
    code, out, _ = run(capsys, "trust", "list", "--data-dir", home, "--json")
    keys = json.loads(out)["keys"]
    assert [k["issuer"] for k in keys] == ["CN=Checkpoint Desk demo DCC signer (not valid),C=XX"]
    code, _, err = run(capsys, "trust", "import", str(tmp_path), "--data-dir", home)
    assert code == 2 and "Cannot read" in err


def test_pass_issue_read_and_revoke(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = str(tmp_path / "desk")
    assert run(capsys, "init", "--station", "西门卡点", "--data-dir", home)[0] == 0
    out_base = tmp_path / "cards" / "zhang"
    code, out, _ = run(
        capsys, "pass", "issue", "--name", "张伟", "--id", ID, "--kind", "resident",
        "--days", "30", "--out", str(out_base), "--data-dir", home, "--json",
    )  # fmt: skip
    issued = json.loads(out)
    assert code == 0
    assert sorted(Path(f).name for f in issued["files"]) == ["zhang.pdf", "zhang.png"]
    _, out, _ = run(capsys, "read", issued["text"], "--data-dir", home, "--json")
    assert json.loads(out)["status"] == "green"
    code, _, err = run(capsys, "pass", "revoke", issued["pass_id"], "--data-dir", home)
    assert code == 2 and "--supervisor" in err  # a supervisor's act
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", "2468")
    assert run(capsys, "operator", "add", "刘主任", "--role", "supervisor",
               "--data-dir", home)[0] == 0  # fmt: skip
    assert run(capsys, "pass", "revoke", issued["pass_id"], "--supervisor", "刘主任",
               "--data-dir", home)[0] == 0  # fmt: skip
    _, out, _ = run(capsys, "read", issued["text"], "--data-dir", home, "--json")
    assert json.loads(out)["reasons"] == ["revoked"]


def test_pass_with_a_wrong_id_number_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "desk")
    run(capsys, "init", "--station", "西门卡点", "--data-dir", home)
    code, out, err = run(
        capsys, "pass", "issue", "--name", "张伟", "--id", "110105194912310021",
        "--kind", "resident", "--days", "3", "--out", str(tmp_path / "c.png"), "--data-dir", home,
    )  # fmt: skip
    assert code == 2 and out == "" and err.count("\n") == 1
    assert not (tmp_path / "c.png").exists()


def test_demo_codes_command_writes_pngs_and_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "demo-codes", "--out", str(tmp_path), "--at", NOW.isoformat())
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert code == 0
    assert len(manifest["codes"]) == 14
    assert all((tmp_path / c["file"]).is_file() for c in manifest["codes"])
    eu = next(c for c in manifest["codes"] if c["name"] == "eu-dcc")
    _, out, _ = run(capsys, "read", eu["text"], "--demo", "--json", "--at", NOW.isoformat())
    assert json.loads(out)["status"] == "green"
