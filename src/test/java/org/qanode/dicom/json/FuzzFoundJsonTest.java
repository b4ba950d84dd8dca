package org.qanode.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * Integral numbers (IS written as a float, SV, UV) with an exponent in the hundreds of millions:
     * converting them to an integer made BigDecimal compute 10^470280010 (minutes: a hang); an
     * exponent beyond int was a NumberFormatException. Now refused at once.
     */
    @Test
    void integersWithHugeExponents() {
        for (String name : new String[] {"is-number-with-huge-exponent.json", "uv-number-with-huge-exponent.json",
            "sv-number-with-tiny-exponent.json", "is-number-with-exponent-beyond-int.json"}) {
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> read(name))
                    .as(name)
                    .isInstanceOf(DicomJsonException.class)
                    .hasMessageContaining("is not a value of VR"));
        }
    }

    /** The guard leaves ordinary integral numbers as they were read. */
    @Test
    void integralFloatsStillConvert() throws IOException {
        var ds = DicomJsonReader.fromJson("{\"00200013\":{\"vr\":\"IS\",\"Value\":[2.0,1E+2,2.50]},"
                + "\"00720083\":{\"vr\":\"UV\",\"Value\":[18446744073709551615,1.0E3]}}");
        assertThat(ds.getString(0x00200013)).isEqualTo("2");
        assertThat(ds.getStrings(0x00200013)).containsExactly("2", "100", "2.50");
        assertThat(ds.getStrings(0x00720083)).containsExactly("18446744073709551615", "1000");
    }

    private static void read(String name) throws IOException {
        try (var in = Files.newInputStream(DIR.resolve(name))) {
            new DicomJsonReader().read(in);
        }
    }
}
