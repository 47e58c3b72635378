"""The checks ``--self-test`` runs, one function each, every one on a real component.

A check returns a short description of what it saw, or raises (``CheckFailed`` with a
translated reason, or whatever the component raised). Imports of the layers happen
inside the checks, so a missing or broken layer fails its own check only.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from checkpoint_desk.cli.self_test import CheckFailed, SelfTestRun
from checkpoint_desk.i18n import catalogue, gettext

DEMO_CODE = "health-green"  # the demo issuer's green health code


def check_resources(run: SelfTestRun) -> str:
    """Icons, translations and demo data are where ``resource_path`` looks."""
    from checkpoint_desk.resources import resource_path, resources_root

    needed = [
        resource_path("icons", "checkpoint-desk-256.png"),
        resource_path("icons", "checkpoint-desk.svg"),
        resource_path("translations", "zh_CN"),
        resource_path("demo"),
    ]
    missing = [str(path) for path in needed if not path.exists()]
    if missing:
        raise CheckFailed(gettext("missing: {paths}").format(paths=", ".join(missing)))
    catalogue.cache_clear()
    translated = len(catalogue("zh_CN"))
    if translated == 0:
        raise CheckFailed(gettext("the zh_CN translation is empty"))
    return gettext("{root}: icons, demo data, {count} zh_CN strings").format(
        root=resources_root(), count=translated
    )


def check_decoders(run: SelfTestRun) -> str:
    """Every decoder the desk ships loads, native libraries included."""
    from checkpoint_desk.scanner.decoders import available_decoders

    ready, missing = available_decoders()
    if missing:
        reasons = "; ".join(str(exc) for exc in missing)
        raise CheckFailed(gettext("decoders not available: {reasons}").format(reasons=reasons))
    return ", ".join(d.name for d in ready)


def _demo_code(run: SelfTestRun) -> tuple[str, Path]:
    """The demo green health code (text and PNG) as ``demo-codes`` writes it."""
    from checkpoint_desk.codes.demo import write_demo_codes

    manifest_path = write_demo_codes(run.workdir / "demo-codes", datetime.now(UTC))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    green = next(c for c in manifest["codes"] if c["name"] == DEMO_CODE)
    return str(green["text"]), manifest_path.parent / str(green["file"])


def check_decode(run: SelfTestRun) -> str:
    """A demo code image read by the desk's decoder cascade, giving its exact text.

    Each decoder also reads the image alone: none may return another text.
    """
    from checkpoint_desk.scanner.cascade import Cascade
    from checkpoint_desk.scanner.decoders import available_decoders
    from checkpoint_desk.scanner.frames import Frame
    from checkpoint_desk.scanner.images import load_image

    run.code_text, run.code_image = _demo_code(run)
    gray = Frame(load_image(run.code_image), index=0, timestamp=0.0).gray()
    ready, _ = available_decoders()
    if not ready:
        raise CheckFailed(gettext("no decoder available"))
    result = Cascade(ready, budget_ms=10_000).decode(gray)
    texts = [code.text for code in result.codes]
    if texts != [run.code_text]:
        raise CheckFailed(
            gettext("the cascade read {texts!r} instead of the demo code").format(texts=texts)
        )
    read_by: list[str] = []
    for decoder in ready:
        alone = [code.text for code in decoder.decode(gray)]
        if any(text != run.code_text for text in alone):
            raise CheckFailed(
                gettext("{decoder} read {texts!r} instead of the demo code").format(
                    decoder=decoder.name, texts=alone
                )
            )
        if alone:
            read_by.append(decoder.name)
    run.decoded_text = texts[0]
    return gettext("{file} read by the cascade ({step}); alone by {decoders}").format(
        file=run.code_image.name, step=result.step, decoders=", ".join(read_by) or "-"
    )


def check_verify(run: SelfTestRun) -> str:
    """The decoded demo code verifies against the demo trust list: green."""
    from checkpoint_desk.codes.context import ReadContext
    from checkpoint_desk.codes.registry import read_code
    from checkpoint_desk.codes.trust import TrustList

    text = run.decoded_text or run.code_text
    if text is None:
        raise CheckFailed(gettext("no demo code to verify (see the decode check)"))
    ctx = ReadContext.for_desk(TrustList(), datetime.now(UTC), demo=True)
    reading = read_code(text, ctx)
    if not reading.verified or str(reading.status) != "green":
        raise CheckFailed(
            gettext("the demo code reads as {status} ({reasons})").format(
                status=reading.status, reasons=", ".join(reading.reasons)
            )
        )
    run.reading = reading
    detail = gettext("{scheme} from {issuer}: verified, {status}").format(
        scheme=reading.scheme, issuer=reading.issuer, status=reading.status
    )
    if run.decoded_text is None:
        detail += " " + gettext("(the demo issuer's text: the image was not decoded)")
    return detail


def check_register(run: SelfTestRun) -> str:
    """A visit with the verified code and 36.5 ℃ registered in a new temp station: pass."""
    from checkpoint_desk.domain.screening import ScreeningRules
    from checkpoint_desk.paths import DataDir
    from checkpoint_desk.services.drafts import VisitDraft
    from checkpoint_desk.services.station import init_station
    from checkpoint_desk.services.visits import register_visit

    if run.reading is None:
        raise CheckFailed(gettext("no verified code to register (see the verify check)"))
    data_dir = DataDir(run.workdir / "station")
    # a throwaway station: its own passphrase, so no prompt and no environment needed
    engine, station = init_station(data_dir, "self-test", "self-test", passphrase="self-test")
    try:
        draft = VisitDraft(
            direction="in", temperature="365", readings=[run.reading], source="camera"
        )
        registered = register_visit(
            engine, draft, station_id=station.id, shift_id=None, rules=ScreeningRules()
        )
    finally:
        engine.dispose()
    if not registered.verdict.passed:
        raise CheckFailed(
            gettext("the demo visit was stopped: {reasons}").format(
                reasons=", ".join(registered.verdict.reason_codes)
            )
        )
    run.data_dir = data_dir
    run.day = registered.at.astimezone().date()
    return gettext("visit {uuid}: {verdict}").format(
        uuid=registered.visit_id, verdict=registered.verdict.decision
    )


def check_export(run: SelfTestRun) -> str:
    """Today's ledger as CSV, XLSX and PDF (Chinese font embedded), each verified."""
    from checkpoint_desk.export.manifest import verify_export
    from checkpoint_desk.services.ledger_export import export_day
    from checkpoint_desk.store.engine import open_database
    from checkpoint_desk.store.station_key import has_station_key, load_station_key
    from checkpoint_desk.store.vault import unlock_vault

    if run.data_dir is None:
        raise CheckFailed(gettext("no registered visit to export (see the register check)"))
    out = run.workdir / "exports"
    out.mkdir()
    key = None
    # sealed: the self-test station's passphrase; the export is audited (a keyed trail)
    vault = unlock_vault(run.data_dir.keys, "self-test")
    if has_station_key(run.data_dir.keys):
        key = load_station_key(run.data_dir.keys, vault)
    engine = open_database(run.data_dir.database, vault=vault)
    written: list[str] = []
    try:
        for fmt in ("csv", "xlsx", "pdf"):
            result = export_day(engine, day=run.day, fmt=fmt, out_dir=out, signing_key=key)
            if result.rows != 1:
                raise CheckFailed(
                    gettext("the {format} ledger has {rows} rows instead of 1").format(
                        format=fmt, rows=result.rows
                    )
                )
            verified = verify_export(result.path, key.public_key() if key else None)
            if not verified.ok:
                raise CheckFailed("; ".join(verified.messages()))
            if fmt == "pdf" and result.notes and getattr(sys, "frozen", False):
                raise CheckFailed("; ".join(result.notes))  # the bundled font was not used
            written.append(f"{fmt} {_size(result.path.stat().st_size)}")
            if fmt == "pdf":
                written.append(gettext("font {font}").format(font=result.font))
    finally:
        engine.dispose()
    if key is not None:
        written.append(gettext("manifests signed"))
    return ", ".join(written)


def _size(n: int) -> str:
    return f"{n} B" if n < 10_000 else f"{n // 1024} KB"


def check_window(run: SelfTestRun) -> str:
    """The desk's main window opens (demo mode, temp data directory) and closes."""
    from checkpoint_desk.cli import build_parser
    from checkpoint_desk.ui.self_check import open_and_close_desk

    folder = run.workdir / "window"
    args = build_parser().parse_args(["--demo", "--data-dir", str(folder)])
    return open_and_close_desk(args)
