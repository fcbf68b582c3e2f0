#!/usr/bin/env bash
# A fourth unseen set, made before phase 5 trained and used for no choice: two male Festival voices
# no training data used — Czech czech_ph reading the Harvard sentences (IEEE 1969) by Czech spelling
# rules, and the Marathi diphone voice marathi_NSK reading Marathi sentences — over accompaniments of
# the TimGM6mb soundfont (which no training data used either). Deterministic.
#   apt-get install festival festvox-czech-ph festvox-mr-nsk fluidsynth timgm6mb-soundfont
# Usage: scripts/unseen-festival.sh OUT_DIR     (writes OUT_DIR/voice-NNN/{vocals,accompaniment,mixture}.wav)
set -euo pipefail
out=${1:?usage: scripts/unseen-festival.sh OUT_DIR}
sf=/usr/share/sounds/sf2/TimGM6mb.sf2
. "$(dirname "$0")/festival.sh"
need_festival_voices czech/czech_ph marathi/marathi_NSK_diphone
[ -f $sf ] || { echo "needs $sf: apt-get install timgm6mb-soundfont" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
english=(
  "The stale smell of old beer lingers." "It takes heat to bring out the odor."
  "A cold dip restores health and zest." "The wide road shimmered in the hot sun."
  "The lazy cow lay in the cool grass." "Lift the square stone over the fence."
  "The rope will bind the seven books at once." "Hop over the fence and plunge in."
  "The friendly gang left the drug store." "Mesh wire keeps chicks inside."
  "The frosty air passed through the coat." "The crooked maze failed to fool the mouse."
  "Adding fast leads to wrong sums." "The show was a flop from the very start."
)
marathi=(
  "आज सकाळी पाऊस पडला आणि रस्ते ओले झाले." "माझा भाऊ रोज शाळेत सायकलने जातो."
  "आईने गरम भाकरी आणि भाजी केली." "नदीच्या काठावर मोठे झाड उभे आहे."
  "संध्याकाळी आम्ही बागेत फिरायला गेलो." "शेतकरी शेतात लवकर काम सुरू करतो."
  "गावात आज मोठी जत्रा भरली आहे." "पुस्तक वाचल्याने ज्ञान वाढते."
  "आकाशात ढग जमले आणि वारा सुटला." "बाजारात ताजी फळे आणि भाज्या मिळतात."
  "मुले मैदानात क्रिकेट खेळत आहेत." "रेल्वे स्थानकावर खूप गर्दी होती."
)
speak() { # speak VOICE ENCODING SENTENCE…: one file per sentence
  local v=$1 enc=$2 i=0 s; shift 2; mkdir -p "$tmp/$v"
  for s in "$@"; do i=$((i + 1)); festival_say "$v" "$enc" "$tmp/$v/$(printf %02d $i).wav" "$s"; done
}
speak czech_ph iso-8859-2 "${english[@]}"
speak marathi_NSK_diphone utf-8 "${marathi[@]}"
npx tsx "$(dirname "$0")/soundfont-backings.ts" --out "$tmp/backings" --count 6 --seed 4 --soundfont $sf
npx tsx "$(dirname "$0")/voice-tracks.ts" --voices "$tmp/czech_ph" --voices "$tmp/marathi_NSK_diphone" --backings "$tmp/backings" --tracks 6 --seed 13 --out "$out"
