"""The office's pages under ``/office/`` (a router the hub app includes with ``install``).

Viewers read every page and download masked ledgers; managers also register stations,
rotate tokens, publish reference data and see full ID numbers and phones (every one
of those acts is an entry in the hub's audit trail, ``hub/office_audit.py``).
"""

from __future__ import annotations

import io
import secrets
import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from checkpoint_desk.clock import parse_day, to_local, utc_now
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.export.wording import Wording
from checkpoint_desk.hub.identity import HubIdentity
from checkpoint_desk.hub.insight import full_numbers, inside_counts, inside_now
from checkpoint_desk.hub.office import reference_form
from checkpoint_desk.hub.office.chart import hourly_svg
from checkpoint_desk.hub.office.sessions import COOKIE, OfficeSession, close_session, open_session
from checkpoint_desk.hub.office.today import awaiting_disposition, today
from checkpoint_desk.hub.office.users import LoginRefused, log_in
from checkpoint_desk.hub.office.web import (
    LANG_COOKIE,
    PREFIX,
    LoginNeeded,
    address,
    current_session,
    engine_of,
    language,
    message,
    refused,
    render,
    to,
)
from checkpoint_desk.hub.office_audit import record
from checkpoint_desk.hub.reference import publish
from checkpoint_desk.hub.stations import add_station, list_stations, new_token
from checkpoint_desk.i18n import LANGUAGES, N_, gettext
from checkpoint_desk.sync.hub_pin import enrolment_code

LOGIN_CSRF_COOKIE = "office_login_csrf"
INSIDE_SHOWN = 300  # names on a page of a station's list (longest inside first)
Session = Annotated[OfficeSession, Depends(current_session)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(text: str | None) -> date:
    return parse_day(text) if text else to_local(utc_now()).date()


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


def _manager_only(request: Request, session: OfficeSession) -> HTMLResponse | None:
    if session.user.manager:
        return None
    return message(request, session, N_("Only a manager may do this."), status=403)


def _csrf_refused(
    request: Request, session: OfficeSession, form: dict[str, str]
) -> HTMLResponse | None:
    if session.csrf_ok(form.get("csrf")):
        return None
    return message(
        request, session, N_("The form has expired or did not come from this page."), status=403
    )


def router() -> APIRouter:
    pages = APIRouter(prefix=PREFIX, include_in_schema=False)

    @pages.get("/login")
    def login_form(request: Request) -> HTMLResponse:
        token = secrets.token_urlsafe(32)
        response = render(request, "login.html", session=None, csrf=token, error=None)
        response.set_cookie(
            LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request),
            path=PREFIX,
        )  # fmt: skip
        return response

    @pages.post("/login")
    async def login(request: Request) -> Response:
        form = await _form(request)
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if not expected or not secrets.compare_digest(expected, form.get("csrf", "")):
            return message(
                request, None, N_("The form has expired or did not come from this page."),
                status=403,
            )  # fmt: skip
        engine = engine_of(request)
        try:
            user = await run_in_threadpool(
                log_in, engine, form.get("username", ""), form.get("password", ""), address(request)
            )
        except LoginRefused as exc:
            return render(
                request, "login.html", session=None, status=401, csrf=expected,
                error=exc.translated(language(request)),
            )  # fmt: skip
        token = await run_in_threadpool(open_session, engine, user)
        response = to("/")
        response.set_cookie(
            COOKIE, token, httponly=True, samesite="strict", secure=_secure(request), path=PREFIX
        )
        response.delete_cookie(LOGIN_CSRF_COOKIE, path=PREFIX)
        return response

    @pages.post("/logout")
    async def logout(request: Request, session: Session) -> Response:
        form = await _form(request)
        if (refusal := _csrf_refused(request, session, form)) is not None:
            return refusal
        close_session(engine_of(request), request.cookies.get(COOKIE))
        response = to("/login")
        response.delete_cookie(COOKIE, path=PREFIX)
        return response

    @pages.get("/language/{lang}")
    def switch_language(request: Request, lang: str, back: str = "/office/") -> Response:
        target = back if back.startswith(PREFIX + "/") and "//" not in back else PREFIX + "/"
        response = RedirectResponse(target, status_code=303)
        if lang in LANGUAGES:
            response.set_cookie(
                LANG_COOKIE, lang, samesite="strict", secure=_secure(request), path=PREFIX,
                max_age=365 * 86400,
            )  # fmt: skip
        return response

    @pages.get("/")
    def today_page(request: Request, session: Session, day: str | None = None) -> HTMLResponse:
        try:
            wanted = _day(day)
        except CheckpointError as exc:
            return refused(request, session, exc)
        found = today(engine_of(request), wanted)
        title = gettext(N_("Visits per hour, all stations"), language(request))
        chart = hourly_svg(found.per_hour, found.hour_starts, title)
        return render(request, "today.html", session=session, today=found, chart=chart)

    @pages.get("/inside")
    def inside_page(
        request: Request,
        session: Session,
        station: str | None = None,
        page: int = 0,
        full: bool = False,
    ) -> HTMLResponse:
        if full and (refusal := _manager_only(request, session)) is not None:
            return refusal
        engine = engine_of(request)
        counts = inside_counts(engine)
        stations = [(s, counts.get(s.id, 0)) for s in list_stations(engine)]
        chosen = next((s for s, _n in stations if str(s.id) == station), None)
        page = max(page, 0)
        people = (  # masked; a page of INSIDE_SHOWN, longest inside first
            inside_now(engine, owner_id=chosen.id, limit=INSIDE_SHOWN, skip=page * INSIDE_SHOWN)
            if chosen
            else []
        )
        numbers = full_numbers(engine, people) if full and chosen else {}
        if numbers and chosen:
            record(engine, "office_unmask", {"page": "inside", "station": chosen.name,
                   "rows": len(numbers)}, actor=session.user.name)  # fmt: skip
        return render(
            request, "inside.html", session=session, stations=stations, chosen=chosen,
            people=people, total=sum(counts.values()), shown=INSIDE_SHOWN, now=utc_now(),
            page=page, chosen_count=counts.get(chosen.id, 0) if chosen else 0,
            full=full and bool(chosen), numbers=numbers,
        )  # fmt: skip

    @pages.get("/stops")
    def stops_page(request: Request, session: Session, full: bool = False) -> HTMLResponse:
        if full and (refusal := _manager_only(request, session)) is not None:
            return refusal
        engine = engine_of(request)
        stops = awaiting_disposition(engine, unmasked=full)
        if full:
            record(engine, "office_unmask", {"page": "stops", "rows": len(stops)},
                   actor=session.user.name)  # fmt: skip
        words = Wording(language(request), 37.3, 7)
        return render(
            request, "stops.html", session=session, stops=stops, full=full,
            reason=words.reason_summary,
        )  # fmt: skip

    @pages.get("/ledgers")
    def ledgers_page(request: Request, session: Session, day: str | None = None) -> HTMLResponse:
        # The ledger code (and the desk's models it shares) loads with the first ledger
        # asked for, not with every hub start.
        from checkpoint_desk.hub.community_ledger import HUB_FORMATS

        try:
            wanted = _day(day)
        except CheckpointError as exc:
            return refused(request, session, exc)
        stations = list_stations(engine_of(request))
        return render(
            request, "ledgers.html", session=session, day=wanted, stations=stations,
            formats=HUB_FORMATS,
        )  # fmt: skip

    @pages.get("/ledgers/download")
    def download(
        request: Request,
        session: Session,
        day: str,
        format: str = "csv",
        station: str | None = None,
        unmasked: bool = False,
    ) -> Response:
        from checkpoint_desk.export.csv_ledger import render_csv
        from checkpoint_desk.export.xlsx_ledger import render_xlsx
        from checkpoint_desk.hub.community_ledger import HUB_FORMATS, build_hub_ledger

        if unmasked and (refusal := _manager_only(request, session)) is not None:
            return refusal
        engine = engine_of(request)
        try:
            wanted = parse_day(day)
            if format not in HUB_FORMATS:
                return message(request, session, N_("The hub exports csv or xlsx, not {format}."),
                               status=400, format=format)  # fmt: skip
            only = None
            if station:
                named = {str(s.id): s.name for s in list_stations(engine)}
                if station not in named:
                    return message(request, session, N_("No such station."), status=404)
                only = (uuid.UUID(station), named[station])
            ledger = build_hub_ledger(
                engine, wanted, lang=language(request), unmasked=unmasked, only=only
            )
        except CheckpointError as exc:
            return refused(request, session, exc)
        data = render_csv(ledger) if format == "csv" else render_xlsx(ledger)
        name = f"hub-ledger-{wanted.isoformat()}{'-' + only[1] if only else ''}"
        name += ("-unmasked" if unmasked else "") + f".{format}"
        record(
            engine, "export_unmasked" if unmasked else "export",
            {"day": wanted.isoformat(), "file": name, "rows": len(ledger.rows), "via": "office"},
            actor=session.user.name,
        )  # fmt: skip
        from urllib.parse import quote

        return Response(
            data,
            media_type="text/csv; charset=utf-8" if format == "csv" else XLSX,
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
                "Cache-Control": "no-store",
            },
        )

    @pages.get("/stations")
    def stations_page(request: Request, session: Session) -> HTMLResponse:
        return _stations(request, session)

    def _stations(
        request: Request, session: Session, *, enrolled: tuple[str, str] | None = None
    ) -> HTMLResponse:
        from cryptography.hazmat.primitives import serialization

        from checkpoint_desk.codes.keys import kid_for_public_key

        identity = load_identity_for(request)
        rows = []
        for found in list_stations(engine_of(request)):
            fingerprint = None
            if found.public_key:
                key = serialization.load_pem_public_key(found.public_key.encode("ascii"))
                fingerprint = kid_for_public_key(key).hex()
            rows.append((found, fingerprint))
        qr = _qr_svg(enrolled[1]) if enrolled else None
        return render(
            request, "stations.html", session=session, stations=rows,
            hub_fingerprint=identity.pin.fingerprint, enrolled=enrolled, qr=qr,
        )  # fmt: skip

    @pages.post("/stations")
    async def register(request: Request, session: Session) -> Response:
        form = await _form(request)
        if refusal := _csrf_refused(request, session, form) or _manager_only(request, session):
            return refusal
        engine = engine_of(request)
        try:
            found, token = add_station(engine, form.get("name", ""))
        except CheckpointError as exc:
            return refused(request, session, exc)
        record(engine, "station_added", {"station": found.name, "id": str(found.id)},
               actor=session.user.name)  # fmt: skip
        code = enrolment_code(token, load_identity_for(request).pin)
        return _stations(request, session, enrolled=(found.name, code))

    @pages.post("/stations/token")
    async def rotate(request: Request, session: Session) -> Response:
        form = await _form(request)
        if refusal := _csrf_refused(request, session, form) or _manager_only(request, session):
            return refusal
        engine = engine_of(request)
        name = form.get("name", "")
        try:
            token = new_token(engine, name)
        except CheckpointError as exc:
            return refused(request, session, exc)
        record(engine, "station_new_token", {"station": name}, actor=session.user.name)
        code = enrolment_code(token, load_identity_for(request).pin)
        return _stations(request, session, enrolled=(name, code))

    @pages.get("/reference")
    def reference_page(request: Request, session: Session) -> HTMLResponse:
        return render(
            request, "reference.html", session=session, kinds=reference_form.OFFICE_KINDS,
            kind="deny_list", text="", change=None,
        )  # fmt: skip

    @pages.post("/reference/preview")
    async def preview(request: Request, session: Session) -> Response:
        form = await _form(request)
        if (refusal := _csrf_refused(request, session, form)) is not None:
            return refusal
        kind, text = form.get("kind", ""), form.get("text", "")
        try:
            change = await run_in_threadpool(reference_form.preview, engine_of(request), kind, text)
        except CheckpointError as exc:
            return refused(request, session, exc)
        return render(
            request, "reference.html", session=session, kinds=reference_form.OFFICE_KINDS,
            kind=kind, text=text, change=change,
        )  # fmt: skip

    @pages.post("/reference/publish")
    async def publish_reference(request: Request, session: Session) -> Response:
        form = await _form(request)
        if refusal := _csrf_refused(request, session, form) or _manager_only(request, session):
            return refusal
        engine = engine_of(request)
        kind = form.get("kind", "")
        try:
            payload = reference_form.proposed(engine, kind, form.get("text", ""))
            out = publish(engine, kind, payload)
        except CheckpointError as exc:
            return refused(request, session, exc)
        record(engine, "reference_change", {"kind": out.kind, "version": out.version},
               actor=session.user.name)  # fmt: skip
        return message(request, session, N_("Published {kind} version {version}"), status=200,
                       kind=out.kind, version=out.version)  # fmt: skip

    return pages


def load_identity_for(request: Request) -> HubIdentity:
    """The hub's keys (``create_app`` keeps them on the app)."""
    identity: HubIdentity = request.app.state.identity
    return identity


def _qr_svg(code: str) -> str:
    """The enrolment code as an inline SVG QR (what ``add-station --qr`` writes as PNG)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        code,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


def install(app: FastAPI) -> None:
    """Add the office's pages to the hub app (and send anyone not logged in to the login)."""

    async def _login_needed(_request: Request, _exc: Exception) -> Response:
        return RedirectResponse(PREFIX + "/login", status_code=303)

    app.add_exception_handler(LoginNeeded, _login_needed)
    app.include_router(router())
