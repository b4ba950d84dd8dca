package org.qanode.sweep;

/** Runs one export to its end (the {@link Exporter} in production, a stand-in in tests). */
@FunctionalInterface
public interface SweepExport {
    ExportStatus run(ExportRequest request) throws InterruptedException;
}
