# Sourced, not run: what the scripts that make voice data with Festival share (voice-data.sh,
# male-voices.sh, unseen-festival.sh), so that every voice is read the same way.
command -v text2wave >/dev/null || { echo "needs Festival: apt-get install festival (and the voices the calling script's header names)" >&2; exit 1; }

# need_festival_voices LANGUAGE/VOICE…: stops with what to install unless every voice is there.
need_festival_voices() {
  local v
  for v in "$@"; do
    [ -d "/usr/share/festival/voices/$v" ] || { echo "needs the Festival voice $v (see this script's header)" >&2; exit 1; }
  done
}

# asterisk_prompts LANG: the prompt texts of asterisk-core-sounds-LANG longer than 25 characters,
# without the [tone] descriptions (short prompts are single words; a voice needs sentences).
asterisk_prompts() {
  zcat "/usr/share/doc/asterisk-core-sounds-$1/core-sounds-$1.txt.gz" | grep -v '^;' | sed -n 's/^[^:]*: //p' \
    | grep -v '^\[' | awk 'length($0) > 25'
}

# festival_say VOICE ENCODING FILE TEXT: Festival's VOICE reads TEXT (UTF-8, converted to the
# voice's ENCODING: Czech voices want ISO-8859-2) into FILE. text2wave crashes on a few lines; a file
# it leaves empty or unreadable is dropped, so callers skip it.
festival_say() {
  printf '%s\n' "$4" | iconv -f utf-8 -t "$2//TRANSLIT" | text2wave -eval "(voice_$1)" -o "$3" 2>/dev/null && [ -s "$3" ] || rm -f "$3"
}

# festival_read_prompts VOICE ENCODING DIR: reads every second line of stdin into DIR/NNN.wav (NNN the
# line number; every second one is how the shipped model's data was made).
festival_read_prompts() {
  local i=0 line
  mkdir -p "$3"
  while IFS= read -r line; do
    i=$((i + 1)); [ $((i % 2)) -eq 0 ] || continue
    festival_say "$1" "$2" "$3/$(printf %03d $i).wav" "$line"
  done
  echo "$1: $(ls "$3" | wc -l) utterances"
}
