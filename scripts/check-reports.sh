#!/usr/bin/env bash
# scripts/check-reports.sh SINCE: fails unless every test class of the default build's modules
# (the first <modules> of the root pom) has a surefire report written after the file SINCE.
#
# Why: a test JVM that ends in the middle of a run (it happened once: libFuzzer, left in the JVM
# by a fuzz test, ended it while EngineHttpClientTest ran) leaves the classes it had not reached
# without a report, and surefire may still call the build a success. scripts/test.sh runs this
# after Maven. Abstract classes are not tests and need no report.
#
# With CI=true it also fails when any test was skipped (an assumption that did not hold, a
# missing engine or shell), or a test class ran no test at all (surefire's report of a class
# whose @BeforeAll was aborted): CI must run every test, and a skip passes unseen otherwise.
# Each skipped test is named with its reason.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
since="${1:?usage: scripts/check-reports.sh SINCE-FILE}"
[ -e "$since" ] || { echo "check-reports.sh: no such file: $since" >&2; exit 2; }

modules=$(sed -n '/<modules>/,/<\/modules>/{s:.*<module>\(.*\)</module>.*:\1:p;/<\/modules>/q}' pom.xml)
missing=0 classes=0 skipped=0
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
      continue
    fi
    # the class's report and those of its @Nested classes (TEST-Outer$Inner.xml), which carry
    # the nested tests while the outer report counts none
    count=0 tests=0
    for r in "$report" "$module/target/surefire-reports/TEST-$class\$"*.xml; do
      [ -f "$r" ] && [ "$r" -nt "$since" ] || continue
      c=$(sed -n 's/^<testsuite .* skipped="\([0-9]*\)".*/\1/p' "$r" | head -1)
      t=$(sed -n 's/^<testsuite .* tests="\([0-9]*\)".*/\1/p' "$r" | head -1)
      if [ -z "$c" ] || [ -z "$t" ]; then
        echo "check-reports.sh: $r has no test and skipped counts: not a surefire report?" >&2
        missing=$((missing + 1))
        continue
      fi
      count=$((count + c)) tests=$((tests + t))
      if [ "$c" -gt 0 ]; then
        # each skipped test case: its name, and its reason (message="..." of <skipped>, or the
        # first line of its text: an aborted assumption's exception)
        awk -v class="${r##*/TEST-}" '
          /<testcase / { match($0, /name="[^"]*"/); name = substr($0, RSTART + 6, RLENGTH - 7) }
          /<skipped/ { why = $0
                       if (match($0, /message="[^"]*"/)) why = substr($0, RSTART + 9, RLENGTH - 10)
                       else if (match($0, /CDATA\[/)) why = substr($0, RSTART + 6)
                       else why = ""
                       print "check-reports.sh: skipped: " substr(class, 1, length(class) - 4) "." name ": " why }' "$r" >&2
      fi
    done
    skipped=$((skipped + count))
    if [ "$tests" = 0 ]; then
      # an assumption that fails in @BeforeAll skips the whole class, and surefire reports it
      # as 0 tests, 0 skipped
      skipped=$((skipped + 1))
      echo "check-reports.sh: skipped: $class: no test ran (an assumption in @BeforeAll?)" >&2
    fi
  done < <(find "$module/src/test/java" -name '*Test.java' | sort)
done
if [ "$missing" -gt 0 ]; then
  echo "check-reports.sh: $missing of $classes test classes did not report: did a test JVM end early?" >&2
  exit 1
fi
if [ "$skipped" -gt 0 ] && [ "${CI:-}" = true ]; then
  echo "check-reports.sh: $skipped tests were skipped, and CI=true runs every test" >&2
  exit 1
fi
echo "check-reports.sh: all $classes test classes reported, $skipped tests skipped" >&2
