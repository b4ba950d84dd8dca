#!/usr/bin/env bash
# Audit trail benchmark (issue 12; not part of the unit tests). Prints what docs/performance.md
# reports under "Audit trail". The same dcmtk storescu (one association, TCP_NODELAY=1) sends the
# same N CT slices (a corpus CT with new SOP Instance UIDs, made by dcmodify -gin) to `qanode serve`
# three times, each into a fresh data directory:
#   index     the audit trail into the index only (no audit.syslog)
#   udp       also every record as a DICOM Audit Message over UDP to a port nobody listens on
#   tcp-down  also over TCP to a port nobody listens on: the receiver is down, the sender retries
# The claim checked: the audit trail, and a down receiver, do not slow ingest.
# Usage: bench/audit-bench.sh   (env: N=300 RUNS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-300}; RUNS=${RUNS:-2}
SAMPLES=${QANODE_SHARED:-../shared}/dicom-samples
WORK=$(mktemp -d /tmp/qanode-audit-bench.XXXXXX)
NODE_PID=
cleanup() {
  if [ -n "$NODE_PID" ]; then kill "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
export TCP_NODELAY=1
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

mvn -o -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/classes:$(cat "$WORK/cp.txt")"

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

mkdir -p "$WORK/ct"
for i in $(seq 1 "$N"); do cp "$SAMPLES/ct/dicompyler_ct0.dcm" "$WORK/ct/$i.dcm"; done
dcmodify -nb -gin "$WORK"/ct/*.dcm >/dev/null
BYTES=$(find "$WORK/ct" -name '*.dcm' -printf '%s\n' | awk '{s+=$1} END{print s}')
echo "corpus: $N CT slices, $BYTES bytes"

run() { # kind
  local kind=$1 port http out syslog
  port=$(free_port); http=$(free_port); out="$WORK/var-$kind"
  case $kind in
    index) syslog="" ;;
    udp) syslog="audit: {syslog: {host: 127.0.0.1, port: $(free_port), protocol: udp}}" ;;
    tcp-down) syslog="audit: {syslog: {host: 127.0.0.1, port: $(free_port), protocol: tcp}}" ;;
  esac
  rm -rf "$out"; mkdir -p "$out"
  printf 'dicom: {port: %s}\nhttp: {port: %s}\nstorage: {dataDir: %s}\n%s\n' "$port" "$http" "$out" "$syslog" >"$WORK/$kind.yml"
  java -Xmx512m -cp "$CP" org.qanode.app.Main serve --config "$WORK/$kind.yml" >"$WORK/$kind.log" 2>&1 &
  NODE_PID=$!
  for _ in $(seq 1 300); do echoscu -aec QANODE 127.0.0.1 "$port" >/dev/null 2>&1 && break; sleep 0.1; done
  # warm-up: the JIT, the page cache
  storescu -aec QANODE 127.0.0.1 "$port" "$SAMPLES"/ct/pydicom_ct_small_ge_private_tags.dcm >/dev/null 2>&1
  local t0 t1
  t0=$(now)
  storescu -aec QA_PRE 127.0.0.1 "$port" "$WORK"/ct/*.dcm >"$WORK/scu.log" 2>&1 || { tail "$WORK/scu.log"; exit 1; }
  t1=$(now)
  local audited
  audited=$(curl -s "http://127.0.0.1:$http/metrics" | awk '/^qanode_audit_syslog_(sent|failures|dropped) /{printf "%s=%s ", $1, $2}')
  kill "$NODE_PID"; wait "$NODE_PID" 2>/dev/null || true; NODE_PID=
  awk -v k="$kind" -v n="$N" -v a="$t0" -v b="$t1" -v m="$audited" \
    'BEGIN{s=b-a; printf "%-9s %4d objects in %6.2f s = %6.1f inst/s   %s\n", k, n, s, n/s, m}'
}

echo "== storescu -> qanode serve, one association"
for r in $(seq 1 "$RUNS"); do
  for kind in index udp tcp-down; do run "$kind"; done
done
