package org.qanode.store;

/**
 * What the store needs to know of an object before its data set arrives: its SOP class and
 * instance (from the C-STORE command), the transfer syntax its bytes are in, and who sent it.
 *
 * @param sender the calling AE title, recorded in the index and the file meta information
 * @param peer   how logs name the sender ({@code AET@host:port})
 */
public record Arrival(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, String sender,
        String peer) {
}
