#!/usr/bin/env bash
# bench/apply-vs-compose.sh: `cccf apply` vs Debian's docker-compose (1.29.2) bringing up the same
# N services (image cccf/busybox:test, sleep 3600) on one engine: cold (nothing runs) and with
# nothing to do (all run as wanted; each run waits 2 s for the engine to settle, then times 5 of
# these in a row and keeps their median).
# Several runs each; prints medians and ratios.
# Not a test. Targets (issue 6): cold <= 1/2 of compose's time, nothing to do <= 1/5.
# Usage: [FLOOR_PARALLEL=P] bench/apply-vs-compose.sh [RUNS] [SERVICES]   (default 5 runs, 30 services)
# The engine: $BENCH_DOCKER_HOST, default the test engine h1 of scripts/engines.sh; a tcp:// engine
# is reached over TLS with BENCH_DOCKER_CERT_PATH=<folder of ca.pem, cert.pem, key.pem> (e.g. the
# TLS engine of engines.sh and its client/ folder), by all three clients alike.
# Needs docker-compose (apt-get install -y docker-compose) and the docker CLI (for the clean-ups).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
OUT="$ROOT/bench/out/apply-vs-compose"
RUNS="${1:-5}"
N="${2:-30}"
FLOOR_PARALLEL="${FLOOR_PARALLEL:-4}"
ENGINE="${BENCH_DOCKER_HOST:-unix:///tmp/cccf-engines/h1/docker.sock}"
CERTS="${BENCH_DOCKER_CERT_PATH:-}"
# docker-compose 1.29's requests library verifies with its own CA bundle unless told: REQUESTS_CA_BUNDLE
if [ -n "$CERTS" ]; then export DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$CERTS" REQUESTS_CA_BUNDLE="$CERTS/ca.pem"; fi
IMAGE=cccf/busybox:test
PROJECT=cccfbench
mkdir -p "$OUT"
command -v docker-compose > /dev/null || { echo "needs docker-compose (apt-get install -y docker-compose)" >&2; exit 2; }
dk() { docker -H "$ENGINE" "$@"; }
dk image inspect "$IMAGE" > /dev/null || { echo "$ENGINE has no $IMAGE (scripts/engines.sh start)" >&2; exit 2; }

# ---- the same N services, as compose and as cccf
{
  echo 'version: "2.4"'
  echo 'services:'
  for i in $(seq 1 "$N"); do
    printf '  svc%d:\n    image: %s\n    command: ["sleep", "3600"]\n' "$i" "$IMAGE"
  done
} > "$OUT/docker-compose.yml"
{
  echo '['
  for i in $(seq 1 "$N"); do
    sep=','; [ "$i" = "$N" ] && sep=''
    printf '  {"id": "svc%d", "image": "%s", "cmd": ["sleep", "3600"]}%s\n' "$i" "$IMAGE" "$sep"
  done
  echo ']'
} > "$OUT/$PROJECT.json"

# the command a user runs; the first call builds the jar and its class-data archive (for $JAVA)
"$ROOT/bin/cccf" apply --help > /dev/null
APPLY=("$ROOT/bin/cccf" apply "$OUT/$PROJECT.json" -H "$ENGINE" --project "$PROJECT")
COMPOSE=(docker-compose -H "$ENGINE" -p "$PROJECT" -f "$OUT/docker-compose.yml" up -d)
echo "engine: $ENGINE${CERTS:+ (TLS, certificates of $CERTS)}; $N services; $RUNS runs each; engine floor $FLOOR_PARALLEL at a time" >&2
echo "cccf:    ${APPLY[*]}" >&2
echo "compose: ${COMPOSE[*]}  ($(docker-compose version --short))" >&2

# The engine's own floor: the same two calls per container (create, start), $FLOOR_PARALLEL at a
# time (default 4, as cccf apply does by default), from curl, the smallest client there is.
# Neither tool can beat it. FLOOR_PARALLEL=30 starts every container at once.
case "$ENGINE" in
  unix://*) CURL=(curl -sf --unix-socket "${ENGINE#unix://}"); API=http://engine/v1.41 ;;
  tcp://*) if [ -n "$CERTS" ]; then
      CURL=(curl -sf --cacert "$CERTS/ca.pem" --cert "$CERTS/cert.pem" --key "$CERTS/key.pem"); API="https://${ENGINE#tcp://}/v1.41"
    else
      CURL=(curl -sf); API="http://${ENGINE#tcp://}/v1.41"
    fi ;;
  *) echo "unsupported engine address $ENGINE" >&2; exit 2 ;;
esac
floor_one() { # NAME: create and start one container
  "${CURL[@]}" -X POST -H 'Content-Type: application/json' \
    -d "{\"Image\":\"$IMAGE\",\"Cmd\":[\"sleep\",\"3600\"],\"Labels\":{\"dev.cccf.bench.floor\":\"$PROJECT\"}}" \
    "$API/containers/create?name=$1" > /dev/null && "${CURL[@]}" -X POST "$API/containers/$1/start" > /dev/null
}
floor_cold() {
  export -f floor_one; export IMAGE PROJECT API; export CURL_ARGS="${CURL[*]}"
  seq 1 "$N" | xargs -P "$FLOOR_PARALLEL" -I{} bash -c 'CURL=($CURL_ARGS); floor_one '"$PROJECT"'-floor{}'
}
floor_nothing() { "${CURL[@]}" "$API/containers/json?all=true" > /dev/null; }

clean() { # removes every container of both, and compose's network (not timed)
  local ids
  ids="$(dk ps -aq --filter "label=dev.cccf.project=$PROJECT"; dk ps -aq --filter "label=com.docker.compose.project=$PROJECT"
    dk ps -aq --filter "label=dev.cccf.bench.floor=$PROJECT")"
  [ -n "$ids" ] && dk rm -f $ids > /dev/null
  dk network rm "${PROJECT}_default" > /dev/null 2>&1 || true
}
trap clean EXIT

ms() { # COMMAND...: wall time in ms; the command must succeed
  local t0 t1
  t0=$(date +%s%N); "$@" > /dev/null 2>&1; t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ms5() { # COMMAND...: the median of 5 runs in a row (a run with nothing to do is short and noisy),
  # after 2 s for the engine to settle from the cold run just before (the same for every client)
  local i; sleep 2; for i in 1 2 3 4 5; do ms "$@"; done | median
}
running() { dk ps -q --filter "label=$1=$PROJECT" | wc -l; }

declare -a cc=() cn=() pc=() pn=() fc=() fn=()
for r in $(seq "$RUNS"); do
  clean
  fc+=("$(ms floor_cold)")
  [ "$(running dev.cccf.bench.floor)" = "$N" ] || { echo "the curl floor did not start $N containers" >&2; exit 3; }
  fn+=("$(ms5 floor_nothing)")
  clean
  cc+=("$(ms "${APPLY[@]}")")
  [ "$(running dev.cccf.project)" = "$N" ] || { echo "cccf apply did not start $N containers" >&2; exit 3; }
  cn+=("$(ms5 "${APPLY[@]}")")
  clean
  pc+=("$(ms "${COMPOSE[@]}")")
  [ "$(running com.docker.compose.project)" = "$N" ] || { echo "compose did not start $N containers" >&2; exit 3; }
  pn+=("$(ms5 "${COMPOSE[@]}")")
  echo "run $r: cccf cold ${cc[-1]} ms, nothing to do ${cn[-1]} ms; compose cold ${pc[-1]} ms, nothing to do ${pn[-1]} ms;" \
    "engine floor cold ${fc[-1]} ms, nothing ${fn[-1]} ms" >&2
done

CC=$(printf '%s\n' "${cc[@]}" | median); CN=$(printf '%s\n' "${cn[@]}" | median)
PC=$(printf '%s\n' "${pc[@]}" | median); PN=$(printf '%s\n' "${pn[@]}" | median)
FC=$(printf '%s\n' "${fc[@]}" | median); FN=$(printf '%s\n' "${fn[@]}" | median)
echo "== $N services, median of $RUNS runs"
printf '%-14s %12s %14s\n' "" "cold (ms)" "nothing (ms)"
printf '%-14s %12s %14s\n' "docker-compose" "$PC" "$PN"
printf '%-14s %12s %14s\n' "cccf apply" "$CC" "$CN"
printf '%-14s %12s %14s\n' "engine floor" "$FC" "$FN"
awk -v pc="$PC" -v pn="$PN" -v cc="$CC" -v cn="$CN" -v fc="$FC" 'BEGIN {
  printf "cold: cccf takes %.2f of compose'"'"'s time (target <= 0.50); the engine alone (curl) takes %.2f\n", cc / pc, fc / pc
  printf "nothing to do: cccf takes %.2f of compose'"'"'s time (target <= 0.20)\n", cn / pn
}'
