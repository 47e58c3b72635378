"""An installed wheel carries resources/ and ``resource_path`` finds them there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_resources_are_found_from_an_installed_wheel(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    (wheel,) = wheels.glob("checkpoint_desk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    for path in (
        "checkpoint_desk/_resources/icons/checkpoint-desk-256.png",
        "checkpoint_desk/_resources/translations/zh_CN/packaging.ts",
    ):
        assert path in names

    probe = (
        "import checkpoint_desk, json;"
        "from checkpoint_desk.resources import resource_path;"
        "from checkpoint_desk.i18n import gettext;"
        "print(json.dumps([checkpoint_desk.__file__,"
        " str(resource_path('icons', 'checkpoint-desk-256.png')),"
        " gettext('frozen app', 'zh_CN')]))"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    import json

    module_file, icon, translated = json.loads(out.stdout)
    site = str(tmp_path / "site")
    assert module_file.startswith(site), "the wheel's copy is the one imported"
    assert icon.startswith(site) and Path(icon).is_file()
    assert translated == "打包程序"
