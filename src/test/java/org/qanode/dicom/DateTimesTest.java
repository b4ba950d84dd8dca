package org.qanode.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class DateTimesTest {

    @Test
    void datesInCurrentAndRetiredForms() {
        assertThat(DateTimes.parseDate("20180405")).isEqualTo(LocalDate.of(2018, 4, 5));
        assertThat(DateTimes.parseDate("2018.04.05")).isEqualTo(LocalDate.of(2018, 4, 5));
        assertThat(DateTimes.parseDate("20181305")).isNull();
        assertThat(DateTimes.parseDate("2018")).isNull();
        assertThat(DateTimes.parseDate(null)).isNull();
    }

    @Test
    void timesWithOptionalPartsAndFractions() {
        assertThat(DateTimes.parseTime("145404")).isEqualTo(LocalTime.of(14, 54, 4));
        assertThat(DateTimes.parseTime("1454")).isEqualTo(LocalTime.of(14, 54));
        assertThat(DateTimes.parseTime("14")).isEqualTo(LocalTime.of(14, 0));
        assertThat(DateTimes.parseTime("145404.25")).isEqualTo(LocalTime.of(14, 54, 4, 250_000_000));
        assertThat(DateTimes.parseTime("14:54:04")).isEqualTo(LocalTime.of(14, 54, 4));
        assertThat(DateTimes.parseTime("235960")).isEqualTo(LocalTime.of(23, 59, 59));
        assertThat(DateTimes.parseTime("2561")).isNull();
        assertThat(DateTimes.parseTime("14540")).isNull();
    }

    @Test
    void datasetCombinesDateAndTimeElements() {
        Dataset ds = new Dataset();
        ds.setString(Tags.RTPlanDate, VR.DA, "20180404");
        ds.setString(Tags.RTPlanTime, VR.TM, "145404 ");
        assertThat(ds.getDateTime(Tags.RTPlanDate, Tags.RTPlanTime)).isEqualTo(LocalDateTime.of(2018, 4, 4, 14, 54, 4));
        ds.remove(Tags.RTPlanTime);
        assertThat(ds.getDateTime(Tags.RTPlanDate, Tags.RTPlanTime)).isEqualTo(LocalDateTime.of(2018, 4, 4, 0, 0));
        assertThat(ds.getDate(Tags.InstanceCreationDate)).isNull();
    }
}
