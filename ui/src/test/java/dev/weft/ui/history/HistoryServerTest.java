package dev.weft.ui.history;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The history server's command line refuses what it cannot serve. */
public class HistoryServerTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void aMissingEventLogDirectoryIsOneLineAndExitCode2() {
    Path missing = tmp.getRoot().toPath().resolve("no-such-history");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        HistoryServer.run(
            new String[] {"--port", "0", "--dir", missing.toUri().toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());

    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(2, code);
    assertEquals(message, 1, message.lines().count());
    assertTrue(message, message.contains("no-such-history"));
    assertTrue(message, message.contains("--dir or weft.eventLog.dir"));
  }

  @Test
  public void kerberosWebAuthenticationWithoutAKeytabIsOneLineAndExitCode2() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code =
        HistoryServer.run(
            new String[] {
              "--port",
              "0",
              "--dir",
              tmp.newFolder("history").toURI().toString(),
              "--conf",
              "weft.hadoop.hadoop.http.authentication.type=kerberos"
            },
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());

    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(message, 2, code);
    assertEquals(message, 1, message.lines().count());
    assertTrue(message, message.contains("hadoop.http.authentication.kerberos.principal"));
  }
}
