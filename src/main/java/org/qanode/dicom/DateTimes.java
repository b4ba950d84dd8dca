package org.qanode.dicom;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;

/** Parsing of DA and TM values (PS3.5 Table 6.2-1), lenient to the retired ACR-NEMA forms. */
public final class DateTimes {
    private DateTimes() {
    }

    public static LocalDate parseDate(String s) {
        if (s == null) {
            return null;
        }
        String d = s.trim().replace(".", "");
        if (d.length() != 8 || !d.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
                    Integer.parseInt(d.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    public static LocalTime parseTime(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim().replace(":", "");
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        String fraction = dot < 0 ? "" : t.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > 6 || (whole.length() & 1) != 0
                || !whole.chars().allMatch(Character::isDigit) || !fraction.chars().allMatch(Character::isDigit)
                || fraction.length() > 6) {
            return null;
        }
        try {
            int hour = Integer.parseInt(whole.substring(0, 2));
            int minute = whole.length() >= 4 ? Integer.parseInt(whole.substring(2, 4)) : 0;
            int second = whole.length() >= 6 ? Integer.parseInt(whole.substring(4, 6)) : 0;
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000").substring(0, 6)) * 1000;
            // PS3.5 allows a leap second (60); LocalTime does not, so it saturates at 59.
            return LocalTime.of(hour, minute, Math.min(second, 59), nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
