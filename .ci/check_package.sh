#!/usr/bin/env bash
# The Debian package as a classroom machine gets it: build it from build/, check what it holds
# and what it depends on, install it, and render a picture with the installed program (which
# must read the atlas installed with it, not the source tree's). Run by `.ci/setup.sh test`
# after the tests. Installing needs root; without it, the package is unpacked into a temporary
# folder and that copy is checked instead. A package that was not installed before is removed
# again at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "check_package: $*" >&2
  exit 1
}

start=$SECONDS
rm -f build/sura_*.deb
cmake --build build --target package -j "${SURA_JOBS:-2}" >build/package.log 2>&1 ||
  { cat build/package.log >&2; fail "building the package failed (see above)"; }
debs=(build/sura_*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one build/sura_*.deb, found: ${debs[*]}"
deb=${debs[0]}

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/sura ./usr/share/sura/meshes/atlas.json \
  ./usr/share/applications/sura.desktop ./usr/share/icons/hicolor/256x256/apps/sura.png; do
  grep -qE " $path\$" <<<"$contents" || fail "$deb does not hold $path"
done
depends=$(dpkg-deb -f "$deb" Depends)
grep -q "libvtk9.1" <<<"$depends" || fail "$deb does not depend on libvtk9.1: $depends"
if grep -qE -- "-dev\b" <<<"$depends"; then
  fail "$deb depends on a development package: $depends"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
installed_here=no
how="installs"
if [ "$(id -u)" -eq 0 ]; then
  dpkg-query -W -f='${Status}' sura 2>/dev/null | grep -q "install ok installed" || installed_here=yes
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt-get install ./$deb failed"; }
  program=/usr/bin/sura
  atlas=/usr/share/sura/meshes/atlas.json
else
  echo "check_package: not root, so $deb is not installed: checking an unpacked copy instead"
  how="unpacks"
  dpkg-deb -x "$deb" "$work/root"
  program=$work/root/usr/bin/sura
  atlas=$work/root/usr/share/sura/meshes/atlas.json
fi

# The installed program reads its own atlas.
env -u SURA_ATLAS_DIR "$program" check >"$work/check.txt" 2>&1 ||
  { cat "$work/check.txt" >&2; fail "$program check failed"; }
grep -qF "manifest:  $atlas" "$work/check.txt" ||
  fail "$program did not read the installed atlas $atlas: $(grep manifest: "$work/check.txt")"

# And draws with it.
headless=()
if [ -z "${DISPLAY:-}" ]; then
  headless=(xvfb-run -a -s "-screen 0 1920x1080x24")
fi
png=$work/installed.png
env -u SURA_ATLAS_DIR "${headless[@]}" "$program" render "$png" --view lateral --size 640x400 \
  >"$work/render.txt" 2>&1 || { cat "$work/render.txt" >&2; fail "$program render failed"; }
[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$png is not a PNG"
size=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $3*256+$4 "x" $7*256+$8}')
[ "$size" = 640x400 ] || fail "$png is $size, not 640x400"
# A blank picture compresses to a few kB; the leg and the panel do not.
bytes=$(stat -c %s "$png")
[ "$bytes" -gt 30000 ] || fail "$png is only $bytes bytes: nothing drawn?"

if [ "$installed_here" = yes ]; then
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq sura >/dev/null 2>&1 ||
    fail "apt-get remove sura failed"
fi
echo "check_package: $deb $how, reads its own atlas and renders ($((SECONDS - start)) s)"
