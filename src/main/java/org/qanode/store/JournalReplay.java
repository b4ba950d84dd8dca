package org.qanode.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up recovery from the {@link CommitJournal} (docs/store.md "Commit journal"): every object
 * the journal holds was answered Success or is about to be, so after a crash each of its records
 * is brought back to what the pipeline had done before the next checkpoint would have made it
 * durable in place:
 * <ul>
 * <li>a record above the highest journal sequence number any index row or event carries (the
 * index lost its rows: power cut before the index reached the disk) is filed again, in journal order, exactly as the pipeline
 * filed it (same version numbering, same events, one transaction per record);
 * <li>a record at or below it has its rows; its file is checked against the digest and written
 * again from the journal when it is missing or damaged (a move or file data that did not reach
 * the disk), unless no row holds that file any more (its state was deleted since);
 * <li>records of a group that failed after its journal fsync (an abort record follows) are skipped.
 * </ul>
 * Then the files, folders and index are fsynced and the caller empties the journal. Runs before
 * the store accepts anything, on the opening thread.
 */
final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

    /** What a replay did; {@code lastSeq}: the highest sequence number the journal or index had used. */
    record Result(long records, long refiled, long restored, long lost, long lastSeq, boolean cut) {
    }

    private final StoreLayout layout;
    private final IndexDatabase db;
    private final Filing filing;
    private final Set<Path> touchedFiles = new LinkedHashSet<>();
    private final Set<Path> touchedDirs = new LinkedHashSet<>();
    private long refiled;
    private long restored;
    private long lost;

    private JournalReplay(StoreLayout layout, IndexDatabase db, Filing filing) {
        this.layout = layout;
        this.db = db;
        this.filing = filing;
    }

    static Result replay(StoreLayout layout, IndexDatabase db, Filing filing) throws IOException, SQLException {
        return new JournalReplay(layout, db, filing).run(CommitJournal.path(layout.dataDir()));
    }

    private Result run(Path journal) throws IOException, SQLException {
        List<long[]> aborted = new ArrayList<>();
        long[] last = {0};
        CommitJournal.ReadResult scan = CommitJournal.read(journal, new CommitJournal.Visitor() {
            @Override
            public void file(CommitJournal.Entry e) {
                last[0] = Math.max(last[0], e.seq());
            }

            @Override
            public void abort(long from, long to) {
                aborted.add(new long[] {from, to});
                last[0] = Math.max(last[0], to);
            }
        });
        long applied;
        try (Connection c = db.connection()) {
            applied = IndexDao.journalApplied(c);
        }
        // numbers below the cycle's start were used by earlier cycles, even if neither holds them now
        long lastSeq = Math.max(Math.max(applied, last[0]), scan.startSeq() - 1);
        if (scan.cut()) {
            // never fsynced, so no response depended on it: the end of a group cut by the crash
            LOG.warn("journal {}: record at byte {} cut or damaged; the {} record(s) before it are replayed, "
                    + "the rest was never confirmed", journal, scan.end(), scan.records());
        }
        if (scan.records() == 0) {
            return new Result(0, 0, 0, 0, lastSeq, scan.cut());
        }
        LOG.info("journal {}: {} record(s) since the last checkpoint (index applied up to {}); recovering",
                journal, scan.records(), applied);
        CommitJournal.read(journal, e -> {
            for (long[] a : aborted) {
                if (e.seq() >= a[0] && e.seq() <= a[1]) {
                    return;
                }
            }
            if (e.seq() > applied) {
                refile(e);
            } else {
                restoreFile(e);
            }
        });
        for (Path f : touchedFiles) {
            DurableFile.fsyncIfPresent(f);
        }
        for (Path d : touchedDirs) {
            if (Files.isDirectory(d)) {
                Filing.fsyncDirectory(d);
            }
        }
        try (Connection c = db.connection()) {
            db.forceCommitted(c);
        }
        LOG.info("journal {}: {} object(s) filed again, {} file(s) restored, {} lost", journal, refiled, restored,
                lost);
        return new Result(scan.records(), refiled, restored, lost, lastSeq, scan.cut());
    }

    /** The index lost this record's rows: file it again, as the pipeline did. */
    private void refile(CommitJournal.Entry e) throws IOException, SQLException {
        InstanceRecord draft = e.draft();
        String state = draft.state();
        Path incoming = layout.incomingDir(state);
        FileModes.createDirectories(incoming);
        Path staged = layout.resolve(e.staged());
        Path temp = null;
        if (e.content() != null) {
            temp = writeDurably(incoming, e.content());
            staged = temp;
        } else if (!Files.isRegularFile(staged)) {
            Path target = layout.resolve(layout.relativeFile(state, draft.sopInstanceUid(), draft.sha256()));
            if (Filing.damage(target, draft.sha256()) != null) {
                lostObject(e, "neither its staging file nor its stored copy is there");
                return;
            }
            staged = target; // moved before the crash: index it where it is
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Filing.Batch batch = new Filing.Batch(c)) {
                IndexDao.createState(c, state);
                batch.seq = e.seq();
                filing.file(batch, staged, draft, e.uidMismatch());
                c.commit();
                touchedFiles.addAll(batch.moved);
                touchedDirs.addAll(batch.directories);
            } catch (IOException | SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            } finally {
                c.setAutoCommit(true);
            }
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp); // moved into place (gone) or a duplicate
            }
        }
        deleteStaleStaging(e);
        refiled++;
        LOG.info("journal: {}/{} filed again (sequence {})", state, draft.sopInstanceUid(), e.seq());
    }

    /** The index has this record's rows: make sure the file they name is there and intact. */
    private void restoreFile(CommitJournal.Entry e) throws IOException, SQLException {
        InstanceRecord draft = e.draft();
        String state = draft.state();
        String relative = layout.relativeFile(state, draft.sopInstanceUid(), draft.sha256());
        boolean indexed;
        try (Connection c = db.connection()) {
            indexed = IndexDao.fileIndexed(c, state, relative);
        }
        if (!indexed) {
            deleteStaleStaging(e); // the state (or the version) was deleted since
            return;
        }
        Path target = layout.resolve(relative);
        String damage = Filing.damage(target, draft.sha256());
        if (damage == null) {
            deleteStaleStaging(e);
            return;
        }
        Path staged = layout.resolve(e.staged());
        if (e.content() != null) {
            FileModes.createDirectories(layout.incomingDir(state));
            staged = writeDurably(layout.incomingDir(state), e.content());
        } else if (!Files.isRegularFile(staged)) {
            lostObject(e, "its stored copy is " + damage + " and its staging file is gone");
            return;
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        touchedFiles.add(target);
        touchedDirs.add(target.getParent());
        deleteStaleStaging(e);
        restored++;
        LOG.warn("journal: {}/{}: stored copy was {} after the crash; written again from the journal", state,
                draft.sopInstanceUid(), damage);
    }

    /** An inline record's staging file is redundant once its bytes are in place from the journal. */
    private void deleteStaleStaging(CommitJournal.Entry e) throws IOException {
        if (e.content() != null) {
            Files.deleteIfExists(layout.resolve(e.staged()));
        }
    }

    private void lostObject(CommitJournal.Entry e, String why) {
        lost++;
        LOG.error("journal: {}/{} (sequence {}) answered Success but cannot be recovered: {}", e.draft().state(),
                e.draft().sopInstanceUid(), e.seq(), why);
    }

    /** A new staging file holding {@code content}, fsynced, in {@code dir} (also fsynced). */
    private Path writeDurably(Path dir, byte[] content) throws IOException {
        Path temp = Files.createTempFile(dir, DurableFile.TEMP_PREFIX, DurableFile.TEMP_SUFFIX);
        FileModes.file(temp);
        Files.write(temp, content);
        DurableFile.fsyncIfPresent(temp);
        return temp;
    }
}
