#!/usr/bin/env bash
# Mixtures made from sounds the song generator never makes, to test whether a model generalises:
# speech from espeak-ng (several voices, pitches and speeds) as the "vocals", over accompaniments
# synthesised by sox (plucked and square-wave chords, sine bass, noise hi-hats). Deterministic.
# Needs Debian's espeak-ng and sox:  apt-get install espeak-ng sox
# Usage: scripts/unseen-tracks.sh OUT_DIR     (writes OUT_DIR/<track>/{vocals,accompaniment,mixture}.wav)
set -euo pipefail
out=${1:?usage: scripts/unseen-tracks.sh OUT_DIR}
for tool in espeak-ng sox; do command -v $tool >/dev/null || { echo "needs $tool: apt-get install $tool" >&2; exit 1; }; done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

track() { # name voice pitch speed text chord-root-hz tempo-beats-per-second
  local name=$1 voice=$2 pitch=$3 speed=$4 text=$5 root=$6 bps=$7 dir="$out/$1"
  mkdir -p "$dir"
  espeak-ng -v "$voice" -p "$pitch" -s "$speed" -w "$tmp/$name-speech.wav" "$text"
  sox "$tmp/$name-speech.wav" -r 44100 -c 1 -b 32 -e float "$dir/vocals.wav" gain -n -6 pad 0.5 0.5
  local len; len=$(soxi -D "$dir/vocals.wav")
  local beat; beat=$(echo "scale=4; 1/$bps" | bc -l)
  local third fifth; third=$(echo "$root*1.26" | bc -l); fifth=$(echo "$root*1.498" | bc -l)
  # One bar of accompaniment: a plucked triad, a square-wave stab, a sine bass note and two hi-hats.
  sox -n -r 44100 -c 1 -b 32 -e float "$tmp/$name-pluck.wav" synth "$beat" pluck "$root" pluck "$third" pluck "$fifth" remix - gain -n -12
  sox -n -r 44100 -c 1 -b 32 -e float "$tmp/$name-square.wav" synth "$beat" square "$third" fade 0 "$beat" "$beat" gain -n -22 lowpass 2000
  sox -n -r 44100 -c 1 -b 32 -e float "$tmp/$name-bass.wav" synth "$beat" sine "$(echo "$root/2" | bc -l)" fade 0.01 "$beat" 0.2 gain -n -14
  sox -n -r 44100 -c 1 -b 32 -e float "$tmp/$name-hat.wav" synth 0.05 whitenoise gain -n -26 highpass 7000 fade 0 0.05 0.04 pad 0 "$(echo "$beat/2-0.05" | bc -l)"
  sox "$tmp/$name-hat.wav" "$tmp/$name-hat.wav" "$tmp/$name-hats.wav"
  sox -m "$tmp/$name-pluck.wav" "$tmp/$name-square.wav" "$tmp/$name-bass.wav" "$tmp/$name-hats.wav" "$tmp/$name-beat.wav"
  local beats; beats=$(printf "%.0f" "$(echo "$len*$bps+1" | bc -l)")
  sox "$tmp/$name-beat.wav" "$tmp/$name-long.wav" repeat "$beats"
  sox "$tmp/$name-long.wav" -b 32 -e float "$dir/accompaniment.wav" trim 0 "$len"
  # -v 1 on each input: sox -m otherwise scales every input by 1/n, and the mixture must be the sum.
  sox -m -v 1 "$dir/vocals.wav" -v 1 "$dir/accompaniment.wav" -b 32 -e float "$dir/mixture.wav"
}

track speech-en-m en 40 150 "Singing voice separation with deep convolutional networks. The quick brown fox jumps over the lazy dog, and the music plays on until the night is over." 220 2
track speech-en-f en+f3 70 130 "A researcher opens a notebook in the browser, trains a network step by step, and listens to the voice come apart from the band." 196 2.2
track speech-de de+m2 50 140 "Die Stimme wird vom Schlagzeug getrennt, und die Gitarre klingt weiter, solange das Lied dauert, bis zum letzten Takt." 174.6 1.8
track speech-fr fr+f2 60 145 "La voix chante au-dessus des accords, et le modele apprend a separer la melodie de l accompagnement." 246.9 2.4
echo "wrote 4 tracks to $out"
