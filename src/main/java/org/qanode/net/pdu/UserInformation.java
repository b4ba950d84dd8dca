package org.qanode.net.pdu;

import java.util.List;
import java.util.Optional;

/**
 * User Information Item (50H), PS3.8 section 9.3.2.3 / 9.3.3.3: an ordered list of sub-items,
 * kept in wire order so that re-encoding is byte-exact. Accessors find the typed sub-items.
 */
public record UserInformation(List<UserInformationItem> items) {
    public UserInformation {
        items = List.copyOf(items);
    }

    public static UserInformation of(UserInformationItem... items) {
        return new UserInformation(List.of(items));
    }

    public <T extends UserInformationItem> Optional<T> first(Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public <T extends UserInformationItem> List<T> all(Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** PS3.8 D.1: absent or 0 means the peer accepts P-DATA-TF PDUs of any length. */
    public long maxPduLength() {
        return first(UserInformationItem.MaximumLength.class).map(UserInformationItem.MaximumLength::maxPduLength).orElse(0L);
    }

    public Optional<String> implementationClassUid() {
        return first(UserInformationItem.ImplementationClassUid.class).map(UserInformationItem.ImplementationClassUid::uid);
    }

    public Optional<String> implementationVersionName() {
        return first(UserInformationItem.ImplementationVersionName.class).map(UserInformationItem.ImplementationVersionName::name);
    }
}
