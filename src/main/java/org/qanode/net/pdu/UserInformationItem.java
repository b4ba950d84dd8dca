package org.qanode.net.pdu;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Sub-items of the User Information Item (50H), PS3.8 Annex D and PS3.7 Annex D.3.3.
 * Anything we do not model is kept as {@link Raw} so that re-encoding is byte-exact.
 */
public sealed interface UserInformationItem {
    int itemType();

    /** Maximum Length Sub-Item (51H), PS3.8 D.1: the largest P-DATA-TF PDU length the sender will receive, 0 = no limit. */
    record MaximumLength(long maxPduLength) implements UserInformationItem {
        public MaximumLength {
            if (maxPduLength < 0 || maxPduLength > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("maximum length out of 32-bit unsigned range: " + maxPduLength);
            }
        }

        @Override
        public int itemType() {
            return ItemType.MAXIMUM_LENGTH;
        }
    }

    /** Implementation Class UID Sub-Item (52H), PS3.7 D.3.3.2. */
    record ImplementationClassUid(String uid) implements UserInformationItem {
        public ImplementationClassUid {
            Objects.requireNonNull(uid, "uid");
        }

        @Override
        public int itemType() {
            return ItemType.IMPLEMENTATION_CLASS_UID;
        }
    }

    /** Asynchronous Operations Window Sub-Item (53H), PS3.7 D.3.3.3; 0 means unlimited. */
    record AsyncOperationsWindow(int maxOperationsInvoked, int maxOperationsPerformed) implements UserInformationItem {
        @Override
        public int itemType() {
            return ItemType.ASYNCHRONOUS_OPERATIONS_WINDOW;
        }
    }

    /** SCP/SCU Role Selection Sub-Item (54H), PS3.7 D.3.3.4. */
    record RoleSelection(String sopClassUid, boolean scuRole, boolean scpRole) implements UserInformationItem {
        public RoleSelection {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
        }

        @Override
        public int itemType() {
            return ItemType.SCP_SCU_ROLE_SELECTION;
        }
    }

    /** Implementation Version Name Sub-Item (55H), PS3.7 D.3.3.2.3. */
    record ImplementationVersionName(String name) implements UserInformationItem {
        public ImplementationVersionName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int itemType() {
            return ItemType.IMPLEMENTATION_VERSION_NAME;
        }
    }

    /** SOP Class Extended Negotiation Sub-Item (56H), PS3.7 D.3.3.5; the application information is opaque here. */
    record SopClassExtendedNegotiation(String sopClassUid, byte[] serviceClassApplicationInformation) implements UserInformationItem {
        public SopClassExtendedNegotiation {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            serviceClassApplicationInformation = serviceClassApplicationInformation.clone();
        }

        @Override
        public byte[] serviceClassApplicationInformation() {
            return serviceClassApplicationInformation.clone();
        }

        @Override
        public int itemType() {
            return ItemType.SOP_CLASS_EXTENDED_NEGOTIATION;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SopClassExtendedNegotiation other && sopClassUid.equals(other.sopClassUid)
                    && Arrays.equals(serviceClassApplicationInformation, other.serviceClassApplicationInformation);
        }

        @Override
        public int hashCode() {
            return 31 * sopClassUid.hashCode() + Arrays.hashCode(serviceClassApplicationInformation);
        }

        @Override
        public String toString() {
            return "SopClassExtendedNegotiation[" + sopClassUid + ", " + serviceClassApplicationInformation.length + " bytes]";
        }
    }

    /** SOP Class Common Extended Negotiation Sub-Item (57H), PS3.7 D.3.3.6. */
    record SopClassCommonExtendedNegotiation(String sopClassUid, String serviceClassUid, List<String> relatedGeneralSopClassUids)
            implements UserInformationItem {
        public SopClassCommonExtendedNegotiation {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(serviceClassUid, "serviceClassUid");
            relatedGeneralSopClassUids = List.copyOf(relatedGeneralSopClassUids);
        }

        @Override
        public int itemType() {
            return ItemType.SOP_CLASS_COMMON_EXTENDED_NEGOTIATION;
        }
    }

    /**
     * User Identity Sub-Item (58H) of the RQ, PS3.7 D.3.3.7.1. Type 1 = username, 2 = username and
     * passcode, 3 = Kerberos, 4 = SAML, 5 = JWT; all kept as bytes, with text accessors for 1 and 2.
     * toString never shows the secondary field (a passcode).
     */
    record UserIdentityRq(int identityType, boolean positiveResponseRequested, byte[] primaryField, byte[] secondaryField)
            implements UserInformationItem {
        public static final int USERNAME = 1;
        public static final int USERNAME_AND_PASSCODE = 2;

        public UserIdentityRq {
            primaryField = primaryField.clone();
            secondaryField = secondaryField.clone();
        }

        public static UserIdentityRq username(String username, boolean positiveResponseRequested) {
            return new UserIdentityRq(USERNAME, positiveResponseRequested, utf8(username), new byte[0]);
        }

        public static UserIdentityRq usernameAndPasscode(String username, String passcode, boolean positiveResponseRequested) {
            return new UserIdentityRq(USERNAME_AND_PASSCODE, positiveResponseRequested, utf8(username), utf8(passcode));
        }

        private static byte[] utf8(String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** PS3.7 D.3.3.7.1: the username is a UTF-8 string for types 1 and 2. */
        public String username() {
            return new String(primaryField, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String passcode() {
            return new String(secondaryField, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public byte[] primaryField() {
            return primaryField.clone();
        }

        @Override
        public byte[] secondaryField() {
            return secondaryField.clone();
        }

        @Override
        public int itemType() {
            return ItemType.USER_IDENTITY_RQ;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UserIdentityRq other && identityType == other.identityType
                    && positiveResponseRequested == other.positiveResponseRequested
                    && Arrays.equals(primaryField, other.primaryField) && Arrays.equals(secondaryField, other.secondaryField);
        }

        @Override
        public int hashCode() {
            return Objects.hash(identityType, positiveResponseRequested, Arrays.hashCode(primaryField), Arrays.hashCode(secondaryField));
        }

        @Override
        public String toString() {
            return "UserIdentityRq[type=" + identityType + ", positiveResponseRequested=" + positiveResponseRequested + "]";
        }
    }

    /** User Identity Sub-Item (59H) of the AC, PS3.7 D.3.3.7.2. */
    record UserIdentityAc(byte[] serverResponse) implements UserInformationItem {
        public UserIdentityAc {
            serverResponse = serverResponse.clone();
        }

        @Override
        public byte[] serverResponse() {
            return serverResponse.clone();
        }

        @Override
        public int itemType() {
            return ItemType.USER_IDENTITY_AC;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UserIdentityAc other && Arrays.equals(serverResponse, other.serverResponse);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(serverResponse);
        }

        @Override
        public String toString() {
            return "UserIdentityAc[" + serverResponse.length + " bytes]";
        }
    }

    /** A sub-item we do not interpret, kept verbatim (type and value bytes). */
    record Raw(int itemType, byte[] value) implements UserInformationItem {
        public Raw {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw other && itemType == other.itemType && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return 31 * itemType + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Raw[type=" + Integer.toHexString(itemType) + ", " + value.length + " bytes]";
        }
    }
}
