# Throwaway TCP relay: forwards client<->server and dumps each PDU (framed by 6-byte header) to files.
import socket, sys, threading, struct
lport, rport, prefix = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); ls.bind(('127.0.0.1', lport)); ls.listen(1)
c, _ = ls.accept(); s = socket.create_connection(('127.0.0.1', rport))
for x in (c, s): x.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
def pump(a, b, tag):
    buf = b''; n = 0
    while True:
        d = a.recv(65536)
        if not d: break
        b.sendall(d); buf += d
        while len(buf) >= 6:
            ln = struct.unpack('>I', buf[2:6])[0]
            if len(buf) < 6 + ln: break
            pdu, buf = buf[:6+ln], buf[6+ln:]
            n += 1
            open(f'{prefix}-{tag}-{n:02d}-type{pdu[0]:02x}.bin', 'wb').write(pdu)
    try: b.shutdown(socket.SHUT_WR)
    except OSError: pass
t1 = threading.Thread(target=pump, args=(c, s, 'rq')); t2 = threading.Thread(target=pump, args=(s, c, 'ac'))
t1.start(); t2.start(); t1.join(); t2.join()
