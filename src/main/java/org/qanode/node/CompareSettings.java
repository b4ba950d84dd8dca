package org.qanode.node;

import java.nio.file.Path;

/**
 * Comparisons run over REST (configuration keys {@code compare.*}).
 *
 * @param profile       profile used when a request names none
 * @param profilesDir   where profiles are looked up before the bundled ones
 * @param queueCapacity comparisons waiting beyond the running ones; more get 503
 * @param workers       comparisons running at once
 * @param threads       worker threads inside one comparison
 */
public record CompareSettings(String profile, Path profilesDir, int queueCapacity, int workers, int threads) {
}
