package org.qanode.app;

import java.util.List;

/** An invalid configuration: every problem found, each naming its key; start-up stops with these lines. */
public final class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
