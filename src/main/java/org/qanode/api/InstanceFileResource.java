package org.qanode.api;

import org.qanode.account.Role;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.qanode.store.InstanceRecord;
import org.qanode.store.StateNames;
import org.qanode.store.StateStore;

/**
 * {@code GET /api/v1/states/{name}/instances/{uid}/file}: the current version of an object as
 * stored, a DICOM Part 10 file (PS3.10), byte for byte. For the UI's download link and scripts.
 */
final class InstanceFileResource {
    private final StateStore store;

    InstanceFileResource(StateStore store) {
        this.store = store;
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/api/v1/states/{name}/instances/{uid}/file", Role.VIEWER, this::file));
    }

    private ApiResponse file(ApiRequest r) throws Exception {
        String name = r.pathParam("name");
        String uid = r.pathParam("uid");
        if (!StateNames.isValid(name) || store.state(name).isEmpty()) {
            throw ApiException.notFound("no state '" + name + "'");
        }
        InstanceRecord row = store.currentInstance(name, uid)
                .orElseThrow(() -> ApiException.notFound("state '" + name + "' has no object '" + uid + "'"));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(store.resolve(row));
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("the file of object '" + uid + "' in state '" + name
                    + "' is missing from the data directory (qanode store verify)");
        }
        String file = uid.replaceAll("[^0-9.]", "_") + ".dcm";
        return ApiResponse.raw(200, "application/dicom", bytes)
                .withHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .withHeader("X-Content-Type-Options", "nosniff");
    }
}
