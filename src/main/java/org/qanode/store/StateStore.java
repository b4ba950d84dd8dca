package org.qanode.store;

import org.qanode.dicom.UidCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.qanode.dicom.Dataset;
import org.qanode.dicom.io.DicomWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state store: received objects filed under named states, as Part 10 files under the data
 * directory ({@link StoreLayout}) and one JDBC index row per stored version.
 *
 * <p>{@link #begin} receives an object; its {@link IncomingObject#commit} returns only once the
 * object is durable on disk and indexed. A SOP Instance UID received
 * again in the same state with the same data set bytes (SHA-256) is Success without a copy;
 * with different bytes the new version becomes current, the old one is kept (not current) and
 * a {@link StoreEvent.Kind#REPLACED} event is recorded.
 *
 * <p>Thread-safe: the C-STORE SCP calls it from one thread per association, many at once.
 * One process writes a data directory at a time (embedded H2 enforces this with its lock file).
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private final StoreLayout layout;
    private final IndexDatabase db;
    private final CommitPipeline commits;
    private final CommitJournal journal;
    /** States known to have their index row and folder: saves a lookup per object. */
    private final java.util.Set<String> knownStates = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile StoreFaults faults = StoreFaults.NONE;

    private final FreeSpace freeSpace;
    /** Staging files made ahead per state, so that an object does not wait for its file's creation. */
    private final SpareFiles spares = new SpareFiles();

    /** Objects larger than what is held in memory are written around the page cache ({@link DirectOutput}). */
    private final boolean directWrites;

    private StateStore(StoreLayout layout, IndexDatabase db, FreeSpace freeSpace, boolean directWrites, Filing filing,
            CommitJournal journal, long nextSeq) {
        this.layout = layout;
        this.db = db;
        this.freeSpace = freeSpace;
        this.directWrites = directWrites;
        this.journal = journal;
        this.commits = new CommitPipeline(filing, layout, journal, nextSeq, db, () -> faults, knownStates::clear);
    }

    /** {@code storage.minFreeBytes} not set: the larger of 1 GiB and 2 % of the data directory's volume. */
    public static final long DEFAULT_MIN_FREE_BYTES = FreeSpace.DEFAULT;

    /**
     * Opens the store on {@code dataDir} (created if missing) and the index at {@code jdbcUrl}
     * (migrated to the current schema), without a free-space watermark: for tools and tests.
     */
    public static StateStore open(Path dataDir, String jdbcUrl) throws IOException, SQLException {
        return open(dataDir, jdbcUrl, 0);
    }

    /**
     * Opens the store with a free-space watermark: below {@code minFreeBytes} free on the data
     * directory's volume new objects are refused ({@link StoreException.Reason#OUT_OF_SPACE});
     * 0 disables it, {@link #DEFAULT_MIN_FREE_BYTES} is the larger of 1 GiB and 2 % of the volume.
     */
    public static StateStore open(Path dataDir, String jdbcUrl, long minFreeBytes) throws IOException, SQLException {
        return open(dataDir, jdbcUrl, minFreeBytes, true);
    }

    /**
     * As {@link #open(Path, String, long)}; {@code directWrites} false writes every object through
     * the page cache ({@code storage.directWrites}: an operator's way back should a file system
     * accept {@code O_DIRECT} and serve it badly).
     */
    public static StateStore open(Path dataDir, String jdbcUrl, long minFreeBytes, boolean directWrites)
            throws IOException, SQLException {
        StoreLayout layout = new StoreLayout(dataDir);
        FileModes.createDirectories(layout.statesDir());
        try {
            FileModes.directory(layout.dataDir());
        } catch (IOException e) {
            // not ours to change (another owner): the files and folders inside still are
            LOG.warn("cannot set mode 0750 on the data directory {}: {}", layout.dataDir(), e.toString());
        }
        FreeSpace freeSpace = FreeSpace.of(layout.statesDir(), minFreeBytes);
        IndexDatabase db = IndexDatabase.open(jdbcUrl);
        int block = directWrites ? DirectOutput.blockSize(layout.statesDir()) : 0;
        LOG.info("state store at {} with index {}, storage.minFreeBytes {}, storage.directWrites {}", layout.dataDir(),
                db.displayUrl(),
                freeSpace.minFreeBytes() == 0 ? "0 (no watermark)" : FreeSpace.bytes(freeSpace.minFreeBytes()),
                !directWrites ? "false" : block > 0 ? "true (" + block + "-byte blocks)" : "true, but not on this file system");
        try {
            Filing filing = new Filing(layout);
            // before anything is accepted: what the journal holds since the last checkpoint is
            // brought into place (a crash), then the journal starts empty
            JournalReplay.Result replayed = JournalReplay.replay(layout, db, filing);
            removeEmptyStagingFiles(layout);
            CommitJournal journal = CommitJournal.open(layout.dataDir());
            journal.reset(replayed.lastSeq() + 1);
            return new StateStore(layout, db, freeSpace, directWrites, filing, journal, replayed.lastSeq() + 1);
        } catch (IOException | SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Spares a crash left, and transfers cut before their first byte reached the file: nothing in them. */
    private static void removeEmptyStagingFiles(StoreLayout layout) throws IOException {
        List<Path> states;
        try (Stream<Path> s = Files.list(layout.statesDir())) {
            states = s.filter(Files::isDirectory).toList();
        }
        int removed = 0;
        for (Path state : states) {
            removed += SpareFiles.removeLeftovers(layout.incomingDir(state.getFileName().toString()));
        }
        if (removed > 0) {
            LOG.info("removed {} empty staging file(s) left by an unclean stop", removed);
        }
    }

    /** The default index URL for a data directory: embedded H2 in {@code DIR/index}. */
    public static String defaultIndexUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("index").toString().replace('\\', '/');
    }

    // --------------------------------------------------------------- receiving

    boolean directWrites() {
        return directWrites;
    }

    /**
     * Starts receiving an object into {@code state} (created if new). The SOP Instance UID is
     * checked before it touches a path.
     *
     * @throws StoreException INVALID_STATE, INVALID_UID, or UNAVAILABLE when the folder or the
     *                        index cannot be written
     */
    public IncomingObject begin(Arrival arrival, String state) {
        if (!StateNames.isValid(state)) {
            throw new StoreException(StoreException.Reason.INVALID_STATE, "no valid state: " + state, null);
        }
        String uid = arrival.sopInstanceUid();
        if (!UidCheck.isPathSafe(uid)) {
            LOG.warn("{}: refused SOP Instance UID '{}': not a UID (digits and dots, at most 64)", arrival.peer(), uid);
            throw new StoreException(StoreException.Reason.INVALID_UID, "invalid SOP Instance UID: " + uid, null);
        }
        if (!UidCheck.isConformant(uid)) {
            LOG.warn("{}: SOP Instance UID {} has a component with a leading zero (PS3.5 9.1); accepted",
                    arrival.peer(), uid);
        }
        String shortfall = freeSpace.shortfall();
        if (shortfall != null) {
            // before a byte is written: PS3.4 B.2.3 Refused: Out of Resources (A700)
            throw new StoreException(StoreException.Reason.OUT_OF_SPACE, "cannot store " + uid + ": " + shortfall, null);
        }
        try {
            Path incoming = layout.incomingDir(state);
            if (!knownStates.contains(state) || !Files.isDirectory(incoming)) {
                ensureStateRow(state);
                FileModes.createDirectories(incoming);
                // the folders' own entries: the journal names files in them (once per state and run)
                Filing.fsyncDirectory(layout.statesDir());
                Filing.fsyncDirectory(layout.stateDir(state));
                knownStates.add(state);
            }
            Dataset meta = DicomWriter.createFileMetaInformation(arrival.sopClassUid(), uid,
                    arrival.transferSyntaxUid(), arrival.sender());
            return new IncomingObject(this, state, arrival, incoming.resolve(UUID.randomUUID() + StoreLayout.SUFFIX),
                    meta, spares.take(incoming));
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot receive {} into state {}: {}", arrival.peer(), uid, state, e.toString());
            throw new StoreException("cannot receive into state " + state + ": " + e, e);
        }
    }


    // ------------------------------------------------------------ read API

    /** Every state with its counts of current objects, by name. */
    public List<StateSummary> listStates() {
        return query(c -> IndexDao.states(c, null));
    }

    public Optional<StateSummary> state(String name) {
        StateNames.require(name);
        return query(c -> IndexDao.states(c, name)).stream().findFirst();
    }

    /** One page of a state's objects (current versions unless the query asks for history). */
    public InstancePage listInstances(String state, InstanceQuery q) {
        StateNames.require(state);
        return query(c -> IndexDao.page(c, state, q));
    }

    /** All current objects of a state by SOP Instance UID: what the comparator pairs. */
    public List<InstanceRecord> currentInstances(String state) {
        StateNames.require(state);
        return query(c -> IndexDao.current(c, state));
    }

    public Optional<InstanceRecord> currentInstance(String state, String sopInstanceUid) {
        return history(state, sopInstanceUid).stream().filter(InstanceRecord::current).findFirst();
    }

    /** Every stored version of one object, oldest first. */
    public List<InstanceRecord> history(String state, String sopInstanceUid) {
        StateNames.require(state);
        return query(c -> IndexDao.versions(c, state, sopInstanceUid));
    }

    public List<StoreEvent> events(String state) {
        StateNames.require(state);
        return query(c -> IndexDao.events(c, state));
    }

    /** The file of an index row. */
    public Path resolve(InstanceRecord r) {
        return layout.resolve(r.filePath());
    }

    public Path dataDir() {
        return layout.dataDir();
    }

    /** The index URL without password, for health output. */
    public String indexUrl() {
        return db.displayUrl();
    }

    /**
     * The index database, for the node's own tables (settings, comparisons, webhook outbox;
     * migration 002) so that one pool serves store and API alike.
     */
    public IndexDatabase index() {
        return db;
    }

    /**
     * Whether the index answers a query, for health checks. A query, not {@code isValid}: a
     * connection to an H2 database that closed itself after a failed write still looks valid,
     * and the failed query is what lets the index reopen ({@link IndexDatabase#connection}).
     */
    public boolean indexReachable() {
        try (Connection c = db.connection(); java.sql.Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether new objects can be written, for health checks (folder present and writable). */
    public boolean dataDirWritable() {
        return Files.isDirectory(layout.statesDir()) && Files.isWritable(layout.statesDir());
    }

    /**
     * Null while the data directory's volume has at least {@code storage.minFreeBytes} free,
     * else why not: new objects are refused meanwhile. For readiness checks.
     */
    public String freeSpaceShortfall() {
        return freeSpace.shortfall();
    }

    /**
     * Null while the store can make what it received durable in place; else why not (its last
     * checkpoint failed): new objects are refused meanwhile. For readiness checks.
     */
    public String checkpointProblem() {
        Exception e = commits.checkpointFailure();
        return e == null ? null : "store checkpoint failing (new objects refused): " + e.getMessage();
    }

    /** Objects committed per commit group (one journal fsync each) since the store opened; NaN before the first. */
    public double objectsPerCommitGroup() {
        long g = commits.groups();
        return g == 0 ? Double.NaN : (double) commits.objects() / g;
    }

    /** The free-space watermark in bytes; 0 when there is none. */
    public long minFreeBytes() {
        return freeSpace.minFreeBytes();
    }

    // ------------------------------------------------------------ administration

    /** Creates an empty state; false if it already exists. */
    public boolean createState(String name) {
        StateNames.require(name);
        boolean created = update(c -> IndexDao.createState(c, name));
        try {
            FileModes.createDirectories(layout.stateDir(name));
        } catch (IOException e) {
            throw new StoreException("cannot create folder of state " + name, e);
        }
        return created;
    }

    /**
     * Deletes a state: its index rows, events and files. The folder is first renamed into
     * trash/ (atomic), so a crash never leaves half a state visible; if the index cannot be
     * updated it is moved back.
     */
    public boolean deleteState(String name) {
        StateNames.require(name);
        Path dir = layout.stateDir(name);
        Path trashed = layout.trashDir().resolve(name + "-" + UUID.randomUUID());
        // the journal must not hold this state's objects once its rows (and the journal sequence
        // numbers they carry) are gone: a replay would bring them back
        commits.checkpointNow();
        knownStates.remove(name);
        spares.discard(layout.incomingDir(name)); // before the folder moves: no spare may point into it
        try {
            boolean hadDir = Files.isDirectory(dir);
            if (hadDir) {
                FileModes.createDirectories(layout.trashDir());
                Files.move(dir, trashed, StandardCopyOption.ATOMIC_MOVE);
            }
            boolean existed;
            try {
                existed = transaction(c -> IndexDao.deleteState(c, name));
            } catch (StoreException e) {
                if (hadDir) {
                    Files.move(trashed, dir, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            // durable before the folder goes: a journal replay after a crash must find the rows gone
            // (it restores files only of rows that exist), not a state half deleted
            query(c -> {
                db.forceCommitted(c);
                return null;
            });
            if (hadDir) {
                org.qanode.util.FileTrees.delete(trashed);
            }
            LOG.info("state {} deleted", name);
            return existed || hadDir;
        } catch (IOException e) {
            throw new StoreException("cannot delete state " + name, e);
        }
    }

    /** State names that have a folder on disk, whether or not the index knows them. */
    public List<String> statesOnDisk() {
        try (Stream<Path> s = Files.list(layout.statesDir())) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(StateNames::isValid)
                    .sorted().toList();
        } catch (IOException e) {
            throw new StoreException("cannot list " + layout.statesDir(), e);
        }
    }

    /**
     * Re-hashes every file of a state against the index and reports missing, corrupted and
     * unindexed files and stale staging files. With {@code repair}: rows are flagged MISSING
     * or CORRUPTED (or OK again when the file is back), readable unindexed files are indexed,
     * stale staging files are deleted. Nothing received is ever deleted by repair.
     */
    public VerifyReport verify(String state, boolean repair) {
        StateNames.require(state);
        try {
            return new Verifier(this, layout).verify(state, repair);
        } catch (IOException e) {
            throw new StoreException("cannot verify state " + state, e);
        }
    }

    @Override
    public void close() {
        spares.close();
        commits.close(); // objects already handed in are filed first, then a checkpoint
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("closing the journal: {}", e.toString());
        }
        db.close();
    }

    // ------------------------------------------------------------ internals

    CommitPipeline commits() {
        return commits;
    }

    FreeSpace freeSpace() {
        return freeSpace;
    }

    StoreFaults faults() {
        return faults;
    }

    void setFaults(StoreFaults faults) {
        this.faults = faults;
    }

    void recordEvent(String state, String uid, StoreEvent.Kind kind, String detail) {
        update(c -> {
            IndexDao.insertEvent(c, state, uid, kind, detail);
            return null;
        });
    }

    /** The state's index row, created (and written through) if it is missing. */
    void ensureStateRow(String state) {
        if (update(c -> IndexDao.createState(c, state))) {
            LOG.info("state {} created", state);
        }
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T query(Work<T> work) {
        try (Connection c = db.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("index: " + e.getMessage(), e);
        }
    }

    /** One write in autocommit mode, written through to the index file ({@link IndexDatabase#writeThrough}). */
    <T> T update(Work<T> work) {
        return query(c -> {
            T result = work.run(c);
            db.writeThrough(c);
            return result;
        });
    }

    /** Writes in one transaction, written through to the index file once committed. */
    <T> T transaction(Work<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                db.writeThrough(c);
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("index: " + e.getMessage(), e);
        }
    }
}
