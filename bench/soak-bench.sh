#!/usr/bin/env bash
# Soak benchmark (issue 11). Results go into docs/reliability.md, section "Soak", by hand.
#   1. `qanode serve` (target/dist) on a temporary data directory; ASSOC parallel dcmtk storescu
#      associations x PER_ASSOC small RT objects (new UIDs) to QA_PRE, while curl loops GET
#      /api/v1/states and run comparisons (POST, poll until DONE);
#   2. a burst of BURST_FACTOR x the association limit, storescu processes of BURST_FILES objects
#      each, all started at once, to QA_POST: rejections counted by reason (storescu output, the
#      node's log, /metrics);
#   3. KILL_ASSOC associations of KILL_FILES objects to QANODE (the receiving state, inbox); kill -9
#      of the node KILL_AFTER s in; restart on the same data directory;
#   4. count: Success answers (storescu -v logs) against stored objects (REST totals per state),
#      and every Success-answered object of phase 3 looked up by SOP Instance UID;
#   RSS of the receiver sampled every second throughout (ps; storescp --fork: parent + children).
#   5. the send phase of 1 (same corpus, same storescu options, no REST load) against a fresh
#      `qanode serve`, dcmtk storescp --fork (into a folder, no fsync: 3.6.7 has none) and
#      Orthanc ("SyncStorageArea": true, DicomThreadsCount = the association limit).
# Bounded: every send phase is cut at SEND_TIMEOUT seconds (what was answered by then counts).
# Usage: bench/soak-bench.sh   (env: ASSOC=32 PER_ASSOC=500 BURST_FACTOR=10 BURST_FILES=4
#        KILL_ASSOC=4 KILL_FILES=250 KILL_AFTER=4 SEND_TIMEOUT=120 PEERS="qanode storescp orthanc"
#        BUILD=1 (0: use target/dist and target/test-classes as they are) KEEP=0 (1: keep WORK))
set -euo pipefail
cd "$(dirname "$0")/.."
ASSOC=${ASSOC:-32}; PER_ASSOC=${PER_ASSOC:-500}
BURST_FACTOR=${BURST_FACTOR:-10}; BURST_FILES=${BURST_FILES:-4}
KILL_ASSOC=${KILL_ASSOC:-4}; KILL_FILES=${KILL_FILES:-250}; KILL_AFTER=${KILL_AFTER:-4}
SEND_TIMEOUT=${SEND_TIMEOUT:-120}; PEERS=${PEERS:-qanode storescp orthanc}
BUILD=${BUILD:-1}; KEEP=${KEEP:-0}
LIMIT=$ASSOC                      # dicom.maxAssociations (and per host: loopback is one host)
BURST=$((BURST_FACTOR * LIMIT))
WORK=$(mktemp -d /tmp/qanode-soak.XXXXXX)
export TCP_NODELAY=1              # ARCHITECTURE.md: dcmtk and Orthanc leave Nagle on otherwise
export QANODE_CDS=off
PIDS=()                           # everything we started and may have to stop
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$KEEP" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

if [ "$BUILD" = 1 ]; then
  mvn -q -DskipTests -Dqanode.cds.skip=true package >/dev/null
fi
CP="target/test-classes:target/dist/lib/*"

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; mem: $(free -g | awk '/Mem:/{print $2}') GB; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "disk: $(df -h "$WORK" | awk 'NR==2{print $1, $2}'), fs $(stat -f -c %T "$WORK")"
echo "java: $(java -version 2>&1 | head -1); dcmtk: $(storescu --version | head -1 | xargs); $(Orthanc --version 2>&1 | head -1)"

echo "== corpus"
C="$WORK/corpus"
java -cp "$CP" org.qanode.bench.SoakCorpus "$C" "main:$ASSOC:$PER_ASSOC" "burst:$BURST:$BURST_FILES" "kill:$KILL_ASSOC:$KILL_FILES"
echo "object size: $(stat -c %s "$C/main/001/RT00001.dcm") bytes"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }

# RSS (KB) of a process and its children, once a second: "seconds-since-bench-start KB" per line
T_START=$(now)
sample_rss() { # pid file
  local pid=$1 out=$2 kb
  while kill -0 "$pid" 2>/dev/null; do
    kb=$( (ps -o rss= -p "$pid"; ps -o rss= --ppid "$pid") 2>/dev/null | awk '{s+=$1} END{print s+0}' || true)
    printf '%.0f %s\n' "$(since "$T_START")" "$kb" >>"$out"
    sleep 1
  done
}
rss_summary() { # file
  [ -s "$1" ] || { echo "no RSS samples"; return 0; }
  awk '{n++; s+=$2; if($2>m)m=$2; last=$2} END{if(n) printf "RSS samples %d: mean %.0f MB, max %.0f MB, last %.0f MB\n", n, s/n/1024, m/1024, last/1024}' "$1"
}

# ASSOC storescu processes, one per folder, cut at SEND_TIMEOUT; prints "answered success seconds"
send_phase() { # label port calledAE dir-of-folders
  local label=$1 port=$2 aec=$3 dirs=$4 t0 pids=() i=0
  t0=$(now)
  for d in "$dirs"/*/; do
    i=$((i + 1))
    timeout "$SEND_TIMEOUT" storescu -v -R -aec "$aec" +sd 127.0.0.1 "$port" "$d" >"$WORK/scu-$label-$i.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  local secs; secs=$(since "$t0")
  local ok; ok=$(cat "$WORK"/scu-"$label"-*.log | grep -c 'Received Store Response (Success)' || true)
  local answered; answered=$(cat "$WORK"/scu-"$label"-*.log | grep -c 'Received Store Response' || true)
  echo "$answered $ok $secs"
}

failures_by_kind() { # label: first failure line of each storescu log, counted
  for f in "$WORK"/scu-"$1"-*.log; do
    grep -m1 -E '^(F|E): ' "$f" | sed -E 's/^(F|E): //; s/[0-9]+:[0-9a-f]+ //' || true
  done | sort | uniq -c | sort -rn
}

wait_dicom() { # port seconds
  for _ in $(seq 1 $(($2 * 10))); do echoscu -aec QANODE 127.0.0.1 "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

# ---------------------------------------------------------------- qanode serve
DPORT=$(free_port); HPORT=$(free_port); API="http://127.0.0.1:$HPORT/api/v1"
cat >"$WORK/qanode.yml" <<EOF
dicom:
  aeTitle: QANODE
  bind: 127.0.0.1
  port: $DPORT
  maxAssociations: $LIMIT
  maxAssociationsPerHost: $LIMIT
  states: {QA_PRE: pre, QA_POST: post}
  receivingState: inbox
storage: {dataDir: $WORK/data}
http: {bind: 127.0.0.1, port: $HPORT}
EOF
start_node() { # log
  QANODE_JAVA_OPTS="-Xmx512m" target/dist/bin/qanode serve --config "$WORK/qanode.yml" >>"$1" 2>&1 &
  NODE=$!; PIDS+=("$NODE")
  sample_rss "$NODE" "$WORK/rss-qanode.txt" & PIDS+=($!)
}
echo "== 1. qanode serve: $ASSOC associations x $PER_ASSOC objects to QA_PRE, with REST load"
t0=$(now)
start_node "$WORK/node.log"
wait_dicom "$DPORT" 60 || { echo "node did not start"; tail -20 "$WORK/node.log"; exit 1; }
echo "start-up to first C-ECHO: $(since "$t0") s"

touch "$WORK/rest-on"
( while [ -e "$WORK/rest-on" ]; do
    curl -s -o /dev/null -m 30 -w '%{http_code} %{time_total}\n' "$API/states" || echo "000 0"
  done >"$WORK/rest-states.txt" ) &
RESTA=$!; PIDS+=("$RESTA")
( while [ -e "$WORK/rest-on" ]; do
    t=$(now)
    id=$(curl -s -m 30 -H 'Content-Type: application/json' -d '{"baseline":"pre","candidate":"pre"}' "$API/comparisons" | jq -r '.id // empty')
    status=NONE
    while [ -n "$id" ] && [ -e "$WORK/rest-on" ]; do
      status=$(curl -s -m 30 "$API/comparisons/$id" | jq -r .status)
      case $status in DONE|FAILED) break;; esac
      sleep 1
    done
    echo "$status $(since "$t") $(curl -s -m 30 "$API/comparisons/$id" | jq -r '.summary.paired // 0')"
  done >"$WORK/rest-comparisons.txt" ) &
RESTB=$!; PIDS+=("$RESTB")

read -r answered ok secs < <(send_phase main "$DPORT" QA_PRE "$C/main")
rm -f "$WORK/rest-on"; wait "$RESTA" "$RESTB" 2>/dev/null || true
MAIN_OK=$ok
awk -v a="$answered" -v o="$ok" -v s="$secs" -v n=$((ASSOC * PER_ASSOC)) \
  'BEGIN{printf "qanode: %d of %d objects answered (%d Success) in %.1f s = %.1f Success/s\n", a, n, o, s, o/s}'
failures_by_kind main
awk '{n++; if($1!~/^2/)bad++; s+=$2; if($2>m)m=$2} END{printf "REST GET /states: %d requests, %d not 2xx, mean %.3f s, max %.3f s\n", n, bad, s/n, m}' "$WORK/rest-states.txt"
awk '{n++; c[$1]++; if($1=="DONE"){d++; s+=$2}} END{printf "REST comparisons pre/pre: %d runs:", n; for(k in c) printf " %s %d", k, c[k]; if(d) printf ", mean %.1f s to DONE", s/d; print ""}' "$WORK/rest-comparisons.txt"
rss_summary "$WORK/rss-qanode.txt"

echo "== 2. burst: $BURST associations at once (limit $LIMIT), $BURST_FILES objects each, to QA_POST"
t0=$(now); pids=(); i=0
for d in "$C"/burst/*/; do
  i=$((i + 1))
  timeout "$SEND_TIMEOUT" storescu -v -R -aec QA_POST +sd 127.0.0.1 "$DPORT" "$d" >"$WORK/scu-burst-$i.log" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || true; done
echo "burst took $(since "$t0") s"
BURST_OK=$(cat "$WORK"/scu-burst-*.log | grep -c 'Received Store Response (Success)' || true)
echo "associations accepted (storescu): $(grep -l 'Association Accepted' "$WORK"/scu-burst-*.log | wc -l) of $BURST; Success answers: $BURST_OK of $((BURST * BURST_FILES))"
echo "storescu, first failure line per process:"; failures_by_kind burst
echo "storescu, rejection reasons:"; cat "$WORK"/scu-burst-*.log | grep -E 'Reason:' | sed 's/^F: *//' | sort | uniq -c || true
echo "node log: $(grep -c 'connection refused' "$WORK/node.log" || true) connections closed at the pending cap; rejections:"
grep -o 'rejected([^)]*)' "$WORK/node.log" | sort | uniq -c || true
echo "metrics:"; curl -s "http://127.0.0.1:$HPORT/metrics" | grep -E '^qanode_associations_(accepted|rejected)' || true

echo "== 3. kill -9 during $KILL_ASSOC associations x $KILL_FILES objects (to QANODE -> inbox), $KILL_AFTER s in"
pids=(); i=0
for d in "$C"/kill/*/; do
  i=$((i + 1))
  timeout "$SEND_TIMEOUT" storescu -v -R -aec QANODE +sd 127.0.0.1 "$DPORT" "$d" >"$WORK/scu-kill-$i.log" 2>&1 &
  pids+=($!)
done
sleep "$KILL_AFTER"
kill -9 "$NODE"; wait "$NODE" 2>/dev/null || true
for p in "${pids[@]}"; do wait "$p" || true; done
KILL_OK=$(cat "$WORK"/scu-kill-*.log | grep -c 'Received Store Response (Success)' || true)
echo "Success answers before the kill: $KILL_OK of $((KILL_ASSOC * KILL_FILES))"
t0=$(now)
echo "--- restart" >>"$WORK/node.log"
start_node "$WORK/node.log"
wait_dicom "$DPORT" 120 || { echo "node did not restart"; tail -20 "$WORK/node.log"; exit 1; }
until [ "$(curl -s "$API/health" | jq -r .status 2>/dev/null)" = UP ]; do sleep 0.2; done
echo "restart to C-ECHO and health UP: $(since "$t0") s"

echo "== 4. Success answers vs stored objects (after the restart)"
total() { curl -s "$API/states/$1/instances?limit=1" | jq -r '.total // 0'; }
for s in "pre $MAIN_OK" "post $BURST_OK" "inbox $KILL_OK"; do
  set -- $s
  echo "state $1: Success answers $2, stored $(total "$1")"
done
# every file answered Success in phase 3 must be stored: pair storescu's "Sending file" with its response
awk '/Sending file:/{f=$NF} /Received Store Response \(Success\)/{print f}' "$WORK"/scu-kill-*.log >"$WORK/kill-ok.txt"
curl -s "$API/states/inbox/instances?limit=10000" | jq -r '.items[].sopInstanceUid' | sort >"$WORK/inbox-uids.txt"
lost=0
while read -r f; do
  u=$(dcmdump -q +P SOPInstanceUID "$f" | sed -E 's/.*\[([^]]*)\].*/\1/')
  grep -qxF "$u" "$WORK/inbox-uids.txt" || { lost=$((lost + 1)); echo "LOST: $f $u"; }
done <"$WORK/kill-ok.txt"
echo "phase 3: $(wc -l <"$WORK/kill-ok.txt") objects answered Success, $lost of them missing after kill -9 and restart"
echo "node log: $(grep -c ' WARN ' "$WORK/node.log" || true) WARN, $(grep -c ' ERROR ' "$WORK/node.log" || true) ERROR lines"
rss_summary "$WORK/rss-qanode.txt"
kill "$NODE"; wait "$NODE" 2>/dev/null || true

# ---------------------------------------------------------------- peers
for peer in $PEERS; do
  echo "== 5. $peer: $ASSOC associations x $PER_ASSOC objects"
  port=$(free_port); out="$WORK/out-$peer"; mkdir -p "$out"
  case $peer in
    qanode)
      hport=$(free_port)
      sed -e "s#^  port: $DPORT#  port: $port#" -e "s#dataDir: $WORK/data#dataDir: $out#" -e "s#port: $HPORT}#port: $hport}#" \
        "$WORK/qanode.yml" >"$WORK/qanode-quiet.yml"
      QANODE_JAVA_OPTS="-Xmx512m" target/dist/bin/qanode serve --config "$WORK/qanode-quiet.yml" >"$WORK/$peer.log" 2>&1 &
      PEER=$! ;;
    storescp)
      storescp --fork -aet QANODE -od "$out" "$port" >"$WORK/$peer.log" 2>&1 & PEER=$! ;;
    orthanc)
      hport=$(free_port)
      cat >"$WORK/orthanc.json" <<EOF
{ "Name": "soak", "StorageDirectory": "$out/storage", "IndexDirectory": "$out/index",
  "HttpPort": $hport, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "DicomPort": $port, "DicomAet": "QANODE", "DicomCheckCalledAet": false,
  "DicomAlwaysAllowStore": true, "DicomAlwaysAllowEcho": true,
  "DicomThreadsCount": $LIMIT, "SyncStorageArea": true, "StorageCompression": false,
  "Plugins": [] }
EOF
      Orthanc "$WORK/orthanc.json" >"$WORK/$peer.log" 2>&1 & PEER=$! ;;
    *) echo "unknown peer $peer"; continue ;;
  esac
  PIDS+=("$PEER")
  sample_rss "$PEER" "$WORK/rss-peer-$peer.txt" & PIDS+=($!)
  wait_dicom "$port" 60 || { echo "$peer did not start"; tail "$WORK/$peer.log"; continue; }
  read -r answered ok secs < <(send_phase "$peer" "$port" QA_PRE "$C/main")
  case $peer in
    qanode) stored=$(curl -s "http://127.0.0.1:$hport/api/v1/states/pre/instances?limit=1" | jq -r .total) ;;
    storescp) stored=$(find "$out" -type f | wc -l) ;;
    orthanc) stored=$(curl -s "http://127.0.0.1:$hport/statistics" | jq -r .CountInstances) ;;
  esac
  awk -v p="$peer" -v a="$answered" -v o="$ok" -v s="$secs" -v n=$((ASSOC * PER_ASSOC)) -v st="$stored" \
    'BEGIN{printf "%s: %d of %d objects answered (%d Success) in %.1f s = %.1f Success/s; stored %d\n", p, a, n, o, s, o/s, st}'
  failures_by_kind "$peer"
  rss_summary "$WORK/rss-peer-$peer.txt"
  kill "$PEER"; wait "$PEER" 2>/dev/null || true
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
