package org.qanode.store;

import java.nio.file.Path;

/** The store contract on PostgreSQL, a fresh schema per test. */
class StateStorePostgresTest extends StateStoreContract {
    private String base;
    private String schema;
    private String url;

    @Override
    String indexUrl(Path tempDir) throws Exception {
        if (url == null) {
            base = PostgresTestDatabase.serverUrl();
            StringBuilder name = new StringBuilder();
            url = PostgresTestDatabase.newSchema(base, name);
            schema = name.toString();
        }
        return url;
    }

    @Override
    String storeUrl() {
        return url;
    }

    @Override
    void dropIndex() throws Exception {
        if (schema != null) {
            PostgresTestDatabase.dropSchema(base, schema);
        }
    }
}
