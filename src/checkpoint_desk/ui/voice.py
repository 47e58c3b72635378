"""Spoken verdicts (语音播报): a short Mandarin phrase for what the banner says.

The phrases are WAVs under ``resources/sounds/voice/`` made offline by
``packaging/make-voice.sh`` (espeak-ng), played through ``Sounds`` — so never
blocking and silent where there is no audio device. A volunteer with eyes on the
visitor hears 通行 / 请测体温 / 体温异常请复测 / 健康码异常 / 已登记.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Slot

from checkpoint_desk.ui.sounds import Sounds
from checkpoint_desk.ui.verdict_banner import BannerState, VerdictBanner

PHRASES = {
    "pass": "通行",
    "temperature": "请测体温",
    "fever": "体温异常请复测",
    "code": "健康码异常",
    "registered": "已登记",
}
# Reasons that mean "the code itself is not good" (健康码异常).
CODE_REASONS = frozenset(
    {
        "health_code_red",
        "health_code_yellow",
        "health_code_unconfirmed",
        "nat_stale",
        "nat_positive",
        "signature_invalid",
        "unknown_kid",
        "expired",
        "not_yet_valid",
        "revoked",
        "pass_expired",
        "wrong_scheme",
    }
)
AFTER_CHIME_MS = 350  # the scan chime first, then the words


def phrase_for(state: str, reasons: Sequence[str]) -> str | None:
    """Which phrase (a key of PHRASES) the banner's ``state`` and ``reasons`` call for."""
    if state == BannerState.PASS:
        return "pass"
    if state == BannerState.DUPLICATE:
        return "registered"
    if state == BannerState.STOP:
        if "fever" in reasons:
            return "fever"
        return "code" if CODE_REASONS.intersection(reasons) else None
    if state == BannerState.CHECK and "temperature_missing" in reasons:
        return "temperature"
    return None


class Voice(QObject):
    """Follows the banner; says each new verdict once (a CHECK only on entering it)."""

    def __init__(self, banner: VerdictBanner, sounds: Sounds, enabled: bool = True) -> None:
        super().__init__(banner)
        self.banner = banner
        self.sounds = sounds
        self.enabled = enabled
        self.last_said: str | None = None
        self._previous = banner.state.value
        banner.state_changed.connect(self._on_state_changed)

    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        entering = state != self._previous
        self._previous = state
        if not self.enabled or (state == BannerState.CHECK and not entering):
            return
        phrase = phrase_for(state, self.banner.reason_codes())
        if phrase is None:
            return
        self.last_said = phrase
        QTimer.singleShot(AFTER_CHIME_MS, self, lambda: self.sounds.speak(phrase))
