"""The Linux menu entry, AppStream metainfo, icons and install.sh."""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
ICONS = REPO / "resources" / "icons"
APP_ID = "org.checkpointdesk.CheckpointDesk"
SIZES = (16, 32, 48, 64, 128, 256)


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_file_starts_the_installed_program() -> None:
    entry = desktop_entry(LINUX / "checkpoint-desk.desktop")
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "checkpoint-desk" and "checkpoint-desk" in scripts
    assert entry["TryExec"] == "checkpoint-desk"
    assert 'name="checkpoint-desk"' in (REPO / "packaging" / "checkpoint-desk.spec").read_text()
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Name[zh_CN]"] == "卡点登记台"
    assert entry["Categories"].endswith(";") and entry["Keywords"].endswith(";")


def test_metainfo_has_the_required_appstream_elements() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    for tag in ("metadata_license", "project_license", "name", "summary", "developer"):
        assert root.findtext(tag) or root.find(tag) is not None, tag
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert len(root.findall("description/p")) >= 1
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == "checkpoint-desk"
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert next(r.get("version") for r in root.findall("releases/release")) == version


def test_icons_exist_at_every_size() -> None:
    for size in SIZES:
        data = (ICONS / f"checkpoint-desk-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)
    svg = ET.parse(ICONS / "checkpoint-desk.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_install_and_uninstall_into_a_prefix(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    program = app / "checkpoint-desk"
    program.write_text('#!/bin/sh\necho checkpoint-desk stub "$@"\n')
    program.chmod(0o755)
    prefix = tmp_path / "prefix"
    env = {**os.environ, "HOME": str(tmp_path)}
    script = str(LINUX / "install.sh")

    done = subprocess.run(
        ["bash", script, "--prefix", str(prefix), "--app", str(app)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    installed = desktop_entry(prefix / "share" / "applications" / f"{APP_ID}.desktop")
    binary = Path(installed["Exec"])
    assert binary == prefix / "bin" / "checkpoint-desk"
    ran = subprocess.run([binary, "--self-test"], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "checkpoint-desk stub --self-test"
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    for size in SIZES:
        assert (prefix / f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    assert (prefix / f"share/icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()

    gone = subprocess.run(
        ["bash", script, "--uninstall", "--prefix", str(prefix)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert gone.returncode == 0, gone.stderr
    caches = ("icon-theme.cache", "mimeinfo.cache")  # the desktop's own indexes, refreshed
    left = [p for p in prefix.rglob("*") if p.is_file() and p.name not in caches]
    assert left == [] and not (prefix / "bin" / "checkpoint-desk").is_symlink()


def test_install_without_an_app_folder_says_what_to_do(tmp_path: Path) -> None:
    done = subprocess.run(
        ["bash", str(LINUX / "install.sh"), "--prefix", str(tmp_path), "--app", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "make package" in done.stderr
