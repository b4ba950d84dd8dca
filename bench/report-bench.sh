#!/usr/bin/env bash
# Report formats benchmark (issue 13): render time and size of each format for a result of
# PATIENTS changed VMAT plans (ReportBenchmark). Usage: bench/report-bench.sh [PATIENTS] [RUNS]
# Results go into docs/performance.md, section "Reports", by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
exec java -Xmx512m -cp "$CP" org.qanode.bench.ReportBenchmark "${1:-50}" "${2:-5}"
