package org.qanode.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The UI's one way to write HTML: a template whose {@code {}} placeholders are filled with
 * arguments escaped for element content and quoted attributes. Only the template (a literal in
 * the code) and other {@code Html} fragments go in unescaped; every value from the data (DICOM
 * text, state names, comments) is foreign input and passes through {@link #esc}.
 */
final class Html {
    private final StringBuilder sb;

    Html() {
        this(4096);
    }

    Html(int capacity) {
        sb = new StringBuilder(capacity);
    }

    /** Appends {@code template}, each {@code {}} replaced by the next argument, escaped; an {@code Html} argument goes in as is. */
    Html add(String template, Object... args) {
        int arg = 0;
        int from = 0;
        while (true) {
            int at = template.indexOf("{}", from);
            if (at < 0) {
                sb.append(template, from, template.length());
                break;
            }
            sb.append(template, from, at);
            if (arg >= args.length) {
                throw new IllegalArgumentException("template has more {} than arguments: " + template);
            }
            Object v = args[arg++];
            if (v instanceof Html h) {
                sb.append(h.sb);
            } else {
                escape(v, sb);
            }
            from = at + 2;
        }
        if (arg != args.length) {
            throw new IllegalArgumentException("template has fewer {} than arguments: " + template);
        }
        return this;
    }

    /** Appends a fragment written elsewhere (e.g. the report's RT summary tables, which escape their values). */
    Html fragment(String trustedMarkup) {
        sb.append(trustedMarkup);
        return this;
    }

    static Html of(String template, Object... args) {
        return new Html(Math.max(64, template.length() * 2)).add(template, args);
    }

    /** Escapes text for element content and double-quoted attribute values. */
    static String esc(Object value) {
        StringBuilder out = new StringBuilder();
        escape(value, out);
        return out.toString();
    }

    private static void escape(Object value, StringBuilder out) {
        if (value == null) {
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append("&#xFFFD;");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** One path segment or query value, percent-encoded (then escaped where it is written). */
    static String url(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
