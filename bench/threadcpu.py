#!/usr/bin/env python3
"""Per-thread CPU of a process over a window: samples /proc/PID/task/*/stat every 50 ms until STOPFILE
exists (so threads that end inside the window still count), then prints user and system ms per object,
per thread name with digits removed (C2 CompilerThread0 and 1 -> "C CompilerThread").
Usage: threadcpu.py PID STOPFILE OBJECTS   (used by bench/ingest-threads.sh)
"""
import os, sys, time, re
pid, stopfile, nobj = sys.argv[1], sys.argv[2], int(sys.argv[3])
hz = os.sysconf('SC_CLK_TCK')
first, last, names = {}, {}, {}
def snap():
    d = f'/proc/{pid}/task'
    for t in os.listdir(d):
        try:
            s = open(f'{d}/{t}/stat').read()
        except OSError:
            continue
        m = re.match(r'\d+ \((.*)\) \S (.*)', s)
        f = m.group(2).split()
        u, st = int(f[10]), int(f[11])
        names[t] = m.group(1)
        if t not in first: first[t] = (u, st)
        last[t] = (u, st)
snap()
base = dict(first)
while not os.path.exists(stopfile):
    time.sleep(0.05); snap()
snap()
agg = {}
for t, (u, s) in last.items():
    u0, s0 = base.get(t, (0, 0))
    n = re.sub(r'[0-9#]+', '', names[t]).strip()
    a = agg.setdefault(n, [0, 0]); a[0] += u - u0; a[1] += s - s0
tot = [0, 0]
for n, (u, s) in sorted(agg.items(), key=lambda x: -(x[1][0] + x[1][1])):
    if u + s == 0: continue
    tot[0] += u; tot[1] += s
    print(f'{n:30s} user {u*1000/hz/nobj:6.2f} sys {s*1000/hz/nobj:6.2f} ms/obj')
print(f'{"TOTAL":30s} user {tot[0]*1000/hz/nobj:6.2f} sys {tot[1]*1000/hz/nobj:6.2f} ms/obj')
