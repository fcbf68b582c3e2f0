#!/usr/bin/env bash
# Utterances of four more male voices for training (the shipped model's phase 5 data): Festival's
# Italian pc_diphone reading the Italian prompts of asterisk-core-sounds, its Russian
# msu_ru_nsh_clunits reading the Russian prompts, and its Finnish hy_fi_mv_diphone and Czech
# czech_machac reading the English prompts by their own spelling rules. Low male voices were the
# shipped model's weak point (README, "The shipped model"); the sound matters here, not the language.
# Deterministic. czech_ph and the NSK voices are held out for scripts/unseen-festival.sh.
#   apt-get install festival festvox-itapc16k festvox-ru festvox-suopuhe-mv festvox-czech-machac asterisk-core-sounds-{en,it,ru}
# Usage: scripts/male-voices.sh OUT_DIR   (writes OUT_DIR/<voice>/NNN.wav; feed the folders to voice-tracks.ts)
set -euo pipefail
out=${1:?usage: scripts/male-voices.sh OUT_DIR}
command -v text2wave >/dev/null || { echo "needs Festival: apt-get install festival" >&2; exit 1; }
for v in italian/pc_diphone russian/msu_ru_nsh_clunits finnish/hy_fi_mv_diphone czech/czech_machac; do
  [ -d /usr/share/festival/voices/$v ] || { echo "needs the Festival voice $v (see this script's header)" >&2; exit 1; }
done
prompts() { # the prompt texts of a language over 25 characters, without [tone] descriptions
  zcat /usr/share/doc/asterisk-core-sounds-$1/core-sounds-$1.txt.gz | grep -v '^;' | sed -n 's/^[^:]*: //p' \
    | grep -v '^\[' | awk 'length($0) > 25'
}
# say VOICE ENCODING: reads every second line of stdin; text2wave crashes on a few lines, and a file
# it leaves empty or unreadable is dropped. Czech Festival wants ISO-8859-2 text.
say() {
  local v=$1 enc=$2 i=0 f
  mkdir -p "$out/$v"
  while IFS= read -r line; do
    i=$((i + 1)); [ $((i % 2)) -eq 0 ] || continue
    f="$out/$v/$(printf %03d $i).wav"
    printf '%s\n' "$line" | iconv -f utf-8 -t "$enc//TRANSLIT" | text2wave -eval "(voice_$v)" -o "$f" 2>/dev/null && [ -s "$f" ] || rm -f "$f"
  done
  echo "$v: $(ls "$out/$v" | wc -l) utterances"
}
prompts it | say pc_diphone utf-8
prompts ru | say msu_ru_nsh_clunits utf-8
prompts en | say hy_fi_mv_diphone iso-8859-1
prompts en | say czech_machac iso-8859-2
