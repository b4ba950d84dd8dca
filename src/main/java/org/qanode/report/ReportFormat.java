package org.qanode.report;

import java.util.Locale;

/** The report formats, by the names the CLI and the REST API accept. */
public enum ReportFormat {
    JSON, CSV, HTML, TEXT,
    /** The RT summary alone as CSV (one row per plan value and beam parameter). */
    RT_CSV,
    /** The HTML report printed to PDF (A4 landscape). */
    PDF;

    public ReportRenderer renderer() {
        return switch (this) {
            case JSON -> new JsonReport();
            case CSV -> new CsvReport();
            case HTML -> new HtmlReport();
            case TEXT -> new TextReport();
            case RT_CSV -> new RtSummaryCsv();
            case PDF -> new PdfReport();
        };
    }

    public static ReportFormat of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown report format '" + name + "' (json, csv, html, text, rt-csv, pdf)", e);
        }
    }
}
