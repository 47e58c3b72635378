"""The hub's systemd units: a dedicated user, a read-only system, its own state dir."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest

HUB = Path(__file__).resolve().parents[2] / "packaging" / "hub"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(HUB / name, encoding="utf-8")
    return parser


@pytest.mark.parametrize("name", ["checkpoint-hub.service", "checkpoint-hub@.service"])
def test_hub_unit_is_confined_and_reads_its_database_from_the_environment_file(
    name: str,
) -> None:
    service = unit(name)["Service"]
    assert service["User"] == "checkpoint-hub"
    assert service["ProtectSystem"] == "strict"
    assert service["StateDirectory"] == "checkpoint-hub"
    assert service["EnvironmentFile"] == "/etc/checkpoint-hub/hub.env"
    assert service["NoNewPrivileges"] == "yes"
    exec_start = service["ExecStart"].split()
    assert exec_start[1:3] == ["serve", "--db"] and exec_start[3] == "${HUB_DB}"
    assert exec_start[exec_start.index("--host") + 1] in ("${HUB_HOST}", "127.0.0.1")
    assert unit(name)["Install"]["WantedBy"] == "multi-user.target"


def test_environment_example_defines_what_the_unit_uses() -> None:
    lines = (HUB / "hub.env.example").read_text().splitlines()
    names = {line.split("=", 1)[0] for line in lines if line and not line.startswith("#")}
    assert names == {"HUB_DB", "HUB_HOST", "HUB_PORT"}
    assert "sqlite:////var/lib/checkpoint-hub/hub.db" in "\n".join(lines)
