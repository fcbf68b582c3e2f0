#!/usr/bin/env bash
# Utterances of five more Festival speakers for training (phase 9's data; README, "The shipped
# model"): Italian female lp_diphone reading the Italian prompts of asterisk-core-sounds, Catalan
# female upc_ca_ona_hts reading the Spanish ones, and Czech female czech_dita, Czech boy czech_krb and
# Finnish female suo_fi_lj_diphone reading the English ones by their own spelling rules. More speakers,
# not lower ones: Debian has no other free low male voice that is not held out (czech_ph and the NSK
# voices, the same speaker as the Hindi and Telugu packages, belong to scripts/unseen-festival.sh);
# voice-tracks.ts and --augment-pitch shift every voice down as well. Deterministic.
#   apt-get install festival festvox-italp16k festvox-ca-ona-hts festvox-czech-dita festvox-czech-krb \
#     festvox-suopuhe-lj asterisk-core-sounds-{en,es,it}
# Usage: scripts/more-voices.sh OUT_DIR   (writes OUT_DIR/<voice>/NNN.wav; feed the folders to voice-tracks.ts)
set -euo pipefail
out=${1:?usage: scripts/more-voices.sh OUT_DIR}
. "$(dirname "$0")/festival.sh"
need_festival_voices italian/lp_diphone catalan/upc_ca_ona_hts czech/czech_dita czech/czech_krb finnish/suo_fi_lj_diphone
asterisk_prompts it | festival_read_prompts lp_diphone utf-8 "$out/lp_diphone"
asterisk_prompts es | festival_read_prompts upc_ca_ona_hts utf-8 "$out/upc_ca_ona_hts"
asterisk_prompts en | festival_read_prompts czech_dita iso-8859-2 "$out/czech_dita"
asterisk_prompts en | festival_read_prompts czech_krb iso-8859-2 "$out/czech_krb"
asterisk_prompts en | festival_read_prompts suo_fi_lj_diphone iso-8859-1 "$out/suo_fi_lj_diphone"
