package org.qanode.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qanode.result.ComparisonResult;
import org.qanode.testing.Dcmtk;
import org.qanode.testing.ExternalTools;

/**
 * {@code pdf}: the HTML report printed. Poppler (Debian's poppler-utils, not the library that
 * wrote it) reads the PDF back: pdftotext finds the verdict, the RT tables and the leaf change, and
 * no "null"; pdftoppm renders the pages, which must not be blank, and the heat map's darkest red
 * must be on one of them (the SVG was drawn, not dropped).
 */
class PdfReportTest {
    @TempDir
    Path dir;

    @Test
    void pdfOfTheReportIsReadableAndNotBlank() throws Exception {
        Path pdftoppm = ExternalTools.requireExecutable("pdftoppm", "poppler-utils");
        Path pdftotext = ExternalTools.requireExecutable("pdftotext", "poppler-utils");
        ComparisonResult result = ReportScenario.compare(dir.resolve("data"));
        ReportRenderer pdf = ReportFormat.of("pdf").renderer();
        assertThat(pdf.binary()).isTrue();
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pdf.write(result, bytes);
        Path file = dir.resolve("report.pdf");
        Files.write(file, bytes.toByteArray());
        assertThat(new String(bytes.toByteArray(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        Dcmtk.Result text = Dcmtk.run(pdftotext.toString(), "-layout", file.toString(), "-");
        assertThat(text.exitCode()).as(text.stderr()).isZero();
        assertThat(text.stdout()).contains("DIFFERENT, ALERT", "RT summary", "beam meterset (MU)", "gantry start (deg)",
                "leaf B3, control point 2:", "whole plan only in baseline").doesNotContainIgnoringCase("null");
        assertThat(text.stdout().indexOf("DIFFERENT, ALERT")).isLessThan(text.stdout().indexOf("RT summary"));

        Dcmtk.Result png = Dcmtk.run(pdftoppm.toString(), "-png", "-r", "40", file.toString(), dir.resolve("page").toString());
        assertThat(png.exitCode()).as(png.stderr()).isZero();
        List<Path> pages;
        try (Stream<Path> s = Files.list(dir)) {
            pages = s.filter(p -> p.getFileName().toString().startsWith("page")).sorted().toList();
        }
        assertThat(pages).isNotEmpty();
        BufferedImage first = ImageIO.read(pages.get(0).toFile());
        assertThat(first.getWidth()).isGreaterThan(first.getHeight()); // A4 landscape, the print stylesheet's @page
        assertThat(inked(first)).as("share of non-white pixels on page 1").isGreaterThan(0.01);
        boolean heatMap = false;
        for (Path p : pages) {
            heatMap |= hasHeatMapRed(ImageIO.read(p.toFile()));
        }
        assertThat(heatMap).as("the heat map's darkest cell (#8c0000) drawn on some page").isTrue();
    }

    @Test
    void textFormatsRefuseNothingAndPdfRefusesAWriter() throws Exception {
        ComparisonResult result = ReportScenario.compare(dir.resolve("data"));
        StringWriter w = new StringWriter();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PdfReport().render(result, w))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("binary");
    }

    private static double inked(BufferedImage img) {
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) img.getWidth() * img.getHeight());
    }

    private static boolean hasHeatMapRed(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (Math.abs(r - 0x8c) <= 8 && g <= 10 && b <= 10) {
                    return true;
                }
            }
        }
        return false;
    }
}
