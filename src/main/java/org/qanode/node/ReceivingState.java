package org.qanode.node;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.qanode.store.IndexDatabase;
import org.qanode.store.StateNames;
import org.qanode.store.StoreException;

/**
 * Which state objects go to when the called AE title maps to none. Set over REST and kept in
 * the index (table node_settings), so it survives restarts; the configured
 * {@code dicom.receivingState} applies until the first PUT. Read on every C-STORE, hence cached.
 */
public final class ReceivingState {
    static final String KEY = "receiving_state";

    private final IndexDatabase db;
    private volatile String current;

    public ReceivingState(IndexDatabase db, String configured) {
        this.db = db;
        String stored = load(db);
        this.current = stored != null ? stored : StateNames.require(configured);
    }

    public String current() {
        return current;
    }

    /** Persists first, so a crash never leaves objects going somewhere the index does not say. */
    public synchronized void set(String state) {
        StateNames.require(state);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM node_settings WHERE name = ?");
                 PreparedStatement ins = c.prepareStatement(
                         "INSERT INTO node_settings (name, setting_value, updated_at) VALUES (?, ?, ?)")) {
                del.setString(1, KEY);
                del.executeUpdate();
                ins.setString(1, KEY);
                ins.setString(2, state);
                ins.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                ins.executeUpdate();
                c.commit();
                db.writeThrough(c);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("index: cannot save the receiving state: " + e.getMessage(), e);
        }
        current = state;
    }

    private static String load(IndexDatabase db) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT setting_value FROM node_settings WHERE name = ?")) {
            ps.setString(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("index: cannot read the receiving state: " + e.getMessage(), e);
        }
    }
}
