#!/usr/bin/env bash
# Data-layer benchmark (not part of the unit tests). Prints what docs/performance.md reports:
#  1. full-parse throughput on the largest RT plans of the corpus (from memory);
#  2. a CT series of 1,000 files made by test-data/MakeCtSeries.java: full parse from disk;
#  3. `qanode dump` over the 1,000 files in one JVM vs dcmtk `dcmdump` in one process vs
#     pydicom (/usr/bin/python3, every element read), output to /dev/null, best of 5 interleaved
#     runs (page cache warm for all): qanode once through the distribution's launcher
#     target/dist/bin/qanode (CDS archive, C1 + serial GC for short commands) and once as a
#     plain `java -cp` with JVM defaults and no archive, which is what the launcher saves;
#  4. a 1 GB multi-frame file written by our writer (Pixel Data streamed from a BulkData),
#     then read with bulk data by reference in a JVM with -Xmx64m.
# Usage: bench/parse-bench.sh [N_FILES=1000] [BIG_MB=1024]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
BIG_MB=${2:-1024}
SAMPLES=${QANODE_SHARED:-../shared}/dicom-samples
WORK=$(mktemp -d /tmp/qanode-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export TCP_NODELAY=1

mvn -o -q -DskipTests package dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/classes:target/test-classes:$(cat "$WORK/cp.txt")"
JAVA=${JAVA:-java}

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; mem: $(free -g | awk '/Mem:/{print $2}') GB"
echo "java: $($JAVA -version 2>&1 | head -1); dcmtk: $(dcmdump --version | head -1); pydicom: $(/usr/bin/python3 -c 'import pydicom;print(pydicom.__version__)')"

echo "== 1. full parse throughput, largest RT plans (in memory)"
$JAVA -cp "$CP" org.qanode.bench.ParseBench throughput \
  "$SAMPLES/rtplan/pps_tomotherapy_helical.dcm" \
  "$SAMPLES/rtplan/dicompyler_rtplan_imrt_dmlc_breast.dcm" \
  "$SAMPLES/rtplan/pps_halcyon_varian_private_sop_class.dcm" \
  "$SAMPLES/rtplan/pps_raystation6_imrt_step_and_shoot_22beams.dcm" \
  "$SAMPLES/rtplan/pps_aria13_vmat_2arcs_setupfields.dcm"

echo "== 2. CT series of $N files, full parse from disk"
$JAVA -cp "$CP" test-data/MakeCtSeries.java "$SAMPLES/ct" "$WORK/ct" "$N"
du -sh "$WORK/ct"
$JAVA -cp "$CP" org.qanode.bench.ParseBench series "$WORK/ct"

echo "== 3. dump $N files, one process each (output to /dev/null), best of 5 interleaved runs"
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
min() { printf '%s\n' "$@" | sort -n | head -1; }
# The launcher's archive must exist before timing (the build makes it; this checks it is current).
JAVA="$JAVA" target/dist/bin/qanode --version >/dev/null
[ -f target/dist/lib/qanode.jsa ] || echo "warning: no CDS archive in target/dist/lib" >&2
Q=(); L=(); D=(); P=()
for round in 1 2 3 4 5; do
  Q+=("$(secs $JAVA -cp "$CP" org.qanode.app.Main dump "$WORK/ct")")
  L+=("$(secs env JAVA="$JAVA" target/dist/bin/qanode dump "$WORK/ct")")
  D+=("$(secs dcmdump "$WORK"/ct/*.dcm)")
  [ "$round" -le 2 ] && P+=("$(secs /usr/bin/python3 bench/read_all.py "$WORK/ct")")
done
q=$(min "${Q[@]}"); l=$(min "${L[@]}"); d=$(min "${D[@]}"); p=$(min "${P[@]}")
echo "qanode dump, java -cp, JVM defaults, no archive: ${q} s   all: ${Q[*]}"
echo "qanode dump, target/dist/bin/qanode:             ${l} s   all: ${L[*]}"
echo "dcmdump:                                         ${d} s   all: ${D[*]}"
echo "pydicom (every element read, best of 2):         ${p} s   all: ${P[*]}"
echo "ratios, time of the other / qanode launcher (>1: qanode faster): dcmdump $(echo "scale=2; $d / $l" | bc), pydicom $(echo "scale=2; $p / $l" | bc)"

echo "== 4. ${BIG_MB} MB multi-frame file, bulk data by reference, -Xmx64m"
$JAVA -Xmx256m -cp "$CP" org.qanode.bench.ParseBench write-big "$WORK/big.dcm" "$BIG_MB"
$JAVA -Xmx64m -cp "$CP" org.qanode.bench.ParseBench read-big "$WORK/big.dcm"
