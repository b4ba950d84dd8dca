#!/usr/bin/env bash
# Start-up of `qanode serve` (issue 16): from the launcher's start to the first C-ECHO answered on
# the DICOM port, and the process's CPU by then, for each distribution in DISTS in turn, ROUNDS
# times, each on a fresh data directory. The launcher's JIT options (bin/qanode) decide how much
# compiling happens before the node listens.
# Usage: DISTS="/tmp/dist-before target/dist" bench/serve-startup.sh   (env: ROUNDS=5)
set -euo pipefail
cd "$(dirname "$0")/.."
DISTS=${DISTS:-target/dist}; ROUNDS=${ROUNDS:-5}
W=$(mktemp -d /tmp/qanode-serve-startup.XXXXXX)
L=
cleanup() { if [ -n "$L" ]; then kill "$L" 2>/dev/null || true; wait "$L" 2>/dev/null || true; fi; rm -rf "$W"; }
trap cleanup EXIT
export TCP_NODELAY=1
HZ=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
for d in $DISTS; do QANODE_CDS=create "$d"/bin/qanode >/dev/null 2>&1 || true; done
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  for d in $DISTS; do
    port=$(free_port); hport=$(free_port)
    rm -rf "$W/data"; mkdir -p "$W/data"
    t0=$(date +%s.%N)
    QANODE_JAVA_OPTS="-Xmx512m" "$d"/bin/qanode serve --data-dir "$W/data" --dicom-port "$port" \
      --http-port "$hport" >"$W/serve.log" 2>&1 &
    L=$!
    ok=
    for _ in $(seq 1 1200); do
      if echoscu -aec QANODE 127.0.0.1 "$port" >/dev/null 2>&1; then ok=1; break; fi
      sleep 0.025
    done
    t1=$(date +%s.%N)
    pid=$(pgrep -P "$L" java || echo "$L")
    cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    kill "$L"; wait "$L" 2>/dev/null || true; L=
    [ -n "$ok" ] || { echo "round $r $d: no C-ECHO answer within 30 s"; cat "$W/serve.log"; exit 1; }
    awk -v r="$r" -v d="$d" -v s="$(echo "$t1 - $t0" | bc)" -v c="$cpu" -v hz="$HZ" \
      'BEGIN { printf "round %s %-24s first C-ECHO after %5.2f s, CPU %5.2f s\n", r, d, s, c / hz }'
  done
done
