#!/usr/bin/env python3
"""Attributes a JFR recording of `qanode serve` ingest to the per-object budget categories
(bench/ingest-profile.sh). Usage: ingest-attrib.py REC.jfr OBJECTS
CPU: jdk.ExecutionSample (threads in Java code; profile settings: every 10 ms per thread, so a
sample stands for ~10 ms of CPU). Blocked in native code (fsync, socket reads, epoll):
jdk.NativeMethodSample (every 20 ms per thread). Exact durations of fsyncs: jdk.FileForce."""
import json, subprocess, sys, collections, statistics

rec, n = sys.argv[1], int(sys.argv[2])
def events(names):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", names, rec],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]

def frames(e):
    st = e["values"].get("stackTrace") or {}
    return [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in (st.get("frames") or [])]

# priority order: the first category with a pattern anywhere in the stack wins
CATS = [
    ("H2 index commit / insert", ["org.h2.", "IndexDao", "IndexDatabase", "Jdbc."]),
    ("SHA-256 digest", ["sun.security.provider.", "MessageDigest", "digestDataset"]),
    ("rename + directory fsync", ["fsyncDirectory", "Files.move", "UnixCopyFile", "rename0"]),
    ("fsync (FileChannel.force)", ["FileChannelImpl.force", "force0"]),
    ("free-space check", ["FreeSpace", "getUsableSpace", "statvfs", "UnixFileStore"]),
    ("header parse for the index", ["HeaderReader", "IndexFields", "IndexValues", "Part10."]),
    ("file write", ["DurableFile.write", "FileChannelImpl.write", "FileOutputStream", "BufferedOutputStream",
                    "ChannelOutputStream", "write0", "DurableFile.<init>", "FileChannel.open", "newFileChannel"]),
    ("response (DIMSE-RSP encode + send)", ["PduEncoder", "DimseResponse", "sendResponse", "respond",
                                            "AbstractChannel.write", "writeAndFlush", "ChannelOutboundBuffer",
                                            "Native.writev", "Native.write", "doWrite"]),
    ("PDU decode", ["PduDecoder", "PduCodec", "ByteToMessageDecoder"]),
    ("DIMSE assembly / store dispatch", ["MessageAssembler", "ScpSession", "StoreScp", "StorageQueue",
                                         "StoreOperation", "StateStore", "IncomingObject", "Filing"]),
    ("Netty socket read / event loop", ["io.netty."]),
    ("JFR / JDK internals", ["jdk.jfr.", "jdk.internal.misc.Unsafe.park", "java.util.concurrent."]),
]
def cat(fr):
    for name, pats in CATS:
        for f in fr:
            if any(p in f for p in pats):
                return name
    return "other: " + (fr[0] if fr else "?")

ex = events("jdk.ExecutionSample")
nat = events("jdk.NativeMethodSample")
def table(evs, ms_per, title):
    c = collections.Counter(cat(frames(e)) for e in evs)
    tot = sum(c.values())
    print(f"{title}: {tot} samples (~{ms_per} ms each) = ~{tot*ms_per/n:.3f} ms/object")
    for k, v in c.most_common():
        print(f"  {k:40s} {v:6d} {100*v/max(tot,1):5.1f} %  {v*ms_per/n:7.3f} ms/obj")
table(ex, 10, "CPU (ExecutionSample)")
table(nat, 20, "blocked in native (NativeMethodSample)")
# blocked-in-native only of threads that are not idle event loops / acceptors
def tname(e):
    return (e["values"].get("sampledThread") or {}).get("javaName", "?")
busy = [e for e in nat if not any(("EPoll.wait" in f or "epollWait" in f or "Native.epoll" in f or "accept" in f) for f in frames(e)[:3])]
table(busy, 20, "blocked in native, without idle epoll waits")
# wall of the storage threads (scp-<AE>): in Java (10 ms/sample) + in native (20 ms/sample)
st_ex = [e for e in ex if tname(e).startswith("scp-")]
st_nat = [e for e in nat if tname(e).startswith("scp-")]
c = collections.Counter()
for e in st_ex: c[cat(frames(e))] += 10
for e in st_nat: c[cat(frames(e))] += 20
tot = sum(c.values())
print(f"storage threads (scp-*), sampled busy time: ~{tot/n:.2f} ms/object (summed over threads)")
for k, v in c.most_common():
    print(f"  {k:40s} {v/n:7.3f} ms/obj  {100*v/max(tot,1):5.1f} %")

top = collections.Counter(frames(e)[0] for e in ex if frames(e))
print("top 10 hot methods (self, ExecutionSample):")
for m, v in top.most_common(10):
    print(f"  {v:6d} {100*v/len(ex):5.1f} %  {m}")
def appframe(fr):
    for f in fr:
        if f.startswith("org.qanode."):
            return f
    return fr[0] if fr else "?"
top2 = collections.Counter(appframe(frames(e)) for e in ex)
print("top 10 by first qanode frame (inclusive of JDK/library callees):")
for m, v in top2.most_common(10):
    print(f"  {v:6d} {100*v/len(ex):5.1f} %  {m}")
thr = collections.Counter(tname(e).rstrip("0123456789-") for e in ex)
print("CPU samples by thread (digits stripped):", dict(thr.most_common(8)))

ff = events("jdk.FileForce")
def dur(e):
    d = e["values"]["duration"]  # ISO-8601 like "PT0.012S" or ms in newer
    if isinstance(d, str) and d.startswith("PT"):
        s = d[2:]; tot = 0.0
        for unit, mul in (("H", 3600), ("M", 60), ("S", 1)):
            if unit in s:
                a, s = s.split(unit, 1); tot += float(a) * mul
        return tot * 1000
    return float(d)
groups = collections.defaultdict(list)
for e in ff:
    p = e["values"].get("path") or ""
    fr = frames(e)
    k = (("directory fsync " + ("(.incoming)" if ".incoming" in p else "(state dir)")) if any("fsyncDirectory" in f or "Filing.fsync" in f for f in fr) else
         "H2 file" if any("org.h2." in f for f in fr) else
         "object file fsync")
    groups[k].append(dur(e))
print("jdk.FileForce (wall):")
for k, v in groups.items():
    v.sort()
    print(f"  {k:20s} n={len(v):5d} ({len(v)/n:.2f}/obj) total {sum(v):8.0f} ms = {sum(v)/n:6.2f} ms/obj;"
          f" mean {statistics.mean(v):6.2f} p50 {v[len(v)//2]:6.2f} p90 {v[int(len(v)*.9)]:6.2f} max {v[-1]:6.2f} ms")
fw = events("jdk.FileWrite")
wg = collections.defaultdict(lambda: [0, 0, 0.0])
for e in fw:
    fr = frames(e); k = "H2" if any("org.h2." in f for f in fr) else "object"
    g = wg[k]; g[0] += 1; g[1] += e["values"].get("bytesWritten", 0); g[2] += dur(e)
for k, (c, b, d) in wg.items():
    print(f"jdk.FileWrite {k}: {c/n:.2f} writes/obj, {b/n:.0f} B/obj, {d/n:.3f} ms/obj wall")
