package org.qanode.rt;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** One text form for summary values, shared by the change list and the reports. */
public final class RtFormat {
    private RtFormat() {
    }

    /** Numbers without a trailing ".0", lists backslash-joined as in DICOM, null as empty. */
    private static String orDash(Object v) {
        return v == null ? "-" : value(v);
    }

    public static String value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(RtFormat::value).collect(Collectors.joining("\\"));
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (v instanceof RtSummary.FractionGroupSide f) {
            // "group 1: 0/21 fx, 2 Gy/fx": never a record's toString with "null" in it
            return "group " + orDash(f.number()) + ": " + orDash(f.fractionsDelivered()) + "/" + orDash(f.fractionsPlanned())
                    + " fx" + (f.dosePerFraction() != null ? ", " + value(f.dosePerFraction()) + " Gy/fx" : "");
        }
        return v.toString();
    }
}
