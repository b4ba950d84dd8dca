package org.qanode.fuzz;

import java.util.HexFormat;
import org.qanode.dicom.io.DicomParseException;

/**
 * Judges one run of one input: a normal result or the codec's own exception is fine; anything
 * else is a finding. Also turns an outcome into the feedback signature the mutational fuzzer
 * uses to decide whether an input showed something new.
 */
public final class Oracle {
    private Oracle() {
    }

    /** A buffer still referenced (or released too often) after the decoder is done with it. */
    public static final class Leak extends AssertionError {
        public Leak(String message) {
            super(message);
        }
    }

    /** The input broke the contract; thrown by {@link #check} so that Jazzer records a crash. */
    public static final class Finding extends AssertionError {
        public Finding(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What happened to one input. {@code finding} is null when the codec behaved. */
    public record Outcome(String signature, Throwable thrown, String finding) {
        public boolean isFinding() {
            return finding != null;
        }
    }

    public static Outcome execute(FuzzTarget target, byte[] input) {
        try {
            return new Outcome("ok:" + target.run(input), null, null);
        } catch (Throwable t) {
            return judge(target, t);
        }
    }

    /** Runs one input and throws {@link Finding} if the codec broke its contract (Jazzer entry). */
    public static void check(FuzzTarget target, byte[] input) {
        Outcome o = execute(target, input);
        if (o.isFinding()) {
            throw new Finding(o.finding(), o.thrown());
        }
    }

    static Outcome judge(FuzzTarget target, Throwable t) {
        if (t instanceof Leak) {
            return new Outcome("leak", t, "leak: " + t.getMessage());
        }
        if (!target.isOwn(t)) {
            return new Outcome(t.getClass().getName(), t, "unexpected " + describe(t));
        }
        Throwable masked = maskedBug(t);
        if (masked != null) {
            return new Outcome("masked:" + masked.getClass().getName(), t,
                    "own exception wrapping a programming error: " + describe(masked));
        }
        return new Outcome(t.getClass().getSimpleName() + ":" + normalize(t.getMessage()), t, null);
    }

    /**
     * DicomReader's guard turns every RuntimeException into a DicomParseException so that a
     * caller sees one type; the fuzzer still wants to know: a NullPointerException wrapped in
     * the codec's own type is a bug, not a decision about the input.
     */
    static Throwable maskedBug(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof DicomParseException && (c.getCause() instanceof RuntimeException
                    || c.getCause() instanceof Error)) {
                return c.getCause();
            }
        }
        return null;
    }

    static String describe(Throwable t) {
        StackTraceElement at = firstProjectFrame(t);
        return t.getClass().getName() + ": " + t.getMessage() + (at != null ? " at " + at : "");
    }

    /** Identity of a finding for de-duplication: kind, type and the first frame in our code. */
    public static String findingKey(Outcome o) {
        Throwable root = o.thrown();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StackTraceElement at = firstProjectFrame(root);
        return o.finding().split(":", 2)[0] + "|" + root.getClass().getName() + "|" + (at != null ? at : "?");
    }

    static StackTraceElement firstProjectFrame(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.qanode.") && !e.getClassName().startsWith("org.qanode.fuzz.")) {
                return e;
            }
        }
        return t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
    }

    /** The message with digit runs as '#' and quoted text as "": what kind of rejection, not which values. */
    static String normalize(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(message.length(), 120));
        boolean quoted = false;
        for (int i = 0; i < message.length() && sb.length() < 120; i++) {
            char c = message.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                sb.append(c);
            } else if (quoted) {
                continue;
            } else if (c >= '0' && c <= '9') {
                if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '#') {
                    sb.append('#');
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String hex(byte[] b, int max) {
        String h = HexFormat.of().formatHex(b, 0, Math.min(b.length, max));
        return b.length > max ? h + "...(" + b.length + " bytes)" : h;
    }
}
