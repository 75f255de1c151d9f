#!/usr/bin/env bash
# Sura set-up on a fresh Debian 12 machine (as root, or as a user with sudo).
#   bash .ci/setup.sh run    install what is missing, build, open the viewer (or, without a
#                            display, render two PNGs of the bundled model)
#   bash .ci/setup.sh test   install what is missing, build, run every test (headless if needed),
#                            then build the Debian package, install it and render with it
#                            (.ci/check_package.sh); then build everything again with ASan and
#                            UBSan (build-asan/) and run every test again, and build the fuzzers
#                            with clang (build-fuzz/) and run each for a short time (.ci/fuzz.sh,
#                            $SURA_FUZZ_SECONDS, 30 s by default)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
  run | test) ;;
  *)
    echo "usage: bash .ci/setup.sh run|test" >&2
    exit 2
    ;;
esac

# dpkg-dev and file make the Debian package (.ci/check_package.sh); clang with its runtime
# libraries (libFuzzer, the sanitizers) and llvm-symbolizer build and run the fuzzers.
packages=(build-essential cmake pkg-config dpkg-dev file
  libvtk9-dev libimgui-dev libstb-dev libglfw3-dev libglm-dev
  doctest-dev nlohmann-json3-dev libcli11-dev
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core
  clang libclang-rt-14-dev llvm-14)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$jobs"

# Without a display (CI, ssh), run under a virtual X server with Mesa's software renderer.
headless=()
if [ -z "${DISPLAY:-}" ]; then
  headless=(xvfb-run -a -s "-screen 0 1920x1080x24")
fi

if [ "$mode" = test ]; then
  # Each stage says how long it took (CI must stay under 30 minutes on two cores).
  stage() { echo "setup: $1 done after $((SECONDS / 60)) min $((SECONDS % 60)) s"; }
  stage "Release build"
  "${headless[@]}" ctest --test-dir build --output-on-failure -j "$jobs"
  stage "Release tests"
  SURA_JOBS=$jobs bash .ci/check_package.sh
  stage "package check"
  # Every test again, built with AddressSanitizer and UndefinedBehaviorSanitizer (leaks inside
  # system libraries suppressed by name in .ci/lsan.supp, see tests/sanitizer_env.cmake.in).
  # The one test left out there, regenerating the model byte for byte (an hour under ASan),
  # has just passed in the Release run; a coarse model is generated under the sanitizers.
  # A unity build (each target's files compiled together: a third less time on two cores);
  # the Release build above compiled every file on its own.
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSURA_SANITIZE=ON \
    -DCMAKE_UNITY_BUILD=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  stage "sanitizer build"
  "${headless[@]}" ctest --test-dir build-asan --output-on-failure -j "$jobs"
  stage "sanitizer tests"
  # The fuzzers of tests/fuzz (clang, libFuzzer), a short run each.
  SURA_JOBS=$jobs bash .ci/fuzz.sh "${SURA_FUZZ_SECONDS:-30}"
  stage "fuzz run"
elif [ -n "${DISPLAY:-}" ]; then
  exec build/viewer/app/sura
else
  # No screen for the viewer: render the model from behind and the side instead.
  "${headless[@]}" build/viewer/app/sura render sura-posterior.png --view posterior
  "${headless[@]}" build/viewer/app/sura render sura-lateral.png --view lateral
  echo "setup: no display for the viewer; wrote sura-posterior.png and sura-lateral.png"
fi
