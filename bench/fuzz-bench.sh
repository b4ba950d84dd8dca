#!/usr/bin/env bash
# Fuzzing benchmark (issue 11; not part of the unit tests). For each decoder (pdu, dimse, part10,
# json) it runs RUNS inputs (default 10^6) twice:
#  1. Jazzer's standalone driver: coverage-guided (libFuzzer with Jazzer's native agent; classes
#     org.qanode.** instrumented, the harness org.qanode.fuzz.** not), seeded with the same corpus
#     as the CI test, -timeout=2 s per input, --keep_going so one finding does not end the run;
#  2. the seeded mutational fuzzer that CI runs (org.qanode.fuzz.MutationalFuzzer), 2 s per input.
# Both judge an input with org.qanode.fuzz.Oracle: a result or the codec's own exception is fine;
# any other exception, an Error, a buffer not released, or a hang is a finding.
# Writes the counts, times and findings between the fuzz-bench markers of docs/reliability.md
# (the rest of the file is left alone); logs, corpora and crash inputs stay in target/fuzz-bench/.
# Usage: bench/fuzz-bench.sh            RUNS=N TARGETS="pdu json" JOBS=2 SEED=11 bench/fuzz-bench.sh
#        REPORT_ONLY=1 bench/fuzz-bench.sh   (no runs: the table again from target/fuzz-bench/)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-1000000}
TARGETS=${TARGETS:-"pdu dimse part10 json"}
JOBS=${JOBS:-1}
SEED=${SEED:-11}
SHARED=${QANODE_SHARED:-../shared}
OUT=target/fuzz-bench
JAVA=${JAVA:-java}
mkdir -p "$OUT"

if [ -z "${REPORT_ONLY:-}" ]; then
  mvn -q -Dqanode.cds.skip=true -Pjazzer test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
fi
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"
JVM=(-Xmx1g -Dqanode.shared="$SHARED" -Dio.netty.leakDetection.level=paranoid)
if [ -z "${REPORT_ONLY:-}" ]; then
  rm -rf "$OUT/seeds"
  "$JAVA" "${JVM[@]}" -cp "$CP" org.qanode.bench.FuzzBench seeds "$OUT/seeds" >/dev/null
fi

max_len() { case $1 in part10) echo 65536 ;; *) echo 16384 ;; esac; }

# One job: "jazzer TARGET" or "mutational TARGET"; writes $OUT/TOOL-TARGET.{log,result}.
run_job() {
  local tool=$1 t=$2 log="$OUT/$1-$2.log" res="$OUT/$1-$2.result"
  local start end
  start=$(date +%s.%N)
  if [ "$tool" = jazzer ]; then
    rm -rf "$OUT/$t"; mkdir -p "$OUT/$t/corpus" "$OUT/$t/crashes"
    set +e
    "$JAVA" "${JVM[@]}" -Dqanode.fuzz.target="$t" -cp "$CP" com.code_intelligence.jazzer.Jazzer \
      --target_class=org.qanode.fuzz.JazzerEntry \
      --instrumentation_includes='org.qanode.**' --instrumentation_excludes='org.qanode.fuzz.**' \
      --keep_going=1000 --reproducer_path="$OUT/$t/crashes" \
      -runs="$RUNS" -seed="$SEED" -timeout=2 -rss_limit_mb=4096 -max_len="$(max_len "$t")" \
      -artifact_prefix="$OUT/$t/crashes/" "$OUT/$t/corpus" "$OUT/seeds/$t" >"$log" 2>&1
    local rc=$?
    set -e
    end=$(date +%s.%N)
    summarize_jazzer "$t" "$(printf '%.0f' "$(echo "$end - $start" | bc)")" "$rc"
  else
    set +e
    "$JAVA" "${JVM[@]}" -cp "$CP" org.qanode.bench.FuzzBench run "$t" "$RUNS" "$SEED" >"$log" 2>&1
    local rc=$?
    set -e
    end=$(date +%s.%N)
    local line
    line=$(grep '^target=' "$log" | tail -1)
    kv() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
    local kinds
    kinds=$(grep '^- ' "$log" | cut -c3-200 | paste -sd ';' - || true)
    echo "mutational|$t|$(kv inputs)|$(printf '%.0f' "$(echo "$end - $start" | bc)")|$(kv outcomes) outcomes, slowest input $(kv slowest_ms) ms|$(kv corpus)|$(kv findings)|${kinds:-none}|rc=$rc" >"$res"
  fi
  cat "$res"
}

# Jazzer's result from its log: inputs from "Done N runs", or from the last progress line when
# the run ended early (a libFuzzer timeout or crash ends it; so does a kill).
summarize_jazzer() {
  local t=$1 secs=$2 rc=$3 log="$OUT/jazzer-$1.log"
  local last runs cov corp findings kinds
  last=$(grep -E '^#[0-9]+[[:space:]]' "$log" | tail -1 || true)
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  if [ -z "$runs" ]; then
    runs="$(echo "$last" | sed -n 's/^#\([0-9]*\).*/\1/p') (run ended early, rc=$rc)"
  fi
  cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/\1 edges, \2 features/p')
  corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\)\/\([0-9a-zA-Z]*\).*/\1 (\2)/p')
  findings=$(grep -c '^== Java Exception' "$log" || true)
  kinds=$( { grep '^== Java Exception' "$log" | sed 's/^== Java Exception: //' | cut -c1-200;
             grep -oE 'libFuzzer: (timeout|out-of-memory|deadly signal)[a-z0-9 ]*' "$log" | grep -v SUMMARY | head -1; } \
           | sort | uniq -c | sed 's/^ *//' | paste -sd ';' - || true)
  if grep -qE 'SUMMARY: libFuzzer: (timeout|out-of-memory)' "$log"; then findings=$((findings + 1)); fi
  echo "jazzer|$t|${runs:-0}|$secs|${cov:-?}|${corp:-?}|$findings|${kinds:-none}|rc=$rc" >"$OUT/jazzer-$t.result"
}
export -f run_job max_len summarize_jazzer
export OUT RUNS SEED JAVA CP
export JVM_STR="${JVM[*]}"

if [ -z "${REPORT_ONLY:-}" ]; then
  jobs_list=()
  for t in $TARGETS; do jobs_list+=("jazzer $t" "mutational $t"); done
  # JVM array does not cross into xargs' subshells: rebuild it there from JVM_STR.
  printf '%s\n' "${jobs_list[@]}" | xargs -P "$JOBS" -I{} bash -c 'JVM=($JVM_STR); run_job {}'
else
  # REPORT_ONLY=1: no runs; the table again from the logs of the last runs (e.g. after a kill).
  for t in $TARGETS; do
    [ -f "$OUT/jazzer-$t.result" ] || continue
    IFS='|' read -r _ _ _ secs _ _ _ _ rc <"$OUT/jazzer-$t.result"
    summarize_jazzer "$t" "$secs" "${rc#rc=}"
  done
fi

# ---------------------------------------------------------------- docs/reliability.md
DOC=docs/reliability.md
TABLE=$(mktemp)
{
  echo "<!-- fuzz-bench:begin (written by bench/fuzz-bench.sh; edit the script, not this block) -->"
  echo "Written $(date -u '+%Y-%m-%d %H:%M') UTC (rows: the latest run of each target; ${REPORT_ONLY:+re-read from the logs of }this run: $TARGETS) on"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores shared with other builds (load average"
  echo "$(cut -d' ' -f1-3 /proc/loadavg) at the end), $("$JAVA" -version 2>&1 | head -1), Jazzer"
  echo "$(sed -n 's/.*jazzer-\([0-9.]*\)\.jar.*/\1/p' "$OUT/classpath.txt" | head -1), seed $SEED, $JOBS job(s) at a time, JVM -Xmx1g."
  echo
  echo "| target | fuzzer | inputs | wall s | inputs/s | coverage / feedback | corpus | findings | what |"
  echo "| --- | --- | ---: | ---: | ---: | --- | --- | ---: | --- |"
  for t in pdu dimse part10 json; do
    for tool in jazzer mutational; do
      [ -f "$OUT/$tool-$t.result" ] || continue
      IFS='|' read -r _ tt n secs fb corp f kinds rc <"$OUT/$tool-$t.result"
      rate=$(( secs > 0 ? ${n%% *} / secs : 0 ))
      echo "| $tt | $tool | $n | $secs | $rate | $fb | $corp | $f | ${kinds//|//} |"
    done
  done
  echo "<!-- fuzz-bench:end -->"
} >"$TABLE"
if [ ! -f "$DOC" ]; then
  printf '# Reliability\n\n## Fuzzing\n\n' >"$DOC"
fi
if grep -q '<!-- fuzz-bench:begin' "$DOC"; then
  python3 - "$DOC" "$TABLE" <<'EOF'
import re, sys
doc, table = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
s = open(doc).read()
s = re.sub(r"<!-- fuzz-bench:begin.*?<!-- fuzz-bench:end -->", lambda m: table, s, flags=re.S)
open(doc, "w").write(s)
EOF
else
  cat "$TABLE" >>"$DOC"
fi
rm -f "$TABLE"
echo "results written to $DOC"
