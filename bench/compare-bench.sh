#!/usr/bin/env bash
# Comparator benchmark: generates the upgrade scale into a scratch folder and compares it.
# Usage: bench/compare-bench.sh [SCALE] [DIR] [OPTIONS]   (SCALE 1 = 1,104 plans + 22,080 records per side)
# OPTIONS (passed to ComparatorBenchmark): --no-rt-summary, --rt-summary-ab N (RT summary overhead,
# N alternating runs each; replaces the default --dcmdump 100 run)
# Results go into docs/performance.md, section "Comparator", by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-1}
DIR=${2:-${TMPDIR:-/tmp}/qanode-bench}
mvn -q -o test-compile
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
# Heap capped at 512 MB: the comparator must stream; an OutOfMemoryError fails the benchmark.
if [ $# -gt 2 ]; then
  exec java -Xmx512m -cp "$CP" org.qanode.bench.ComparatorBenchmark "$DIR" "$SCALE" "${@:3}"
fi
exec java -Xmx512m -cp "$CP" org.qanode.bench.ComparatorBenchmark "$DIR" "$SCALE" --dcmdump 100
