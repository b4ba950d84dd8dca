package org.qanode.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A list of patients as an ARIA "patients under treatment" report exports it: CSV, one patient
 * per line, the patient ID first and an optional name column. A header line (first cell
 * "Patient ID", "PatientID", "ID" ...), blank lines and lines starting with '#' are skipped;
 * fields may be double-quoted; ';' is accepted as separator as Excel writes it in some locales.
 * A bad line is reported with its number and the rest is still read.
 */
public record PatientList(List<Entry> patients, List<String> errors) {

    /** One patient: the ID (a LO value, PS3.5 6.2: 64 characters, no backslash) and the name if given. */
    public record Entry(int line, String patientId, String name) {
    }

    public List<String> ids() {
        return patients.stream().map(Entry::patientId).toList();
    }

    public static PatientList read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r.lines().toList());
        }
    }

    public static PatientList parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> cells;
            try {
                cells = cells(line);
            } catch (IllegalArgumentException e) {
                errors.add("line " + n + ": " + e.getMessage());
                continue;
            }
            String id = cells.get(0).trim();
            if (entries.isEmpty() && errors.isEmpty() && isHeader(id)) {
                continue; // the report's header line
            }
            String problem = checkId(id);
            if (problem != null) {
                errors.add("line " + n + ": " + problem);
                continue;
            }
            if (cells.size() > 2 && !cells.subList(2, cells.size()).stream().allMatch(String::isBlank)) {
                errors.add("line " + n + ": " + cells.size() + " columns, expected patient ID and optional name");
                continue;
            }
            if (!seen.add(id)) {
                continue; // listed twice: one export is enough
            }
            String name = cells.size() > 1 && !cells.get(1).isBlank() ? cells.get(1).trim() : null;
            entries.add(new Entry(n, id, name));
        }
        return new PatientList(List.copyOf(entries), List.copyOf(errors));
    }

    private static boolean isHeader(String first) {
        String t = first.toLowerCase(java.util.Locale.ROOT).replace(" ", "").replace("_", "");
        return t.equals("patientid") || t.equals("id") || t.equals("mrn") || t.equals("patient");
    }

    private static String checkId(String id) {
        if (id.isEmpty()) {
            return "empty patient ID";
        }
        if (id.length() > 64) {
            return "patient ID longer than 64 characters (LO, PS3.5 6.2)";
        }
        if (id.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            return "patient ID with a backslash or control character";
        }
        if (id.contains("*") || id.contains("?")) {
            return "patient ID with a wildcard ('*' or '?'): it would match other patients";
        }
        return null;
    }

    /** Splits one CSV line (RFC 4180 quoting) on ',' or ';'. */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (c == ',' || c == ';') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        out.add(cell.toString());
        return out;
    }
}
