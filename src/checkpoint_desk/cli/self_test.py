"""``checkpoint-desk --self-test``: does this copy of the desk work, here, now?

Run after installing (frozen or from source) and by ``make package`` on the unpacked
archive. Each check drives a real component end to end in a temporary data
directory: the resources, the decoders' native libraries, decoding a demo code image,
verifying it, registering a visit, exporting the day's ledger and opening the main
window (offscreen when there is no display). A layer that is missing or broken is a
FAILED check with the reason, never a skipped one; the exit code is 0 only when every
check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkpoint_desk import __version__
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_, gettext

EXIT_FAILED = 1


class CheckFailed(Exception):
    """A check found something wrong; the message says what (already translated)."""


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check, as printed."""

    name: str
    ok: bool
    detail: str

    def as_json(self) -> dict[str, Any]:
        return {"check": self.name, "ok": self.ok, "detail": self.detail}


@dataclass
class SelfTestRun:
    """What the checks share: the temp folder and what earlier checks produced."""

    workdir: Path
    code_text: str | None = None
    code_image: Path | None = None
    decoded_text: str | None = None
    reading: Any = None
    data_dir: Any = None
    day: Any = None
    results: list[CheckResult] = field(default_factory=list)


Check = Callable[[SelfTestRun], str]


def ensure_screen() -> str:
    """Use Qt's offscreen platform when there is no display; return the platform."""
    if not os.environ.get("QT_QPA_PLATFORM") and not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return os.environ.get("QT_QPA_PLATFORM") or "default"


def _has_display() -> bool:
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _describe(exc: BaseException) -> str:
    """One line: what went wrong, with the place it happened for unexpected errors."""
    if isinstance(exc, CheckFailed):
        return str(exc)
    if isinstance(exc, CheckpointError):
        return exc.translated()
    if isinstance(exc, ImportError):
        return gettext("component not available: {error}").format(error=exc)
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {exc}{where}"


def run_checks(
    run: SelfTestRun,
    checks: list[tuple[str, Check]],
    report: Callable[[CheckResult], None] | None = None,
) -> list[CheckResult]:
    """Run every check, even after a failure; ``report`` each result as it comes."""
    for name, check in checks:
        try:
            result = CheckResult(name, True, check(run))
        except Exception as exc:  # a self-test reports every failure, whatever its kind
            result = CheckResult(name, False, _describe(exc))
        run.results.append(result)
        if report is not None:
            report(result)
    return run.results


def all_checks() -> list[tuple[str, Check]]:
    """The checks in the order they run (later ones use earlier ones' results)."""
    from checkpoint_desk.cli import self_test_checks as c

    return [
        ("resources", c.check_resources),
        ("decoders", c.check_decoders),
        ("decode", c.check_decode),
        ("verify", c.check_verify),
        ("register", c.check_register),
        ("export", c.check_export),
        ("window", c.check_window),
    ]


def print_result(result: CheckResult) -> None:
    status = "ok    " if result.ok else "FAILED"
    print(f"  {status}  {result.name:<9}  {result.detail}", flush=True)


def run_self_test(args: argparse.Namespace) -> int:
    """Run all checks, print one line each, return 0 only when all passed."""
    platform = ensure_screen()
    as_json = bool(getattr(args, "json", False))
    frozen = bool(getattr(sys, "frozen", False))
    how = gettext("frozen app") if frozen else gettext("from source")
    if not as_json:
        print(
            gettext(
                "Checkpoint Desk {version} self-test: {how}, Python {python}, Qt {platform}"
            ).format(
                version=__version__,
                how=how,
                python=".".join(map(str, sys.version_info[:3])),
                platform=platform,
            ),
            flush=True,
        )
    with tempfile.TemporaryDirectory(prefix="checkpoint-self-test-") as tmp:
        run = SelfTestRun(workdir=Path(tmp))
        run_checks(run, all_checks(), report=None if as_json else print_result)
    passed = sum(r.ok for r in run.results)
    total = len(run.results)
    if as_json:
        payload = {
            "version": __version__,
            "frozen": frozen,
            "platform": platform,
            "passed": passed == total,
            "checks": [r.as_json() for r in run.results],
        }
        print(json.dumps(payload, ensure_ascii=False))
    else:
        summary = (
            N_("{passed} of {total} checks passed")
            if passed == total
            else N_("{failed} of {total} checks FAILED")
        )
        print(gettext(summary).format(passed=passed, total=total, failed=total - passed))
    return 0 if passed == total else EXIT_FAILED
