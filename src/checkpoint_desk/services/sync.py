"""Sync use-cases: enrolment, one round now, the background worker, USB bundles.

The hub address is the ``hub_url`` setting; the station's token lives in
``hub-token`` and the hub's pinned keys in ``hub-pin.json`` in the data directory
(owner-only, 0600), never in settings.json. Enrolling (or changing the hub) takes a
supervisor's approval and is audited (``hub_change``). Plain ``http://`` is refused
for any hub not on this machine unless the ``hub_allow_plain_http`` setting allows it.
Enrolling with an address first greets the hub with the code (``EnrolmentRefused``
when it does not answer, does not know the code, has it bound to another desk or
holds other keys) and changes nothing unless the greeting is answered and signed.
``configure_hub`` is the one enrolment: ``sync --enrol`` and the desk's window call it.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.atomic_write import OWNER_ONLY, write_atomic
from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import DataDirError, ValidationError
from checkpoint_desk.i18n import N_
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.anchors import anchor_head, station_key
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.roles import SupervisorApproval, require_supervisor
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.models import ReferenceData
from checkpoint_desk.store.station_key import has_station_key, load_station_key
from checkpoint_desk.store.vault import vault_of
from checkpoint_desk.sync import outbox
from checkpoint_desk.sync.bundle import BundleWritten, ReceiptApplied, apply_receipt, export_bundle
from checkpoint_desk.sync.client import (
    HubAuthError,
    HubClient,
    HubError,
    HubRefused,
    HubUnreachable,
    SyncNotConfigured,
)
from checkpoint_desk.sync.hub_pin import (
    Enrolment,
    HubPin,
    UntrustedHub,
    load_pin,
    parse_enrolment,
    save_pin,
)
from checkpoint_desk.sync.reference import age_of
from checkpoint_desk.sync.round import SyncReport, sync_round
from checkpoint_desk.sync.wire import MAX_BATCH, PushBatch
from checkpoint_desk.sync.worker import SyncState, SyncWorker

TOKEN_FILE = "hub-token"


def token_path(data_dir: DataDir) -> Path:
    return data_dir.root / TOKEN_FILE


def save_hub_token(data_dir: DataDir, token: str) -> None:
    """Keep the station token in an owner-only file (replaced atomically)."""
    path = token_path(data_dir)
    try:
        write_atomic(path, (token.strip() + "\n").encode("utf-8"), mode=OWNER_ONLY)
    except OSError as exc:
        raise DataDirError(
            N_("Cannot save the hub token in {path}: {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from exc


def load_hub_token(data_dir: DataDir) -> str | None:
    try:
        token = token_path(data_dir).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataDirError(
            N_("Cannot read the hub token in {path}: {reason}"),
            path=str(token_path(data_dir)),
            reason=exc.strerror or str(exc),
        ) from exc
    return token or None


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_hub_url(url: str, settings: Settings) -> str:
    """The address if this desk may use it; ValidationError otherwise.

    ``https://`` always; ``http://`` only to this machine, unless the office allows it
    (``hub_allow_plain_http``): ID numbers must not cross a network in the clear.
    """
    url = url.strip()
    parsed = _scheme_and_host(url)
    if parsed is None:
        raise ValidationError("hub_url", N_("Not a hub address: {url}"), url=url)
    scheme, host = parsed
    if scheme == "https":
        return url
    if scheme == "http" and (_loopback(host) or settings.values.hub_allow_plain_http):
        return url
    raise ValidationError(
        "hub_url",
        N_(
            "Refused: {url} is plain http:// to another machine. Use https://, or the "
            "office must allow plain http in the settings."
        ),
        url=url,
    )


def _scheme_and_host(url: str) -> tuple[str, str] | None:
    """(scheme, host) of an http(s) URL, or None."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.scheme, parts.hostname


class EnrolmentRefused(HubError):
    """The hub did not take the enrolment code; ``kind`` says why, nothing changed:
    ``hub_silent`` (no answer), ``code_unknown`` (replaced or removed at the office),
    ``code_used`` (another desk enrolled with it), ``desk_claimed`` (this desk is bound
    to another token), ``wrong_hub`` (other keys)."""

    def __init__(self, kind: str, message: str, **args_: object) -> None:
        self.kind = kind
        super().__init__(message, **args_)


USED = "station_mismatch"  # the hub's code: the token is bound to another desk
CLAIMED = "station_claimed"  # this desk is bound to another of the hub's tokens
NOT_SEALED = "not_sealed_for_this_hub"  # the hub cannot open what was sealed to the code


def greet_hub(
    engine: Engine, data_dir: DataDir, url: str, enrolment: Enrolment, *, timeout: float = 15.0
) -> None:
    """Send this desk's station alone to ``url`` with the code's token, sealed to the
    code's hub key; the answer must be signed by the code's hub key. The hub binds
    the token to this desk (as any first push does). EnrolmentRefused otherwise."""
    station = outbox.station_header(engine, data_dir.keys)
    try:
        with _client(engine, data_dir, url, enrolment.token, enrolment.pin, timeout) as client:
            client.push(PushBatch.model_construct(station=station))
    except HubUnreachable as exc:
        raise EnrolmentRefused(
            "hub_silent",
            N_(
                "Cannot reach the hub at {url}: it does not answer ({reason}). Nothing was "
                "changed: check the address and the network, or leave the address empty to "
                "enrol for USB only."
            ),
            url=url,
            reason=exc.args_.get("reason", exc.args_.get("status", "")),
        ) from exc
    except HubAuthError as exc:
        raise EnrolmentRefused(
            "code_unknown",
            N_(
                "The hub does not know this code's token: it was replaced or removed at the "
                "office. Ask the office for a new enrolment code."
            ),
        ) from exc
    except HubRefused as exc:
        if exc.code == CLAIMED:
            raise EnrolmentRefused(
                "desk_claimed",
                N_(
                    "The hub already has this desk under another station entry. The office "
                    "rotates that station's token (Stations page) and gives this desk its code."
                ),
            ) from exc
        if exc.code == USED:
            raise EnrolmentRefused(
                "code_used",
                N_(
                    "This enrolment code was already used by another desk. Ask the office for "
                    "a new code (Stations page: rotate the token)."
                ),
            ) from exc
        if exc.code == NOT_SEALED:
            raise _wrong_hub(url, enrolment.pin) from exc
        raise
    except UntrustedHub as exc:
        raise _wrong_hub(url, enrolment.pin) from exc


def _wrong_hub(url: str, pin: HubPin) -> EnrolmentRefused:
    return EnrolmentRefused(
        "wrong_hub",
        N_(
            "The hub at {url} does not hold the keys in this code (fingerprint "
            "{fingerprint}): it is another hub, or the code is not its. Nothing was changed."
        ),
        url=url,
        fingerprint=pin.fingerprint,
    )


def configure_hub(
    engine: Engine,
    data_dir: DataDir,
    settings: Settings,
    url: str | None,
    code: str,
    *,
    approval: SupervisorApproval | None,
    clock: Clock = utc_now,
    timeout: float = 15.0,
) -> HubPin:
    """Enrol with (or change to) the hub at ``url`` with its enrolment ``code``.

    Without ``url`` (a station that only sends USB bundles) the address is kept and
    no hub is asked. With one, the hub is greeted first (``greet_hub``): nothing is
    saved when it refuses.

    A supervisor's act: audited as ``hub_change`` (address and the hub's key
    fingerprint, never the token). Returns the pinned hub keys.
    """
    approved = require_supervisor(approval, clock=clock)
    enrolment = parse_enrolment(code)
    if url is not None:
        url = check_hub_url(url, settings)
        greet_hub(engine, data_dir, url, enrolment, timeout=timeout)
    save_hub_token(data_dir, enrolment.token)
    save_pin(data_dir.root, enrolment.pin)
    if url is not None:
        settings.set("hub_url", url)
        settings.save()
    with Session(engine) as session:
        record(
            session,
            "hub_change",
            {"url": url, "fingerprint": enrolment.pin.fingerprint},
            station_id=approved.station_id,
            operator_id=approved.supervisor_id,
            clock=clock,
        )
        session.commit()
    return enrolment.pin


def _connection(engine: Engine, data_dir: DataDir, settings: Settings, timeout: float) -> HubClient:
    url = settings.values.hub_url.strip()
    token = load_hub_token(data_dir)
    pin = load_pin(data_dir.root)
    if not url or not token or pin is None:
        raise SyncNotConfigured(
            N_("No hub set up yet. Run: checkpoint-desk sync --hub URL --enrol CODE")
        )
    try:
        url = check_hub_url(url, settings)
    except ValidationError as exc:
        raise HubRefused("plain_http", exc.message, **exc.args_) from exc
    return _client(engine, data_dir, url, token, pin, timeout)


def _client(
    engine: Engine, data_dir: DataDir, url: str, token: str, pin: HubPin, timeout: float
) -> HubClient:
    signer = (
        load_station_key(data_dir.keys, vault_of(engine))
        if has_station_key(data_dir.keys)
        else None
    )
    return HubClient(url, token, timeout, pin=pin, signer=signer)


def sync_now(
    engine: Engine,
    data_dir: DataDir,
    settings: Settings,
    *,
    clock: Clock = utc_now,
    batch_size: int = MAX_BATCH,
    timeout: float = 30.0,
) -> SyncReport:
    """One round: push the outbox, pull reference data.

    Raises SyncNotConfigured without a hub address and token; every other problem
    is in the report's ``errors`` (and nothing unacknowledged is marked synced). New
    ``settings`` from the hub are applied (``apply_hub_settings``).
    """
    station = outbox.station_header(engine, data_dir.keys)
    with _connection(engine, data_dir, settings, timeout) as client:
        anchor_head(engine, station_key(engine, data_dir.keys), "sync", clock=clock)  # sent
        report = sync_round(
            engine, client, station, data_dir.trust_list, batch_size=batch_size, clock=clock
        )
    if "settings" in report.pulled_kinds:
        apply_hub_settings(engine, data_dir, settings, station_id=station.id, clock=clock)
    return report


HUB_POLICY = (
    "fever_threshold_c",
    "nat_validity_days",
    "duplicate_window_s",
    "retention_days",
    "household_exit_quota",
)
"""Settings the community office decides for every station (reference kind ``settings``)."""


def apply_hub_settings(
    engine: Engine,
    data_dir: DataDir,
    settings: Settings,
    *,
    station_id: uuid.UUID | None = None,
    clock: Clock = utc_now,
) -> dict[str, object]:
    """Take the office's policy values into this desk's settings; returns what changed.

    Only ``HUB_POLICY`` keys are taken, each checked like a value typed here (a bad
    one is skipped); each change is an audit entry (``hub_settings``).
    """
    with Session(engine) as session:
        row = session.get(ReferenceData, "settings")
        payload = row.payload if row is not None else None
    values = payload.get("values", {}) if isinstance(payload, dict) else {}
    changed: dict[str, object] = {}
    for key in HUB_POLICY:
        if key not in values:
            continue
        old = settings.get(key)
        try:
            new = settings.set(key, values[key])
        except ValidationError:
            continue
        if new != old:
            changed[key] = new
    if changed:
        settings.save()
        with Session(engine) as session:
            record(session, "hub_settings", changed, station_id=station_id, clock=clock)
            session.commit()
    return changed


def hub_configured(data_dir: DataDir, settings: Settings) -> bool:
    """Whether a hub address, a station token and the hub's keys are set."""
    return (
        bool(settings.values.hub_url.strip())
        and bool(load_hub_token(data_dir))
        and load_pin(data_dir.root) is not None
    )


def reference_age_s(engine: Engine, kind: str, *, clock: Clock = utc_now) -> float | None:
    """Seconds since the hub last confirmed ``kind`` (e.g. ``trust_list``); None: never."""
    return age_of(engine, kind, clock=clock)


def make_sync_worker(
    engine: Engine,
    data_dir: DataDir,
    settings: Settings | None = None,
    *,
    interval_s: float = 60.0,
    base_s: float = 5.0,
    max_s: float = 600.0,
    on_change: Callable[[SyncState], None] | None = None,
    clock: Clock = utc_now,
) -> SyncWorker:
    """A background worker doing ``sync_now`` rounds; call ``start()``, then ``stop()``.

    Without ``settings`` each round reads ``settings.json`` afresh, so a hub address
    changed elsewhere (settings dialog, ``sync --hub``) is used from the next round;
    call ``sync_soon()`` after such a change. ``on_change`` is called from the worker
    thread with each new ``SyncState``.
    """

    def run_round() -> SyncReport:
        current = settings if settings is not None else Settings.load(data_dir.settings_file)
        return sync_now(engine, data_dir, current, clock=clock)

    return SyncWorker(
        run_round,
        interval_s=interval_s,
        base_s=base_s,
        max_s=max_s,
        on_change=on_change,
        clock=clock,
    )


def _pinned(data_dir: DataDir) -> HubPin:
    pin = load_pin(data_dir.root)
    if pin is None:
        raise SyncNotConfigured(
            N_(
                "This desk has not enrolled with its hub yet. Run: checkpoint-desk "
                "sync --hub URL --enrol CODE (the code from checkpoint-hub add-station)"
            )
        )
    return pin


def write_bundle(
    engine: Engine, data_dir: DataDir, out: Path, *, clock: Clock = utc_now
) -> BundleWritten:
    """``bundle export``: the waiting records, sealed to the pinned hub, signed, in ``out``."""
    pin = _pinned(data_dir)
    station = outbox.station_header(engine, data_dir.keys)
    return export_bundle(engine, data_dir.keys, pin, station, out, clock=clock)


def import_receipt(
    engine: Engine, data_dir: DataDir, path: Path, *, clock: Clock = utc_now
) -> ReceiptApplied:
    """``bundle receipt``: mark what the pinned hub signed as acknowledged."""
    pin = _pinned(data_dir)
    station = outbox.station_header(engine, data_dir.keys)
    return apply_receipt(engine, station.id, pin, path, clock=clock)
