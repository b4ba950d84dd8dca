#!/usr/bin/env bash
# Export benchmark: Orthanc (Debian) as the ROIS on loopback, loaded with generated plans and
# records; in one run, qanode's export (C-FIND + C-MOVE per series into a state) and dcmtk
# movescu moving the same studies to dcmtk storescp. Prints wall time and instances/s of both.
# Usage: bench/export-bench.sh [PATIENTS=300] [PLANS_PER_PATIENT=3] [RECORDS_PER_PLAN=11]
# JAVA="java -Dqanode.bench.parallelMoves=6 -Dqanode.bench.level=STUDY" sets the export's retrievals in
# flight (default 3) and query level (default SERIES); add serve's JIT options from bin/qanode to
# measure the export as the node runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS=${1:-300}
PLANS=${2:-3}
RECORDS=${3:-11}
WORK=$(mktemp -d /tmp/qanode-export-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export TCP_NODELAY=1
mvn -o -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/classes:target/test-classes:$(cat "$WORK/cp.txt")"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(/usr/sbin/Orthanc --version | head -1)"
echo "scale: $PATIENTS patients x $PLANS plans x (1 + $RECORDS records)"
${JAVA:-java} -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.qanode.sweep.ExportBench \
  "$WORK" "$PATIENTS" "$PLANS" "$RECORDS" 2>&1 | grep -v ' INFO \| DEBUG '
