#!/usr/bin/env bash
# Ingest throughput and CPU per object (issue 16): `qanode serve` (fsync + directory fsync +
# index row, H2 forced to disk, all before Success) against dcmtk `storescp` (no fsync), in ONE
# interleaved run: for each round, for 1 and 4 associations, each receiver in turn on a fresh
# data directory. Each receiver gets two passes of different objects (new UIDs each):
#   cold = the first pass through a fresh process (JVM start-up not timed, JIT cold);
#   warm = the second pass through the same process.
# The same dcmtk storescu (-R +sd, TCP_NODELAY=1) sends; 4 associations = 4 storescu processes.
# CPU per object = receiver utime+stime (+ reaped children for storescp --fork: a floor) / objects.
# Optional BEFORE=/path/to/other/qanode/dist adds that build as receiver "before" (a build of
# main: git archive main | tar -x -C /tmp/before && (cd /tmp/before && mvn -o -q -DskipTests package)).
# TLS=1 (issue 12) adds "serve+tls" (the node's DICOM TLS port, profile bcp195-rfc8996, client
# certificate required) and "dcmtk+tls" (storescp +tls), sent to by storescu +tls with a throw-away
# PKI made by openssl (RSA 2048, as TestCertificates and docs/security.md); ratios then also give
# serve+tls / serve and serve+tls / dcmtk+tls.
# Usage: bench/ingest-bench.sh   (env: RECORDS=800 PLANS=200 ROUNDS=1 RECEIVERS="serve dcmtk" BUILD=1
#        SYNC=0 adds dcmtk+sync; TLS=0; OUT=/tmp/ingest-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-800}; PLANS=${PLANS:-200}; ROUNDS=${ROUNDS:-1}; BUILD=${BUILD:-1}
RECEIVERS=${RECEIVERS:-"serve dcmtk"}
[ -n "${BEFORE:-}" ] && RECEIVERS="$RECEIVERS before"
[ "${SYNC:-0}" = 1 ] && RECEIVERS="$RECEIVERS dcmtk+sync"
[ "${TLS:-0}" = 1 ] && RECEIVERS="$RECEIVERS serve+tls dcmtk+tls"
OUT=${OUT:-/tmp/ingest-bench}; mkdir -p "$OUT"
SAMPLES=${QANODE_SHARED:-../shared}/dicom-samples
WORK=$(mktemp -d /tmp/qanode-ingest-bench.XXXXXX)
export TCP_NODELAY=1
PID=
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT
[ "$BUILD" = 1 ] && mvn -q -o -DskipTests -Dqanode.cds.skip=true package >/dev/null
# each receiver's class-data-sharing archive made now, not in the background of its first pass
for d in target/dist ${BEFORE:-}; do QANODE_CDS=create "$d"/bin/qanode >/dev/null 2>&1 || true; done
CP="target/test-classes:target/dist/lib/*"
HZ=$(getconf CLK_TCK)

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "disk: $(df -h "$WORK" | awk 'NR==2{print $1, $2}'), fs $(stat -f -c %T "$WORK")"
echo "java: $(java -version 2>&1 | head -1); dcmtk: $(storescu --version | head -1 | xargs)"

PKI="$WORK/pki"
if [ "${TLS:-0}" = 1 ]; then
  mkdir -p "$PKI"
  (cd "$PKI"
   printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n' >leaf.ext
   openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ca.key 2>/dev/null
   openssl req -x509 -new -key ca.key -sha256 -days 2 -subj /CN=bench-ca -addext basicConstraints=critical,CA:TRUE \
     -addext keyUsage=critical,keyCertSign,cRLSign -out ca.crt 2>/dev/null
   for n in node peer; do
     openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $n.key 2>/dev/null
     openssl req -new -key $n.key -subj /CN=$n -out $n.csr 2>/dev/null
     openssl x509 -req -in $n.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -sha256 -extfile leaf.ext -out $n.crt 2>/dev/null
   done)
  echo "tls: throw-away PKI in $PKI (RSA 2048, SHA-256); node profile bcp195-rfc8996, client certificates required"
fi
SCU_TLS=(+tls "$PKI/peer.key" "$PKI/peer.crt" +cf "$PKI/ca.crt")

echo "== corpus"
C="$WORK/corpus"
java -cp "$CP" org.qanode.bench.SoakCorpus "$C" "cold:4:$((RECORDS / 4))" "warm:4:$((RECORDS / 4))" >/dev/null
if [ "$PLANS" -gt 0 ]; then
  for pass in cold warm; do
    java -cp "$CP" org.qanode.bench.MakeStoreCorpus plans "$SAMPLES" "$C/plans-$pass" "$PLANS" >/dev/null
    n=0; for f in "$C"/plans-$pass/*.dcm; do mv "$f" "$C/$pass/$(printf %03d $((n % 4 + 1)))/"; n=$((n + 1)); done
  done
fi
N=$(find "$C/cold" -name '*.dcm' | wc -l)
BYTES=$(find "$C/cold" -name '*.dcm' -printf '%s\n' | awk '{s+=$1} END{print s}')
echo "per pass: $N objects, $BYTES bytes (mean $((BYTES / N)) B); $RECORDS RT Beams Treatment Records + $PLANS RT plans"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
now() { date +%s.%N; }
cpu_ticks() { awk '{print $14+$15+$16+$17}' "/proc/$1/stat"; }   # utime stime cutime cstime
wait_up() { # port [tls]
  local t=(); [ "${2:-}" = tls ] && t=("${SCU_TLS[@]}")
  for _ in $(seq 1 300); do echoscu "${t[@]}" -aec QANODE 127.0.0.1 "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "receiver did not start"; exit 1
}

send() { # port assoc dir [tls]
  local t=(); [ "${4:-}" = tls ] && t=("${SCU_TLS[@]}")
  if [ "$2" = 1 ]; then
    storescu "${t[@]}" -R -aec QANODE +sd +r 127.0.0.1 "$1" "$3" >>"$WORK/scu.log" 2>&1
  else
    local pids=() d
    for d in "$3"/*/; do storescu "${t[@]}" -R -aec QANODE +sd 127.0.0.1 "$1" "$d" >>"$WORK/scu.log" 2>&1 & pids+=($!); done
    for p in "${pids[@]}"; do wait "$p"; done
  fi
}

measure() { # receiver assoc round
  local kind=$1 assoc=$2 round=$3 port data pass t0 t1 c0 c1 failed tls=
  port=$(free_port); data="$WORK/data-$kind-$assoc"; mkdir -p "$data"
  case $kind in *+tls) tls=tls;; esac
  case $kind in
    serve+tls) printf 'dicom:\n  tls:\n    port: %s\n    certificate: %s\n    privateKey: %s\n    trustedCertificates: %s\n' \
                 "$port" "$PKI/node.crt" "$PKI/node.key" "$PKI/ca.crt" >"$WORK/tls.yml"
             QANODE_JAVA_OPTS="-Xmx512m" target/dist/bin/qanode serve --config "$WORK/tls.yml" --data-dir "$data" \
               --dicom-port "$(free_port)" --http-port "$(free_port)" >"$WORK/$kind.log" 2>&1 & ;;
    dcmtk+tls) storescp +tls "$PKI/node.key" "$PKI/node.crt" +cf "$PKI/ca.crt" -aet QANODE -od "$data" "$port" \
               >"$WORK/$kind.log" 2>&1 & ;;
    serve) QANODE_JAVA_OPTS="-Xmx512m" target/dist/bin/qanode serve --data-dir "$data" --dicom-port "$port" \
             --http-port "$(free_port)" >"$WORK/$kind.log" 2>&1 & ;;
    before) QANODE_JAVA_OPTS="-Xmx512m" "$BEFORE"/bin/qanode serve --data-dir "$data" --dicom-port "$port" \
             --http-port "$(free_port)" >"$WORK/$kind.log" 2>&1 & ;;
    dcmtk) storescp --fork -aet QANODE -od "$data" "$port" >"$WORK/$kind.log" 2>&1 & ;;
    dcmtk+sync) storescp --fork -aet QANODE -od "$data" -xcr "sync #p/#f" -xs "$port" >"$WORK/$kind.log" 2>&1 & ;;
  esac
  PID=$!; wait_up "$port" "$tls"
  case $kind in serve|serve+tls|before) PID=$(pgrep -P "$PID" java || echo "$PID");; esac   # the launcher may exec or fork
  for pass in cold warm; do
    : >"$WORK/scu.log"
    c0=$(cpu_ticks "$PID"); t0=$(now)
    send "$port" "$assoc" "$C/$pass" "$tls"
    t1=$(now); sleep 0.3; c1=$(cpu_ticks "$PID")
    failed=$(grep -c -iE 'failed|error' "$WORK/scu.log" || true)
    awk -v k="$kind" -v a="$assoc" -v r="$round" -v p="$pass" -v n="$N" -v s="$(echo "$t1 - $t0" | bc)" -v c="$((c1 - c0))" \
        -v hz="$HZ" -v l="$(cut -d' ' -f1 /proc/loadavg)" -v f="$failed" \
      'BEGIN{printf "round %d %-10s %d assoc %-4s: %d objects in %6.2f s = %6.1f obj/s, receiver CPU %5.2f ms/obj (load1 %s, storescu error lines %d)\n", r, k, a, p, n, s, n/s, c*1000/hz/n, l, f}' \
      | tee -a "$OUT/results.txt"
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  # group commit: objects per group over both passes (this build only; logged when the store closes)
  grep -h 'commit pipeline closed' "$WORK/$kind.log" 2>/dev/null | sed -E "s/.*closed: /round $round $kind $assoc assoc: /" \
    | tee -a "$OUT/groups.txt" || true
  # kept until the run ends, not deleted now: ext4 without a journal (this VM) passes over every
  # inode freed in the last 5-35 s when it creates a file, so deleting one receiver's 2,000 files
  # here would slow the next receiver's first pass (docs/performance.md, "the warm-up's files")
  mv "$data" "$WORK/kept-$round-$kind-$assoc"
}

echo "== runs (receivers: $RECEIVERS)"; : >"$OUT/results.txt"
for r in $(seq 1 "$ROUNDS"); do
  for a in 1 4; do
    for k in $RECEIVERS; do measure "$k" "$a" "$r"; done
  done
done

echo "== ratios (serve throughput / dcmtk storescp throughput; CPU per object, serve vs dcmtk)"
awk '{k=$3; a=$4; p=$6; gsub(":","",p); tp[$2" "k" "a" "p]=$13; cpu[$2" "k" "a" "p]=$17; rounds[$2]=1}
  END{for (r in rounds) for (a=1; a<=4; a+=3) for (pi=1; pi<=2; pi++) { p=(pi==1?"cold":"warm");
        s=tp[r" serve "a" "p]; d=tp[r" dcmtk "a" "p]; if (s && d)
          printf "round %s %d assoc %s: serve/dcmtk %.2fx; CPU/object serve %.2f ms, dcmtk %.2f ms%s\n", r, a, p, s/d,
            cpu[r" serve "a" "p], cpu[r" dcmtk "a" "p],
            (tp[r" before "a" "p] ? sprintf("; before/dcmtk %.2fx, CPU before %.2f ms", tp[r" before "a" "p]/d, cpu[r" before "a" "p]) : "") }}' \
  "$OUT/results.txt" | sort | tee "$OUT/ratios.txt"
if [ "${TLS:-0}" = 1 ]; then
  echo "== TLS ratios (throughput serve+tls / serve and serve+tls / dcmtk+tls; CPU per object)"
  awk '{k=$3; a=$4; p=$6; gsub(":","",p); tp[$2" "k" "a" "p]=$13; cpu[$2" "k" "a" "p]=$17; rounds[$2]=1}
    END{for (r in rounds) for (a=1; a<=4; a+=3) for (pi=1; pi<=2; pi++) { p=(pi==1?"cold":"warm");
          t=tp[r" serve+tls "a" "p]; s=tp[r" serve "a" "p]; d=tp[r" dcmtk+tls "a" "p]; if (t && s && d)
            printf "round %s %d assoc %s: serve+tls/serve %.2fx, serve+tls/dcmtk+tls %.2fx; CPU/object serve+tls %.2f ms, serve %.2f ms, dcmtk+tls %.2f ms\n",
              r, a, p, t/s, t/d, cpu[r" serve+tls "a" "p], cpu[r" serve "a" "p], cpu[r" dcmtk+tls "a" "p] }}' \
    "$OUT/results.txt" | sort | tee "$OUT/tls-ratios.txt"
fi
