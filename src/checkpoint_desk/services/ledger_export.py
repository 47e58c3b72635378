"""Exporting a day's or a shift's ledger (台账) to CSV, XLSX or PDF, with its manifest.

Every export is an audit entry (``export``); an unmasked one is also an
``export_unmasked`` entry. The file and its manifest are written atomically: a
missing, read-only or full folder gives an ExportFolderError and leaves nothing.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from sqlmodel import Session

from checkpoint_desk.clock import Clock, utc_now
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.export.atomic import write_file_atomic
from checkpoint_desk.export.csv_ledger import render_csv
from checkpoint_desk.export.ledger_rows import Ledger, build_ledger
from checkpoint_desk.export.manifest import FORMATS, Manifest, manifest_path
from checkpoint_desk.export.pdf_font import (
    CID_FALLBACK,
    FONT_PACKAGE,
    NOT_EMBEDDED_NOTE,
    find_report_font,
)
from checkpoint_desk.export.pdf_ledger import render_pdf
from checkpoint_desk.export.xlsx_ledger import render_xlsx
from checkpoint_desk.i18n import N_, current_language, gettext
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.anchors import anchor_head
from checkpoint_desk.services.audit import record
from checkpoint_desk.services.roles import SupervisorApproval, require_supervisor
from checkpoint_desk.settings import Settings
from checkpoint_desk.store.station_key import has_station_key, load_station_key
from checkpoint_desk.store.vault import vault_of

SHIFT_CLOSE_FORMATS = ("xlsx", "pdf")


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    manifest_path: Path
    rows: int
    format: str
    masked: bool
    font: str | None = None  # the PDF's font (a file path, or the CID font's name)
    notes: tuple[str, ...] = ()  # warnings for the user, already translated


def safe_name(text: str) -> str:
    """``text`` usable in a file name on every file system (FAT USB sticks too)."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._")
    return cleaned or "station"


def export_name(ledger: Ledger, fmt: str) -> str:
    """``西门卡点-ledger-2026-11-28[-shift-1a2b3c4d][-unmasked].xlsx``."""
    parts = [safe_name(ledger.station), "ledger", ledger.day.isoformat() if ledger.day else ""]
    if ledger.shift is not None:
        parts.append(f"shift-{ledger.shift.id.hex[:8]}")
    if ledger.unmasked:
        parts.append("unmasked")
    return "-".join(p for p in parts if p) + f".{fmt}"


def export_day(
    engine: Engine,
    *,
    day: date | None,
    shift_id: uuid.UUID | None = None,
    fmt: str,
    out_dir: Path,
    unmasked: bool = False,
    approval: SupervisorApproval | None = None,
    operator_id: uuid.UUID | None = None,
    lang: str | None = None,
    clock: Clock = utc_now,
    settings: Settings | None = None,
    signing_key: Ed25519PrivateKey | None = None,
) -> ExportResult:
    """Write the ledger of ``day`` (local date) and/or shift ``shift_id`` into ``out_dir``.

    Returns where the file and its manifest are. Raises ExportFolderError for a
    missing, read-only or full folder (nothing is left behind), ExportError for an
    unknown shift, ValidationError for an unknown format. With ``signing_key`` (the
    station's key, see ``station_signing_key``) the manifest is signed and the audit
    chain's head, which is now the export's entry, anchored (``anchor_head``). An
    ``unmasked`` ledger (full ID numbers and phones) needs a supervisor's
    ``approval`` (RoleError without) and is audited as ``export_unmasked`` under them.
    """
    approved = require_supervisor(approval, clock=clock) if unmasked else None
    if fmt not in FORMATS:
        raise ValidationError(
            "export_format", N_("Unknown format {format}: choose csv, xlsx or pdf."), format=fmt
        )
    lang = lang or current_language()
    values = settings or Settings(None)
    ledger = build_ledger(
        engine,
        day=day,
        shift_id=shift_id,
        lang=lang,
        unmasked=unmasked,
        fever_threshold_c=values.values.fever_threshold_c,
        nat_validity_days=values.values.nat_validity_days,
        generated_at=clock(),
    )
    notes: list[str] = []
    font_used: str | None = None
    if fmt == "csv":
        data = render_csv(ledger)
    elif fmt == "xlsx":
        data = render_xlsx(ledger)
    else:
        font = find_report_font()
        font_used = str(font.path) if font.path else CID_FALLBACK
        if not font.embedded:
            notes.append(
                gettext(NOT_EMBEDDED_NOTE, lang).format(font=CID_FALLBACK, package=FONT_PACKAGE)
            )
        data = render_pdf(ledger, font)
    target = out_dir / export_name(ledger, fmt)
    manifest = Manifest.for_export(ledger, file=target.name, fmt=fmt, data=data)
    if signing_key is not None:
        manifest = manifest.signed_with(signing_key)
    detail = {
        "file": str(target),
        "format": fmt,
        "day": manifest.day,
        "shift_id": manifest.shift_id,
        "rows": manifest.rows,
        "masked": manifest.masked,
        "sha256": manifest.sha256,
        "signed": manifest.signature is not None,
    }
    with Session(engine) as session:
        if approved is not None:
            record(
                session,
                "export_unmasked",
                detail,
                station_id=ledger.station_id,
                operator_id=approved.supervisor_id,
                clock=clock,
            )
        record(
            session,
            "export",
            detail,
            station_id=ledger.station_id,
            operator_id=operator_id,
            clock=clock,
        )
        write_file_atomic(target, data)
        mpath = manifest_path(target)
        try:
            write_file_atomic(mpath, manifest.to_bytes())
            session.commit()
        except BaseException:
            for leftover in (target, mpath):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
            raise
    # The export's audit entry is now the chain's head: signed, it cannot be cut off.
    anchor_head(engine, signing_key, "export_unmasked" if unmasked else "export", clock=clock)
    return ExportResult(
        path=target,
        manifest_path=mpath,
        rows=manifest.rows,
        format=fmt,
        masked=manifest.masked,
        font=font_used,
        notes=tuple(notes),
    )


def station_signing_key(engine: Engine, data_dir: DataDir) -> Ed25519PrivateKey | None:
    """The station's Ed25519 key when it has one (manifests are then signed).

    The key is sealed with the vault: the engine must be unlocked.
    """
    if not has_station_key(data_dir.keys):
        return None
    return load_station_key(data_dir.keys, vault_of(engine))


def export_folder(data_dir: DataDir, settings: Settings) -> Path:
    """The configured export folder (a USB stick when set), else ``exports/``."""
    configured = settings.values.export_folder.strip()
    if configured:
        return Path(configured).expanduser()
    data_dir.exports.mkdir(parents=True, exist_ok=True, mode=0o700)
    return data_dir.exports


def export_shift_on_close(
    engine: Engine,
    data_dir: DataDir,
    shift_id: uuid.UUID,
    *,
    operator_id: uuid.UUID | None = None,
    formats: Sequence[str] = SHIFT_CLOSE_FORMATS,
    lang: str | None = None,
    clock: Clock = utc_now,
    settings: Settings | None = None,
) -> list[ExportResult]:
    """Write the closing shift's whole ledger (masked) to the export folder.

    Called when a shift closes; the caller shows ``result.path`` of each file (and
    any ``notes``). Raises like ``export_day``. ``settings``: the desk's owner (without:
    read from the file).
    """
    if settings is None:
        settings = Settings.load(data_dir.settings_file)
    folder = export_folder(data_dir, settings)
    key = station_signing_key(engine, data_dir)
    return [
        export_day(
            engine,
            day=None,
            shift_id=shift_id,
            fmt=fmt,
            out_dir=folder,
            operator_id=operator_id,
            lang=lang or (settings.values.language or None),
            clock=clock,
            settings=settings,
            signing_key=key,
        )
        for fmt in formats
    ]
