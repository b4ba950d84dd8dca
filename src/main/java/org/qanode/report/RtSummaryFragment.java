package org.qanode.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import org.qanode.rt.RtSummary;

/**
 * The RT summary tables of the HTML report, for pages that embed them (the web UI's comparison
 * page): the same markup and class names, so one stylesheet fits both.
 */
public final class RtSummaryFragment {
    private RtSummaryFragment() {
    }

    /** The CSS the tables rely on. */
    public static String style() {
        return RtSummaryHtml.STYLE;
    }

    /** {@code withDifferences}: UIDs of plans whose section with id "pair-UID" is on the same page. */
    public static void render(RtSummary summary, Set<String> withDifferences, Writer out) throws IOException {
        RtSummaryHtml.render(summary, withDifferences, out);
    }
}
