#!/usr/bin/env bash
# Regenerates the spoken verdicts (语音播报) in resources/sounds/voice/ offline with
# espeak-ng's Mandarin voice: `make voice`. The WAVs are committed, so the desk needs
# no speech engine; run this again only to change a phrase (keep ui/voice.py in step).
set -euo pipefail
out="$(dirname "$0")/../resources/sounds/voice"
mkdir -p "$out"
say() {  # say NAME TEXT
    # -s 170: a little slower than the default for older ears; 22.05 kHz mono 16-bit.
    espeak-ng -v cmn -s 170 -a 180 -w "$out/$1.wav" "$2"
}
say pass "通行"
say temperature "请测体温"
say fever "体温异常请复测"
say code "健康码异常"
say registered "已登记"
