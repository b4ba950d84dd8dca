#!/usr/bin/env bash
# Large objects through `qanode serve`, builds compared in interleaved pairs (issue 16). For each
# round and each distribution in DISTS: a fresh `qanode serve` on a fresh data directory, WARM
# warm-up objects of its own (not among the measured ones: a re-sent object would be a
# duplicate, whose stored copy the node re-reads), then dcmtk `storescu -R` sends N objects of MB
# megabytes (noise Pixel Data, MakeStoreCorpus big) over one association. Prints per run: MB/s,
# the serve process's CPU seconds during the send, and each object's time from the node's log.
# Three names in DISTS are not builds but yardsticks taking their turn in the same rotation (this
# VM's page cache makes a write cost depend on what ran just before, docs/performance.md step 9):
# "socket+fsync" (bench/sockcopy.py, issue 16's ceiling), "dd" (`dd conv=fsync`, 4 MB blocks) and
# "dcmtk" (dcmtk `storescp`, no fsync, fed by the same `storescu`: the ceiling's sender uses
# sendfile, `storescu` reads and parses every file, on the same two cores).
# Usage: DISTS="/tmp/dist-before target/dist" bench/large-pairs.sh
#        DISTS="socket+fsync dd dcmtk target/dist" bench/large-pairs.sh
#        (env: ROUNDS=3 N=4 MB=200 WARM=0 SERVE_JAVA_OPTS="-Xmx512m"; BUILD=0 skips the Maven build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}; N=${N:-4}; MB=${MB:-200}; WARM=${WARM:-0}
DISTS=${DISTS:-target/dist}
export TCP_NODELAY=1 # ARCHITECTURE.md: dcmtk leaves Nagle on unless told otherwise
W=$(mktemp -d /tmp/qanode-large-pairs.XXXXXX)
SERVE_PID=
cleanup() {
  if [ -n "$SERVE_PID" ]; then kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; fi
  rm -rf "$W"
}
trap cleanup EXIT
if [ "${BUILD:-1}" = 1 ]; then mvn -o -q -B -DskipTests package >"$W/mvn.log" 2>&1 || { cat "$W/mvn.log"; exit 1; }; fi
mvn -o -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$W/cp.txt" >"$W/mvn.log" 2>&1 \
  || { cat "$W/mvn.log"; exit 1; }
CP="target/classes:target/test-classes:$(cat "$W/cp.txt")"
java -cp "$CP" org.qanode.bench.MakeStoreCorpus big "$W/big" "$N" "$MB"
if [ "$WARM" -gt 0 ]; then java -cp "$CP" org.qanode.bench.MakeStoreCorpus big "$W/warm" "$WARM" "$MB"; fi
BYTES=$(find "$W/big" -name '*.dcm' -printf '%s\n' | awk '{s+=$1} END{print s}')
cat "$W"/big/*.dcm >/dev/null
sync

free_port() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

echo "== $N x $MB MB, one association, WARM=$WARM warm-up objects, $ROUNDS rounds; $(nproc) cores"
read -r -a KINDS <<<"$DISTS"
for round in $(seq 1 "$ROUNDS"); do
  # each round starts one further along the list: no receiver always follows the same one
  for i in $(seq 0 $((${#KINDS[@]} - 1))); do
    dist=${KINDS[$(((i + round - 1) % ${#KINDS[@]}))]}
    out="$W/data"
    if [ "$dist" = socket+fsync ] || [ "$dist" = dd ]; then
      mkdir -p "$out"; sync
      t0=$(date +%s.%N)
      if [ "$dist" = dd ]; then
        for f in "$W"/big/*.dcm; do dd if="$f" of="$out/$(basename "$f")" bs=4M conv=fsync status=none; done
      else
        /usr/bin/python3 bench/sockcopy.py "$out" "$W"/big/*.dcm >/dev/null
      fi
      t1=$(date +%s.%N)
      awk -v r="$round" -v d="$dist" -v b="$BYTES" -v s="$(echo "$t1 - $t0" | bc)" \
        'BEGIN{printf "round %d %-28s %6.1f MB/s\n", r, d, b/1e6/s}'
      rm -rf "$out"
      continue
    fi
    port=$(free_port)
    if [ "$dist" = dcmtk ]; then
      mkdir -p "$out"
      storescp -aet QANODE -od "$out" "$port" >"$W/dcmtk.log" 2>&1 &
      SERVE_PID=$!
      for _ in $(seq 1 100); do echoscu -aec QANODE 127.0.0.1 "$port" >/dev/null 2>&1 && break; sleep 0.1; done
      c0=$(cpu_ticks "$SERVE_PID"); t0=$(date +%s.%N)
      storescu -R -aec QANODE 127.0.0.1 "$port" "$W"/big/*.dcm >"$W/scu.log" 2>&1 || { tail "$W/scu.log"; exit 1; }
      t1=$(date +%s.%N); c1=$(cpu_ticks "$SERVE_PID")
      kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=
      got=$(find "$out" -type f | wc -l)
      [ "$got" = "$N" ] || { echo "dcmtk: $got of $N objects stored"; tail "$W/dcmtk.log"; exit 1; }
      awk -v r="$round" -v d="$dist" -v b="$BYTES" -v s="$(echo "$t1 - $t0" | bc)" -v c="$(echo "($c1 - $c0) / $(getconf CLK_TCK)" | bc -l)" \
        'BEGIN{printf "round %d %-28s %6.1f MB/s  storescp CPU %5.2f s\n", r, d, b/1e6/s, c}'
      rm -rf "$out"
      continue
    fi
    QANODE_JAVA_OPTS="${SERVE_JAVA_OPTS:--Xmx512m}" "$dist/bin/qanode" serve --data-dir "$out" --dicom-port "$port" \
      --http-port "$(free_port)" >"$W/serve.log" 2>&1 &
    SERVE_PID=$!
    for _ in $(seq 1 100); do echoscu -aec QANODE 127.0.0.1 "$port" >/dev/null 2>&1 && break; sleep 0.1; done
    if [ "$WARM" -gt 0 ]; then storescu -aec QANODE 127.0.0.1 "$port" "$W"/warm/*.dcm >/dev/null 2>&1; fi
    # the log line follows the response: wait for the warm-up's before counting
    for _ in $(seq 1 100); do [ "$(grep -c ' ms: Success' "$W/serve.log" || true)" -ge "$WARM" ] && break; sleep 0.05; done
    sync
    skip=$(grep -c ' ms: Success' "$W/serve.log" || true)
    c0=$(cpu_ticks "$SERVE_PID"); t0=$(date +%s.%N)
    storescu -R -aec QANODE 127.0.0.1 "$port" "$W"/big/*.dcm >"$W/scu.log" 2>&1 || { tail "$W/scu.log"; exit 1; }
    t1=$(date +%s.%N); c1=$(cpu_ticks "$SERVE_PID")
    for _ in $(seq 1 100); do [ "$(grep -c ' ms: Success' "$W/serve.log" || true)" -ge "$((skip + N))" ] && break; sleep 0.05; done
    kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=
    got=$(grep -c ' ms: Success' "$W/serve.log" || true)
    [ "$((got - skip))" = "$N" ] || { echo "$dist: $((got - skip)) of $N objects stored"; tail "$W/serve.log"; exit 1; }
    per=$(grep ' ms: Success' "$W/serve.log" | tail -n "$N" | sed -E 's/.* ([0-9]+) ms: Success.*/\1/' | tr '\n' ' ')
    awk -v r="$round" -v d="$dist" -v b="$BYTES" -v s="$(echo "$t1 - $t0" | bc)" -v c="$(echo "($c1 - $c0) / $(getconf CLK_TCK)" | bc -l)" -v p="$per" \
      'BEGIN{printf "round %d %-28s %6.1f MB/s  serve CPU %5.2f s  per object (ms): %s\n", r, d, b/1e6/s, c, p}'
    rm -rf "$out"
  done
done
