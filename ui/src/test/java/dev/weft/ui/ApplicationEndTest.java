package dev.weft.ui;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.status.AppStatusStore;
import dev.weft.core.status.ApplicationEnd;
import dev.weft.core.status.EventLogFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The event log records how the program ended, which only its host knows once the program has
 * thrown after closing its context.
 */
public class ApplicationEndTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @After
  public void noHostLeft() {
    ApplicationEnd.finish(null);
  }

  @Test
  public void underAHostTheLogStaysOpenUntilTheHostSaysTheProgramFailed() throws IOException {
    Path dir = tmp.newFolder("history").toPath();
    ApplicationEnd.deferToHost();
    try (WeftContext weft = context(dir)) {
      assertEquals(3, weft.parallelize(List.of(1, 2, 3), 2).count());
    }
    assertTrue("still running until the host knows", onlyLog(dir).endsWith(".inprogress"));

    ApplicationEnd.finish("RuntimeException: the report was empty");

    AppStatusStore store = replay(onlyLog(dir));
    assertEquals("FAILED", store.application().state());
    assertEquals("RuntimeException: the report was empty", store.application().failure());
  }

  @Test
  public void withoutAHostAStoppedContextRecordsItsOwnEnd() throws IOException {
    Path dir = tmp.newFolder("history").toPath();
    try (WeftContext weft = context(dir)) {
      assertEquals(3, weft.parallelize(List.of(1, 2, 3), 2).count());
    }
    String log = onlyLog(dir);
    assertFalse(log, log.endsWith(".inprogress"));
    assertEquals("SUCCEEDED", replay(log).application().state());
  }

  private static WeftContext context(Path dir) {
    return new WeftContext(
        new WeftConf(false)
            .setMaster("local[1]")
            .setAppName("end-test")
            .set("weft.eventLog.enabled", "true")
            .set("weft.eventLog.dir", dir.toUri().toString()));
  }

  private static String onlyLog(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> logs = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
      assertEquals(logs.toString(), 1, logs.size());
      return logs.get(0).toString();
    }
  }

  private static AppStatusStore replay(String log) throws IOException {
    AppStatusStore store = new AppStatusStore(AppStatusStore.Limits.DEFAULT, () -> 0L);
    try (BufferedReader in = Files.newBufferedReader(Path.of(log))) {
      EventLogFormat.replay(in, log, store);
    }
    return store;
  }
}
