package org.qanode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the index, one method per statement, on a connection the caller owns (so the
 * caller decides the transaction). Plain SQL that H2 and PostgreSQL both run.
 */
final class IndexDao {
    static final String UNIQUE_VIOLATION = "23505";

    private static final String COLUMNS = "id, state, sop_instance_uid, version, is_current, sop_class_uid, patient_id, "
            + "patient_name, study_instance_uid, series_instance_uid, modality, rt_plan_label, rt_plan_date, "
            + "referenced_plan_uid, transfer_syntax_uid, size_bytes, sha256, received_at, calling_ae_title, "
            + "file_path, parse_error, integrity";

    /**
     * Every version of one object, once per stored object. The ORDER BY names the whole unique
     * key (state and UID are fixed by the WHERE, so the order is the same as by version alone)
     * because H2 plans a statement once, often on an empty table, and for "ORDER BY version"
     * it then picks the foreign-key index on state alone: every object then scanned all rows
     * of its state (measured: 3 ms per lookup at 5,000 rows, against 13 us on the unique
     * index). Ordered by the unique key, the unique index is the plan from the start (issue 16).
     */
    static final String VERSIONS = "SELECT " + COLUMNS
            + " FROM instances WHERE state = ? AND sop_instance_uid = ? ORDER BY state, sop_instance_uid, version";
    private static final String INSERT = "INSERT INTO instances (state, sop_instance_uid, version, is_current, "
            + "sop_class_uid, patient_id, patient_name, study_instance_uid, series_instance_uid, modality, rt_plan_label, "
            + "rt_plan_date, referenced_plan_uid, transfer_syntax_uid, size_bytes, sha256, received_at, calling_ae_title, "
            + "file_path, parse_error, integrity, journal_seq) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SET_CURRENT = "UPDATE instances SET is_current = ? WHERE id = ?";
    private static final String SET_INTEGRITY = "UPDATE instances SET integrity = ? WHERE id = ?";
    private static final String INSERT_EVENT =
            "INSERT INTO events (state, sop_instance_uid, kind, detail, occurred_at, journal_seq) VALUES (?, ?, ?, ?, ?, ?)";

    private IndexDao() {
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    // ------------------------------------------------------------------ states

    static boolean stateExists(Connection c, String state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM states WHERE name = ?")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Creates the state row unless it exists; true if this call created it. Autocommit connection. */
    static boolean createState(Connection c, String state) throws SQLException {
        if (stateExists(c, state)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO states (name, created_at) VALUES (?, ?)")) {
            ps.setString(1, state);
            ps.setObject(2, now());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            // Two associations creating the same state at once: the other one won, fine.
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    static boolean deleteState(Connection c, String state) throws SQLException {
        // Explicit deletes rather than relying on ON DELETE CASCADE alone: same result, and
        // it keeps working if a later migration adds a table without a cascade.
        for (String table : new String[] {"events", "instances"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE state = ?")) {
                ps.setString(1, state);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM states WHERE name = ?")) {
            ps.setString(1, state);
            return ps.executeUpdate() > 0;
        }
    }

    static List<StateSummary> states(Connection c, String onlyState) throws SQLException {
        Map<String, OffsetDateTime> created = new LinkedHashMap<>();
        String where = onlyState == null ? "" : " WHERE name = ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT name, created_at FROM states" + where + " ORDER BY name")) {
            if (onlyState != null) {
                ps.setString(1, onlyState);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    created.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
                }
            }
        }
        Map<String, Map<String, Long>> byClass = new LinkedHashMap<>();
        Map<String, Long> unreadable = new LinkedHashMap<>();
        String sql = "SELECT state, COALESCE(sop_class_uid, ''), COUNT(*), "
                + "SUM(CASE WHEN parse_error IS NULL AND integrity = 'OK' THEN 0 ELSE 1 END) "
                + "FROM instances WHERE is_current = TRUE" + (onlyState == null ? "" : " AND state = ?")
                + " GROUP BY state, COALESCE(sop_class_uid, '') ORDER BY state, COALESCE(sop_class_uid, '')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (onlyState != null) {
                ps.setString(1, onlyState);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byClass.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
                    unreadable.merge(rs.getString(1), rs.getLong(4), Long::sum);
                }
            }
        }
        List<StateSummary> out = new ArrayList<>();
        for (Map.Entry<String, OffsetDateTime> e : created.entrySet()) {
            Map<String, Long> counts = byClass.getOrDefault(e.getKey(), Map.of());
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            out.add(new StateSummary(e.getKey(), e.getValue(), total, Map.copyOf(counts),
                    unreadable.getOrDefault(e.getKey(), 0L)));
        }
        return out;
    }

    // --------------------------------------------------------------- instances

    /** Every version of one object in a state, oldest first. */
    static List<InstanceRecord> versions(Connection c, String state, String uid) throws SQLException {
        try (StatementCache s = new StatementCache(c)) {
            return versions(s, state, uid);
        }
    }

    static List<InstanceRecord> versions(StatementCache s, String state, String uid) throws SQLException {
        return rows(s.prepare(VERSIONS), state, uid);
    }

    static List<InstanceRecord> allVersions(Connection c, String state) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM instances WHERE state = ? ORDER BY sop_instance_uid, version", state);
    }

    static List<InstanceRecord> current(Connection c, String state) throws SQLException {
        return select(c, "SELECT " + COLUMNS + " FROM instances WHERE state = ? AND is_current = TRUE "
                + "ORDER BY sop_instance_uid", state);
    }

    static InstancePage page(Connection c, String state, InstanceQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE state = ?");
        args.add(state);
        if (!q.includeHistory()) {
            where.append(" AND is_current = TRUE");
        }
        if (q.patientId() != null) {
            where.append(" AND patient_id = ?");
            args.add(q.patientId());
        }
        if (q.sopClassUid() != null) {
            where.append(" AND sop_class_uid = ?");
            args.add(q.sopClassUid());
        }
        if (q.modality() != null) {
            where.append(" AND modality = ?");
            args.add(q.modality());
        }
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM instances" + where)) {
            bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        args.add(q.limit());
        args.add(q.offset());
        List<InstanceRecord> items = select(c, "SELECT " + COLUMNS + " FROM instances" + where
                + " ORDER BY patient_id, sop_instance_uid, version LIMIT ? OFFSET ?", args.toArray());
        return new InstancePage(total, items);
    }

    /** {@code journalSeq}: the commit journal's sequence number of the object, null outside the pipeline. */
    static void insert(StatementCache s, InstanceRecord r, Long journalSeq) throws SQLException {
        IndexFields f = r.fields();
        PreparedStatement ps = s.prepare(INSERT);
        bind(ps, r.state(), r.sopInstanceUid(), r.version(), r.current(), f.sopClassUid(), f.patientId(),
                f.patientName(), f.studyInstanceUid(), f.seriesInstanceUid(), f.modality(), f.rtPlanLabel(),
                f.rtPlanDate(), f.referencedPlanUid(), r.transferSyntaxUid(), r.sizeBytes(), r.sha256(),
                r.receivedAt(), IndexFields.clip(r.callingAeTitle(), 16), r.filePath(),
                IndexFields.clip(r.parseError(), 1024), r.integrity().name(), journalSeq);
        bindSeq(ps, 22, journalSeq);
        ps.executeUpdate();
    }

    static void setCurrent(StatementCache s, long id, boolean current) throws SQLException {
        PreparedStatement ps = s.prepare(SET_CURRENT);
        bind(ps, current, id);
        ps.executeUpdate();
    }

    static void setIntegrity(Connection c, long id, Integrity integrity) throws SQLException {
        try (StatementCache s = new StatementCache(c)) {
            setIntegrity(s, id, integrity);
        }
    }

    static void setIntegrity(StatementCache s, long id, Integrity integrity) throws SQLException {
        PreparedStatement ps = s.prepare(SET_INTEGRITY);
        bind(ps, integrity.name(), id);
        ps.executeUpdate();
    }

    // ------------------------------------------------------------------ commit journal

    /**
     * How far the index got in the commit journal: the highest journal sequence number of any
     * row or event (migration 012); 0 when none has one.
     */
    static long journalApplied(Connection c) throws SQLException {
        long max = 0;
        for (String table : new String[] {"instances", "events"}) {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(journal_seq) FROM " + table);
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    max = Math.max(max, rs.getLong(1));
                }
            }
        }
        return max;
    }

    /** Whether a row (any version) of {@code state} holds the file {@code relativePath}. */
    static boolean fileIndexed(Connection c, String state, String relativePath) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM instances WHERE state = ? AND file_path = ?")) {
            bind(ps, state, relativePath);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // ------------------------------------------------------------------ events

    static void insertEvent(Connection c, String state, String uid, StoreEvent.Kind kind, String detail)
            throws SQLException {
        try (StatementCache s = new StatementCache(c)) {
            insertEvent(s, state, uid, kind, detail, null);
        }
    }

    static void insertEvent(StatementCache s, String state, String uid, StoreEvent.Kind kind, String detail,
            Long journalSeq) throws SQLException {
        PreparedStatement ps = s.prepare(INSERT_EVENT);
        bind(ps, state, uid, kind.name(), IndexFields.clip(detail, 1024), now(), journalSeq);
        bindSeq(ps, 6, journalSeq);
        ps.executeUpdate();
    }

    static List<StoreEvent> events(Connection c, String state) throws SQLException {
        List<StoreEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, state, sop_instance_uid, kind, detail, occurred_at "
                + "FROM events WHERE state = ? ORDER BY id")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoreEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                            StoreEvent.Kind.valueOf(rs.getString(4)), rs.getString(5), rs.getObject(6, OffsetDateTime.class)));
                }
            }
        }
        return out;
    }

    // ----------------------------------------------------------------- helpers

    private static List<InstanceRecord> select(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return rows(ps, args);
        }
    }

    /** Runs {@code ps} with {@code args}; the statement stays open (it may be a cached one). */
    private static List<InstanceRecord> rows(PreparedStatement ps, Object... args) throws SQLException {
        List<InstanceRecord> out = new ArrayList<>();
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static InstanceRecord row(ResultSet rs) throws SQLException {
        IndexFields f = new IndexFields(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14));
        return new InstanceRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5), f,
                rs.getString(15), rs.getLong(16), rs.getString(17), rs.getObject(18, OffsetDateTime.class),
                rs.getString(19), rs.getString(20), rs.getString(21), Integrity.valueOf(rs.getString(22)));
    }

    /** A null sequence number as BIGINT: PostgreSQL refuses a VARCHAR null for a BIGINT column. */
    private static void bindSeq(PreparedStatement ps, int index, Long seq) throws SQLException {
        if (seq == null) {
            ps.setNull(index, java.sql.Types.BIGINT);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }
}
