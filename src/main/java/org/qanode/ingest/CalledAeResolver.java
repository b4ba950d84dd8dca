package org.qanode.ingest;

import java.util.Map;
import java.util.function.Supplier;
import org.qanode.net.dimse.StoreContext;
import org.qanode.ingest.StateResolver;

/**
 * dicom.states: the called AE title picks the state (QA_PRE to pre); any other called AE
 * title, our own included, gets the current receiving state. AE titles compare without their
 * insignificant leading and trailing spaces (PS3.5 Table 6.2-1).
 */
public final class CalledAeResolver implements StateResolver {
    private final Map<String, String> states;
    private final Supplier<String> receivingState;

    public CalledAeResolver(Map<String, String> states, Supplier<String> receivingState) {
        this.states = Map.copyOf(states);
        this.receivingState = receivingState;
    }

    @Override
    public String stateFor(StoreContext context) {
        String called = context.calledAeTitle() == null ? "" : context.calledAeTitle().strip();
        String mapped = states.get(called);
        return mapped != null ? mapped : receivingState.get();
    }
}
