"""The office's pages in a real Chromium (Debian's ``chromium`` and ``chromium-driver``)
against a real hub process that two enrolled desks synced with.

Their own run: ``make pytest-browser``, i.e. ``CHECKPOINT_BROWSER=chromium pytest
tests/browser``; the offscreen run skips them. With ``OFFICE_SCREENSHOTS=DIR`` the
tests also save a PNG of each page there (``docs/screenshots/office/``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver, WebElement
from selenium.webdriver.support.ui import WebDriverWait

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.hub.identity import load_identity
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.services.operators import create_operator
from checkpoint_desk.services.shifts import close_shift, open_shift
from checkpoint_desk.services.sync import configure_hub, sync_now
from checkpoint_desk.services.visits import register_visit
from checkpoint_desk.sync.hub_pin import enrolment_code
from tests.conftest import TEST_PASSPHRASE
from tests.support.desks import Desk, make_desk, register_station, supervisor_approval
from tests.support.hubproc import HubProcess

BROWSER = os.environ.get("CHECKPOINT_BROWSER") == "chromium"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
MANAGER, VIEWER = ("li-manager", "manager pass 1"), ("zhao-viewer", "viewer pass 1")
FEVER_ID = "11010519491231002X"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if BROWSER:
        return
    skip = pytest.mark.skip(reason="a real Chromium: run `make pytest-browser`")
    for item in items:
        if "tests/browser" in item.nodeid:
            item.add_marker(skip)


@dataclass
class Office:
    """The hub, its two desks (西门 with an open shift, 东门 with a closed one)."""

    hub: HubProcess
    west: Desk
    east: Desk

    @property
    def url(self) -> str:
        return self.hub.url + "/office"


def add_user(
    hub: HubProcess, name: str, role: str, password: str
) -> subprocess.CompletedProcess[str]:
    """``checkpoint-hub add-user NAME --role ROLE`` with the password in the environment."""
    env = {**os.environ, "CHECKPOINT_HUB_HOME": str(hub.home), "CHECKPOINT_HUB_PASSWORD": password}
    return subprocess.run(
        [sys.executable, "-m", "checkpoint_desk.hub.cli", "add-user", name, "--role", role,
         "--db", hub.db_url],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def _enrol(desk: Desk, hub: HubProcess, name: str) -> None:
    code = enrolment_code(
        register_station(hub.db_url, name, unique=False), load_identity(hub.home).pin
    )
    configure_hub(
        desk.engine, desk.data_dir, desk.settings, hub.url, code,
        approval=supervisor_approval(desk),
    )  # fmt: skip


def _visit(desk: Desk, shift_id: object, **fields: str) -> None:
    draft = VisitDraft(confirmed_colour="green", **fields)  # type: ignore[arg-type]
    register_visit(
        desk.engine, draft, station_id=desk.station.id, shift_id=shift_id,  # type: ignore[arg-type]
        rules=ScreeningRules(),
    )  # fmt: skip


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    """西门: 4 in (one with a fever, stopped), 1 out, shift open; 东门: 1 in, 1 out, closed."""
    root = tmp_path_factory.mktemp("office")
    env = pytest.MonkeyPatch()
    env.setenv("CHECKPOINT_DESK_PASSPHRASE", TEST_PASSPHRASE)  # as in every test
    hub = HubProcess(f"sqlite:///{root / 'hub' / 'hub.db'}", root / "hub").start()
    west, east = make_desk(root / "west", "西门卡点"), make_desk(root / "east", "东门卡点")
    try:
        _enrol(west, hub, "西门")
        _enrol(east, hub, "东门")
        wang = create_operator(west.engine, west.station.id, "王芳", "volunteer", "1357")
        shift = open_shift(west.engine, west.station.id, wang.id).id
        _visit(west, shift, name="张伟", phone="13900000001", temperature="36.5")
        _visit(west, shift, name="李娜", temperature="36.6")
        _visit(
            west, shift, name="刘洋", id_number=FEVER_ID, phone="13812345678", temperature="38.4"
        )
        _visit(west, shift, name="陈静", phone="13900000003", temperature="36.7")
        _visit(west, shift, name="陈静", phone="13900000003", direction="out", temperature="36.7")
        zhou = create_operator(east.engine, east.station.id, "周强", "volunteer", "2468")
        shift = open_shift(east.engine, east.station.id, zhou.id).id
        _visit(east, shift, name="杨帆", phone="13900000002", temperature="36.4")
        _visit(east, shift, name="黄磊", direction="out", temperature="36.3")
        close_shift(east.engine, shift, "交班", backup_dir=root / "east-backups")
        for desk in (west, east):
            report = sync_now(desk.engine, desk.data_dir, desk.settings)
            assert report.ok and desk.waiting() == 0, report.errors
        for name, role, password in (("li-manager", "manager", MANAGER[1]),
                                     ("zhao-viewer", "viewer", VIEWER[1])):  # fmt: skip
            done = add_user(hub, name, role, password)
            assert done.returncode == 0, done.stderr
        yield Office(hub, west, east)
    finally:
        west.close()
        east.close()
        hub.stop()
        env.undo()


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(tmp_path: Path, downloads: Path) -> Iterator[WebDriver]:
    """A fresh headless Chromium (own profile, downloads into ``downloads``), in Chinese."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail("chromium and chromium-driver are needed (Makefile DEB_TEST)", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=zh-CN",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "intl.accept_languages": "zh-CN,zh",
        },
    )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.implicitly_wait(20)  # after a click, the next page's elements are waited for
    try:
        yield driver
    finally:
        driver.quit()


def log_in(driver: WebDriver, office: Office, user: tuple[str, str]) -> None:
    driver.get(office.url + "/login")
    driver.find_element(By.NAME, "username").send_keys(user[0])
    driver.find_element(By.NAME, "password").send_keys(user[1])
    follow(driver, driver.find_element(By.ID, "login"))


def follow(driver: WebDriver, button: WebElement) -> None:
    """Click a link or a form's button and wait until the next page replaced this one.

    The page is told apart by a token set on its ``window``, which a new document does
    not have. Holding an element and waiting for it to go stale is racy: a Chromium that
    is asked about the old ``<html>`` while the new document replaces it answers "Node
    with given id does not belong to the document", not "stale" (chromium 150, CI).
    """
    token = secrets.token_hex(8)
    driver.execute_script("window.__followToken = arguments[0];", token)
    button.click()
    WebDriverWait(driver, 60, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return window.__followToken !== arguments[0] && document.readyState === 'complete';",
            token,
        )
    )


def screenshot(driver: WebDriver, name: str) -> None:
    """A PNG of the page for the README, when ``OFFICE_SCREENSHOTS`` names a folder."""
    folder = os.environ.get("OFFICE_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, max(600, min(int(height) + 140, 2400)))
    driver.save_screenshot(str(Path(folder) / f"{name}.png"))
