#!/usr/bin/env bash
# Where `qanode serve`'s CPU goes per stored object, by thread, after warm-up (issue 16).
# Starts target/dist/bin/qanode serve (the launcher's own JVM options, plus JAVA_OPTS), sends two
# warm-up passes and one measured pass of 1,000 new objects each (800 RT Beams Treatment Records +
# 200 corpus RT plans) with dcmtk storescu -R +sd on ASSOC associations (1 or 4), and prints
# throughput, the process's CPU per object and each thread's (bench/threadcpu.py), the JIT
# compiler threads included. JFR=profile also records the measured pass to $W/ingest.jfr
# (see `jfr print --events jdk.Compilation,jdk.Deoptimization`).
# PERF=FILE records the measured pass system-wide with `perf record -g` (Java frames have names
# when the JVM writes its map: JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit
# -XX:+PreserveFramePointer", then `perf report -i FILE --comm store-commit`).
# SETTLE=S waits S seconds before the measured pass (ext4 without a journal skips inodes freed in
# the last 5-35 s when it creates a file: SETTLE=40 after a start shows that cost).
# WARM=0 measures the first pass of a fresh JVM instead (cold: JIT compilation included), WARM=1 after one.
# Usage: bench/ingest-threads.sh   (env: ASSOC=1 WARM=2 JAVA_OPTS= JFR= W=/tmp/qanode-ingest-threads BUILD=1
#        DIST=target/dist: another build's distribution, e.g. a copy of main's)
# Example, the JIT comparison of docs/performance.md: ASSOC=4 JAVA_OPTS=-XX:TieredStopAtLevel=4 bench/ingest-threads.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${DIST:-target/dist}; ASSOC=${ASSOC:-1}; W=${W:-${TMPDIR:-/tmp}/qanode-ingest-threads}; BUILD=${BUILD:-1}
export TCP_NODELAY=1
[ "$BUILD" = 1 ] && mvn -q -o -DskipTests -Dqanode.cds.skip=true package >/dev/null
# the class-data-sharing archive made now, not in the background of the first pass
QANODE_CDS=create "$DIST"/bin/qanode >/dev/null 2>&1 || true
CP="target/test-classes:target/dist/lib/*"
if [ ! -d "$W/corpus" ]; then
  mkdir -p "$W"
  java -cp "$CP" org.qanode.bench.SoakCorpus "$W/corpus" "w1:4:200" "w2:4:200" "m:4:200" >/dev/null
  for p in w1 w2 m; do
    java -cp "$CP" org.qanode.bench.MakeStoreCorpus plans "${QANODE_SHARED:-../shared}/dicom-samples" "$W/plans-$p" 200 >/dev/null
    n=0; for f in "$W/plans-$p"/*.dcm; do mv "$f" "$W/corpus/$p/$(printf %03d $((n % 4 + 1)))/"; n=$((n + 1)); done
  done
fi
N=$(find "$W/corpus/m" -name '*.dcm' | wc -l)
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
port=$(free_port); hport=$(free_port)
rm -rf "$W/data" "$W/stop"; mkdir -p "$W/data"
# shellcheck disable=SC2086 # a list of options
QANODE_JAVA_OPTS="-Xmx512m ${JAVA_OPTS:-}" "$DIST"/bin/qanode serve --data-dir "$W/data" --dicom-port "$port" \
  --http-port "$hport" >"$W/serve.log" 2>&1 &
L=$!
trap 'kill $L 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do echoscu -aec QANODE 127.0.0.1 "$port" >/dev/null 2>&1 && break; sleep 0.1; done
PID=$(pgrep -P $L java || echo $L)   # the launcher may exec or fork
send() {
  if [ "$ASSOC" = 1 ]; then
    storescu -R -aec QANODE +sd +r 127.0.0.1 "$port" "$1" >>"$W/scu.log" 2>&1
  else # wait for these senders only: a bare `wait` would wait for the node too
    local pids=() d
    for d in "$1"/*/; do storescu -R -aec QANODE +sd 127.0.0.1 "$port" "$d" >>"$W/scu.log" 2>&1 & pids+=($!); done
    wait "${pids[@]}"
  fi
}
WARM=${WARM:-2}
for p in w1 w2; do [ "${p#w}" -le "$WARM" ] && send "$W/corpus/$p"; done
sleep "${SETTLE:-0}"
python3 bench/threadcpu.py "$PID" "$W/stop" "$N" >"$W/threads.txt" & TP=$!
c0=$(awk '{print $14+$15}' "/proc/$PID/stat"); t0=$(date +%s.%N)
[ -n "${JFR:-}" ] && jcmd "$PID" JFR.start name=ingest settings="$JFR" >/dev/null
if [ -n "${PERF:-}" ]; then perf record -F 999 -g -a -o "$PERF" >/dev/null 2>&1 & PP=$!; sleep 0.5; fi
send "$W/corpus/m"
if [ -n "${PERF:-}" ]; then kill -INT "$PP"; wait "$PP" || true; fi
t1=$(date +%s.%N); sleep 0.3; c1=$(awk '{print $14+$15}' "/proc/$PID/stat")
[ -n "${JFR:-}" ] && jcmd "$PID" JFR.dump name=ingest filename="$W/ingest.jfr" >/dev/null
touch "$W/stop"; wait $TP
stored=$(grep -c 'Success' "$W/serve.log" || true)
echo "qanode serve, $ASSOC assoc, JVM options: launcher's + '${JAVA_OPTS:-}'; load1 $(cut -d' ' -f1 /proc/loadavg)"
awk -v n="$N" -v s="$(echo "$t1 - $t0" | bc)" -v c="$((c1 - c0))" -v hz="$(getconf CLK_TCK)" -v ok="$stored" -v passes="$((WARM + 1))" \
  'BEGIN{printf "measured pass: %d objects in %.2f s = %.1f obj/s, process CPU %.2f ms/obj (%d Success lines in the log, %d passes)\n", n, s, n/s, c*1000/hz/n, ok, passes}'
cat "$W/threads.txt"
