#!/usr/bin/env bash
# Runs every test of the suite: installs what the tests need (JDK 17, Maven, jq, docker-compose; Docker, busybox
# and openssl through scripts/engines.sh), starts two Docker engines as two hosts (made a swarm),
# a registry and a third reached only over TLS, runs Maven, and stops the engines it started. Extra arguments go to Maven
# (e.g. -pl cccf-core). With CI=true, engines that cannot start fail the run instead of skipping
# the engine tests.
#
# Quiet: Maven's whole output, the fuzzers' progress with it, goes to target/test-logs/mvn.log;
# the terminal gets a line per module and phase (time so far, and the last run's total), then a
# table of every module's tests, and, on a failure, Maven's errors and each failing class's
# report in full. CCCF_TEST_VERBOSE=1 shows Maven's output as it comes instead.
# After a whole run (no arguments): scripts/check-reports.sh, and the README check
# (scripts/ReadmeCheck.java: every sh block of every README, run against examples/).
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
command -v jq >/dev/null || apt_install jq
# ComposeAgainstDockerComposeTest compares cccf compose with Debian's docker-compose (v1) config
command -v docker-compose >/dev/null || apt_install docker-compose

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
    # h1 and h2 as a swarm (h1 the manager): the swarm tests' (apply --swarm, --target swarm)
    if ! scripts/engines.sh swarm; then
      if [ "${CI:-}" = true ]; then
        echo "test.sh: the swarm could not be made, and CI needs it" >&2
        exit 1
      fi
      echo "test.sh: warning: no swarm; the swarm tests will be skipped" >&2
    fi
    eval "$(scripts/engines.sh env)"
    export CCCF_TEST_HOSTS CCCF_TEST_TLS CCCF_TEST_SSH CCCF_TEST_SWARM CCCF_TEST_REGISTRY
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
logs=target/test-logs
mkdir -p "$logs"
log="$logs/mvn.log"
last="$(cat "$logs/last-seconds" 2>/dev/null || echo 270)"
clock() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }
echo "test.sh: mvn verify, the fuzz tests last in each module; about $(clock "$last") in all (the last whole run);" \
  "Maven's output: $log"
start=$SECONDS
# one line per module and phase, from Maven's own lines such as
# "--- maven-surefire-plugin:3.6.1:test (fuzz-tests) @ cccf-core ---" (3.9 writes "surefire:3.6.1")
progress() {
  local line phase module
  while IFS= read -r line; do
    printf '%s\n' "$line" >> "$log"
    [ -n "${CCCF_TEST_VERBOSE:-}" ] && printf '%s\n' "$line"
    case "$line" in
      *"--- "*"compiler"*":compile (default-compile) @ "*) phase=compile ;;
      *"--- "*"surefire"*":test (default-test) @ "*) phase=tests ;;
      *"--- "*"surefire"*":test (fuzz-tests) @ "*) phase="fuzz tests" ;;
      *"--- "*"javadoc"*":jar (attach-javadocs) @ "*) phase=javadoc ;;
      *) continue ;;
    esac
    module="${line##*@ }"
    module="${module%% ---*}"
    [ -z "${CCCF_TEST_VERBOSE:-}" ] && printf '  [%s of about %s] %-18s %s\n' "$(clock $((SECONDS - start)))" "$(clock "$last")" "$module" "$phase"
  done
}
: > "$log"
set +e
mvn -B -ntp -Dstyle.color=never verify "${fuzz[@]}" "$@" 2>&1 | progress
status=${PIPESTATUS[0]}
set -e

# the table: every module's surefire reports of this run
summary() {
  local m r total=0 failed=0 skipped=0
  printf '%-18s %7s %7s %8s %9s\n' module tests failed skipped seconds
  for m in $(sed -n '/<modules>/,/<\/modules>/{s:.*<module>\(.*\)</module>.*:\1:p;/<\/modules>/q}' pom.xml); do
    [ -d "$m/target/surefire-reports" ] || continue
    r=$(find "$m/target/surefire-reports" -name 'TEST-*.xml' -newer "$since" -print0 | xargs -0 -r sed -n 's/^<testsuite \(.*\)>$/\1/p' \
      | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); v[kv[1]] += kv[2] } }
             END { printf "%d %d %d %.1f", v["tests"], v["failures"] + v["errors"], v["skipped"], v["time"] }')
    [ -n "$r" ] || continue
    set -- $r
    [ "$1" -gt 0 ] || continue
    printf '%-18s %7d %7d %8d %9s\n' "$m" "$1" "$2" "$3" "$4"
    total=$((total + $1)) failed=$((failed + $2)) skipped=$((skipped + $3))
  done
  printf '%-18s %7d %7d %8d\n' total "$total" "$failed" "$skipped"
  echo "tests: $((total - failed - skipped)) passed, $failed failed, $skipped skipped"
}
summary

if [ "$status" != 0 ]; then
  echo "test.sh: mvn verify failed after $(clock $((SECONDS - start))); its errors (all of it: $log):"
  grep -E '^\[ERROR\]' "$log" | grep -vE 'Help 1|-e switch|-X switch|full debug|please read the following|MojoFailureException|^\[ERROR\] *$|resume the build|mvn <args>' || true
  # each failing test class's report in full (its assertion and stack trace)
  grep -oE '<<< (FAILURE|ERROR)! -- in [A-Za-z0-9_.$]+' "$log" | sed 's/.* -- in //' | sort -u | while read -r class; do
    for f in */target/surefire-reports/"$class".txt; do
      [ -f "$f" ] && { echo "---- $f"; cat "$f"; }
    done
  done
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
  java scripts/ReadmeCheck.java
  echo "$((SECONDS - start))" > "$logs/last-seconds"
fi
rm -f "$since"
echo "test.sh: passed in $(clock $((SECONDS - start)))"
