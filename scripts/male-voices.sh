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
. "$(dirname "$0")/festival.sh"
need_festival_voices italian/pc_diphone russian/msu_ru_nsh_clunits finnish/hy_fi_mv_diphone czech/czech_machac
asterisk_prompts it | festival_read_prompts pc_diphone utf-8 "$out/pc_diphone"
asterisk_prompts ru | festival_read_prompts msu_ru_nsh_clunits utf-8 "$out/msu_ru_nsh_clunits"
asterisk_prompts en | festival_read_prompts hy_fi_mv_diphone iso-8859-1 "$out/hy_fi_mv_diphone"
asterisk_prompts en | festival_read_prompts czech_machac iso-8859-2 "$out/czech_machac"
