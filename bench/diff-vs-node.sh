#!/usr/bin/env bash
# bench/diff-vs-node.sh: whole-process `cccf diff` vs node's cccf-diff 3.0.2 on 20,000 containers
# (~10% changed, 2% removed, 2.5% added), then `cccf diff` alone on 1,000,000 containers.
# Not a test: prints medians and the ratio. Generated files are cached in bench/out/ (git-ignored).
# Usage: bench/diff-vs-node.sh [RUNS]   (default 5 runs each; needs node, and hyperfine if present)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
OUT="$ROOT/bench/out"
RUNS="${1:-5}"
CCCF="$ROOT/bin/cccf"
mkdir -p "$OUT"

# ---- node's cccf-diff 3.0.2: /tmp/orig if it is there, else npm install into a temp dir
NODE_MODULES=/tmp/orig/node_modules
if [ ! -d "$NODE_MODULES/cccf-diff" ]; then
  NODE_MODULES="$OUT/node/node_modules"
  if [ ! -d "$NODE_MODULES/cccf-diff" ]; then
    echo "installing cccf-diff@3.0.2 into $OUT/node ..." >&2
    (cd "$OUT" && mkdir -p node && cd node && npm install --silent --no-audit --no-fund cccf-diff@3.0.2 >&2)
  fi
fi
NODE_DIFF="$OUT/node-diff.js"
cat > "$NODE_DIFF" <<JS
const fs = require('fs');
const diff = require('$NODE_MODULES/cccf-diff');
const read = f => JSON.parse(fs.readFileSync(f, 'utf8'));
process.stdout.write(JSON.stringify(diff(read(process.argv[2]), read(process.argv[3]))) + '\n');
JS

# ---- inputs: current = cccf random N; wanted = every 10th changed, every 50th removed, N/40 new
make_inputs() { # N PREFIX
  local n="$1" p="$OUT/$2"
  if [ -s "$p-current.json" ] && [ -s "$p-wanted.json" ]; then return; fi
  echo "generating $n containers into $p-*.json ..." >&2
  CCCF_JAVA_OPTS="-Xmx4g" "$CCCF" random "$n" --seed 42 -o "$p-current.json"
  CCCF_JAVA_OPTS="-Xmx4g" "$CCCF" random $((n / 40)) --seed 43 -o "$p-extra.json"
  node --max-old-space-size=8192 -e '
    const fs = require("fs");
    const [cur, extra, out] = process.argv.slice(1);
    const current = JSON.parse(fs.readFileSync(cur, "utf8"));
    const wanted = [];
    current.forEach((c, i) => {
      if (i % 50 === 7) return;                                     // removed
      if (i % 10 === 3) c = Object.assign({}, c, {image: c.image + "-next"}); // changed
      wanted.push(c);
    });
    JSON.parse(fs.readFileSync(extra, "utf8")).forEach(c => wanted.push(Object.assign({}, c, {id: "new-" + c.id})));
    fs.writeFileSync(out, JSON.stringify(wanted));
  ' "$p-current.json" "$p-extra.json" "$p-wanted.json"
  rm -f "$p-extra.json"
}

make_inputs 20000 n20k
C="$OUT/n20k-current.json"
W="$OUT/n20k-wanted.json"

# build the jar once through bin/cccf (it rebuilds when sources changed), then time exactly the
# command bin/cccf execs, so that a rebuild caused by someone editing sources never lands in a run
"$CCCF" diff "$C" "$W" > "$OUT/n20k-java.json"
DIFF_CMD="java -XX:+UseSerialGC -Xshare:auto ${CCCF_JAVA_OPTS:-} -jar $ROOT/cccf-diff/target/cccf-diff.jar"
[ -f "$ROOT/cccf-diff/target/cccf-diff.jsa" ] && DIFF_CMD="${DIFF_CMD/-Xshare:auto/-Xshare:auto -XX:SharedArchiveFile=$ROOT/cccf-diff/target/cccf-diff.jsa}"
echo "timing: $DIFF_CMD CURRENT WANTED  (what bin/cccf diff runs)" >&2
node "$NODE_DIFF" "$C" "$W" > "$OUT/n20k-node.json"
node -e '
  const fs = require("fs");
  const [j, n] = process.argv.slice(1).map(f => JSON.parse(fs.readFileSync(f, "utf8")));
  const counts = d => ["add", "remove", "keep"].map(k => k + "=" + d[k].length).join(" ");
  console.error("java: " + counts(j) + " changed=" + j.changed.length);
  console.error("node: " + counts(n));
' "$OUT/n20k-java.json" "$OUT/n20k-node.json"

median_ms() { # COMMAND...: prints the median wall time of RUNS runs, in ms
  local times=() t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N); "$@" > /dev/null; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

echo "== 20,000 containers, $RUNS runs each"
if command -v hyperfine > /dev/null; then
  hyperfine --runs "$RUNS" --warmup 1 --export-json "$OUT/n20k-hyperfine.json" \
    -n "node cccf-diff 3.0.2" "node $NODE_DIFF $C $W" \
    -n "bin/cccf diff" "$DIFF_CMD $C $W" >&2
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
    const [n, j] = r.map(x => x.median * 1000);
    console.log("node cccf-diff 3.0.2: median " + n.toFixed(0) + " ms");
    console.log("bin/cccf diff:        median " + j.toFixed(0) + " ms");
    console.log("ratio: " + (n / j).toFixed(1) + "x faster");
  ' "$OUT/n20k-hyperfine.json"
else
  n=$(median_ms node "$NODE_DIFF" "$C" "$W")
  j=$(median_ms $DIFF_CMD "$C" "$W")
  echo "node cccf-diff 3.0.2: median $n ms"
  echo "bin/cccf diff:        median $j ms"
  awk -v n="$n" -v j="$j" 'BEGIN {printf "ratio: %.1fx faster\n", n / j}'
fi

echo "== 1,000,000 containers, bin/cccf diff only, 3 runs"
make_inputs 1000000 n1m
RUNS=3
m=$(median_ms $DIFF_CMD "$OUT/n1m-current.json" "$OUT/n1m-wanted.json")
echo "bin/cccf diff, 1,000,000 containers: median $m ms"
