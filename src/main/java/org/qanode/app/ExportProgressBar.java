package org.qanode.app;

import java.io.PrintStream;
import org.qanode.sweep.ExportStatus;

/** One redrawn terminal line for an export: received and failed of expected, rate. At most 10 draws a second. */
final class ExportProgressBar {
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;

    ExportProgressBar(PrintStream out) {
        this.out = out;
    }

    synchronized void update(ExportStatus s) {
        long now = System.nanoTime();
        if (!s.finished() && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        int width = 30;
        int filled = s.expected() == 0 ? (s.finished() ? width : 0)
                : (int) Math.min(width, (long) s.received() * width / s.expected());
        out.printf("\r[%s%s] %d/%d received, %d failed  %.0f/s  %s ", "#".repeat(filled), " ".repeat(width - filled),
                s.received(), s.expected(), s.failed(), seconds > 0 ? s.received() / seconds : 0, s.status());
        if (s.finished()) {
            out.println();
        }
        out.flush();
    }
}
