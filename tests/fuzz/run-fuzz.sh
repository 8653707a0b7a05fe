#!/usr/bin/env bash
# A bounded libFuzzer run of fuzz_recordparser (clang, ASan + UBSan + leak
# checking) starting from the committed corpus of real portal pages. Fails on
# any crash, leak, sanitizer finding, broken round trip or slow input; the
# input that caused it is left in build/fuzz/ as crash-*, leak-*, timeout-*.
#
#   bash tests/fuzz/run-fuzz.sh [SECONDS]     (default 60)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

seconds=${1:-60}
build=build/fuzz
cmake -S . -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
  -DESCALATION_BUILD_FUZZERS=ON \
  -DESCALATION_BUILD_GUI=OFF >/dev/null
cmake --build "$build" --target fuzz_recordparser -j2

# New inputs go to a scratch copy: the committed corpus only changes by hand.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/fuzz/corpus/* "$work/"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fuzzer=$(find "$build" -type f -name fuzz_recordparser -perm -u+x | head -n 1)
set +e
"$fuzzer" "$work" \
  -max_total_time="$seconds" \
  -max_len=262144 \
  -timeout=10 \
  -rss_limit_mb=2560 \
  -dict=tests/fuzz/recordparser.dict \
  -artifact_prefix="$build/" \
  -print_final_stats=1 >"$build/fuzz.log" 2>&1
status=$?
set -e
grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::|SUMMARY|fuzz_recordparser:)' "$build/fuzz.log" || true
if [[ $status -ne 0 ]]; then
  echo "fuzz_recordparser found a problem (exit $status); see $build/fuzz.log" >&2
  tail -n 60 "$build/fuzz.log" >&2
  exit 1
fi
echo "fuzz_recordparser: no finding in $seconds s ($(grep -o 'stat::number_of_executed_units: [0-9]*' "$build/fuzz.log" | grep -o '[0-9]*$') executions)"
