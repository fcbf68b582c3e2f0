#!/usr/bin/env bash
# Unseen material made of recordings: a human voice no model here trained on (June Wallack's French
# prompts, asterisk-core-sounds-fr-wav) over accompaniments of sampled instruments (FluidR3 GM soundfont
# played by fluidsynth), neither of which the song generator makes. Deterministic.
#   apt-get install asterisk-core-sounds-fr-wav fluidsynth fluid-soundfont-gm
# Usage: scripts/unseen-recorded.sh OUT_DIR     (writes OUT_DIR/voice-NNN/{vocals,accompaniment,mixture}.wav)
set -euo pipefail
out=${1:?usage: scripts/unseen-recorded.sh OUT_DIR}
voice=/usr/share/asterisk/sounds/fr_CA_f_June
[ -d $voice ] || { echo "needs $voice: apt-get install asterisk-core-sounds-fr-wav" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
npx tsx "$(dirname "$0")/soundfont-backings.ts" --out "$tmp" --count 6 --seed 1
npx tsx "$(dirname "$0")/voice-tracks.ts" --voices $voice --backings "$tmp" --tracks 6 --seed 7 --out "$out"
