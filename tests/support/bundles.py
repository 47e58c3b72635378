"""Hostile bundles for tests and benchmarks."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE
from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.store.station_key import load_station_key
from checkpoint_desk.store.vault import vault_of
from checkpoint_desk.sync.bundle_file import MAGIC, BundleHeader, _signed_part
from checkpoint_desk.sync.sealing import BUNDLE_CONTEXT, seal
from checkpoint_desk.sync.wire import canonical_json
from tests.support.desks import Desk


def bomb(desk: Desk, hub_home: Path, lines: int) -> bytes:
    """A bundle the desk's own key signed whose payload inflates to ``lines`` records."""
    line = b'{"item":{},"kind":"audit"}\n'
    first = canonical_json({"station": {"id": str(desk.station.id), "name": "x"}}) + b"\n"
    packer = zlib.compressobj(9)
    parts = [packer.compress(first)]
    block = line * 100_000
    parts.extend(packer.compress(block) for _ in range(lines // 100_000))
    parts.append(packer.flush())
    sealed = seal(load_identity(hub_home).pin.sealer(), b"".join(parts), BUNDLE_CONTEXT)
    key = load_station_key(desk.data_dir.keys, vault_of(desk.engine))
    pem = (desk.data_dir.keys / PUBLIC_KEY_FILE).read_text("ascii")
    header: dict[str, Any] = {
        "format": "checkpoint-desk-bundle",
        "version": 2,
        "station_id": str(desk.station.id),
        "station_name": "西门卡点",
        "public_key": pem,
        "created_at": "2026-11-28T08:00:00Z",
        "counts": {"audit": lines},
        "hub": "x",
        "signature": "",
    }
    unsigned = BundleHeader.model_validate_json(json.dumps(header))
    signature = key.sign(_signed_part(unsigned.model_dump(mode="json"), sealed))
    signed = unsigned.model_copy(update={"signature": base64.b64encode(signature).decode()})
    return MAGIC + signed.model_dump_json().encode() + b"\n" + sealed


MEASURED_IMPORT = """
import sys
from checkpoint_desk.hub.cli import main
code = main(["import-bundle", sys.argv[1], "--db", sys.argv[2]])
status = open("/proc/self/status").read()
peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
open(sys.argv[3], "w").write(peak)
sys.exit(code)
"""


@dataclass(frozen=True)
class MeasuredImport:
    exit_code: int
    stderr: str
    peak_mib: float
    """The import process's own peak resident memory (VmHWM: from its exec on, unlike
    ``ru_maxrss``, which counts the parent's pages at fork)."""
    cpu_s: float
    wall_s: float


def measured_import(hub_home: Path, db_url: str, bundle: Path) -> MeasuredImport:
    """``checkpoint-hub import-bundle`` in a process of its own, measured."""
    env = {**os.environ, "CHECKPOINT_HUB_HOME": str(hub_home)}
    peak_file, err_file = bundle.with_suffix(".peak"), bundle.with_suffix(".err")
    started = time.perf_counter()
    with err_file.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", MEASURED_IMPORT, str(bundle), db_url, str(peak_file)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return MeasuredImport(
        exit_code=proc.returncode,
        stderr=err_file.read_text(),
        peak_mib=int(peak_file.read_text()) / 1024,
        cpu_s=usage.ru_utime + usage.ru_stime,
        wall_s=time.perf_counter() - started,
    )
