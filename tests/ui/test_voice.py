"""Spoken verdicts (语音播报): a phrase per outcome, shipped as WAVs, quiet without audio."""

from __future__ import annotations

import wave

import pytest
from pytestqt.qtbot import QtBot

from checkpoint_desk.resources import resource_path
from checkpoint_desk.settings import Settings
from checkpoint_desk.ui.app import Desk
from checkpoint_desk.ui.voice import PHRASES, phrase_for


@pytest.mark.parametrize(
    ("state", "reasons", "phrase"),
    [
        ("pass", [], "pass"),
        ("check", ["temperature_missing"], "temperature"),
        ("stop", ["fever"], "fever"),
        ("stop", ["health_code_red"], "code"),
        ("stop", ["signature_invalid", "fever"], "fever"),
        ("duplicate", [], "registered"),
        ("idle", [], None),
    ],
)
def test_each_outcome_has_its_phrase(state: str, reasons: list[str], phrase: str | None) -> None:
    assert phrase_for(state, reasons) == phrase


@pytest.mark.parametrize("phrase", sorted(PHRASES))
def test_every_phrase_ships_as_a_short_wav(phrase: str) -> None:
    with wave.open(str(resource_path("sounds", "voice", f"{phrase}.wav"))) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        assert sound.getnchannels() == 1
        assert 0.3 < seconds < 4.0, seconds


def test_the_desk_speaks_each_verdict_and_stays_quiet_without_audio(
    desk: Desk, qtbot: QtBot
) -> None:
    assert Settings(None).values.voice is True, "on by default"
    window = desk.window
    window.form.edits["name"].setText("李娜")
    window.form.edits["temperature"].setText("365")
    window.loop.commit()
    qtbot.waitUntil(lambda: desk.sounds.last_spoken == "pass", timeout=2000)
    window.form.edits["name"].setText("陈静")
    window.form.edits["temperature"].setText("385")
    window.loop.commit()
    qtbot.waitUntil(lambda: desk.sounds.last_spoken == "fever", timeout=2000)
    assert window.voice.last_said == "fever"


def test_voice_off_says_nothing(desk: Desk, qtbot: QtBot) -> None:
    desk.settings.set("voice", False)
    desk.controller.apply_settings({"voice": False})
    window = desk.window
    window.form.edits["name"].setText("李娜")
    window.form.edits["temperature"].setText("365")
    window.loop.commit()
    qtbot.wait(500)
    assert desk.sounds.last_spoken is None
