#!/usr/bin/env bash
# Network-layer benchmark (not part of the unit tests). Prints what docs/performance.md reports
# under "Network layer". The same dcmtk storescu sends the same files over loopback to:
#   qanode    `qanode storescp` (distribution launcher): temp file, fsync, rename, fsync of the folder
#   serve     `qanode serve` (the node: the same, plus the state store's index row in embedded H2,
#             committed before Success): the cost of indexing is serve against qanode
#   dcmtk     dcmtk `storescp --fork`: writes the file, no fsync (3.6.7 has no fsync option)
#   dcmtk+sync dcmtk `storescp --fork -xcr "sync #p/#f" -xs`: coreutils `sync FILE` (fsync) runs in
#             the foreground after each file is written and before storescp answers: our like-for-like
# Runs:
#   1. mixed corpus (RT plans from the corpus with new UIDs, synthetic RT Beams Treatment Records,
#      CT slices from the corpus with new UIDs), one association (one storescu), then 4 parallel
#      associations (4 storescu processes, the files dealt round robin);
#   2. large objects (BIG_N x BIG_MB MB) over one association, against the ceilings:
#      `dd conv=fsync` of the same files, and bench/sockcopy.py (loopback TCP + fsync per file);
#   3. BigObjectTest (a BIG_TEST_MB MB object through -Xmx256m JVMs; set BIG_TEST_MB=0 to skip).
# BIG_N=0 skips run 2, MIXED=0 skips run 1; BIG_KINDS picks the receivers of run 2 (default all,
# `serve` included: the node's commit pipeline on large objects).
# Usage: bench/store-bench.sh   (env: PLANS=1000 RECORDS=500 CTS=500 BIG_N=10 BIG_MB=200 BIG_TEST_MB=2048
#        MIXED=1 BIG_KINDS="qanode serve dcmtk+sync dcmtk"; SERVE_JAVA_OPTS="-Xmx512m" replaces the JVM
#        options of `serve`, e.g. "-Xmx512m -XX:TieredStopAtLevel=1" for C1 only; the launcher's own
#        JIT options for serve come first, so these win)
set -euo pipefail
cd "$(dirname "$0")/.."
PLANS=${PLANS:-1000}; RECORDS=${RECORDS:-500}; CTS=${CTS:-500}
BIG_N=${BIG_N:-10}; BIG_MB=${BIG_MB:-200}; BIG_TEST_MB=${BIG_TEST_MB:-2048}
SAMPLES=${QANODE_SHARED:-../shared}/dicom-samples
WORK=$(mktemp -d /tmp/qanode-store-bench.XXXXXX)
RECEIVER_PID=
cleanup() {
  if [ -n "$RECEIVER_PID" ]; then kill "$RECEIVER_PID" 2>/dev/null || true; wait "$RECEIVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# ARCHITECTURE.md: dcmtk leaves Nagle on unless told otherwise
export TCP_NODELAY=1
JAVA=${JAVA:-java}

mvn -o -q -DskipTests package >/dev/null
mvn -o -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="target/classes:target/test-classes:$(cat "$WORK/cp.txt")"

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; mem: $(free -g | awk '/Mem:/{print $2}') GB"
echo "disk: $(df -h "$WORK" | awk 'NR==2{print $1, $2}'), fs $(stat -f -c %T "$WORK")"
echo "java: $($JAVA -version 2>&1 | head -1); dcmtk: $(storescp --version | head -1)"

echo "== corpus"
C="$WORK/corpus"
$JAVA -cp "$CP" org.qanode.bench.MakeStoreCorpus plans "$SAMPLES" "$C/plans" "$PLANS"
$JAVA -cp "$CP" org.qanode.bench.MakeStoreCorpus records "$C/records" "$RECORDS"
$JAVA -cp "$CP" test-data/MakeCtSeries.java "$SAMPLES/ct" "$C/ct" "$CTS" >/dev/null
for i in 1 2 3 4; do mkdir -p "$WORK/split/$i"; done
n=0
for f in "$C"/*/*.dcm; do ln "$f" "$WORK/split/$((n % 4 + 1))/"; n=$((n + 1)); done
BYTES=$(find "$C" -name '*.dcm' -printf '%s\n' | awk '{s+=$1} END{print s}')
for d in plans records ct; do
  echo "$d: $(ls "$C/$d" | wc -l) files, $(du -sh --apparent-size "$C/$d" | cut -f1)"
done
echo "total: $n files, $((BYTES / 1000000)) MB"

free_port() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

start_receiver() { # kind outdir port
  local kind=$1 out=$2 port=$3
  mkdir -p "$out"
  case $kind in
    qanode) QANODE_JAVA_OPTS="-Xmx512m" target/dist/bin/qanode storescp --port "$port" --bind 127.0.0.1 \
              --dir "$out" --aet QANODE >"$WORK/$kind.log" 2>&1 & ;;
    serve) QANODE_JAVA_OPTS="${SERVE_JAVA_OPTS:--Xmx512m}" target/dist/bin/qanode serve --data-dir "$out" --dicom-port "$port" \
              --http-port "$(free_port)" >"$WORK/$kind.log" 2>&1 & ;;
    dcmtk) storescp --fork -aet QANODE -od "$out" "$port" >"$WORK/$kind.log" 2>&1 & ;;
    dcmtk+sync) storescp --fork -aet QANODE -od "$out" -xcr "sync #p/#f" -xs "$port" >"$WORK/$kind.log" 2>&1 & ;;
  esac
  RECEIVER_PID=$!
  for _ in $(seq 1 100); do echoscu -aec QANODE 127.0.0.1 "$port" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "receiver $kind did not start"; cat "$WORK/$kind.log"; exit 1
}
stop_receiver() {
  kill "$RECEIVER_PID"; wait "$RECEIVER_PID" 2>/dev/null || true; RECEIVER_PID=
}
now() { date +%s.%N; }

# one result line: kind, associations, files, bytes, seconds
report() {
  awk -v k="$1" -v a="$2" -v n="$3" -v b="$4" -v s="$5" \
    'BEGIN{printf "%-11s %d assoc: %5d files %7.1f MB in %6.2f s = %7.1f inst/s %6.1f MB/s\n", k, a, n, b/1e6, s, n/s, b/1e6/s}'
}

declare -A RESULT
run_mixed() { # kind
  local kind=$1 port out
  for assoc in 1 4; do
    port=$(free_port); out="$WORK/out-$kind-$assoc"
    start_receiver "$kind" "$out" "$port"
    # warm-up (the JIT, the page cache of the sources): the corpus CT samples once
    storescu -aec QANODE 127.0.0.1 "$port" "$SAMPLES"/ct/dicompyler_ct0.dcm "$SAMPLES"/ct/pydicom_ct_small_ge_private_tags.dcm >/dev/null 2>&1
    if [ "$kind" = serve ]; then
      # the warm-up objects stay in the state; counted apart below
      warm=$(find "$out/states" -type f -name '*.dcm' | wc -l)
    else
      rm -rf "$out"/*; warm=0
    fi
    t0=$(now)
    if [ "$assoc" = 1 ]; then
      storescu -R -aec QANODE +sd +r 127.0.0.1 "$port" "$C" >"$WORK/scu.log" 2>&1 || { tail "$WORK/scu.log"; exit 1; }
    else
      pids=()
      for i in 1 2 3 4; do storescu -R -aec QANODE +sd 127.0.0.1 "$port" "$WORK/split/$i" >"$WORK/scu$i.log" 2>&1 & pids+=($!); done
      for p in "${pids[@]}"; do wait "$p" || { tail "$WORK"/scu?.log; exit 1; }; done
    fi
    t1=$(now)
    stop_receiver
    if [ "$kind" = serve ]; then
      got=$(find "$out/states" -type f -name '*.dcm' ! -path '*/.incoming/*' | wc -l)
    else
      got=$(find "$out" -type f -name '*.*' ! -name '.*' | wc -l)
    fi
    got=$((got - warm))
    [ "$got" = "$n" ] || { echo "$kind: received $got of $n files"; tail "$WORK/$kind.log"; exit 1; }
    secs=$(echo "$t1 - $t0" | bc)
    RESULT[$kind-$assoc]=$secs
    report "$kind" "$assoc" "$n" "$BYTES" "$secs"
    rm -rf "$out"
  done
}

if [ "${MIXED:-1}" = 1 ]; then
echo "== 1. mixed corpus, storescu -> receiver over loopback (warm receiver)"
for kind in qanode serve dcmtk+sync dcmtk; do run_mixed "$kind"; done
for assoc in 1 4; do
  echo "cost of indexing, $assoc assoc: serve time / storescp time = $(echo "scale=2; ${RESULT[serve-$assoc]} / ${RESULT[qanode-$assoc]}" | bc)," \
       "serve speed / dcmtk+sync speed: $(echo "scale=2; ${RESULT[dcmtk+sync-$assoc]} / ${RESULT[serve-$assoc]}" | bc)"
  echo "ratio $assoc assoc, qanode speed / dcmtk+sync speed: $(echo "scale=2; ${RESULT[dcmtk+sync-$assoc]} / ${RESULT[qanode-$assoc]}" | bc)," \
       "/ dcmtk without fsync: $(echo "scale=2; ${RESULT[dcmtk-$assoc]} / ${RESULT[qanode-$assoc]}" | bc)"
done
fi

if [ "$BIG_N" -gt 0 ]; then
echo "== 2. large objects: $BIG_N x $BIG_MB MB, one association"
B="$WORK/big"
$JAVA -cp "$CP" org.qanode.bench.MakeStoreCorpus big "$B" "$BIG_N" "$BIG_MB"
BIG_BYTES=$(find "$B" -name '*.dcm' -printf '%s\n' | awk '{s+=$1} END{print s}')
cat "$B"/*.dcm >/dev/null # page cache warm for every reader alike
sync # the corpus just written must not be written back while a receiver fsyncs
mkdir -p "$WORK/dd"
t0=$(now); for f in "$B"/*.dcm; do dd if="$f" of="$WORK/dd/$(basename "$f")" bs=4M conv=fsync status=none; done; t1=$(now)
report "dd fsync" 0 "$BIG_N" "$BIG_BYTES" "$(echo "$t1 - $t0" | bc)"; rm -rf "$WORK/dd"
mkdir -p "$WORK/sock"
read -r files bytes secs < <(/usr/bin/python3 bench/sockcopy.py "$WORK/sock" "$B"/*.dcm)
report "socket+fsync" 1 "$files" "$bytes" "$secs"; rm -rf "$WORK/sock"
for kind in ${BIG_KINDS:-qanode serve dcmtk+sync dcmtk}; do
  port=$(free_port); out="$WORK/out-big-$kind"
  start_receiver "$kind" "$out" "$port"
  t0=$(now); storescu -R -aec QANODE 127.0.0.1 "$port" "$B"/*.dcm >"$WORK/scu.log" 2>&1 || { tail "$WORK/scu.log"; exit 1; }; t1=$(now)
  stop_receiver
  report "$kind" 1 "$BIG_N" "$BIG_BYTES" "$(echo "$t1 - $t0" | bc)"
  rm -rf "$out"
done
port=$(free_port); out="$WORK/out-big-send"
start_receiver qanode "$out" "$port"
t0=$(now); target/dist/bin/qanode send --aec QANODE "127.0.0.1:$port" "$B" 2>/dev/null | tail -1; t1=$(now)
stop_receiver
report "qanode send" 1 "$BIG_N" "$BIG_BYTES" "$(echo "$t1 - $t0" | bc)"
rm -rf "$out" "$B"
fi

if [ "$BIG_TEST_MB" -gt 0 ]; then
  echo "== 3. one ${BIG_TEST_MB} MB object through -Xmx256m JVMs (BigObjectTest)"
  mvn -o -q test -Dtest=BigObjectTest -Dqanode.bigObject.mb="$BIG_TEST_MB" 2>&1 | grep -E '^big object|FAIL|ERROR' || true
fi
