#!/usr/bin/env bash
# A third unseen set, made after the shipped model was chosen (so no choice was steered by it): two
# male voices of CMU Flite (awb, Scottish English; rms, US English), a synthesiser and speakers that
# no training data used, reading Harvard sentences (IEEE 1969), over accompaniments of the TimGM6mb
# soundfont (another sample set than the recorded set's FluidR3) played by fluidsynth. Deterministic.
#   apt-get install flite timgm6mb-soundfont fluidsynth
# Usage: scripts/unseen-flite.sh OUT_DIR     (writes OUT_DIR/voice-NNN/{vocals,accompaniment,mixture}.wav)
set -euo pipefail
out=${1:?usage: scripts/unseen-flite.sh OUT_DIR}
sf=/usr/share/sounds/sf2/TimGM6mb.sf2
command -v flite >/dev/null || { echo "needs flite: apt-get install flite" >&2; exit 1; }
[ -f $sf ] || { echo "needs $sf: apt-get install timgm6mb-soundfont" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sentences=(
  "The birch canoe slid on the smooth planks." "Glue the sheet to the dark blue background."
  "It's easy to tell the depth of a well." "These days a chicken leg is a rare dish."
  "Rice is often served in round bowls." "The juice of lemons makes fine punch."
  "The box was thrown beside the parked truck." "The hogs were fed chopped corn and garbage."
  "Four hours of steady work faced us." "A large size in stockings is hard to sell."
  "The boy was there when the sun rose." "A rod is used to catch pink salmon."
  "The source of the huge river is the clear spring." "Kick the ball straight and follow through."
  "Help the woman get back to her feet." "A pot of tea helps to pass the evening."
  "Smoky fires lack flame and heat." "The soft cushion broke the man's fall."
  "The salt breeze came across from the sea." "The girl at the booth sold fifty bonds."
)
for v in awb rms; do
  mkdir -p "$tmp/$v"
  for i in "${!sentences[@]}"; do flite -voice $v -t "${sentences[$i]}" -o "$tmp/$v/$(printf %02d $i).wav"; done
done
npx tsx "$(dirname "$0")/soundfont-backings.ts" --out "$tmp/backings" --count 6 --seed 3 --soundfont $sf
npx tsx "$(dirname "$0")/voice-tracks.ts" --voices "$tmp/awb" --voices "$tmp/rms" --backings "$tmp/backings" --tracks 6 --seed 11 --out "$out"
