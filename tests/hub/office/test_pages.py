"""The office's pages over HTTP against a real hub process: the login guards every page,
cookies and roles hold, refusals are one line in the reader's language, acts are audited."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from checkpoint_desk.hub.database import open_hub_database
from checkpoint_desk.hub.office.users import add_user
from checkpoint_desk.hub.office_audit import office_audit
from tests.support.hubproc import HubProcess

PAGES = ["/office/", "/office/inside", "/office/stops", "/office/ledgers", "/office/stations",
         "/office/reference", "/office/ledgers/download?day=2026-11-28&format=csv"]  # fmt: skip


@pytest.fixture(scope="module")
def office_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubProcess]:
    home = tmp_path_factory.mktemp("office-hub")
    hub = HubProcess(f"sqlite:///{home / 'hub.db'}", home).start()
    engine = open_hub_database(hub.db_url)
    try:
        add_user(engine, "manager", "manager", "manager password")
        add_user(engine, "viewer", "viewer", "viewer password")
    finally:
        engine.dispose()
    yield hub
    hub.stop()


def logged_in(hub: HubProcess, name: str, **headers: str) -> tuple[httpx.Client, str]:
    """A client with a session of ``name`` (password: ``NAME password``) and its CSRF."""
    http = httpx.Client(base_url=hub.url, timeout=60, headers=headers)
    token = re.search(r'name="csrf" value="([^"]+)"', http.get("/office/login").text)
    assert token
    answer = http.post(
        "/office/login",
        data={"username": name, "password": f"{name} password", "csrf": token.group(1)},
    )
    assert answer.status_code == 303, answer.text
    page = http.get("/office/")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    return http, csrf.group(1)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_needs_a_login(office_hub: HubProcess, path: str) -> None:
    answer = httpx.get(office_hub.url + path, cookies={"office_session": "forged"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/office/login"


def test_the_station_api_keeps_its_tokens(office_hub: HubProcess) -> None:
    http, _csrf = logged_in(office_hub, "manager")
    with closing(http):
        answer = http.get("/api/v1/reference/settings")  # a session is not a station token
    assert answer.status_code == 401


def test_the_session_cookie_is_httponly_strict_and_secure_behind_tls(
    office_hub: HubProcess,
) -> None:
    for proto, secure in (("http", False), ("https", True)):
        # The proxy in front speaks TLS to the browser and plain HTTP to the hub, so
        # the cookie jar here would hold back a Secure cookie: it is sent by hand.
        http = httpx.Client(base_url=office_hub.url, headers={"X-Forwarded-Proto": proto})
        with closing(http):
            form = http.get("/office/login")
            token = re.search(r'name="csrf" value="([^"]+)"', form.text)
            assert token
            http.cookies.clear()
            answer = http.post(
                "/office/login",
                data={"username": "viewer", "password": "viewer password", "csrf": token[1]},
                headers={"Cookie": f"office_login_csrf={token[1]}"},
            )
            assert answer.status_code == 303, answer.text
        cookie = next(
            c for c in answer.headers.get_list("set-cookie") if c.startswith("office_session=")
        )
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        assert ("Secure" in cookie) is secure


def test_a_login_form_without_its_token_is_refused(office_hub: HubProcess) -> None:
    answer = httpx.post(
        office_hub.url + "/office/login",
        data={"username": "manager", "password": "manager password"},
        headers={"Accept-Language": "en-GB,en;q=0.9"},
    )
    assert answer.status_code == 403
    assert "The form has expired or did not come from this page." in answer.text
    assert "office_session" not in answer.headers.get("set-cookie", "")


def test_a_viewer_may_not_publish_register_or_unmask(office_hub: HubProcess) -> None:
    http, csrf = logged_in(office_hub, "viewer", **{"Accept-Language": "zh-CN"})
    with closing(http):
        for path, data in (
            ("/office/reference/publish", {"kind": "risk_areas", "text": "4201"}),
            ("/office/stations", {"name": "偷偷加的卡点"}),
        ):
            answer = http.post(path, data={**data, "csrf": csrf})
            assert answer.status_code == 403
            assert "只有管理员可以这样做。" in answer.text
        assert http.get("/office/stops?full=true").status_code == 403
        assert "偷偷加的卡点" not in http.get("/office/stations").text


def test_a_managers_unmasking_and_publishing_are_in_the_hubs_trail(
    office_hub: HubProcess,
) -> None:
    http, csrf = logged_in(office_hub, "manager", **{"Accept-Language": "en"})
    with closing(http):
        assert http.get("/office/stops?full=true").status_code == 200
        preview = http.post(
            "/office/reference/preview", data={"kind": "risk_areas", "text": "4201", "csrf": csrf}
        )
        assert "+ 4201" in preview.text
        done = http.post(
            "/office/reference/publish", data={"kind": "risk_areas", "text": "4201", "csrf": csrf}
        )
        assert "Published risk_areas version 1" in done.text
        bad = http.post(
            "/office/reference/preview", data={"kind": "risk_areas", "text": "{oops", "csrf": csrf}
        )
        assert bad.status_code == 400 and "The risk_areas data is not valid" in bad.text
    engine = open_hub_database(office_hub.db_url)
    try:
        with engine.connect() as conn:
            trail = conn.execute(
                sa.select(office_audit.c.actor, office_audit.c.action).order_by(office_audit.c.seq)
            ).all()
    finally:
        engine.dispose()
    assert ("manager", "office_unmask") in trail
    assert ("manager", "reference_change") in trail


def test_the_language_switch_wins_over_the_browser(office_hub: HubProcess, tmp_path: Path) -> None:
    http, _csrf = logged_in(office_hub, "viewer", **{"Accept-Language": "zh-CN"})
    with closing(http):
        assert "<h1>今日" in http.get("/office/").text
        http.get("/office/language/en?back=/office/stops")
        assert "<h1>Stops awaiting a disposition" in http.get("/office/stops").text
        away = http.get("/office/language/en?back=https://elsewhere.example/")
        assert away.headers["location"] == "/office/"  # never sends anyone off the hub
