"""Why ID hashes are keyed (issue 14): the birth-date enumeration against an unkeyed
SHA-256 of an ID number, and what the keyed deny-list check costs a visit.

Prints: candidates tried and seconds to find a number from its unkeyed hash (region and
last four known, birth years 1930–2010); then the median time of the desk's deny-list
check (open the sealed ID key, HMAC the typed number) in ms.

Run: ``.venv/bin/python -m bench.id_enumeration``
"""

from __future__ import annotations

import hashlib
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session

from checkpoint_desk.clock import utc_now
from checkpoint_desk.codes.id_key import IdKey
from checkpoint_desk.domain.idnumber import check_character
from checkpoint_desk.paths import DataDir
from checkpoint_desk.services.station import init_station
from checkpoint_desk.services.visits import _deny_listed
from checkpoint_desk.store.id_keys import keep_id_key
from checkpoint_desk.store.models import ReferenceData
from checkpoint_desk.store.vault import vault_of

HOLDER = "370811198703151239"


def enumerate_unkeyed(target: str) -> tuple[int, float, str | None]:
    """(candidates tried, seconds, number found) for an unkeyed SHA-256 hex."""
    region, last4 = HOLDER[:6], HOLDER[-4:]
    start, tried = time.perf_counter(), 0
    day = date(1930, 1, 1)
    while day <= date(2010, 12, 31):
        first17 = f"{region}{day:%Y%m%d}{last4[:3]}"
        if check_character(first17) == last4[3]:
            tried += 1
            number = first17 + last4[3]
            if hashlib.sha256(number.encode("ascii")).hexdigest() == target:
                return tried, time.perf_counter() - start, number
        day += timedelta(days=1)
    return tried, time.perf_counter() - start, None


def deny_check_ms(rounds: int = 2000) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = DataDir(Path(tmp) / "desk")
        engine, _ = init_station(data_dir, "bench", passphrase="bench passphrase")
        key = IdKey(b"k" * 32)
        with Session(engine) as session:
            keep_id_key(session, vault_of(engine), key, now=utc_now())
            session.add(ReferenceData(kind="deny_list", payload={"id_keys": [key.of(HOLDER)]}))
            session.commit()
        times = []
        with Session(engine) as session:
            vault = vault_of(engine)
            for _ in range(rounds):
                t0 = time.perf_counter()
                assert _deny_listed(session, vault, HOLDER)
                times.append((time.perf_counter() - t0) * 1000)
        engine.dispose()
    return statistics.median(times)


def main() -> None:
    target = hashlib.sha256(HOLDER.encode("ascii")).hexdigest()
    tried, seconds, found = enumerate_unkeyed(target)
    print(f"unkeyed SHA-256: found {found} after {tried} candidates in {seconds:.3f} s")
    print(f"keyed deny-list check per visit: median {deny_check_ms():.3f} ms")


if __name__ == "__main__":
    main()
