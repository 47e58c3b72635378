"""``export``: write a day's or a shift's ledger; ``export verify FILE``: check one."""

from __future__ import annotations

import argparse
import sys
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from checkpoint_desk.cli.context import CommandContext
from checkpoint_desk.codes.keys import PUBLIC_KEY_FILE, kid_for_public_key
from checkpoint_desk.command_line import optional_day as _day
from checkpoint_desk.errors import ValidationError
from checkpoint_desk.export.manifest import verify_export
from checkpoint_desk.i18n import N_, gettext
from checkpoint_desk.services.ledger_export import export_day, export_folder, station_signing_key

EXIT_TAMPERED = 1


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "export",
        parents=[common],
        help="write a day's or shift's ledger (csv/xlsx/pdf); 'export verify FILE' checks one",
        description=(
            "checkpoint-desk export --day YYYY-MM-DD [--shift ID] --format csv|xlsx|pdf "
            "[--out DIR] [--unmasked]   |   checkpoint-desk export verify FILE"
        ),
    )
    parser.add_argument("verb", nargs="?", choices=("verify",), help="verify FILE")
    parser.add_argument("file", nargs="?", metavar="FILE", help="the export to verify")
    parser.add_argument("--day", metavar="YYYY-MM-DD", help="local calendar day")
    parser.add_argument("--shift", metavar="ID", help="a shift's id (its whole span)")
    parser.add_argument("--format", choices=("csv", "xlsx", "pdf"), dest="fmt")
    parser.add_argument("--out", metavar="DIR", help="folder (default: the export folder)")
    parser.add_argument(
        "--unmasked",
        action="store_true",
        help="full ID numbers and phones (needs --supervisor; audited)",
    )
    parser.add_argument(
        "--supervisor",
        metavar="NAME",
        help="the supervisor approving --unmasked (PIN from $CHECKPOINT_DESK_PIN or a prompt)",
    )
    parser.add_argument(
        "--key",
        metavar="PEM",
        help="verify: the station's public key (default: this station's, when it signed)",
    )
    parser.set_defaults(func=run_export)


def _shift(text: str | None) -> uuid.UUID | None:
    if text is None:
        return None
    try:
        return uuid.UUID(text)
    except ValueError as exc:
        raise ValidationError("shift_id", N_("{value} is not a shift id."), value=text) from exc


def run_export(args: argparse.Namespace) -> int:
    ctx = CommandContext.from_args(args)
    if args.verb == "verify":
        return _verify(ctx, args)
    if args.file is not None:
        raise ValidationError(
            "export_usage",
            N_("Unexpected argument {value}; did you mean: export verify FILE?"),
            value=args.file,
        )
    if args.fmt is None:
        raise ValidationError("export_usage", N_("Say which format: --format csv|xlsx|pdf."))
    day, shift_id = _day(args.day), _shift(args.shift)
    if day is None and shift_id is None:
        raise ValidationError("export_usage", N_("Say which day: --day YYYY-MM-DD."))
    with ctx:
        settings = ctx.settings()
        out = Path(args.out).expanduser() if args.out else export_folder(ctx.data_dir, settings)
        approval = ctx.approval("--unmasked") if args.unmasked else None
        engine = ctx.engine()
        result = export_day(
            engine,
            day=day,
            shift_id=shift_id,
            fmt=args.fmt,
            out_dir=out,
            unmasked=bool(args.unmasked),
            approval=approval,
            settings=settings,
            signing_key=station_signing_key(engine, ctx.data_dir),
        )
    for note in result.notes:
        print(f"checkpoint-desk: {note}", file=sys.stderr)
    ctx.emit(
        {
            "path": str(result.path),
            "manifest": str(result.manifest_path),
            "rows": result.rows,
            "format": result.format,
            "masked": result.masked,
            "font": result.font,
            "notes": list(result.notes),
        },
        gettext("{rows} visits written to {path}").format(rows=result.rows, path=result.path)
        + (
            "\n" + gettext("PDF font: {font}").format(font=result.font)
            if result.font is not None
            else ""
        ),
    )
    return 0


def _public_key(ctx: CommandContext, option: str | None, path: Path) -> Ed25519PublicKey | None:
    """``--key``, else this station's key when it is the one that signed ``path``."""
    if option:
        candidate = Path(option).expanduser()
    else:
        candidate = ctx.data_dir.keys / PUBLIC_KEY_FILE
        if not candidate.is_file():
            return None
    try:
        key = serialization.load_pem_public_key(candidate.read_bytes())
    except (OSError, ValueError) as exc:
        raise ValidationError(
            "key_file", N_("{path} is not an Ed25519 public key (PEM)."), path=str(candidate)
        ) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ValidationError(
            "key_file", N_("{path} is not an Ed25519 public key (PEM)."), path=str(candidate)
        )
    if not option:
        manifest = verify_export(path).manifest
        if manifest is None or manifest.kid != kid_for_public_key(key).hex():
            return None  # another station's ledger: its key must be given with --key
    return key


def _verify(ctx: CommandContext, args: argparse.Namespace) -> int:
    if not args.file:
        raise ValidationError("export_usage", N_("Name the file: export verify FILE."))
    path = Path(args.file).expanduser()
    result = verify_export(path, _public_key(ctx, args.key, path))
    messages = result.messages()
    ctx.emit(
        {
            "file": str(result.path),
            "ok": result.ok,
            "problems": list(result.problems),
            "messages": messages,
            "rows": result.rows_found,
            "signature": result.signature,
            "manifest": asdict(result.manifest) if result.manifest else None,
        },
        gettext("{path}: intact ({rows} visits, SHA-256 matches the manifest)").format(
            path=result.path, rows=result.manifest.rows if result.manifest else 0
        )
        if result.ok
        else None,
    )
    if not result.ok:
        print(
            "checkpoint-desk: "
            + gettext("{path} is not intact: {reasons}").format(
                path=result.path, reasons=" ".join(messages)
            ),
            file=sys.stderr,
        )
        return EXIT_TAMPERED
    return 0
