#!/usr/bin/env bash
# Runs every test project in Release and prints one closing line "N passed, N failed[, N skipped]"
# computed from the TRX results. Exit code: 0 when nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."
results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"
dotnet test MixupLab.slnx -c Release --logger "trx" --results-directory "$results" "$@"
status=$?
passed=0; failed=0; skipped=0
shopt -s nullglob
for f in "$results"/*.trx; do
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  get() { echo "$line" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); fl=$(get failed); t=$(get total); e=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any result was written: count it as a failure.
  failed=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
