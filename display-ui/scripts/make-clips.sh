#!/usr/bin/env bash
# Renders the spoken-call clips the hall board joins at play time when the browser has no
# Indonesian speech voice: one small mono Ogg Vorbis file per word or phrase, plus a chime.
# Development-time only (needs espeak-ng and sox); the output is committed and served as is.
#
#   display-ui/scripts/make-clips.sh            # from the repo root
#   VOICE=id+f3 SPEED=130 display-ui/scripts/make-clips.sh
#
# The word list comes from display-ui/src/voice/announcement.ts (CLIP_TOKENS), so the clips
# and the announcement builder cannot drift apart; a unit test checks every token has a file.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
UI="$(dirname "$HERE")"
ROOT="$(dirname "$UI")"
OUT="$UI/public/audio"
VOICE="${VOICE:-id}"
SPEED="${SPEED:-145}"
PITCH="${PITCH:-45}"
RATE=16000
QUALITY="${QUALITY:-2}"

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "make-clips: $tool is required" >&2; exit 1; }
done

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.ogg

TOKENS="$(cd "$ROOT" && node --import tsx -e "import('./display-ui/src/voice/announcement.ts').then((m) => console.log(m.CLIP_TOKENS.join('\n')))")"

# Trim leading/trailing silence, make it mono 16 kHz, normalise to -1 dBFS, encode Vorbis.
finish() {
  sox "$1" -r "$RATE" -c 1 -C "$QUALITY" "$2" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse \
    gain -n -1 pad 0 0.03
}

# How espeak-ng should say a token when its spelling alone would mislead it.
say_as() {
  case "$1" in
    nomor-antrean) echo "nomor antrean" ;;
    silakan-menuju) echo "silakan menuju" ;;
    a) echo "a" ;;
    e) echo "é" ;;
    eks) echo "éks" ;;
    ki) echo "ki" ;;
    *) echo "$1" ;;
  esac
}

count=0
while IFS= read -r token; do
  [ -z "$token" ] && continue
  if [ "$token" = chime ]; then
    # Two-note "ding-dong" with a soft bell overtone, the call sign of Indonesian service halls.
    sox -n -r "$RATE" -c 1 "$TMP/ding.wav" synth 0.9 sine 880 sine 1760 remix 1v0.8,2v0.2 fade q 0.01 0.9 0.8
    sox -n -r "$RATE" -c 1 "$TMP/dong.wav" synth 1.0 sine 698.46 sine 1396.9 remix 1v0.8,2v0.2 fade q 0.01 1.0 0.9 pad 0.4 0
    sox -m "$TMP/ding.wav" "$TMP/dong.wav" -C "$QUALITY" "$OUT/chime.ogg" gain -n -2
  else
    espeak-ng -v "$VOICE" -s "$SPEED" -p "$PITCH" -w "$TMP/$token.wav" "$(say_as "$token")"
    finish "$TMP/$token.wav" "$OUT/$token.ogg"
  fi
  count=$((count + 1))
done <<< "$TOKENS"

echo "make-clips: $count clips in $OUT ($(du -sh "$OUT" | cut -f1))"
