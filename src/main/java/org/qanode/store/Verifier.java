package org.qanode.store;

import org.qanode.dicom.UidCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.qanode.store.VerifyReport.Kind;
import org.qanode.store.VerifyReport.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a state's files against its index, and with repair brings the index in line. */
final class Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
    /**
     * A staging file untouched this long belongs to no live transfer: a transfer writes it
     * continuously and renames it within milliseconds of the last byte.
     */
    static final Duration STALE = Duration.ofHours(1);

    private final StateStore store;
    private final StoreLayout layout;

    Verifier(StateStore store, StoreLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    VerifyReport verify(String state, boolean repair) throws IOException {
        List<InstanceRecord> rows = store.query(c -> IndexDao.allVersions(c, state));
        Map<String, List<InstanceRecord>> byPath = new LinkedHashMap<>();
        for (InstanceRecord r : rows) {
            byPath.computeIfAbsent(r.filePath(), k -> new ArrayList<>()).add(r);
        }
        List<Problem> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<InstanceRecord>> e : byPath.entrySet()) {
            Path file = layout.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                for (InstanceRecord r : e.getValue()) {
                    problems.add(new Problem(Kind.MISSING, r.sopInstanceUid(), e.getKey(), "version " + r.version()));
                    flag(repair, r, Integrity.MISSING, "file missing: " + e.getKey());
                }
                continue;
            }
            Part10.DatasetDigest digest = Part10.digestDataset(file);
            checked++;
            for (InstanceRecord r : e.getValue()) {
                if (!digest.sha256().equals(r.sha256())) {
                    problems.add(new Problem(Kind.CORRUPTED, r.sopInstanceUid(), e.getKey(),
                            "version " + r.version() + ": sha256 " + digest.sha256() + ", indexed " + r.sha256()));
                    flag(repair, r, Integrity.CORRUPTED, "sha256 mismatch: " + e.getKey());
                } else {
                    flag(repair, r, Integrity.OK, "file intact: " + e.getKey());
                }
            }
        }
        Path dir = layout.stateDir(state);
        if (Files.isDirectory(dir)) {
            for (Path file : list(dir)) {
                String relative = layout.relativize(file);
                if (Files.isRegularFile(file) && relative.endsWith(StoreLayout.SUFFIX) && !byPath.containsKey(relative)) {
                    String uid = StoreLayout.uidOfFileName(file.getFileName().toString());
                    String detail = repair ? reindex(state, file) : "not in the index";
                    problems.add(new Problem(Kind.UNINDEXED, uid, relative, detail));
                }
            }
            staleTemps(state, repair, problems);
        }
        LOG.info("verify {}: {} files hashed, {} problems{}", state, checked, problems.size(), repair ? ", repaired" : "");
        return new VerifyReport(state, checked, List.copyOf(problems), repair);
    }

    /** Sets a row's integrity when repairing and it changed, with an event saying so. */
    private void flag(boolean repair, InstanceRecord r, Integrity integrity, String detail) {
        if (!repair || r.integrity() == integrity) {
            return;
        }
        store.transaction(c -> {
            IndexDao.setIntegrity(c, r.id(), integrity);
            IndexDao.insertEvent(c, r.state(), r.sopInstanceUid(), StoreEvent.Kind.INTEGRITY_CHANGED,
                    "version " + r.version() + " " + r.integrity() + " -> " + integrity + ": " + detail);
            return null;
        });
    }

    /** Indexes a file found without a row, as if it had just been received; says what happened. */
    private String reindex(String state, Path file) throws IOException {
        HeaderReader.Header h = HeaderReader.read(file, null);
        if (h.invalid() != null) {
            return "not repaired: " + h.invalid();
        }
        String uid = h.datasetSopInstanceUid() != null ? h.datasetSopInstanceUid()
                : StoreLayout.uidOfFileName(file.getFileName().toString());
        if (!UidCheck.isPathSafe(uid)) {
            return "not repaired: no usable SOP Instance UID" + (h.parseError() != null ? " (" + h.parseError() + ")" : "");
        }
        Part10.DatasetDigest digest = Part10.digestDataset(file);
        OffsetDateTime modified = OffsetDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneOffset.UTC);
        InstanceRecord draft = new InstanceRecord(0, state, uid, 0, true, h.fields(),
                h.transferSyntaxUid() == null ? "" : h.transferSyntaxUid(), digest.size(), digest.sha256(), modified,
                h.sourceAeTitle(), null, h.parseError(), Integrity.OK);
        try {
            store.ensureStateRow(state);
            // the journal holds a small file whole; a large one it names, so that one is fsynced first
            ByteBuffer held = null;
            if (Files.size(file) > CommitJournal.INLINE_MAX) {
                DurableFile.fsyncIfPresent(file);
            } else {
                held = ByteBuffer.wrap(Files.readAllBytes(file));
            }
            Filing.Outcome outcome = store.commits().file(file, held, draft, null);
            String detail = switch (outcome.kind()) {
                case DUPLICATE -> "duplicate of indexed version " + outcome.record().version() + ", extra copy removed";
                case REPAIRED -> "copy of indexed version " + outcome.record().version() + " whose file was "
                        + outcome.damage() + ": moved into its place";
                case STORED, REPLACED -> "indexed as version " + outcome.record().version() + " at "
                        + outcome.record().filePath();
            };
            store.recordEvent(state, uid, StoreEvent.Kind.REINDEXED, layout.relativize(file) + ": " + detail);
            if (outcome.kind() == FilingKind.REPAIRED) {
                LOG.info("{}/{}: REPAIRED from unindexed file {}: {}", state, uid, layout.relativize(file), detail);
            }
            return detail;
        } catch (SQLException e) {
            throw new StoreException("index: " + e.getMessage(), e);
        }
    }

    /**
     * {@code .part} files in the state's folder and its staging folder that no live transfer
     * holds (their writer's lock died with it, {@link DurableFile#isLeftover}), and other staging
     * files untouched for {@link #STALE}.
     */
    private void staleTemps(String state, boolean repair, List<Problem> problems) throws IOException {
        Path incoming = layout.incomingDir(state);
        Instant cutoff = Instant.now().minus(STALE);
        List<Path> candidates = new ArrayList<>(list(layout.stateDir(state)));
        if (Files.isDirectory(incoming)) {
            candidates.addAll(list(incoming));
        }
        for (Path file : candidates) {
            if (!Files.isRegularFile(file) || !file.getFileName().toString().endsWith(DurableFile.TEMP_SUFFIX)) {
                continue;
            }
            if (SpareFiles.isSpare(file) && Files.size(file) == 0) {
                // a running node's spare (opening it here would drop its lock: POSIX locks are
                // per process), or one a crash left, which the next start removes: it holds nothing
                continue;
            }
            Boolean leftover = DurableFile.isLeftover(file, repair);
            if (leftover == null) {
                // no locks on this file system: only the age tells
                leftover = Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
                if (leftover && repair) {
                    Files.deleteIfExists(file);
                }
            }
            if (leftover) {
                problems.add(new Problem(Kind.PARTIAL, null, layout.relativize(file),
                        repair ? "deleted" : "part of a transfer no process is writing (kill -9, crash)"));
            }
        }
        if (!Files.isDirectory(incoming)) {
            return;
        }
        for (Path file : list(incoming)) {
            if (file.getFileName().toString().endsWith(DurableFile.TEMP_SUFFIX)) {
                continue;
            }
            if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                if (repair) {
                    Files.deleteIfExists(file);
                }
                problems.add(new Problem(Kind.STALE_TEMP, null, layout.relativize(file),
                        repair ? "deleted" : "incomplete transfer left behind"));
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
