package org.qanode.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.qanode.dicom.DateTimes;
import org.qanode.rt.RtFormat;

/**
 * How a value of the RT summary is shown to a physicist: its unit and its rounding (MU to 0.01,
 * angles to 0.1 degree, positions to 0.01 mm, dose to 0.001 Gy), DICOM dates and times (DA, TM,
 * PS3.5 Table 6.2-1) written as 2026-01-02 and 15:25:39.63. Rounding never hides a change:
 * {@link #pair} falls back to the full value when two different values round alike.
 */
enum RtUnit {
    MU("MU", 2), DEGREES("deg", 1), MM("mm", 2), GY("Gy", 3), PERCENT("%", 2),
    /** Nominal beam energy; its unit depends on the radiation type (see {@link #energyUnit}). */
    ENERGY("", -1),
    DATE("", -1), TIME("", -1), PLAIN("", -1);

    final String unit;
    final int decimals;

    RtUnit(String unit, int decimals) {
        this.unit = unit;
        this.decimals = decimals;
    }

    /** " (MU)" for a column or row header; empty for values without a unit. */
    String header() {
        return unit.isEmpty() ? "" : " (" + unit + ")";
    }

    /** The value as shown; lists of numbers joined with " / ", nothing for a missing value. */
    String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            return l.stream().map(this::format).collect(Collectors.joining(" / "));
        }
        return switch (this) {
            case DATE -> date(v.toString());
            case TIME -> time(v.toString());
            case PLAIN, ENERGY -> RtFormat.value(v);
            default -> v instanceof Number n ? round(n.doubleValue(), decimals) : RtFormat.value(v);
        };
    }

    /**
     * Both sides as shown; when the values differ but would be shown alike after rounding, both
     * are shown in full, so a highlighted change is always visible.
     */
    String[] pair(Object a, Object b) {
        String fa = format(a);
        String fb = format(b);
        if (fa.equals(fb) && !Objects.equals(a, b)) {
            return new String[] {RtFormat.value(a), RtFormat.value(b)};
        }
        return new String[] {fa, fb};
    }

    static String round(double d, int decimals) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        String s = BigDecimal.valueOf(d).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    /** DA (YYYYMMDD) as ISO 8601; a value that is not a valid date is shown as it is. */
    static String date(String da) {
        try {
            LocalDate d = DateTimes.parseDate(da.trim());
            return d == null ? da : d.toString();
        } catch (RuntimeException e) {
            return da;
        }
    }

    /** TM (HHMMSS.FFFFFF, later parts optional) as HH:MM:SS with the fraction of a second if any. */
    static String time(String tm) {
        try {
            LocalTime t = DateTimes.parseTime(tm.trim());
            if (t == null) {
                return tm;
            }
            String s = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
            if (t.getNano() != 0) {
                s += new BigDecimal(t.getNano()).movePointLeft(9).stripTrailingZeros().toPlainString().substring(1);
            }
            return s;
        } catch (RuntimeException e) {
            return tm;
        }
    }

    /**
     * DT (YYYYMMDDHHMMSS.FFFFFF&ZZXX, PS3.5 Table 6.2-1) as "2026-01-02 15:25:39.63 +0100"; a value
     * that does not parse is shown as it is.
     */
    static String dateTime(String dt) {
        String s = dt.trim();
        String zone = "";
        int z = Math.max(s.indexOf('+'), s.indexOf('-', 1));
        if (z > 0) {
            zone = " " + s.substring(z);
            s = s.substring(0, z);
        }
        if (s.length() < 8 || !s.substring(0, 8).chars().allMatch(Character::isDigit)) {
            return dt;
        }
        String date = date(s.substring(0, 8));
        if (date.equals(s.substring(0, 8))) {
            return dt;
        }
        if (s.length() == 8) {
            return date + zone;
        }
        String time = time(s.substring(8));
        return time.equals(s.substring(8)) ? dt : date + " " + time + zone;
    }

    /**
     * MV for photons (the accelerating potential), MeV for electrons, protons and neutrons, MeV/u
     * for heavier ions (Nominal Beam Energy (300A,0114), PS3.3 C.8.8.14.5 and C.8.8.25.7).
     */
    static String energyUnit(String radiationType) {
        if (radiationType == null) {
            return "";
        }
        return switch (radiationType.trim()) {
            case "PHOTON" -> "MV";
            case "ELECTRON", "PROTON", "NEUTRON" -> "MeV";
            case "ION" -> "MeV/u";
            default -> "";
        };
    }
}
