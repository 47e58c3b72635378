"""The desk's static command table: every command is found, help and errors as before."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checkpoint_desk.cli import COMMANDS, build_parser, common_options, main


def commands_of(parser: argparse.ArgumentParser) -> set[str]:
    return {
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    }


def test_each_group_registers_exactly_the_commands_the_table_gives_it() -> None:
    for load in set(COMMANDS.values()):
        parser = argparse.ArgumentParser()
        load()(parser.add_subparsers(), common_options())
        assert commands_of(parser) == {name for name, group in COMMANDS.items() if group is load}


def test_the_full_parser_has_every_command() -> None:
    assert commands_of(build_parser()) == set(COMMANDS)


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checkpoint_desk", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "CHECKPOINT_DESK_HOME": str(tmp_path / "nowhere")},
        timeout=120,
    )


def test_help_still_lists_every_command(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--help")
    assert result.returncode == 0
    listed = result.stdout.split("COMMAND", 1)[1]
    assert all(name in listed for name in COMMANDS)


def test_a_command_after_the_common_options_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "d")
    assert main(["--data-dir", home, "--lang", "en", "init", "--station", "东门", "--json"]) == 0
    assert '"东门"' in capsys.readouterr().out
    assert main(["--json", "operator", "list", "--data-dir", home]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_an_unknown_command_is_refused_with_the_list(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--data-dir", str(tmp_path), "exprot", "--day", "2026-11-28")
    assert result.returncode == 2
    assert "invalid choice: 'exprot'" in result.stderr and "export" in result.stderr


def test_a_refusal_before_any_data_directory_exists_is_one_line(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "read", "HC1:x", "--at", "yesterday")
    assert result.returncode == 2
    assert result.stderr == "checkpoint-desk: --at: yesterday is not an ISO 8601 time.\n"
