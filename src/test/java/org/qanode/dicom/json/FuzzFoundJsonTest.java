package org.qanode.dicom.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Inputs the fuzzer (issue 11) found, kept in test-data/fuzz/json/: each is refused with the reader's own exception. */
class FuzzFoundJsonTest {
    private static final Path DIR = Path.of("test-data", "fuzz", "json");

    /** A DS number longer than 16 characters that overflows a double: was a NumberFormatException. */
    @Test
    void decimalStringBeyondDouble() {
        assertThatThrownBy(() -> read("ds-number-beyond-double.json"))
                .isInstanceOf(DicomJsonException.class)
                .hasMessageContaining("not a value of VR DS");
    }

    /** A file: BulkDataURI with an authority (file://host/...): was an IllegalArgumentException. */
    @Test
    void bulkDataUriWithAuthority() {
        assertThatThrownBy(() -> read("bulkdatauri-with-authority.json"))
                .isInstanceOf(DicomJsonException.class)
                .hasMessageContaining("cannot resolve BulkDataURI");
        assertThatThrownBy(() -> read("bulkdatauri-with-authority-in-fragment.json"))
                .isInstanceOf(DicomJsonException.class)
                .hasMessageContaining("cannot resolve BulkDataURI");
    }

    private static void read(String name) throws IOException {
        try (var in = Files.newInputStream(DIR.resolve(name))) {
            new DicomJsonReader().read(in);
        }
    }
}
