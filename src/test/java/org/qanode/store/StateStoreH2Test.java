package org.qanode.store;

import java.nio.file.Path;

/** The store contract on embedded H2, the default index. */
class StateStoreH2Test extends StateStoreContract {
    private String url;

    @Override
    String indexUrl(Path tempDir) {
        if (url == null) {
            url = StateStore.defaultIndexUrl(tempDir.resolve("index-dir"));
        }
        return url;
    }

    @Override
    String storeUrl() {
        return url;
    }
}
