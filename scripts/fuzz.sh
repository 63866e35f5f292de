#!/usr/bin/env bash
# The long fuzzing campaign: ROUNDS rounds (default 30, about 10 minutes of fuzzing) of every
# @FuzzTest of the suite. Each round fuzzes for the test's maxDuration and continues from the
# corpus the earlier rounds built (in each module's .cifuzz-corpus/). A finding stops the run
# and is written as a regression input under src/test/resources/.../<Test>Inputs/.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
rounds="${1:-30}"
mvn -B -q -ntp -DskipTests install
total=0
for ((i = 1; i <= rounds; i++)); do
  log=$(mktemp)
  # only the fuzz-tests execution of surefire (each fuzz test class in a JVM of its own); not in
  # cccf-bom, which has no parent, so no surefire to find offline
  if ! JAZZER_FUZZ=1 mvn -B -ntp -o -pl '!cccf-bom' test-compile surefire:test@fuzz-tests >"$log" 2>&1; then
    grep -E "FuzzTestFinding|Caused by|crash-" "$log" | head -20
    echo "fuzz.sh: a finding in round $i (log: $log)" >&2
    exit 1
  fi
  runs=$(grep -oE "^Done [0-9]+ runs" "$log" | awk '{s += $2} END {print s + 0}')
  total=$((total + runs))
  echo "round $i/$rounds: $runs executions ($total in all), no finding"
  rm -f "$log"
done
echo "fuzz.sh: $total executions in $rounds rounds, no finding"
