#!/usr/bin/env bash
# scripts/trials.sh kill|concurrent [COUNT [SEED]] [-- MAVEN-ARGS...]
#
# cccf apply under faults and concurrency, on the two engines of scripts/engines.sh (started
# when they do not answer; stopped again afterwards if this script started them):
#   kill        COUNT trials (default 100) of ApplyKillTrialsTest: h2's dockerd killed at a random
#               point of an apply, restarted, apply run again: converged, no duplicate, no orphan
#   concurrent  COUNT rounds (default 20) of ApplyConcurrencyTest: two applies of the same state at
#               once (from nothing, and over a change), the second one 0-1.5 s later
# SEED (default: a new one, printed) chooses the kill points and delays; the test suite (CI) runs
# 20 kill trials and 4 rounds with the seed 20261123, and `scripts/trials.sh kill 20 20261123`
# runs those again. Results: cccf-docker/target/kill-trials.txt, concurrency-trials.txt.
# Needs root (engines.sh restarts dockerd). MAVEN-ARGS go to Maven (e.g. -Dmaven.repo.local=...).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"

what="${1:-}"
shift || true
case "$what" in
  kill) test=ApplyKillTrialsTest; property=cccf.trials.kills; count=100; out=kill-trials.txt ;;
  concurrent) test=ApplyConcurrencyTest; property=cccf.trials.concurrent; count=20; out=concurrency-trials.txt ;;
  *) echo "usage: scripts/trials.sh kill|concurrent [COUNT [SEED]] [-- MAVEN-ARGS...]" >&2; exit 2 ;;
esac
if [ $# -gt 0 ] && [ "$1" != -- ]; then count="$1"; shift; fi
seed="$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"
if [ $# -gt 0 ] && [ "$1" != -- ]; then seed="$1"; shift; fi
[ "${1:-}" = -- ] && shift
[[ "$count" =~ ^[0-9]+$ && "$seed" =~ ^-?[0-9]+$ ]] || { echo "trials.sh: COUNT and SEED are integers" >&2; exit 2; }

started=0
cleanup() { if [ "$started" = 1 ]; then scripts/engines.sh stop || true; fi; }
trap cleanup EXIT
if ! scripts/engines.sh status >/dev/null 2>&1; then
  scripts/engines.sh start
  started=1
fi
eval "$(scripts/engines.sh env)"
export CCCF_TEST_HOSTS

echo "trials.sh: $what, $count, seed $seed"
mvn -B -q -ntp "$@" -pl cccf-docker -am install -DskipTests
CI=true mvn -B -ntp -o "$@" -pl cccf-docker test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -Dcccf.skipFuzzTests=true \
  "-D$property=$count" "-Dcccf.trials.seed=$seed" | grep -E "^ *[0-9]+  |trials|Tests run:|FAIL" || true
echo "trials.sh: results in cccf-docker/target/$out"
grep -q "Tests run: 1, Failures: 0, Errors: 0" "cccf-docker/target/surefire-reports/dev.cccf.docker.cli.$test.txt"
