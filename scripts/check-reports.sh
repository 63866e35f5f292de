#!/usr/bin/env bash
# scripts/check-reports.sh SINCE: fails unless every test class of the default build's modules
# (the first <modules> of the root pom) has a surefire report written after the file SINCE.
#
# Why: a test JVM that ends in the middle of a run (it happened once: libFuzzer, left in the JVM
# by a fuzz test, ended it while EngineHttpClientTest ran) leaves the classes it had not reached
# without a report, and surefire may still call the build a success. scripts/test.sh runs this
# after Maven. Abstract classes are not tests and need no report.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
since="${1:?usage: scripts/check-reports.sh SINCE-FILE}"
[ -e "$since" ] || { echo "check-reports.sh: no such file: $since" >&2; exit 2; }

modules=$(sed -n '/<modules>/,/<\/modules>/{s:.*<module>\(.*\)</module>.*:\1:p;/<\/modules>/q}' pom.xml)
missing=0 classes=0
for module in $modules; do
  [ -d "$module/src/test/java" ] || continue
  while IFS= read -r source; do
    grep -qE '^(public )?abstract class ' "$source" && continue
    class="${source#"$module/src/test/java/"}"
    class="${class%.java}"
    class="${class//\//.}"
    classes=$((classes + 1))
    report="$module/target/surefire-reports/TEST-$class.xml"
    if [ ! -f "$report" ] || [ ! "$report" -nt "$since" ]; then
      echo "check-reports.sh: $class ($module) has no test report from this run" >&2
      missing=$((missing + 1))
    fi
  done < <(find "$module/src/test/java" -name '*Test.java' | sort)
done
if [ "$missing" -gt 0 ]; then
  echo "check-reports.sh: $missing of $classes test classes did not report: did a test JVM end early?" >&2
  exit 1
fi
echo "check-reports.sh: all $classes test classes reported" >&2
