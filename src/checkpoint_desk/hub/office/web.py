"""What every office page shares: templates, the language, the login, CSRF, answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine

from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.hub.office.sessions import COOKIE, OfficeSession, session_for
from checkpoint_desk.i18n import LANGUAGES, N_, gettext

LANG_COOKIE = "office_lang"
PREFIX = "/office"
_HERE = Path(str(files("checkpoint_desk.hub.office")))
_env = Environment(
    loader=FileSystemLoader(_HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
STYLE = (_HERE / "office.css").read_text(encoding="utf-8")


class LoginNeeded(Exception):
    """No live session: the page answers with a redirect to the login."""


def language(request: Request) -> str:
    """The language chosen on the page (a cookie), else the browser's, else zh_CN."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return str(chosen)
    ranked = []
    for part in request.headers.get("accept-language", "").split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            continue
        ranked.append((-weight, tag.strip().lower()))
    for _weight, tag in sorted(ranked):
        if tag.startswith("zh"):
            return "zh_CN"
        if tag.startswith("en"):
            return "en"
    return "zh_CN"


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def current_session(request: Request) -> OfficeSession:
    """The request's office session (a FastAPI dependency); LoginNeeded without one."""
    found = session_for(engine_of(request), request.cookies.get(COOKIE))
    if found is None:
        raise LoginNeeded
    return found


def address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _stale(delta: timedelta | None, t: Callable[[str], str]) -> str:
    if delta is None:
        return t(N_("never"))
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return t(N_("just now"))
    if minutes < 120:
        return t(N_("{minutes} min ago")).format(minutes=minutes)
    return t(N_("{hours} h ago")).format(hours=minutes // 60)


def _duration(delta: timedelta, t: Callable[[str], str]) -> str:
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return t(N_("{minutes} min")).format(minutes=minutes)
    return t(N_("{hours} h {minutes} min")).format(hours=minutes // 60, minutes=minutes % 60)


def _local(moment: datetime | None, fmt: str = "%H:%M") -> str:
    return moment.astimezone().strftime(fmt) if moment else "—"


def render(
    request: Request,
    template: str,
    *,
    session: OfficeSession | None,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    lang = language(request)

    def t(text: str) -> str:
        return gettext(text, lang)

    page = _env.get_template(template).render(
        _=t,
        lang=lang,
        style=STYLE,
        session=session,
        path=request.url.path,
        stale=lambda delta: _stale(delta, t),
        duration=lambda delta: _duration(delta, t),
        local=_local,
        status=status,
        **context,
    )
    response = HTMLResponse(page, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
        "frame-ancestors 'none'"
    )
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def message(
    request: Request, session: OfficeSession | None, text: str, *, status: int, **args: object
) -> HTMLResponse:
    """A page with one line (``text`` marked N_, with its values): what was refused, why."""
    line = gettext(text, language(request)).format(**args)
    return render(request, "message.html", session=session, status=status, text=line)


def refused(request: Request, session: OfficeSession | None, exc: CheckpointError) -> HTMLResponse:
    """A CheckpointError as a one-line page in the reader's language (400)."""
    return render(
        request, "message.html", session=session, status=400, text=exc.translated(language(request))
    )


def to(path: str) -> RedirectResponse:
    return RedirectResponse(PREFIX + path, status_code=303)
