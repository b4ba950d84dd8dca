package org.qanode.audit;

import org.junit.jupiter.api.AfterEach;
import org.qanode.store.PostgresTestDatabase;

/** {@link AuditTrailTest} on PostgreSQL (migration 007 and the trail's queries), in a schema of its own. */
class AuditTrailPostgresTest extends AuditTrailTest {
    private String base;
    private final StringBuilder schema = new StringBuilder();

    @Override
    String indexUrl() throws Exception {
        base = PostgresTestDatabase.serverUrl();
        return PostgresTestDatabase.newSchema(base, schema);
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema.length() > 0) {
            PostgresTestDatabase.dropSchema(base, schema.toString());
        }
    }
}
