"""The hub's HTTP API (version 1), a FastAPI app made by ``create_app(db_url)``.

Every answer that is not a success is JSON ``{"error", "reason", "detail"}``; bad
input gets a 4xx, never a 500. Bodies are capped (``limits.BodySizeLimit``) and
validated item by item, so one bad visit does not sink its batch.
"""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from checkpoint_desk import __version__
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.hub import anchors, reference
from checkpoint_desk.hub.database import hub_home, open_hub_database
from checkpoint_desk.hub.identity import HubIdentity, load_identity
from checkpoint_desk.hub.ingest import Sorted, explain, ingest, sort_batch, sort_items
from checkpoint_desk.hub.limits import BodySizeLimit, value_count
from checkpoint_desk.hub.rate_limit import FAILED_AUTH_CAPACITY, FAILED_AUTH_RATE, RateLimiter
from checkpoint_desk.hub.stations import (
    HubStation,
    StationConflict,
    authenticate,
    bind,
    station_signed,
)
from checkpoint_desk.sync.hub_pin import (
    ACK_CONTEXT,
    REFERENCE_CONTEXT,
    REFERENCE_SIGNATURE_HEADER,
    ack_content,
)
from checkpoint_desk.sync.sealing import CONTENT_TYPE as SEALED
from checkpoint_desk.sync.sealing import PUSH_CONTEXT, SIGNATURE_HEADER, SealError
from checkpoint_desk.sync.wire import (
    API_PREFIX,
    KINDS,
    MAX_BATCH,
    MAX_BODY_BYTES,
    MAX_PUSH_VALUES,
    PushBatch,
    PushResult,
    ReferenceOut,
    StationIn,
)

log = logging.getLogger("checkpoint_desk.hub")


class ApiError(Exception):
    """An answer other than success: HTTP status, stable code, reason in words."""

    def __init__(
        self,
        status: int,
        code: str,
        reason: str,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(reason)
        self.status = status
        self.code = code
        self.reason = reason
        self.detail = detail or []
        self.headers = headers or {}


def _error(status: int, code: str, reason: str, detail: Any = None, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"error": code, "reason": reason, "detail": detail or []},
        status_code=status,
        headers=headers or None,
    )


bearer = HTTPBearer(auto_error=False, description="the station's token from add-station")


def station_from_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> HubStation:
    """The station whose bearer token came with the request, else 401."""
    failures: RateLimiter = request.app.state.auth_failures
    address = request.client.host if request.client else "unknown"
    wait = failures.waiting(address)
    if wait:  # before the token is looked at: guessing gets nothing but time
        raise ApiError(
            429,
            "rate_limited",
            f"too many failed sign-ins from this address: retry in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    if credentials is None or credentials.scheme.lower() != "bearer":
        failures.take(address)
        raise ApiError(401, "unauthorised", "a station token is needed (Bearer)")
    found = authenticate(request.app.state.engine, credentials.credentials)
    if found is None:
        failures.take(address)
        raise ApiError(401, "unauthorised", "unknown station token")
    wait = request.app.state.rate_limiter.take(found.id)
    if wait:
        raise ApiError(
            429,
            "rate_limited",
            f"too many requests from this station: retry in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    return found


Station = Annotated[HubStation, Depends(station_from_token)]


def _sort_raw(body: bytes) -> tuple[StationIn, Sorted]:
    """A batch that did not validate as a whole: check its shape, then item by item."""
    try:
        raw = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise ApiError(400, "malformed_json", f"the body is not JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise ApiError(422, "invalid", "the body must be a JSON object")
    try:
        claimed = StationIn.model_validate_json(json.dumps(raw.get("station")))
    except PydanticValidationError as exc:
        raise ApiError(422, "invalid", "station: " + explain(exc)) from exc
    unknown = set(raw) - {"station", "operators", "shifts", "visits", "audit"}
    if unknown:
        names = ", ".join(sorted(repr(name[:64]) for name in unknown)[:10])
        raise ApiError(422, "invalid", f"unknown fields: {names}")
    for kind in KINDS:
        items = raw.get(kind)
        if isinstance(items, list) and len(items) > MAX_BATCH:
            raise ApiError(413, "too_large", f"more than {MAX_BATCH} {kind} in one push")
    return claimed, sort_items(raw)


def create_app(
    db_url: str | None = None,
    *,
    engine: Engine | None = None,
    rate_limiter: RateLimiter | None = None,
    auth_limiter: RateLimiter | None = None,
    identity: HubIdentity | None = None,
) -> FastAPI:
    """The hub app on ``db_url`` (migrated on creation) or on an open ``engine``.

    ``identity`` (default: the keys in the hub's data directory) opens sealed pushes
    and signs every push answer.

    Each station's requests go through ``rate_limiter`` (a token bucket per station,
    default 120 at once then 20/s): over it, 429 with ``Retry-After``. Failed
    authentications go through ``auth_limiter`` per client address (default 10 at
    once, then one per 6 s); behind a reverse proxy, run uvicorn with proxy headers
    so that the address is the client's, not the proxy's.
    """
    db = engine or open_hub_database(db_url)
    app = FastAPI(
        title="Checkpoint Hub",
        version=__version__,
        description="Checkpoint Desk stations push records and pull reference data.",
    )
    app.state.engine = db
    hub_keys = identity or load_identity(hub_home())
    app.state.rate_limiter = rate_limiter or RateLimiter()
    app.state.auth_failures = auth_limiter or RateLimiter(FAILED_AUTH_CAPACITY, FAILED_AUTH_RATE)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)

    @app.exception_handler(ApiError)
    async def _hub_error(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        headers.update(exc.headers)
        return _error(exc.status, exc.code, exc.reason, exc.detail, **headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return _error(422, "invalid", "the request is not valid", detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, f"http_{exc.status_code}", str(exc.detail))

    @app.exception_handler(SQLAlchemyError)
    async def _database(_request: Request, exc: SQLAlchemyError) -> JSONResponse:
        log.error("database error: %s", exc)
        return _error(503, "database_unavailable", "the hub database is not available now")

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        return _error(500, "internal", "the hub failed unexpectedly; see its log")

    app.include_router(anchors.router(station_from_token))  # audit anchors (issue 14)

    @app.get("/health", tags=["hub"])
    def health() -> dict[str, str]:
        """The hub is up and its database answers."""
        with db.connect() as conn:
            conn.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__, "database": db.dialect.name}

    @app.post(
        f"{API_PREFIX}/push",
        tags=["sync"],
        response_model=PushResult,
        responses={400: {}, 401: {}, 403: {}, 409: {}, 413: {}, 422: {}},
    )
    async def push(request: Request, hub_station: Station) -> JSONResponse:
        """Store a batch of a station's records; answers with what the hub now holds.

        Each item is validated on its own: the good ones are stored, the bad ones come
        back in ``rejected`` with the reason. Replaying a batch changes nothing.
        """
        body = await request.body()
        sealed = request.headers.get("content-type", "").startswith(SEALED)
        signature = request.headers.get(SIGNATURE_HEADER)
        return await run_in_threadpool(_push, body, hub_station, sealed, signature)

    def _push(
        body: bytes, hub_station: HubStation, sealed: bool, signature: str | None
    ) -> JSONResponse:
        raw = body
        if sealed:
            try:
                body = hub_keys.open(body, PUSH_CONTEXT)
            except SealError as exc:
                raise ApiError(400, "not_sealed_for_this_hub", str(exc)) from exc
        if value_count(body) > MAX_PUSH_VALUES:  # refused before any parsing (failure 7)
            raise ApiError(
                413, "too_large", f"more than {MAX_PUSH_VALUES} values in one push: send less"
            )
        try:  # the common case: the whole batch is valid (parsed once, fast)
            batch = PushBatch.model_validate_json(body)
            claimed, items = batch.station, sort_batch(batch)
        except PydanticValidationError:
            claimed, items = _sort_raw(body)
        key = claimed.public_key or hub_station.public_key
        if key and not station_signed(key, PUSH_CONTEXT + raw, signature):
            # A token alone is not enough: the push must be signed by the station's key
            # (the one it claims, which must be the bound one: proof of possession).
            raise ApiError(403, "signature_invalid", "the push is not signed by the station key")
        try:
            bound = bind(
                db, hub_station, claimed.id, claimed.public_key, community=claimed.community
            )
        except StationConflict as exc:
            raise ApiError(
                409 if exc.code == "station_claimed" else 403, exc.code, str(exc)
            ) from exc
        except ValidationError as exc:
            raise ApiError(422, exc.code, str(exc)) from exc
        assert bound.desk_station_id is not None
        result = ingest(db, bound.id, bound.desk_station_id, items)
        signature = hub_keys.sign(ACK_CONTEXT, ack_content(bound.desk_station_id, result.accepted))
        signed = result.model_copy(update={"signature": signature})
        return JSONResponse(signed.model_dump(mode="json"))

    @app.get(
        f"{API_PREFIX}/reference/{{kind}}",
        tags=["sync"],
        response_model=ReferenceOut,
        responses={304: {}, 401: {}, 404: {}},
    )
    def get_reference(kind: str, request: Request, _station: Station) -> Response:
        """One kind of reference data; ``If-None-Match`` with its ETag answers 304."""
        try:
            found = reference.current(db, kind)
        except ValidationError as exc:
            raise ApiError(404, exc.code, str(exc)) from exc
        if found is None:
            raise ApiError(404, "no_data", f"the hub has no {kind} yet")
        headers = {"ETag": found.etag, "Cache-Control": "no-cache"}
        headers[REFERENCE_SIGNATURE_HEADER] = hub_keys.sign(
            REFERENCE_CONTEXT, {"kind": found.kind, "etag": found.etag}
        )
        wanted = request.headers.get("if-none-match", "")
        if found.etag in [tag.strip() for tag in wanted.split(",")]:
            return Response(status_code=304, headers=headers)
        return JSONResponse(found.model_dump(mode="json"), headers=headers)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        batch = PushBatch.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(batch.pop("$defs", {}))
        components["PushBatch"] = batch
        schema["paths"][f"{API_PREFIX}/push"]["post"]["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushBatch"}}},
        }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
