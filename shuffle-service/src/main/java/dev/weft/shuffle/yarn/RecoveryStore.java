package dev.weft.shuffle.yarn;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the shuffle service's registrations (application secrets, executors' local dirs) in a
 * directory so they survive a NodeManager restart. Two files, laid out as {@link StoreRecordCodec}
 * describes:
 *
 * <ul>
 *   <li>{@value #SNAPSHOT}: the whole table at the last compaction, ending with a record that
 *       counts the records before it; only ever replaced whole, by writing a temp file, forcing it
 *       to disk and renaming it over the old one;
 *   <li>{@value #LOG}: every change since, appended and forced to disk one record at a time.
 * </ul>
 *
 * <p>Opening replays the snapshot and then the log, then compacts at once: a fresh snapshot of what
 * was recovered and an empty log. Compaction also runs after every {@code compactEvery} appended
 * records. A crash between the two renames of a compaction leaves the new snapshot with the old
 * log, and replaying a log twice changes nothing, so no state is lost.
 *
 * <p>Damage to a file's contents never stops the store from opening: what could be read is kept,
 * what was dropped is listed in the {@link RecoveryReport}, and the damaged file is kept beside the
 * store with the suffix {@value #CORRUPT_SUFFIX} for inspection. A directory that cannot be
 * created, read or written does stop it, with an {@link IOException} naming the path.
 *
 * <p>The files hold application secrets: they are created readable by their owner only.
 * Thread-safe.
 */
final class RecoveryStore implements Closeable {
  static final String SNAPSHOT = "registrations.snapshot";
  static final String LOG = "registrations.log";
  static final String CORRUPT_SUFFIX = ".corrupt";
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path dir;
  private final int compactEvery;
  private final RegistrationTable table;
  private final RecoveryReport report;
  private FileChannel log;
  private int appendedSinceCompaction;
  private boolean closed;

  private RecoveryStore(
      Path dir, int compactEvery, RegistrationTable table, RecoveryReport report) {
    this.dir = dir;
    this.compactEvery = compactEvery;
    this.table = table;
    this.report = report;
  }

  /**
   * Opens the store in {@code dir}, creating the directory if needed, and recovers what it holds.
   *
   * @param compactEvery appended records after which the log is folded into the snapshot
   * @throws IOException when the directory or its files cannot be created, read or written
   */
  static RecoveryStore open(Path dir, int compactEvery) throws IOException {
    if (compactEvery < 1) {
      throw new IllegalArgumentException("compactEvery must be at least 1, was " + compactEvery);
    }
    createDirectory(dir);
    RegistrationTable table = new RegistrationTable();
    List<String> problems = new ArrayList<>();
    replay(dir.resolve(SNAPSHOT), StoreRecordCodec.KIND_SNAPSHOT, table, problems);
    replay(dir.resolve(LOG), StoreRecordCodec.KIND_LOG, table, problems);
    RecoveryReport report =
        new RecoveryReport(dir, table.applications().size(), table.executorCount(), problems);
    RecoveryStore store = new RecoveryStore(dir, compactEvery, table, report);
    store.compact();
    return store;
  }

  /** What opening the store recovered and dropped. */
  RecoveryReport report() {
    return report;
  }

  /** The directory that holds the store's files. */
  Path dir() {
    return dir;
  }

  /** Every application the store holds now, in registration order. */
  synchronized List<RecoveredApplication> applications() {
    return table.applications();
  }

  /**
   * Remembers an application's secret, replacing an earlier one.
   *
   * @return whether a record was written (false when the same secret was already stored)
   * @throws IOException when the record cannot be written and forced to disk
   */
  synchronized boolean putApplication(String appId, byte[] secret) throws IOException {
    return putApplication(appId, secret, null);
  }

  /** {@link #putApplication(String, byte[])} keeping the user the application runs as too. */
  synchronized boolean putApplication(String appId, byte[] secret, String user) throws IOException {
    return write(new StoreRecord.ApplicationRegistered(appId, secret, user));
  }

  /**
   * Remembers an executor's local dirs and layout, replacing an earlier registration.
   *
   * @return whether a record was written: false when the same registration was already stored, or
   *     when its application is not registered (it stopped while the executor registered)
   * @throws IOException when the record cannot be written and forced to disk
   */
  synchronized boolean putExecutor(StoreRecord.ExecutorRegistered executor) throws IOException {
    if (!table.contains(executor.appId())) {
      return false;
    }
    return write(executor);
  }

  /**
   * Forgets an application and its executors.
   *
   * @return whether a record was written (false when the application was not stored)
   * @throws IOException when the record cannot be written and forced to disk
   */
  synchronized boolean removeApplication(String appId) throws IOException {
    return write(new StoreRecord.ApplicationRemoved(appId));
  }

  /** Closes the log; the files stay for the next start. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    closed = true;
    closeLog();
  }

  private boolean write(StoreRecord record) throws IOException {
    if (closed) {
      throw new IllegalStateException("The shuffle recovery store in " + dir + " is closed");
    }
    if (table.alreadyHolds(record)) {
      return false;
    }
    writeFully(log, StoreRecordCodec.frame(record));
    log.force(false);
    table.apply(record);
    if (++appendedSinceCompaction >= compactEvery) {
      compact();
    }
    return true;
  }

  /** Writes a fresh snapshot of the table, then replaces the log with an empty one. */
  private void compact() throws IOException {
    ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
    append(snapshot, StoreRecordCodec.header(StoreRecordCodec.KIND_SNAPSHOT));
    List<StoreRecord> records = table.toRecords();
    for (StoreRecord record : records) {
      append(snapshot, StoreRecordCodec.frame(record));
    }
    append(snapshot, StoreRecordCodec.frame(new StoreRecord.SnapshotEnd(records.size())));
    replaceAtomically(dir.resolve(SNAPSHOT), ByteBuffer.wrap(snapshot.toByteArray()));
    closeLog();
    Path logFile = dir.resolve(LOG);
    replaceAtomically(logFile, StoreRecordCodec.header(StoreRecordCodec.KIND_LOG));
    syncDirectory();
    log = FileChannel.open(logFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    appendedSinceCompaction = 0;
  }

  private static void replay(Path file, byte kind, RegistrationTable table, List<String> problems)
      throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    RecordFileReader.Contents contents = RecordFileReader.read(file, kind);
    List<String> found = new ArrayList<>(contents.problems());
    List<RecordFileReader.Entry> entries = new ArrayList<>(contents.entries());
    if (kind == StoreRecordCodec.KIND_SNAPSHOT) {
      checkSnapshotEnd(file, entries, contents.damaged(), found);
    }
    for (RecordFileReader.Entry entry : entries) {
      String problem = table.apply(entry.record());
      if (problem != null) {
        found.add(file + ": record at byte " + entry.offset() + ": " + problem + "; dropped it");
      }
    }
    if (!found.isEmpty()) {
      Path aside = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX);
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      found.add(file + ": kept the damaged file as " + aside);
    }
    problems.addAll(found);
  }

  /** Removes the snapshot's end record from {@code entries}, reporting when it is missing. */
  private static void checkSnapshotEnd(
      Path file, List<RecordFileReader.Entry> entries, boolean damaged, List<String> problems) {
    int last = entries.size() - 1;
    if (last < 0 || !(entries.get(last).record() instanceof StoreRecord.SnapshotEnd end)) {
      if (!damaged) {
        problems.add(file + ": no end record, the snapshot was cut short; later records lost");
      }
      return;
    }
    entries.remove(last);
    if (end.recordCount() != last && !damaged) {
      problems.add(
          file + ": the end record counts " + end.recordCount() + " records, found " + last);
    }
  }

  private static void createDirectory(Path dir) throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toString());
    }
    Files.createDirectories(dir);
    if (!Files.isReadable(dir) || !Files.isWritable(dir) || !Files.isExecutable(dir)) {
      throw new AccessDeniedException(dir.toString(), null, "not readable and writable");
    }
  }

  /** Writes {@code bytes} to a temp file, forces it to disk and renames it over {@code file}. */
  private void replaceAtomically(Path file, ByteBuffer bytes) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    Files.deleteIfExists(temp);
    try (FileChannel out =
        FileChannel.open(
            temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
      writeFully(out, bytes);
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Forces the directory's entries (the renames) to disk. */
  private void syncDirectory() throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private FileAttribute<?>[] ownerOnly() {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
    return new FileAttribute<?>[0];
  }

  private void closeLog() throws IOException {
    if (log != null) {
      FileChannel l = log;
      log = null;
      l.close();
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private static void append(ByteArrayOutputStream out, ByteBuffer bytes) {
    out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
  }
}
