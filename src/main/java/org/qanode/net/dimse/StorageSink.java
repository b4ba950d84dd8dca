package org.qanode.net.dimse;

/** Where the C-STORE SCP puts received objects: the plain file SCP, or the state store. */
public interface StorageSink {

    /**
     * Opens the target for one object when its C-STORE-RQ command has arrived.
     *
     * @throws DimseException to refuse the object with that status without reading its data
     */
    StorageTarget begin(StoreContext context) throws DimseException;
}
