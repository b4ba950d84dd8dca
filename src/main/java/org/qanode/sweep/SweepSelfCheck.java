package org.qanode.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.qanode.selftest.SelfCheck;

/**
 * The built-in self-check as one sweep ran it (issue 13): every sweep checks the comparator it is
 * about to trust, with the sweep's own profile, before comparing. A failed check does not stop the
 * sweep (its comparison is still the best there is) but marks it, loudly.
 *
 * @param problems the check's lines when it failed (verdict line, then MISSED / UNEXPECTED ones); empty when ok
 */
@JsonPropertyOrder({"ok", "at", "profile", "problems"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SweepSelfCheck(boolean ok, String at, String profile, List<String> problems) {
    public SweepSelfCheck {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static SweepSelfCheck of(SelfCheck.Result r) {
        return new SweepSelfCheck(r.ok(), r.at().toString(), r.profile(), r.ok() ? List.of() : r.lines());
    }

    /** Runs the self-check with a profile (by name) and returns its result; never throws. */
    @FunctionalInterface
    public interface Runner {
        SelfCheck.Result run(String profile);
    }
}
