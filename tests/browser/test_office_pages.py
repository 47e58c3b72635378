"""The office logs in, reads the day, downloads the ledger and publishes a deny-list
entry that a desk picks up; wrong passwords, forms without CSRF and guessers are refused."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from checkpoint_desk.domain.screening import ScreeningRules
from checkpoint_desk.domain.verdict import Decision
from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.stations import list_stations
from checkpoint_desk.services.drafts import VisitDraft
from checkpoint_desk.services.sync import sync_now
from checkpoint_desk.services.visits import register_visit
from tests.browser.conftest import (
    FEVER_ID,
    MANAGER,
    VIEWER,
    Office,
    add_user,
    follow,
    log_in,
    screenshot,
)
from tests.support.hubproc import HubProcess

DENIED_ID = "110105194912310011"


def _cells(driver: WebDriver, station: str) -> dict[str, str]:
    row = driver.find_element(By.CSS_SELECTOR, f'#stations tr[data-station="{station}"]')
    cells = row.find_elements(By.TAG_NAME, "td")
    return {
        "shift": cells[1].text,
        "operator": cells[2].text,
        "in": cells[3].text,
        "out": cells[4].text,
        "stopped": cells[5].text,
        "fever": cells[6].text,
        "sync": cells[7].text,
    }


def test_the_office_sees_both_stations_with_their_counts(
    office: Office, browser: WebDriver
) -> None:
    log_in(browser, office, MANAGER)
    assert browser.current_url.rstrip("/").endswith("/office")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("今日")  # Accept-Language
    west, east = _cells(browser, "西门"), _cells(browser, "东门")
    assert (west["in"], west["out"], west["stopped"], west["fever"]) == ("4", "1", "1", "1")
    assert (east["in"], east["out"], east["stopped"], east["fever"]) == ("1", "1", "0", "0")
    assert (west["shift"], west["operator"]) == ("值班中", "王芳")
    assert (east["shift"], east["operator"]) == ("已交班", "周强")
    assert "刚刚" in west["sync"] and "30" not in west["sync"]  # synced a moment ago
    assert browser.find_element(By.ID, "total-in").text == "5"
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    assert len(bars) == 24
    screenshot(browser, "today")
    browser.set_window_size(390, 844)  # a phone: the table scrolls, the page does not
    assert browser.execute_script("return document.body.scrollWidth") <= 390 + 1
    screenshot(browser, "today-phone")
    browser.set_window_size(1366, 900)

    browser.get(office.url + "/inside")
    counts = {
        row.get_attribute("data-station"): row.find_elements(By.TAG_NAME, "td")[1].text
        for row in browser.find_elements(By.CSS_SELECTOR, "#inside-stations tbody tr")
    }
    assert counts["东门"] == "1"  # 杨帆 (黄磊 only went out, 周强's desk has nobody else)
    follow(browser, browser.find_element(By.LINK_TEXT, "西门"))
    people = browser.find_element(By.ID, "inside-people").text
    assert "张伟" in people and "139****0001" in people
    assert "陈静" not in people  # she came in, then went out
    screenshot(browser, "inside")
    follow(browser, browser.find_element(By.LINK_TEXT, "东门"))
    assert "杨帆" in browser.find_element(By.ID, "inside-people").text

    browser.get(office.url + "/stops")
    rows = browser.find_elements(By.CSS_SELECTOR, "#stops tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[2].text for r in rows] == ["刘洋"]
    assert "110105********002X" in rows[0].text and FEVER_ID not in rows[0].text
    screenshot(browser, "stops")
    follow(
        browser, browser.find_element(By.PARTIAL_LINK_TEXT, "显示完整号码")
    )  # a manager's, audited
    assert FEVER_ID in browser.find_element(By.ID, "stops").text

    browser.get(office.url + "/stations")
    assert {"西门", "东门"} <= {
        r.find_elements(By.TAG_NAME, "td")[0].text
        for r in browser.find_elements(By.CSS_SELECTOR, "#station-list tbody tr")
    }
    browser.find_element(By.ID, "name").send_keys("北门")
    follow(browser, browser.find_element(By.ID, "register"))
    code = browser.find_element(By.ID, "enrolment-code").text
    assert code.startswith("CKE1.")
    assert browser.find_elements(By.CSS_SELECTOR, "#enrolment .qr svg")
    screenshot(browser, "stations")


def test_the_days_ledger_downloads_with_both_stations(
    office: Office, browser: WebDriver, downloads: Path
) -> None:
    log_in(browser, office, VIEWER)
    follow(browser, browser.find_element(By.LINK_TEXT, "台账"))
    screenshot(browser, "ledgers")
    browser.find_element(By.ID, "combined-csv").click()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done = [p for p in downloads.glob("*.csv") if not p.name.endswith(".crdownload")]
        if done:
            break
        time.sleep(0.2)
    assert done, "the ledger was not downloaded"
    text = done[0].read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    names = {"张伟", "李娜", "刘洋", "陈静", "杨帆", "黄磊"}
    found = {cell for row in rows for cell in row if cell in names}
    assert found == names  # every visit of both stations, once
    assert sum(1 for row in rows for cell in row if cell in names) == 7
    assert FEVER_ID not in text  # a viewer's ledger is masked
    assert any("西门" in cell for row in rows for cell in row)
    assert any("东门" in cell for row in rows for cell in row)


def test_a_published_deny_list_entry_reaches_a_desk(office: Office, browser: WebDriver) -> None:
    log_in(browser, office, MANAGER)
    browser.get(office.url + "/reference")
    Select(browser.find_element(By.ID, "kind")).select_by_value("deny_list")
    browser.find_element(By.ID, "text").send_keys(DENIED_ID)
    follow(browser, browser.find_element(By.ID, "preview"))
    assert "新增 1 个证件号" in browser.find_element(By.ID, "change").text
    screenshot(browser, "reference")
    follow(browser, browser.find_element(By.ID, "publish"))
    assert "deny_list" in browser.find_element(By.ID, "message").text

    desk = office.east
    assert "deny_list" in sync_now(desk.engine, desk.data_dir, desk.settings).pulled_kinds
    stopped = register_visit(
        desk.engine,
        VisitDraft(name="赵敏", id_number=DENIED_ID, temperature="36.5", confirmed_colour="green"),
        station_id=desk.station.id,
        shift_id=None,
        rules=ScreeningRules(),
    )
    assert stopped.verdict.decision is Decision.STOP
    assert "deny_list" in stopped.verdict.reason_codes


def test_a_wrong_password_is_refused(office: Office, browser: WebDriver) -> None:
    log_in(browser, office, (MANAGER[0], "not the password"))
    assert browser.find_element(By.ID, "error").text == "用户名或密码错误。"
    assert browser.get_cookie("office_session") is None
    browser.get(office.url + "/")
    assert browser.current_url.endswith("/office/login")  # nothing is shown without a login


def test_a_form_without_its_csrf_token_is_refused(office: Office, browser: WebDriver) -> None:
    log_in(browser, office, MANAGER)
    browser.get(office.url + "/stations")
    browser.execute_script(
        "document.querySelector('form[action=\"/office/stations\"] input[name=csrf]').remove()"
    )
    browser.find_element(By.ID, "name").send_keys("南门")
    follow(browser, browser.find_element(By.ID, "register"))
    assert "表单已过期" in browser.find_element(By.ID, "message").text
    engine = open_hub_database(office.hub.db_url)
    try:
        assert "南门" not in {s.name for s in list_stations(engine)}
    finally:
        engine.dispose()
    # A session cookie alone, without the page's token, publishes nothing either.
    cookie = browser.get_cookie("office_session")
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    answer = httpx.post(
        office.url + "/reference/publish",
        data={"kind": "deny_list", "text": "110105194912310038"},
        cookies={"office_session": cookie["value"]},
    )
    assert answer.status_code == 403


def test_the_login_locks_after_failed_attempts(tmp_path: Path, browser: WebDriver) -> None:
    hub = HubProcess(f"sqlite:///{tmp_path / 'hub' / 'hub.db'}", tmp_path / "hub").start()
    try:
        assert add_user(hub, *("wu", "manager", "right password")).returncode == 0
        office = Office(hub, None, None)  # type: ignore[arg-type]
        for _ in range(5):
            log_in(browser, office, ("wu", "guess"))
            assert browser.find_element(By.ID, "error").text == "用户名或密码错误。"
        log_in(browser, office, ("wu", "right password"))  # even the right one, for now
        assert "登录失败次数过多" in browser.find_element(By.ID, "error").text
        assert browser.get_cookie("office_session") is None
    finally:
        hub.stop()


@pytest.mark.parametrize("user", [VIEWER])
def test_a_viewer_cannot_publish_or_unmask(
    office: Office, browser: WebDriver, user: tuple[str, str]
) -> None:
    log_in(browser, office, user)
    browser.get(office.url + "/stops?full=true")
    assert "只有管理员" in browser.find_element(By.ID, "message").text
    browser.get(office.url + "/stations")
    browser.implicitly_wait(0)  # the page is loaded: the button is not coming
    assert browser.find_elements(By.ID, "station-list")
    assert not browser.find_elements(By.ID, "register")
