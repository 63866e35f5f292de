#!/usr/bin/env bash
# Runs every test of the suite: installs what the tests need (JDK 17, Maven; Docker, busybox and
# openssl through scripts/engines.sh), starts two Docker engines as two hosts and a third reached
# only over TLS, runs Maven, and stops the engines it started. Extra arguments go to Maven (e.g. -pl cccf-core).
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
    export CCCF_TEST_HOSTS CCCF_TEST_TLS CCCF_TEST_SSH
  fi
fi

# Every @FuzzTest fuzzes (instead of only replaying its seeds) for a fixed number of executions
# (CCCF_FUZZ_RUNS, default 25,000: about 10 to 30 s per fuzz test, depending on the machine) from
# a fixed seed (CCCF_FUZZ_SEED) and a fresh corpus (the seeds under src/test/resources only; the
# corpus a run generates goes to a temporary directory, not to .cifuzz-corpus/, which
# scripts/fuzz.sh keeps for its long campaign). -max_total_time=0 lifts the time limit of the
# @FuzzTest annotation (libFuzzer takes the last value of a flag), so the load of the machine does
# not change how far a run goes: the same code gets the same inputs on every run, and a finding
# here is reproducible. scripts/fuzz.sh explores with random seeds.
export JAZZER_FUZZ="${JAZZER_FUZZ:-1}"
fuzzdir="$(mktemp -d)"
fuzz=(-Djazzer.internal.arg.0=fuzz "-Djazzer.internal.arg.1=-seed=${CCCF_FUZZ_SEED:-20261123}"
  "-Djazzer.internal.arg.2=-runs=${CCCF_FUZZ_RUNS:-25000}" -Djazzer.internal.arg.3=-max_total_time=0
  "-Djazzer.internal.basedir=$fuzzdir")
# every test class must then have a report of this run (scripts/check-reports.sh says why);
# not when arguments choose what to run
since="$(mktemp)"
if ! mvn -B -ntp verify "${fuzz[@]}" "$@"; then
  # a fuzz test's finding is written there (crash-*), with the corpus it was found from
  if compgen -G "$fuzzdir/crash-*" >/dev/null; then
    echo "test.sh: fuzzing findings: $(ls "$fuzzdir"/crash-*)" >&2
  else
    rm -rf "$fuzzdir"
  fi
  rm -f "$since"
  exit 1
fi
rm -rf "$fuzzdir"
if [ $# -eq 0 ]; then
  scripts/check-reports.sh "$since"
fi
rm -f "$since"
