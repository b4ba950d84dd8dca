package org.qanode.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.qanode.compare.Difference;
import org.qanode.compare.PairResult;
import org.qanode.result.Annotation;
import org.qanode.result.ComparisonResult;
import org.qanode.result.Signoff;

/**
 * Review of finished comparisons (ARCHITECTURE.md, "Web UI and sign-off"): a reviewer accepts or
 * rejects a DONE comparison (a rejection says why) and marks single differences as expected. Both
 * live in the index beside the comparison's row, never in its result file, and are added to the
 * result when it is served. Who signs is the adapter's to say (there are no accounts yet).
 */
public final class ReviewService {
    /** Longest comment or reason kept (the column's size). */
    public static final int MAX_TEXT = 4000;

    /** Told of every sign-off (the {@code comparison.signedOff} event). */
    public interface Listener {
        Listener NONE = (record, signoff) -> { };

        void signedOff(ComparisonRecord record, Signoff signoff);
    }

    private final ComparisonService comparisons;
    private final ReviewRepository repository;
    private final Listener listener;

    public ReviewService(ComparisonService comparisons, org.qanode.store.IndexDatabase index, Listener listener) {
        this.comparisons = comparisons;
        this.repository = new ReviewRepository(index);
        this.listener = listener;
    }

    /**
     * Records a decision on a DONE comparison and announces it.
     *
     * @throws NodeException NOT_FOUND unknown comparison, INVALID bad decision or a rejection without
     *                       comment, CONFLICT the comparison is not DONE
     */
    public Signoff signOff(String comparisonId, String decision, String comment, String user) {
        ComparisonRecord row = existing(comparisonId);
        if (!Signoff.ACCEPTED.equals(decision) && !Signoff.REJECTED.equals(decision)) {
            throw NodeException.invalid("field 'decision' must be ACCEPTED or REJECTED, got "
                    + (decision == null ? "nothing" : "'" + decision + "'"));
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (Signoff.REJECTED.equals(decision) && text == null) {
            throw NodeException.invalid("field 'comment' is required when the decision is REJECTED");
        }
        checkLength("comment", text);
        done(row, "signed off");
        repository.insertSignoff(row.id(), user, decision, text);
        Signoff signoff = repository.latestSignoff(row.id()).orElseThrow();
        listener.signedOff(row, signoff);
        return signoff;
    }

    /**
     * Marks one difference of a DONE comparison as expected.
     *
     * @throws NodeException NOT_FOUND unknown comparison, INVALID missing field or no such object or
     *                       difference in the result, CONFLICT the comparison is not DONE
     */
    public Annotation annotate(String comparisonId, String sopInstanceUid, String path, String reason, String user) {
        ComparisonRecord row = existing(comparisonId);
        for (String[] f : new String[][] {{"sopInstanceUid", sopInstanceUid}, {"path", path}, {"reason", reason}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw NodeException.invalid("field '" + f[0] + "' is required");
            }
        }
        checkLength("reason", reason);
        done(row, "annotated");
        ComparisonResult result = read(row.id());
        PairResult pair = result.pairs().stream().filter(p -> sopInstanceUid.equals(p.sopInstanceUid())).findFirst()
                .orElseThrow(() -> NodeException.invalid("comparison " + row.id() + " has no object '" + sopInstanceUid + "'"));
        boolean known = pair.differences().stream().map(Difference::path).anyMatch(p -> p.toString().equals(path));
        if (!known) {
            throw NodeException.invalid("object " + sopInstanceUid + " has no difference at '" + path + "'");
        }
        repository.insertAnnotation(row.id(), sopInstanceUid, path, reason.strip(), user);
        return repository.annotations(row.id()).stream()
                .filter(a -> a.sopInstanceUid().equals(sopInstanceUid) && a.path().equals(path)).findFirst().orElseThrow();
    }

    public Optional<Signoff> signoff(String comparisonId) {
        return repository.latestSignoff(comparisonId);
    }

    /** Every sign-off of a comparison, newest first. */
    public List<Signoff> history(String comparisonId) {
        return repository.history(comparisonId, 1000);
    }

    public List<Annotation> annotations(String comparisonId) {
        return repository.annotations(comparisonId);
    }

    /** The result with its current review. */
    public ComparisonResult withReview(ComparisonResult result) {
        return result.withReview(signoff(result.id()).orElse(null), annotations(result.id()));
    }

    /**
     * The stored JSON of a result with {@code signoff} and {@code annotations} added as its last
     * fields, without parsing the (possibly large) result: unchanged when there is no review.
     */
    public byte[] withReview(String comparisonId, byte[] resultJson) {
        Optional<Signoff> signoff = signoff(comparisonId);
        List<Annotation> annotations = annotations(comparisonId);
        if (signoff.isEmpty() && annotations.isEmpty()) {
            return resultJson;
        }
        int end = resultJson.length - 1;
        while (end >= 0 && resultJson[end] != '}') {
            end--;
        }
        if (end < 0) {
            throw new IllegalStateException("result " + comparisonId + " is not a JSON object");
        }
        StringBuilder add = new StringBuilder();
        try {
            if (signoff.isPresent()) {
                add.append(",\n  \"signoff\" : ").append(NodeJson.MAPPER.writeValueAsString(signoff.get()));
            }
            if (!annotations.isEmpty()) {
                add.append(",\n  \"annotations\" : ").append(NodeJson.MAPPER.writeValueAsString(annotations));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the review of " + comparisonId, e);
        }
        add.append('\n');
        byte[] middle = add.toString().getBytes(StandardCharsets.UTF_8);
        int head = end;
        // the sign-off goes after the last field, before any whitespace that precedes the brace
        while (head > 0 && Character.isWhitespace(resultJson[head - 1])) {
            head--;
        }
        byte[] out = new byte[head + middle.length + (resultJson.length - end)];
        System.arraycopy(resultJson, 0, out, 0, head);
        System.arraycopy(middle, 0, out, head, middle.length);
        System.arraycopy(resultJson, end, out, head + middle.length, resultJson.length - end);
        return out;
    }

    private ComparisonRecord existing(String id) {
        return (id == null ? Optional.<ComparisonRecord>empty() : comparisons.get(id))
                .orElseThrow(() -> NodeException.notFound("no comparison '" + id + "'"));
    }

    private static void done(ComparisonRecord row, String what) {
        if (!ComparisonRecord.DONE.equals(row.status())) {
            throw NodeException.conflict("comparison " + row.id() + " is " + row.status() + ": only a DONE comparison can be "
                    + what);
        }
    }

    private static void checkLength(String field, String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw NodeException.invalid("field '" + field + "' is longer than " + MAX_TEXT + " characters");
        }
    }

    private ComparisonResult read(String id) {
        try {
            return comparisons.files().read(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the result of comparison " + id, e);
        }
    }
}
