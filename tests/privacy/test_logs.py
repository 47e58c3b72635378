"""No secret reaches the log files: run the workflows, then grep the logs."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from checkpoint_desk.cli import main
from checkpoint_desk.logging_setup import LOG_FILE, close_logging, mask_secrets
from tests.conftest import TEST_PASSPHRASE
from tests.services.conftest import make_id

IDS = [make_id(31), make_id(32, birth="19591231"), "370811800101001"]  # 15-digit legacy too
PHONES = ["13812345678", "15900001111", "18699998888"]
VOLUNTEER_PIN, SUPERVISOR_PIN, WRONG_PIN = "97531864", "86420975", "11223399"


@pytest.fixture(autouse=True)
def _closed_logs() -> object:
    yield None
    close_logging()


def test_workflows_leave_no_secret_in_the_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "desk")
    assert main(["init", "--station", "西门", "--data-dir", home]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", VOLUNTEER_PIN)
    assert main(["operator", "add", "小王", "--data-dir", home]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", SUPERVISOR_PIN)
    assert main(["operator", "add", "刘主任", "--role", "supervisor", "--data-dir", home]) == 0

    rows = ["time,direction,name,id_number,phone,temperature,health_code"]
    rows += [
        f"2026-11-28T08:0{i},in,访客{i},{id_number},{phone},36.{i},green"
        for i, (id_number, phone) in enumerate(zip(IDS, PHONES, strict=True))
    ]
    rows.append(f"2026-11-28T09:00,in,错号,{IDS[0][:-1]}0,{PHONES[0]},36.5,green")  # refused
    visits = tmp_path / "visits.csv"
    visits.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["import-visits", str(visits), "--data-dir", home]) == 2  # one row refused

    out = tmp_path / "out"
    out.mkdir()
    export = ["export", "--day", "2026-11-28", "--format", "csv", "--out", str(out)]
    assert main([*export, "--data-dir", home]) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", WRONG_PIN)
    unmasked = [*export, "--unmasked", "--supervisor", "刘主任", "--data-dir", home]
    assert main(unmasked) == 2  # a failed PIN
    monkeypatch.setenv("CHECKPOINT_DESK_PIN", SUPERVISOR_PIN)
    assert main(unmasked) == 0
    monkeypatch.setenv("CHECKPOINT_DESK_PASSPHRASE", TEST_PASSPHRASE + "?")
    assert main(["operator", "list", "--data-dir", home]) == 2  # a wrong passphrase
    # and a careless line of code: the filter is the safety net
    logging.getLogger("checkpoint_desk.careless").warning("typed %s / %s", IDS[1], PHONES[1])
    try:
        raise ValueError(f"bad {IDS[2]} {PHONES[2]}")
    except ValueError:
        logging.getLogger("checkpoint_desk.careless").exception("failed")
    close_logging()
    capsys.readouterr()

    logs = sorted((tmp_path / "desk" / "logs").glob(LOG_FILE + "*"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in logs)
    assert "command import-visits" in text and "wrong PIN" in text  # it did log
    assert "visit " in text and "failed" in text
    secrets = [*IDS, *PHONES, TEST_PASSPHRASE, VOLUNTEER_PIN, SUPERVISOR_PIN, WRONG_PIN]
    assert [s for s in secrets if s in text] == []
    assert PHONES[1][:3] + "****" + PHONES[1][-4:] in text  # masked, still useful
    assert stat.S_IMODE((tmp_path / "desk" / "logs").stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("id 11010519491231002X here", "id 110105********002X here"),
        ("phone:13812345678.", "phone:138****5678."),
        ("visit 6f1c2d3e-1380-4000-8000-138123456789", None),  # a UUID is no phone
        ("at 2026-11-28 08:00:00,123 took 20261128080000 ms", None),
    ],
)  # fmt: skip
def test_mask_secrets(line: str, masked: str | None) -> None:
    assert mask_secrets(line) == (masked if masked is not None else line)
