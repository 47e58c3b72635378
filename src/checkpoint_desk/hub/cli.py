"""``checkpoint-hub``: run the community hub and administer it (DESIGN §9).

Every command takes ``--db URL`` (default: ``hub.db`` in ``$CHECKPOINT_HUB_HOME`` or
the user data directory; ``postgresql+psycopg://user@host/db`` for PostgreSQL) and
``--json``; errors are one line on stderr with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from checkpoint_desk import __version__
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.i18n import N_, gettext, set_language


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="database URL (default: a SQLite file in $CHECKPOINT_HUB_HOME)",
    )
    common.add_argument("--json", action="store_true", help="print JSON only on stdout")
    common.add_argument("--lang", choices=("zh_CN", "en"), default=None)
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checkpoint-hub", description="Checkpoint Desk community hub."
    )
    parser.add_argument("--version", action="version", version=f"checkpoint-hub {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    common = _common()

    serve = sub.add_parser("serve", parents=[common], help="run the hub (HTTP API)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.set_defaults(func=run_serve)

    add = sub.add_parser("add-station", parents=[common], help="register a station")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--station-id", default=None, help="the desk's station id (USB-only)")
    add.add_argument("--public-key", default=None, metavar="FILE", help="its public key (PEM)")
    add.add_argument("--qr", default=None, metavar="PNG", help="also write the code as a QR image")
    add.set_defaults(func=run_add_station)

    renew = sub.add_parser(
        "rotate-token",
        aliases=["new-token"],
        parents=[common],
        help="replace a station's token (printed once; the old one stops working at once)",
    )
    renew.add_argument("name", metavar="NAME")
    renew.set_defaults(func=run_new_token)

    stations = sub.add_parser("stations", parents=[common], help="list registered stations")
    stations.set_defaults(func=run_stations)

    imp = sub.add_parser("import-bundle", parents=[common], help="import a station's USB bundle")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--receipt", default=None, metavar="FILE")
    imp.set_defaults(func=run_import_bundle)

    export = sub.add_parser("export", parents=[common], help="combined ledger of all stations")
    export.add_argument("--day", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--format", required=True, choices=("csv", "xlsx"))
    export.add_argument("--out", default=None, metavar="DIR")
    export.add_argument("--unmasked", action="store_true", help="full ID numbers and phones")
    export.set_defaults(func=run_export)

    ref = sub.add_parser("reference", help="reference data served to the desks")
    actions = ref.add_subparsers(dest="reference_action", metavar="ACTION", required=True)
    ref_set = actions.add_parser("set", parents=[common], help="publish KIND from a JSON file")
    ref_set.add_argument("kind", metavar="KIND")
    ref_set.add_argument("file", metavar="FILE")
    ref_set.set_defaults(func=run_reference_set)
    ref_show = actions.add_parser("show", parents=[common], help="print what is served")
    ref_show.add_argument("kind", metavar="KIND")
    ref_show.set_defaults(func=run_reference_show)
    return parser


def _engine(args: argparse.Namespace) -> Engine:
    from checkpoint_desk.hub.database import open_hub_database

    return open_hub_database(args.db)


def _emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    if args.json:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")
    else:
        sys.stdout.write(text + "\n")
    sys.stdout.flush()


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from checkpoint_desk.hub.app import create_app
    from checkpoint_desk.hub.database import hub_home
    from checkpoint_desk.hub.logs import configure_hub_logging

    configure_hub_logging(hub_home())
    app = create_app(engine=_engine(args))
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        access_log=args.access_log,
        log_config=None,  # uvicorn's loggers go to the masked hub log (hub/logs.py)
        log_level="info",
        timeout_graceful_shutdown=10,
    )
    return 0


def run_add_station(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.database import hub_home
    from checkpoint_desk.hub.identity import load_identity
    from checkpoint_desk.hub.stations import add_station
    from checkpoint_desk.sync.hub_pin import enrolment_code

    desk_id: uuid.UUID | None = None
    if args.station_id:
        try:
            desk_id = uuid.UUID(args.station_id)
        except ValueError as exc:
            raise ValidationError(
                "station_id", N_("Not a station id: {value}"), value=args.station_id
            ) from exc
    pem = None
    if args.public_key:
        try:
            pem = Path(args.public_key).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(
                "public_key", N_("Cannot read {path}."), path=args.public_key
            ) from exc
    identity = load_identity(hub_home())
    engine = _engine(args)
    try:
        station, token = add_station(engine, args.name, desk_station_id=desk_id, public_key=pem)
    finally:
        engine.dispose()
    code = enrolment_code(token, identity.pin)
    if args.qr:
        write_code_image(code, Path(args.qr))
    _emit(
        args,
        {
            "station": station.name,
            "id": str(station.id),
            "fingerprint": identity.pin.fingerprint,
            "enrolment_code": code,
        },
        gettext(
            "Station {name} added. The hub's fingerprint is {fingerprint}. At the desk, a "
            "supervisor runs: checkpoint-desk sync --hub URL --enrol CODE. Its enrolment "
            "code (shown only now):"
        ).format(name=station.name, fingerprint=identity.pin.fingerprint)
        + "\n"
        + code,
    )
    return 0


def write_code_image(code: str, path: Path) -> None:
    """The enrolment code as a QR image for the desk's camera (0600: it holds a token)."""
    import io
    import os

    import qrcode

    image = qrcode.make(code, error_correction=qrcode.constants.ERROR_CORRECT_M)
    buffer = io.BytesIO()
    image.save(buffer)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(buffer.getvalue())
    except OSError as exc:
        raise ValidationError(
            "qr_file", N_("Cannot write {path}: {reason}"), path=str(path), reason=exc.strerror
        ) from exc


def run_new_token(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.database import hub_home
    from checkpoint_desk.hub.identity import load_identity
    from checkpoint_desk.hub.stations import new_token
    from checkpoint_desk.sync.hub_pin import enrolment_code

    identity = load_identity(hub_home())
    engine = _engine(args)
    try:
        token = new_token(engine, args.name)
    finally:
        engine.dispose()
    code = enrolment_code(token, identity.pin)
    _emit(
        args,
        {"station": args.name, "enrolment_code": code},
        gettext(
            "New enrolment code for {name} (shown only now; the old token no longer works):"
        ).format(name=args.name)
        + "\n"
        + code,
    )
    return 0


def run_stations(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.stations import list_stations

    engine = _engine(args)
    try:
        found = list_stations(engine)
    finally:
        engine.dispose()
    rows = [
        {
            "name": s.name,
            "id": str(s.id),
            "station_id": str(s.desk_station_id) if s.desk_station_id else None,
            "has_key": bool(s.public_key),
            "last_seen_at": s.last_seen_at.isoformat() if s.last_seen_at else None,
        }
        for s in found
    ]
    text = "\n".join(
        f"{r['name']}\t{r['station_id'] or '-'}\t{r['last_seen_at'] or '-'}" for r in rows
    )
    _emit(args, rows, text)
    return 0


def run_import_bundle(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.bundles import import_bundle
    from checkpoint_desk.hub.database import hub_home
    from checkpoint_desk.hub.identity import load_identity

    identity = load_identity(hub_home())
    engine = _engine(args)
    try:
        receipt = Path(args.receipt) if args.receipt else None
        done = import_bundle(engine, identity, Path(args.file), receipt)
    finally:
        engine.dispose()
    _emit(
        args,
        {
            "station": done.station_name,
            "accepted": done.accepted,
            "rejected": done.rejected,
            "receipt": str(done.receipt_path),
        },
        gettext(
            "Bundle from {name}: {accepted} records taken, {rejected} refused; receipt: {path}"
        ).format(
            name=done.station_name,
            accepted=done.accepted,
            rejected=done.rejected,
            path=done.receipt_path,
        ),
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.community_ledger import export_hub_day, parse_day
    from checkpoint_desk.hub.database import hub_home
    from checkpoint_desk.i18n import current_language

    day = parse_day(args.day)
    out_dir = Path(args.out) if args.out else hub_home() / "exports"
    engine = _engine(args)
    try:
        done = export_hub_day(
            engine, day, args.format, out_dir, lang=current_language(), unmasked=args.unmasked
        )
    finally:
        engine.dispose()
    _emit(
        args,
        {"file": str(done.path), "manifest": str(done.manifest_path), "rows": done.rows},
        gettext("Ledger of {rows} visits written to {path}").format(rows=done.rows, path=done.path),
    )
    return 0


def run_reference_set(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.reference import publish_file

    engine = _engine(args)
    try:
        out = publish_file(engine, args.kind, Path(args.file))
    finally:
        engine.dispose()
    _emit(
        args,
        {"kind": out.kind, "version": out.version, "etag": out.etag},
        gettext("Published {kind} version {version}").format(kind=out.kind, version=out.version),
    )
    return 0


def run_reference_show(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.reference import current

    engine = _engine(args)
    try:
        out = current(engine, args.kind)
    finally:
        engine.dispose()
    if out is None:
        raise ValidationError("no_data", N_("The hub has no {kind} data yet."), kind=args.kind)
    sys.stdout.write(json.dumps(out.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(getattr(args, "lang", None))
    try:
        code: int = args.func(args)
        return code
    except CheckpointError as exc:
        one_line = " ".join(exc.translated().split())  # driver messages span lines
        print(f"checkpoint-hub: {one_line}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
