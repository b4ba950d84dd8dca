package org.qanode.net.assoc;

import java.util.EnumMap;
import java.util.Map;

import static org.qanode.net.assoc.Action.*;
import static org.qanode.net.assoc.Event.*;
import static org.qanode.net.assoc.State.*;

/**
 * PS3.8 Table 9-10, the state transition table, transcribed cell by cell. A blank cell of the
 * table (an event that cannot legitimately occur in that state) maps to AA-8: the service
 * provider aborts, as PS3.8 9.2 prescribes for unexpected events.
 */
public final class StateTable {
    private static final Map<State, Map<Event, Action>> TABLE = new EnumMap<>(State.class);

    static {
        for (State s : State.values()) {
            TABLE.put(s, new EnumMap<>(Event.class));
        }
        cell(EVT1, STA1, AE_1);
        cell(EVT2, STA4, AE_2);

        cell(EVT3, STA2, AA_1);
        cell(EVT3, STA5, AE_3);
        cell(EVT3, STA13, AA_6);
        cells(EVT3, AA_8, STA3, STA6, STA7, STA8, STA9, STA10, STA11, STA12);

        cell(EVT4, STA2, AA_1);
        cell(EVT4, STA5, AE_4);
        cell(EVT4, STA13, AA_6);
        cells(EVT4, AA_8, STA3, STA6, STA7, STA8, STA9, STA10, STA11, STA12);

        cell(EVT5, STA1, AE_5);

        cell(EVT6, STA2, AE_6);
        cell(EVT6, STA13, AA_7);
        cells(EVT6, AA_8, STA3, STA5, STA6, STA7, STA8, STA9, STA10, STA11, STA12);

        cell(EVT7, STA3, AE_7);
        cell(EVT8, STA3, AE_8);

        cell(EVT9, STA6, DT_1);
        cell(EVT9, STA8, AR_7);

        cell(EVT10, STA2, AA_1);
        cell(EVT10, STA6, DT_2);
        cell(EVT10, STA7, AR_6);
        cell(EVT10, STA13, AA_6);
        cells(EVT10, AA_8, STA3, STA5, STA8, STA9, STA10, STA11, STA12);

        cell(EVT11, STA6, AR_1);

        cell(EVT12, STA2, AA_1);
        cell(EVT12, STA6, AR_2);
        cell(EVT12, STA7, AR_8);
        cell(EVT12, STA13, AA_6);
        cells(EVT12, AA_8, STA3, STA5, STA8, STA9, STA10, STA11, STA12);

        cell(EVT13, STA2, AA_1);
        cell(EVT13, STA7, AR_3);
        cell(EVT13, STA10, AR_10);
        cell(EVT13, STA11, AR_3);
        cell(EVT13, STA13, AA_6);
        cells(EVT13, AA_8, STA3, STA5, STA6, STA8, STA9, STA12);

        cell(EVT14, STA8, AR_4);
        cell(EVT14, STA9, AR_9);
        cell(EVT14, STA12, AR_4);

        cell(EVT15, STA4, AA_2);
        cells(EVT15, AA_1, STA3, STA5, STA6, STA7, STA8, STA9, STA10, STA11, STA12);

        cell(EVT16, STA2, AA_2);
        cell(EVT16, STA13, AA_2);
        cells(EVT16, AA_3, STA3, STA5, STA6, STA7, STA8, STA9, STA10, STA11, STA12);

        cell(EVT17, STA2, AA_5);
        cell(EVT17, STA13, AR_5);
        cells(EVT17, AA_4, STA3, STA4, STA5, STA6, STA7, STA8, STA9, STA10, STA11, STA12);

        cell(EVT18, STA2, AA_2);
        cell(EVT18, STA13, AA_2);

        cell(EVT19, STA2, AA_1);
        cell(EVT19, STA13, AA_7);
        cells(EVT19, AA_8, STA3, STA5, STA6, STA7, STA8, STA9, STA10, STA11, STA12);
    }

    private StateTable() {
    }

    private static void cell(Event e, State s, Action a) {
        if (TABLE.get(s).put(e, a) != null) {
            throw new IllegalStateException("duplicate cell " + s + "/" + e);
        }
    }

    private static void cells(Event e, Action a, State... states) {
        for (State s : states) {
            cell(e, s, a);
        }
    }

    /** True if PS3.8 Table 9-10 has an entry for this cell (false for a blank cell). */
    public static boolean defined(State state, Event event) {
        return TABLE.get(state).containsKey(event);
    }

    /** The action of a cell; AA-8 for a blank cell. */
    public static Action action(State state, Event event) {
        return TABLE.get(state).getOrDefault(event, AA_8);
    }
}
