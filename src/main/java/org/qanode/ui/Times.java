package org.qanode.ui;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as the UI shows them: in the node's time zone, with the offset, inside a {@code <time>} element. */
final class Times {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final ZoneId zone;

    Times(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code iso}: ISO-8601 with offset or Z, as the results and rows carry them; null gives an empty fragment. */
    Html at(String iso) {
        if (iso == null || iso.isBlank()) {
            return new Html(0);
        }
        try {
            Instant t = OffsetDateTime.parse(iso).toInstant();
            return Html.of("<time datetime=\"{}\">{}</time>", iso, SHOWN.format(t.atZone(zone)));
        } catch (DateTimeParseException e) {
            return Html.of("{}", iso);
        }
    }

    Html at(OffsetDateTime t) {
        return t == null ? new Html(0) : at(t.toInstant().toString());
    }
}
