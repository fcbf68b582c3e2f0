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
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
spoken=${keep:-$tmp}
. "$(dirname "$0")/festival.sh"
voices=()
for v in kal_diphone ked_diphone cmu_us_slt_arctic_hts; do
  asterisk_prompts en | festival_read_prompts $v utf-8 "$spoken/$v"
  voices+=(--voices "$spoken/$v")
done
npx tsx "$(dirname "$0")/voice-tracks.ts" --voices $sounds/en_US_f_Allison --voices $sounds/es_MX_f_Allison \
  --voices $sounds/it_IT_m_Carlo --voices $sounds/ru_RU_f_IvrvoiceRU "${voices[@]}" \
  --accompaniment "$accompaniment" --tracks "$tracks" --seed 1 --out "$out"
