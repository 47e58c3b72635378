"""The hub's own tables (separate metadata from the desk's).

Items are keyed by the UUIDs the stations made; each synced kind keeps the highest
revision it has seen. No foreign keys between items: batches arrive in any order.
"""

from __future__ import annotations

import sqlalchemy as sa

from checkpoint_desk.store.types import UTCDateTime

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "pk": "pk_%(table_name)s",
    }
)

station = sa.Table(
    "hub_station",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    # The desk's own station id and public key, bound on its first push (or given
    # to add-station for a station that only ever sends USB bundles).
    # Not unique (hub migration 0004): rows are owned by the token's station, so a token
    # claiming another desk's id gains nothing.
    sa.Column("desk_station_id", sa.Uuid, nullable=True, index=True),
    sa.Column("public_key", sa.Text, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("last_seen_at", UTCDateTime, nullable=True),
    # The community the desk names in its pushes (hub migration 0007): ``inside`` per
    # community.
    sa.Column("community", sa.String(200), nullable=True),
)

operator = sa.Table(
    "hub_operator",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("revision", sa.BigInteger, nullable=False),  # hub migration 0003
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("station_id", sa.Uuid, nullable=False, index=True),
    sa.Column("owner_id", sa.Uuid, nullable=True),  # hub_station.id (migration 0004)
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
)

shift = sa.Table(
    "hub_shift",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("revision", sa.BigInteger, nullable=False),  # hub migration 0003
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("station_id", sa.Uuid, nullable=False, index=True),
    sa.Column("owner_id", sa.Uuid, nullable=True),  # hub_station.id (migration 0004)
    sa.Column("operator_id", sa.Uuid, nullable=False),
    sa.Column("opened_at", UTCDateTime, nullable=False),
    sa.Column("closed_at", UTCDateTime, nullable=True),
    sa.Column("handover_note", sa.Text, nullable=False),
)

AWAITING = "verdict = 'stop' AND disposition IS NULL"
"""A stop no one has disposed of yet (as SQL: literal, so a partial index matches)."""

visit = sa.Table(
    "hub_visit",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("revision", sa.BigInteger, nullable=False),  # hub migration 0003
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("station_id", sa.Uuid, nullable=False, index=True),
    sa.Column("owner_id", sa.Uuid, nullable=True),  # hub_station.id (migration 0004)
    sa.Column("shift_id", sa.Uuid, nullable=True),
    sa.Column("vehicle_entry", sa.String(64), nullable=True),  # hub migration 0006
    sa.Column("at", UTCDateTime, nullable=False, index=True),
    sa.Column("direction", sa.String(8), nullable=False),
    sa.Column("source", sa.String(16), nullable=False),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("id_number", sa.String(32), nullable=True),
    sa.Column("phone", sa.String(32), nullable=True),
    sa.Column("plate", sa.String(16), nullable=True),
    sa.Column("temperature_c", sa.Float, nullable=True),
    sa.Column("temperature_converted", sa.Boolean, nullable=False),
    sa.Column("retest_temperature_c", sa.Float, nullable=True),
    sa.Column("health_code", sa.String(16), nullable=False),
    sa.Column("health_code_confirmed", sa.Boolean, nullable=False),
    sa.Column("travel_risk", sa.Boolean, nullable=True),
    sa.Column("nat_result", sa.String(16), nullable=True),
    sa.Column("nat_at", UTCDateTime, nullable=True),
    sa.Column("vaccine_doses", sa.Integer, nullable=True),
    sa.Column("vaccine_last", sa.Date, nullable=True),
    sa.Column("purpose", sa.String(200), nullable=False),
    sa.Column("destination", sa.String(200), nullable=False),
    sa.Column("passengers", sa.Integer, nullable=False),
    sa.Column("household", sa.String(200), nullable=True),  # hub migration 0008
    sa.Column("verdict", sa.String(8), nullable=False),
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("disposition", sa.String(32), nullable=True),
    sa.Column("disposition_by", sa.Uuid, nullable=True),
    sa.Column("disposition_at", UTCDateTime, nullable=True),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("scans", sa.JSON, nullable=False),
    sa.Column("deleted_at", UTCDateTime, nullable=True),  # hub migration 0002
    # Hub migration 0007 (issue 16): seconds from the visitor's first scan or key to
    # the commit, and who the visitor is across stations (``hub/person_keys.py``).
    sa.Column("lane_seconds", sa.Float, nullable=True),
    sa.Column("person_key", sa.String(64), nullable=True),
    sa.Column("phone_key", sa.String(64), nullable=True),
    sa.Index("ix_hub_visit_person_key_at", "person_key", "at"),
    sa.Index("ix_hub_visit_phone_key_at", "phone_key", "at"),
    sa.Index("ix_hub_visit_owner_id_at", "owner_id", "at"),
    # The office's stops awaiting a disposition, newest first (hub migration 0012; a
    # partial index: PostgreSQL's planner misjudged the two columns of 0009's).
    sa.Index(
        "ix_hub_visit_awaiting_at",
        "at",
        postgresql_where=sa.text(AWAITING),
        sqlite_where=sa.text(AWAITING),
    ),
)

last_visit = sa.Table(
    "hub_last_visit",
    metadata,
    # Each person's last registration across all stations, kept by ``ingest``
    # (``hub/presence.py``): "inside now" reads it instead of every visit.
    sa.Column("person_key", sa.String(64), primary_key=True),
    sa.Column("visit_id", sa.Uuid, nullable=True),
    sa.Column("at", UTCDateTime, nullable=True),
    sa.Column("direction", sa.String(8), nullable=True),
    sa.Column("owner_id", sa.Uuid, nullable=True),
    # What the inside list shows, copied from that visit (hub migration 0010): the list
    # reads no join to hub_visit.
    sa.Column("name", sa.String(64), nullable=True),
    sa.Column("id_number", sa.String(32), nullable=True),
    sa.Column("phone", sa.String(32), nullable=True),
    # Those numbers masked (hub migration 0011), made by ``presence`` in SQL: the list
    # shows them as they are.
    sa.Column("id_masked", sa.String(32), nullable=True),
    sa.Column("phone_masked", sa.String(32), nullable=True),
)

# Who is inside (hub migration 0011): partial indexes over the rows whose last visit is
# ``in`` only, holding every column the inside list shows, in the list's order, whole
# and per station. Queries name the literal ``direction = 'in'`` (``hub/insight.py``):
# a bound parameter would not match the index's condition.
INSIDE_ROWS = sa.text("direction = 'in'")
INSIDE_SHOWS = ("person_key", "name", "id_masked", "phone_masked")
sa.Index(
    "ix_hub_last_visit_inside",
    last_visit.c.at,
    *(last_visit.c[c] for c in INSIDE_SHOWS),
    last_visit.c.owner_id,
    sqlite_where=INSIDE_ROWS,
    postgresql_where=INSIDE_ROWS,
)
sa.Index(
    "ix_hub_last_visit_inside_owner",
    last_visit.c.owner_id,
    last_visit.c.at,
    *(last_visit.c[c] for c in INSIDE_SHOWS),
    sqlite_where=INSIDE_ROWS,
    postgresql_where=INSIDE_ROWS,
)

visit_count = sa.Table(
    "hub_visit_count",
    metadata,
    # Each station's visits per quarter hour (UTC), kept by ``ingest`` (``hub/counts.py``,
    # hub migration 0010): the office's Today page reads these instead of a day's visits.
    sa.Column("owner_id", sa.Uuid, primary_key=True),
    sa.Column("slot", UTCDateTime, primary_key=True),
    sa.Column("visits", sa.Integer, nullable=False),
    sa.Column("came_in", sa.Integer, nullable=False),
    sa.Column("went_out", sa.Integer, nullable=False),
    sa.Column("stopped", sa.Integer, nullable=False),
    sa.Column("fever", sa.Integer, nullable=False),
)

audit = sa.Table(
    "hub_audit",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column("station_id", sa.Uuid, nullable=False, index=True),
    sa.Column("owner_id", sa.Uuid, nullable=True),  # hub_station.id (migration 0004)
    sa.Column("seq", sa.BigInteger, nullable=False),  # hub migration 0003
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("operator_id", sa.Uuid, nullable=True),
    sa.Column("action", sa.String(64), nullable=False, index=True),  # migration 0004
    sa.Column("detail", sa.JSON, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
)

reference = sa.Table(
    "hub_reference",
    metadata,
    sa.Column("kind", sa.String(32), primary_key=True),
    sa.Column("etag", sa.String(200), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
)

bundle_receipt = sa.Table(
    "hub_bundle_receipt",
    metadata,
    sa.Column("bundle_sha256", sa.String(64), primary_key=True),
    sa.Column("station_id", sa.Uuid, nullable=False, index=True),
    sa.Column("owner_id", sa.Uuid, nullable=True),  # hub_station.id (migration 0004)
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("imported_at", UTCDateTime, nullable=False),
    sa.Column("accepted", sa.Integer, nullable=False),
    sa.Column("rejected", sa.Integer, nullable=False),
)

SYNCED_TABLES: dict[str, sa.Table] = {"operators": operator, "shifts": shift, "visits": visit}
