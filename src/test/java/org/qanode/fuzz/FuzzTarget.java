package org.qanode.fuzz;

import java.util.List;

/**
 * One decoder under fuzzing (issue 11): how to feed it bytes, which exceptions are its own
 * rejections, and where its seed corpus comes from. Shared by the seeded mutational fuzzer that
 * runs in CI ({@link MutationalFuzzer}) and by the Jazzer entry point of the benchmark
 * ({@link JazzerEntry}), so both judge an input the same way ({@link Oracle}).
 */
public interface FuzzTarget {

    /** Short name, also the folder of its minimized crashers: test-data/fuzz/NAME/. */
    String name();

    /** The seed corpus: golden inputs and the shared samples, each small. */
    List<byte[]> seeds();

    /** Tokens the mutator may insert or overwrite with (keywords, tags, item headers). */
    List<byte[]> dictionary();

    /** Inputs longer than this are cut by the mutator: keeps one input cheap. */
    default int maxLength() {
        return 16 * 1024;
    }

    /**
     * Decodes {@code input}. Returns a short description of the result (used as feedback: a new
     * shape keeps the input); throws whatever the codec throws. A leaked buffer is reported by
     * throwing {@link Oracle.Leak}.
     */
    String run(byte[] input) throws Exception;

    /** True when {@code t} is the codec's own way of refusing input. */
    boolean isOwn(Throwable t);
}
