#!/usr/bin/env bash
# Companion of bench/ingest-profile.sh (issue 16): `qanode serve`, WARMN warm-up records, then N small
# records over one association under `perf record -p` (PERFREC=1: CPU by thread and DSO: JIT code,
# libjvm (C2), kernel) or `strace -f -c` (STRACE=1, the default); user/sys ticks from /proc/PID/stat.
# Usage: PERFREC=1 N=1000 WARMN=3000 bench/ingest-perf-record.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export TCP_NODELAY=1 QANODE_CDS=off
W=$(mktemp -d /tmp/qanode-strace.XXXXXX); P=
# cleanup on every exit (a perf report cut by `head` ends the script early under pipefail)
trap 'if [ -n "$P" ]; then kill "$P" 2>/dev/null || true; wait "$P" 2>/dev/null || true; fi; rm -rf "$W"' EXIT
java -cp "target/test-classes:target/dist/lib/*" org.qanode.bench.SoakCorpus "$W/c" "rec:1:${N:-400}" "warm:1:${WARMN:-300}" >/dev/null
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
hp=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
QANODE_JAVA_OPTS=-Xmx512m target/dist/bin/qanode serve --data-dir "$W/d" --dicom-port $port --http-port $hp >"$W/log" 2>&1 & P=$!
for _ in $(seq 150); do echoscu -aec QANODE 127.0.0.1 $port >/dev/null 2>&1 && break; sleep 0.1; done
storescu -aec QANODE +sd +r 127.0.0.1 $port "$W/c/warm" >/dev/null 2>&1
read -r u0 s0 < <(awk '{print $14, $15}' /proc/$P/stat)
if [ "${PERFREC:-0}" = 1 ]; then perf record -F 499 -g -o "$W/perf.data" -p $P 2>/dev/null & S=$!; elif [ "${STRACE:-1}" = 1 ]; then strace -f -c -o "$W/strace.txt" -p $P & S=$!; else S=; fi
sleep 1
t0=$(date +%s.%N)
storescu -R -aec QANODE +sd +r 127.0.0.1 $port "$W/c/rec" >/dev/null 2>&1
t1=$(date +%s.%N)
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$P/stat)
[ -n "$S" ] && { kill -INT $S; wait $S || true; }
echo "N=${N:-400} wall $(echo "$t1 - $t0" | bc) s; user $((u1-u0)) sys $((s1-s0)) ticks (1/100 s) over the send (under perf record / strace, if any)"
if [ -f "$W/strace.txt" ]; then head -30 "$W/strace.txt"; fi
if [ -f "$W/perf.data" ]; then
  perf report -i "$W/perf.data" --no-children --sort comm,dso --stdio -g none 2>/dev/null | grep -v '^#' | grep '%' | head -20
  echo ---; perf report -i "$W/perf.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | grep -v '^#' | grep '%' | head -25
fi
