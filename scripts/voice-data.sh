#!/usr/bin/env bash
# Training tracks with voices the song generator cannot make (the shipped model's phase 3 data):
# recorded speech from Debian's asterisk-core-sounds (en, es, it, ru; the French voice is held out for
# scripts/unseen-recorded.sh) and Festival's voices kal, ked (male diphone) and slt (female HTS) reading
# the English prompt texts, over the accompaniment stems of generated songs. Deterministic.
#   apt-get install asterisk-core-sounds-{en,es,it,ru}-wav festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts
# Usage: scripts/voice-data.sh GENERATED_TRACKS_DIR OUT_DIR [TRACKS [UTTERANCES_DIR]]
#   UTTERANCES_DIR keeps Festival's utterances (one folder per voice) for other uses, e.g. phase 4.
set -euo pipefail
accompaniment=${1:?usage: scripts/voice-data.sh GENERATED_TRACKS_DIR OUT_DIR [TRACKS]}
out=${2:?usage: scripts/voice-data.sh GENERATED_TRACKS_DIR OUT_DIR [TRACKS]}
tracks=${3:-84}
keep=${4:-}
sounds=/usr/share/asterisk/sounds
for v in en_US_f_Allison es_MX_f_Allison it_IT_m_Carlo ru_RU_f_IvrvoiceRU; do
  [ -d "$sounds/$v" ] || { echo "needs $sounds/$v: apt-get install asterisk-core-sounds-${v:0:2}-wav" >&2; exit 1; }
done
command -v text2wave >/dev/null || { echo "needs Festival: apt-get install festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
spoken=${keep:-$tmp}
# The prompt texts of more than 25 characters, without the [tone] descriptions; every second one is read.
zcat /usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz | grep -v '^;' | sed -n 's/^[^:]*: //p' \
  | grep -v '^\[' | awk 'length($0) > 25' > "$tmp/sentences.txt"
voices=()
for v in kal_diphone ked_diphone cmu_us_slt_arctic_hts; do
  mkdir -p "$spoken/$v"; i=0
  while IFS= read -r line; do
    i=$((i + 1)); [ $((i % 2)) -eq 0 ] || continue
    # text2wave crashes on a few prompts; a file it leaves unreadable is dropped.
    echo "$line" | text2wave -eval "(voice_$v)" -o "$spoken/$v/$(printf %03d $i).wav" 2>/dev/null || rm -f "$spoken/$v/$(printf %03d $i).wav"
  done < "$tmp/sentences.txt"
  voices+=(--voices "$spoken/$v")
done
npx tsx "$(dirname "$0")/voice-tracks.ts" --voices $sounds/en_US_f_Allison --voices $sounds/es_MX_f_Allison \
  --voices $sounds/it_IT_m_Carlo --voices $sounds/ru_RU_f_IvrvoiceRU "${voices[@]}" \
  --accompaniment "$accompaniment" --tracks "$tracks" --seed 1 --out "$out"
