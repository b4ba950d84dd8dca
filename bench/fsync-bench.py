#!/usr/bin/env python3
"""What the file system charges for the store's fsyncs (issue 16), without the node.

1. A checkpoint's file fsyncs: N freshly written files of SIZE bytes fsynced one by one, then on
   4, 8, 16 and 32 threads (store.FileSyncer uses 16).
2. The journal's per-group fdatasync: SIZE bytes appended (the file grows: a new size to record)
   against the same bytes written over a file that already has them (store.CommitJournal reuses
   its file), alone and while 4 threads keep creating and renaming files as the storage threads do.

Usage: bench/fsync-bench.py [DIR]   (env: N=1000 SIZE=40000 ROUNDS=3 GROUPS=500; DIR on the data volume)
"""
import concurrent.futures as cf
import os
import sys
import threading
import time

DIR = sys.argv[1] if len(sys.argv) > 1 else "/tmp/qanode-fsync-bench"
N = int(os.environ.get("N", 1000))
SIZE = int(os.environ.get("SIZE", 40000))
ROUNDS = int(os.environ.get("ROUNDS", 3))
GROUPS = int(os.environ.get("GROUPS", 500))
os.makedirs(DIR, exist_ok=True)
payload = os.urandom(SIZE)


def fsync_path(p):
    fd = os.open(p, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def checkpoint_fsyncs():
    print(f"== {N} files of {SIZE} B written, then fsynced (ms for all)")
    for r in range(ROUNDS):
        row = []
        for threads in (1, 4, 8, 16, 32):
            names = []
            for i in range(N):
                p = os.path.join(DIR, f"f{r}_{threads}_{i}")
                with open(p, "wb") as f:
                    f.write(payload)
                names.append(p)
            time.sleep(0.2)
            t = time.time()
            if threads == 1:
                for p in names:
                    fsync_path(p)
            else:
                with cf.ThreadPoolExecutor(threads) as ex:
                    list(ex.map(fsync_path, names, chunksize=max(1, N // threads)))
            row.append(f"{threads} thread(s) {(time.time() - t) * 1000:.0f}")
            for p in names:
                os.unlink(p)
        print(f"round {r + 1}: " + ", ".join(row))


def journal_fdatasync(reuse):
    p = os.path.join(DIR, "journal")
    fd = os.open(p, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o640)
    try:
        if reuse:
            os.write(fd, b"\0" * (GROUPS * SIZE + 4096))
            os.fsync(fd)
        t = time.time()
        off = 0
        for _ in range(GROUPS):
            os.pwrite(fd, payload, off)
            off += SIZE
            os.fdatasync(fd)
        return (time.time() - t) / GROUPS * 1000
    finally:
        os.close(fd)
        os.unlink(p)


def churn(k, stop):
    i = 0
    while not stop.is_set():
        p = os.path.join(DIR, f"c{k}_{i}.part")
        with open(p, "wb") as f:
            f.write(payload)
        os.rename(p, p + ".dcm")
        i += 1
        if i % 50 == 0:
            for j in range(i - 50, i):
                os.unlink(os.path.join(DIR, f"c{k}_{j}.part.dcm"))
        time.sleep(0.002)
    for j in range(i - i % 50, i):
        os.unlink(os.path.join(DIR, f"c{k}_{j}.part.dcm"))


def journal():
    print(f"== journal: {GROUPS} groups of {SIZE} B, fdatasync each (ms per group)")
    for label, busy in (("alone", False), ("4 writers busy", True)):
        stop = threading.Event()
        writers = [threading.Thread(target=churn, args=(k, stop)) for k in range(4)] if busy else []
        for w in writers:
            w.start()
        try:
            for r in range(ROUNDS):
                print(f"{label}, round {r + 1}: append {journal_fdatasync(False):.3f}, "
                      f"overwrite {journal_fdatasync(True):.3f}")
        finally:
            stop.set()
            for w in writers:
                w.join()


checkpoint_fsyncs()
journal()
