package org.qanode.ingest;

import org.qanode.net.dimse.StoreContext;

/**
 * Chooses the state an incoming object is filed under. The application maps the called AE
 * title to a state (dicom.states in the configuration, else dicom.receivingState); the store
 * only checks that the answer is a valid state name.
 */
@FunctionalInterface
public interface StateResolver {

    /** The state name for this object; null refuses the object. */
    String stateFor(StoreContext context);
}
