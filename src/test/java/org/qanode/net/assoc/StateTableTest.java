package org.qanode.net.assoc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PS3.8 Table 9-10, cell by cell, and whole paths through it. */
class StateTableTest {

    @ParameterizedTest(name = "{0} {1} -> {2} -> {3}")
    @CsvSource({
            "STA1, EVT1, AE_1, STA4",
            "STA4, EVT2, AE_2, STA5",
            "STA5, EVT3, AE_3, STA6",
            "STA5, EVT4, AE_4, STA1",
            "STA1, EVT5, AE_5, STA2",
            "STA3, EVT7, AE_7, STA6",
            "STA3, EVT8, AE_8, STA13",
            "STA6, EVT9, DT_1, STA6",
            "STA8, EVT9, AR_7, STA8",
            "STA6, EVT10, DT_2, STA6",
            "STA7, EVT10, AR_6, STA7",
            "STA6, EVT11, AR_1, STA7",
            "STA6, EVT12, AR_2, STA8",
            "STA7, EVT13, AR_3, STA1",
            "STA10, EVT13, AR_10, STA12",
            "STA11, EVT13, AR_3, STA1",
            "STA8, EVT14, AR_4, STA13",
            "STA9, EVT14, AR_9, STA11",
            "STA12, EVT14, AR_4, STA13",
            "STA4, EVT15, AA_2, STA1",
            "STA6, EVT15, AA_1, STA13",
            "STA2, EVT16, AA_2, STA1",
            "STA6, EVT16, AA_3, STA1",
            "STA13, EVT16, AA_2, STA1",
            "STA2, EVT17, AA_5, STA1",
            "STA6, EVT17, AA_4, STA1",
            "STA13, EVT17, AR_5, STA1",
            "STA2, EVT18, AA_2, STA1",
            "STA13, EVT18, AA_2, STA1",
            "STA2, EVT19, AA_1, STA13",
            "STA6, EVT19, AA_8, STA13",
            "STA13, EVT19, AA_7, STA13",
            "STA2, EVT3, AA_1, STA13",
            "STA13, EVT10, AA_6, STA13",
            "STA13, EVT6, AA_7, STA13",
            "STA6, EVT13, AA_8, STA13",
            "STA5, EVT10, AA_8, STA13",
    })
    void cell(State from, Event event, Action action, State next) {
        assertThat(StateTable.defined(from, event)).isTrue();
        assertThat(StateTable.action(from, event)).isEqualTo(action);
        assertThat(action.next()).isEqualTo(next);
    }

    @Test
    void ae6AndAr8HaveConditionalNextStates() {
        assertThat(StateTable.action(State.STA2, Event.EVT6)).isEqualTo(Action.AE_6);
        assertThat(StateTable.action(State.STA7, Event.EVT12)).isEqualTo(Action.AR_8);
        assertThat(Action.AE_6.next()).isNull();
        assertThat(Action.AR_8.next()).isNull();
    }

    @Test
    void everyBlankCellIsAa8() {
        int blank = 0;
        for (State s : State.values()) {
            for (Event e : Event.values()) {
                if (!StateTable.defined(s, e)) {
                    blank++;
                    assertThat(StateTable.action(s, e)).as(s + "/" + e).isEqualTo(Action.AA_8);
                }
            }
        }
        // 13 x 19 = 247 cells, of which PS3.8 Table 9-10 fills 123 (as pynetdicom transcribes it too).
        assertThat(blank).isEqualTo(247 - 123);
    }

    @Test
    void pduEventsInEveryConnectedStateHaveAnEntry() {
        // Once a transport connection exists (all states but Sta1 and Sta4) any received PDU has a cell.
        for (State s : State.values()) {
            if (s == State.STA1 || s == State.STA4) {
                continue;
            }
            for (Event e : List.of(Event.EVT3, Event.EVT4, Event.EVT6, Event.EVT10, Event.EVT12, Event.EVT13,
                    Event.EVT16, Event.EVT17, Event.EVT19)) {
                assertThat(StateTable.defined(s, e)).as(s + "/" + e).isTrue();
            }
        }
    }

    /** Runs events through a machine and records (action, state after). */
    private static List<String> run(boolean requestor, State acceptableAfterAe6, Event... events) {
        StateMachine sm = new StateMachine(requestor);
        List<String> trace = new ArrayList<>();
        for (Event e : events) {
            Action a = sm.fire(e, (action, event) -> action == Action.AE_6 ? acceptableAfterAe6 : null);
            trace.add(a + ">" + sm.state());
        }
        return trace;
    }

    @Test
    void acceptorFullAssociation() {
        assertThat(run(false, State.STA3, Event.EVT5, Event.EVT6, Event.EVT7, Event.EVT10, Event.EVT9, Event.EVT12,
                Event.EVT14, Event.EVT17))
                .containsExactly("AE-5>Sta2", "AE-6>Sta3", "AE-7>Sta6", "DT-2>Sta6", "DT-1>Sta6", "AR-2>Sta8",
                        "AR-4>Sta13", "AR-5>Sta1");
    }

    @Test
    void acceptorRejectsByProviderThenArtimCloses() {
        assertThat(run(false, State.STA13, Event.EVT5, Event.EVT6, Event.EVT18))
                .containsExactly("AE-5>Sta2", "AE-6>Sta13", "AA-2>Sta1");
    }

    @Test
    void requestorFullAssociation() {
        assertThat(run(true, null, Event.EVT1, Event.EVT2, Event.EVT3, Event.EVT9, Event.EVT10, Event.EVT11,
                Event.EVT10, Event.EVT13))
                .containsExactly("AE-1>Sta4", "AE-2>Sta5", "AE-3>Sta6", "DT-1>Sta6", "DT-2>Sta6", "AR-1>Sta7",
                        "AR-6>Sta7", "AR-3>Sta1");
    }

    @Test
    void requestorRejected() {
        assertThat(run(true, null, Event.EVT1, Event.EVT2, Event.EVT4))
                .containsExactly("AE-1>Sta4", "AE-2>Sta5", "AE-4>Sta1");
    }

    @Test
    void releaseCollisionRequestorSide() {
        // PS3.8 9.2.3 / Figure 9-? : both sides send A-RELEASE-RQ.
        assertThat(run(true, null, Event.EVT1, Event.EVT2, Event.EVT3, Event.EVT11, Event.EVT12, Event.EVT14, Event.EVT13))
                .containsExactly("AE-1>Sta4", "AE-2>Sta5", "AE-3>Sta6", "AR-1>Sta7", "AR-8>Sta9", "AR-9>Sta11", "AR-3>Sta1");
    }

    @Test
    void releaseCollisionAcceptorSide() {
        assertThat(run(false, State.STA3, Event.EVT5, Event.EVT6, Event.EVT7, Event.EVT11, Event.EVT12, Event.EVT13,
                Event.EVT14, Event.EVT17))
                .containsExactly("AE-5>Sta2", "AE-6>Sta3", "AE-7>Sta6", "AR-1>Sta7", "AR-8>Sta10", "AR-10>Sta12",
                        "AR-4>Sta13", "AR-5>Sta1");
    }

    @Test
    void artimExpiryInSta2() {
        assertThat(run(false, null, Event.EVT5, Event.EVT18)).containsExactly("AE-5>Sta2", "AA-2>Sta1");
    }

    @Test
    void artimExpiryInSta13AfterAbort() {
        assertThat(run(false, State.STA3, Event.EVT5, Event.EVT6, Event.EVT7, Event.EVT19, Event.EVT10, Event.EVT18))
                .containsExactly("AE-5>Sta2", "AE-6>Sta3", "AE-7>Sta6", "AA-8>Sta13", "AA-6>Sta13", "AA-2>Sta1");
    }

    @Test
    void unexpectedAssociateRqDuringDataTransferAborts() {
        assertThat(run(false, State.STA3, Event.EVT5, Event.EVT6, Event.EVT7, Event.EVT6))
                .containsExactly("AE-5>Sta2", "AE-6>Sta3", "AE-7>Sta6", "AA-8>Sta13");
    }
}
