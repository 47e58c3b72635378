"""The wire schemas refuse what the hub must not store."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from checkpoint_desk.domain.bounds import control_character
from checkpoint_desk.sync.wire import PushBatch, VisitIn, etag_for
from tests.support.samples import station_json, visit_json

DESK = uuid.uuid4()


def parse(**changes: object) -> VisitIn:
    return VisitIn.model_validate_json(json.dumps(visit_json(DESK, **changes)))


def test_a_good_visit_reads_back_as_sent() -> None:
    visit = parse(temperature_c=36, note="复测 37.0")
    assert visit.temperature_c == 36.0
    assert visit.note == "复测 37.0"
    assert visit.at.tzinfo is not None


@pytest.mark.parametrize(
    "changes",
    [
        {"revision": "5"},  # no silent coercion
        {"revision": 0},
        {"at": "2026-11-28T08:00:00"},  # a time without its zone is ambiguous
        {"direction": "sideways"},
        {"health_code": "purple"},
        {"temperature_c": 99.0},
        {"name": "张" * 65},
        {"reasons": ["fever"] * 21},
        {"pin_hash": "scrypt$..."},  # unknown fields are refused, not dropped
        {"uuid": "not-a-uuid"},
    ],
)
def test_bad_visits_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        parse(**changes)


def test_a_batch_holds_at_most_a_thousand_of_a_kind() -> None:
    body = {"station": station_json(DESK), "visits": [visit_json(DESK) for _ in range(1001)]}
    with pytest.raises(ValidationError):
        PushBatch.model_validate_json(json.dumps(body))
    body["visits"] = body["visits"][:1000]
    assert len(PushBatch.model_validate_json(json.dumps(body)).visits) == 1000


def test_etags_follow_content_not_key_order() -> None:
    assert etag_for({"a": 1, "b": [2]}) == etag_for({"b": [2], "a": 1})
    assert etag_for({"a": 1}) != etag_for({"a": 2})


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_the_desk_and_the_hub_agree_on_which_text_is_storable(text: str) -> None:
    """What the form and import-visits take (domain.bounds), the hub's wire takes too."""
    for field, multiline in (("name", False), ("note", True)):
        desk_takes = control_character(text, multiline=multiline) is None
        try:
            parse(**{field: text})
            hub_takes = True
        except ValidationError:
            hub_takes = False
        assert desk_takes == hub_takes, (field, text)


@pytest.mark.parametrize("at", ["1970-01-01T00:00:00Z", "2199-12-31T23:59:59.999999Z"])
def test_the_ends_of_the_calendar_are_taken(at: str) -> None:
    assert parse(at=at, updated_at=at).at.year in (1970, 2199)


@pytest.mark.parametrize("key", ["decoder", "backend"])
def test_a_scans_decoder_arrives_by_its_name_and_by_an_older_stations(key: str) -> None:
    """Stations before desk migration 0009 call the decoder's name "backend"."""
    scan = {"uuid": str(uuid.uuid4()), "scanned_at": "2026-11-28T08:00:00+08:00"}
    visit = parse(scans=[{**scan, "scheme": "CKH1", key: "zxing-cpp"}])
    assert visit.scans[0].decoder == "zxing-cpp"
