#!/usr/bin/env bash
# CPU per stored object of the state store alone (issue 16, step 2): no network, no dcmtk.
# org.qanode.store.IngestCpuBench feeds N small RT plans (new UIDs) through StateStoreSink from
# THREADS threads after WARM warm-up objects, on a fresh data dir, and prints the CPU time of the
# store-commit thread (all index SQL) and of the whole JVM per object. CPU time, not wall time:
# a loaded machine moves it far less than throughput. Runs REPEAT fresh JVMs, one line each.
# Usage: bench/ingest-cpu.sh   (env: WARM=2000 N=2000 THREADS=4 REPEAT=3 BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."
WARM=${WARM:-2000}; N=${N:-2000}; THREADS=${THREADS:-4}; REPEAT=${REPEAT:-3}; BUILD=${BUILD:-1}
WORK=$(mktemp -d /tmp/qanode-ingest-cpu.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
if [ "$BUILD" = 1 ]; then mvn -q -o -DskipTests compile test-compile; fi
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/classes:target/test-classes:$(cat "$WORK/cp.txt")"
echo "$(nproc) cores, $(df -h /tmp | awk 'NR==2{print $1}') $(stat -f -c %T /tmp); git $(git rev-parse --short HEAD)"
for i in $(seq 1 "$REPEAT"); do
  java -Xmx512m -cp "$CP" org.qanode.store.IngestCpuBench "$WORK/run$i" "$WARM" "$N" "$THREADS" 2>/dev/null
  rm -rf "$WORK/run$i"
done
