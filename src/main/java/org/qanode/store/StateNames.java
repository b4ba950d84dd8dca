package org.qanode.store;

import java.util.regex.Pattern;

/**
 * What a state may be called. A state name becomes a directory name and appears in URLs, so
 * it is restricted to a portable, shell- and URL-safe set that cannot climb out of the data
 * directory ("." and ".." are impossible because the first character is alphanumeric).
 */
public final class StateNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private StateNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns {@code name} or throws naming the rule it breaks. */
    public static String require(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid state name '" + name
                    + "': 1 to 64 characters, letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
