#!/usr/bin/env bash
# bench/run.sh: whole-process benchmarks of bin/cccf against the node.js originals, side by side in
# one run (same files, same machine state), with hyperfine. Prints a table of medians and ratios.
#
#   bench/run.sh            # everything (about 7 minutes on 2 cores; the million cases dominate)
#   RUNS=20 bench/run.sh    # more runs per small case (default 10; 20k cases: 5; million: 3)
#   NO_MILLION=1 bench/run.sh   NO_J25=1 bench/run.sh
#   BENCH_REV=work bench/run.sh # measure the working tree's tracked files instead of HEAD
#
# Needs node and npm (the originals are installed into bench/out/node), java 17; installs hyperfine
# with apt-get when it is missing. Temurin 25 (J25=/usr/lib/jvm/temurin-25-jdk-amd64 by default),
# when present, gives an extra column for the small cases: the same jar with a JDK 25 AOT cache
# (JEP 483/514) instead of bin/cccf's AppCDS archive. Everything generated goes to bench/out/
# (git-ignored): inputs, node drivers, hyperfine JSON (bench/out/hf/), the table (bench/out/table.txt).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
OUT="$ROOT/bench/out"
RUNS="${RUNS:-10}"
MID_RUNS="${MID_RUNS:-5}"
BIG_RUNS="${BIG_RUNS:-3}"
J25="${J25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
HF="$OUT/hf"
mkdir -p "$OUT" "$HF"
export CCCF_STDOUT_TTY=0
# the java17 column runs on `java` from the PATH (bin/cccf alone would pick the newest JDK it
# finds); the java25-aot column is made apart (j25_of below)
export JAVA="${JAVA17:-$(command -v java)}"
log() { echo "bench: $*" >&2; }

# the table of medians from bench/out/hf (bench/run.sh --table prints it again)
print_table() {
  node -e '
    const fs = require("fs"); const hf = process.argv[1];
    const rows = fs.readFileSync(hf + "/cases", "utf8").trim().split("\n").map(l => l.split("\t"));
    const ms = x => x === undefined ? "" : (x.median * 1000).toFixed(0);
    const out = [["case", "node ms", "java17 ms", "node/java17", "(cpu)", "java25-aot ms", "jackson ms", "java17/jackson", "target", "met"]];
    const cpu = x => x.user + x.system;
    for (const [name, target] of rows) {
      const r = {}; JSON.parse(fs.readFileSync(hf + "/" + name + ".json", "utf8")).results.forEach(x => r[x.command] = x);
      const n = r.node, j = r.java17, a = r["java25-aot"], k = r.jackson;
      const ratio = n ? (n.median / j.median) : undefined;
      let met = "";
      if (/2\/3/.test(target)) met = j.median <= n.median * 2 / 3 ? "yes" : "NO";
      if (/20x/.test(target)) met = ratio >= 20 ? "yes" : "NO";
      if (/goes through/.test(target)) met = "yes"; // failures are added below
      out.push([name, ms(n), ms(j), ratio ? ratio.toFixed(2) + "x" : "", n ? "(" + (cpu(n) / cpu(j)).toFixed(2) + "x)" : "",
        ms(a), ms(k), k ? (j.median / k.median).toFixed(2) + "x" : "", target, met]);
    }
    const big = fs.existsSync(hf + "/big") ? fs.readFileSync(hf + "/big", "utf8").trim().split("\n") : [];
    for (const [name, status, rss, err] of big.map(l => l.split("\t"))) {
      if (status !== "0") out.push([name, "", "", "", "", "", "", "", "goes through", "NO: exit " + status + " " + (err || "")]);
    }
    const w = out[0].map((_, i) => Math.max(...out.map(r => r[i].length)));
    console.log(out.map(r => r.map((c, i) => i === 0 || i >= 8 ? c.padEnd(i === r.length - 1 ? 0 : w[i]) : c.padStart(w[i])).join("  ")).join("\n"));
  ' "$HF"
  echo "(medians of hyperfine runs; node/java17 > 1: java is faster; (cpu): the same ratio on mean user+sys CPU time,"
  echo " steadier than wall time on a loaded machine; java17/jackson: our tool against plain Jackson"
  echo " reading and writing the same files in the same JVM; raw data in bench/out/hf/)"
}
if [ "${1:-}" = --table ]; then print_table; exit 0; fi

# ---------------------------------------------------------------- what is measured
# A snapshot of a commit (HEAD by default; BENCH_REV=work: the working tree's tracked files, via
# git stash create) unpacked into bench/out/tree-<tree hash> and built there once: edits made while
# the benchmark runs never trigger a rebuild (bin/cccf rebuilds only inside a git checkout), and the
# figures belong to one known tree.
REV="${BENCH_REV:-HEAD}"
if [ "$REV" = work ]; then REV=$(git -C "$ROOT" stash create); REV="${REV:-HEAD}"; fi
TREE_ID=$(git -C "$ROOT" rev-parse "$REV^{tree}" | cut -c1-12)
TREE="$OUT/tree-$TREE_ID"
if [ ! -f "$TREE/.built" ]; then
  log "building tree $TREE_ID ($REV) in $TREE ..."
  rm -rf "$TREE" && mkdir -p "$TREE"
  git -C "$ROOT" archive "$REV" | tar -x -C "$TREE"
  modules=cccf-core,cccf-scale,cccf-diff,cccf-host,cccf-instructions
  (cd "$TREE" && { mvn -B -q -o -Dmaven.test.skip=true -pl "$modules" package > build.log 2>&1 ||
      mvn -B -q -Dmaven.test.skip=true -pl "$modules" package > build.log 2>&1; }) ||
    { tail -20 "$TREE/build.log" >&2; exit 3; }
  touch "$TREE/.built"
fi
CCCF="$TREE/bin/cccf"
mkdir -p "$TREE/aot"
rm -f "$HF"/*.json "$HF/cases" "$HF/big"
log "measuring tree $TREE_ID ($REV)"

# ---------------------------------------------------------------- tools
if ! command -v hyperfine > /dev/null; then
  log "installing hyperfine ..."
  if [ "$(id -u)" = 0 ]; then apt-get install -y hyperfine >&2; else sudo apt-get install -y hyperfine >&2; fi
fi
command -v node > /dev/null || { log "node is needed for the originals"; exit 2; }

# the originals, installed once into bench/out/node (not /tmp/orig: the run stands alone)
NM="$OUT/node/node_modules"
if [ ! -f "$NM/cccf-docker-instructions/cli.js" ] || [ ! -d "$NM/cccf-scale" ] || [ ! -d "$NM/cccf-diff" ]; then
  log "installing the node originals into $OUT/node ..."
  mkdir -p "$OUT/node"
  (cd "$OUT/node" && npm install --silent --no-audit --no-fund --no-save \
    cccf@3.3.0 cccf-scale@2.0.0 cccf-diff@3.0.2 cccf-docker-instructions@3.1.1 >&2)
fi
# tiny drivers: read the same files, write JSON to stdout, as our CLIs do (cdi has a CLI of its own)
cat > "$OUT/node/validate.js" <<JS
const fs = require('fs'), cccf = require('$NM/cccf');
process.stdout.write(JSON.stringify(cccf.validate(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')))) + '\n');
JS
cat > "$OUT/node/scale-up.js" <<JS
const fs = require('fs'), scale = require('$NM/cccf-scale');
process.stdout.write(JSON.stringify(scale.up(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')))) + '\n');
JS
cat > "$OUT/node/diff.js" <<JS
const fs = require('fs'), diff = require('$NM/cccf-diff');
const read = f => JSON.parse(fs.readFileSync(f, 'utf8'));
process.stdout.write(JSON.stringify(diff(read(process.argv[2]), read(process.argv[3]))) + '\n');
JS
CDI="$NM/cccf-docker-instructions/cli.js"

# ---------------------------------------------------------------- inputs
# small: 10 random containers, two of them scaled (3 and 2), as a hand-written app file would be
SMALL="$OUT/small.json"
if [ ! -s "$SMALL" ]; then
  "$CCCF" random 10 --seed 7 -o "$OUT/small-raw.json"
  node -e '
    const fs = require("fs"); const c = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    c[0].scale = 3; c[4].scale = 2; fs.writeFileSync(process.argv[2], JSON.stringify(c, null, 2) + "\n");
  ' "$OUT/small-raw.json" "$SMALL"
  rm -f "$OUT/small-raw.json"
fi
# N containers: current = cccf random N; wanted = every 10th changed, every 50th removed, N/40 new
# (the same files as bench/diff-vs-node.sh, which this script supersedes)
make_inputs() { # N PREFIX
  local n="$1" p="$OUT/$2"
  if [ -s "$p-current.json" ] && [ -s "$p-wanted.json" ]; then return; fi
  log "generating $n containers into $p-*.json ..."
  CCCF_JAVA_OPTS="-Xmx4g" "$CCCF" random "$n" --seed 42 -o "$p-current.json"
  CCCF_JAVA_OPTS="-Xmx4g" "$CCCF" random $((n / 40)) --seed 43 -o "$p-extra.json"
  node --max-old-space-size=8192 -e '
    const fs = require("fs");
    const [cur, extra, out] = process.argv.slice(1);
    const current = JSON.parse(fs.readFileSync(cur, "utf8"));
    const wanted = [];
    current.forEach((c, i) => {
      if (i % 50 === 7) return;                                                // removed
      if (i % 10 === 3) c = Object.assign({}, c, {image: c.image + "-next"});  // changed
      wanted.push(c);
    });
    JSON.parse(fs.readFileSync(extra, "utf8")).forEach(c => wanted.push(Object.assign({}, c, {id: "new-" + c.id})));
    fs.writeFileSync(out, JSON.stringify(wanted));
  ' "$p-current.json" "$p-extra.json" "$p-wanted.json"
  rm -f "$p-extra.json"
}
make_inputs 20000 n20k
HOSTS="$OUT/hosts-1000.json"
[ -s "$HOSTS" ] || node -e '
  const h = []; for (let i = 0; i < 1000; i++) h.push({id: "h" + i, docker: "tcp://10.0." + (i >> 8) + "." + (i & 255) + ":2375"});
  require("fs").writeFileSync(process.argv[1], JSON.stringify(h));
' "$HOSTS"

# ---------------------------------------------------------------- our commands
# Build every jar and its class-data archive through bin/cccf (a real run of each case, whose output
# is also checked below), then time exactly the java command bin/cccf execs: a rebuild caused by
# someone editing sources must never land inside a timed run. JAVA=<printer> makes bin/cccf print
# that command instead of running it.
cmd_of() { # bin/cccf ARGS... -> the java command it runs (after a real run that builds and trains)
  "$CCCF" "$@" > "$OUT/last-java.out"
  CCCF_PRINT_COMMAND=1 "$CCCF" "$@"
}
jar_of() { sed -E 's/.* -jar ([^ ]+).*/\1/' <<< "$1"; }

# JDK 25 with an AOT cache made by the same training run bin/cccf uses for AppCDS
j25_of() { # JAVA17-COMMAND -> the same command on JDK 25 with an AOT cache instead of the CDS archive
  [ -n "${NO_J25:-}" ] || [ ! -x "$J25/bin/java" ] && return 0
  local cmd="$1" jar module aot args
  jar=$(jar_of "$cmd"); module=$(basename "$jar" .jar); aot="$TREE/aot/$module.aot"
  if [ ! -f "$aot" ] || [ "$jar" -nt "$aot" ]; then
    rm -f "$aot"
    "$J25/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:AOTCacheOutput="$aot" -Xlog:aot=off -Xlog:cds=off \
      -jar "$jar" --cds-training "$TREE/examples" > /dev/null 2>&1 || true
    if [ ! -f "$aot" ]; then # a main without --cds-training: train on the case itself
      args=${cmd#* -jar "$jar"}
      # shellcheck disable=SC2086
      "$J25/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:AOTCacheOutput="$aot" -Xlog:aot=off -Xlog:cds=off \
        -jar "$jar" $args > /dev/null 2>&1 || true
    fi
  fi
  [ -f "$aot" ] || return 0
  # AOTMode=on: refuse to run rather than silently run without the cache; without replaying the
  # training's profiles at start, as bin/cccf runs it
  echo "$J25/bin/java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:AOTMode=on -XX:AOTCache=$aot -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining -jar ${cmd#* -jar }"
}

# plain Jackson in the same JVM with the same flags and its own AppCDS archive: readTree + write of
# the same files (dev.cccf.benchmarks.JacksonCopy), the floor of any Jackson-based tool
BENCH_JAR="$ROOT/cccf-benchmarks/target/cccf-benchmarks.jar"
if [ ! -f "$BENCH_JAR" ] || [ -n "$(find "$ROOT/cccf-benchmarks/src" -newer "$BENCH_JAR" -type f -print -quit)" ]; then
  log "building cccf-benchmarks ..."
  (cd "$ROOT" && { mvn -B -q -Pbench -pl cccf-benchmarks package -DskipTests > "$OUT/bench-build.log" 2>&1 ||
    mvn -B -q -Pbench -pl cccf-benchmarks -am package -DskipTests > "$OUT/bench-build.log" 2>&1; }) ||
    { tail -20 "$OUT/bench-build.log" >&2; exit 3; }
fi
JSA="$OUT/jackson-copy.jsa"
JOPTS="-XX:+UseSerialGC -Xshare:auto -XX:TieredStopAtLevel=1"
if [ ! -f "$JSA" ] || [ "$BENCH_JAR" -nt "$JSA" ]; then
  # shellcheck disable=SC2086
  java $JOPTS -XX:ArchiveClassesAtExit="$JSA" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$BENCH_JAR" \
    dev.cccf.benchmarks.JacksonCopy --cds-training "$ROOT/examples" > /dev/null 2>&1 || rm -f "$JSA"
fi
jackson_of() { # FILE...: the baseline command (C1 only unless a file is over 16 MiB, as bin/cccf)
  local opts="$JOPTS" f
  for f in "$@"; do [ "$(stat -c %s "$f")" -gt 16777216 ] && opts="${opts/ -XX:TieredStopAtLevel=1/}"; done
  echo "java $opts -XX:SharedArchiveFile=$JSA -Xlog:cds=off -Xlog:cds+dynamic=off -cp $BENCH_JAR dev.cccf.benchmarks.JacksonCopy $*"
}

# ---------------------------------------------------------------- cases
# case NAME RUNS TARGET NODE-COMMAND JAVA-COMMAND [J25-COMMAND]: one hyperfine run, all side by side
case_() {
  local name="$1" runs="$2" target="$3" node_cmd="$4" java_cmd="$5" j25_cmd="${6:-}" jackson_cmd="${7:-}"
  local args=(-N --style basic --runs "$runs" --warmup 1 --export-json "$HF/$name.json")
  [ -n "$node_cmd" ] && args+=(-n node "$node_cmd")
  args+=(-n java17 "$java_cmd")
  [ -n "$j25_cmd" ] && args+=(-n java25-aot "$j25_cmd")
  [ -n "$jackson_cmd" ] && args+=(-n jackson "$jackson_cmd")
  log "== $name"
  hyperfine "${args[@]}" >&2
  printf '%s\t%s\t%s\n' "$name" "$target" "$java_cmd" >> "$HF/cases"
}
same_output() { # NAME NODE-OUT JAVA-OUT: the two sides agree on what matters
  node -e '
    const fs = require("fs"); const [name, n, j] = process.argv.slice(1);
    const a = JSON.parse(fs.readFileSync(n, "utf8")), b = JSON.parse(fs.readFileSync(j, "utf8"));
    const count = d => Array.isArray(d) ? d.length : ["add", "remove", "keep"].map(k => k + "=" + d[k].length).join(" ");
    const ok = JSON.stringify(count(a)) === JSON.stringify(count(b));
    console.error("bench: " + name + ": node " + count(a) + ", java " + count(b) + (ok ? "" : "  <-- DIFFERENT"));
  ' "$@"
}

log "building the jars and their archives through bin/cccf ..."
for t in validate scale diff host instructions; do "$CCCF" "$t" --version > /dev/null; done
log "machine: $(nproc) cores; load: $(uptime | sed 's/.*load average: //')"
JAVA_FLOOR="java -jar $TREE/cccf-core/target/cccf-core.jar --version"
V=$(cmd_of --version)
case_ "jvm-floor" "$RUNS" "-" "node -e 0" "$V" "$(j25_of "$V")"
case_ "jvm-floor-no-cds" "$RUNS" "-" "" "$JAVA_FLOOR"

C=$(cmd_of validate "$SMALL"); node "$OUT/node/validate.js" "$SMALL" > "$OUT/node.out"
same_output validate-small "$OUT/node.out" "$OUT/last-java.out"
case_ "validate-small" "$RUNS" "-" "node $OUT/node/validate.js $SMALL" "$C" "$(j25_of "$C")" "$(jackson_of "$SMALL")"
case_ "launcher-validate-small" "$RUNS" "-" "" "$CCCF validate $SMALL"

C=$(cmd_of scale up "$SMALL"); node "$OUT/node/scale-up.js" "$SMALL" > "$OUT/node.out"
same_output scale-up-small "$OUT/node.out" "$OUT/last-java.out"
case_ "scale-up-small" "$RUNS" "java <= 2/3 node" "node $OUT/node/scale-up.js $SMALL" "$C" "$(j25_of "$C")"

C=$(cmd_of instructions run "$SMALL")
case_ "instructions-run-small" "$RUNS" "-" "node $CDI run $SMALL --print" "$C" "$(j25_of "$C")"

W20="$OUT/n20k-wanted.json"; C20="$OUT/n20k-current.json"
C=$(cmd_of validate "$W20"); node "$OUT/node/validate.js" "$W20" > "$OUT/node.out"
same_output validate-20k "$OUT/node.out" "$OUT/last-java.out"
case_ "validate-20k" "$MID_RUNS" "-" "node $OUT/node/validate.js $W20" "$C" "" "$(jackson_of "$W20")"

C=$(cmd_of diff "$C20" "$W20"); node "$OUT/node/diff.js" "$C20" "$W20" > "$OUT/node.out"
same_output diff-20k "$OUT/node.out" "$OUT/last-java.out"
case_ "diff-20k" "$MID_RUNS" "java >= 20x faster" "node $OUT/node/diff.js $C20 $W20" "$C" "" "$(jackson_of "$C20" "$W20")"

C=$(cmd_of instructions run "$C20")
case_ "instructions-run-20k" "$MID_RUNS" "-" "node $CDI run $C20 --print" "$C"

# the million: one run through bin/cccf with /usr/bin/time first (exit status, max RSS); hyperfine
# only when it goes through, a failure is a row of the table (and the first line of its stderr)
big_case() { # NAME TARGET ARGS...
  local name="$1" target="$2" status=0 rss secs
  shift 2
  /usr/bin/time -f "%M %e" -o "$OUT/time.txt" "$CCCF" "$@" > /dev/null 2> "$OUT/$name.err" || status=$?
  read -r rss secs < <(tail -1 "$OUT/time.txt")
  log "$name: exit $status, max RSS $((rss / 1024)) MiB, $secs s (one run through bin/cccf)"
  printf '%s\t%s\t%s\t%s\n' "$name" "$status" "$((rss / 1024))" "$(head -c 200 "$OUT/$name.err" | head -1)" >> "$HF/big"
  if [ "$status" = 0 ]; then
    case_ "$name" "$BIG_RUNS" "$target" "" "$(CCCF_PRINT_COMMAND=1 "$CCCF" "$@")"
  fi
}
if [ -z "${NO_MILLION:-}" ]; then
  make_inputs 1000000 n1m
  export CCCF_JAVA_OPTS="${BIG_JAVA_OPTS:--Xmx1g}"
  big_case diff-1m "goes through, $CCCF_JAVA_OPTS" diff "$OUT/n1m-current.json" "$OUT/n1m-wanted.json"
  big_case host-1m "goes through, $CCCF_JAVA_OPTS" host --hosts "$HOSTS" "$OUT/n1m-wanted.json"
  unset CCCF_JAVA_OPTS
fi

# ---------------------------------------------------------------- table
log "load after: $(uptime | sed 's/.*load average: //')"
print_table | tee "$OUT/table.txt"
