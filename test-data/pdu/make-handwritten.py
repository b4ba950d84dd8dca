#!/usr/bin/env python3
"""Writes the hand-made fixtures (handwritten-*.hex) byte by byte from PS3.8 Tables 9-11..9-26
and PS3.7 Annex D.3.3, independently of the Java encoder. Run from this directory."""
import struct

def item(t, v): return struct.pack('>BBH', t, 0, len(v)) + v
def pdu(t, v): return struct.pack('>BBI', t, 0, len(v)) + v
def ae(s): return s.encode().ljust(16, b' ')
def u16(b): return struct.pack('>H', len(b)) + b
def write(name, b):
    with open(name, 'w') as f:
        for i in range(0, len(b), 16):
            f.write(' '.join('%02x' % x for x in b[i:i+16]) + '\n')

APP = item(0x10, b'1.2.840.10008.3.1.1.1')
fixed = lambda called, calling: struct.pack('>HH', 1, 0) + ae(called) + ae(calling) + bytes(32)
# Table 9-11 (A-ASSOCIATE-RQ) with every user information sub-item of PS3.7 D.3.3 and PS3.8 D.1.
pc1 = item(0x20, bytes([1, 0, 0, 0]) + item(0x30, b'1.2.840.10008.5.1.4.1.1.481.5')
           + item(0x40, b'1.2.840.10008.1.2.1') + item(0x40, b'1.2.840.10008.1.2'))
pc3 = item(0x20, bytes([3, 0, 0, 0]) + item(0x30, b'1.2.840.10008.1.1') + item(0x40, b'1.2.840.10008.1.2'))
ui = (item(0x51, struct.pack('>I', 32768))
      + item(0x52, b'1.2.3.4.5')
      + item(0x53, struct.pack('>HH', 5, 3))
      + item(0x54, u16(b'1.2.840.10008.5.1.4.1.1.481.5') + bytes([1, 0]))
      + item(0x55, b'HANDMADE_1')
      + item(0x56, u16(b'1.2.840.10008.5.1.4.1.2.2.1') + bytes([1, 0, 1]))
      + item(0x57, u16(b'1.2.840.10008.5.1.4.1.1.481.5') + u16(b'1.2.840.10008.4.2')
             + u16(u16(b'1.2.840.10008.5.1.4.1.1.481.8') + u16(b'1.2.840.10008.5.1.4.1.1.481.9')))
      + item(0x58, bytes([2, 1]) + u16(b'alice') + u16(b'pa55'))
      + item(0x5f, b'\x01\x02\x03'))
write('handwritten-a-associate-rq-table-9-11-all-sub-items.hex',
      pdu(1, fixed('QANODE', 'ARIA') + APP + pc1 + pc3 + item(0x50, ui) + item(0x70, b'unknown item')))
# Table 9-17 (A-ASSOCIATE-AC) with results 0 and 3 and the AC sub-items.
ac_ui = (item(0x51, struct.pack('>I', 16384)) + item(0x52, b'1.2.3.4.5') + item(0x53, struct.pack('>HH', 1, 1))
         + item(0x54, u16(b'1.2.840.10008.5.1.4.1.1.481.5') + bytes([1, 0])) + item(0x55, b'HANDMADE_1')
         + item(0x56, u16(b'1.2.840.10008.5.1.4.1.2.2.1') + bytes([1])) + item(0x59, u16(b'')))
write('handwritten-a-associate-ac-table-9-17.hex',
      pdu(2, fixed('QANODE', 'ARIA') + APP
          + item(0x21, bytes([1, 0, 0, 0]) + item(0x40, b'1.2.840.10008.1.2.1'))
          + item(0x21, bytes([3, 0, 3, 0]) + item(0x40, b'1.2.840.10008.1.2'))
          + item(0x50, ac_ui)))
# Table 9-21: rejected-transient, service-provider (presentation), local-limit-exceeded.
write('handwritten-a-associate-rj-table-9-21-local-limit.hex', pdu(3, bytes([0, 2, 3, 2])))
# Table 9-22 and Annex E.2: two PDVs, a last command fragment and a non-last data fragment.
write('handwritten-p-data-tf-table-9-22-two-pdvs.hex',
      pdu(4, struct.pack('>I', 6) + bytes([1, 0x03]) + b'\x00\x00\x02\x00'
          + struct.pack('>I', 5) + bytes([1, 0x00]) + b'abc'))
# Table 9-26: A-P-ABORT, service-provider source, invalid PDU parameter value.
write('handwritten-a-abort-table-9-26-provider-reason-6.hex', pdu(7, bytes([0, 0, 2, 6])))
