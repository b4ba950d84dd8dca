package org.qanode.app;

import java.io.PrintStream;
import org.qanode.compare.ProgressListener;

/**
 * A one-line progress bar on a terminal: pairs compared, rate, time left. Redrawn at most
 * ten times a second so printing never costs more than the work it reports.
 */
final class ProgressBar implements ProgressListener {
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void pairsCompared(int done, int total) {
        long now = System.nanoTime();
        if (done != total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long left = rate > 0 ? Math.round((total - done) / rate) : 0;
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        out.printf("\r[%s%s] %d/%d pairs  %.0f/s  %d:%02d left ", "#".repeat(filled), " ".repeat(width - filled),
                done, total, rate, left / 60, left % 60);
        if (done == total) {
            out.println();
        }
        out.flush();
    }
}
