#!/usr/bin/env bash
# Ingest profile (issue 16, step 1: "profile first"). Results go into docs/performance.md,
# section "Ingest: where the time goes (issue 16)", by hand. No production code is changed.
#   1. corpus: RECORDS small RT Beams Treatment Records (SoakCorpus, ~1.8 KB each) and PLANS RT
#      plans (MakeStoreCorpus, corpus plans with new UIDs), dealt into 4 folders;
#   2. `qanode serve` (target/dist) on a temp data dir; warm-up (WARM objects, not profiled);
#      then a JFR recording (jcmd JFR.start, profile settings with file/socket thresholds at 0 ms)
#      and `perf stat -e task-clock,context-switches` on the JVM around the send only, and
#      utime+stime from /proc/PID/stat before/after; sent with dcmtk storescu over 1, then 4
#      associations (fresh node each time);
#   3. dcmtk storescp (--fork, no fsync) and dcmtk storescp + `sync FILE` on the same corpus,
#      CPU from /proc (parent + reaped children: cutime+cstime);
#   4. bench/ingest-attrib.py attributes the JFR samples to budget categories.
#   serve-nojfr: the same node without JFR (what the recording costs); per-thread CPU of the JVM from
#   /proc/PID/task/*/stat before/after the send (GC, JIT, JFR and storage threads apart).
# Usage: bench/ingest-profile.sh   (env: RECORDS=800 PLANS=200 WARM=600 BUILD=1 NOJFR=1 PEERS=1
#        OUT=/tmp/ingest-profile)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-800}; PLANS=${PLANS:-200}; WARM=${WARM:-600}; BUILD=${BUILD:-1}
OUT=${OUT:-/tmp/ingest-profile}; mkdir -p "$OUT"
SAMPLES=${QANODE_SHARED:-../shared}/dicom-samples
WORK=$(mktemp -d /tmp/qanode-ingest-prof.XXXXXX)
export TCP_NODELAY=1 QANODE_CDS=off
PID=
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT
[ "$BUILD" = 1 ] && mvn -q -o -DskipTests -Dqanode.cds.skip=true package >/dev/null
CP="target/test-classes:target/dist/lib/*"
JDK=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")

echo "== machine"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "disk: $(df -h "$WORK" | awk 'NR==2{print $1, $2}'), fs $(stat -f -c %T "$WORK")"
echo "java: $(java -version 2>&1 | head -1); dcmtk: $(storescu --version | head -1 | xargs)"

echo "== corpus"
C="$WORK/corpus"
java -cp "$CP" org.qanode.bench.SoakCorpus "$C" "rec:4:$((RECORDS / 4))" "warm:1:$WARM" >/dev/null
if [ "$PLANS" -gt 0 ]; then
  java -cp "$CP" org.qanode.bench.MakeStoreCorpus plans "$SAMPLES" "$C/plans" "$PLANS" >/dev/null
  n=0; for f in "$C"/plans/*.dcm; do mv "$f" "$C/rec/$(printf %03d $((n % 4 + 1)))/"; n=$((n + 1)); done
fi
N=$(find "$C/rec" -name '*.dcm' | wc -l)
BYTES=$(find "$C/rec" -name '*.dcm' -printf '%s\n' | awk '{s+=$1} END{print s}')
echo "send corpus: $N objects, $BYTES bytes (mean $((BYTES / N)) B); warm-up: $WARM records"

# JFR settings: profile, plus every file/socket event at 0 ms (so FileForce durations are all there)
sed -E '/<event name="jdk\.(FileForce|FileWrite|FileRead|SocketRead|SocketWrite)">/,/<\/event>/ s#<setting name="threshold"[^>]*>[^<]*</setting>#<setting name="threshold">0 ms</setting>#' \
  "$JDK/lib/jfr/profile.jfc" >"$WORK/ingest.jfc"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
now() { date +%s.%N; }
# per-thread CPU (ticks, utime+stime) by thread name with digits stripped: "name user sys" lines
# /proc/PID/task/TID/stat after the state letter: f[1] = field 4 (ppid), so utime (field 14) is
# f[11] and stime (field 15) f[12]. Until 2026-12 this read f[12], f[13] (stime, cutime).
thread_ticks() { for t in /proc/"$1"/task/*/stat; do sed -E 's/^[0-9]+ \((.*)\) . (.*)$/\1|\2/' "$t" 2>/dev/null; done |
  awk -F'|' '{split($2, f, " "); n=$1; gsub(/[0-9#]+/, "", n); gsub(/ +$/, "", n); u[n]+=f[11]; s[n]+=f[12]} END{for (n in u) print n "|" u[n] "|" s[n]}' | sort; }
cpu_ticks() { awk '{print $14+$15+$16+$17}' "/proc/$1/stat"; }   # utime stime cutime cstime
wait_up() { for _ in $(seq 1 150); do echoscu -aec QANODE 127.0.0.1 "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "receiver did not start"; exit 1; }
HZ=$(getconf CLK_TCK)

send() { # port assoc
  if [ "$2" = 1 ]; then
    storescu -R -aec QANODE +sd +r 127.0.0.1 "$1" "$C/rec" >"$WORK/scu.log" 2>&1
  else
    local pids=() d
    for d in "$C"/rec/*/; do storescu -R -aec QANODE +sd 127.0.0.1 "$1" "$d" >>"$WORK/scu.log" 2>&1 & pids+=($!); done
    for p in "${pids[@]}"; do wait "$p"; done
  fi
}

measure() { # kind assoc
  local kind=$1 assoc=$2 port data t0 t1 c0 c1 perfpid=
  port=$(free_port); data="$WORK/data-$kind-$assoc"; mkdir -p "$data"
  case $kind in
    serve|serve-nojfr) QANODE_JAVA_OPTS="-Xmx512m" target/dist/bin/qanode serve --data-dir "$data" --dicom-port "$port" \
             --http-port "$(free_port)" >"$WORK/$kind.log" 2>&1 & ;;
    dcmtk) storescp --fork -aet QANODE -od "$data" "$port" >"$WORK/$kind.log" 2>&1 & ;;
    dcmtk+sync) storescp --fork -aet QANODE -od "$data" -xcr "sync #p/#f" -xs "$port" >"$WORK/$kind.log" 2>&1 & ;;
  esac
  PID=$!; wait_up "$port"
  [ "$kind" != dcmtk ] && [ "$kind" != dcmtk+sync ] && PID=$(pgrep -P "$PID" java || echo "$PID")   # the launcher may exec or fork
  storescu -aec QANODE +sd +r 127.0.0.1 "$port" "$C/warm" >"$WORK/warm.log" 2>&1 || { tail "$WORK/warm.log"; exit 1; }
  [ "$kind" = serve ] && jcmd "$PID" JFR.start name=ingest settings="$WORK/ingest.jfc" >/dev/null
  if [ "$kind" = serve ] || [ "$kind" = serve-nojfr ]; then
    perf stat -e task-clock,context-switches,cpu-migrations -p "$PID" -o "$OUT/perf-$kind-$assoc.txt" 2>/dev/null & perfpid=$!
  fi
  [ "$kind" = dcmtk ] || [ "$kind" = dcmtk+sync ] || thread_ticks "$PID" >"$WORK/th0"
  c0=$(cpu_ticks "$PID"); t0=$(now)
  send "$port" "$assoc"
  t1=$(now); sleep 0.3; c1=$(cpu_ticks "$PID")
  if [ -f "$WORK/th0" ]; then
    thread_ticks "$PID" | join -t'|' -a1 - "$WORK/th0" >"$WORK/th1"
    awk -F'|' -v hz="$HZ" -v n="$N" -v k="$kind-$assoc" \
      '{u=$2-($4+0); s=$3-($5+0); if (u+s>0) printf "%s thread %-28s user %6.2f sys %6.2f ms/obj\n", k, $1, u*1000/hz/n, s*1000/hz/n}' \
      "$WORK/th1" | sort -t' ' -k1,1 | tee -a "$OUT/threads.txt"
    # a thread that ended before the second snapshot (an association's scp-* storage thread on
    # the last pass) is in the process total only: report the remainder so nothing goes missing
    awk -F'|' -v hz="$HZ" -v n="$N" -v k="$kind-$assoc" -v c="$(( $(cpu_ticks "$PID") - c0 ))" \
      '{t+=$2-($4+0)+$3-($5+0)} END{printf "%s thread %-28s %6.2f ms/obj\n", k, "(ended threads, user+sys)", (c-t)*1000/hz/n}' \
      "$WORK/th1" | tee -a "$OUT/threads.txt"
    rm -f "$WORK/th0" "$WORK/th1"
  fi
  if [ -n "$perfpid" ]; then kill -INT "$perfpid"; wait "$perfpid" 2>/dev/null || true; fi
  [ "$kind" = serve ] && jcmd "$PID" JFR.dump name=ingest filename="$OUT/ingest-$assoc.jfr" >/dev/null
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  # (with --fork, children that outlive the parent's last wait are not in cutime: dcmtk CPU is a floor)
  awk -v k="$kind" -v a="$assoc" -v n="$N" -v s="$(echo "$t1 - $t0" | bc)" -v c="$((c1 - c0))" -v hz="$HZ" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN{printf "%-10s %d assoc: %d objects in %.2f s = %.1f obj/s, wall %.2f ms/obj, receiver CPU %.2f ms/obj (load1 %s)\n", k, a, n, s, n/s, s*1000/n, c*1000/hz/n, l}' \
    | tee -a "$OUT/results.txt"
  rm -rf "$data"
}

echo "== runs" ; : >"$OUT/results.txt"; : >"$OUT/threads.txt"
for a in 1 4; do
  measure serve $a
  [ "${NOJFR:-1}" = 1 ] && measure serve-nojfr $a
  [ "${PEERS:-1}" = 1 ] && { measure dcmtk $a; measure dcmtk+sync $a; }
done
echo "== CPU by thread (ticks of 1/$HZ s)"; cat "$OUT/threads.txt"
echo "== perf stat"; for f in "$OUT"/perf-*.txt; do echo "-- $f"; grep -E 'task-clock|context-switches|migrations|elapsed' "$f" || true; done
echo "== attribution"; for a in 1 4; do echo "-- serve $a assoc"; python3 bench/ingest-attrib.py "$OUT/ingest-$a.jfr" "$N" | tee "$OUT/attrib-$a.txt"; done
