package org.qanode.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CronAndPatientListTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Zurich");

    private static ZonedDateTime at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(ZONE);
    }

    @Test
    void nightlyAtTwoInTheServersZone() {
        CronSchedule c = CronSchedule.parse("0 2 * * *");
        assertThat(c.next(at("2026-11-23T01:59:30"))).isEqualTo(at("2026-11-23T02:00"));
        assertThat(c.next(at("2026-11-23T02:00"))).isEqualTo(at("2026-11-24T02:00"));
        // spring forward in Zurich: 02:00 does not exist on 2026-03-29; the run is at 03:00 that day
        assertThat(c.next(at("2026-03-28T23:00"))).isEqualTo(at("2026-03-29T03:00"));
    }

    @Test
    void listsRangesStepsAndWeekdays() {
        assertThat(CronSchedule.parse("30 1 * * 1-5").next(at("2026-11-21T00:00"))) // Saturday
                .isEqualTo(at("2026-11-23T01:30")); // Monday
        assertThat(CronSchedule.parse("0 */6 * * *").next(at("2026-11-23T06:00"))).isEqualTo(at("2026-11-23T12:00"));
        assertThat(CronSchedule.parse("15,45 3 1 * 0").next(at("2026-11-23T04:00"))) // day 1 OR Sunday
                .isEqualTo(at("2026-11-29T03:15"));
        assertThat(CronSchedule.parse("0 0 * * 7").next(at("2026-11-23T00:00"))).isEqualTo(at("2026-11-29T00:00"));
    }

    @Test
    void badExpressionsNameTheField() {
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * *")).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *")).hasMessageContaining("hour 25");
        assertThatThrownBy(() -> CronSchedule.parse("x 2 * * *")).hasMessageContaining("minute");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 31 2 *").next(at("2026-01-01T00:00")))
                .hasMessageContaining("never fires");
    }

    @Test
    void ariaReportCsvWithHeaderNamesQuotesAndBadLines() {
        PatientList l = PatientList.parse(List.of(
                "\uFEFFPatient ID,Patient Name",
                "QA000001,\"DOE, JOHN\"",
                "",
                "# comment",
                "QA000002;SMITH^ANNA",
                "QA000001,duplicate",
                ",no id",
                "QA*,wildcard",
                "\"QA000003,unterminated",
                "BAD\\ID",
                "x".repeat(65),
                "QA000004,name,extra",
                "  QA000005  "));
        assertThat(l.ids()).containsExactly("QA000001", "QA000002", "QA000005");
        assertThat(l.patients().get(0).name()).isEqualTo("DOE, JOHN");
        assertThat(l.errors()).containsExactly(
                "line 7: empty patient ID",
                "line 8: patient ID with a wildcard ('*' or '?'): it would match other patients",
                "line 9: unterminated quote",
                "line 10: patient ID with a backslash or control character",
                "line 11: patient ID longer than 64 characters (LO, PS3.5 6.2)",
                "line 12: 3 columns, expected patient ID and optional name");
    }

    @Test
    void retentionKeepsTheNewestAndNeverWhatIsInUse() {
        List<String> states = List.of("sweep-2026-11-20", "sweep-2026-11-21", "sweep-2026-11-22", "sweep-2026-11-19",
                "sweep-2026-11-23");
        assertThat(Retention.toDelete(states, 2, Set.of("sweep-2026-11-23"), s -> s.equals("sweep-2026-11-20")))
                .containsExactly("sweep-2026-11-19", "sweep-2026-11-21");
        assertThat(Retention.toDelete(states, 2, Set.of("sweep-2026-11-19"), s -> false))
                .containsExactly("sweep-2026-11-20", "sweep-2026-11-21");
    }
}
