"""Talking to the hub over HTTP (httpx): push batches, pull reference data.

A push is sealed to the pinned hub's X25519 key and signed with the station key;
its answer counts only when the pinned hub's Ed25519 key signed it (``hub_pin.py``).
"""

from __future__ import annotations

import base64
from types import TracebackType
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError as PydanticValidationError

from checkpoint_desk import __version__
from checkpoint_desk.errors import CheckpointError
from checkpoint_desk.i18n import N_
from checkpoint_desk.sync.hub_pin import (
    ACK_CONTEXT,
    REFERENCE_CONTEXT,
    REFERENCE_SIGNATURE_HEADER,
    HubPin,
    UntrustedHub,
    ack_content,
)
from checkpoint_desk.sync.sealing import CONTENT_TYPE as SEALED
from checkpoint_desk.sync.sealing import PUSH_CONTEXT, SIGNATURE_HEADER, seal
from checkpoint_desk.sync.wire import API_PREFIX, PushBatch, PushResult, ReferenceOut, etag_for


class HubError(CheckpointError):
    """Sync with the hub did not work; the message says why in plain words."""

    exit_code = 6


class SyncNotConfigured(HubError):
    """No hub address or token yet."""


class HubUnreachable(HubError):
    """No answer from the hub (network down, hub stopped, wrong address)."""


class HubAuthError(HubError):
    """The hub does not know the station's token."""


class HubRefused(HubError):
    """The hub answered with an error; ``code`` is its stable reason code."""

    def __init__(self, code: str, message: str, **args_: object) -> None:
        self.code = code
        super().__init__(message, **args_)


def _reason(response: httpx.Response) -> tuple[str, str]:
    try:
        body = response.json()
    except ValueError:
        return f"http_{response.status_code}", response.text[:200]
    if isinstance(body, dict):
        return str(body.get("error", response.status_code)), str(body.get("reason", ""))[:500]
    return f"http_{response.status_code}", str(body)[:200]


class HubClient:
    """One station's connection to the hub; use as a context manager or ``close()``."""

    def __init__(
        self,
        url: str,
        token: str,
        timeout: float = 30.0,
        *,
        pin: HubPin | None = None,
        signer: Ed25519PrivateKey | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self._pin = pin
        self._signer = signer
        self._http = httpx.Client(
            base_url=self.url,
            headers={
                "Authorization": f"Bearer {token}",
                "User-Agent": f"checkpoint-desk/{__version__}",
            },
            timeout=timeout,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise HubUnreachable(
                N_("Cannot reach the hub at {url}: {reason}"),
                url=self.url,
                reason=str(exc) or type(exc).__name__,
            ) from exc
        if response.status_code == 401:
            raise HubAuthError(
                N_("The hub does not accept this station's token. Ask the office for a new one.")
            )
        if response.status_code >= 500:
            raise HubUnreachable(
                N_("The hub at {url} has a problem (HTTP {status}); trying again later."),
                url=self.url,
                status=response.status_code,
            )
        if response.status_code >= 400 and response.status_code != 404:
            code, reason = _reason(response)
            raise HubRefused(code, N_("The hub refused the request: {reason}"), reason=reason)
        return response

    def health(self) -> dict[str, Any]:
        data: dict[str, Any] = self._request("GET", "/health").json()
        return data

    def push(self, batch: PushBatch) -> PushResult:
        """Send one batch; the hub's answer says which items it now holds.

        Nothing is sent before the desk has pinned its hub, and the answer is refused
        (UntrustedHub) unless the pinned hub signed it.
        """
        if self._pin is None:
            raise UntrustedHub(
                N_(
                    "This desk has not enrolled with its hub yet. Run: checkpoint-desk "
                    "sync --hub URL --enrol CODE (the code from checkpoint-hub add-station)"
                )
            )
        body = seal(self._pin.sealer(), batch.model_dump_json().encode("utf-8"), PUSH_CONTEXT)
        headers = {"Content-Type": SEALED}
        if self._signer is not None:
            signature = self._signer.sign(PUSH_CONTEXT + body)
            headers[SIGNATURE_HEADER] = base64.b64encode(signature).decode("ascii")
        response = self._request("POST", f"{API_PREFIX}/push", content=body, headers=headers)
        if response.status_code == 404:
            raise HubRefused(
                "not_a_hub", N_("{url} does not look like a Checkpoint hub."), url=self.url
            )
        try:
            result = PushResult.model_validate_json(response.content)
        except PydanticValidationError as exc:
            raise HubRefused(
                "bad_answer", N_("The hub sent an answer this desk cannot read.")
            ) from exc
        content = ack_content(batch.station.id, result.accepted)
        self._pin.verify(ACK_CONTEXT, content, result.signature)
        return result

    def reference(self, kind: str, etag: str | None = None) -> ReferenceOut | None:
        """One kind of reference data; None when unchanged since ``etag`` or absent."""
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", f"{API_PREFIX}/reference/{kind}", headers=headers)
        if response.status_code in (304, 404):
            return None
        try:
            found = ReferenceOut.model_validate_json(response.content)
        except PydanticValidationError as exc:
            raise HubRefused(
                "bad_answer", N_("The hub sent an answer this desk cannot read.")
            ) from exc
        # A trust list or deny list counts only from the pinned hub, unchanged.
        if self._pin is None or found.kind != kind or etag_for(found.payload) != found.etag:
            raise UntrustedHub(N_("The hub's reference data is not signed by this station's hub."))
        signature = response.headers.get(REFERENCE_SIGNATURE_HEADER)
        self._pin.verify(REFERENCE_CONTEXT, {"kind": kind, "etag": found.etag}, signature)
        return found
