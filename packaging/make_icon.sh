#!/usr/bin/env bash
# Remakes packaging/sura.png, the 256x256 icon of the desktop entry, from Sura's own picture of
# the calf (skin peeled, from behind) on a rounded square: no outside art. Needs a built sura,
# an X display (or xvfb-run) and ImageMagick's convert.
#   bash packaging/make_icon.sh [build/viewer/app/sura]
set -euo pipefail
cd "$(dirname "$0")/.."
sura=${1:-build/viewer/app/sura}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
headless=()
[ -n "${DISPLAY:-}" ] || headless=(xvfb-run -a -s "-screen 0 1920x1080x24")
SURA_ATLAS_DIR=$PWD/meshes "${headless[@]}" "$sura" render "$work/leg.png" --size 512x1024 \
  --no-ui --view posterior --peel 1
# The background made transparent from both edges, the knee to the heel kept, centred.
fills=()
for y in 0 100 200 300 400 500 600 700 800 900 1023; do
  fills+=(-draw "color 0,$y floodfill" -draw "color 511,$y floodfill")
done
convert "$work/leg.png" -alpha set -fuzz 4% -fill none "${fills[@]}" \
  -crop 512x800+0+180 +repage -background none -gravity center -extent 800x800 \
  -resize 236x236 -extent 256x256 "$work/cut.png"
convert -size 256x256 xc:none -fill '#2b3a55' -draw "roundrectangle 0,0 255,255 44,44" \
  "$work/cut.png" -gravity center -compose over -composite -depth 8 packaging/sura.png
echo "wrote packaging/sura.png"
