/**
 * PS3.8 section 9.3: the seven upper layer PDUs as immutable values ({@link org.qanode.net.pdu.AAssociateRq},
 * {@link org.qanode.net.pdu.PDataTf}, ...), {@link org.qanode.net.pdu.PduCodec} for bytes to objects and back,
 * and the Netty {@link org.qanode.net.pdu.PduDecoder} / {@link org.qanode.net.pdu.PduEncoder}. Errors are
 * {@link org.qanode.net.pdu.PduException}s carrying the A-ABORT reason of PS3.8 Table 9-26. Golden bytes and
 * the UID padding decision: test-data/pdu/README.md.
 */
package org.qanode.net.pdu;
