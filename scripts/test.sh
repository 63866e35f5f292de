#!/usr/bin/env bash
# Runs every test of the suite: installs what the tests need (JDK 17, Maven; Docker and busybox
# through scripts/engines.sh), starts two Docker engines as two hosts, runs Maven, and stops
# the engines it started. Extra arguments go to Maven (e.g. -pl cccf-core).
# With CI=true, engines that cannot start fail the run instead of skipping the engine tests.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"

apt_updated=0
apt_install() {
  command -v apt-get >/dev/null || { echo "test.sh: $* missing and no apt-get to install it" >&2; return 1; }
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v javac >/dev/null || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null || apt_install maven

started=0
cleanup() {
  if [ "$started" = 1 ]; then scripts/engines.sh stop || true; fi
}
trap cleanup EXIT
if [ -x scripts/engines.sh ]; then
  if ! scripts/engines.sh status >/dev/null 2>&1; then
    if scripts/engines.sh start; then
      started=1
    elif [ "${CI:-}" = true ]; then
      echo "test.sh: the Docker engines did not start, and CI needs them" >&2
      exit 1
    else
      echo "test.sh: warning: no Docker engines; the engine tests will be skipped" >&2
    fi
  fi
  if scripts/engines.sh status >/dev/null 2>&1; then
    eval "$(scripts/engines.sh env)"
    export CCCF_TEST_HOSTS
  fi
fi

# Every @FuzzTest fuzzes (instead of only replaying its seeds) with a fixed seed and at most a fixed
# number of executions (and its maxDuration, 20 s): the same inputs on every run of the same code,
# so a finding here is reproducible and does not come and go with luck. scripts/fuzz.sh explores
# with random seeds. CCCF_FUZZ_SEED and CCCF_FUZZ_RUNS change the two.
export JAZZER_FUZZ="${JAZZER_FUZZ:-1}"
fuzz=(-Djazzer.internal.arg.0=fuzz "-Djazzer.internal.arg.1=-seed=${CCCF_FUZZ_SEED:-20261123}"
  "-Djazzer.internal.arg.2=-runs=${CCCF_FUZZ_RUNS:-150000}")
# every test class must then have a report of this run (scripts/check-reports.sh says why);
# not when arguments choose what to run
since="$(mktemp)"
mvn -B -ntp verify "${fuzz[@]}" "$@"
if [ $# -eq 0 ]; then
  scripts/check-reports.sh "$since"
fi
rm -f "$since"
