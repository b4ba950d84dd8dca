package org.qanode.net.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes to PDU objects and back, PS3.8 section 9.3. Stateless; framing and limits are the job
 * of {@link PduDecoder}.
 *
 * <p>UIDs: PS3.8 9.3.2.2.1 allows a UID value of odd length to be padded with a trailing NUL.
 * Decoded UIDs are trimmed of NUL and space padding; encoded UIDs are never padded, which is what
 * dcmtk 3.6.7 sends (see test-data/pdu/README.md). A padded UID from a peer therefore re-encodes
 * one byte shorter; every other field re-encodes byte-exactly.
 */
public final class PduCodec {
    /** PS3.8 9.3.1: type (1), reserved (1), length (4). */
    public static final int HEADER_LENGTH = 6;
    private static final int AE_TITLE_LENGTH = 16;

    private PduCodec() {
    }

    // ------------------------------------------------------------------ decode

    /**
     * Decodes one whole PDU, header included. A P-DATA-TF's PDV payloads are retained slices of
     * {@code frame}; the caller still owns (and must release) {@code frame} itself.
     *
     * @throws PduException with the PS3.8 Table 9-26 reason when the bytes are not a valid PDU
     */
    public static Pdu decode(ByteBuf frame) {
        int start = frame.readerIndex();
        if (frame.readableBytes() < HEADER_LENGTH) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "PDU shorter than its 6-byte header");
        }
        int typeCode = frame.getUnsignedByte(start);
        PduType type = PduType.ofCode(typeCode);
        if (type == null) {
            throw new PduException(AbortReason.UNRECOGNIZED_PDU, String.format("unrecognized PDU type %02XH", typeCode));
        }
        long length = frame.getUnsignedInt(start + 2);
        if (length != frame.readableBytes() - HEADER_LENGTH) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    type + " length field " + length + " but " + (frame.readableBytes() - HEADER_LENGTH) + " bytes follow the header");
        }
        ByteBuf body = frame.slice(start + HEADER_LENGTH, (int) length);
        Pdu pdu;
        try {
            pdu = decodeBody(type, body);
        } catch (IllegalArgumentException e) {
            // A record constructor refused a decoded value (e.g. presentation context id 0).
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, type + ": " + e.getMessage());
        }
        frame.skipBytes(frame.readableBytes());
        return pdu;
    }

    private static Pdu decodeBody(PduType type, ByteBuf body) {
        return switch (type) {
            case A_ASSOCIATE_RQ -> decodeAssociateRq(body);
            case A_ASSOCIATE_AC -> decodeAssociateAc(body);
            case A_ASSOCIATE_RJ -> decodeAssociateRj(body);
            case P_DATA_TF -> decodePDataTf(body);
            case A_RELEASE_RQ -> {
                requireFixedLength(type, body);
                yield AReleaseRq.INSTANCE;
            }
            case A_RELEASE_RP -> {
                requireFixedLength(type, body);
                yield AReleaseRp.INSTANCE;
            }
            case A_ABORT -> {
                requireFixedLength(type, body);
                yield new AAbort(AbortSource.ofCode(body.getUnsignedByte(2)), AbortReason.ofCode(body.getUnsignedByte(3)));
            }
        };
    }

    private static void requireFixedLength(PduType type, ByteBuf body) {
        if (body.readableBytes() != 4) {
            // PS3.8 9.3.4, 9.3.6-9.3.8: these PDUs have a 4-byte variable field.
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, type + " must have length 4, not " + body.readableBytes());
        }
    }

    private static AAssociateRj decodeAssociateRj(ByteBuf body) {
        requireFixedLength(PduType.A_ASSOCIATE_RJ, body);
        return new AAssociateRj(AAssociateRj.Result.ofCode(body.getUnsignedByte(1)),
                AAssociateRj.Reason.of(body.getUnsignedByte(2), body.getUnsignedByte(3)));
    }

    /** Fixed part shared by RQ and AC, PS3.8 Tables 9-11 and 9-17: 68 bytes before the items. */
    private record AssociateFixed(int protocolVersion, String called, String calling) {
    }

    private static AssociateFixed decodeAssociateFixed(PduType type, ByteBuf body) {
        if (body.readableBytes() < 68) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, type + " shorter than its 68-byte fixed part");
        }
        int version = body.readUnsignedShort();
        body.skipBytes(2);
        String called = readAeTitle(body);
        String calling = readAeTitle(body);
        body.skipBytes(32);
        return new AssociateFixed(version, called, calling);
    }

    private static AAssociateRq decodeAssociateRq(ByteBuf body) {
        AssociateFixed fixed = decodeAssociateFixed(PduType.A_ASSOCIATE_RQ, body);
        String appContext = null;
        List<PresentationContextRq> contexts = new ArrayList<>();
        UserInformation userInfo = null;
        List<RawItem> others = new ArrayList<>();
        while (body.isReadable()) {
            int itemType = body.getUnsignedByte(body.readerIndex());
            ByteBuf value = readItem(body, "A-ASSOCIATE-RQ");
            switch (itemType) {
                case ItemType.APPLICATION_CONTEXT -> appContext = readUid(value);
                case ItemType.PRESENTATION_CONTEXT_RQ -> contexts.add(decodePresentationContextRq(value));
                case ItemType.USER_INFORMATION -> userInfo = decodeUserInformation(value);
                case ItemType.PRESENTATION_CONTEXT_AC -> throw new PduException(AbortReason.UNEXPECTED_PDU_PARAMETER, "presentation context AC item (21H) in an A-ASSOCIATE-RQ");
                default -> others.add(new RawItem(itemType, bytes(value)));
            }
        }
        requireApplicationContext(appContext, "A-ASSOCIATE-RQ");
        return new AAssociateRq(fixed.protocolVersion, fixed.called, fixed.calling, appContext, contexts,
                userInfo == null ? new UserInformation(List.of()) : userInfo, others);
    }

    private static AAssociateAc decodeAssociateAc(ByteBuf body) {
        AssociateFixed fixed = decodeAssociateFixed(PduType.A_ASSOCIATE_AC, body);
        String appContext = null;
        List<PresentationContextAc> contexts = new ArrayList<>();
        UserInformation userInfo = null;
        List<RawItem> others = new ArrayList<>();
        while (body.isReadable()) {
            int itemType = body.getUnsignedByte(body.readerIndex());
            ByteBuf value = readItem(body, "A-ASSOCIATE-AC");
            switch (itemType) {
                case ItemType.APPLICATION_CONTEXT -> appContext = readUid(value);
                case ItemType.PRESENTATION_CONTEXT_AC -> contexts.add(decodePresentationContextAc(value));
                case ItemType.USER_INFORMATION -> userInfo = decodeUserInformation(value);
                case ItemType.PRESENTATION_CONTEXT_RQ -> throw new PduException(AbortReason.UNEXPECTED_PDU_PARAMETER, "presentation context RQ item (20H) in an A-ASSOCIATE-AC");
                default -> others.add(new RawItem(itemType, bytes(value)));
            }
        }
        requireApplicationContext(appContext, "A-ASSOCIATE-AC");
        return new AAssociateAc(fixed.protocolVersion, fixed.called, fixed.calling, appContext, contexts,
                userInfo == null ? new UserInformation(List.of()) : userInfo, others);
    }

    private static void requireApplicationContext(String appContext, String pdu) {
        if (appContext == null) {
            // PS3.8 9.3.2: exactly one Application Context Item is mandatory.
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, pdu + " without an application context item (10H)");
        }
    }

    private static PresentationContextRq decodePresentationContextRq(ByteBuf value) {
        if (value.readableBytes() < 4) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "presentation context item (20H) shorter than 4 bytes");
        }
        int id = value.readUnsignedByte();
        int reserved = value.readUnsignedMedium();
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (value.isReadable()) {
            int subType = value.getUnsignedByte(value.readerIndex());
            ByteBuf sub = readItem(value, "presentation context " + id);
            switch (subType) {
                case ItemType.ABSTRACT_SYNTAX -> abstractSyntax = readUid(sub);
                case ItemType.TRANSFER_SYNTAX -> transferSyntaxes.add(readUid(sub));
                default -> throw new PduException(AbortReason.UNRECOGNIZED_PDU_PARAMETER,
                        String.format("sub-item %02XH in presentation context %d", subType, id));
            }
        }
        if (abstractSyntax == null || transferSyntaxes.isEmpty()) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    "presentation context " + id + " needs one abstract syntax and at least one transfer syntax");
        }
        try {
            return new PresentationContextRq(id, abstractSyntax, transferSyntaxes, reserved);
        } catch (IllegalArgumentException e) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, e.getMessage());
        }
    }

    private static PresentationContextAc decodePresentationContextAc(ByteBuf value) {
        if (value.readableBytes() < 4) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "presentation context item (21H) shorter than 4 bytes");
        }
        int id = value.readUnsignedByte();
        value.skipBytes(1);
        PresentationContextAc.Result result = PresentationContextAc.Result.ofCode(value.readUnsignedByte());
        value.skipBytes(1);
        String transferSyntax = null;
        while (value.isReadable()) {
            int subType = value.getUnsignedByte(value.readerIndex());
            ByteBuf sub = readItem(value, "presentation context " + id);
            if (subType != ItemType.TRANSFER_SYNTAX) {
                throw new PduException(AbortReason.UNRECOGNIZED_PDU_PARAMETER,
                        String.format("sub-item %02XH in accepted presentation context %d", subType, id));
            }
            transferSyntax = readUid(sub);
        }
        if (id == 0) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "presentation context id 0");
        }
        // PS3.8 9.3.3.2: the transfer syntax sub-item is not significant when the context was rejected.
        return new PresentationContextAc(id, result, transferSyntax == null ? "" : transferSyntax);
    }

    private static UserInformation decodeUserInformation(ByteBuf value) {
        List<UserInformationItem> items = new ArrayList<>();
        while (value.isReadable()) {
            int subType = value.getUnsignedByte(value.readerIndex());
            ByteBuf sub = readItem(value, "user information");
            items.add(decodeUserInformationItem(subType, sub));
        }
        return new UserInformation(items);
    }

    private static UserInformationItem decodeUserInformationItem(int subType, ByteBuf sub) {
        UserInformationItem item = switch (subType) {
                case ItemType.MAXIMUM_LENGTH -> new UserInformationItem.MaximumLength(need(sub, 4, "maximum length").readUnsignedInt());
                case ItemType.IMPLEMENTATION_CLASS_UID -> new UserInformationItem.ImplementationClassUid(readUid(sub));
                case ItemType.ASYNCHRONOUS_OPERATIONS_WINDOW -> {
                    need(sub, 4, "asynchronous operations window");
                    yield new UserInformationItem.AsyncOperationsWindow(sub.readUnsignedShort(), sub.readUnsignedShort());
                }
                case ItemType.SCP_SCU_ROLE_SELECTION -> {
                    String uid = readUid(readShortPrefixed(sub, "role selection SOP class UID"));
                    need(sub, 2, "role selection roles");
                    yield new UserInformationItem.RoleSelection(uid, sub.readUnsignedByte() == 1, sub.readUnsignedByte() == 1);
                }
                case ItemType.IMPLEMENTATION_VERSION_NAME -> new UserInformationItem.ImplementationVersionName(readAscii(sub).strip());
                case ItemType.SOP_CLASS_EXTENDED_NEGOTIATION -> {
                    String uid = readUid(readShortPrefixed(sub, "extended negotiation SOP class UID"));
                    yield new UserInformationItem.SopClassExtendedNegotiation(uid, bytes(sub));
                }
                case ItemType.SOP_CLASS_COMMON_EXTENDED_NEGOTIATION -> {
                    String sop = readUid(readShortPrefixed(sub, "common extended negotiation SOP class UID"));
                    String service = readUid(readShortPrefixed(sub, "common extended negotiation service class UID"));
                    ByteBuf related = readShortPrefixed(sub, "related general SOP class identification");
                    List<String> relatedUids = new ArrayList<>();
                    while (related.isReadable()) {
                        relatedUids.add(readUid(readShortPrefixed(related, "related general SOP class UID")));
                    }
                    yield new UserInformationItem.SopClassCommonExtendedNegotiation(sop, service, relatedUids);
                }
                case ItemType.USER_IDENTITY_RQ -> {
                    need(sub, 2, "user identity");
                    int identityType = sub.readUnsignedByte();
                    boolean positive = sub.readUnsignedByte() == 1;
                    byte[] primary = bytes(readShortPrefixed(sub, "user identity primary field"));
                    byte[] secondary = bytes(readShortPrefixed(sub, "user identity secondary field"));
                    yield new UserInformationItem.UserIdentityRq(identityType, positive, primary, secondary);
                }
                case ItemType.USER_IDENTITY_AC -> new UserInformationItem.UserIdentityAc(bytes(readShortPrefixed(sub, "user identity server response")));
                default -> new UserInformationItem.Raw(subType, bytes(sub));
            };
        if (sub.isReadable()) {
            // A sub-item longer than its own fields say: the lengths lie.
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    String.format("user information sub-item %02XH has %d bytes beyond its fields", subType, sub.readableBytes()));
        }
        return item;
    }

    private static PDataTf decodePDataTf(ByteBuf body) {
        List<PresentationDataValue> values = new ArrayList<>();
        try {
            while (body.isReadable()) {
                if (body.readableBytes() < 4) {
                    throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "truncated PDV item length");
                }
                long itemLength = body.readUnsignedInt();
                if (itemLength < 2 || itemLength > body.readableBytes()) {
                    throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE,
                            "PDV item length " + itemLength + " with " + body.readableBytes() + " bytes left in the P-DATA-TF");
                }
                int contextId = body.readUnsignedByte();
                int header = body.readUnsignedByte();
                if (contextId == 0 || (contextId & 1) == 0) {
                    throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "PDV on presentation context id " + contextId);
                }
                ByteBuf payload = body.readRetainedSlice((int) itemLength - 2);
                values.add(new PresentationDataValue(contextId, (header & 0x01) != 0, (header & 0x02) != 0, payload));
            }
            if (values.isEmpty()) {
                throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without PDV items");
            }
        } catch (RuntimeException e) {
            values.forEach(v -> v.data().release());
            throw e;
        }
        return new PDataTf(values);
    }

    /** Reads a PS3.8 item (type, reserved, 2-byte length, value) and returns the value as a slice. */
    private static ByteBuf readItem(ByteBuf buf, String where) {
        if (buf.readableBytes() < 4) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, "truncated item header in " + where);
        }
        int type = buf.readUnsignedByte();
        buf.skipBytes(1);
        int length = buf.readUnsignedShort();
        if (length > buf.readableBytes()) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE,
                    String.format("item %02XH in %s claims %d bytes, %d left", type, where, length, buf.readableBytes()));
        }
        return buf.readSlice(length);
    }

    private static ByteBuf readShortPrefixed(ByteBuf buf, String field) {
        need(buf, 2, field);
        int length = buf.readUnsignedShort();
        need(buf, length, field);
        return buf.readSlice(length);
    }

    private static ByteBuf need(ByteBuf buf, int n, String field) {
        if (buf.readableBytes() < n) {
            throw new PduException(AbortReason.INVALID_PDU_PARAMETER_VALUE, field + " needs " + n + " bytes, " + buf.readableBytes() + " left");
        }
        return buf;
    }

    private static String readAeTitle(ByteBuf buf) {
        return buf.readCharSequence(AE_TITLE_LENGTH, StandardCharsets.US_ASCII).toString().strip();
    }

    private static String readAscii(ByteBuf buf) {
        return buf.readCharSequence(buf.readableBytes(), StandardCharsets.US_ASCII).toString();
    }

    /** PS3.8 9.3.2.2.1 / PS3.5 9.1: a UID may carry one trailing NUL pad; we hold it trimmed. */
    private static String readUid(ByteBuf buf) {
        String s = readAscii(buf);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\0' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        return b;
    }

    // ------------------------------------------------------------------ encode

    /**
     * Encodes a PDU. For a P-DATA-TF the result is a composite holding retained slices of the PDV
     * payloads (no copy); the PDataTf itself is not released.
     */
    public static ByteBuf encode(Pdu pdu, ByteBufAllocator alloc) {
        if (pdu instanceof PDataTf p) {
            return encodePDataTf(p, alloc);
        }
        ByteBuf out = alloc.buffer();
        try {
            out.writeByte(pdu.type().code());
            out.writeByte(0);
            int lengthIndex = out.writerIndex();
            out.writeInt(0);
            if (pdu instanceof AAssociateRq rq) {
                encodeAssociateRq(rq, out);
            } else if (pdu instanceof AAssociateAc ac) {
                encodeAssociateAc(ac, out);
            } else if (pdu instanceof AAssociateRj rj) {
                out.writeByte(0).writeByte(rj.result().code()).writeByte(rj.source().code()).writeByte(rj.reason().code());
            } else if (pdu instanceof AAbort a) {
                out.writeShort(0).writeByte(a.source().code()).writeByte(a.reason().code());
            } else {
                // A-RELEASE-RQ and -RP: four reserved bytes.
                out.writeInt(0);
            }
            out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static ByteBuf encodePDataTf(PDataTf p, ByteBufAllocator alloc) {
        long length = p.pduLength();
        if (length > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("P-DATA-TF too long: " + length);
        }
        CompositeByteBuf out = alloc.compositeBuffer(1 + 2 * p.values().size());
        try {
            ByteBuf header = alloc.buffer(HEADER_LENGTH + 6);
            header.writeByte(PduType.P_DATA_TF.code()).writeByte(0).writeInt((int) length);
            for (PresentationDataValue v : p.values()) {
                if (header == null) {
                    header = alloc.buffer(6);
                }
                header.writeInt(v.data().readableBytes() + 2).writeByte(v.contextId()).writeByte(v.messageControlHeader());
                out.addComponent(true, header);
                header = null;
                out.addComponent(true, v.data().retainedSlice());
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static void writeAssociateFixed(int version, String called, String calling, ByteBuf out) {
        out.writeShort(version);
        out.writeShort(0);
        writeAeTitle(called, out);
        writeAeTitle(calling, out);
        out.writeZero(32);
    }

    private static void encodeAssociateRq(AAssociateRq rq, ByteBuf out) {
        writeAssociateFixed(rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle(), out);
        writeUidItem(ItemType.APPLICATION_CONTEXT, rq.applicationContextName(), out);
        for (PresentationContextRq pc : rq.presentationContexts()) {
            int at = beginItem(ItemType.PRESENTATION_CONTEXT_RQ, out);
            out.writeByte(pc.id()).writeMedium(pc.reserved());
            writeUidItem(ItemType.ABSTRACT_SYNTAX, pc.abstractSyntax(), out);
            for (String ts : pc.transferSyntaxes()) {
                writeUidItem(ItemType.TRANSFER_SYNTAX, ts, out);
            }
            endItem(at, out);
        }
        encodeUserInformation(rq.userInformation(), out);
        writeRawItems(rq.otherItems(), out);
    }

    private static void encodeAssociateAc(AAssociateAc ac, ByteBuf out) {
        writeAssociateFixed(ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle(), out);
        writeUidItem(ItemType.APPLICATION_CONTEXT, ac.applicationContextName(), out);
        for (PresentationContextAc pc : ac.presentationContexts()) {
            int at = beginItem(ItemType.PRESENTATION_CONTEXT_AC, out);
            out.writeByte(pc.id()).writeByte(0).writeByte(pc.result().code()).writeByte(0);
            writeUidItem(ItemType.TRANSFER_SYNTAX, pc.transferSyntax(), out);
            endItem(at, out);
        }
        encodeUserInformation(ac.userInformation(), out);
        writeRawItems(ac.otherItems(), out);
    }

    private static void writeRawItems(List<RawItem> items, ByteBuf out) {
        for (RawItem item : items) {
            int at = beginItem(item.itemType(), out);
            out.writeBytes(item.value());
            endItem(at, out);
        }
    }

    private static void encodeUserInformation(UserInformation ui, ByteBuf out) {
        if (ui.items().isEmpty()) {
            return;
        }
        int at = beginItem(ItemType.USER_INFORMATION, out);
        for (UserInformationItem item : ui.items()) {
            int sub = beginItem(item.itemType(), out);
            encodeUserInformationItem(item, out);
            endItem(sub, out);
        }
        endItem(at, out);
    }

    private static void encodeUserInformationItem(UserInformationItem item, ByteBuf out) {
        if (item instanceof UserInformationItem.MaximumLength m) {
            out.writeInt((int) m.maxPduLength());
        } else if (item instanceof UserInformationItem.ImplementationClassUid u) {
            writeAscii(u.uid(), out);
        } else if (item instanceof UserInformationItem.AsyncOperationsWindow w) {
            out.writeShort(w.maxOperationsInvoked()).writeShort(w.maxOperationsPerformed());
        } else if (item instanceof UserInformationItem.RoleSelection r) {
            writeShortPrefixed(r.sopClassUid().getBytes(StandardCharsets.US_ASCII), out);
            out.writeByte(r.scuRole() ? 1 : 0).writeByte(r.scpRole() ? 1 : 0);
        } else if (item instanceof UserInformationItem.ImplementationVersionName n) {
            writeAscii(n.name(), out);
        } else if (item instanceof UserInformationItem.SopClassExtendedNegotiation e) {
            writeShortPrefixed(e.sopClassUid().getBytes(StandardCharsets.US_ASCII), out);
            out.writeBytes(e.serviceClassApplicationInformation());
        } else if (item instanceof UserInformationItem.SopClassCommonExtendedNegotiation c) {
            writeShortPrefixed(c.sopClassUid().getBytes(StandardCharsets.US_ASCII), out);
            writeShortPrefixed(c.serviceClassUid().getBytes(StandardCharsets.US_ASCII), out);
            int lengthAt = out.writerIndex();
            out.writeShort(0);
            for (String related : c.relatedGeneralSopClassUids()) {
                writeShortPrefixed(related.getBytes(StandardCharsets.US_ASCII), out);
            }
            out.setShort(lengthAt, checkShort(out.writerIndex() - lengthAt - 2));
        } else if (item instanceof UserInformationItem.UserIdentityRq id) {
            out.writeByte(id.identityType()).writeByte(id.positiveResponseRequested() ? 1 : 0);
            writeShortPrefixed(id.primaryField(), out);
            writeShortPrefixed(id.secondaryField(), out);
        } else if (item instanceof UserInformationItem.UserIdentityAc id) {
            writeShortPrefixed(id.serverResponse(), out);
        } else if (item instanceof UserInformationItem.Raw raw) {
            out.writeBytes(raw.value());
        }
    }

    private static int beginItem(int type, ByteBuf out) {
        out.writeByte(type).writeByte(0);
        int at = out.writerIndex();
        out.writeShort(0);
        return at;
    }

    private static void endItem(int lengthAt, ByteBuf out) {
        out.setShort(lengthAt, checkShort(out.writerIndex() - lengthAt - 2));
    }

    private static int checkShort(int n) {
        if (n > 0xFFFF) {
            throw new IllegalArgumentException("item longer than a 16-bit length allows: " + n);
        }
        return n;
    }

    private static void writeUidItem(int type, String uid, ByteBuf out) {
        int at = beginItem(type, out);
        writeAscii(uid, out);
        endItem(at, out);
    }

    private static void writeShortPrefixed(byte[] value, ByteBuf out) {
        out.writeShort(checkShort(value.length));
        out.writeBytes(value);
    }

    private static void writeAscii(String s, ByteBuf out) {
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
    }

    private static void writeAeTitle(String aeTitle, ByteBuf out) {
        if (aeTitle.length() > AE_TITLE_LENGTH) {
            throw new IllegalArgumentException("AE title longer than 16 characters: " + aeTitle);
        }
        writeAscii(aeTitle, out);
        // PS3.8 9.3.2: AE title fields are 16 bytes, padded with spaces.
        out.writeBytes(" ".repeat(AE_TITLE_LENGTH - aeTitle.length()).getBytes(StandardCharsets.US_ASCII));
    }
}
