package org.qanode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one unit of work on one connection, each prepared once and reused
 * (issue 16): a commit group runs the same few statements for every object, and preparing one
 * costs a parse and plan in embedded H2 and a round trip on PostgreSQL. Not thread-safe, like
 * the connection it belongs to; closing it closes the statements, not the connection.
 */
final class StatementCache implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The statement of {@code sql}, prepared on first use; its parameters are set anew by every caller. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    @Override
    public void close() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // a broken connection: closing it (the caller's job) discards its statements
            }
        }
        statements.clear();
    }
}
