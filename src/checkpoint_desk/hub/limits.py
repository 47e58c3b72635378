"""Caps on request bodies, enforced before the body is read or parsed.

A declared ``Content-Length`` over the cap is refused at once (the body is never
read); a body without one (chunked) is counted as it streams and refused as soon as
it passes the cap. ``value_count`` bounds what a body under the cap may unpack into
(15 MB of ``{},`` is five million objects) before any JSON parser sees it.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def value_count(body: bytes) -> int:
    """An upper bound on the JSON values in ``body``, counted at C speed.

    Every value but the first of a container follows a comma, and every container
    opens with a bracket, so commas plus opening brackets (plus one) bound the values
    a parser would build. Commas inside strings count too: a legitimate batch full of
    them is at worst refused as too large, and the desk then sends smaller batches.
    """
    return body.count(b",") + body.count(b"[") + body.count(b"{") + 1


class BodyTooLarge(Exception):
    """Raised inside the app when a streamed body passes the cap."""


async def _refuse(send: Send, status: int, code: str, reason: str) -> None:
    body = json.dumps({"error": code, "reason": reason, "detail": []}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """ASGI middleware: 413 for a body larger than ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await _refuse(send, 400, "bad_length", "Content-Length is not a number")
                return
            if length > self.max_bytes:
                await _refuse(send, 413, "too_large", f"body over {self.max_bytes} bytes")
                return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _refuse(send, 413, "too_large", f"body over {self.max_bytes} bytes")
