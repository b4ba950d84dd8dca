"""Loopback + disk ceiling for bench/store-bench.sh: copies each FILE over one TCP connection on
127.0.0.1 (sendfile on the sending side, 1 MB reads on the receiving side) into OUT_DIR, fsyncing
each received file before the next is sent, as a storage SCP answering after fsync would.

usage: /usr/bin/python3 bench/sockcopy.py OUT_DIR FILE...   prints "<files> <bytes> <seconds>"
"""
import os
import socket
import sys
import threading
import time

out_dir, files = sys.argv[1], sys.argv[2:]
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(1)
port = server.getsockname()[1]


def receive():
    conn, _ = server.accept()
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for i, f in enumerate(files):
        size = os.path.getsize(f)
        with open(os.path.join(out_dir, "copy%03d" % i), "wb") as out:
            left = size
            while left:
                chunk = conn.recv(min(1 << 20, left))
                if not chunk:
                    raise EOFError("sender closed early")
                out.write(chunk)
                left -= len(chunk)
            out.flush()
            os.fsync(out.fileno())
        conn.sendall(b"k")  # the "response": sender waits for it, like a C-STORE-RSP
    conn.close()


t = threading.Thread(target=receive)
t.start()
start = time.monotonic()
client = socket.create_connection(("127.0.0.1", port))
client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
total = 0
for f in files:
    with open(f, "rb") as src:
        size = os.path.getsize(f)
        sent = 0
        while sent < size:
            sent += os.sendfile(client.fileno(), src.fileno(), sent, size - sent)
        total += size
    client.recv(1)
client.close()
t.join()
print(len(files), total, "%.3f" % (time.monotonic() - start))
