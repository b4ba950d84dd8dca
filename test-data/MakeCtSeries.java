import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.Tags;
import org.qanode.dicom.UID;
import org.qanode.dicom.VR;
import org.qanode.dicom.io.DicomFile;
import org.qanode.dicom.io.DicomReader;
import org.qanode.dicom.io.DicomWriter;
import org.qanode.dicom.io.TransferSyntax;

/**
 * Writes a CT "series" of N files for benchmarks: copies of the CT samples of the corpus
 * (ct/*.dcm), round robin, each with a new SOP Instance UID (2.25 UUID) and Instance Number,
 * written by our DicomWriter in the sample's own transfer syntax. Single-file program:
 *
 *   java -cp target/classes test-data/MakeCtSeries.java SAMPLES_CT_DIR OUT_DIR [N=1000]
 */
public class MakeCtSeries {
    public static void main(String[] args) throws Exception {
        Path ctDir = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        List<Path> sources;
        try (Stream<Path> s = Files.list(ctDir)) {
            sources = s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(Collectors.toList());
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            DicomFile f = DicomReader.readFile(sources.get(i % sources.size()));
            Dataset ds = f.dataset();
            ds.setString(Tags.SOPInstanceUID, VR.UI, UID.toUuidUid());
            ds.setInt(0x00200013, VR.IS, i + 1);
            TransferSyntax ts = f.transferSyntax().encapsulated() ? TransferSyntax.EXPLICIT_LE : f.transferSyntax();
            Path file = out.resolve(String.format("CT%05d.dcm", i + 1));
            DicomWriter.writeFile(file, ds, ts);
            bytes += Files.size(file);
        }
        System.out.printf("wrote %d files, %.1f MB, into %s%n", n, bytes / 1e6, out);
    }
}
