#!/usr/bin/env bash
# REST benchmark: latency of GET /api/v1/comparisons/{id} (json, html, csv) for a generated
# 25,000-pair result served by a real ApiNode on port 0.
# Usage: bench/server-bench.sh [PAIRS] [ROUNDS] [DIR]
# Results go into docs/performance.md, section "Server", by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-25000}
ROUNDS=${2:-20}
DIR=${3:-${TMPDIR:-/tmp}/qanode-server-bench}
rm -rf "$DIR"
mvn -q -o test-compile
mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
exec java -Xmx512m -Dlogback.configurationFile=src/test/resources/logback-test.xml -cp "$CP" \
  org.qanode.api.ServerBenchmark "$DIR" "$PAIRS" "$ROUNDS"
