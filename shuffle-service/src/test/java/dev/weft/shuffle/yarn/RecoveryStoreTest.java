package dev.weft.shuffle.yarn;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The recovery store's file format, compaction and damage handling. */
public class RecoveryStoreTest {
  private static final byte[] SECRET_A = ServiceFixture.secret("a");
  private static final byte[] SECRET_B = ServiceFixture.secret("b");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path dir;

  @Before
  public void setUp() {
    dir = tmp.getRoot().toPath().resolve("store");
  }

  @Test
  public void aReopenedStoreHoldsWhatWasWritten() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      store.putApplication("app-a", SECRET_A);
      store.putApplication("app-b", SECRET_B);
      store.putExecutor(executor("app-a", "1", "/nm/a1"));
      store.putExecutor(executor("app-a", "2", "/nm/a2"));
      store.putExecutor(executor("app-a", "1", "/nm/a1-moved"));
      store.removeApplication("app-b");
    }

    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      List<RecoveredApplication> apps = store.applications();
      assertEquals(1, apps.size());
      assertEquals("app-a", apps.get(0).appId());
      assertArrayEquals(SECRET_A, apps.get(0).secret());
      assertEquals(
          List.of(executor("app-a", "1", "/nm/a1-moved"), executor("app-a", "2", "/nm/a2")),
          apps.get(0).executors());
      assertEquals(new RecoveryReport(dir, 1, 2, List.of()), store.report());
    }
  }

  @Test
  public void unchangedRegistrationsAreNotWrittenAgain() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      assertTrue(store.putApplication("app-a", SECRET_A));
      assertFalse(store.putApplication("app-a", SECRET_A));
      assertTrue(store.putExecutor(executor("app-a", "1", "/nm/a1")));
      assertFalse(store.putExecutor(executor("app-a", "1", "/nm/a1")));
      assertFalse(store.removeApplication("never-registered"));
    }
  }

  @Test
  public void anExecutorOfAnUnregisteredApplicationIsNotKept() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      assertFalse(store.putExecutor(executor("gone", "1", "/nm/g1")));
      assertEquals(List.of(), store.applications());
    }
  }

  @Test
  public void compactionFoldsTheLogIntoTheSnapshotWithoutLosingState() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 3)) {
      for (int i = 0; i < 10; i++) {
        store.putApplication("app-" + i, SECRET_A);
      }
      store.removeApplication("app-0");
      long logLength = Files.size(dir.resolve(RecoveryStore.LOG));
      assertTrue("log of " + logLength + " bytes not compacted", logLength < 200);
    }

    try (RecoveryStore store = RecoveryStore.open(dir, 3)) {
      assertEquals(9, store.applications().size());
      assertFalse(store.report().damaged());
    }
  }

  @Test
  public void aCrashBetweenSnapshotAndLogReplacementLosesNothing() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      store.putApplication("app-a", SECRET_A);
      store.putApplication("app-b", SECRET_B);
      store.putExecutor(executor("app-b", "1", "/nm/b1"));
      store.removeApplication("app-a");
    }
    byte[] oldLog = Files.readAllBytes(dir.resolve(RecoveryStore.LOG));
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      // Opening compacted: the snapshot now holds everything; put the old log back, as if the
      // process died after renaming the new snapshot and before replacing the log.
      assertEquals(1, store.applications().size());
    }
    Files.write(dir.resolve(RecoveryStore.LOG), oldLog);

    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      assertEquals(1, store.applications().size());
      assertEquals("app-b", store.applications().get(0).appId());
      assertEquals(1, store.applications().get(0).executors().size());
      assertFalse(store.report().damaged());
    }
  }

  @Test
  public void aTornLastRecordIsDroppedAndReported() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      store.putApplication("app-a", SECRET_A);
      store.putApplication("app-b", SECRET_B);
    }
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      store.putApplication("app-c", SECRET_A);
    }
    Path log = dir.resolve(RecoveryStore.LOG);
    byte[] withC = Files.readAllBytes(log);
    Files.write(log, Arrays.copyOf(withC, withC.length - 5));

    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      assertEquals(2, store.applications().size());
      List<String> problems = store.report().problems();
      assertEquals(problems.toString(), 2, problems.size());
      assertTrue(problems.get(0), problems.get(0).contains(RecoveryStore.LOG + ": bytes "));
      assertTrue(problems.get(1), problems.get(1).contains("kept the damaged file"));
    }
  }

  @Test
  public void oneDamagedRecordCostsOnlyItselfAndIsNamed() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      store.putApplication("app-a", SECRET_A);
      store.putApplication("app-b", SECRET_B);
      store.putExecutor(executor("app-b", "1", "/nm/b1"));
      store.putApplication("app-c", SECRET_A);
    }
    compact();
    flipByteOfRecordMentioning(dir.resolve(RecoveryStore.SNAPSHOT).toFile(), "app-b");

    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      List<String> kept = store.applications().stream().map(RecoveredApplication::appId).toList();
      assertEquals(List.of("app-a", "app-c"), kept);
      String problems = String.join("\n", store.report().problems());
      assertTrue(problems, problems.contains("apparently the registration of application app-b"));
      assertTrue(problems, problems.contains("executor 1 of application app-b"));
      assertTrue(
          Files.isRegularFile(dir.resolve(RecoveryStore.SNAPSHOT + RecoveryStore.CORRUPT_SUFFIX)));
    }
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      assertFalse("damage is reported once", store.report().damaged());
    }
  }

  @Test
  public void aFileOfAnotherFormatVersionIsDroppedWhole() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      store.putApplication("app-a", SECRET_A);
    }
    compact();
    Path snapshot = dir.resolve(RecoveryStore.SNAPSHOT);
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[StoreRecordCodec.MAGIC.length + 3] = 9;
    Files.write(snapshot, bytes);

    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      assertEquals(List.of(), store.applications());
      assertTrue(
          store.report().problems().toString(),
          store.report().problems().get(0).contains("expected format version 1, found 9"));
    }
  }

  @Test
  public void aSnapshotCutShortIsReported() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      store.putApplication("app-a", SECRET_A);
    }
    compact();
    Path snapshot = dir.resolve(RecoveryStore.SNAPSHOT);
    byte[] bytes = Files.readAllBytes(snapshot);
    int endFrame = StoreRecordCodec.frame(new StoreRecord.SnapshotEnd(1)).remaining();
    Files.write(snapshot, Arrays.copyOf(bytes, bytes.length - endFrame));

    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      assertEquals(1, store.applications().size());
      assertTrue(
          store.report().problems().toString(),
          store.report().problems().get(0).contains("cut short"));
    }
  }

  @Test
  public void theFilesAreReadableByTheirOwnerOnly() throws IOException {
    try (RecoveryStore store = RecoveryStore.open(dir, 100)) {
      store.putApplication("app-a", SECRET_A);
    }
    for (String name : List.of(RecoveryStore.SNAPSHOT, RecoveryStore.LOG)) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))));
    }
  }

  @Test
  public void aClosedStoreRefusesWrites() throws IOException {
    RecoveryStore store = RecoveryStore.open(dir, 100);
    store.close();

    assertThrows(IllegalStateException.class, () -> store.putApplication("app-a", SECRET_A));
  }

  /** Opening folds the log into the snapshot. */
  private void compact() throws IOException {
    RecoveryStore.open(dir, 100).close();
  }

  private static StoreRecord.ExecutorRegistered executor(String app, String id, String dir) {
    return new StoreRecord.ExecutorRegistered(app, id, List.of(dir), 64);
  }

  /**
   * Flips one byte inside the store's first record whose payload contains {@code text}, a few bytes
   * after it so that the text itself stays readable.
   */
  static void damageFirstRecordMentioning(Path storeDir, String text) throws IOException {
    for (String name : List.of(RecoveryStore.SNAPSHOT, RecoveryStore.LOG)) {
      File file = storeDir.resolve(name).toFile();
      if (new String(Files.readAllBytes(file.toPath()), StandardCharsets.ISO_8859_1)
          .contains(text)) {
        flipByteOfRecordMentioning(file, text);
        return;
      }
    }
    throw new AssertionError(text + " not found in the store in " + storeDir);
  }

  /** Flips one byte of the record in {@code file} whose payload contains {@code text}. */
  static void flipByteOfRecordMentioning(File file, String text) throws IOException {
    byte[] bytes = Files.readAllBytes(file.toPath());
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
        int target = i + needle.length + Integer.BYTES + 2;
        bytes[target] ^= 0x5a;
        Files.write(file.toPath(), bytes);
        return;
      }
    }
    throw new AssertionError(text + " not found in " + file);
  }
}
