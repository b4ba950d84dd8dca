package org.qanode.net.assoc;

/**
 * The PS3.8 section 9.2 state machine as data: the current state plus {@link StateTable}. It
 * performs one event at a time and never recurses; an action that causes a further event (e.g.
 * the local user answering an A-ASSOCIATE indication) must queue it with its caller, which fires
 * it after this event is done. Not thread-safe: used only on the association's event loop.
 */
public final class StateMachine {
    /** Carries out an action. Returns the next state for AE-6 (STA3 or STA13); ignored otherwise. */
    @FunctionalInterface
    public interface Performer {
        State perform(Action action, Event event);
    }

    private final boolean requestor;
    private State state = State.STA1;

    public StateMachine(boolean requestor) {
        this.requestor = requestor;
    }

    public State state() {
        return state;
    }

    public boolean requestor() {
        return requestor;
    }

    /** Looks up the cell for (state, event), performs its action and moves to the next state. */
    public Action fire(Event event, Performer performer) {
        Action action = StateTable.action(state, event);
        State decided = performer.perform(action, event);
        state = switch (action) {
            case AE_6 -> {
                if (decided != State.STA3 && decided != State.STA13) {
                    throw new IllegalStateException("AE-6 must lead to Sta3 or Sta13, performer said " + decided);
                }
                yield decided;
            }
            case AR_8 -> requestor ? State.STA9 : State.STA10;
            default -> action.next();
        };
        return action;
    }
}
