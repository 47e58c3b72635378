"""``checkpoint-desk --self-test`` from source, in a subprocess, with no display."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from checkpoint_desk.cli.self_test import CheckFailed, SelfTestRun, run_checks

CHECKS = ("resources", "decoders", "decode", "verify", "register", "export", "window")


@pytest.fixture(scope="module")
def self_test_output(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """One run of the real command, shared by the tests below (it takes seconds)."""
    home = tmp_path_factory.mktemp("home")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "CHECKPOINT_DESK_HOME")
    }
    env.update(HOME=str(home), LANG="C.UTF-8")
    return subprocess.run(
        [sys.executable, "-m", "checkpoint_desk", "--self-test", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )


def test_self_test_reports_each_check_and_fails_only_on_failed_checks(
    self_test_output: subprocess.CompletedProcess[str],
) -> None:
    lines = self_test_output.stdout.splitlines()
    assert "Qt offscreen" in lines[0], "without a display the self-test uses offscreen"
    statuses = {}
    for line in lines[1:]:
        parts = line.split()
        if len(parts) >= 2 and parts[0] in ("ok", "FAILED"):
            statuses[parts[1]] = parts[0]
    assert tuple(statuses) == CHECKS, self_test_output.stdout
    failed = [name for name, status in statuses.items() if status == "FAILED"]
    assert (self_test_output.returncode == 0) == (not failed), self_test_output.stdout


def test_self_test_passes_from_source(
    self_test_output: subprocess.CompletedProcess[str],
) -> None:
    assert self_test_output.returncode == 0, self_test_output.stdout + self_test_output.stderr
    assert self_test_output.stdout.rstrip().endswith("7 of 7 checks passed")
    assert "Traceback" not in self_test_output.stderr


def test_a_failing_check_is_reported_and_the_rest_still_run(tmp_path: Path) -> None:
    def broken(run: SelfTestRun) -> str:
        raise CheckFailed("the camera is on fire")

    def crashing(run: SelfTestRun) -> str:
        return str(1 / 0)

    def fine(run: SelfTestRun) -> str:
        return "all good"

    results = run_checks(
        SelfTestRun(workdir=tmp_path), [("a", broken), ("b", crashing), ("c", fine)]
    )
    assert [(r.name, r.ok) for r in results] == [("a", False), ("b", False), ("c", True)]
    assert results[0].detail == "the camera is on fire"
    assert results[1].detail.startswith("ZeroDivisionError: division by zero (test_self_test.py:")
    assert results[2].detail == "all good"
