package org.qanode.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.logging.Level;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.qanode.result.ComparisonResult;

/**
 * The HTML report printed to PDF (A4 landscape, its print stylesheet): the same page, not a second
 * layout. openhtmltopdf lays it out and PDFBox writes it; jsoup parses the HTML5 page into the
 * DOM openhtmltopdf reads (it wants well-formed XML otherwise); the MLC heat maps are drawn by
 * Batik. Nothing is fetched: every external resource is refused (the report has none) and SVG
 * scripts and external references are off. Text uses the DejaVu fonts where installed (Debian's
 * fonts-dejavu-core, so names in any script print), else the PDF standard fonts.
 */
public final class PdfReport implements ReportRenderer {
    /** Debian's fonts-dejavu-core; looked up, not required. */
    static final String FONTS = "/usr/share/fonts/truetype/dejavu/";
    private static final List<String[]> FONT_FILES = List.of(
            new String[] {"DejaVuSans.ttf", "sans-serif", "400", "NORMAL"},
            new String[] {"DejaVuSans-Bold.ttf", "sans-serif", "700", "NORMAL"},
            new String[] {"DejaVuSans-Oblique.ttf", "sans-serif", "400", "ITALIC"},
            new String[] {"DejaVuSansMono.ttf", "monospace", "400", "NORMAL"},
            new String[] {"DejaVuSansMono-Bold.ttf", "monospace", "700", "NORMAL"});

    static {
        // openhtmltopdf logs through java.util.logging at INFO per page laid out, and a warning per
        // CSS property it does not know (print-color-adjust): noise in the node's log. Layout
        // failures still reach the caller as exceptions.
        for (String logger : XRLog.listRegisteredLoggers()) {
            XRLog.setLevel(logger, Level.SEVERE);
        }
    }

    @Override
    public void render(ComparisonResult result, Writer out) throws IOException {
        throw new IOException("PDF is binary: write it to a stream");
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public void write(ComparisonResult result, OutputStream out) throws IOException {
        StringWriter html = new StringWriter(1 << 16);
        new HtmlReport().render(result, html);
        org.w3c.dom.Document dom = new W3CDom().fromJsoup(Jsoup.parse(html.toString()));
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.withW3cDocument(dom, "about:blank");
        b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        b.useSVGDrawer(new BatikSVGDrawer(BatikSVGDrawer.SvgScriptMode.SECURE, BatikSVGDrawer.SvgExternalResourceMode.SECURE));
        for (String[] f : FONT_FILES) {
            File file = new File(FONTS + f[0]);
            if (file.isFile()) {
                b.useFont(file, f[1], Integer.valueOf(f[2]), BaseRendererBuilder.FontStyle.valueOf(f[3]), true);
            }
        }
        b.toStream(out);
        try {
            b.run();
        } catch (RuntimeException e) {
            throw new IOException("the PDF could not be laid out: " + e.getMessage(), e);
        }
    }

    @Override
    public String contentType() {
        return "application/pdf";
    }
}
