package org.qanode.compare;

import java.io.IOException;

/**
 * Thrown by {@link SourceObject#read()} when the source itself knows why the object cannot be
 * compared (a stored copy that is missing, or whose bytes no longer have the digest they were
 * received with). The message is the pair's UNREADABLE reason as it is, without the side and id
 * the comparator puts in front of a parser's message: it is a verdict of the source, not a
 * detail of the file.
 */
public class UnreadableObjectException extends IOException {
    public UnreadableObjectException(String reason) {
        super(reason);
    }
}
