#!/usr/bin/env bash
# Runs each libFuzzer target of tests/fuzz for a while (issue 14). Run by `.ci/setup.sh test`
# after the sanitizer tests; by hand for a longer run:
#   bash .ci/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
# Builds build-fuzz/ with clang (-DSURA_FUZZ=ON) if needed. Each target starts from its seed
# corpus, tests/fuzz/corpus/<target>/, and keeps what it finds in build-fuzz/fuzz-corpus/
# <target>/ (never in the source tree). A crash, a sanitizer report, a leak in our code or an
# input slower than 10 s fails the run; the input is left in build-fuzz/fuzz-artifacts/:
# reproduce it with build-fuzz/tests/fuzz/fuzz_<target> FILE, and once fixed add it to the
# seed corpus as a regression seed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(manifest vtp stl obj ply)
jobs=${SURA_JOBS:-$(nproc 2>/dev/null || echo 2)}

if [ ! -f build-fuzz/CMakeCache.txt ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Release -DSURA_FUZZ=ON >/dev/null
fi
cmake --build build-fuzz --target fuzzers -j "$jobs"

export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer

mkdir -p build-fuzz/fuzz-artifacts
status=0
for target in "${targets[@]}"; do
  program=build-fuzz/tests/fuzz/fuzz_$target
  seeds=tests/fuzz/corpus/$target
  work=build-fuzz/fuzz-corpus/$target
  log=build-fuzz/fuzz-$target.log
  [ -x "$program" ] && [ -d "$seeds" ] || { echo "fuzz: no target $target" >&2; exit 2; }
  mkdir -p "$work"
  if "$program" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="build-fuzz/fuzz-artifacts/$target-" "$work" "$seeds" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz: $target: $runs runs in $seconds s, no finding"
  else
    status=1
    tail -n 60 "$log" >&2
    echo "fuzz: $target: FOUND A PROBLEM (log $log, input in build-fuzz/fuzz-artifacts/)" >&2
  fi
done
exit $status
