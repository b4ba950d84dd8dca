package org.qanode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The small JDBC helper of the node's own tables (comparisons, exports, webhook outbox,
 * settings): one statement per call on a pooled connection, failures as {@link StoreException}
 * naming the table. Timestamps are stored as UTC {@code TIMESTAMP WITH TIME ZONE} and read back
 * as ISO-8601 text with millisecond precision, the form of the REST API.
 */
public final class Jdbc {
    private final IndexDatabase db;
    private final String table;

    /** @param table named in error messages */
    public Jdbc(IndexDatabase db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public int update(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            int changed = ps.executeUpdate();
            db.writeThrough(c);
            return changed;
        } catch (SQLException e) {
            throw new StoreException("index: " + table + ": " + e.getMessage(), e);
        }
    }

    public <T> List<T> select(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("index: " + table + ": " + e.getMessage(), e);
        }
    }

    /** Binds {@code null} as NULL of unspecified type: the database infers it from the column. */
    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }

    /** Now, as stored. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** A timestamp column as ISO-8601 UTC text ({@code 2026-11-22T22:00:00.123Z}), or null. */
    public static String time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replace("+00:00", "Z");
    }

    /** An integer column that may be NULL. */
    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
