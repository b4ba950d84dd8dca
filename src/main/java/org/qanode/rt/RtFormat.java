package org.qanode.rt;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** One text form for summary values, shared by the change list and the reports. */
public final class RtFormat {
    private RtFormat() {
    }

    /** Numbers without a trailing ".0", lists backslash-joined as in DICOM, null as empty. */
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
        return v.toString();
    }
}
