#!/usr/bin/env bash
# Ingest over a long run (issue 16): PASSES passes of 1,000 new objects each (800 treatment
# records + 200 plans, new UIDs every pass) into ONE `qanode serve`, ASSOC storescu processes per
# pass, for each distribution in DISTS in turn, ROUNDS times. Prints each pass's objects/s and the
# node's CPU per object, so that the first pass (JIT cold), the next few and the steady state
# (after the JIT has settled) can be told apart.
# Usage: DISTS="/tmp/dist-before target/dist" bench/ingest-steady.sh
#        (env: PASSES=15 ASSOC=4 ROUNDS=1 W=/tmp/qanode-ingest-steady; the corpus is kept in W)
set -euo pipefail
cd "$(dirname "$0")/.."
DISTS=${DISTS:-target/dist}; PASSES=${PASSES:-15}; ASSOC=${ASSOC:-4}; ROUNDS=${ROUNDS:-1}
W=${W:-${TMPDIR:-/tmp}/qanode-ingest-steady}
export TCP_NODELAY=1
HZ=$(getconf CLK_TCK)
CP="target/test-classes:target/dist/lib/*"
if [ ! -f "$W/corpus/p$PASSES/.done" ]; then
  rm -rf "$W/corpus"; mkdir -p "$W"
  specs=(); for i in $(seq 1 "$PASSES"); do specs+=("p$i:$ASSOC:200"); done
  java -cp "$CP" org.qanode.bench.SoakCorpus "$W/corpus" "${specs[@]}" >/dev/null
  for i in $(seq 1 "$PASSES"); do
    java -cp "$CP" org.qanode.bench.MakeStoreCorpus plans "${QANODE_SHARED:-../shared}/dicom-samples" "$W/plans-p$i" 200 >/dev/null
    n=0; for f in "$W/plans-p$i"/*.dcm; do mv "$f" "$W/corpus/p$i/$(printf %03d $((n % ASSOC + 1)))/"; n=$((n + 1)); done
    rmdir "$W/plans-p$i"; touch "$W/corpus/p$i/.done"
  done
fi
for d in $DISTS; do QANODE_CDS=create "$d"/bin/qanode >/dev/null 2>&1 || true; done
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
L=
cleanup() { if [ -n "$L" ]; then kill "$L" 2>/dev/null || true; wait "$L" 2>/dev/null || true; fi; }
trap cleanup EXIT
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "per pass: objects/s / node CPU ms per object"
for r in $(seq 1 "$ROUNDS"); do
  for d in $DISTS; do
    port=$(free_port); hport=$(free_port)
    rm -rf "$W/data"; mkdir -p "$W/data"
    QANODE_JAVA_OPTS="-Xmx512m" "$d"/bin/qanode serve --data-dir "$W/data" --dicom-port "$port" \
      --http-port "$hport" >"$W/serve.log" 2>&1 &
    L=$!
    for _ in $(seq 1 300); do echoscu -aec QANODE 127.0.0.1 "$port" >/dev/null 2>&1 && break; sleep 0.1; done
    pid=$(pgrep -P "$L" java || echo "$L")   # the launcher may exec or fork
    line=
    for i in $(seq 1 "$PASSES"); do
      c0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); t0=$(date +%s.%N)
      pids=()
      for dir in "$W/corpus/p$i"/*/; do storescu -R -aec QANODE +sd 127.0.0.1 "$port" "$dir" >>"$W/scu.log" 2>&1 & pids+=($!); done
      wait "${pids[@]}"
      t1=$(date +%s.%N); c1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
      n=$(find "$W/corpus/p$i" -name '*.dcm' | wc -l)
      line="$line $(awk -v n="$n" -v s="$(echo "$t1 - $t0" | bc)" -v c=$((c1 - c0)) -v hz="$HZ" \
        'BEGIN { printf "%.0f/%.2f", n / s, c * 1000 / hz / n }')"
    done
    kill "$L"; wait "$L" 2>/dev/null || true; L=
    echo "round $r $d:$line ($(grep -c 'Success' "$W/serve.log" || true) Success lines)"
  done
done
