#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (issue 14): the short run as many at once as there
# are jobs ($SURA_JOBS, or the cores), the long run one after the other.
#
#   bash .ci/fuzz.sh [SECONDS] [TARGET...]
#       The short run, as `.ci/setup.sh test` (CI) does it: each target (every one without a
#       name: manifest vtp stl obj ply) for SECONDS (default 60), built with ASan and UBSan
#       into build-fuzz/.
#   bash .ci/fuzz.sh --long RUNS [TARGET...]
#       The long run, by hand: each target for RUNS executions at nice 19, built with UBSan
#       only (about twice the executions a second) into build-fuzz-long/; then everything it
#       kept is replayed once under the ASan+UBSan build, so a memory error that did not crash
#       is still reported. A summary line per target goes to build-fuzz-long/summary.txt.
#
# Each target starts from its seed corpus, tests/fuzz/corpus/<target>/, and keeps what it
# finds in <build>/fuzz-corpus/<target>/ (never in the source tree). A crash, a sanitizer
# report, a leak in our code or an input slower than 10 s fails the run; the input is left in
# <build>/fuzz-artifacts/: reproduce it with <build>/tests/fuzz/fuzz_<target> FILE, and once
# fixed add it to the seed corpus as a regression seed (ctest replays that corpus).
set -euo pipefail
cd "$(dirname "$0")/.."

long=0
if [ "${1:-}" = --long ]; then
  long=1
  shift
  runs=${1:?usage: bash .ci/fuzz.sh --long RUNS [TARGET...]}
else
  seconds=${1:-60}
fi
shift || true
targets=("$@")
((${#targets[@]})) || targets=(manifest vtp stl obj ply)
jobs=${SURA_JOBS:-$(nproc 2>/dev/null || echo 2)}

# build DIR SANITIZERS: the fuzz targets of one build (configured once).
build() {
  if [ ! -f "$1/CMakeCache.txt" ]; then
    # A unity build, as the sanitizer suite's (each target's files compiled together).
    CC=clang CXX=clang++ cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=Release -DSURA_FUZZ=ON \
      -DSURA_FUZZ_SANITIZERS="$2" -DCMAKE_UNITY_BUILD=ON >/dev/null
  fi
  nice -n 10 cmake --build "$1" --target fuzzers -j "$jobs"
}
build build-fuzz address,undefined
((long)) && build build-fuzz-long undefined

export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer
# The mesh targets write each input to a scratch file: in memory (tmpfs), not on a disk that
# would flush it on every truncation.
[ -d /dev/shm ] && [ -w /dev/shm ] && export TMPDIR=/dev/shm

# fuzz_one TARGET: one target's run (and, in a long run, the replay of what it kept); one line
# saying what it did, or the end of its log and a line saying where the problem is, and a
# non-zero status.
fuzz_one() {
  local target=$1 dir limit prefix
  local seeds=tests/fuzz/corpus/$target
  [ -d "$seeds" ] || { echo "fuzz: no target $target" >&2; return 2; }
  if ((long)); then
    dir=build-fuzz-long
    limit=(-runs="$runs")
    prefix=(nice -n 19)
  else
    dir=build-fuzz
    limit=(-max_total_time="$seconds")
    prefix=()
  fi
  local program=$dir/tests/fuzz/fuzz_$target
  local work=$dir/fuzz-corpus/$target
  local log=$dir/fuzz-$target.log
  mkdir -p "$work" "$dir/fuzz-artifacts"
  local start=$SECONDS
  if ! "${prefix[@]}" "$program" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$dir/fuzz-artifacts/$target-" "$work" "$seeds" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz: $target: FOUND A PROBLEM (log $log, input in $dir/fuzz-artifacts/)" >&2
    ((long)) && echo "$(date -u +%FT%TZ) fuzz: $target: FOUND A PROBLEM after $((SECONDS - start)) s (log $log)" >>"$dir/summary.txt"
    return 1
  fi
  local executed
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  local line="fuzz: $target: $executed runs in $((SECONDS - start)) s, no finding"
  if ((long)); then
    # Everything the long run kept, once under ASan+UBSan (-runs=0: each input once).
    if ! build-fuzz/tests/fuzz/fuzz_"$target" -runs=0 -timeout=10 -rss_limit_mb=2048 \
      "$work" >"$dir/replay-$target.log" 2>&1; then
      tail -n 60 "$dir/replay-$target.log" >&2
      line="fuzz: $target: $executed runs; REPLAY UNDER ASAN FOUND A PROBLEM (log $dir/replay-$target.log)"
      echo "$(date -u +%FT%TZ) $line" >>"$dir/summary.txt"
      echo "$line" >&2
      return 1
    fi
    line+="; its corpus of $(find "$work" -type f | wc -l) inputs replayed under ASan, clean"
    echo "$(date -u +%FT%TZ) $line" >>"$dir/summary.txt"
  fi
  echo "$line"
}

# The short run (CI) runs as many targets at once as there are jobs; the long run one at a
# time, at nice 19, beside whatever else the machine does.
at_once=1
((long)) || at_once=$jobs
status=0
running=0
for target in "${targets[@]}"; do
  if ((running >= at_once)); then
    wait -n || status=1
    running=$((running - 1))
  fi
  fuzz_one "$target" &
  running=$((running + 1))
done
while ((running > 0)); do
  wait -n || status=1
  running=$((running - 1))
done
exit $status
