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
from typing import TYPE_CHECKING, Any

from checkpoint_desk import __version__
from checkpoint_desk.command_line import Context, run_command
from checkpoint_desk.errors import CheckpointError, ValidationError
from checkpoint_desk.i18n import N_, gettext, set_language

if TYPE_CHECKING:
    from sqlalchemy import Engine


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
    user = sub.add_parser(
        "add-user",
        parents=[common],
        help="add an office user (password from $CHECKPOINT_HUB_PASSWORD or a prompt)",
    )
    user.add_argument("name", metavar="NAME")
    user.add_argument("--role", required=True, choices=("viewer", "manager"))
    user.set_defaults(func=run_add_user)

    audit = sub.add_parser("audit", help="the hub's own audit trail")
    audit_actions = audit.add_subparsers(dest="audit_action", metavar="verify", required=True)
    audit_verify = audit_actions.add_parser(
        "verify", parents=[common], help="check the office users' audit trail"
    )
    audit_verify.set_defaults(func=run_audit_verify)

    from checkpoint_desk.hub.insight_cli import add_commands  # inside, trace, stats

    add_commands(sub, common)
    return parser


def office_record(engine: Engine, action: str, detail: dict[str, Any]) -> None:
    """Audit an office user's act in the hub's own trail (``hub/office_audit.py``)."""
    from checkpoint_desk.hub.office_audit import record

    record(engine, action, detail)


def run_add_user(args: argparse.Namespace) -> int:
    """An office user for the hub's /office/ pages (issue 17)."""
    import getpass
    import os

    from checkpoint_desk.hub.office.users import add_user

    password = os.environ.get("CHECKPOINT_HUB_PASSWORD")
    if password is None:
        password = getpass.getpass(gettext("Password for {name}: ").format(name=args.name))
        if getpass.getpass(gettext("The same password again: ")) != password:
            raise ValidationError("user_password", N_("The two passwords differ."))
    with HubContext(args) as ctx:
        user = add_user(ctx.engine(), args.name, args.role, password)
        office_record(ctx.engine(), "office_user_added", {"user": user.name, "role": user.role})
    ctx.emit(
        {"user": user.name, "role": user.role},
        gettext("Office user {name} added ({role}).").format(name=user.name, role=user.role),
    )
    return 0


def run_audit_verify(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.office_audit import verify

    with HubContext(args) as ctx:
        check = verify(ctx.engine())
    payload = {
        "ok": check.ok,
        "entries": check.entries,
        "first_broken_seq": check.first_broken_seq,
        "problem": check.problem,
    }
    if not check.ok:
        if args.json:
            sys.stdout.write(json.dumps(payload) + "\n")
        raise AuditTrailBroken(
            N_("The hub's audit trail does not hold at entry {seq} ({problem})."),
            seq=check.first_broken_seq,
            problem=check.problem,
        )
    ctx.emit(
        payload,
        gettext("Hub audit trail intact: {entries} entries.").format(entries=check.entries),
    )
    return 0


class AuditTrailBroken(CheckpointError):
    """The hub's audit trail was changed, shortened or forged."""

    exit_code = 1


class HubContext(Context):
    """A hub command's context: ``with HubContext(args) as ctx:`` opens the hub
    database (``--db``) on first use and closes it however the command ends."""

    def engine(self) -> Engine:
        if self._engine is None:
            from checkpoint_desk.hub.database import open_hub_database

            self._engine = open_hub_database(self.args.db)
        return self._engine


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from checkpoint_desk.hub.app import create_app
    from checkpoint_desk.hub.database import hub_home
    from checkpoint_desk.hub.logs import configure_hub_logging

    configure_hub_logging(hub_home())
    with HubContext(args) as ctx:
        uvicorn.run(
            create_app(engine=ctx.engine()),
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
    with HubContext(args) as ctx:
        station, token = add_station(
            ctx.engine(), args.name, desk_station_id=desk_id, public_key=pem
        )
        office_record(
            ctx.engine(), "station_added", {"station": station.name, "id": str(station.id)}
        )
    code = enrolment_code(token, identity.pin)
    if args.qr:
        write_code_image(code, Path(args.qr))
    ctx.emit(
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
    with HubContext(args) as ctx:
        token = new_token(ctx.engine(), args.name)
        office_record(ctx.engine(), "station_new_token", {"station": args.name})
    code = enrolment_code(token, identity.pin)
    ctx.emit(
        {"station": args.name, "enrolment_code": code},
        gettext(
            "New enrolment code for {name} (shown only now; the old token no longer works):"
        ).format(name=args.name)
        + "\n"
        + code,
    )
    return 0


def run_stations(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.anchors import clock_skews
    from checkpoint_desk.hub.stations import list_stations

    with HubContext(args) as ctx:
        found = list_stations(ctx.engine())
        skews = clock_skews(ctx.engine())  # desk minus hub at each station's last sync
    rows = [
        {
            "name": s.name,
            "id": str(s.id),
            "station_id": str(s.desk_station_id) if s.desk_station_id else None,
            "has_key": bool(s.public_key),
            "last_seen_at": s.last_seen_at.isoformat() if s.last_seen_at else None,
            "clock_skew_s": skews.get(str(s.desk_station_id)),
        }
        for s in found
    ]
    text = "\n".join(
        f"{r['name']}\t{r['station_id'] or '-'}\t{r['last_seen_at'] or '-'}\t{_skew(r)}"
        for r in rows
    )
    ctx.emit(rows, text)
    return 0


def _skew(row: dict[str, Any]) -> str:
    """The station's clock skew at its last sync, as ``+12 s`` (``-`` when unknown)."""
    skew = row["clock_skew_s"]
    return "-" if skew is None else f"{skew:+.0f} s"


def run_import_bundle(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.bundles import import_bundle
    from checkpoint_desk.hub.database import hub_home
    from checkpoint_desk.hub.identity import load_identity

    identity = load_identity(hub_home())
    with HubContext(args) as ctx:
        receipt = Path(args.receipt) if args.receipt else None
        done = import_bundle(ctx.engine(), identity, Path(args.file), receipt)
    ctx.emit(
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
    from checkpoint_desk.clock import parse_day
    from checkpoint_desk.hub.community_ledger import export_hub_day
    from checkpoint_desk.hub.database import hub_home
    from checkpoint_desk.i18n import current_language

    day = parse_day(args.day)
    out_dir = Path(args.out) if args.out else hub_home() / "exports"
    with HubContext(args) as ctx:
        done = export_hub_day(
            ctx.engine(), day, args.format, out_dir, lang=current_language(), unmasked=args.unmasked
        )
        detail = {"day": day.isoformat(), "file": done.path.name, "rows": done.rows}
        office_record(ctx.engine(), "export_unmasked" if args.unmasked else "export", detail)
    ctx.emit(
        {"file": str(done.path), "manifest": str(done.manifest_path), "rows": done.rows},
        gettext("Ledger of {rows} visits written to {path}").format(rows=done.rows, path=done.path),
    )
    return 0


def run_reference_set(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.reference import publish_file

    with HubContext(args) as ctx:
        out = publish_file(ctx.engine(), args.kind, Path(args.file))
        office_record(ctx.engine(), "reference_change", {"kind": out.kind, "version": out.version})
    ctx.emit(
        {"kind": out.kind, "version": out.version, "etag": out.etag},
        gettext("Published {kind} version {version}").format(kind=out.kind, version=out.version),
    )
    return 0


def run_reference_show(args: argparse.Namespace) -> int:
    from checkpoint_desk.hub.reference import current

    with HubContext(args) as ctx:
        out = current(ctx.engine(), args.kind)
    if out is None:
        raise ValidationError("no_data", N_("The hub has no {kind} data yet."), kind=args.kind)
    sys.stdout.write(json.dumps(out.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(getattr(args, "lang", None))
    return run_command("checkpoint-hub", lambda: int(args.func(args)), name=args.command)


if __name__ == "__main__":
    sys.exit(main())
