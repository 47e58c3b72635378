"""Issue 14, failure 6: every file the desk writes that holds personal data is 0600,
in the data directory and in any ``--out`` folder."""

from __future__ import annotations

import stat
from pathlib import Path

from sqlalchemy import Engine

from checkpoint_desk.cli import main
from checkpoint_desk.codes.card import write_card_pdf, write_card_png
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.backup import backup_database
from checkpoint_desk.services.ledger_export import export_day
from checkpoint_desk.services.passes import issue_pass, pass_card
from checkpoint_desk.services.roles import approve
from checkpoint_desk.store.models import Operator, Shift, Station
from tests.conftest import FakeClock
from tests.privacy.test_at_rest import register_people

# Files that hold nothing about a person (public keys, the trust list, preferences).
PUBLIC = {"trust-list.json", "station-ed25519.pub.pem", "settings.json", "ui-state.json"}


def loose_files(*folders: Path) -> list[tuple[str, str]]:
    """(file, mode) for each file a stranger on the machine could read."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and path.name not in PUBLIC:
                mode = stat.S_IMODE(path.stat().st_mode)
                if mode & 0o077:
                    found.append((str(path.relative_to(folder)), oct(mode)))
    return sorted(found)


def test_database_wal_backups_exports_and_cards_are_owner_only(
    engine: Engine,
    station: Station,
    shift: Shift,
    supervisor: Operator,
    clock: FakeClock,
    data_dir: DataDir,
    tmp_path: Path,
) -> None:
    register_people(engine, station, shift, clock)
    backup_database(engine, data_dir.backups, clock=clock)
    out = tmp_path / "usb-stick"
    out.mkdir()
    day = clock().date()
    for fmt in ("csv", "xlsx", "pdf"):
        export_day(engine, day=day, fmt=fmt, out_dir=out, clock=clock)
    approval = approve(engine, supervisor.id, "987654", clock=clock)
    export_day(
        engine, day=day, fmt="csv", out_dir=out / ".." / "usb-stick", unmasked=True,
        approval=approval, clock=clock, lang="zh_CN",
    )  # fmt: skip
    issued = issue_pass(
        engine, data_dir, name="张伟", id_number="370811198703151239", kind="resident",
        days=3, clock=clock,
    )  # fmt: skip
    card = pass_card(engine, data_dir, issued)
    write_card_png(card, out / "card.png")
    write_card_pdf(card, out / "card.pdf")
    assert data_dir.database.with_name("checkpoint.db-wal").exists()
    assert len(list(out.iterdir())) >= 8  # three ledgers, an unmasked one, manifests, cards
    assert loose_files(data_dir.root, out) == []


def test_an_existing_database_made_0644_is_made_owner_only_when_opened(
    tmp_path: Path,
) -> None:
    home = tmp_path / "desk"
    assert main(["init", "--station", "西门", "--data-dir", str(home)]) == 0
    db = DataDir(home).database
    db.chmod(0o644)
    assert main(["operator", "list", "--data-dir", str(home)]) == 0
    assert loose_files(home) == []
